/**
 * The generator's pseudo-random numbers: a 32-bit mulberry-style generator whose state is
 * derived from (seed, stream, entity index), so any entity's values can be recomputed alone, on
 * any thread, in any order. Only integer operations and IEEE-exact double arithmetic
 * (+ - * / and sqrt) are used, so results are the same on every machine.
 */

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_32 = 1 / 4294967296;

/** Finalises a 32-bit hash (murmur3 fmix32). */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The starting state of the stream `stream` of entity `index` under `seed` (all 32-bit). */
export function streamState(seed: number, stream: number, index: number): number {
  const a = fmix32((seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0);
  return fmix32((a ^ Math.imul(index + 0x632be5ab, 0x85ebca77)) >>> 0);
}

/** A probability as a 32-bit threshold for `Rng.chance32` (p clamped to [0, 1]). */
export function threshold32(p: number): number {
  if (!(p > 0)) return 0;
  if (p >= 1) return TWO_POW_32;
  return Math.floor(p * TWO_POW_32);
}

/** A small, fast, reseedable pseudo-random generator (mulberry32). */
export class Rng {
  private state = 0;

  /** Restarts the generator at the stream of one entity. */
  reset(seed: number, stream: number, index: number): this {
    this.state = streamState(seed, stream, index) | 0;
    return this;
  }

  /** The next value, a uniform unsigned 32-bit integer. */
  next(): number {
    const s = (this.state = (this.state + 0x6d2b79f5) | 0);
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform integer in [0, n) for 0 < n <= 2^32. */
  below(n: number): number {
    // Exact: next() * n < 2^53 and scaling by a power of two only moves the exponent.
    return Math.floor(this.next() * n * TWO_POW_MINUS_32);
  }

  /** A uniform integer in [lo, hi] (inclusive). */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** A uniform double in (0, 1). */
  unit(): number {
    return (this.next() + 0.5) / TWO_POW_32;
  }

  /** True with probability p (use `threshold32` to turn p into the threshold). */
  chance32(threshold: number): boolean {
    return this.next() < threshold;
  }

  /** True with probability `percent` / 100. */
  percent(percent: number): boolean {
    return this.below(100) < percent;
  }

  /** A heavy-tailed value >= 1 (Pareto with shape 2): 1 / sqrt(u). */
  pareto2(): number {
    return 1 / Math.sqrt(this.unit());
  }

  /** An index drawn from a lookup table built by `weightTable`. */
  pick(table: Uint8Array | Uint16Array): number {
    return table[this.below(table.length)];
  }
}

/**
 * A lookup table for a small discrete distribution: index i appears weights[i] times, so a
 * uniform position in the table draws i with probability weights[i] / sum.
 */
export function weightTable(weights: readonly number[]): Uint8Array | Uint16Array {
  const total = weights.reduce((s, w) => s + w, 0);
  const table = weights.length <= 256 ? new Uint8Array(total) : new Uint16Array(total);
  let at = 0;
  weights.forEach((w, i) => {
    table.fill(i, at, at + w);
    at += w;
  });
  return table;
}
