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

/** Rank of each dictionary entry in string order, so strings compare as integers. */
export function stringRanks(c: StringColumn): Int32Array {
  const order = Array.from(c.dict.keys()).sort((a, b) => {
    const x = c.dict[a]!;
    const y = c.dict[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const ranks = new Int32Array(c.dict.length);
  order.forEach((code, rank) => {
    ranks[code] = rank;
  });
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
    const v = c.values;
    cmpValid = (a, b) => {
      const x = JSON.stringify(v[a]);
      const y = JSON.stringify(v[b]);
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
  const cmp = orderBy.length === 0 ? null : rowComparator(frame, orderBy);
  for (let i = 0; i < n; i++) {
    const g = groups.ids[i]!;
    const b = best[g]!;
    if (b < 0 || (cmp !== null && cmp(i, b) < 0)) best[g] = i;
  }
  return best.sort();
}
