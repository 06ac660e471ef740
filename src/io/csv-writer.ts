/**
 * CSV and JSON Lines writers. Both stream the frame in ~1 MB pieces (each write awaited) and are
 * atomic (see `writeAtomically`): an existing file at the target path is replaced only by a
 * complete new file.
 */
import { Column } from '../engine/column';
import { formatDate, formatNumber, formatTimestamp } from '../engine/format';
import { DataFrame } from '../engine/frame';
import { writeAtomically } from './atomic-file';

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

/** Size of the text pieces handed to the file system. */
const CHUNK_CHARS = 1 << 20;

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

/** The text of row i of a column in the output format. */
type CellWriter = (i: number) => string;

interface Encoding {
  readonly text: (s: string) => string;
  readonly number: (v: number) => string;
  /** A date or timestamp text. */
  readonly literal: (s: string) => string;
  /** A list, given as its JSON text. */
  readonly list: (json: string) => string;
  readonly nullText: string;
}

// Dates and timestamps never hold a comma, quote or line break, so they go out as they are.
const CSV: Encoding = { text: csvField, number: formatNumber, literal: (s) => s, list: csvField, nullText: '' };
const SAFE_CSV: Encoding = { ...CSV, text: (s) => csvField(safeText(s)) };
const JSON_VALUE: Encoding = {
  text: (s) => JSON.stringify(s),
  number: (v) => (Number.isFinite(v) ? formatNumber(v) : 'null'),
  literal: (s) => JSON.stringify(s),
  list: (json) => json,
  nullText: 'null',
};

function cellWriter(col: Column, enc: Encoding): CellWriter {
  const nul = enc.nullText;
  switch (col.kind) {
    case 'string': {
      const { codes, dict } = col;
      const cache = new Array<string | undefined>(dict.length);
      return (i) => {
        const code = codes[i]!;
        if (code < 0) return nul;
        let s = cache[code];
        if (s === undefined) cache[code] = s = enc.text(dict[code]!);
        return s;
      };
    }
    case 'numeric': {
      const { values } = col;
      const format = col.type === 'date' ? (v: number) => formatDate(v) : col.type === 'timestamp' ? (v: number) => formatTimestamp(v) : null;
      if (format === null) return (i) => (col.isValid(i) ? enc.number(values[i]!) : nul);
      return (i) => (col.isValid(i) ? enc.literal(format(values[i]!)) : nul);
    }
    case 'bool':
      return (i) => (col.isValid(i) ? (col.values[i] === 1 ? 'true' : 'false') : nul);
    case 'list':
      return (i) => {
        const v = col.values[i];
        return v === null || v === undefined ? nul : enc.list(JSON.stringify(v));
      };
  }
}

/** Streams text lines of a frame to a file atomically. */
async function writeLines(path: string, header: string | null, frame: DataFrame, line: (i: number) => string): Promise<void> {
  await writeAtomically(path, async (sink) => {
    let chunk = header ?? '';
    for (let i = 0; i < frame.numRows; i++) {
      chunk += line(i);
      if (chunk.length >= CHUNK_CHARS) {
        await sink.write(chunk);
        chunk = '';
      }
    }
    if (chunk.length > 0) await sink.write(chunk);
  });
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
  const enc = options.safeCsv === true ? SAFE_CSV : CSV;
  const cells = frame.columns.map((c) => cellWriter(c, enc));
  const header = `${csvLine(frame.columnNames)}\n`;
  const width = cells.length;
  await writeLines(path, header, frame, (i) => {
    let s = width > 0 ? cells[0]!(i) : '';
    for (let c = 1; c < width; c++) s += `,${cells[c]!(i)}`;
    return `${s}\n`;
  });
}

/**
 * Writes a frame as JSON Lines: one object per row, keys in column order. Dates and timestamps are
 * the same strings as in CSV, nulls `null`, numbers JSON numbers (NaN and ±Infinity as `null`),
 * lists arrays. Atomic like `writeCsv`.
 * @example await writeJsonl(frame, 'out/customer_analytics_c360.jsonl');
 */
export async function writeJsonl(frame: DataFrame, path: string): Promise<void> {
  const cells = frame.columns.map((c) => cellWriter(c, JSON_VALUE));
  const keys = frame.columnNames.map((name, c) => `${c === 0 ? '{' : ','}${JSON.stringify(name)}:`);
  const width = cells.length;
  await writeLines(path, null, frame, (i) => {
    let s = width === 0 ? '{' : '';
    for (let c = 0; c < width; c++) s += keys[c]! + cells[c]!(i);
    return `${s}}\n`;
  });
}
