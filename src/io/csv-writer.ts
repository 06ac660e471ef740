/**
 * CSV and JSON Lines writers. Both stream the frame in ~1 MB pieces and are atomic (see
 * `writeAtomically`): an existing file at the target path is replaced only by a complete new file.
 *
 * The rows are formatted straight into a reused byte buffer (no per-row JS strings): string cells
 * are written from their dictionary entry's bytes (quoted and escaped once per entry, and cached
 * when the entries repeat), whole numbers with a digit loop, numbers with up to six decimals from
 * their scaled integer, dates and timestamps from their day and millisecond numbers with a
 * two-digit table. Every other value (other doubles, NaN, infinities, lists, dates outside years
 * 0000-9999, fractional milliseconds) goes through the same text functions as before
 * (`formatNumber`, `formatDate`, `formatTimestamp`, `JSON.stringify`), so the bytes are exactly
 * those texts encoded as UTF-8. While one buffer is being written to the file the next is filled.
 */
import { BoolColumn, Column, ListColumn, NumericColumn, StringColumn } from '../engine/column';
import { civilPacked, daysFromCivil, formatDate, formatNumber, formatTimestamp } from '../engine/format';
import { DataFrame } from '../engine/frame';
import { MS_PER_DAY } from '../engine/types';
import { ChunkSink, writeAtomically } from './atomic-file';

/** Options of `writeCsv`. */
export interface CsvWriteOptions {
  /**
   * Guard against formula injection when the file is opened in a spreadsheet: a text cell (a value
   * of a string column) that begins with `=`, `+`, `-` or `@` is written with a single quote `'`
   * in front, e.g. `=SUM(A1)` → `'=SUM(A1)`. Numbers are never changed. Default false (the CLI
   * turns it on). The quote is part of the cell, so such a file does not read back byte-for-byte.
   */
  readonly safeCsv?: boolean;
}

/** Bytes formatted before a buffer is handed to the file system (at the end of a row). */
const CHUNK_BYTES = 1 << 20;

const NEEDS_QUOTES = /[",\r\n]/;

/** A field as it appears in a CSV file: quoted only when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line from field texts: each quoted when needed, joined by commas, without a line break. */
export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

function safeText(s: string): string {
  const c = s.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 ? `'${s}` : s;
}

/** How cells are written: CSV (optionally spreadsheet-safe) or JSON values. */
type Mode = 0 | 1 | 2;
const Mode = { Csv: 0, SafeCsv: 1, Json: 2 } as const;

/** The full text of a string cell in the mode (the slow path; the fast path writes plain ASCII directly). */
function textOf(s: string, mode: Mode): string {
  if (mode === Mode.Json) return JSON.stringify(s);
  return csvField(mode === Mode.SafeCsv ? safeText(s) : s);
}

const C_QUOTE = 34;
const C_COMMA = 44;
const C_NL = 10;
const C_MINUS = 45;
const C_DOT = 46;
const C_COLON = 58;
const C_SPACE = 32;
const C_ZERO = 48;

/** `TWO_DIGITS[2k]`, `TWO_DIGITS[2k + 1]`: the ASCII digits of k, 0 ≤ k < 100. */
const TWO_DIGITS = new Uint8Array(200);
for (let k = 0; k < 100; k++) {
  TWO_DIGITS[2 * k] = C_ZERO + Math.floor(k / 10);
  TWO_DIGITS[2 * k + 1] = C_ZERO + (k % 10);
}

/** Powers of ten up to 1e16 (exact doubles). */
const POW10: number[] = [];
for (let k = 0, p = 1; k <= 16; k++, p *= 10) POW10.push(p);

/** Whole numbers below this (in magnitude) are written by the digit loop: every one is exact and its shortest text is its digits. */
const DIGIT_LOOP_LIMIT = 2 ** 53;

/** Day numbers of 0000-01-01 and 9999-12-31: dates in between have a plain four-digit year. */
const FIRST_PLAIN_DAY = daysFromCivil(0, 1, 1);
const LAST_PLAIN_DAY = daysFromCivil(9999, 12, 31);

/** A growable byte buffer that rows are formatted into, handed to the sink in pieces. */
class ByteOut {
  buf: Buffer;
  pos = 0;
  /** The buffer being written to the file while `buf` is filled (null before the first flush). */
  private spare: Buffer | null = null;
  private pending: Promise<void> | null = null;
  constructor(private readonly sink: ChunkSink) {
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES + (64 << 10));
  }

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  byte(b: number): void {
    if (this.pos >= this.buf.length) this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Writes ASCII text (every char code below 128). */
  ascii(s: string): void {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let p = this.pos;
    for (let k = 0; k < n; k++) buf[p++] = s.charCodeAt(k);
    this.pos = p;
  }

  /** Writes any text as UTF-8 (lone surrogates become U+FFFD, as `Buffer.from(text)` does). */
  utf8(s: string): void {
    if (s.length < 64) {
      // Short texts: an ASCII loop, falling back to the encoder at the first other character.
      this.ensure(s.length);
      const buf = this.buf;
      let p = this.pos;
      let k = 0;
      for (; k < s.length; k++) {
        const c = s.charCodeAt(k);
        if (c >= 128) break;
        buf[p++] = c;
      }
      if (k === s.length) {
        this.pos = p;
        return;
      }
    }
    this.ensure(3 * s.length);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Copies bytes of another buffer. */
  copyFrom(src: Uint8Array, start: number, len: number): void {
    this.ensure(len);
    const buf = this.buf;
    let p = this.pos;
    if (len < 32) {
      for (let k = 0; k < len; k++) buf[p++] = src[start + k]!;
      this.pos = p;
    } else {
      buf.set(src.subarray(start, start + len), p);
      this.pos = p + len;
    }
  }

  /**
   * Hands the formatted bytes to the sink when there are enough of them. The write runs while the
   * next buffer is filled; the one before it is awaited first, so at most one write is in flight.
   */
  async maybeFlush(): Promise<void> {
    if (this.pos >= CHUNK_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending !== null) await this.pending;
    this.pending = null;
    if (this.pos === 0) return;
    const full = this.buf.subarray(0, this.pos);
    const write = this.sink.write(full);
    // Observed here so that a failure while the next buffer is filled is not an unhandled rejection; awaited later.
    write.catch(() => undefined);
    this.pending = write;
    const spare = this.spare;
    this.spare = this.buf;
    this.buf = spare !== null && spare.length >= CHUNK_BYTES ? spare : Buffer.allocUnsafe(this.spare.length);
    this.pos = 0;
  }

  /** Writes what is left and waits for every write. */
  async finish(): Promise<void> {
    await this.flush();
    if (this.pending !== null) await this.pending;
    this.pending = null;
  }

  /** Waits for the write in flight, ignoring its outcome (after a failure elsewhere). */
  async settle(): Promise<void> {
    if (this.pending !== null) await this.pending.catch(() => undefined);
    this.pending = null;
  }
}

/** Writes the cell of row i (nothing at all for an empty CSV cell). */
type CellWriter = (i: number) => void;

/**
 * Writes the digits of a whole number 0 ≤ v < 2^53 (the caller made room for 16 bytes); with
 * `minDigits`, leading zeros up to that many digits.
 */
function putDigits(out: ByteOut, v: number, minDigits: number): void {
  const buf = out.buf;
  let digits = 1;
  while (digits < 16 && v >= POW10[digits]!) digits++;
  if (digits < minDigits) digits = minDigits;
  let q = out.pos + digits;
  const start = out.pos;
  out.pos = q;
  while (v >= 100) {
    const r = v % 100;
    v = (v - r) / 100;
    buf[--q] = TWO_DIGITS[2 * r + 1]!;
    buf[--q] = TWO_DIGITS[2 * r]!;
  }
  if (v >= 10) {
    buf[--q] = TWO_DIGITS[2 * v + 1]!;
    buf[--q] = TWO_DIGITS[2 * v]!;
  } else buf[--q] = C_ZERO + v;
  while (q > start) buf[--q] = C_ZERO;
}

/**
 * Decimal places tried by the short-decimal path, and the magnitude below which each is safe: there
 * the gap between doubles is below 10^-(d+1), so a value that is exactly r / 10^d as a double has
 * that decimal text as its one shortest round-trip text (what `String(v)` prints).
 */
const DECIMAL_SCALES = [10, 100, 1000, 10000, 100000, 1000000];
const DECIMAL_LIMITS = DECIMAL_SCALES.map((scale) => 2 ** 52 / (scale * 10));

/**
 * Writes a number exactly as `formatNumber` (JSON: NaN and ±Infinity as null): whole numbers by the
 * digit loop, numbers with at most six decimals from their scaled integer, others by `String(v)`.
 */
function putNumber(out: ByteOut, v: number, json: boolean): void {
  if (v === Math.floor(v) && v < DIGIT_LOOP_LIMIT && v > -DIGIT_LOOP_LIMIT) {
    out.ensure(18);
    if (v === 0) {
      if (1 / v < 0) out.buf[out.pos++] = C_MINUS;
      out.buf[out.pos++] = C_ZERO;
      return;
    }
    if (v < 0) {
      out.buf[out.pos++] = C_MINUS;
      v = -v;
    }
    putDigits(out, v, 1);
    return;
  }
  const a = v < 0 ? -v : v;
  // NaN fails every comparison below, and infinities exceed every limit.
  for (let k = 0; k < DECIMAL_SCALES.length && a < DECIMAL_LIMITS[k]!; k++) {
    const scale = DECIMAL_SCALES[k]!;
    const r = Math.round(a * scale);
    if (r / scale !== a) continue;
    const whole = Math.floor(r / scale);
    let frac = r - whole * scale;
    // Never expected (a is not whole, and r / scale is exact to the integer part); a safe way out.
    if (frac <= 0 || frac >= scale) break;
    let places = k + 1;
    while (frac % 10 === 0) {
      frac /= 10;
      places--;
    }
    out.ensure(40);
    if (v < 0) out.buf[out.pos++] = C_MINUS;
    putDigits(out, whole, 1);
    out.buf[out.pos++] = C_DOT;
    putDigits(out, frac, places);
    return;
  }
  if (json && !Number.isFinite(v)) out.ascii('null');
  else out.ascii(formatNumber(v));
}

function put2(buf: Buffer, p: number, k: number): void {
  buf[p] = TWO_DIGITS[2 * k]!;
  buf[p + 1] = TWO_DIGITS[2 * k + 1]!;
}

/** Writes `YYYY-MM-DD` of a whole day number of years 0000-9999 at p (10 bytes; the caller made room). */
function putPlainDate(buf: Buffer, p: number, days: number): void {
  const packed = civilPacked(days); // days ≥ FIRST_PLAIN_DAY: year 0000 or later
  const y = Math.floor(packed / 10000);
  const md = packed - y * 10000;
  const m = Math.floor(md / 100);
  const d = md - m * 100;
  const hi = Math.floor(y / 100);
  put2(buf, p, hi);
  put2(buf, p + 2, y - hi * 100);
  buf[p + 4] = C_MINUS;
  put2(buf, p + 5, m);
  buf[p + 7] = C_MINUS;
  put2(buf, p + 8, d);
}

/** Writes a date as `formatDate` does, quoted in JSON. */
function putDate(out: ByteOut, days: number, json: boolean): void {
  if (Number.isInteger(days) && days >= FIRST_PLAIN_DAY && days <= LAST_PLAIN_DAY) {
    out.ensure(12);
    const buf = out.buf;
    let p = out.pos;
    if (json) buf[p++] = C_QUOTE;
    putPlainDate(buf, p, days);
    p += 10;
    if (json) buf[p++] = C_QUOTE;
    out.pos = p;
    return;
  }
  const text = formatDate(days);
  out.ascii(json ? JSON.stringify(text) : text);
}

/** Writes a timestamp as `formatTimestamp` does, quoted in JSON. */
function putTimestamp(out: ByteOut, ms: number, json: boolean): void {
  const days = Math.floor(ms / MS_PER_DAY);
  if (Number.isInteger(ms) && days >= FIRST_PLAIN_DAY && days <= LAST_PLAIN_DAY) {
    let rest = ms - days * MS_PER_DAY;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const mi = Math.floor(rest / 60_000);
    rest -= mi * 60_000;
    const s = Math.floor(rest / 1000);
    const frac = rest - s * 1000;
    out.ensure(25);
    const buf = out.buf;
    let p = out.pos;
    if (json) buf[p++] = C_QUOTE;
    putPlainDate(buf, p, days);
    p += 10;
    buf[p++] = C_SPACE;
    put2(buf, p, h);
    buf[p + 2] = C_COLON;
    put2(buf, p + 3, mi);
    buf[p + 5] = C_COLON;
    put2(buf, p + 6, s);
    p += 8;
    if (frac !== 0) {
      buf[p++] = C_DOT;
      const hi = Math.floor(frac / 100);
      buf[p++] = C_ZERO + hi;
      put2(buf, p, frac - hi * 100);
      p += 2;
    }
    if (json) buf[p++] = C_QUOTE;
    out.pos = p;
    return;
  }
  const text = formatTimestamp(ms);
  out.ascii(json ? JSON.stringify(text) : text);
}

/**
 * Writes a string cell. Plain ASCII text that needs no quoting (and, in safe mode, does not begin
 * with = + - @) is copied as it is scanned; anything else goes through `textOf` and the UTF-8 encoder.
 */
function putText(out: ByteOut, s: string, mode: Mode): void {
  const n = s.length;
  out.ensure(n + 2);
  const buf = out.buf;
  const start = out.pos;
  let p = start;
  const json = mode === Mode.Json;
  if (json) buf[p++] = C_QUOTE;
  else if (mode === Mode.SafeCsv && n > 0) {
    const c = s.charCodeAt(0);
    if (c === 61 || c === 43 || c === 45 || c === 64) {
      out.utf8(textOf(s, mode));
      return;
    }
  }
  let k = 0;
  if (json) {
    for (; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c < 32 || c >= 128 || c === C_QUOTE || c === 92) break;
      buf[p++] = c;
    }
  } else {
    for (; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c >= 128 || c === C_QUOTE || c === C_COMMA || c === C_NL || c === 13) break;
      buf[p++] = c;
    }
  }
  if (k < n) {
    out.pos = start;
    out.utf8(textOf(s, mode));
    return;
  }
  if (json) buf[p++] = C_QUOTE;
  out.pos = p;
}

/**
 * Cells of a string column. When the dictionary's entries repeat (fewer entries than half the
 * rows), each entry's bytes are made once and copied after; otherwise (ids, names: mostly one row
 * each) every cell is formatted as it comes, which costs the same and keeps no copy.
 */
function stringCells(out: ByteOut, col: StringColumn, rows: number, mode: Mode, nul: string): CellWriter {
  const { codes, dict } = col;
  const putNull = nullWriter(out, nul);
  if (dict.length * 2 > rows) {
    return (i) => {
      const code = codes[i]!;
      if (code < 0) putNull();
      else putText(out, dict[code]!, mode);
    };
  }
  const offsets = new Int32Array(dict.length).fill(-1);
  const lengths = new Int32Array(dict.length);
  let arena = Buffer.allocUnsafe(Math.max(256, dict.length * 16));
  let used = 0;
  return (i) => {
    const code = codes[i]!;
    if (code < 0) {
      putNull();
      return;
    }
    const off = offsets[code]!;
    if (off >= 0) {
      out.copyFrom(arena, off, lengths[code]!);
      return;
    }
    const from = out.pos;
    putText(out, dict[code]!, mode);
    const len = out.pos - from;
    if (used + len > arena.length) {
      const next = Buffer.allocUnsafe(Math.max(arena.length * 2, used + len));
      arena.copy(next, 0, 0, used);
      arena = next;
    }
    out.buf.copy(arena, used, from, out.pos);
    offsets[code] = used;
    lengths[code] = len;
    used += len;
  };
}

function nullWriter(out: ByteOut, nul: string): () => void {
  return nul === '' ? () => undefined : () => out.ascii(nul);
}

function numericCells(out: ByteOut, col: NumericColumn, json: boolean, nul: string): CellWriter {
  const { values, validity } = col;
  const putNull = nullWriter(out, nul);
  // One closure per kind of value, so that each call site sees one function.
  if (col.type === 'date') {
    return (i) => {
      if (validity !== null && (validity[i >>> 3]! & (1 << (i & 7))) === 0) putNull();
      else putDate(out, values[i]!, json);
    };
  }
  if (col.type === 'timestamp') {
    return (i) => {
      if (validity !== null && (validity[i >>> 3]! & (1 << (i & 7))) === 0) putNull();
      else putTimestamp(out, values[i]!, json);
    };
  }
  return (i) => {
    if (validity !== null && (validity[i >>> 3]! & (1 << (i & 7))) === 0) putNull();
    else putNumber(out, values[i]!, json);
  };
}

function boolCells(out: ByteOut, col: BoolColumn, nul: string): CellWriter {
  const putNull = nullWriter(out, nul);
  const { values, validity } = col;
  return (i) => {
    if (validity !== null && (validity[i >>> 3]! & (1 << (i & 7))) === 0) putNull();
    else out.ascii(values[i] === 1 ? 'true' : 'false');
  };
}

/** Lists are read only through `get`, and written as their JSON text (a CSV field in CSV). */
function listCells(out: ByteOut, col: ListColumn, mode: Mode, nul: string): CellWriter {
  const putNull = nullWriter(out, nul);
  return (i) => {
    const v = col.get(i);
    if (v === null || v === undefined) putNull();
    else {
      const json = JSON.stringify(v);
      out.utf8(mode === Mode.Json ? json : csvField(json));
    }
  };
}

function cellWriter(out: ByteOut, col: Column, rows: number, mode: Mode): CellWriter {
  const nul = mode === Mode.Json ? 'null' : '';
  const json = mode === Mode.Json;
  switch (col.kind) {
    case 'string':
      return stringCells(out, col, rows, mode, nul);
    case 'numeric':
      return numericCells(out, col, json, nul);
    case 'bool':
      return boolCells(out, col, nul);
    case 'list':
      return listCells(out, col, mode, nul);
  }
}

/** Formats the rows of a frame into a file atomically: `row` writes row i into `out`. */
async function writeRows(path: string, header: string, frame: DataFrame, mode: Mode, row: (out: ByteOut, cells: readonly CellWriter[], i: number) => void): Promise<void> {
  await writeAtomically(path, async (sink) => {
    const out = new ByteOut(sink);
    try {
      out.utf8(header);
      const cells = frame.columns.map((c) => cellWriter(out, c, frame.numRows, mode));
      for (let i = 0; i < frame.numRows; i++) {
        row(out, cells, i);
        if (out.pos >= CHUNK_BYTES) await out.maybeFlush();
      }
      await out.finish();
    } catch (err) {
      await out.settle();
      throw err;
    }
  });
}

function csvRow(out: ByteOut, cells: readonly CellWriter[], i: number): void {
  const width = cells.length;
  if (width > 0) cells[0]!(i);
  for (let c = 1; c < width; c++) {
    out.byte(C_COMMA);
    cells[c]!(i);
  }
  out.byte(C_NL);
}

/**
 * Writes a frame as CSV (RFC 4180): a header line, LF line ends, fields quoted only when they hold
 * a comma, quote, CR or LF. Nulls are empty fields (so an empty string also reads back as null);
 * numbers in full precision (`formatNumber`); dates `YYYY-MM-DD`; timestamps
 * `YYYY-MM-DD HH:MM:SS` (with `.fff` when there are milliseconds); booleans `true`/`false`;
 * lists as JSON arrays. Atomic: on error an existing file at `path` is left untouched.
 * @example await writeCsv(frame, 'out/customer_analytics_c360.csv', { safeCsv: true });
 */
export async function writeCsv(frame: DataFrame, path: string, options: CsvWriteOptions = {}): Promise<void> {
  const mode = options.safeCsv === true ? Mode.SafeCsv : Mode.Csv;
  await writeRows(path, `${csvLine(frame.columnNames)}\n`, frame, mode, csvRow);
}

/**
 * Writes a frame as JSON Lines: one object per row, keys in column order. Dates and timestamps are
 * the same strings as in CSV, nulls `null`, numbers JSON numbers (NaN and ±Infinity as `null`),
 * lists arrays. Atomic like `writeCsv`.
 * @example await writeJsonl(frame, 'out/customer_analytics_c360.jsonl');
 */
export async function writeJsonl(frame: DataFrame, path: string): Promise<void> {
  const keys = frame.columnNames.map((name, c) => Buffer.from(`${c === 0 ? '{' : ','}${JSON.stringify(name)}:`, 'utf8'));
  await writeRows(path, '', frame, Mode.Json, (out, cells, i) => {
    const width = cells.length;
    if (width === 0) out.byte(123);
    for (let c = 0; c < width; c++) {
      const key = keys[c]!;
      out.copyFrom(key, 0, key.length);
      cells[c]!(i);
    }
    out.byte(125);
    out.byte(C_NL);
  });
}
