/**
 * Hash aggregation over factorised group ids: one pass per aggregate over typed arrays.
 */
import { C360Error } from '../../errors';
import { Column, ListColumn, NumericColumn, StringColumn, allocBitmap, setBit } from '../column';
import { AggNode, ExprNode, typeOfAgg } from '../expr';
import { DataFrame } from '../frame';
import { DataType, Field } from '../types';
import { evalExpr } from './eval';
import { factorize, valueCodes } from './factorize';
import { stringRanks } from './order';

/** Groups `frame` by `keys` and computes the named aggregates; one row per group, in order of first appearance. */
export function aggregate(frame: DataFrame, keys: readonly string[], aggs: readonly { name: string; agg: AggNode }[]): DataFrame {
  const n = frame.numRows;
  const keyCols = keys.map((k) => frame.column(k));
  const groups = factorize(keyCols, n);
  // A global aggregate over an empty frame still yields one row (SQL semantics).
  const G = keys.length === 0 ? 1 : groups.count;
  const ids = groups.ids;
  const fields: Field[] = keys.map((k) => ({ name: k, type: frame.typeOf(k) }));
  const cols: Column[] = keyCols.map((c) => c.take(groups.first));
  const shared = new SharedWork(frame, ids, G);
  // count(*) comes cheapest out of a sum/count pass over a numeric argument (its counts plus its
  // null rows), so when both are asked for, that pass runs first.
  if (aggs.some((a) => a.agg.fn === 'countAll')) {
    for (const { agg } of aggs) {
      if ((agg.fn !== 'sum' && agg.fn !== 'mean' && agg.fn !== 'count') || agg.arg === null) continue;
      const a = shared.arg(agg.arg);
      if (a.kind === 'numeric') {
        shared.sumCount(a);
        break;
      }
    }
  }
  for (const { name, agg } of aggs) {
    const type = typeOfAgg(agg, frame.schema);
    fields.push({ name, type });
    cols.push(runAgg(agg, type, frame, ids, G, shared));
  }
  return new DataFrame(fields, cols, G);
}

/**
 * Work shared by the aggregates of one group-by: each argument (a column, or one expression node)
 * is evaluated once, and the per-group sums and counts of a numeric argument are computed in one pass for
 * sum, mean and count together.
 */
class SharedWork {
  private readonly args = new Map<ExprNode | string, Column>();
  private readonly sums = new Map<Column, { sums: Float64Array; counts: Float64Array; validity: Uint8Array | null }>();
  private sizes: Float64Array | undefined;
  constructor(
    private readonly frame: DataFrame,
    private readonly ids: Int32Array,
    private readonly G: number,
  ) {}
  arg(node: ExprNode): Column {
    // Column references by name (each col('x') is its own node object); anything else by identity.
    const key = node.op === 'col' ? `col:${node.name}` : node;
    let c = this.args.get(key);
    if (c === undefined) {
      c = evalExpr(node, this.frame);
      this.args.set(key, c);
    }
    return c;
  }
  /** Rows per group (count(*)). */
  groupSizes(): Float64Array {
    if (this.sizes === undefined) {
      const ids = this.ids;
      const n = ids.length;
      const done = this.sums.values().next();
      if (!done.done) {
        // The non-null counts of a numeric argument, plus its null rows.
        const out = done.value.counts.slice();
        const bits = done.value.validity;
        if (bits !== null) {
          for (let b = 0; b < bits.length; b++) {
            const byte = bits[b]!;
            if (byte === 0xff) continue;
            for (let j = 0, i = b << 3; j < 8 && i < n; j++, i++) if ((byte & (1 << j)) === 0) out[ids[i]!]!++;
          }
        }
        this.sizes = out;
      } else {
        const out = new Float64Array(this.G);
        for (let i = 0; i < n; i++) out[ids[i]!]!++;
        this.sizes = out;
      }
    }
    return this.sizes;
  }
  /** Per-group sum and count of the non-null values (read-only: callers copy). */
  sumCount(arg: NumericColumn): { sums: Float64Array; counts: Float64Array; validity: Uint8Array | null } {
    let r = this.sums.get(arg);
    if (r === undefined) {
      const G = this.G;
      const ids = this.ids;
      const n = ids.length;
      const sums = new Float64Array(G);
      const counts = new Float64Array(G);
      const vals = arg.values;
      const bits = arg.validity;
      if (bits === null) {
        for (let i = 0; i < n; i++) {
          const g = ids[i]!;
          sums[g]! += vals[i]!;
          counts[g]!++;
        }
      } else {
        for (let i = 0; i < n; i++) {
          if ((bits[i >>> 3]! & (1 << (i & 7))) === 0) continue;
          const g = ids[i]!;
          sums[g]! += vals[i]!;
          counts[g]!++;
        }
      }
      r = { sums, counts, validity: bits };
      this.sums.set(arg, r);
    }
    return r;
  }
}

function runAgg(agg: AggNode, type: DataType, frame: DataFrame, ids: Int32Array, G: number, shared: SharedWork): Column {
  const n = frame.numRows;
  if (agg.fn === 'countAll') return new NumericColumn('int', shared.groupSizes().slice(), null);
  const arg = shared.arg(agg.arg!);
  switch (agg.fn) {
    case 'count': {
      if (arg.kind === 'numeric') return new NumericColumn('int', shared.sumCount(arg).counts.slice(), null);
      if (arg.validity === null) return new NumericColumn('int', shared.groupSizes().slice(), null);
      const out = new Float64Array(G);
      for (let i = 0; i < n; i++) if (arg.isValid(i)) out[ids[i]!]!++;
      return new NumericColumn('int', out, null);
    }
    case 'countIf': {
      if (arg.kind !== 'bool') throw new C360Error('countIf needs a boolean expression');
      const out = new Float64Array(G);
      for (let i = 0; i < n; i++) if (arg.values[i] === 1 && arg.isValid(i)) out[ids[i]!]!++;
      return new NumericColumn('int', out, null);
    }
    case 'sum':
    case 'mean': {
      if (arg.kind !== 'numeric') throw new C360Error(`${agg.fn} needs numbers`);
      const shares = shared.sumCount(arg);
      const sums = shares.sums.slice();
      const counts = shares.counts;
      const valid = allocBitmap(G);
      let anyNull = false;
      for (let g = 0; g < G; g++) {
        if (counts[g]! > 0) {
          setBit(valid, g);
          if (agg.fn === 'mean') sums[g] = sums[g]! / counts[g]!;
        } else anyNull = true;
      }
      return new NumericColumn(type as 'int' | 'float64', sums, anyNull ? valid : null);
    }
    case 'min':
    case 'max': {
      const sign = agg.fn === 'min' ? 1 : -1;
      if (arg.kind === 'numeric') {
        const best = new Float64Array(G);
        const seen = new Uint8Array(G);
        for (let i = 0; i < n; i++) {
          if (!arg.isValid(i)) continue;
          const g = ids[i]!;
          const v = arg.values[i]!;
          const b = best[g]!;
          // NaN sorts above every number (Spark's order).
          const better = sign > 0 ? v < b || (Number.isNaN(b) && !Number.isNaN(v)) : v > b || (Number.isNaN(v) && !Number.isNaN(b));
          if (seen[g] === 0 || better) {
            best[g] = v;
            seen[g] = 1;
          }
        }
        return withSeen(new NumericColumn(arg.type, best, null), seen);
      }
      if (arg.kind === 'string') {
        const ranks = stringRanks(arg);
        const best = new Int32Array(G).fill(-1);
        for (let i = 0; i < n; i++) {
          const c = arg.codes[i]!;
          if (c < 0) continue;
          const g = ids[i]!;
          const b = best[g]!;
          if (b < 0 || sign * (ranks[c]! - ranks[b]!) < 0) best[g] = c;
        }
        return new StringColumn(best, arg.dict);
      }
      throw new C360Error(`${agg.fn} does not take ${arg.type}`);
    }
    case 'countDistinct':
      return new NumericColumn('int', countDistinct(ids, G, arg), null);
    case 'collectList': {
      if (arg.kind !== 'string') throw new C360Error('collectList needs strings');
      return collectList(ids, G, arg, agg.sorted === true);
    }
  }
  throw new C360Error(`unknown aggregate ${agg.fn}`);
}

/**
 * Number of distinct non-null values of `arg` per group. The values become dense codes (string
 * codes as they are: dictionary entries are unique), then each (group, code) pair is marked once:
 * in a bitmap of G × card bits when that is small, otherwise by visiting the rows group by group
 * with a per-code stamp of the last group that saw it.
 */
function countDistinct(ids: Int32Array, G: number, arg: Column): Float64Array {
  const n = ids.length;
  const { codes, card } = arg.kind === 'string' ? { codes: arg.codes, card: arg.dict.length } : valueCodes(arg);
  const out = new Float64Array(G);
  if (G * card <= 1 << 28) {
    const seen = new Uint8Array((G * card + 7) >>> 3);
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      if (c < 0) continue;
      const g = ids[i]!;
      const k = g * card + c;
      const byte = k >>> 3;
      const bit = 1 << (k & 7);
      if ((seen[byte]! & bit) === 0) {
        seen[byte]! |= bit;
        out[g]!++;
      }
    }
    return out;
  }
  // Rows bucketed by group (counting sort), then one stamp per code.
  const start = new Int32Array(G + 1);
  for (let i = 0; i < n; i++) start[ids[i]! + 1]!++;
  for (let g = 0; g < G; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, G);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[fill[ids[i]!]!++] = i;
  const stamp = new Int32Array(card).fill(-1);
  for (let g = 0; g < G; g++) {
    let d = 0;
    for (let p = start[g]!, e = start[g + 1]!; p < e; p++) {
      const c = codes[rows[p]!]!;
      if (c >= 0 && stamp[c] !== g) {
        stamp[c] = g;
        d++;
      }
    }
    out[g] = d;
  }
  return out;
}

/**
 * The non-null values of each group as a list column that shares `arg`'s dictionary: the group
 * sizes become offsets, the codes are written in place in row order, and, when `sorted`, each
 * group's codes are then sorted by dictionary rank (string order; equal strings have equal codes
 * since dictionary entries are unique).
 */
function collectList(ids: Int32Array, G: number, arg: StringColumn, sorted: boolean): ListColumn {
  const n = ids.length;
  const codes = arg.codes;
  const offsets = new Int32Array(G + 1);
  for (let i = 0; i < n; i++) if (codes[i]! >= 0) offsets[ids[i]! + 1]!++;
  for (let g = 0; g < G; g++) offsets[g + 1]! += offsets[g]!;
  const fill = offsets.slice(0, G);
  const items = new Int32Array(offsets[G]!);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c >= 0) items[fill[ids[i]!]!++] = c;
  }
  if (sorted) sortSegments(items, offsets, stringRanks(arg));
  return new ListColumn(offsets, items, arg.dict, null);
}

/** Sorts each segment `items[offsets[g] .. offsets[g + 1])` by `ranks` of its codes. */
function sortSegments(items: Int32Array, offsets: Int32Array, ranks: Int32Array): void {
  const G = offsets.length - 1;
  for (let g = 0; g < G; g++) {
    const s = offsets[g]!;
    const e = offsets[g + 1]!;
    if (e - s < 2) continue;
    if (e - s > 32) {
      items.subarray(s, e).sort((a, b) => ranks[a]! - ranks[b]!);
      continue;
    }
    // Insertion sort: lists are short (a few items per transaction).
    for (let p = s + 1; p < e; p++) {
      const c = items[p]!;
      const r = ranks[c]!;
      let q = p - 1;
      while (q >= s && ranks[items[q]!]! > r) {
        items[q + 1] = items[q]!;
        q--;
      }
      items[q + 1] = c;
    }
  }
}

/** Code-unit order of strings (the order Spark uses for ASCII text). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withSeen(c: NumericColumn, seen: Uint8Array): NumericColumn {
  const G = seen.length;
  if (seen.every((s) => s === 1)) return c;
  const bits = allocBitmap(G);
  for (let g = 0; g < G; g++) if (seen[g] === 1) setBit(bits, g);
  return new NumericColumn(c.type, c.values, bits);
}
