/**
 * A dictionary-encoded string column under construction, fed ranges of the file text.
 *
 * It is the engine's `StringBuilder` specialised for the reader, for two reasons:
 * - a value is looked up by hashing its characters where they lie in the text, so a value already
 *   in the dictionary costs no substring (a `Map<string, number>` needs a string key per lookup,
 *   and was the reader's main cost on id columns with a million distinct values);
 * - a new entry is copied out of the text (`detach`), so the dictionary does not keep blocks of
 *   the file alive.
 */
import { StringColumn } from '../engine/column';
import { regrowHashTable } from '../engine/dictionary';

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
  h ^= h >>> 15;
  h = (h * 0x2c1b3) | 0;
  h ^= h >>> 13;
  return h;
}

/** The hash `StringDictionaryBuilder` and `DictionaryMerger` use for a whole string. */
export function hashText(s: string): number {
  return hashRange(s, 0, s.length);
}

function sameText(s: string, t: string, start: number, end: number): boolean {
  if (s.length !== end - start) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== t.charCodeAt(start + i)) return false;
  return true;
}

/** The entry hashes of the columns built by `StringDictionaryBuilder` (see `entryHashes`). */
const ENTRY_HASHES = new WeakMap<StringColumn, Int32Array>();

/**
 * `hashText` of each dictionary entry of a column built by `StringDictionaryBuilder` (computed
 * while building it), else computed now.
 */
export function entryHashes(column: StringColumn): Int32Array {
  const known = ENTRY_HASHES.get(column);
  if (known !== undefined && known.length === column.dict.length) return known;
  const hashes = new Int32Array(column.dict.length);
  for (let i = 0; i < hashes.length; i++) hashes[i] = hashText(column.dict[i]!);
  return hashes;
}

/** Interns string values (open addressing over stored hashes) and records one code per row. */
export class StringDictionaryBuilder {
  private codes: Int32Array = new Int32Array(1 << 14);
  private n = 0;
  private readonly dict: string[] = [];
  /**
   * Open-addressing table of (hash, code + 1) pairs, code + 1 = 0 for an empty slot, at most half
   * full. Keeping the hash next to the code lets a probe reject a different string without
   * touching the string itself.
   */
  private table: Int32Array = new Int32Array(2 * 64);
  private mask = 63;
  /** The code of the last value appended (-1 before the first). */
  private previous = -1;
  /** The hash of each dictionary entry, by code. */
  private hashes: Int32Array = new Int32Array(64);

  /** Rows appended so far. */
  get length(): number {
    return this.n;
  }

  /**
   * Appends the value t[start, end). The previous row's value is tried first: ids come grouped
   * in many files (all the rows of one customer or one transaction together), and a match skips
   * the hash and the probe.
   */
  appendRange(t: string, start: number, end: number): void {
    const previous = this.previous;
    if (previous >= 0 && sameText(this.dict[previous]!, t, start, end)) {
      if (this.n === this.codes.length) this.codes = grow(this.codes);
      this.codes[this.n++] = previous;
      return;
    }
    const code = this.lookup(t, start, end);
    this.previous = code;
    if (this.n === this.codes.length) this.codes = grow(this.codes);
    this.codes[this.n++] = code;
  }

  /** The code of t[start, end), added to the dictionary when new. */
  private lookup(t: string, start: number, end: number): number {
    const h = hashRange(t, start, end);
    const table = this.table;
    const mask = this.mask;
    let at = h & mask;
    let code: number;
    for (;;) {
      const entry = table[2 * at + 1]!;
      if (entry === 0) {
        code = this.add(h, at, t.substring(start, end));
        break;
      }
      if (table[2 * at] === h && sameText(this.dict[entry - 1]!, t, start, end)) {
        code = entry - 1;
        break;
      }
      at = (at + 1) & mask;
    }
    return code;
  }

  /** Appends a whole string. */
  append(s: string): void {
    this.appendRange(s, 0, s.length);
  }

  /** Appends a null. */
  appendNull(): void {
    if (this.n === this.codes.length) this.codes = grow(this.codes);
    this.codes[this.n++] = -1;
  }

  /** The column built so far. Its entries' hashes are kept for `entryHashes`. */
  finish(): StringColumn {
    const column = new StringColumn(this.codes.slice(0, this.n), this.dict.slice());
    ENTRY_HASHES.set(column, this.hashes.slice(0, this.dict.length));
    return column;
  }

  private add(h: number, at: number, s: string): number {
    const code = this.dict.length;
    this.dict.push(detach(s));
    if (code === this.hashes.length) this.hashes = grow(this.hashes);
    this.hashes[code] = h;
    this.table[2 * at] = h;
    this.table[2 * at + 1] = code + 1;
    if ((code + 1) * 2 > this.mask + 1) this.rehash();
    return code;
  }

  private rehash(): void {
    this.mask = this.mask * 2 + 1;
    this.table = regrowHashTable(this.table, this.mask + 1);
  }

}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Merges string dictionaries, in order, into one: entries keep the order in which they first
 * appear, so merging the dictionaries of consecutive parts of a file gives the dictionary a single
 * pass over the whole file would have built. Costs one hash lookup per entry, none per row.
 */
export class DictionaryMerger {
  /** The merged dictionary (grows with each `merge`). */
  readonly dict: string[] = [];
  private table: Int32Array;
  private mask: number;

  constructor(expectedEntries = 0) {
    let size = 64;
    while (size < expectedEntries * 2) size *= 2;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
  }

  /** Makes room for `entries` entries in all (the table stays at most half full) in one step. */
  reserve(entries: number): void {
    if (entries * 2 <= this.mask + 1) return;
    let size = this.mask + 1;
    while (size < entries * 2) size *= 2;
    this.table = regrowHashTable(this.table, size);
    this.mask = size - 1;
  }

  /**
   * Adds a dictionary (unique entries) and returns the merged code of each of its entries.
   * `hashes[i]` must be `hashText(entries[i])` when given. With `last`, the entries are not
   * remembered for later merges (nothing is merged after this one).
   */
  merge(entries: readonly string[], hashes?: Int32Array, last = false): Int32Array {
    const n = entries.length;
    const remap = new Int32Array(n);
    const dict = this.dict;
    if (dict.length === 0 && last) {
      for (let i = 0; i < n; i++) {
        remap[i] = i;
        dict.push(entries[i]!);
      }
      return remap;
    }
    if (!last) this.reserve(dict.length + n);
    const table = this.table;
    const mask = this.mask;
    for (let i = 0; i < n; i++) {
      const s = entries[i]!;
      const h = hashes === undefined ? hashRange(s, 0, s.length) : hashes[i]!;
      let at = h & mask;
      for (;;) {
        const entry = table[2 * at + 1]!;
        if (entry === 0) {
          const code = dict.length;
          dict.push(s);
          remap[i] = code;
          if (!last) {
            table[2 * at] = h;
            table[2 * at + 1] = code + 1;
          }
          break;
        }
        if (table[2 * at] === h && dict[entry - 1] === s) {
          remap[i] = entry - 1;
          break;
        }
        at = (at + 1) & mask;
      }
    }
    return remap;
  }
}
