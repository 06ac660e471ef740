import fc from 'fast-check';
import { C360Error } from '../../src/errors';
import { StringColumn } from '../../src/engine/column';
import { CsvField, CsvReadOptions, CsvReadResult, readCsvWith } from '../../src/io/csv-reader';
import { tempFolder } from './files';

const tmp = tempFolder('csv-parallel');
afterAll(() => tmp.cleanup());

// Worker threads run the TypeScript sources through ts-node: the first test starts them.
jest.setTimeout(120_000);

const SCHEMA: CsvField[] = [
  { name: 'id', type: 'string' },
  { name: 'cat', type: 'string' },
  { name: 'amount', type: 'float64' },
  { name: 'qty', type: 'int' },
  { name: 'day', type: 'date' },
  { name: 'ok', type: 'bool' },
  { name: 'tags', type: 'list<string>', required: false },
];

interface Both {
  readonly serial: CsvReadResult;
  readonly parallel: CsvReadResult;
}

/** Reads the same file serially and cut into ranges of about `rangeBytes` bytes. */
async function readBoth(content: string | Uint8Array, options: Partial<CsvReadOptions> & { rangeBytes: number; inThread?: boolean }): Promise<Both> {
  const path = tmp.file('t.csv', content);
  const base: CsvReadOptions = { path, schema: options.schema ?? SCHEMA, label: 'data/t.csv', columns: options.columns, validateAll: options.validateAll };
  const serial = await readCsvWith({ ...base, parallel: false }, { papaparseAllRows: false });
  const parallel = await readCsvWith({ ...base, parallel: true, parallelRangeBytes: options.rangeBytes }, { papaparseAllRows: false, rangesInThread: options.inThread ?? false });
  return { serial, parallel };
}

/** Every part of two results is the same: values, dictionaries (entries and order), validity, lines, issues. */
function expectSame({ serial, parallel }: Both): void {
  expect(parallel.frame).toEqual(serial.frame);
  expect(Array.from(parallel.lines)).toEqual(Array.from(serial.lines));
  expect(parallel.issues).toEqual(serial.issues);
  expect(parallel.rowsRead).toBe(serial.rowsRead);
  expect(parallel.bytes).toBe(serial.bytes);
}

function row(i: number): string {
  const bad = i % 7 === 3;
  const short = i % 11 === 5;
  const fields = [`ID${String(i).padStart(5, '0')}`, ['red', 'green', 'blue'][i % 3]!, bad ? 'N/A' : `${i}.25`, String(i % 13), `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, i % 2 === 0 ? 'true' : 'false'];
  if (i % 9 === 0) fields[1] = `"quoted, ${i}"`;
  fields.push(i % 5 === 0 ? '' : i % 8 === 1 ? '[oops' : `"[""t${i % 4}""]"`);
  return (short ? fields.slice(0, 4) : fields).join(',');
}

function mixedFile(rows: number, eol = '\n'): string {
  const lines = ['id,cat,amount,qty,day,ok,tags'];
  for (let i = 0; i < rows; i++) {
    lines.push(row(i));
    if (i % 17 === 0) lines.push('');
  }
  return lines.join(eol) + eol;
}

describe('readCsv in parallel', () => {
  it('reads a file cut into ranges on worker threads into the same frame, lines and issues as the serial reader', async () => {
    const both = await readBoth(mixedFile(400), { rangeBytes: 700 });
    expect(both.parallel.ranges).toBeGreaterThan(5);
    expect(both.serial.ranges).toBe(1);
    expect(both.parallel.issues.length).toBeGreaterThan(50);
    // Bad values and short rows occur in every range.
    expect(new Set(both.parallel.issues.map((i) => i.reason.slice(0, 12))).size).toBeGreaterThan(1);
    expectSame(both);
  });

  it('reads CRLF files, a byte order mark and a last line without a line break like the serial reader', async () => {
    expectSame(await readBoth(mixedFile(200, '\r\n'), { rangeBytes: 500 }));
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(mixedFile(200).trimEnd())]);
    const both = await readBoth(bom, { rangeBytes: 500 });
    expect(both.parallel.ranges).toBeGreaterThan(1);
    expectSame(both);
  });

  it('reads only the asked-for columns, and validates the others, like the serial reader', async () => {
    const both = await readBoth(mixedFile(300), { rangeBytes: 600, columns: ['cat', 'qty'], validateAll: true });
    expect(both.parallel.frame.columnNames).toEqual(['cat', 'qty']);
    expect(both.parallel.issues.some((i) => i.column === 'amount')).toBe(true);
    expectSame(both);
  });

  it('reports invalid UTF-8 in every range with the serial reader line and raw text', async () => {
    const parts: Buffer[] = [Buffer.from('id,cat,amount,qty,day,ok\n')];
    for (let i = 0; i < 120; i++) parts.push(i % 10 === 4 ? Buffer.concat([Buffer.from(`X${i},b`), Buffer.from([0xc3]), Buffer.from(`d,1,2,2024-01-01,true\n`)]) : Buffer.from(`${row(i)}\n`));
    const both = await readBoth(Buffer.concat(parts), { rangeBytes: 300 });
    expect(both.parallel.ranges).toBeGreaterThan(3);
    expect(both.parallel.issues.filter((i) => i.reason === 'invalid UTF-8')).toHaveLength(12);
    expectSame(both);
  });

  it('merges range dictionaries that are disjoint (ids) and overlapping (categories) into the serial dictionary order', async () => {
    const lines = ['id,cat,amount,qty,day,ok'];
    for (let i = 0; i < 600; i++) lines.push(`K${Math.floor(i / 3)},${['d', 'c', 'b', 'a', 'e'][(i * 7) % 5]}${i > 400 ? 'late' : ''},1,1,2024-01-01,true`);
    const both = await readBoth(lines.join('\n') + '\n', { rangeBytes: 1000 });
    expect(both.parallel.ranges).toBeGreaterThan(5);
    const ids = both.parallel.frame.column('id') as StringColumn;
    expect(ids.dict).toHaveLength(200);
    expect(ids.dict.slice(0, 3)).toEqual(['K0', 'K1', 'K2']);
    expect((both.parallel.frame.column('cat') as StringColumn).dict).toEqual((both.serial.frame.column('cat') as StringColumn).dict);
    expectSame(both);
  });

  it('joins the ranges into arrays made while reading, viewed rather than copied when about as long as expected', async () => {
    // Rows of one length: the first block predicts the row count well.
    const lines = ['id,cat,amount,qty,day,ok'];
    for (let i = 0; i < 200_000; i++) lines.push(`K${String(i % 5000).padStart(5, '0')},c${i % 7},${i % 1000}.5,${i % 9},2024-01-${String(10 + (i % 20))},true`);
    const both = await readBoth(lines.join('\n') + '\n', { rangeBytes: 4 << 20 });
    expect(both.parallel.ranges).toBe(2);
    const amount = both.parallel.frame.column('amount');
    expect(amount.kind === 'numeric' && amount.values.length === 200_000 && amount.values.buffer.byteLength > amount.values.byteLength).toBe(true);
    expectSame(both);
  });

  it('joins the ranges when the file holds many more rows than its first block suggests', async () => {
    // Long rows first, then short ones: more rows than expected, which are joined at the end.
    const lines = ['id,cat,amount,qty,day,ok'];
    for (let i = 0; i < 60_000; i++) lines.push(`${i < 30_000 ? 'L'.repeat(120) : 'S'}${i},c,1.5,2,2024-01-01,${i % 2 === 0}`);
    const both = await readBoth(lines.join('\n') + '\n', { rangeBytes: 1 << 20 });
    expect(both.parallel.ranges).toBeGreaterThan(2);
    expectSame(both);
  });

  it('falls back to the serial read when a quoted field with line breaks crosses a cut', async () => {
    const note = `"${Array.from({ length: 200 }, (_, i) => `note line ${i}`).join('\n')}"`;
    const lines = ['id,cat,amount,qty,day,ok'];
    for (let i = 0; i < 40; i++) lines.push(row(i));
    lines.push(`LONG,${note},1,2,2024-01-01,true`);
    for (let i = 40; i < 80; i++) lines.push(row(i));
    const both = await readBoth(lines.join('\n') + '\n', { rangeBytes: 400 });
    expect(both.parallel.ranges).toBe(1);
    expectSame(both);
  });

  it('keeps quoted fields with line breaks that lie within a range', async () => {
    const lines = ['id,cat,amount,qty,day,ok'];
    for (let i = 0; i < 200; i++) lines.push(i % 25 === 0 ? `Q${i},"two\nlines",1,2,2024-01-01,true` : row(i));
    expectSame(await readBoth(lines.join('\n') + '\n', { rangeBytes: 2000 }));
  });

  it('reads an unterminated quoted field at the end of the file like the serial reader', async () => {
    const both = await readBoth(`${mixedFile(100)}Z1,"open,1,2,2024-01-01,true\nmore\n`, { rangeBytes: 400 });
    expect(both.parallel.ranges).toBeGreaterThan(1);
    expect(both.parallel.issues.some((i) => i.reason === 'unterminated quoted field')).toBe(true);
    expectSame(both);
  });

  it('throws the serial reader errors for the header', async () => {
    const path = tmp.file('h.csv', `id,cat,cat,amount,qty,day,ok\n${mixedFile(100)}`);
    await expect(readCsvWith({ path, schema: SCHEMA, label: 'h.csv', parallel: true, parallelRangeBytes: 200 }, { papaparseAllRows: false })).rejects.toThrow(
      new C360Error('h.csv: duplicate column "cat" in the header'),
    );
  });

  it('reports progress up to the file size', async () => {
    const content = mixedFile(200);
    const seen: number[] = [];
    const path = tmp.file('p.csv', content);
    const r = await readCsvWith({ path, schema: SCHEMA, parallel: true, parallelRangeBytes: 500, onProgress: (done) => seen.push(done) }, { papaparseAllRows: false });
    expect(r.ranges).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(Buffer.byteLength(content));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('reads files smaller than the parallel threshold serially by default', async () => {
    const path = tmp.file('s.csv', mixedFile(50));
    const r = await readCsvWith({ path, schema: SCHEMA, parallelRangeBytes: 100 }, { papaparseAllRows: false });
    expect(r.ranges).toBe(1);
    const forced = await readCsvWith({ path, schema: SCHEMA, parallelRangeBytes: 100, parallelMinBytes: 1000 }, { papaparseAllRows: false });
    expect(forced.ranges).toBeGreaterThan(1);
  });

  it('gives the serial result for any text, whatever the cuts (property)', async () => {
    // Quotes are rare, so that most texts can be cut (a quote left open makes the rest one field).
    const alphabet = fc.oneof(
      { arbitrary: fc.constantFrom('a', 'b', '1', '2.5', ',', ',', '\n', '\n', '\n', '\r\n', ' ', 'é', 'x,y', '"q"'), weight: 30 },
      { arbitrary: fc.constantFrom('"', '""', '\r', '"a\nb"'), weight: 1 },
    );
    const schema: CsvField[] = [
      { name: 'a', type: 'string' },
      { name: 'b', type: 'int' },
      { name: 'c', type: 'string', required: false },
    ];
    let split = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { minLength: 10, maxLength: 120 }), fc.integer({ min: 1, max: 16 }), async (parts, rangeBytes) => {
        const both = await readBoth(`a,b,c\n${parts.join('')}`, { schema, rangeBytes, inThread: true });
        expectSame(both);
        if (both.parallel.ranges > 1) split++;
      }),
      { numRuns: 300 },
    );
    expect(split).toBeGreaterThan(100);
  });
});
