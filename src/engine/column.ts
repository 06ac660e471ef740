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

/** A column of float64, int, date or timestamp values. */
export class NumericColumn {
  readonly kind = 'numeric' as const;
  private nulls = -1;
  constructor(
    readonly type: NumericType,
    readonly values: Float64Array,
    /** Bit set = present; null = no nulls. */
    readonly validity: Uint8Array | null,
  ) {}
  get length(): number {
    return this.values.length;
  }
  isValid(i: number): boolean {
    return this.validity === null || getBit(this.validity, i);
  }
  get(i: number): number | null {
    return this.isValid(i) ? this.values[i]! : null;
  }
  nullCount(): number {
    if (this.nulls < 0) this.nulls = this.validity === null ? 0 : this.length - countBits(this.validity, this.length);
    return this.nulls;
  }
  /** Gathers rows by index; index -1 yields null. */
  take(idx: Int32Array): NumericColumn {
    const n = idx.length;
    const out = new Float64Array(n);
    const src = this.values;
    const v = this.validity;
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
      return new NumericColumn(this.type, out, misses === 0 ? null : bits);
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
    return new NumericColumn(this.type, out, nulls === 0 ? null : bits);
  }
}

/** A column of booleans. */
export class BoolColumn {
  readonly kind = 'bool' as const;
  readonly type = 'bool' as const;
  private nulls = -1;
  constructor(
    readonly values: Uint8Array,
    readonly validity: Uint8Array | null,
  ) {}
  get length(): number {
    return this.values.length;
  }
  isValid(i: number): boolean {
    return this.validity === null || getBit(this.validity, i);
  }
  get(i: number): boolean | null {
    return this.isValid(i) ? this.values[i] === 1 : null;
  }
  nullCount(): number {
    if (this.nulls < 0) this.nulls = this.validity === null ? 0 : this.length - countBits(this.validity, this.length);
    return this.nulls;
  }
  take(idx: Int32Array): BoolColumn {
    const n = idx.length;
    const out = new Uint8Array(n);
    const v = this.validity;
    let bits: Uint8Array | null = null;
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      if (i < 0 || (v !== null && !getBit(v, i))) {
        if (bits === null) {
          bits = allocBitmap(n);
          for (let j = 0; j < k; j++) setBit(bits, j);
        }
      } else {
        out[k] = this.values[i]!;
        if (bits !== null) setBit(bits, k);
      }
    }
    return new BoolColumn(out, bits);
  }
}

/**
 * A dictionary-encoded string column: `codes[i]` indexes `dict`, and is -1 exactly where the
 * value is null. Dictionary entries are unique; some may be unused after a filter.
 */
export class StringColumn {
  readonly kind = 'string' as const;
  readonly type = 'string' as const;
  private bits: Uint8Array | null | undefined;
  private nulls = -1;
  constructor(
    readonly codes: Int32Array,
    readonly dict: readonly string[],
  ) {}
  get length(): number {
    return this.codes.length;
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
      let n = 0;
      for (let i = 0; i < this.codes.length; i++) if (this.codes[i]! < 0) n++;
      this.nulls = n;
    }
    return this.nulls;
  }
  take(idx: Int32Array): StringColumn {
    const n = idx.length;
    const out = new Int32Array(n);
    const c = this.codes;
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      out[k] = i < 0 ? -1 : c[i]!;
    }
    return new StringColumn(out, this.dict);
  }
  /** The code of a string in this column's dictionary, or -1 when absent. */
  codeOf(s: string): number {
    return this.dictIndex().get(s) ?? -1;
  }
  private lookup: StringIndex | undefined;
  /** A hash index from dictionary entry to code (built once); faster than `dictIndex` on big dictionaries. */
  dictLookup(): StringIndex {
    if (this.lookup === undefined) this.lookup = new StringIndex(this.dict);
    return this.lookup;
  }
  private index: Map<string, number> | undefined;
  /** A map from dictionary entry to code (built once). */
  dictIndex(): Map<string, number> {
    if (this.index === undefined) {
      const m = new Map<string, number>();
      this.dict.forEach((s, i) => m.set(s, i));
      this.index = m;
    }
    return this.index;
  }
}

/** A column of string lists. */
export class ListColumn {
  readonly kind = 'list' as const;
  readonly type = 'list<string>' as const;
  constructor(readonly values: readonly (readonly string[] | null)[]) {}
  get length(): number {
    return this.values.length;
  }
  get validity(): Uint8Array | null {
    if (!this.values.some((v) => v === null)) return null;
    const bits = allocBitmap(this.values.length);
    this.values.forEach((v, i) => {
      if (v !== null) setBit(bits, i);
    });
    return bits;
  }
  isValid(i: number): boolean {
    return this.values[i] !== null;
  }
  get(i: number): readonly string[] | null {
    return this.values[i] ?? null;
  }
  nullCount(): number {
    return this.values.reduce((n, v) => (v === null ? n + 1 : n), 0);
  }
  take(idx: Int32Array): ListColumn {
    const out = new Array<readonly string[] | null>(idx.length);
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      out[k] = i < 0 ? null : (this.values[i] ?? null);
    }
    return new ListColumn(out);
  }
}

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

/** Grows a list<string> column. */
export class ListBuilder {
  private readonly values: (readonly string[] | null)[] = [];
  get length(): number {
    return this.values.length;
  }
  append(v: readonly string[]): void {
    this.values.push(v);
  }
  appendNull(): void {
    this.values.push(null);
  }
  finish(): ListColumn {
    return new ListColumn(this.values.slice());
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
  return new ListColumn(new Array<null>(n).fill(null));
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
      for (let i = 0; i < sc.length; i++) {
        const k = sc.codes[i]!;
        codes[off + i] = k < 0 ? -1 : remap[k]!;
      }
      off += sc.length;
    }
    return new StringColumn(codes, dict);
  }
  const values: (readonly string[] | null)[] = [];
  for (const c of cols) for (const v of (c as ListColumn).values) values.push(v);
  return new ListColumn(values);
}
