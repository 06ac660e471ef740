import fc from 'fast-check';
import Papa from 'papaparse';
import { C360Error, UsageError } from '../../src/errors';
import { DataFrame } from '../../src/engine/frame';
import { CellValue, DataType, MS_PER_DAY } from '../../src/engine/types';
import { CsvField, CsvReadResult, readCsv, readCsvWith } from '../../src/io/csv-reader';
import { writeCsv } from '../../src/io/csv-writer';
import { tempFolder } from './files';

const tmp = tempFolder('csv-reader');
afterAll(() => tmp.cleanup());

const DAY_2024_01_02 = 19_724;
const ts = (day: number, h: number, m: number, s: number): number => day * MS_PER_DAY + h * 3_600_000 + m * 60_000 + s * 1000;

const SCHEMA: CsvField[] = [
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'float64' },
  { name: 'qty', type: 'int' },
  { name: 'day', type: 'date' },
  { name: 'at', type: 'timestamp' },
  { name: 'ok', type: 'bool' },
];

async function read(content: string | Uint8Array, schema: readonly CsvField[] = SCHEMA, extra: { columns?: string[]; label?: string; validateAll?: boolean } = {}): Promise<CsvReadResult> {
  return readCsv({ path: tmp.file('t.csv', content), schema, label: extra.label ?? 'test.csv', columns: extra.columns, validateAll: extra.validateAll });
}

function columns(frame: DataFrame): Record<string, CellValue[]> {
  const out: Record<string, CellValue[]> = {};
  for (const name of frame.columnNames) out[name] = frame.values(name);
  return out;
}

const strings = (...names: string[]): CsvField[] => names.map((name) => ({ name, type: 'string' }));

describe('readCsv', () => {
  it('reads each declared type into its typed column', async () => {
    const r = await read('id,amount,qty,day,at,ok\nA1,12.5,3,2024-01-02,2024-01-02 10:20:30,true\nA2,-0.25,-7,1970-01-01,2024-01-02T00:00:01.5,false\n');
    expect(r.frame.schema).toEqual(SCHEMA.map(({ name, type }) => ({ name, type })));
    expect(columns(r.frame)).toEqual({
      id: ['A1', 'A2'],
      amount: [12.5, -0.25],
      qty: [3, -7],
      day: [DAY_2024_01_02, 0],
      at: [ts(DAY_2024_01_02, 10, 20, 30), ts(DAY_2024_01_02, 0, 0, 1) + 500],
      ok: [true, false],
    });
    expect(Array.from(r.lines)).toEqual([2, 3]);
    expect(r.issues).toEqual([]);
    expect(r.rowsRead).toBe(2);
    expect(r.bytes).toBe(121);
  });

  it('reports the number of bytes read and progress up to the file size', async () => {
    const content = 'id\na\nb\n';
    const path = tmp.file('p.csv', content);
    const seen: [number, number][] = [];
    const r = await readCsv({ path, schema: strings('id'), onProgress: (a, b) => seen.push([a, b]) });
    expect(r.bytes).toBe(7);
    expect(seen[seen.length - 1]).toEqual([7, 7]);
  });

  it('ignores a byte order mark before the header', async () => {
    const r = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,n\nx,1\n')]), [
      { name: 'id', type: 'string' },
      { name: 'n', type: 'int' },
    ]);
    expect(columns(r.frame)).toEqual({ id: ['x'], n: [1] });
    expect(Array.from(r.lines)).toEqual([2]);
  });

  it('reads CRLF line ends without keeping the CR', async () => {
    const r = await read('id,note\r\na,x\r\nb,"q"\r\nc,\r\n', strings('id', 'note'));
    expect(columns(r.frame)).toEqual({ id: ['a', 'b', 'c'], note: ['x', 'q', null] });
    expect(Array.from(r.lines)).toEqual([2, 3, 4]);
    expect(r.issues).toEqual([]);
  });

  it('reads a file whose last line has no line break', async () => {
    const r = await read('id,note\na,x\nb,y', strings('id', 'note'));
    expect(columns(r.frame)).toEqual({ id: ['a', 'b'], note: ['x', 'y'] });
  });

  it('unquotes commas, doubled quotes and line breaks, and counts the lines they span', async () => {
    const content = ['id,note,n', '1,"a, b",1', '2,"say ""hi""",2', '3,"line one', 'line two', 'line three",3', '4,plain,4', ''].join('\n');
    const r = await read(content, [...strings('id', 'note'), { name: 'n', type: 'int' }]);
    expect(columns(r.frame)).toEqual({
      id: ['1', '2', '3', '4'],
      note: ['a, b', 'say "hi"', 'line one\nline two\nline three', 'plain'],
      n: [1, 2, 3, 4],
    });
    expect(Array.from(r.lines)).toEqual([2, 3, 4, 7]);
  });

  it('keeps CRLF inside a quoted field and counts it as one line break', async () => {
    const r = await read('id,note\r\n1,"a\r\nb"\r\n2,c\r\n', strings('id', 'note'));
    expect(columns(r.frame)).toEqual({ id: ['1', '2'], note: ['a\r\nb', 'c'] });
    expect(Array.from(r.lines)).toEqual([2, 4]);
  });

  it('skips empty lines but counts them in line numbers', async () => {
    const r = await read('id\n\na\n\r\n\nb\n\n', strings('id'));
    expect(columns(r.frame)).toEqual({ id: ['a', 'b'] });
    expect(Array.from(r.lines)).toEqual([3, 6]);
  });

  it('matches columns by header name, in any order, ignoring extra columns', async () => {
    const r = await read('junk,ok,id,qty,extra,day,at,amount\nz,true,A,5,e,2024-01-02,,1.5\n');
    expect(r.frame.columnNames).toEqual(['id', 'amount', 'qty', 'day', 'at', 'ok']);
    expect(columns(r.frame)).toEqual({ id: ['A'], amount: [1.5], qty: [5], day: [DAY_2024_01_02], at: [null], ok: [true] });
    expect(r.issues).toEqual([]);
  });

  it('fails naming the file and the column when a required column is missing', async () => {
    const schema = strings('customer_id', 'email');
    await expect(read('customer_id,phone\n1,2\n', schema, { label: 'customer/customers.csv' })).rejects.toThrow(
      new C360Error('customer/customers.csv: missing required column "email"'),
    );
    await expect(read('phone\n1\n', schema, { label: 'c.csv' })).rejects.toThrow('c.csv: missing required columns "customer_id", "email"');
  });

  it('reads a missing optional column as all nulls', async () => {
    const r = await read('id\na\nb\n', [{ name: 'id', type: 'string' }, { name: 'score', type: 'int', required: false }]);
    expect(columns(r.frame)).toEqual({ id: ['a', 'b'], score: [null, null] });
    expect(r.frame.schema[1]).toEqual({ name: 'score', type: 'int' });
  });

  it('fails naming the file and the column when a header name repeats', async () => {
    await expect(read('id,x,id\n1,2,3\n', strings('id'), { label: 'sales/t.csv' })).rejects.toThrow(new C360Error('sales/t.csv: duplicate column "id" in the header'));
  });

  it('keeps the message on one line when a repeated header name holds a line break', async () => {
    await expect(read('"a\nb",x,"a\nb"\n1,2,3\n', strings('x'), { label: 'h.csv' })).rejects.toThrow(new C360Error('h.csv: duplicate column "a\\nb" in the header'));
  });

  it('fails on an empty file, saying there is no header line', async () => {
    await expect(read('', strings('id'), { label: 'empty.csv' })).rejects.toThrow(new C360Error('empty.csv: the file is empty (no header line)'));
    await expect(read(Buffer.from([0xef, 0xbb, 0xbf]), strings('id'), { label: 'bom.csv' })).rejects.toThrow('bom.csv: the file is empty (no header line)');
    await expect(read('\n\r\n\n', strings('id'), { label: 'blank.csv' })).rejects.toThrow('blank.csv: the file is empty (no header line)');
  });

  it('fails with a clear message when the file does not exist', async () => {
    await expect(readCsv({ path: `${tmp.dir}/nope.csv`, schema: strings('id'), label: 'nope.csv' })).rejects.toThrow(new C360Error('cannot read nope.csv: no such file'));
  });

  it('fails with a clear message when the path is a folder', async () => {
    await expect(readCsv({ path: tmp.dir, schema: strings('id'), label: 'customer' })).rejects.toThrow('cannot read customer: it is a directory, not a file');
  });

  it('reads a header-only file as zero rows of the declared types', async () => {
    const r = await read('id,amount,qty,day,at,ok\n');
    expect(r.rowsRead).toBe(0);
    expect(r.frame.numRows).toBe(0);
    expect(r.frame.schema.map((f) => f.type)).toEqual(['string', 'float64', 'int', 'date', 'timestamp', 'bool']);
    expect(r.lines.length).toBe(0);
  });

  it('reads an empty field as null for every type and keeps strings exactly', async () => {
    const r = await read('id,amount,qty,day,at,ok\n,,,,,\n  x ,,,,,\n');
    expect(columns(r.frame)).toEqual({ id: [null, '  x '], amount: [null, null], qty: [null, null], day: [null, null], at: [null, null], ok: [null, null] });
    expect(r.issues).toEqual([]);
  });

  it('reads an empty list field as null and a JSON array as a list', async () => {
    const r = await read('id,tags\na,\nb,"[""a"",""b""]"\nc,[]\n', [{ name: 'id', type: 'string' }, { name: 'tags', type: 'list<string>' }]);
    expect(columns(r.frame)).toEqual({ id: ['a', 'b', 'c'], tags: [null, ['a', 'b'], []] });
    const bad = await read('tags\n[1]\n', [{ name: 'tags', type: 'list<string>' }]);
    expect(bad.issues.map((i) => i.reason)).toEqual(['expected a JSON array of strings, got "[1]"']);
  });

  it('treats a whitespace-only field of a non-string column as a bad value', async () => {
    const r = await read('id,amount,qty,day,at,ok\nA, , , , , \n');
    expect(r.issues.map((i) => [i.column, i.reason])).toEqual([
      ['amount', 'expected a decimal, got " "'],
      ['qty', 'expected an integer, got " "'],
      ['day', 'expected a date (YYYY-MM-DD), got " "'],
      ['at', 'expected a timestamp (YYYY-MM-DD HH:MM:SS), got " "'],
      ['ok', 'expected a boolean (true/false), got " "'],
    ]);
    expect(columns(r.frame).amount).toEqual([null]);
  });

  it('keeps zip codes and ids with leading zeros as strings', async () => {
    const r = await read('zip_code,customer_id\n02101,007\n', strings('zip_code', 'customer_id'));
    expect(columns(r.frame)).toEqual({ zip_code: ['02101'], customer_id: ['007'] });
  });

  it('reports bad values with file, line, row, column, reason and the raw row, keeping the row with nulls', async () => {
    const content = [
      'id,amount,qty,day,at,ok',
      'A,1.5,1,2024-01-02,2024-01-02 00:00:00,true',
      'B,N/A,1,2024-01-02,,true',
      'C,"2,5",two,2024-02-30,,yes',
      'D,1,1,2024-01-02,2024-13-01 00:00:00,false',
      '',
    ].join('\n');
    const r = await read(content, SCHEMA, { label: 'sales/transactions.csv' });
    expect(r.issues).toEqual([
      { file: 'sales/transactions.csv', line: 3, row: 1, column: 'amount', reason: 'expected a decimal, got "N/A"', raw: 'B,N/A,1,2024-01-02,,true' },
      { file: 'sales/transactions.csv', line: 4, row: 2, column: 'amount', reason: 'expected a decimal, got "2,5"', raw: 'C,"2,5",two,2024-02-30,,yes' },
      { file: 'sales/transactions.csv', line: 4, row: 2, column: 'qty', reason: 'expected an integer, got "two"', raw: 'C,"2,5",two,2024-02-30,,yes' },
      { file: 'sales/transactions.csv', line: 4, row: 2, column: 'day', reason: 'expected a date (YYYY-MM-DD), got "2024-02-30"', raw: 'C,"2,5",two,2024-02-30,,yes' },
      { file: 'sales/transactions.csv', line: 4, row: 2, column: 'ok', reason: 'expected a boolean (true/false), got "yes"', raw: 'C,"2,5",two,2024-02-30,,yes' },
      { file: 'sales/transactions.csv', line: 5, row: 3, column: 'at', reason: 'expected a timestamp (YYYY-MM-DD HH:MM:SS), got "2024-13-01 00:00:00"', raw: 'D,1,1,2024-01-02,2024-13-01 00:00:00,false' },
    ]);
    expect(columns(r.frame)).toEqual({
      id: ['A', 'B', 'C', 'D'],
      amount: [1.5, null, null, 1],
      qty: [1, 1, null, 1],
      day: [DAY_2024_01_02, DAY_2024_01_02, null, DAY_2024_01_02],
      at: [ts(DAY_2024_01_02, 0, 0, 0), null, null, null],
      ok: [true, true, null, false],
    });
  });

  it('reports short and long rows as whole-row issues, filling missing fields with null', async () => {
    const r = await read('id,note,n\r\na,b\r\nc,d,1,extra\r\ne,f,2\r\n', [...strings('id', 'note'), { name: 'n', type: 'int' }], { label: 'f.csv' });
    expect(r.issues).toEqual([
      { file: 'f.csv', line: 2, row: 0, column: null, reason: 'expected 3 fields, got 2', raw: 'a,b' },
      { file: 'f.csv', line: 3, row: 1, column: null, reason: 'expected 3 fields, got 4', raw: 'c,d,1,extra' },
    ]);
    expect(columns(r.frame)).toEqual({ id: ['a', 'c', 'e'], note: ['b', 'd', 'f'], n: [null, 1, 2] });
  });

  it('gives the raw text of a bad row spanning several lines exactly, quotes included', async () => {
    const r = await read('id,note,n\n1,"two\r\nlines, ""quoted""",x\n2,ok,3\n', [...strings('id', 'note'), { name: 'n', type: 'int' }]);
    expect(r.issues).toEqual([{ file: 'test.csv', line: 2, row: 0, column: 'n', reason: 'expected an integer, got "x"', raw: '1,"two\r\nlines, ""quoted""",x' }]);
    expect(Array.from(r.lines)).toEqual([2, 4]);
  });

  it('reports an unterminated quoted field at the end of the file with the rest of the file as raw text', async () => {
    const r = await read('id,note\na,b\nc,"never closed\nd,e\n', strings('id', 'note'));
    expect(r.issues).toEqual([{ file: 'test.csv', line: 3, row: 1, column: null, reason: 'unterminated quoted field', raw: 'c,"never closed\nd,e\n' }]);
    expect(columns(r.frame)).toEqual({ id: ['a', 'c'], note: ['b', 'never closed\nd,e\n'] });
  });

  it('reports a closing quote followed by other text as a malformed row', async () => {
    const r = await read('id,note\na,"x"y"\nb,c\n', strings('id', 'note'));
    expect(r.issues).toEqual([{ file: 'test.csv', line: 2, row: 0, column: null, reason: 'malformed quoted field (a closing quote is followed by other text)', raw: 'a,"x"y"' }]);
    expect(columns(r.frame)).toEqual({ id: ['a', 'b'], note: ['x"y', 'c'] });
  });

  it('keeps a quote inside an unquoted field as a literal character', async () => {
    const r = await read('id,note\na,5" screen\nb,x"y"\n', strings('id', 'note'));
    expect(columns(r.frame)).toEqual({ id: ['a', 'b'], note: ['5" screen', 'x"y"'] });
    expect(r.issues).toEqual([]);
  });

  it('reports rows with invalid UTF-8 and decodes them with replacement characters', async () => {
    const bytes = Buffer.concat([Buffer.from('id,note\na,caf\u00e9\nb,'), Buffer.from([0x63, 0xff, 0x64]), Buffer.from('\nc,ok\n')]);
    const r = await read(bytes, strings('id', 'note'));
    expect(columns(r.frame)).toEqual({ id: ['a', 'b', 'c'], note: ['café', 'c\ufffdd', 'ok'] });
    expect(r.issues).toEqual([{ file: 'test.csv', line: 3, row: 1, column: null, reason: 'invalid UTF-8', raw: 'b,c\ufffdd' }]);
  });

  it('reads a 10 MB field and rows after it', async () => {
    const big = 'x'.repeat(10 << 20);
    const r = await read(`id,note\na,${big}\nb,"${big}\n"\nc,d\n`, strings('id', 'note'));
    expect(r.frame.numRows).toBe(3);
    expect(r.frame.get(0, 'note')).toBe(big);
    expect(r.frame.get(1, 'note')).toBe(`${big}\n`);
    expect(r.frame.get(2, 'note')).toBe('d');
    expect(Array.from(r.lines)).toEqual([2, 3, 5]);
  });

  it('keeps line numbers exact when quoted line breaks straddle the 4 MB read blocks', async () => {
    const lines: string[] = ['id,note'];
    let line = 2;
    const expected: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      expected.push(line);
      if (i % 7 === 0) {
        lines.push(`${i},"${'y'.repeat(100)}\n${'z'.repeat(100)}"`);
        line += 2;
      } else {
        lines.push(`${i},${'w'.repeat(200)}`);
        line += 1;
      }
    }
    const r = await read(`${lines.join('\n')}\n`, strings('id', 'note'));
    expect(r.frame.numRows).toBe(40_000);
    expect(Array.from(r.lines)).toEqual(expected);
    expect(r.issues).toEqual([]);
    expect(r.frame.get(39_998, 'note')).toBe(`${'y'.repeat(100)}\n${'z'.repeat(100)}`);
  });

  it('reads long runs of quoted rows, CRLF and LF mixed, with their values and lines', async () => {
    const rows: string[] = [];
    const notes: string[] = [];
    const expected: number[] = [];
    let line = 2;
    for (let i = 0; i < 1000; i++) {
      const note = i % 2 === 0 ? `a, ${i}` : `x\ny "${i}"`;
      notes.push(note);
      expected.push(line);
      line += i % 2 === 0 ? 1 : 2;
      rows.push(`${i},"${note.replace(/"/g, '""')}"${i % 3 === 0 ? '\r\n' : '\n'}`);
    }
    const r = await read(`id,note\n${rows.join('')}`, [{ name: 'id', type: 'int' }, { name: 'note', type: 'string' }]);
    expect(r.issues).toEqual([]);
    expect(columns(r.frame)).toEqual({ id: notes.map((_, i) => i), note: notes });
    expect(Array.from(r.lines)).toEqual(expected);
  });

  it('builds only the asked-for columns, in schema order, and skips checking the others', async () => {
    const r = await read('id,amount,qty,day,at,ok\nA,N/A,1,2024-01-02,,true\n', SCHEMA, { columns: ['qty', 'id'] });
    expect(r.frame.columnNames).toEqual(['id', 'qty']);
    expect(columns(r.frame)).toEqual({ id: ['A'], qty: [1] });
    expect(r.issues).toEqual([]);
  });

  it('still checks the left-out columns with validateAll', async () => {
    const r = await read('id,amount,qty,day,at,ok\nA,N/A,1,2024-01-02,,true\n', SCHEMA, { columns: ['id'], validateAll: true });
    expect(r.frame.columnNames).toEqual(['id']);
    expect(r.issues.map((i) => [i.column, i.reason])).toEqual([['amount', 'expected a decimal, got "N/A"']]);
  });

  it('checks the field count even for columns it skips', async () => {
    const r = await read('id,amount,qty,day,at,ok\nA,1\n', SCHEMA, { columns: ['id'] });
    expect(r.issues.map((i) => i.reason)).toEqual(['expected 6 fields, got 2']);
  });

  it('rejects a projection naming a column outside the schema', async () => {
    await expect(read('id\n', strings('id'), { columns: ['nope'] })).rejects.toThrow(UsageError);
  });

  it('keeps each dictionary string once, however often it repeats', async () => {
    const r = await read('c\nx\ny\nx\nx\n\n', strings('c'));
    const col = r.frame.column('c');
    expect(col.kind === 'string' ? [Array.from(col.codes), col.dict] : null).toEqual([[0, 1, 0, 0], ['x', 'y']]);
  });

  it('reads the same values whether rows are split directly or all through papaparse', async () => {
    const alphabet = fc.constantFrom('a', 'b', '1', ',', '"', '\n', '\r\n', ' ', '\r', 'é');
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { maxLength: 60 }), async (parts) => {
        const path = tmp.file('eq.csv', `a,b,c\n${parts.join('')}`);
        const schema = strings('a', 'b', 'c');
        const fast = await readCsvWith({ path, schema }, { papaparseAllRows: false });
        const papa = await readCsvWith({ path, schema }, { papaparseAllRows: true });
        expect(columns(fast.frame)).toEqual(columns(papa.frame));
        expect(Array.from(fast.lines)).toEqual(Array.from(papa.lines));
        expect(fast.issues).toEqual(papa.issues);
      }),
      { numRuns: 300 },
    );
  });

  it('reads ASCII blocks from their bytes and other blocks from text into the same frame and issues as papaparse gives', async () => {
    const rows: string[] = ['id,cat,amount,qty,day,at'];
    for (let i = 0; i < 120_000; i++) {
      // Numbered ids, then (from row 70 000) a few ids of another shape among them; a non-ASCII
      // category from row 100 000, so the last block is decoded as UTF-8 text.
      const id = i >= 70_000 && i % 1000 === 0 ? `X-${i % 3}` : `K${String((i * 7919) % 50_000).padStart(7, '0')}`;
      const cat = i >= 100_000 && i % 10 === 0 ? 'café' : `cat_${String(i % 20).padStart(2, '0')}`;
      const amount = i % 997 === 0 ? 'N/A' : `${i % 1000}.${i % 100}`;
      rows.push(`${id},${cat},${amount},${i % 13},2024-02-${String(1 + (i % 29)).padStart(2, '0')},2023-12-31 23:59:${String(i % 60).padStart(2, '0')}`);
    }
    const path = tmp.file('blocks.csv', `${rows.join('\n')}\n`);
    const schema: CsvField[] = [
      { name: 'id', type: 'string' },
      { name: 'cat', type: 'string' },
      { name: 'amount', type: 'float64' },
      { name: 'qty', type: 'int' },
      { name: 'day', type: 'date' },
      { name: 'at', type: 'timestamp' },
    ];
    const fast = await readCsvWith({ path, schema, parallel: false }, { papaparseAllRows: false });
    const papa = await readCsvWith({ path, schema, parallel: false }, { papaparseAllRows: true });
    expect(fast.frame).toEqual(papa.frame);
    expect(fast.issues).toEqual(papa.issues);
    expect(fast.issues.length).toBe(121);
    const id = fast.frame.column('id');
    expect(id.kind === 'string' ? id.dict.slice(0, 2) : null).toEqual(['K0000000', 'K0007919']);
    expect(fast.frame.get(119_999, 'cat')).toBe('cat_19');
    expect(fast.frame.get(119_990, 'cat')).toBe('café');
    expect(fast.frame.get(70_000, 'id')).toBe('X-1');
    expect(fast.frame.get(1, 'at')).toBe(ts(DAY_2024_01_02 - 2, 23, 59, 1));
  });

  it('splits rows and fields as papaparse does on the whole file, with lines that add up', async () => {
    const alphabet = fc.constantFrom('a', 'b', ',', '"', '\n', ' ', '""');
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { maxLength: 60 }), async (parts) => {
        const text = `a,b,c\n${parts.join('')}`;
        const r = await readCsv({ path: tmp.file('oracle.csv', text), schema: strings('a', 'b', 'c') });
        // papaparse row by row (step mode gives where each row ends), dropping empty lines.
        const rows: string[][] = [];
        let from = 0;
        Papa.parse<string[]>(text, {
          delimiter: ',',
          newline: '\n',
          quoteChar: '"',
          step: (res) => {
            const rawRow = text.slice(from, res.meta.cursor);
            from = res.meta.cursor;
            if (rawRow !== '\n' && rawRow !== '') rows.push(res.data);
          },
        });
        rows.shift(); // the header
        const expected: Record<string, CellValue[]> = { a: [], b: [], c: [] };
        for (const row of rows) ['a', 'b', 'c'].forEach((name, i) => expected[name]!.push(row[i] === undefined || row[i] === '' ? null : row[i]!));
        expect(columns(r.frame)).toEqual(expected);
        // Each row starts on the line after the previous row's last line (or later, after empty lines).
        const lineCount = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
        for (let k = 0; k < r.lines.length; k++) {
          const start = r.lines[k]!;
          const span = r.issues.find((i) => i.row === k)?.raw.replace(/\n$/, '').split('\n').length;
          expect(start).toBeGreaterThan(k === 0 ? 1 : r.lines[k - 1]!);
          expect(start).toBeLessThanOrEqual(lineCount);
          if (span !== undefined) expect(start + span - 1).toBeLessThanOrEqual(lineCount);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads back every value writeCsv wrote, for random frames of every type', async () => {
    const types: Record<string, DataType> = { s: 'string', f: 'float64', i: 'int', b: 'bool', d: 'date', t: 'timestamp', l: 'list<string>' };
    const text = fc.oneof(
      fc.constantFrom('a', ' padded ', '02101', 'say "hi"', 'a,b', 'two\nlines', 'cr\r\nlf', '\r', '日本', '😀', '=1+2', '"', ',', 'x'.repeat(50)),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    );
    const cell: Record<string, fc.Arbitrary<CellValue>> = {
      s: text,
      f: fc.oneof(fc.constantFrom(0, -0, 0.1, -2.5, 1e21, 5e-324, Number.MAX_VALUE), fc.double({ noNaN: true, noDefaultInfinity: true })),
      i: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
      b: fc.boolean(),
      d: fc.integer({ min: -719_528, max: 2_932_896 }),
      t: fc.integer({ min: -719_528 * MS_PER_DAY, max: 2_932_896 * MS_PER_DAY + MS_PER_DAY - 1 }),
      l: fc.array(text, { maxLength: 3 }),
    };
    const row = fc.record(Object.fromEntries(Object.entries(cell).map(([k, a]) => [k, fc.option(a, { nil: null, freq: 5 })])));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), async (rows) => {
        const frame = DataFrame.fromRows(
          Object.entries(types).map(([name, type]) => ({ name, type })),
          rows,
        );
        const path = tmp.file('rt.csv');
        await writeCsv(frame, path);
        const r = await readCsv({ path, schema: Object.entries(types).map(([name, type]) => ({ name, type })) });
        expect(r.issues).toEqual([]);
        const expected = columns(frame);
        expected.s = expected.s!.map((v) => (v === '' ? null : v)); // an empty string is written as an empty field
        expect(columns(r.frame)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
