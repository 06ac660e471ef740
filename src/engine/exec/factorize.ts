/**
 * Factorisation: turns key columns into dense integer ids, the basis of hash aggregation,
 * hash joins and dedupe. Strings use their dictionary codes, so no string is hashed per row.
 */
import { C360Error } from '../../errors';
import { Column, StringColumn } from '../column';

/** Dense ids per row, numbered in order of first appearance. */
export interface Factorized {
  /** Group id of each row (0..count-1), or -1 for a row that belongs to no group. */
  readonly ids: Int32Array;
  /** Number of groups. */
  readonly count: number;
  /** The first row of each group. */
  readonly first: Int32Array;
}

/**
 * Per-row codes of one column: 0..card-1, with nulls either their own code (`nullCode: 'group'`)
 * or -1 (`nullCode: 'none'`).
 */
function columnCodes(c: Column, nulls: 'group' | 'none'): { codes: Int32Array; card: number } {
  const n = c.length;
  const codes = new Int32Array(n);
  const nullCode = nulls === 'group' ? 0 : -1;
  const base = nulls === 'group' ? 1 : 0;
  if (c.kind === 'string') {
    const src = c.codes;
    for (let i = 0; i < n; i++) {
      const k = src[i]!;
      codes[i] = k < 0 ? nullCode : k + base;
    }
    return { codes, card: c.dict.length + base };
  }
  if (c.kind === 'bool') {
    for (let i = 0; i < n; i++) codes[i] = c.isValid(i) ? c.values[i]! + base : nullCode;
    return { codes, card: 2 + base };
  }
  const map = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    if (!c.isValid(i)) {
      codes[i] = nullCode;
      continue;
    }
    const v = c.kind === 'numeric' ? c.values[i]! : JSON.stringify(c.values[i]);
    let k = map.get(v);
    if (k === undefined) {
      k = map.size + base;
      map.set(v, k);
    }
    codes[i] = k;
  }
  return { codes, card: map.size + base };
}

/** Renumbers codes 0..card-1 (or -1) densely in first-appearance order. */
function densify(codes: Int32Array | Float64Array, card: number): Factorized {
  const n = codes.length;
  const ids = new Int32Array(n);
  const firstRows: number[] = [];
  if (card <= Math.max(1 << 20, n * 2)) {
    const table = new Int32Array(card).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = codes[i]!;
      if (k < 0) {
        ids[i] = -1;
        continue;
      }
      let g = table[k]!;
      if (g < 0) {
        g = firstRows.length;
        table[k] = g;
        firstRows.push(i);
      }
      ids[i] = g;
    }
  } else {
    const map = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = codes[i]!;
      if (k < 0) {
        ids[i] = -1;
        continue;
      }
      let g = map.get(k);
      if (g === undefined) {
        g = firstRows.length;
        map.set(k, g);
        firstRows.push(i);
      }
      ids[i] = g;
    }
  }
  return { ids, count: firstRows.length, first: Int32Array.from(firstRows) };
}

function combine(acc: Factorized, next: { codes: Int32Array; card: number }): Factorized {
  const n = acc.ids.length;
  const card = acc.count * next.card;
  if (card > Number.MAX_SAFE_INTEGER) throw new C360Error('too many distinct key combinations');
  const composite = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = acc.ids[i]!;
    const b = next.codes[i]!;
    composite[i] = a < 0 || b < 0 ? -1 : a * next.card + b;
  }
  return densify(composite, card);
}

/** Groups rows by the values of the key columns; null keys form a group of their own. */
export function factorize(keys: readonly Column[], n: number): Factorized {
  if (keys.length === 0) {
    return { ids: new Int32Array(n), count: n > 0 ? 1 : 0, first: n > 0 ? Int32Array.of(0) : new Int32Array(0) };
  }
  let acc = densify(...codesArgs(columnCodes(keys[0]!, 'group')));
  for (let k = 1; k < keys.length; k++) acc = combine(acc, columnCodes(keys[k]!, 'group'));
  return acc;
}

function codesArgs(c: { codes: Int32Array; card: number }): [Int32Array, number] {
  return [c.codes, c.card];
}

/**
 * Codes of a key column pair in one shared space, for joins: equal values get equal codes on
 * both sides and nulls get -1 (they never match).
 */
function jointCodes(l: Column, r: Column): { left: Int32Array; right: Int32Array; card: number } {
  if (l.kind === 'string' && r.kind === 'string') return jointStringCodes(l, r);
  if (l.kind === 'string' || r.kind === 'string') throw new C360Error(`cannot join a ${l.type} key with a ${r.type} key`);
  const map = new Map<number | string, number>();
  const code = (c: Column): Int32Array => {
    const out = new Int32Array(c.length);
    for (let i = 0; i < c.length; i++) {
      if (!c.isValid(i)) {
        out[i] = -1;
        continue;
      }
      const v = c.kind === 'list' ? JSON.stringify(c.values[i]) : c.kind === 'string' ? c.dict[c.codes[i]!]! : c.values[i]!;
      let k = map.get(v);
      if (k === undefined) {
        k = map.size;
        map.set(v, k);
      }
      out[i] = k;
    }
    return out;
  };
  const left = code(l);
  const right = code(r);
  return { left, right, card: map.size };
}

function jointStringCodes(l: StringColumn, r: StringColumn): { left: Int32Array; right: Int32Array; card: number } {
  if (l.dict === r.dict) return { left: l.codes, right: r.codes, card: l.dict.length };
  const index = l.dictIndex();
  let card = l.dict.length;
  const remap = new Int32Array(r.dict.length);
  for (let k = 0; k < r.dict.length; k++) {
    const hit = index.get(r.dict[k]!);
    remap[k] = hit === undefined ? card++ : hit;
  }
  const right = new Int32Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const c = r.codes[i]!;
    right[i] = c < 0 ? -1 : remap[c]!;
  }
  return { left: l.codes, right, card };
}

/**
 * Joint key ids for both sides of a join on several key columns: rows with equal keys get equal
 * ids, rows with any null key get -1.
 */
export function joinKeyIds(left: readonly Column[], right: readonly Column[]): { left: Int32Array; right: Int32Array; card: number } {
  const nl = left[0]!.length;
  let acc: { left: Int32Array; right: Int32Array; card: number } | null = null;
  for (let k = 0; k < left.length; k++) {
    const jc = jointCodes(left[k]!, right[k]!);
    if (acc === null) {
      acc = jc;
      continue;
    }
    // Combine over the concatenation of both sides so ids stay shared.
    const n = nl + right[0]!.length;
    const composite = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = i < nl ? acc.left[i]! : acc.right[i - nl]!;
      const b = i < nl ? jc.left[i]! : jc.right[i - nl]!;
      composite[i] = a < 0 || b < 0 ? -1 : a * jc.card + b;
    }
    const d = densify(composite, acc.card * jc.card);
    acc = { left: d.ids.subarray(0, nl), right: d.ids.subarray(nl), card: d.count };
  }
  if (acc === null) throw new C360Error('a join needs at least one key');
  return acc;
}
