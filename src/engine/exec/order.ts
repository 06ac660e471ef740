/**
 * Ordering kernels: row comparators over typed columns, sort, and dedupe
 * (row_number() over a partition and an order, keep the first).
 */
import { Column } from '../column';
import { DataFrame } from '../frame';
import { StringColumn } from '../column';
import { factorize } from './factorize';

/** One sort key: a column, its direction and where nulls go. */
export interface SortKey {
  readonly column: string;
  readonly descending?: boolean;
  /** Default: nulls first when ascending, last when descending (Spark's defaults). */
  readonly nulls?: 'first' | 'last';
}

const rankCache = new WeakMap<readonly string[], Int32Array>();

/**
 * Rank of each dictionary entry in string order, so strings compare as integers. Cached per
 * dictionary array (shared by the columns holding it; recomputed when the array has grown), so
 * callers must not write to the result.
 */
export function stringRanks(c: StringColumn): Int32Array {
  const dict = c.dict;
  const cached = rankCache.get(dict);
  if (cached !== undefined && cached.length === dict.length) return cached;
  const order = Array.from(dict.keys()).sort((a, b) => {
    const x = dict[a]!;
    const y = dict[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const ranks = new Int32Array(dict.length);
  order.forEach((code, rank) => {
    ranks[code] = rank;
  });
  rankCache.set(dict, ranks);
  return ranks;
}

type RowCompare = (a: number, b: number) => number;

function keyComparator(c: Column, key: SortKey): RowCompare {
  const dir = key.descending ? -1 : 1;
  const nullsFirst = (key.nulls ?? (key.descending ? 'last' : 'first')) === 'first';
  const nullSide = nullsFirst ? -1 : 1;
  let cmpValid: RowCompare;
  if (c.kind === 'string') {
    const ranks = stringRanks(c);
    const codes = c.codes;
    cmpValid = (a, b) => ranks[codes[a]!]! - ranks[codes[b]!]!;
  } else if (c.kind === 'numeric') {
    const v = c.values;
    cmpValid = (a, b) => {
      const x = v[a]!;
      const y = v[b]!;
      if (x < y) return -1;
      if (x > y) return 1;
      if (x === y) return 0;
      // NaN is larger than every number and equal to itself.
      return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    };
  } else if (c.kind === 'bool') {
    const v = c.values;
    cmpValid = (a, b) => v[a]! - v[b]!;
  } else {
    cmpValid = (a, b) => {
      const x = c.jsonAt(a) ?? 'null';
      const y = c.jsonAt(b) ?? 'null';
      return x < y ? -1 : x > y ? 1 : 0;
    };
  }
  const noNulls = c.nullCount() === 0;
  if (noNulls) return dir === 1 ? cmpValid : (a, b) => -cmpValid(a, b);
  return (a, b) => {
    const va = c.isValid(a);
    const vb = c.isValid(b);
    if (!va || !vb) return va === vb ? 0 : !va ? nullSide : -nullSide;
    return dir * cmpValid(a, b);
  };
}

/** A comparator of row indices by several keys (ties: 0). */
export function rowComparator(frame: DataFrame, keys: readonly SortKey[]): RowCompare {
  const cmps = keys.map((k) => keyComparator(frame.column(k.column), k));
  if (cmps.length === 1) return cmps[0]!;
  return (a, b) => {
    for (const c of cmps) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return 0;
  };
}

/** Row indices of the frame in sorted order; ties keep input order (stable). */
export function sortIndices(frame: DataFrame, keys: readonly SortKey[]): Int32Array {
  const n = frame.numRows;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  if (keys.length === 0) return idx;
  const cmp = rowComparator(frame, keys);
  return idx.sort((a, b) => cmp(a, b) || a - b);
}

/**
 * Indices of the first row of each partition by the order keys (ties: the earliest row),
 * returned in input order.
 */
export function dedupeIndices(frame: DataFrame, partitionBy: readonly string[], orderBy: readonly SortKey[]): Int32Array {
  const n = frame.numRows;
  const groups = factorize(partitionBy.map((p) => frame.column(p)), n);
  const best = new Int32Array(groups.count).fill(-1);
  if (orderBy.length === 1) {
    const key = orderBy[0]!;
    const c = frame.column(key.column);
    if (c.kind !== 'list') {
      bestByOneKey(groups.ids, best, c, key);
      return inInputOrder(best, n);
    }
  }
  const cmp = orderBy.length === 0 ? null : rowComparator(frame, orderBy);
  for (let i = 0; i < n; i++) {
    const g = groups.ids[i]!;
    const b = best[g]!;
    if (b < 0 || (cmp !== null && cmp(i, b) < 0)) best[g] = i;
  }
  return inInputOrder(best, n);
}

/** Distinct row indices in ascending order: a sort when few, else one scan of row flags. */
function inInputOrder(rows: Int32Array, n: number): Int32Array {
  if (rows.length * 16 < n) return rows.sort();
  const keep = new Uint8Array(n);
  for (let k = 0; k < rows.length; k++) keep[rows[k]!] = 1;
  const out = new Int32Array(rows.length);
  let o = 0;
  for (let i = 0; i < n; i++) if (keep[i] === 1) out[o++] = i;
  return out;
}

/**
 * dedupe's scan for one order key, without a comparator call per row: each group keeps its best
 * row and that row's value (nulls as a class before or after every value); a row replaces the
 * best only when strictly before it, so ties keep the earliest row. Same order as `keyComparator`:
 * NaN above every number, strings by code-unit rank.
 */
function bestByOneKey(ids: Int32Array, best: Int32Array, c: Exclude<Column, { kind: 'list' }>, key: SortKey): void {
  const n = ids.length;
  const desc = key.descending === true;
  const nullsFirst = (key.nulls ?? (desc ? 'last' : 'first')) === 'first';
  let vals: Float64Array;
  if (c.kind === 'numeric') vals = c.values;
  else if (c.kind === 'bool') vals = Float64Array.from(c.values);
  else {
    const ranks = stringRanks(c);
    const codes = c.codes;
    vals = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = codes[i]!;
      if (k >= 0) vals[i] = ranks[k]!;
    }
  }
  const bits = c.nullCount() === 0 ? null : c.validity;
  const bestVal = new Float64Array(best.length);
  if (bits === null) {
    if (desc) {
      for (let i = 0; i < n; i++) {
        const g = ids[i]!;
        const x = vals[i]!;
        if (best[g]! < 0) {
          best[g] = i;
          bestVal[g] = x;
        } else {
          const y = bestVal[g]!;
          if (x > y || (x !== x && y === y)) {
            best[g] = i;
            bestVal[g] = x;
          }
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        const g = ids[i]!;
        const x = vals[i]!;
        if (best[g]! < 0) {
          best[g] = i;
          bestVal[g] = x;
        } else {
          const y = bestVal[g]!;
          if (x < y || (y !== y && x === x)) {
            best[g] = i;
            bestVal[g] = x;
          }
        }
      }
    }
    return;
  }
  // Class of a row: 1 = a value; nulls are 0 (first) or 2 (last).
  const nullClass = nullsFirst ? 0 : 2;
  const bestClass = new Uint8Array(best.length);
  for (let i = 0; i < n; i++) {
    const g = ids[i]!;
    const ci = (bits[i >>> 3]! & (1 << (i & 7))) !== 0 ? 1 : nullClass;
    const x = vals[i]!;
    if (best[g]! < 0) {
      best[g] = i;
      bestVal[g] = x;
      bestClass[g] = ci;
      continue;
    }
    const cb = bestClass[g]!;
    let before: boolean;
    if (ci !== cb) before = ci < cb;
    else if (ci !== 1) before = false;
    else {
      const y = bestVal[g]!;
      before = desc ? x > y || (x !== x && y === y) : x < y || (y !== y && x === x);
    }
    if (before) {
      best[g] = i;
      bestVal[g] = x;
      bestClass[g] = ci;
    }
  }
}
