/**
 * Factorisation: turns key columns into dense integer ids, the basis of hash aggregation,
 * hash joins and dedupe. Strings use their dictionary codes, so no string is hashed per row.
 */
import { C360Error } from '../../errors';
import { Column, StringColumn } from '../column';

/**
 * An open-addressing hash table from numbers to dense codes 0, 1, 2, ... in order of first
 * insertion, with Map's key equality (SameValueZero: -0 is 0, every NaN is one key). Much faster
 * than a Map<number, number> on millions of rows: no boxing, no per-entry allocation.
 */
export class NumberCodes {
  private keys: Float64Array;
  /** code + 1 of each slot; 0 = empty. */
  private slots: Int32Array;
  private mask: number;
  private nanCode = -1;
  /** Number of distinct keys. */
  size = 0;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
  }

  private hash(v: number): number {
    this.f64[0] = v;
    // Plain arithmetic, exact below 2^53 before `| 0` (Math.imul is a slow call when the code
    // runs in another realm, as under jest or in a notebook kernel).
    let h = (this.u32[1]! * 0x2c1b3 + this.u32[0]!) | 0;
    h ^= h >>> 15;
    h = (h * 0x2c1b3) | 0;
    h ^= h >>> 13;
    h = (h * 0x3d4d5) | 0;
    return (h ^ (h >>> 16)) & this.mask;
  }

  /** The code of v, added when new. */
  code(v: number): number {
    if (v !== v) {
      if (this.nanCode < 0) this.nanCode = this.size++;
      return this.nanCode;
    }
    const x = v + 0; // -0 → 0
    const keys = this.keys;
    const slots = this.slots;
    let h = this.hash(x);
    for (;;) {
      const s = slots[h]!;
      if (s === 0) break;
      if (keys[h] === x) return s - 1;
      h = (h + 1) & this.mask;
    }
    const c = this.size++;
    keys[h] = x;
    slots[h] = c + 1;
    if (this.size * 2 > this.mask) this.grow();
    return c;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    const cap = oldKeys.length * 2;
    this.keys = new Float64Array(cap);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const s = oldSlots[j]!;
      if (s === 0) continue;
      const x = oldKeys[j]!;
      let h = this.hash(x);
      while (this.slots[h] !== 0) h = (h + 1) & this.mask;
      this.keys[h] = x;
      this.slots[h] = s;
    }
  }
}

/**
 * Per-row codes 0..card-1 of a numeric column's values (first-appearance order, -0 = 0, NaN one
 * value), `nullCode` for nulls, then shifted by `base`. Whole numbers in a compact range use a
 * direct table; anything else a NumberCodes hash table.
 */
function numericCodes(values: Float64Array, validity: Uint8Array | null, nullCode: number, base: number): { codes: Int32Array; card: number } {
  const n = values.length;
  const codes = new Int32Array(n);
  // Range scan: all present values whole numbers in a small range?
  let lo = Infinity;
  let hi = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    if (validity !== null && (validity[i >>> 3]! & (1 << (i & 7))) === 0) continue;
    const v = values[i]!;
    if (!(v === Math.floor(v))) {
      // NaN, ±Infinity are not whole numbers here either (Infinity === floor(Infinity), but the range check below rejects it).
      whole = false;
      break;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (whole && (hi < lo || hi - lo < Math.max(1 << 16, n))) {
    const span = hi < lo ? 0 : hi - lo + 1;
    const table = new Int32Array(span);
    let card = 0;
    for (let i = 0; i < n; i++) {
      if (validity !== null && (validity[i >>> 3]! & (1 << (i & 7))) === 0) {
        codes[i] = nullCode;
        continue;
      }
      const t = values[i]! - lo;
      let c = table[t]!;
      if (c === 0) c = table[t] = ++card;
      codes[i] = c - 1 + base;
    }
    return { codes, card: card + base };
  }
  const h = new NumberCodes(Math.min(n, 1 << 16));
  for (let i = 0; i < n; i++) {
    if (validity !== null && (validity[i >>> 3]! & (1 << (i & 7))) === 0) codes[i] = nullCode;
    else codes[i] = h.code(values[i]!) + base;
  }
  return { codes, card: h.size + base };
}

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
  if (c.kind === 'numeric') return numericCodes(c.values, c.validity, nullCode, base);
  const map = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (!c.isValid(i)) {
      codes[i] = nullCode;
      continue;
    }
    const v = JSON.stringify(c.values[i]);
    let k = map.get(v);
    if (k === undefined) {
      k = map.size + base;
      map.set(v, k);
    }
    codes[i] = k;
  }
  return { codes, card: map.size + base };
}

/** Per-row codes 0..card-1 of a column's non-null values (equal values, equal codes; -0 = 0, NaN = NaN); -1 for null. */
export function valueCodes(c: Column): { codes: Int32Array; card: number } {
  return columnCodes(c, 'none');
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
    // Sparse composite codes: a hash table numbers them in first-appearance order already.
    const h = new NumberCodes(Math.min(n, 1 << 16));
    for (let i = 0; i < n; i++) {
      const k = codes[i]!;
      if (k < 0) {
        ids[i] = -1;
        continue;
      }
      const g = h.code(k);
      if (g === firstRows.length) firstRows.push(i);
      ids[i] = g;
    }
  }
  return { ids, count: firstRows.length, first: Int32Array.from(firstRows) };
}

/**
 * factorize of one string column: its codes renumbered in first-appearance order, nulls one group.
 * A dictionary built in first-appearance order (by a builder or the CSV reader) already numbers
 * the groups: while each new code is the next one, the ids are the codes and no table is needed.
 */
function factorizeStrings(c: StringColumn): Factorized {
  const n = c.length;
  const src = c.codes;
  const nullSlot = c.dict.length;
  const ids = new Int32Array(n);
  const firstRows: number[] = [];
  let i = 0;
  let next = 0;
  for (; i < n; i++) {
    const k = src[i]!;
    if (k < next) {
      if (k < 0) break;
      ids[i] = k;
    } else if (k === next) {
      ids[i] = k;
      firstRows.push(i);
      next++;
    } else break;
  }
  if (i === n) return { ids, count: firstRows.length, first: Int32Array.from(firstRows) };
  // From the first row out of that order on: a table from code (or null) to group.
  const table = new Int32Array(nullSlot + 1).fill(-1);
  for (let k = 0; k < next; k++) table[k] = k;
  for (; i < n; i++) {
    const k = src[i]!;
    const slot = k < 0 ? nullSlot : k;
    let g = table[slot]!;
    if (g < 0) {
      g = table[slot] = firstRows.length;
      firstRows.push(i);
    }
    ids[i] = g;
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
  const k0 = keys[0]!;
  let acc = k0.kind === 'string' ? factorizeStrings(k0) : densify(...codesArgs(columnCodes(k0, 'group')));
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
  if (l.kind !== 'list' && r.kind !== 'list') {
    // Numbers and booleans: one hash table over both sides (bool as 0/1, as before).
    const h = new NumberCodes(Math.min(r.length, 1 << 16));
    const code = (c: Column & { values: Float64Array | Uint8Array }): Int32Array => {
      const out = new Int32Array(c.length);
      const v = c.values;
      const bits = c.validity;
      for (let i = 0; i < c.length; i++) {
        out[i] = bits !== null && (bits[i >>> 3]! & (1 << (i & 7))) === 0 ? -1 : h.code(v[i]!);
      }
      return out;
    };
    const left = code(l);
    const right = code(r);
    return { left, right, card: h.size };
  }
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
  const index = l.dictLookup();
  let card = l.dict.length;
  const remap = new Int32Array(r.dict.length);
  for (let k = 0; k < r.dict.length; k++) {
    const hit = index.get(r.dict[k]!);
    remap[k] = hit < 0 ? card++ : hit;
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
