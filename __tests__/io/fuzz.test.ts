/**
 * Fuzzing the CSV reader: valid files of the declared input schemas, written by `writeCsv`, then
 * mutated byte by byte at random. The reader must never throw anything but a one-sentence
 * C360Error, must account for every line (read, rejected with a reason, or empty), and must read
 * valid files back unchanged.
 */
import fc from 'fast-check';
import * as fs from 'fs';
import { C360Error } from '../../src/errors';
import { DataFrame } from '../../src/engine/frame';
import { CellValue, DataType, MS_PER_DAY } from '../../src/engine/types';
import { CsvField, readCsv } from '../../src/io/csv-reader';
import { writeCsv } from '../../src/io/csv-writer';
import { INPUT_FILES, InputFile } from '../../src/schema/inputs';
import { tempFolder } from './files';

const tmp = tempFolder('fuzz');
afterAll(() => tmp.cleanup());

const LABEL = 'fuzz.csv';

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '02101', ' ', '日本', '=1+2', '"', 'x'.repeat(70)) },
);

/** Values of each declared type, as the engine holds them. */
const VALUE: Record<string, fc.Arbitrary<CellValue>> = {
  string: text,
  int: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
  float64: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 0.1, -2.5, 1e21, 19.99)),
  date: fc.integer({ min: -25_567, max: 40_000 }),
  timestamp: fc.integer({ min: -25_567 * MS_PER_DAY, max: 40_000 * MS_PER_DAY }).map((ms) => ms - (ms % 1000)),
};

/** An input file and rows of its declared types (nulls included). */
const validFile: fc.Arbitrary<{ file: InputFile; rows: Record<string, CellValue>[] }> = fc.constantFrom(...INPUT_FILES).chain((file) =>
  fc
    .array(fc.record(Object.fromEntries(file.columns.map((c) => [c.name, fc.option(VALUE[c.type]!, { nil: null, freq: 6 })]))), { maxLength: 8 })
    .map((rows) => ({ file, rows })),
);

function schemaOf(file: InputFile): CsvField[] {
  return file.columns.map((c) => ({ name: c.name, type: c.type, required: c.required }));
}

async function writeValid(file: InputFile, rows: Record<string, CellValue>[]): Promise<{ path: string; frame: DataFrame }> {
  const frame = DataFrame.fromRows(
    file.columns.map((c) => ({ name: c.name, type: c.type as DataType })),
    rows,
  );
  const path = tmp.file('valid.csv');
  await writeCsv(frame, path);
  return { path, frame };
}

/** A byte-level change to a file. */
interface Mutation {
  readonly kind: 'set' | 'insert' | 'delete' | 'truncate' | 'duplicate' | 'crlf' | 'bom';
  /** Where, as a fraction of the length. */
  readonly at: number;
  readonly byte: number;
  readonly length: number;
}

/** Bytes that matter to CSV and UTF-8: quote, comma, LF, CR, invalid and lead bytes, NUL, space, BOM parts. */
const SPECIAL = [0x22, 0x2c, 0x0a, 0x0d, 0xff, 0xc3, 0x80, 0xe2, 0x00, 0x20, 0x2d, 0x41, 0x39, 0xef, 0xbb, 0xbf];

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('set', 'set', 'insert', 'insert', 'delete', 'truncate', 'duplicate', 'crlf', 'bom'),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  byte: fc.oneof(fc.constantFrom(...SPECIAL), fc.integer({ min: 0, max: 255 })),
  length: fc.integer({ min: 1, max: 40 }),
});

function mutate(bytes: Buffer, m: Mutation): Buffer {
  const at = Math.floor(m.at * bytes.length);
  switch (m.kind) {
    case 'set': {
      const out = Buffer.from(bytes);
      if (at < out.length) out[at] = m.byte;
      return out;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Buffer.alloc(1 + (m.length % 3), m.byte), bytes.subarray(at)]);
    case 'delete':
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    case 'truncate':
      return bytes.subarray(0, at);
    case 'duplicate':
      return Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at)]);
    case 'crlf':
      return Buffer.from(bytes.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  }
}

/** Offsets where each physical line starts (line n at index n - 1). */
function lineStarts(t: string): number[] {
  const starts = [0];
  for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) if (i + 1 < t.length) starts.push(i + 1);
  return starts;
}

describe('readCsv under fuzzing', () => {
  it('never throws anything but a one-sentence C360Error, and reads or rejects every line with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(validFile, fc.array(mutation, { minLength: 1, maxLength: 4 }), async ({ file, rows }, mutations) => {
        const { path } = await writeValid(file, rows);
        const bytes = mutations.reduce(mutate, fs.readFileSync(path));
        fs.writeFileSync(path, bytes);
        let r;
        try {
          r = await readCsv({ path, schema: schemaOf(file), label: LABEL });
        } catch (err) {
          // Only whole-file problems: no header, a duplicate or missing column.
          expect(err).toBeInstanceOf(C360Error);
          const message = (err as Error).message;
          expect(message.startsWith(`${LABEL}: `) || message.startsWith(`${LABEL}:`)).toBe(true);
          expect(message).not.toContain('\n');
          return;
        }
        expect(r.frame.numRows).toBe(r.rowsRead);
        expect(r.lines.length).toBe(r.rowsRead);

        const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        const t = bytes.subarray(hasBom ? 3 : 0).toString('utf8');
        const starts = lineStarts(t);
        const physical = t.split('\n');
        if (t.endsWith('\n')) physical.pop();
        const lineText = (n: number): string => physical[n - 1]!;

        // Rows start on increasing lines after the header, within the file.
        for (let k = 0; k < r.lines.length; k++) {
          expect(r.lines[k]!).toBeGreaterThan(k === 0 ? 1 : r.lines[k - 1]!); // the header takes at least line 1
          expect(r.lines[k]!).toBeLessThanOrEqual(starts.length);
        }
        // Every problem names the file, the row's line and a reason, with the row's text as in the file.
        for (const issue of r.issues) {
          expect(issue.file).toBe(LABEL);
          expect(issue.line).toBe(r.lines[issue.row]);
          expect(issue.reason.length).toBeGreaterThan(0);
          expect(t.startsWith(issue.raw, starts[issue.line - 1])).toBe(true);
        }
        // Every non-empty line is the header (the first one), starts a row, or continues a quoted field of the row before it.
        const empty = (n: number): boolean => lineText(n) === '' || lineText(n) === '\r';
        let headerLine = 1;
        while (headerLine < physical.length && empty(headerLine)) headerLine++;
        const rowStarts = new Set(r.lines);
        for (let n = headerLine + 1; n <= physical.length; n++) {
          if (empty(n) || rowStarts.has(n)) continue;
          const owner = [...r.lines].filter((l) => l < n).pop() ?? headerLine;
          expect([n, t.slice(starts[owner - 1]!, starts[n - 1]!).includes('"')]).toEqual([n, true]);
        }
        // Each row is used or rejected: rows with a problem are the rejected ones.
        const rejected = new Set(r.issues.map((i) => i.row)).size;
        expect(rejected).toBeLessThanOrEqual(r.rowsRead);
      }),
      { numRuns: 400 },
    );
  });

  it('reads every valid file of every input schema back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(validFile, async ({ file, rows }) => {
        const { path, frame } = await writeValid(file, rows);
        const r = await readCsv({ path, schema: schemaOf(file), label: LABEL });
        expect(r.issues).toEqual([]);
        for (const c of file.columns) {
          const expected = frame.values(c.name).map((v) => (v === '' ? null : v)); // an empty string is written as an empty field
          expect([c.name, r.frame.values(c.name)]).toEqual([c.name, expected]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
