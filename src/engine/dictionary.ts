/**
 * One string dictionary shared by the columns of several frames.
 *
 * Two string columns with the same dictionary array compare by code: a join or a union between
 * them does no string hashing at all (see `jointStringCodes` in exec/factorize). Columns read
 * from different files each get their own dictionary, so a join on an id column hashes and looks
 * up every distinct id of one side in the other's dictionary, once per join. Re-encoding each
 * file's id column into one `SharedDictionary` when it is read moves that work to one pass per
 * file, and every later join, group-by and dedupe on the id works on codes.
 *
 * The dictionary only grows: a column encoded earlier keeps valid codes (its codes are below the
 * length the dictionary had then), and every kernel reads `dict.length` when it runs.
 */
import { C360Error } from '../errors';
import { StringColumn, hashString } from './column';

/** A growing set of distinct strings, each with a stable code (its position). */
export class SharedDictionary {
  private readonly strings: string[];
  /** Open addressing: (hash, code + 1) pairs, code + 1 = 0 for an empty slot, at most half full. */
  private table: Int32Array;
  private mask: number;

  /**
   * An empty dictionary, or one that adopts `entries` (distinct strings, such as a dictionary read
   * from a frame file): the columns that already use that array are encoded by it as they are,
   * and it grows in place (which keeps their codes valid).
   */
  constructor(entries: string[] = []) {
    this.strings = entries;
    let slots = 1024;
    while (slots < entries.length * 2) slots *= 2;
    this.mask = slots - 1;
    this.table = new Int32Array(2 * slots);
    const table = this.table;
    const mask = this.mask;
    for (let code = 0; code < entries.length; code++) {
      const h = hashString(entries[code]!);
      let at = h & mask;
      while (table[2 * at + 1] !== 0) {
        if (table[2 * at] === h && entries[table[2 * at + 1]! - 1] === entries[code]) throw new C360Error(`a shared dictionary's entries repeat "${entries[code]}"`);
        at = (at + 1) & mask;
      }
      table[2 * at] = h;
      table[2 * at + 1] = code + 1;
    }
  }

  /** The entries, by code. Columns encoded by this dictionary share this array. */
  get dict(): readonly string[] {
    return this.strings;
  }

  /** Number of entries. */
  get size(): number {
    return this.strings.length;
  }

  /** The code of s, added when new. */
  intern(s: string): number {
    const h = hashString(s);
    const table = this.table;
    const mask = this.mask;
    let at = h & mask;
    for (;;) {
      const entry = table[2 * at + 1]!;
      if (entry === 0) break;
      if (table[2 * at] === h && this.strings[entry - 1] === s) return entry - 1;
      at = (at + 1) & mask;
    }
    const code = this.strings.length;
    this.strings.push(s);
    table[2 * at] = h;
    table[2 * at + 1] = code + 1;
    if ((code + 1) * 2 > mask + 1) this.grow();
    return code;
  }

  /** The code of s, or -1 when absent. */
  codeOf(s: string): number {
    const h = hashString(s);
    const table = this.table;
    let at = h & this.mask;
    for (;;) {
      const entry = table[2 * at + 1]!;
      if (entry === 0) return -1;
      if (table[2 * at] === h && this.strings[entry - 1] === s) return entry - 1;
      at = (at + 1) & this.mask;
    }
  }

  /**
   * The same values as `c`, as codes into this dictionary (`c` itself when it already uses it).
   * Costs one lookup per entry of `c`'s dictionary and one pass over its rows.
   */
  encode(c: StringColumn): StringColumn {
    if (c.dict === this.strings) return c;
    const from = c.dict;
    const remap = new Int32Array(from.length);
    for (let k = 0; k < from.length; k++) remap[k] = this.intern(from[k]!);
    const codes = c.codes;
    const n = codes.length;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = codes[i]!;
      out[i] = k < 0 ? -1 : remap[k]!;
    }
    return new StringColumn(out, this.strings);
  }

  private grow(): void {
    this.mask = this.mask * 2 + 1;
    this.table = regrowHashTable(this.table, this.mask + 1);
  }
}

/**
 * An open-addressing table of (hash, code + 1) pairs (code + 1 = 0: empty slot) moved into a new
 * table of `slots` slots (a power of two), probing linearly from `hash & (slots - 1)`.
 */
export function regrowHashTable(old: Int32Array, slots: number): Int32Array<ArrayBuffer> {
  const mask = slots - 1;
  const table = new Int32Array(2 * slots);
  for (let i = 0; i < old.length; i += 2) {
    const entry = old[i + 1]!;
    if (entry === 0) continue;
    const h = old[i]!;
    let at = h & mask;
    while (table[2 * at + 1] !== 0) at = (at + 1) & mask;
    table[2 * at] = h;
    table[2 * at + 1] = entry;
  }
  return table;
}
