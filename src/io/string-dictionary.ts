/**
 * A dictionary-encoded string column under construction, fed ranges of the file text (or of its
 * bytes, for ASCII blocks), and the merge of such dictionaries built over consecutive parts of a
 * file.
 *
 * It is the engine's `StringBuilder` specialised for the reader:
 * - the entries are kept packed, as the UTF-16 code units of all entries one after the other in
 *   one typed array (`PackedDictionary`), not as JS strings: there is no string per entry for the
 *   garbage collector to trace, and a parallel read posts a dictionary to the main thread as a few
 *   transferable arrays instead of cloning a string per entry. JS strings are made once, for the
 *   finished dictionary (`unpackDictionary`, `DictionaryMerger.unpack`);
 * - values of one prefix and a fixed number of digits (`K0601103`, `cat_07`: ids and codes) are
 *   looked up by their number in an array (`Numbering`), in batches; any other value by hashing
 *   its characters where they lie in the text (no substring) in an open-addressing table that
 *   holds each entry's hash, position and length, so a probe touches one slot and a match one run
 *   of code units.
 * Either way the codes are those of a plain first-appearance dictionary.
 */
import { StringColumn } from '../engine/column';

/**
 * A copy of s that shares no memory with the text it was cut from. V8 represents a substring of
 * 13 characters or more as a view into its parent string, so a dictionary entry or an issue's raw
 * text would otherwise keep a whole block of the file alive.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * A 32-bit hash of t[start, end): a polynomial hash with a final mix. Plain arithmetic only (each
 * product stays below 2^53, so it is exact before `| 0`): `Math.imul` is a slow call where the
 * code runs in another realm's context (jest, notebook kernels).
 */
function hashRange(t: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (h * 65599 + t.charCodeAt(i)) | 0;
  return mix(h);
}

/** `hashRange` of the code units a[start, end). */
function hashUnits(a: Uint16Array, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (h * 65599 + a[i]!) | 0;
  return mix(h);
}

function mix(x: number): number {
  let h = x ^ (x >>> 15);
  h = (h * 0x2c1b3) | 0;
  return h ^ (h >>> 13);
}

/** The hash `StringDictionaryBuilder` and `DictionaryMerger` use for a whole string. */
export function hashText(s: string): number {
  return hashRange(s, 0, s.length);
}

/**
 * Dictionary entries, packed: entry i is the code units `units[i === 0 ? 0 : ends[i - 1], ends[i])`.
 * Plain typed arrays, so it can be posted to another thread (transferring its buffers).
 */
export interface PackedDictionary {
  /** Number of entries. */
  readonly count: number;
  /** The code units of the entries, one after the other (may be longer than used). */
  readonly units: Uint16Array;
  /** Where each entry ends in `units` (length at least `count`). */
  readonly ends: Int32Array;
  /**
   * `hashText` of each entry (length at least `count`); may be null for numbered entries (a merge
   * looks them up by number, and hashes them itself if it must).
   */
  readonly hashes: Int32Array | null;
  /** Some code unit is above 0xff (otherwise every entry is a latin1 string). */
  readonly wide: boolean;
  /** When every entry is a prefix and a fixed number of digits: those, and each entry's number. */
  readonly numbered?: NumberedEntries;
}

/** Entries that are all `prefix` followed by digits, `length` characters in all, and their numbers. */
export interface NumberedEntries {
  readonly prefix: string;
  readonly length: number;
  /** The number of each entry (length at least the dictionary's `count`). */
  readonly numbers: Int32Array;
}

/** The entries of a packed dictionary as strings (sharing no memory with larger strings). */
export function unpackDictionary(p: PackedDictionary): string[] {
  const out: string[] = [];
  unpackInto(out, p.units, p.ends, 0, p.count, p.wide);
  return out;
}

/** Appends entries [from, to) of packed entries (see `PackedDictionary`) to `out` as strings. */
function unpackInto(out: string[], units: Uint16Array, ends: Int32Array, from: number, to: number, wide: boolean): void {
  if (from >= to) return;
  const base = from === 0 ? 0 : ends[from - 1]!;
  const all = unitsToString(units, base, ends[to - 1]!, wide);
  let start = base;
  for (let i = from; i < to; i++) {
    const end = ends[i]!;
    out.push(detach(all.substring(start - base, end - base)));
    start = end;
  }
}

/** units[from, to) as one string. */
function unitsToString(units: Uint16Array, from: number, to: number, wide: boolean): string {
  if (!wide) {
    const bytes = Buffer.allocUnsafe(to - from);
    for (let i = from; i < to; i++) bytes[i - from] = units[i]!;
    return bytes.toString('latin1');
  }
  const parts: string[] = [];
  for (let i = from; i < to; i += 4096) parts.push(String.fromCharCode(...units.subarray(i, Math.min(to, i + 4096))));
  return parts.join('');
}

/** Packs strings (unique or not: they are entries as given) into a `PackedDictionary`. */
export function packStrings(strings: readonly string[]): PackedDictionary {
  let total = 0;
  for (const s of strings) total += s.length;
  const units = new Uint16Array(total);
  const ends = new Int32Array(strings.length);
  const hashes = new Int32Array(strings.length);
  let at = 0;
  let or = 0;
  strings.forEach((s, i) => {
    for (let j = 0; j < s.length; j++) {
      const c = s.charCodeAt(j);
      units[at + j] = c;
      or |= c;
    }
    at += s.length;
    ends[i] = at;
    hashes[i] = hashText(s);
  });
  return { count: strings.length, units, ends, hashes, wide: or > 0xff };
}

/**
 * Slots of the open-addressing tables below: 4 int32 each, (hash, code + 1, start, length) with
 * code + 1 = 0 for an empty slot; at most half full.
 */
const SLOT = 4;

/** A table of `slots` slots (a power of two) holding the used slots of `old`. */
function regrow(old: Int32Array, slots: number): Int32Array {
  const mask = slots - 1;
  const table = new Int32Array(SLOT * slots);
  for (let i = 0; i < old.length; i += SLOT) {
    if (old[i + 1] === 0) continue;
    let at = old[i]! & mask;
    while (table[SLOT * at + 1] !== 0) at = (at + 1) & mask;
    const j = SLOT * at;
    table[j] = old[i]!;
    table[j + 1] = old[i + 1]!;
    table[j + 2] = old[i + 2]!;
    table[j + 3] = old[i + 3]!;
  }
  return table;
}

function growInt32(a: Int32Array, min: number): Int32Array {
  let n = Math.max(16, a.length * 2);
  while (n < min) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function growUnits(a: Uint16Array, min: number): Uint16Array {
  let n = Math.max(64, a.length * 2);
  while (n < min) n *= 2;
  const b = new Uint16Array(n);
  b.set(a);
  return b;
}

/** Numbers of numbered values are below this (so a code array indexed by number stays at most 64 MB). */
const MAX_NUMBER = 1 << 24;

/** Values looked up together while numbered (see `StringDictionaryBuilder.flush`). */
const BATCH = 256;

/** Most digits of a numbered value. */
const MAX_DIGITS = 9;

/**
 * Values that are all one prefix followed by the same number of digits, like `K0601103`,
 * `PROD0042` or `cat_07` (ids and codes, the commonest strings of large files): two such values
 * are equal exactly when their numbers are, so a value is looked up by its number in an array,
 * with no hash and no comparison of characters.
 */
class Numbering {
  /** Code + 1 by number (0: no entry with that number yet). */
  byNumber: Int32Array = new Int32Array(64);

  /** The bitwise or of the prefix's code units. */
  readonly prefixOr: number;

  private constructor(
    readonly prefix: string,
    /** Length of a value: the prefix and the digits. */
    readonly length: number,
  ) {
    let or = 0;
    for (let i = 0; i < prefix.length; i++) or |= prefix.charCodeAt(i);
    this.prefixOr = or;
  }

  /** The numbering that `s` fits (a prefix, then 1 to `MAX_DIGITS` digits), or null. */
  static of(s: string): Numbering | null {
    let i = s.length;
    while (i > 0 && s.length - i < MAX_DIGITS && isDigit(s.charCodeAt(i - 1))) i--;
    if (i === s.length || (i > 0 && isDigit(s.charCodeAt(i - 1)))) return null;
    return new Numbering(s.substring(0, i), s.length);
  }

  /** The number of the value t[start, end), or -1 when it does not fit. */
  numberIn(t: string, start: number, end: number): number {
    if (end - start !== this.length) return -1;
    const prefix = this.prefix;
    const digits = start + prefix.length;
    for (let i = start; i < digits; i++) if (t.charCodeAt(i) !== prefix.charCodeAt(i - start)) return -1;
    let n = 0;
    for (let i = digits; i < end; i++) {
      const d = t.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n < MAX_NUMBER ? n : -1;
  }

  /** `numberIn` for the code units u[start, end). */
  numberInUnits(u: Uint16Array, start: number, end: number): number {
    if (end - start !== this.length) return -1;
    const prefix = this.prefix;
    const digits = start + prefix.length;
    for (let i = start; i < digits; i++) if (u[i] !== prefix.charCodeAt(i - start)) return -1;
    let n = 0;
    for (let i = digits; i < end; i++) {
      const d = u[i]! - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n < MAX_NUMBER ? n : -1;
  }

  /** `numberIn` for the ASCII bytes b[start, end). */
  numberInBytes(b: Uint8Array, start: number, end: number): number {
    if (end - start !== this.length) return -1;
    const prefix = this.prefix;
    const digits = start + prefix.length;
    for (let i = start; i < digits; i++) if (b[i] !== prefix.charCodeAt(i - start)) return -1;
    let n = 0;
    for (let i = digits; i < end; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n < MAX_NUMBER ? n : -1;
  }

  /** Records code for number n. */
  set(n: number, code: number): void {
    if (n >= this.byNumber.length) {
      let size = this.byNumber.length * 2;
      while (size <= n) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.byNumber);
      this.byNumber = grown;
    }
    this.byNumber[n] = code + 1;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A hash table of `slots` slots (a power of two) holding the entries [0, count) of a packed dictionary. */
function tableOf(count: number, ends: Int32Array, hashes: Int32Array, slots: number): Int32Array {
  const mask = slots - 1;
  const table = new Int32Array(SLOT * slots);
  let start = 0;
  for (let code = 0; code < count; code++) {
    const end = ends[code]!;
    let at = hashes[code]! & mask;
    while (table[SLOT * at + 1] !== 0) at = (at + 1) & mask;
    const j = SLOT * at;
    table[j] = hashes[code]!;
    table[j + 1] = code + 1;
    table[j + 2] = start;
    table[j + 3] = end - start;
    start = end;
  }
  return table;
}

/** Slots for a table at most half full with `entries` entries. */
function slotsFor(entries: number): number {
  let size = 64;
  while (size < entries * 2) size *= 2;
  return size;
}

/**
 * Interns string values and records one code per row. Values that fit a numbering (see
 * `Numbering`, set by the first value) are looked up by number; from the first value that does
 * not, every entry goes into an open-addressing hash table.
 */
export class StringDictionaryBuilder {
  private codes: Int32Array;
  private n = 0;
  /** Entries so far. */
  private count = 0;
  private units: Uint16Array = new Uint16Array(1 << 12);
  private used = 0;
  private ends: Int32Array = new Int32Array(64);
  /** The hash of each entry; while numbered, only of the first `hashed` entries. */
  private hashes: Int32Array = new Int32Array(64);
  private hashed = 0;
  private or = 0;
  /** While every value fits it: the numbering (undefined before the first value). */
  private numbering: Numbering | null | undefined = undefined;
  /** While numbered: the number of each entry. */
  private numbers: Int32Array = new Int32Array(64);
  /** Once not numbered: the hash table (empty before). */
  private table: Int32Array = new Int32Array(0);
  private mask = -1;
  /** The code, start and length of the last value appended (code -1 before the first). */
  private previous = -1;
  private previousStart = 0;
  private previousLength = 0;

  /**
   * While numbered: the numbers of the last values appended (-1 for a null), whose codes are not
   * set yet. Looking up a batch of numbers at once lets the processor fetch their slots of
   * `byNumber` (a large array, read at random) in parallel.
   */
  private readonly pending = new Int32Array(BATCH);
  private pendingCount = 0;
  private readonly known = new Int32Array(BATCH);

  /** `capacity`: about how many rows to expect (the builder grows as needed). */
  constructor(capacity = 1 << 14) {
    this.codes = new Int32Array(Math.max(16, capacity));
  }

  /** Rows appended so far. */
  get length(): number {
    return this.n + this.pendingCount;
  }

  /** Sets the codes of the pending values, adding the new ones to the dictionary in order. */
  private flush(): void {
    const k = this.pendingCount;
    const numbering = this.numbering;
    if (k === 0 || !numbering) return;
    this.pendingCount = 0;
    if (this.n + k > this.codes.length) this.codes = growInt32(this.codes, this.n + k);
    const pending = this.pending;
    const known = this.known;
    // First every load (independent of each other), then the codes in order.
    const byNumber = numbering.byNumber;
    const size = byNumber.length;
    for (let i = 0; i < k; i++) {
      const x = pending[i]!;
      known[i] = x >= 0 && x < size ? byNumber[x]! : 0;
    }
    const codes = this.codes;
    let n = this.n;
    for (let i = 0; i < k; i++) {
      let c = known[i]!;
      if (c === 0) {
        const x = pending[i]!;
        if (x < 0) {
          codes[n++] = -1;
          continue;
        }
        // New before this batch; maybe added earlier in it.
        c = x < numbering.byNumber.length ? numbering.byNumber[x]! : 0;
        if (c === 0) c = this.addNumber(numbering, x) + 1;
      }
      codes[n++] = c - 1;
    }
    this.n = n;
  }

  /** Adds the entry of number x (its prefix and digits) as a new entry. */
  private addNumber(numbering: Numbering, x: number): number {
    const code = this.count++;
    const len = numbering.length;
    const at = this.used;
    if (at + len > this.units.length) this.units = growUnits(this.units, at + len);
    const units = this.units;
    const prefix = numbering.prefix;
    for (let i = 0; i < prefix.length; i++) units[at + i] = prefix.charCodeAt(i);
    let v = x;
    for (let i = at + len - 1; i >= at + prefix.length; i--) {
      units[i] = 48 + (v % 10);
      v = (v - (v % 10)) / 10;
    }
    this.or |= numbering.prefixOr;
    this.used = at + len;
    if (code === this.ends.length) {
      this.ends = growInt32(this.ends, 0);
      this.hashes = growInt32(this.hashes, 0);
    }
    this.ends[code] = at + len;
    if (code === this.numbers.length) this.numbers = growInt32(this.numbers, 0);
    this.numbers[code] = x;
    numbering.set(x, code);
    this.previous = code;
    this.previousStart = at;
    this.previousLength = len;
    return code;
  }

  /**
   * Appends the value t[start, end). Without a numbering, the previous row's value is tried
   * first: ids come grouped in many files (all the rows of one customer or one transaction
   * together), and a match skips the hash and the probe.
   */
  appendRange(t: string, start: number, end: number): void {
    const numbering = this.numbering;
    if (numbering) {
      const number = numbering.numberIn(t, start, end);
      if (number >= 0) {
        this.pending[this.pendingCount++] = number;
        if (this.pendingCount === BATCH) this.flush();
        return;
      }
      this.unnumber();
    } else if (numbering === undefined) {
      this.numbering = Numbering.of(t.substring(start, end));
      if (this.numbering !== null) {
        this.appendRange(t, start, end);
        return;
      }
      this.unnumber();
    }
    if (this.n === this.codes.length) this.codes = growInt32(this.codes, 0);
    const len = end - start;
    if (this.previous >= 0 && len === this.previousLength) {
      const units = this.units;
      const p = this.previousStart - start;
      let i = start;
      while (i < end && units[p + i] === t.charCodeAt(i)) i++;
      if (i === end) {
        this.codes[this.n++] = this.previous;
        return;
      }
    }
    this.codes[this.n++] = this.lookup(t, start, end);
  }

  /**
   * Appends the value whose characters are the ASCII bytes b[start, end) (character i of the text
   * being byte i): the same as `appendRange` of that text, read from the bytes.
   */
  appendBytes(b: Uint8Array, start: number, end: number): void {
    const numbering = this.numbering;
    if (numbering) {
      const number = numbering.numberInBytes(b, start, end);
      if (number >= 0) {
        this.pending[this.pendingCount++] = number;
        if (this.pendingCount === BATCH) this.flush();
        return;
      }
      this.unnumber();
    } else if (numbering === undefined) {
      let first = '';
      for (let i = start; i < end; i++) first += String.fromCharCode(b[i]!);
      this.numbering = Numbering.of(first);
      if (this.numbering !== null) {
        this.appendBytes(b, start, end);
        return;
      }
      this.unnumber();
    }
    if (this.n === this.codes.length) this.codes = growInt32(this.codes, 0);
    const len = end - start;
    if (this.previous >= 0 && len === this.previousLength) {
      const units = this.units;
      const p = this.previousStart - start;
      let i = start;
      while (i < end && units[p + i] === b[i]) i++;
      if (i === end) {
        this.codes[this.n++] = this.previous;
        return;
      }
    }
    this.codes[this.n++] = this.lookupBytes(b, start, end);
  }

  /** `lookup` of the ASCII bytes b[start, end). */
  private lookupBytes(b: Uint8Array, start: number, end: number): number {
    let x = end - start;
    for (let i = start; i < end; i++) x = (x * 65599 + b[i]!) | 0;
    const h = mix(x);
    const len = end - start;
    const table = this.table;
    const units = this.units;
    const mask = this.mask;
    let at = h & mask;
    for (;;) {
      const j = SLOT * at;
      const entry = table[j + 1]!;
      if (entry === 0) break;
      if (table[j] === h && table[j + 3] === len) {
        const p = table[j + 2]! - start;
        let i = start;
        while (i < end && units[p + i] === b[i]) i++;
        if (i === end) {
          this.previous = entry - 1;
          this.previousStart = p + start;
          this.previousLength = len;
          return entry - 1;
        }
      }
      at = (at + 1) & mask;
    }
    const code = this.addBytes(b, start, end);
    this.insert(code, h, at);
    return code;
  }

  /** Puts the new entry `code` (the previous value) with hash h into the table at slot index `at`. */
  private insert(code: number, h: number, at: number): void {
    this.hashes[code] = h;
    this.hashed = code + 1;
    const table = this.table;
    const j = SLOT * at;
    table[j] = h;
    table[j + 1] = code + 1;
    table[j + 2] = this.previousStart;
    table[j + 3] = this.previousLength;
    if ((code + 1) * 2 > this.mask + 1) {
      this.mask = this.mask * 2 + 1;
      this.table = regrow(table, this.mask + 1);
    }
  }

  /** `add` of the ASCII bytes b[start, end). */
  private addBytes(b: Uint8Array, start: number, end: number): number {
    const code = this.count++;
    const len = end - start;
    const at = this.used;
    if (at + len > this.units.length) this.units = growUnits(this.units, at + len);
    const units = this.units;
    for (let i = 0; i < len; i++) units[at + i] = b[start + i]!;
    this.used = at + len;
    if (code === this.ends.length) {
      this.ends = growInt32(this.ends, 0);
      this.hashes = growInt32(this.hashes, 0);
    }
    this.ends[code] = at + len;
    this.previous = code;
    this.previousStart = at;
    this.previousLength = len;
    return code;
  }

  /** Leaves numbered mode: hashes the entries so far into a table. */
  private unnumber(): void {
    this.flush();
    this.numbering = null;
    this.hashAll();
    const slots = slotsFor(this.count + 1);
    this.table = tableOf(this.count, this.ends, this.hashes, slots);
    this.mask = slots - 1;
  }

  /** Computes the hashes the entries do not have yet. */
  private hashAll(): void {
    let start = this.hashed === 0 ? 0 : this.ends[this.hashed - 1]!;
    for (let code = this.hashed; code < this.count; code++) {
      const end = this.ends[code]!;
      this.hashes[code] = hashUnits(this.units, start, end);
      start = end;
    }
    this.hashed = this.count;
  }

  /** The code of t[start, end), added to the dictionary when new. */
  private lookup(t: string, start: number, end: number): number {
    const h = hashRange(t, start, end);
    const len = end - start;
    const table = this.table;
    const units = this.units;
    const mask = this.mask;
    let at = h & mask;
    for (;;) {
      const j = SLOT * at;
      const entry = table[j + 1]!;
      if (entry === 0) break;
      if (table[j] === h && table[j + 3] === len) {
        const p = table[j + 2]! - start;
        let i = start;
        while (i < end && units[p + i] === t.charCodeAt(i)) i++;
        if (i === end) {
          this.previous = entry - 1;
          this.previousStart = p + start;
          this.previousLength = len;
          return entry - 1;
        }
      }
      at = (at + 1) & mask;
    }
    const code = this.add(t, start, end);
    this.insert(code, h, at);
    return code;
  }

  /** Appends a whole string. */
  append(s: string): void {
    this.appendRange(s, 0, s.length);
  }

  /** Appends a null. */
  appendNull(): void {
    if (this.pendingCount > 0) {
      this.pending[this.pendingCount++] = -1;
      if (this.pendingCount === BATCH) this.flush();
      return;
    }
    if (this.n === this.codes.length) this.codes = growInt32(this.codes, 0);
    this.codes[this.n++] = -1;
  }

  /** The column built so far. */
  finish(): StringColumn {
    this.flush();
    return new StringColumn(this.codes.slice(0, this.n), unpackDictionary(this.packed()));
  }

  /**
   * The codes and the packed dictionary built so far (to merge with others: see
   * `DictionaryMerger`). The codes are a view of the builder's array: append nothing afterwards.
   */
  finishPacked(): { readonly codes: Int32Array; readonly dict: PackedDictionary } {
    this.flush();
    const numbering = this.numbering;
    if (!numbering) this.hashAll();
    const numbered = numbering ? { prefix: numbering.prefix, length: numbering.length, numbers: this.numbers.slice(0, this.count) } : undefined;
    return {
      codes: this.codes.subarray(0, this.n),
      dict: {
        count: this.count,
        units: this.units.slice(0, this.used),
        ends: this.ends.slice(0, this.count),
        hashes: numbering ? null : this.hashes.slice(0, this.count),
        wide: this.or > 0xff,
        numbered,
      },
    };
  }

  private packed(): PackedDictionary {
    return { count: this.count, units: this.units, ends: this.ends, hashes: this.hashes, wide: this.or > 0xff };
  }

  /** Adds t[start, end) as a new entry (its hash is not set) and makes it the previous value. */
  private add(t: string, start: number, end: number): number {
    const code = this.count++;
    const len = end - start;
    const at = this.used;
    if (at + len > this.units.length) this.units = growUnits(this.units, at + len);
    const units = this.units;
    let or = this.or;
    for (let i = 0; i < len; i++) {
      const c = t.charCodeAt(start + i);
      units[at + i] = c;
      or |= c;
    }
    this.or = or;
    this.used = at + len;
    if (code === this.ends.length) {
      this.ends = growInt32(this.ends, 0);
      this.hashes = growInt32(this.hashes, 0);
    }
    this.ends[code] = at + len;
    this.previous = code;
    this.previousStart = at;
    this.previousLength = len;
    return code;
  }
}

/**
 * Merges packed dictionaries, in order, into one: entries keep the order in which they first
 * appear, so merging the dictionaries of consecutive parts of a file gives the dictionary a single
 * pass over the whole file would have built. Costs one lookup per entry (by number while every
 * entry fits the numbering of the first, else by hash), none per row; a string is made only for
 * each entry of the merged dictionary (`finish`).
 */
export class DictionaryMerger {
  private count = 0;
  private units: Uint16Array = new Uint16Array(1 << 12);
  private used = 0;
  private ends: Int32Array = new Int32Array(64);
  /** The hashes of the first `hashed` entries (the others are hashed when needed). */
  private hashes: Int32Array = new Int32Array(64);
  private hashed = 0;
  private wide = false;
  private numbering: Numbering | null | undefined = undefined;
  private table: Int32Array = new Int32Array(0);
  private mask = -1;
  /** The strings of the first entries (see `unpack`). */
  private readonly strings: string[] = [];

  /** Entries merged so far. */
  get length(): number {
    return this.count;
  }

  /**
   * Adds a dictionary (unique entries) and returns the merged code of each of its entries. With
   * `last`, its entries need not be remembered for lookups (nothing is merged after this one).
   */
  merge(p: PackedDictionary, last = false): Int32Array {
    const n = p.count;
    const remap = new Int32Array(n);
    if (n === 0) return remap;
    const total = p.ends[n - 1]!;
    if (this.used + total > this.units.length) this.units = growUnits(this.units, this.used + total);
    if (this.count + n > this.ends.length) {
      this.ends = growInt32(this.ends, this.count + n);
      this.hashes = growInt32(this.hashes, this.count + n);
    }
    if (p.wide) this.wide = true;
    const src = p.units;
    const srcEnds = p.ends;
    let start = 0;
    let i = 0;
    if (this.numbering === undefined) this.numbering = Numbering.of(unitsToString(src, 0, srcEnds[0]!, p.wide));
    const numbering = this.numbering;
    if (numbering) {
      // The numbers the builder found, when it used the same numbering.
      const given = p.numbered !== undefined && p.numbered.prefix === numbering.prefix && p.numbered.length === numbering.length ? p.numbered.numbers : null;
      for (; i < n; i++) {
        const end = srcEnds[i]!;
        const number = given !== null ? given[i]! : numbering.numberInUnits(src, start, end);
        if (number < 0) break;
        const known = number < numbering.byNumber.length ? numbering.byNumber[number]! : 0;
        if (known !== 0) remap[i] = known - 1;
        else {
          const code = this.add(p, i, start, end);
          numbering.set(number, code);
          remap[i] = code;
        }
        start = end;
      }
      if (i === n) return remap;
      this.numbering = null;
    }
    // By hash, from the first entry that does not fit the numbering (if any) on.
    if (!last || this.mask < 0) {
      const slots = slotsFor(this.count + n - i);
      if (this.mask < 0) {
        let from = this.hashed === 0 ? 0 : this.ends[this.hashed - 1]!;
        for (let code = this.hashed; code < this.count; code++) {
          const to = this.ends[code]!;
          this.hashes[code] = hashUnits(this.units, from, to);
          from = to;
        }
        this.hashed = this.count;
        this.table = tableOf(this.count, this.ends, this.hashes, slots);
      }
      else if (slots > this.mask + 1) this.table = regrow(this.table, slots);
      this.mask = Math.max(this.mask, slots - 1);
    }
    const table = this.table;
    const mask = this.mask;
    const units = this.units;
    const hashes = p.hashes;
    for (; i < n; i++) {
      const end = srcEnds[i]!;
      const len = end - start;
      const h = hashes !== null ? hashes[i]! : hashUnits(src, start, end);
      let at = h & mask;
      let code = -1;
      for (;;) {
        const j = SLOT * at;
        const entry = table[j + 1]!;
        if (entry === 0) break;
        if (table[j] === h && table[j + 3] === len) {
          const d = table[j + 2]! - start;
          let k = start;
          while (k < end && units[d + k] === src[k]) k++;
          if (k === end) {
            code = entry - 1;
            break;
          }
        }
        at = (at + 1) & mask;
      }
      if (code < 0) {
        code = this.add(p, i, start, end);
        if (!last) {
          const j = SLOT * at;
          table[j] = h;
          table[j + 1] = code + 1;
          table[j + 2] = this.ends[code]! - len;
          table[j + 3] = len;
        }
      }
      remap[i] = code;
      start = end;
    }
    return remap;
  }

  /** Appends entry i of p, the code units [start, end) of p, as a new entry; returns its code. */
  private add(p: PackedDictionary, i: number, start: number, end: number): number {
    const code = this.count++;
    const to = this.used;
    const units = this.units;
    const src = p.units;
    const len = end - start;
    for (let k = 0; k < len; k++) units[to + k] = src[start + k]!;
    this.used = to + len;
    this.ends[code] = to + len;
    if (p.hashes !== null && this.hashed === code) {
      this.hashes[code] = p.hashes[i]!;
      this.hashed = code + 1;
    }
    return code;
  }

  /**
   * Makes the strings of the entries merged so far (`finish` makes the rest): called while the
   * other threads still read, it takes that work off the end of a parallel read.
   */
  unpack(): void {
    unpackInto(this.strings, this.units, this.ends, this.strings.length, this.count, this.wide);
  }

  /** The merged dictionary's entries, in order. */
  finish(): string[] {
    this.unpack();
    return this.strings;
  }
}
