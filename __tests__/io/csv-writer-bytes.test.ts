/**
 * The byte-level CSV and JSON Lines writers against a naive reference: the per-row string
 * formatting the writers used before (`formatNumber`, `formatDate`, `formatTimestamp`, `csvField`,
 * JSON.stringify), encoded as UTF-8 in one piece.
 */
import * as fs from 'fs';
import fc from 'fast-check';
import { Column, ListColumn, StringColumn } from '../../src/engine/column';
import { formatDate, formatNumber, formatTimestamp } from '../../src/engine/format';
import { DataFrame } from '../../src/engine/frame';
import { CellValue, DataType, MS_PER_DAY } from '../../src/engine/types';
import { writeCsv, writeJsonl } from '../../src/io/csv-writer';
import { tempFolder } from './files';

const tmp = tempFolder('csv-writer-bytes');
afterAll(() => tmp.cleanup());

// ---------------------------------------------------------------------------------------------
// The reference: one string per cell, rows joined, encoded once.

function refCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function refSafe(s: string): string {
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

/** The text of row i of a column, as the writers formatted it before; null for a null cell. */
function refCell(col: Column, i: number, mode: 'csv' | 'safe' | 'json'): string | null {
  if (!col.isValid(i)) return null;
  switch (col.kind) {
    case 'string': {
      const s = col.get(i)!;
      if (mode === 'json') return JSON.stringify(s);
      return refCsvField(mode === 'safe' ? refSafe(s) : s);
    }
    case 'bool':
      return col.get(i) === true ? 'true' : 'false';
    case 'list': {
      const json = JSON.stringify(col.get(i));
      return mode === 'json' ? json : refCsvField(json);
    }
    case 'numeric': {
      const v = col.get(i)!;
      if (col.type === 'date' || col.type === 'timestamp') {
        const text = col.type === 'date' ? formatDate(v) : formatTimestamp(v);
        return mode === 'json' ? JSON.stringify(text) : text;
      }
      if (mode === 'json' && !Number.isFinite(v)) return 'null';
      return formatNumber(v);
    }
  }
}

function refCsv(frame: DataFrame, safe: boolean): Buffer {
  let s = `${frame.columnNames.map(refCsvField).join(',')}\n`;
  for (let i = 0; i < frame.numRows; i++) s += `${frame.columns.map((c) => refCell(c, i, safe ? 'safe' : 'csv') ?? '').join(',')}\n`;
  return Buffer.from(s, 'utf8');
}

function refJsonl(frame: DataFrame): Buffer {
  let s = '';
  for (let i = 0; i < frame.numRows; i++) {
    s += `{${frame.columns.map((c, k) => `${JSON.stringify(frame.columnNames[k])}:${refCell(c, i, 'json') ?? 'null'}`).join(',')}}\n`;
  }
  return Buffer.from(s, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Random frames of every type.

const AWKWARD_TEXT = ['', 'a', 'plain text', 'a,b', 'say "hi"', '"', 'two\nlines', 'cr\rhere', 'crlf\r\n', '=SUM(A1)', '+1', '-x', '@me', "'q", 'é', '日本語', '😀', '\ud800', 'x\udfffy', 'tab\tin', '\u0000', '\\', 'back\\slash', '\u007f', '\u2028', ' lead', '=a,b'];

const text = fc.oneof(
  { arbitrary: fc.constantFrom(...AWKWARD_TEXT), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 60, maxLength: 90 }), weight: 1 },
);

const AWKWARD_NUMBERS = [0, -0, NaN, Infinity, -Infinity, 1, -1, 9, 10, 99, 100, 101, 12345, -98765, 0.1 + 0.2, 1.5, -2.25, 1e21, -1e21, 1e-7, 5e-324, 1.7976931348623157e308, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 2 ** 53 + 2, 1e15, 1e16, 999999999999999, 2 ** 31, -(2 ** 31) - 1, 123456789.5];

const number = fc.oneof(
  { arbitrary: fc.constantFrom(...AWKWARD_NUMBERS), weight: 3 },
  { arbitrary: fc.double(), weight: 2 },
  { arbitrary: fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), weight: 2 },
  { arbitrary: fc.maxSafeInteger(), weight: 1 },
  { arbitrary: fc.integer({ min: -100_000, max: 100_000 }).map((k) => k / 100), weight: 1 },
);

const DAY_LIMIT = 3_000_000; // about ±8,200 years around 1970: plain years, years above 9999 and negative years
const day = fc.oneof(
  { arbitrary: fc.integer({ min: -DAY_LIMIT, max: DAY_LIMIT }), weight: 4 },
  { arbitrary: fc.constantFrom(-719_528, -719_529, -719_469, -719_468, 2_932_896, 2_932_897, 0, -1, 11_016, 19_782), weight: 2 },
  { arbitrary: fc.constantFrom(NaN, Infinity, 0.5, -3.75, 1e12), weight: 1 },
);

const timestamp = fc.oneof(
  { arbitrary: fc.integer({ min: -DAY_LIMIT, max: DAY_LIMIT }).chain((d) => fc.integer({ min: 0, max: MS_PER_DAY - 1 }).map((ms) => d * MS_PER_DAY + ms)), weight: 4 },
  { arbitrary: fc.integer({ min: -1000, max: 1000 }).map((s) => s * 1000), weight: 1 },
  { arbitrary: fc.constantFrom(-719_528 * MS_PER_DAY, -719_528 * MS_PER_DAY - 1, 2_932_897 * MS_PER_DAY - 1, 2_932_897 * MS_PER_DAY, 1500.25, 999.6, -0.4, NaN, -Infinity), weight: 1 },
  { arbitrary: fc.double({ min: -1e14, max: 1e14, noNaN: true }), weight: 1 },
);

function nullable<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.option(arb, { nil: null, freq: 5 });
}

const TYPES: readonly DataType[] = ['string', 'float64', 'int', 'bool', 'date', 'timestamp', 'list<string>'];

function valuesOf(type: DataType, rows: number): fc.Arbitrary<CellValue[]> {
  const many = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<(T | null)[]> => fc.array(nullable(arb), { minLength: rows, maxLength: rows });
  switch (type) {
    case 'string':
      // A few distinct values over many rows (the cached path) or mostly distinct values.
      return fc.oneof(many(text), fc.array(text, { minLength: 1, maxLength: 3 }).chain((pool) => many(fc.constantFrom(...pool))));
    case 'float64':
      return many(number);
    case 'int':
      return many(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.maxSafeInteger(), fc.constantFrom(-0, 2 ** 53 - 1, -(2 ** 53 - 1))));
    case 'bool':
      return many(fc.boolean());
    case 'date':
      return many(day);
    case 'timestamp':
      return many(timestamp);
    case 'list<string>':
      return many(fc.array(text, { maxLength: 4 }));
  }
}

const frameArb: fc.Arbitrary<DataFrame> = fc.integer({ min: 0, max: 40 }).chain((rows) =>
  fc
    .array(fc.tuple(fc.constantFrom(...TYPES), fc.oneof(fc.constantFrom('a', 'b c', 'x,y', 'q"t', 'é', '=f'), fc.string({ maxLength: 4 }))), { minLength: 0, maxLength: 8 })
    .chain((cols) => fc.tuple(...cols.map(([type]) => valuesOf(type, rows))).map((values) => ({ cols, values, rows })))
    .map(({ cols, values, rows }) => {
      const fields = cols.map(([type], k) => ({ name: `${k}${cols[k]![1]}`, type }));
      const spec = Object.fromEntries(fields.map((f, k) => [f.name, { type: f.type, values: values[k]! }]));
      const frame = DataFrame.fromColumns(spec);
      return fields.length === 0 ? new DataFrame([], [], rows) : frame;
    }),
);

async function bytesOf(write: (file: string) => Promise<void>): Promise<Buffer> {
  const file = tmp.file('p.out');
  await write(file);
  const bytes = fs.readFileSync(file);
  fs.rmSync(file);
  return bytes;
}

describe('the byte-level writers', () => {
  it('write every type, null and awkward value of a random frame exactly as the reference formatting (CSV, safe CSV, JSON Lines)', async () => {
    await fc.assert(
      fc.asyncProperty(frameArb, async (frame) => {
        expect((await bytesOf((f) => writeCsv(frame, f))).equals(refCsv(frame, false))).toBe(true);
        expect((await bytesOf((f) => writeCsv(frame, f, { safeCsv: true }))).equals(refCsv(frame, true))).toBe(true);
        expect((await bytesOf((f) => writeJsonl(frame, f))).equals(refJsonl(frame))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('writes a frame of many chunks, repeated and distinct strings and long rows, exactly as the reference', async () => {
    const n = 60_000;
    const pool = ['alpha', 'b,c', '=x', 'naïve', '"q"', '日本'];
    const frame = DataFrame.fromColumns({
      id: { type: 'string', values: Array.from({ length: n }, (_, i) => `C${i}`) },
      seg: { type: 'string', values: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : pool[i % pool.length]!)) },
      x: { type: 'float64', values: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? i : i / 7)) },
      d: { type: 'date', values: Array.from({ length: n }, (_, i) => i - 30_000) },
      t: { type: 'timestamp', values: Array.from({ length: n }, (_, i) => i * 1_234_567) },
      long: { type: 'string', values: Array.from({ length: n }, (_, i) => (i === n - 2 ? 'y'.repeat(3 << 20) : 'z')) },
      tags: { type: 'list<string>', values: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : pool.slice(0, i % 4))) },
    });
    expect((await bytesOf((f) => writeCsv(frame, f, { safeCsv: true }))).equals(refCsv(frame, true))).toBe(true);
    expect((await bytesOf((f) => writeJsonl(frame, f))).equals(refJsonl(frame))).toBe(true);
  });

  it('writes dictionary entries that no row uses nowhere, and cells of a gathered string column from their codes', async () => {
    const col = new StringColumn(Int32Array.from([2, 2, -1, 0, 2, 2, 2, 2]), ['first', 'unused,entry', '+third']);
    const frame = new DataFrame([{ name: 's', type: 'string' }], [col], 8);
    expect((await bytesOf((f) => writeCsv(frame, f, { safeCsv: true }))).toString('utf8')).toBe("s\n'+third\n'+third\n\nfirst\n'+third\n'+third\n'+third\n'+third\n");
    const lists = new DataFrame([{ name: 'l', type: 'list<string>' }], [new ListColumn([['a'], null, []])], 3);
    expect((await bytesOf((f) => writeCsv(frame.select(['s']).head(0), f))).toString('utf8')).toBe('s\n');
    expect((await bytesOf((f) => writeCsv(lists, f))).toString('utf8')).toBe('l\n"[""a""]"\n\n[]\n');
  });
});
