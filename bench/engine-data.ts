/**
 * Deterministic data of the engine benchmark, generated in memory as typed arrays, so every
 * engine (and the CSV files DuckDB reads) sees exactly the same values.
 *
 * Fact table (n rows):
 *   key       string  `K0000123`, uniform over G distinct keys (a few may not occur)
 *   amount    float64 cents / 100 in [0, 1000), ~5% null
 *   qty       int     1..10
 *   category  string  20 values, skewed
 *   ts        timestamp, whole seconds in 2024 (naive wall clock)
 * Dimension table (G rows, one per key slot, shuffled):
 *   key       string  90% are fact keys, 10% are keys that never occur in the fact table
 *   region    string  50 values
 *   score     float64 whole hundredths in [0, 100)
 */

/** Milliseconds of 2024-01-01 00:00:00 (UTC = naive wall clock). */
export const TS_BASE = Date.UTC(2024, 0, 1);
/** Seconds in 2024. */
const TS_SPAN = 366 * 86_400;

export const CATEGORIES: readonly string[] = Array.from({ length: 20 }, (_, i) => `cat_${String(i).padStart(2, '0')}`);
export const REGIONS: readonly string[] = Array.from({ length: 50 }, (_, i) => `region_${String(i).padStart(2, '0')}`);

/** The filter of the benchmark: amount > FILTER_AMOUNT and category in FILTER_CATEGORIES. */
export const FILTER_AMOUNT = 500;
export const FILTER_CATEGORIES: readonly string[] = ['cat_00', 'cat_03', 'cat_07', 'cat_11', 'cat_19'];

/** A small deterministic generator (mulberry32). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed | 0;
  }
  next(): number {
    const s = (this.s = (this.s + 0x6d2b79f5) | 0);
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.next() * n) / 4294967296);
  }
}

export interface FactData {
  readonly n: number;
  readonly groups: number;
  /** Key slot of each row, 0..groups-1; the key string is `keyName(slot)`. */
  readonly keySlot: Int32Array;
  readonly amount: Float64Array;
  /** 1 = amount present. */
  readonly amountValid: Uint8Array;
  readonly qty: Int32Array;
  readonly category: Uint8Array;
  /** Milliseconds since the epoch (whole seconds). */
  readonly ts: Float64Array;
}

export interface DimData {
  /** Key slot of each dimension row (slots >= groups never occur in the fact table). */
  readonly keySlot: Int32Array;
  readonly region: Uint8Array;
  readonly score: Float64Array;
}

/** Digits of a key's number (enough for 2 * groups). */
export function keyWidth(groups: number): number {
  return Math.max(7, String(2 * groups).length);
}

/** The key string of a slot. */
export function keyName(slot: number, width: number): string {
  return `K${String(slot).padStart(width, '0')}`;
}

/** The fact table of n rows over G keys. */
export function generateFact(n: number, groups: number, seed = 42): FactData {
  const rng = new Rng(seed);
  const keySlot = new Int32Array(n);
  const amount = new Float64Array(n);
  const amountValid = new Uint8Array(n);
  const qty = new Int32Array(n);
  const category = new Uint8Array(n);
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    keySlot[i] = rng.below(groups);
    if (rng.below(100) < 5) amountValid[i] = 0;
    else {
      amountValid[i] = 1;
      amount[i] = rng.below(100_000) / 100;
    }
    qty[i] = 1 + rng.below(10);
    // Skewed categories: min of two uniforms.
    category[i] = Math.min(rng.below(20), rng.below(20));
    ts[i] = TS_BASE + rng.below(TS_SPAN) * 1000;
  }
  return { n, groups, keySlot, amount, amountValid, qty, category, ts };
}

/** The dimension table: one row per key slot 0..G-1, shuffled; every 10th slot is replaced by a key absent from the facts. */
export function generateDim(groups: number, seed = 7): DimData {
  const rng = new Rng(seed);
  const keySlot = new Int32Array(groups);
  for (let j = 0; j < groups; j++) keySlot[j] = j % 10 === 9 ? groups + j : j;
  for (let j = groups - 1; j > 0; j--) {
    const k = rng.below(j + 1);
    const t = keySlot[j]!;
    keySlot[j] = keySlot[k]!;
    keySlot[k] = t;
  }
  const region = new Uint8Array(groups);
  const score = new Float64Array(groups);
  for (let j = 0; j < groups; j++) {
    region[j] = rng.below(REGIONS.length);
    score[j] = rng.below(10_000) / 100;
  }
  return { keySlot, region, score };
}

function pad2(x: number): string {
  return x < 10 ? `0${x}` : String(x);
}

/** `YYYY-MM-DD HH:MM:SS` of a naive timestamp in ms. */
export function formatTs(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}
