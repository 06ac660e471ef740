/**
 * Typed column storage and the builders that are the only way to write it.
 * Columns are immutable once built; every kernel returns new columns.
 */
import { C360Error } from '../errors';
import { CellValue, DataType, NumericType, isNumericType } from './types';

/** Allocates a cleared validity bitmap for n rows. */
export function allocBitmap(n: number): Uint8Array {
  return new Uint8Array((n + 7) >>> 3);
}

/** Reads bit i of a bitmap. */
export function getBit(bits: Uint8Array, i: number): boolean {
  return (bits[i >>> 3]! & (1 << (i & 7))) !== 0;
}

/** Sets bit i of a bitmap. */
export function setBit(bits: Uint8Array, i: number): void {
  bits[i >>> 3]! |= 1 << (i & 7);
}

function countBits(bits: Uint8Array, n: number): number {
  let c = 0;
  for (let i = 0; i < n; i++) if ((bits[i >>> 3]! & (1 << (i & 7))) !== 0) c++;
  return c;
}

/** The final mix of `hashString`. */
function mixHash(h: number): number {
  h ^= h >>> 15;
  h = (h * 0x2c1b3) | 0;
  h ^= h >>> 13;
  h = (h * 0x3d4d5) | 0;
  return h ^ (h >>> 16);
}

/**
 * A 32-bit hash of a string's UTF-16 code units: a polynomial hash, then mixed. Plain arithmetic
 * (every product stays below 2^53, so it is exact before `| 0`): Math.imul is a slow call when the
 * code runs in another realm (jest, notebook kernels).
 */
export function hashString(s: string): number {
  let h = s.length;
  for (let i = 0; i < s.length; i++) h = (h * 65599 + s.charCodeAt(i)) | 0;
  return mixHash(h);
}

/**
 * A read-only index from strings to their positions in a list (the last position when a string
 * repeats, like a Map filled in order): open addressing over typed arrays, several times faster
 * than a Map<string, number> to build and to probe on millions of strings. The characters of the
 * strings are copied into one array, so a probe touches its slot and those characters only (not
 * the string objects scattered over the heap).
 */
export class StringIndex {
  /** Four ints per slot: position + 1 (0 = empty), hash, offset of the characters, length. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly chars: Uint16Array;
  constructor(strings: readonly string[]) {
    const m = strings.length;
    let cap = 16;
    while (cap < m * 2) cap *= 2;
    const mask = cap - 1;
    const table = new Int32Array(4 * cap);
    let chars = new Uint16Array(Math.max(16, m * 8));
    let used = 0;
    for (let i = 0; i < m; i++) {
      const s = strings[i]!;
      const len = s.length;
      if (used + len > chars.length) {
        const next = new Uint16Array(Math.max(chars.length * 2, used + len));
        next.set(chars.subarray(0, used));
        chars = next;
      }
      let h = len;
      for (let j = 0; j < len; j++) {
        const c = s.charCodeAt(j);
        chars[used + j] = c;
        h = (h * 65599 + c) | 0;
      }
      h = mixHash(h);
      let p = h & mask;
      for (;;) {
        const q = 4 * p;
        if (table[q] === 0) {
          table[q] = i + 1;
          table[q + 1] = h;
          table[q + 2] = used;
          table[q + 3] = len;
          used += len;
          break;
        }
        if (table[q + 1] === h && table[q + 3] === len && sameChars(chars, table[q + 2]!, s)) {
          table[q] = i + 1; // a repeat: the last position wins
          break;
        }
        p = (p + 1) & mask;
      }
    }
    this.table = table;
    this.mask = mask;
    this.chars = chars;
  }
  /** The position of s, or -1. */
  get(s: string): number {
    const h = hashString(s);
    const table = this.table;
    const len = s.length;
    let p = h & this.mask;
    for (;;) {
      const q = 4 * p;
      const sl = table[q]!;
      if (sl === 0) return -1;
      if (table[q + 1] === h && table[q + 3] === len && sameChars(this.chars, table[q + 2]!, s)) return sl - 1;
      p = (p + 1) & this.mask;
    }
  }
}

function sameChars(chars: Uint16Array, off: number, s: string): boolean {
  for (let j = 0; j < s.length; j++) if (chars[off + j] !== s.charCodeAt(j)) return false;
  return true;
}

/**
 * A gather not done yet: the rows `idx` of `source` (index -1 gives null). `take` returns a column
 * holding one of these instead of copying: the rows are copied on the first read of the column's
 * storage (`values`, `codes`, `validity`, `offsets`, ...), so a column that is never read is never
 * gathered, and a take from a column still pending composes the two index vectors (one Int32
 * gather) instead of gathering the data twice. `source` is never itself pending.
 */
export interface PendingGather<C> {
  readonly source: C;
  readonly idx: Int32Array;
}

/**
 * Index vectors composed during one `DataFrame.take` (pending index → composed index), so that the
 * columns pending on the same index share one composition. Valid for a single outer index only.
 */
export type TakeMemo = Map<Int32Array, Int32Array>;

/** `outer` read through `inner`: `out[k] = inner[outer[k]]`, and -1 where `outer[k]` is -1. */
export function composeIndex(inner: Int32Array, outer: Int32Array): Int32Array {
  const n = outer.length;
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const j = outer[k]!;
    out[k] = j < 0 ? -1 : inner[j]!;
  }
  return out;
}

/** The pending gather of `take(idx)` on a column (`self`, pending on `pend` or not). */
function pendingTake<C>(self: C, pend: PendingGather<C> | null, idx: Int32Array, memo: TakeMemo | undefined): PendingGather<C> {
  if (pend === null) return { source: self, idx };
  let composed = memo?.get(pend.idx);
  if (composed === undefined) {
    composed = composeIndex(pend.idx, idx);
    memo?.set(pend.idx, composed);
  }
  return { source: pend.source, idx: composed };
}

const EMPTY_F64 = new Float64Array(0);
const EMPTY_U8 = new Uint8Array(0);
const EMPTY_I32 = new Int32Array(0);

/** A column of float64, int, date or timestamp values. */
export class NumericColumn {
  readonly kind = 'numeric' as const;
  readonly length: number;
  private vals: Float64Array;
  private bits: Uint8Array | null;
  private pend: PendingGather<NumericColumn> | null;
  private nulls = -1;
  /** `pending` is for `take`: when given, `values` and `validity` are ignored. */
  constructor(
    readonly type: NumericType,
    values: Float64Array,
    /** Bit set = present; null = no nulls. */
    validity: Uint8Array | null,
    pending: PendingGather<NumericColumn> | null = null,
  ) {
    this.vals = values;
    this.bits = validity;
    this.pend = pending;
    this.length = pending === null ? values.length : pending.idx.length;
  }
  get values(): Float64Array {
    if (this.pend !== null) this.settle();
    return this.vals;
  }
  /** Bit set = present; null = no nulls. */
  get validity(): Uint8Array | null {
    if (this.pend !== null) this.settle();
    return this.bits;
  }
  /** True while the column is a gather not done yet (see `PendingGather`). */
  get pending(): boolean {
    return this.pend !== null;
  }
  isValid(i: number): boolean {
    const b = this.validity;
    return b === null || getBit(b, i);
  }
  get(i: number): number | null {
    return this.isValid(i) ? this.vals[i]! : null;
  }
  nullCount(): number {
    if (this.nulls < 0) this.nulls = this.validity === null ? 0 : this.length - countBits(this.bits!, this.length);
    return this.nulls;
  }
  /**
   * This column, or, while its gather is pending, a new column pending on the same gather: reading
   * the new one's storage gathers into it alone, so this column stays pending and the gathered
   * copy is freed with the new column (for a one-off pass such as writing a file).
   */
  detached(): NumericColumn {
    return this.pend === null ? this : new NumericColumn(this.type, EMPTY_F64, null, this.pend);
  }
  /** Rows by index; index -1 yields null. The gather is deferred (see `PendingGather`). */
  take(idx: Int32Array, memo?: TakeMemo): NumericColumn {
    return new NumericColumn(this.type, EMPTY_F64, null, pendingTake<NumericColumn>(this, this.pend, idx, memo));
  }
  private settle(): void {
    const { source, idx } = this.pend!;
    this.pend = null;
    const n = idx.length;
    const out = new Float64Array(n);
    const src = source.values;
    const v = source.validity;
    this.vals = out;
    if (v === null) {
      // Validity built a byte at a time in the same pass; dropped when no index is -1.
      const bits = allocBitmap(n);
      let misses = 0;
      for (let k0 = 0; k0 < n; k0 += 8) {
        const end = Math.min(n, k0 + 8);
        let byte = 0;
        for (let k = k0; k < end; k++) {
          const i = idx[k]!;
          if (i >= 0) {
            out[k] = src[i]!;
            byte |= 1 << (k - k0);
          } else misses++;
        }
        bits[k0 >>> 3] = byte;
      }
      this.bits = misses === 0 ? null : bits;
      return;
    }
    const bits = allocBitmap(n);
    let nulls = 0;
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      if (i >= 0 && (v[i >>> 3]! & (1 << (i & 7))) !== 0) {
        out[k] = src[i]!;
        bits[k >>> 3]! |= 1 << (k & 7);
      } else nulls++;
    }
    this.bits = nulls === 0 ? null : bits;
  }
}

/** A column of booleans. */
export class BoolColumn {
  readonly kind = 'bool' as const;
  readonly type = 'bool' as const;
  readonly length: number;
  private vals: Uint8Array;
  private bits: Uint8Array | null;
  private pend: PendingGather<BoolColumn> | null;
  private nulls = -1;
  /** `pending` is for `take`: when given, `values` and `validity` are ignored. */
  constructor(values: Uint8Array, validity: Uint8Array | null, pending: PendingGather<BoolColumn> | null = null) {
    this.vals = values;
    this.bits = validity;
    this.pend = pending;
    this.length = pending === null ? values.length : pending.idx.length;
  }
  /** 1 = true, 0 = false (and 0 under a null). */
  get values(): Uint8Array {
    if (this.pend !== null) this.settle();
    return this.vals;
  }
  get validity(): Uint8Array | null {
    if (this.pend !== null) this.settle();
    return this.bits;
  }
  /** True while the column is a gather not done yet (see `PendingGather`). */
  get pending(): boolean {
    return this.pend !== null;
  }
  isValid(i: number): boolean {
    const b = this.validity;
    return b === null || getBit(b, i);
  }
  get(i: number): boolean | null {
    return this.isValid(i) ? this.vals[i] === 1 : null;
  }
  nullCount(): number {
    if (this.nulls < 0) this.nulls = this.validity === null ? 0 : this.length - countBits(this.bits!, this.length);
    return this.nulls;
  }
  /**
   * This column, or, while its gather is pending, a new column pending on the same gather: reading
   * the new one's storage gathers into it alone, so this column stays pending and the gathered
   * copy is freed with the new column (for a one-off pass such as writing a file).
   */
  detached(): BoolColumn {
    return this.pend === null ? this : new BoolColumn(EMPTY_U8, null, this.pend);
  }
  /** Rows by index; index -1 yields null. The gather is deferred (see `PendingGather`). */
  take(idx: Int32Array, memo?: TakeMemo): BoolColumn {
    return new BoolColumn(EMPTY_U8, null, pendingTake<BoolColumn>(this, this.pend, idx, memo));
  }
  private settle(): void {
    const { source, idx } = this.pend!;
    this.pend = null;
    const n = idx.length;
    const out = new Uint8Array(n);
    const src = source.values;
    const v = source.validity;
    let bits: Uint8Array | null = null;
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      if (i < 0 || (v !== null && !getBit(v, i))) {
        if (bits === null) {
          bits = allocBitmap(n);
          for (let j = 0; j < k; j++) setBit(bits, j);
        }
      } else {
        out[k] = src[i]!;
        if (bits !== null) setBit(bits, k);
      }
    }
    this.vals = out;
    this.bits = bits;
  }
}

/**
 * Lookups derived from a dictionary array, shared by every column that holds that array (a take,
 * a filter, a min/max keep their input's dictionary) and kept valid when the array grows: a
 * dictionary may be shared by several columns and appended to later (never changed otherwise).
 */
interface DictCaches {
  /** Entry → code (the last code when an entry repeats), filled up to `mapped` entries. */
  map: Map<string, number> | undefined;
  mapped: number;
  /** The hash index, built over the first `indexed` entries. */
  index: StringIndex | undefined;
  indexed: number;
  /** JSON text of entries (list columns), filled on demand. */
  json: (string | undefined)[] | undefined;
}

const dictCaches = new WeakMap<readonly string[], DictCaches>();

function cachesOf(dict: readonly string[]): DictCaches {
  let c = dictCaches.get(dict);
  if (c === undefined) {
    c = { map: undefined, mapped: 0, index: undefined, indexed: 0, json: undefined };
    dictCaches.set(dict, c);
  }
  return c;
}

/** A map from each entry of `dict` to its code, shared by the columns holding `dict`. */
export function dictMap(dict: readonly string[]): Map<string, number> {
  const c = cachesOf(dict);
  if (c.map === undefined || c.mapped > dict.length) {
    c.map = new Map();
    c.mapped = 0;
  }
  const m = c.map;
  for (let i = c.mapped; i < dict.length; i++) m.set(dict[i]!, i);
  c.mapped = dict.length;
  return m;
}

/** A `StringIndex` over `dict`, shared by the columns holding `dict`; rebuilt when it has grown. */
export function dictStringIndex(dict: readonly string[]): StringIndex {
  const c = cachesOf(dict);
  if (c.index === undefined || c.indexed !== dict.length) {
    c.index = new StringIndex(dict);
    c.indexed = dict.length;
  }
  return c.index;
}

/** `JSON.stringify(dict[code])`, cached per dictionary. */
function jsonOfEntry(dict: readonly string[], code: number): string {
  const c = cachesOf(dict);
  const json = c.json ?? (c.json = []);
  let s = json[code];
  if (s === undefined) json[code] = s = JSON.stringify(dict[code]!);
  return s;
}

/**
 * A dictionary-encoded string column: `codes[i]` indexes `dict`, and is -1 exactly where the
 * value is null. Dictionary entries are unique; some may be unused after a filter. A dictionary
 * array may be shared by several columns and may grow later (entries appended, never changed).
 */
export class StringColumn {
  readonly kind = 'string' as const;
  readonly type = 'string' as const;
  readonly length: number;
  private cds: Int32Array;
  private pend: PendingGather<StringColumn> | null;
  private bits: Uint8Array | null | undefined;
  private nulls = -1;
  /** `pending` is for `take`: when given, `codes` is ignored. */
  constructor(
    codes: Int32Array,
    readonly dict: readonly string[],
    pending: PendingGather<StringColumn> | null = null,
  ) {
    this.cds = codes;
    this.pend = pending;
    this.length = pending === null ? codes.length : pending.idx.length;
  }
  get codes(): Int32Array {
    if (this.pend !== null) this.settle();
    return this.cds;
  }
  /** True while the column is a gather not done yet (see `PendingGather`). */
  get pending(): boolean {
    return this.pend !== null;
  }
  get validity(): Uint8Array | null {
    if (this.bits === undefined) {
      let bits: Uint8Array | null = null;
      const c = this.codes;
      for (let i = 0; i < c.length; i++) {
        if (c[i]! < 0 && bits === null) {
          bits = allocBitmap(c.length);
          for (let j = 0; j < i; j++) setBit(bits, j);
        } else if (c[i]! >= 0 && bits !== null) setBit(bits, i);
      }
      this.bits = bits;
    }
    return this.bits;
  }
  isValid(i: number): boolean {
    return this.codes[i]! >= 0;
  }
  get(i: number): string | null {
    const c = this.codes[i]!;
    return c < 0 ? null : this.dict[c]!;
  }
  nullCount(): number {
    if (this.nulls < 0) {
      const codes = this.codes;
      let n = 0;
      for (let i = 0; i < codes.length; i++) if (codes[i]! < 0) n++;
      this.nulls = n;
    }
    return this.nulls;
  }
  /**
   * This column, or, while its gather is pending, a new column pending on the same gather: reading
   * the new one's storage gathers into it alone, so this column stays pending and the gathered
   * copy is freed with the new column (for a one-off pass such as writing a file).
   */
  detached(): StringColumn {
    return this.pend === null ? this : new StringColumn(EMPTY_I32, this.dict, this.pend);
  }
  /** Rows by index; index -1 yields null. The gather is deferred (see `PendingGather`). */
  take(idx: Int32Array, memo?: TakeMemo): StringColumn {
    return new StringColumn(EMPTY_I32, this.dict, pendingTake<StringColumn>(this, this.pend, idx, memo));
  }
  private settle(): void {
    const { source, idx } = this.pend!;
    this.pend = null;
    const n = idx.length;
    const out = new Int32Array(n);
    const c = source.codes;
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      out[k] = i < 0 ? -1 : c[i]!;
    }
    this.cds = out;
  }
  /** The code of a string in this column's dictionary, or -1 when absent. */
  codeOf(s: string): number {
    return this.dictIndex().get(s) ?? -1;
  }
  /** A hash index from dictionary entry to code (shared by the columns of this dictionary); faster than `dictIndex` on big dictionaries. */
  dictLookup(): StringIndex {
    return dictStringIndex(this.dict);
  }
  /** A map from dictionary entry to code (shared by the columns of this dictionary). */
  dictIndex(): Map<string, number> {
    return dictMap(this.dict);
  }
}

/**
 * A column of string lists, stored as Arrow stores them: row i holds the items
 * `codes[offsets[i]] ... codes[offsets[i + 1] - 1]`, each a code into `dict` (entries unique, as
 * in a `StringColumn`). A null row's items are ignored (they are empty in every column built
 * here). No JS array per row: `get(i)` builds one on demand.
 */
export class ListColumn {
  readonly kind = 'list' as const;
  readonly type = 'list<string>' as const;
  readonly length: number;
  readonly dict: readonly string[];
  private offs: Int32Array;
  private cds: Int32Array;
  private bits: Uint8Array | null;
  private pend: PendingGather<ListColumn> | null;
  private rows: (readonly string[] | null)[] | undefined;
  private nulls = -1;
  /** A column of the given lists (null for a null row). */
  constructor(values: readonly (readonly string[] | null)[]);
  /** A column from its buffers (`offsets` has length + 1 entries); `pending` is for `take`. */
  constructor(offsets: Int32Array, codes: Int32Array, dict: readonly string[], validity: Uint8Array | null, pending?: PendingGather<ListColumn> | null);
  constructor(
    a: Int32Array | readonly (readonly string[] | null)[],
    codes: Int32Array = EMPTY_I32,
    dict: readonly string[] = [],
    validity: Uint8Array | null = null,
    pending: PendingGather<ListColumn> | null = null,
  ) {
    if (a instanceof Int32Array) {
      if (pending === null && a.length === 0) throw new C360Error('a list column needs length + 1 offsets');
      this.offs = a;
      this.cds = codes;
      this.dict = dict;
      this.bits = validity;
      this.length = pending === null ? a.length - 1 : pending.idx.length;
    } else {
      const b = new ListBuilder();
      for (const v of a) {
        if (v === null) b.appendNull();
        else b.append(v);
      }
      const c = b.finish();
      this.offs = c.offs;
      this.cds = c.cds;
      this.dict = c.dict;
      this.bits = c.bits;
      this.length = c.length;
    }
    this.pend = pending;
  }
  /** Where each row's items start; `offsets[length]` is the end of the last row. */
  get offsets(): Int32Array {
    if (this.pend !== null) this.settle();
    return this.offs;
  }
  /** The items of every row, as codes into `dict`. */
  get codes(): Int32Array {
    if (this.pend !== null) this.settle();
    return this.cds;
  }
  get validity(): Uint8Array | null {
    if (this.pend !== null) this.settle();
    return this.bits;
  }
  /** True while the column is a gather not done yet (see `PendingGather`). */
  get pending(): boolean {
    return this.pend !== null;
  }
  isValid(i: number): boolean {
    const b = this.validity;
    return b === null || getBit(b, i);
  }
  /** Row i as a new array (null for a null row). */
  get(i: number): readonly string[] | null {
    if (!this.isValid(i)) return null;
    const o = this.offs;
    const c = this.cds;
    const a = o[i]!;
    const out = new Array<string>(o[i + 1]! - a);
    for (let j = 0; j < out.length; j++) out[j] = this.dict[c[a + j]!]!;
    return out;
  }
  /** Row i as JSON array text (exactly `JSON.stringify(get(i))`), or null for a null row. */
  jsonAt(i: number): string | null {
    if (!this.isValid(i)) return null;
    const o = this.offs;
    const c = this.cds;
    const e = o[i + 1]!;
    let s = '[';
    for (let j = o[i]!; j < e; j++) s += (s.length === 1 ? '' : ',') + jsonOfEntry(this.dict, c[j]!);
    return `${s}]`;
  }
  /**
   * Every row as an array (null for a null row), built once and kept: this is the per-row form
   * the column exists to avoid, for callers that index rows of small columns. Prefer `get`,
   * `jsonAt` or the buffers.
   */
  get values(): readonly (readonly string[] | null)[] {
    if (this.rows === undefined) {
      const rows = new Array<readonly string[] | null>(this.length);
      for (let i = 0; i < this.length; i++) rows[i] = this.get(i);
      this.rows = rows;
    }
    return this.rows;
  }
  nullCount(): number {
    if (this.nulls < 0) this.nulls = this.validity === null ? 0 : this.length - countBits(this.bits!, this.length);
    return this.nulls;
  }
  /**
   * This column, or, while its gather is pending, a new column pending on the same gather: reading
   * the new one's storage gathers into it alone, so this column stays pending and the gathered
   * copy is freed with the new column (for a one-off pass such as writing a file).
   */
  detached(): ListColumn {
    return this.pend === null ? this : new ListColumn(ZERO_OFFSET, EMPTY_I32, this.dict, null, this.pend);
  }
  /** Rows by index; index -1 yields null. The gather is deferred (see `PendingGather`). */
  take(idx: Int32Array, memo?: TakeMemo): ListColumn {
    return new ListColumn(ZERO_OFFSET, EMPTY_I32, this.dict, null, pendingTake<ListColumn>(this, this.pend, idx, memo));
  }
  private settle(): void {
    const { source, idx } = this.pend!;
    this.pend = null;
    const n = idx.length;
    const so = source.offsets;
    const sc = source.codes;
    const sb = source.validity;
    const offs = new Int32Array(n + 1);
    const bits = allocBitmap(n);
    let nulls = 0;
    let total = 0;
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      if (i >= 0 && (sb === null || (sb[i >>> 3]! & (1 << (i & 7))) !== 0)) {
        total += so[i + 1]! - so[i]!;
        bits[k >>> 3]! |= 1 << (k & 7);
      } else nulls++;
      offs[k + 1] = total;
    }
    const cds = new Int32Array(total);
    for (let k = 0; k < n; k++) {
      const at = offs[k]!;
      const len = offs[k + 1]! - at;
      if (len === 0) continue;
      const from = so[idx[k]!]!;
      for (let j = 0; j < len; j++) cds[at + j] = sc[from + j]!;
    }
    this.offs = offs;
    this.cds = cds;
    this.bits = nulls === 0 ? null : bits;
  }
}

const ZERO_OFFSET = new Int32Array(1);

/** Any column. */
export type Column = NumericColumn | BoolColumn | StringColumn | ListColumn;

/** Grows a Float64Array-backed numeric column. */
export class NumericBuilder {
  private values: Float64Array;
  private bits: Uint8Array | null = null;
  private n = 0;
  constructor(
    readonly type: NumericType,
    capacity = 1024,
  ) {
    this.values = new Float64Array(Math.max(16, capacity));
  }
  get length(): number {
    return this.n;
  }
  private grow(): void {
    const next = new Float64Array(this.values.length * 2);
    next.set(this.values);
    this.values = next;
    if (this.bits !== null) {
      const b = allocBitmap(next.length);
      b.set(this.bits);
      this.bits = b;
    }
  }
  append(v: number): void {
    if (this.n === this.values.length) this.grow();
    this.values[this.n] = v;
    if (this.bits !== null) setBit(this.bits, this.n);
    this.n++;
  }
  appendNull(): void {
    if (this.n === this.values.length) this.grow();
    if (this.bits === null) {
      this.bits = allocBitmap(this.values.length);
      for (let j = 0; j < this.n; j++) setBit(this.bits, j);
    }
    this.n++;
  }
  finish(): NumericColumn {
    const values = this.values.slice(0, this.n);
    const bits = this.bits === null ? null : this.bits.slice(0, (this.n + 7) >>> 3);
    return new NumericColumn(this.type, values, bits);
  }
}

/** Grows a boolean column. */
export class BoolBuilder {
  private values = new Uint8Array(1024);
  private bits: Uint8Array | null = null;
  private n = 0;
  get length(): number {
    return this.n;
  }
  private grow(): void {
    const next = new Uint8Array(this.values.length * 2);
    next.set(this.values);
    this.values = next;
    if (this.bits !== null) {
      const b = allocBitmap(next.length);
      b.set(this.bits);
      this.bits = b;
    }
  }
  append(v: boolean): void {
    if (this.n === this.values.length) this.grow();
    this.values[this.n] = v ? 1 : 0;
    if (this.bits !== null) setBit(this.bits, this.n);
    this.n++;
  }
  appendNull(): void {
    if (this.n === this.values.length) this.grow();
    if (this.bits === null) {
      this.bits = allocBitmap(this.values.length);
      for (let j = 0; j < this.n; j++) setBit(this.bits, j);
    }
    this.n++;
  }
  finish(): BoolColumn {
    return new BoolColumn(this.values.slice(0, this.n), this.bits === null ? null : this.bits.slice(0, (this.n + 7) >>> 3));
  }
}

/** Grows a dictionary-encoded string column, interning each distinct string once. */
export class StringBuilder {
  private codes = new Int32Array(1024);
  private readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  private n = 0;
  get length(): number {
    return this.n;
  }
  append(s: string): void {
    if (this.n === this.codes.length) this.grow();
    let code = this.index.get(s);
    if (code === undefined) {
      code = this.dict.length;
      this.dict.push(s);
      this.index.set(s, code);
    }
    this.codes[this.n++] = code;
  }
  /** Appends a code already in this builder's dictionary (see `intern`). */
  appendCode(code: number): void {
    if (this.n === this.codes.length) this.grow();
    this.codes[this.n++] = code;
  }
  /** Returns the code of s, adding it to the dictionary when new. */
  intern(s: string): number {
    let code = this.index.get(s);
    if (code === undefined) {
      code = this.dict.length;
      this.dict.push(s);
      this.index.set(s, code);
    }
    return code;
  }
  appendNull(): void {
    if (this.n === this.codes.length) this.grow();
    this.codes[this.n++] = -1;
  }
  private grow(): void {
    const next = new Int32Array(this.codes.length * 2);
    next.set(this.codes);
    this.codes = next;
  }
  finish(): StringColumn {
    return new StringColumn(this.codes.slice(0, this.n), this.dict.slice());
  }
}

/** Grows a list<string> column: offsets and item codes, strings interned once. */
export class ListBuilder {
  private offs = new Int32Array(1025);
  private cds = new Int32Array(1024);
  private bits: Uint8Array | null = null;
  private readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  private n = 0;
  private items = 0;
  get length(): number {
    return this.n;
  }
  /** Appends a row of these strings. */
  append(v: readonly string[]): void {
    if (this.items + v.length > this.cds.length) {
      const next = new Int32Array(Math.max(this.cds.length * 2, this.items + v.length));
      next.set(this.cds.subarray(0, this.items));
      this.cds = next;
    }
    for (let j = 0; j < v.length; j++) this.cds[this.items++] = this.intern(v[j]!);
    this.endRow(true);
  }
  appendNull(): void {
    this.endRow(false);
  }
  /** The code of s in this builder's dictionary, adding it when new. */
  private intern(s: string): number {
    let code = this.index.get(s);
    if (code === undefined) {
      code = this.dict.length;
      this.dict.push(s);
      this.index.set(s, code);
    }
    return code;
  }
  private endRow(valid: boolean): void {
    if (this.n + 1 === this.offs.length) {
      const next = new Int32Array(this.offs.length * 2);
      next.set(this.offs);
      this.offs = next;
      if (this.bits !== null) {
        const b = allocBitmap(next.length);
        b.set(this.bits);
        this.bits = b;
      }
    }
    if (!valid && this.bits === null) {
      this.bits = allocBitmap(this.offs.length);
      for (let j = 0; j < this.n; j++) setBit(this.bits, j);
    }
    if (valid && this.bits !== null) setBit(this.bits, this.n);
    this.offs[++this.n] = this.items;
  }
  finish(): ListColumn {
    const bits = this.bits === null ? null : this.bits.slice(0, (this.n + 7) >>> 3);
    return new ListColumn(this.offs.slice(0, this.n + 1), this.cds.slice(0, this.items), this.dict.slice(), bits);
  }
}

/** Any builder. */
export type Builder = NumericBuilder | BoolBuilder | StringBuilder | ListBuilder;

/** Creates the builder for a type. */
export function builderFor(type: DataType, capacity = 1024): Builder {
  if (isNumericType(type)) return new NumericBuilder(type, capacity);
  if (type === 'bool') return new BoolBuilder();
  if (type === 'string') return new StringBuilder();
  return new ListBuilder();
}

/** Appends a JS value (null for null) to any builder, checking its type. */
export function appendValue(b: Builder, v: CellValue | undefined): void {
  if (v === null || v === undefined) {
    b.appendNull();
    return;
  }
  if (b instanceof NumericBuilder) {
    if (typeof v !== 'number') throw new C360Error(`expected a number for a ${b.type} column, got ${JSON.stringify(v)}`);
    b.append(v);
  } else if (b instanceof BoolBuilder) {
    if (typeof v !== 'boolean') throw new C360Error(`expected a boolean for a bool column, got ${JSON.stringify(v)}`);
    b.append(v);
  } else if (b instanceof StringBuilder) {
    if (typeof v !== 'string') throw new C360Error(`expected a string for a string column, got ${JSON.stringify(v)}`);
    b.append(v);
  } else {
    if (!Array.isArray(v)) throw new C360Error(`expected an array for a list<string> column, got ${JSON.stringify(v)}`);
    b.append(v as readonly string[]);
  }
}

/** Builds a column of the given type from JS values. */
export function columnFrom(type: DataType, values: readonly (CellValue | undefined)[]): Column {
  const b = builderFor(type, values.length);
  for (const v of values) appendValue(b, v);
  return b.finish();
}

/** A column of n nulls. */
export function nullColumn(type: DataType, n: number): Column {
  if (isNumericType(type)) return new NumericColumn(type, new Float64Array(n), allocBitmap(n));
  if (type === 'bool') return new BoolColumn(new Uint8Array(n), allocBitmap(n));
  if (type === 'string') return new StringColumn(new Int32Array(n).fill(-1), []);
  return new ListColumn(new Int32Array(n + 1), new Int32Array(0), [], allocBitmap(n));
}

/** Concatenates columns of one type (string dictionaries are merged). */
export function concatColumns(type: DataType, cols: readonly Column[]): Column {
  const total = cols.reduce((n, c) => n + c.length, 0);
  if (isNumericType(type)) {
    const values = new Float64Array(total);
    const anyNull = cols.some((c) => c.validity !== null);
    const bits = anyNull ? allocBitmap(total) : null;
    let off = 0;
    for (const c of cols) {
      const nc = c as NumericColumn;
      values.set(nc.values, off);
      if (bits !== null) for (let i = 0; i < nc.length; i++) if (nc.isValid(i)) setBit(bits, off + i);
      off += nc.length;
    }
    return new NumericColumn(type, values, bits);
  }
  if (type === 'bool') {
    const values = new Uint8Array(total);
    const anyNull = cols.some((c) => c.validity !== null);
    const bits = anyNull ? allocBitmap(total) : null;
    let off = 0;
    for (const c of cols) {
      const bc = c as BoolColumn;
      values.set(bc.values, off);
      if (bits !== null) for (let i = 0; i < bc.length; i++) if (bc.isValid(i)) setBit(bits, off + i);
      off += bc.length;
    }
    return new BoolColumn(values, bits);
  }
  if (type === 'string') {
    const first = cols[0] as StringColumn | undefined;
    if (first !== undefined && cols.every((c) => (c as StringColumn).dict === first.dict)) {
      // One shared dictionary: the codes are copied as they are.
      const codes = new Int32Array(total);
      let off = 0;
      for (const c of cols) {
        codes.set((c as StringColumn).codes, off);
        off += c.length;
      }
      return new StringColumn(codes, first.dict);
    }
    const dict: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(total);
    let off = 0;
    for (const c of cols) {
      const sc = c as StringColumn;
      const remap = new Int32Array(sc.dict.length);
      sc.dict.forEach((s, i) => {
        let code = index.get(s);
        if (code === undefined) {
          code = dict.length;
          dict.push(s);
          index.set(s, code);
        }
        remap[i] = code;
      });
      const src = sc.codes;
      for (let i = 0; i < sc.length; i++) {
        const k = src[i]!;
        codes[off + i] = k < 0 ? -1 : remap[k]!;
      }
      off += sc.length;
    }
    return new StringColumn(codes, dict);
  }
  return concatLists(cols as readonly ListColumn[], total);
}

/** Concatenates list columns: offsets and codes copied, dictionaries merged unless shared. */
function concatLists(cols: readonly ListColumn[], total: number): ListColumn {
  const shared = cols.length > 0 && cols.every((c) => c.dict === cols[0]!.dict);
  let items = 0;
  let anyNull = false;
  for (const c of cols) {
    const o = c.offsets;
    if (c.validity === null) items += o[c.length]! - o[0]!;
    else {
      anyNull = true;
      for (let i = 0; i < c.length; i++) if (c.isValid(i)) items += o[i + 1]! - o[i]!;
    }
  }
  const dict: string[] = [];
  const index = new Map<string, number>();
  const offsets = new Int32Array(total + 1);
  const codes = new Int32Array(items);
  const bits = anyNull ? allocBitmap(total) : null;
  let row = 0;
  let at = 0;
  for (const c of cols) {
    const o = c.offsets;
    const src = c.codes;
    const remap = shared ? null : new Int32Array(c.dict.length).fill(-1);
    for (let i = 0; i < c.length; i++, row++) {
      if (c.isValid(i)) {
        if (bits !== null) setBit(bits, row);
        for (let j = o[i]!, e = o[i + 1]!; j < e; j++) {
          const k = src[j]!;
          if (remap === null) codes[at++] = k;
          else {
            let m = remap[k]!;
            if (m < 0) {
              const s = c.dict[k]!;
              const known = index.get(s);
              if (known === undefined) {
                m = dict.length;
                dict.push(s);
                index.set(s, m);
              } else m = known;
              remap[k] = m;
            }
            codes[at++] = m;
          }
        }
      }
      offsets[row + 1] = at;
    }
  }
  return new ListColumn(offsets, codes, shared ? cols[0]!.dict : dict, bits);
}
