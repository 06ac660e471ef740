/**
 * Hash aggregation over factorised group ids: one pass per aggregate over typed arrays.
 */
import { C360Error } from '../../errors';
import { Column, ListColumn, NumericColumn, StringColumn, allocBitmap, setBit } from '../column';
import { AggNode, typeOfAgg } from '../expr';
import { DataFrame } from '../frame';
import { DataType, Field } from '../types';
import { evalExpr } from './eval';
import { factorize } from './factorize';
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
  for (const { name, agg } of aggs) {
    const type = typeOfAgg(agg, frame.schema);
    fields.push({ name, type });
    cols.push(runAgg(agg, type, frame, ids, G));
  }
  return new DataFrame(fields, cols, G);
}

function runAgg(agg: AggNode, type: DataType, frame: DataFrame, ids: Int32Array, G: number): Column {
  const n = frame.numRows;
  if (agg.fn === 'countAll') {
    const out = new Float64Array(G);
    for (let i = 0; i < n; i++) out[ids[i]!]!++;
    return new NumericColumn('int', out, null);
  }
  const arg = evalExpr(agg.arg!, frame);
  switch (agg.fn) {
    case 'count': {
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
    case 'countDistinct': {
      const groupsAndValues = factorize([new NumericColumn('int', Float64Array.from(ids), null), arg], n);
      const out = new Float64Array(G);
      const first = groupsAndValues.first;
      for (let k = 0; k < first.length; k++) {
        const i = first[k]!;
        if (arg.isValid(i)) out[ids[i]!]!++;
      }
      return new NumericColumn('int', out, null);
    }
    case 'collectList': {
      if (arg.kind !== 'string') throw new C360Error('collectList needs strings');
      const lists: string[][] = Array.from({ length: G }, () => []);
      for (let i = 0; i < n; i++) {
        const c = arg.codes[i]!;
        if (c >= 0) lists[ids[i]!]!.push(arg.dict[c]!);
      }
      if (agg.sorted) for (const l of lists) l.sort(compareStrings);
      return new ListColumn(lists);
    }
  }
  throw new C360Error(`unknown aggregate ${agg.fn}`);
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
