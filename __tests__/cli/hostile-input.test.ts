/**
 * Hostile input, end to end through the real command line (`main(argv)`, in this process): each
 * case ends in a clear one-sentence error or a reject, never a stack trace, never a half-written
 * product.
 */
import fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import { main } from '../../src/cli/main';
import { header, smallDataDir, tempDir, writeFiles } from '../dag/fixtures';

const AS_OF = '2024-12-31';
const PRODUCT = 'customer_analytics_c360.csv';

/** Runs the CLI in this process; returns the exit code and what it printed. */
async function c360(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const err = { write: (chunk: string) => ((stderr += chunk), true) } as unknown as NodeJS.WritableStream;
  try {
    const code = await main(args, err);
    return { code, stdout, stderr };
  } finally {
    spy.mockRestore();
  }
}

/** `c360 run` on a data folder into an output folder (no HTML report, to keep the tests fast). */
function run(data: string, out: string, ...more: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return c360('run', '--data', data, '--as-of', AS_OF, '--out', out, '--no-report', ...more);
}

/** Expects exit 1 and exactly one line on stderr, `c360: error: <sentence>`, without a stack trace. */
function expectOneSentence(r: { code: number; stderr: string }, sentence: RegExp | string): void {
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n')).toHaveLength(2); // one line, then the final line break
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toContain('unexpected');
  const text = r.stderr.replace(/^c360: error: /, '').trimEnd();
  if (typeof sentence === 'string') expect(text).toBe(sentence);
  else expect(text).toMatch(sentence);
}

/** The files of the small data folder, by relative path. */
function baseFiles(): Record<string, string> {
  const dir = smallDataDir();
  const out: Record<string, string> = {};
  for (const rel of ['customer/customers.csv', 'customer/loyalty_program.csv', 'customer/support_tickets.csv', 'customer/app_usage.csv', 'products/products.csv', 'sales/transactions.csv', 'sales/transaction_items.csv']) {
    out[rel] = fs.readFileSync(path.join(dir, ...rel.split('/')), 'utf8');
  }
  return out;
}

/** A data folder: the small one with some files replaced (text or bytes). */
function dataWith(files: Record<string, string | Buffer>): string {
  const dir = tempDir('c360-hostile-');
  writeFiles(dir, baseFiles());
  for (const [rel, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, ...rel.split('/')), content);
  return dir;
}

/** The product's rows without the two run timestamps (which differ from run to run). */
function productRows(out: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(out, PRODUCT), 'utf8'), { header: true, skipEmptyLines: true });
  return parsed.data.map((row) => {
    const { profile_created_at: _a, view_accessed_at: _b, ...rest } = row;
    return rest;
  });
}

/** The rejects file of an input file, as rows. */
function rejects(out: string, stem: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(path.join(out, 'rejects', `${stem}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

function runResults(out: string): { success: boolean; inputs: { name: string; rows_read: number; rows_rejected: number; accounting?: { used: number; dropped: Record<string, number>; rejected: number } }[] } {
  return JSON.parse(fs.readFileSync(path.join(out, 'run_results.json'), 'utf8'));
}

const CUSTOMERS = 'customer/customers.csv';
const TRANSACTIONS = 'sales/transactions.csv';
const customerRow = (id: string, first = 'Dee', email = 'dee@x.com'): string => `${id},${first},Kim,${email},558,1985-03-03,F,2023-01-01 00:00:00,Premium,online,4 Main,Boston,MA,02101,USA`;

let baseline: string; // the output folder of a good run
let baselineProduct: Buffer;
let baselineRows: Record<string, string>[];

beforeAll(async () => {
  baseline = path.join(tempDir(), 'out');
  const r = await run(dataWith({}), baseline);
  expect(r.code).toBe(0);
  baselineProduct = fs.readFileSync(path.join(baseline, PRODUCT));
  baselineRows = productRows(baseline);
});

/** Runs on broken data into the baseline output folder and checks that the product did not change. */
async function failsKeepingProduct(data: string, sentence: RegExp | string, ...more: string[]): Promise<void> {
  const r = await run(data, baseline, ...more);
  expectOneSentence(r, sentence);
  expect(fs.readFileSync(path.join(baseline, PRODUCT)).equals(baselineProduct)).toBe(true);
  expect(fs.readdirSync(baseline).filter((f) => f.startsWith('.c360-staging-') || f.includes('.tmp-'))).toEqual([]);
}

describe('c360 run on hostile input', () => {
  it('fails with one sentence naming a missing data folder, keeping the previous product', async () => {
    await failsKeepingProduct(path.join(tempDir(), 'nope'), /^data folder not found: .+nope$/);
  });

  it('fails with one sentence naming a missing input file, keeping the previous product', async () => {
    const data = dataWith({});
    fs.rmSync(path.join(data, 'sales', 'transactions.csv'));
    await failsKeepingProduct(data, `missing input file sales/transactions.csv in ${data}`);
  });

  it('fails with one sentence naming an empty file, keeping the previous product', async () => {
    await failsKeepingProduct(dataWith({ [CUSTOMERS]: '' }), 'customer/customers.csv: the file is empty (no header line)');
  });

  it('reads a header-only file as zero rows and says so in the row accounting', async () => {
    const out = path.join(tempDir(), 'out');
    const r = await run(dataWith({ [TRANSACTIONS]: `${header('transactions')}\n` }), out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read sales\/transactions\.csv +0 rows read/);
    expect(r.stdout).toMatch(/sales\/transactions\.csv +0 = 0 used \+ 0 dropped \+ 0 rejected/);
    expect(productRows(out).map((row) => row.total_transactions)).toEqual(['0', '0']);
  });

  it('fails with one sentence naming the file and a missing required column, keeping the previous product', async () => {
    const text = baseFiles()[CUSTOMERS]!.replace('email,', 'e_mail,');
    await failsKeepingProduct(dataWith({ [CUSTOMERS]: text }), 'customer/customers.csv: missing required column "email"');
  });

  it('fails with one sentence naming the file and a duplicate column name, keeping the previous product', async () => {
    const lines = baseFiles()[CUSTOMERS]!.split('\n');
    const text = [`${lines[0]},email`, ...lines.slice(1).map((l) => (l === '' ? l : `${l},x@y.z`))].join('\n');
    await failsKeepingProduct(dataWith({ [CUSTOMERS]: text }), 'customer/customers.csv: duplicate column "email" in the header');
  });

  it('ignores extra columns', async () => {
    const lines = baseFiles()[CUSTOMERS]!.split('\n');
    const text = [`loyalty_note,${lines[0]},crm_flag`, ...lines.slice(1).map((l) => (l === '' ? l : `hello,${l},1`))].join('\n');
    const out = path.join(tempDir(), 'out');
    expect((await run(dataWith({ [CUSTOMERS]: text }), out)).code).toBe(0);
    expect(productRows(out)).toEqual(baselineRows);
  });

  it('matches columns by name when they come in another order', async () => {
    const rows = Papa.parse<string[]>(baseFiles()[TRANSACTIONS]!.trim(), { delimiter: ',' }).data;
    const reversed = `${rows.map((r) => [...r].reverse().join(',')).join('\n')}\n`;
    const out = path.join(tempDir(), 'out');
    const r = await run(dataWith({ [TRANSACTIONS]: reversed }), out);
    expect(r.code).toBe(0);
    expect(productRows(out)).toEqual(baselineRows);
    expect(rejects(out, 'transactions')).toEqual([expect.objectContaining({ line: '4', column: 'total_amount' })]);
  });

  it('ignores a byte order mark', async () => {
    const out = path.join(tempDir(), 'out');
    expect((await run(dataWith({ [CUSTOMERS]: `\uFEFF${baseFiles()[CUSTOMERS]!}` }), out)).code).toBe(0);
    expect(productRows(out)).toEqual(baselineRows);
  });

  it('reads CRLF line ends without keeping the CR', async () => {
    const crlf = Object.fromEntries(Object.entries(baseFiles()).map(([k, v]) => [k, v.replace(/\n/g, '\r\n')]));
    const out = path.join(tempDir(), 'out');
    expect((await run(dataWith(crlf), out)).code).toBe(0);
    expect(productRows(out)).toEqual(baselineRows);
    expect(rejects(out, 'transactions')).toEqual([expect.objectContaining({ line: '4', column: 'total_amount' })]);
  });

  it('unquotes commas, doubled quotes and line breaks inside quoted fields', async () => {
    const text = `${baseFiles()[CUSTOMERS]!}${customerRow('C4', '"Lee, ""Dee""\nJr"')}\n`;
    const out = path.join(tempDir(), 'out');
    const r = await run(dataWith({ [CUSTOMERS]: text }), out);
    expect(r.code).toBe(0);
    expect(productRows(out).find((row) => row.customer_id === 'C4')?.first_name).toBe('Lee, "Dee"\nJr');
  });

  it('rejects a row whose quoted field is still open at the end of the file, naming its line', async () => {
    const text = `${baseFiles()[TRANSACTIONS]!}T5,C1,2024-05-01 10:00:00,online,S1,"card,50,5,0,55,USD,completed\n`;
    const out = path.join(tempDir(), 'out');
    const r = await run(dataWith({ [TRANSACTIONS]: text }), out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rejected 2 rows of sales/transactions.csv');
    expect(rejects(out, 'transactions')).toContainEqual(expect.objectContaining({ line: '6', column: '', reason: 'unterminated quoted field' }));
  });

  it('rejects rows with too few or too many fields, naming their lines', async () => {
    const text = `${baseFiles()[TRANSACTIONS]!}T5,C1,2024-05-01 10:00:00,online,S1,card,50,5,0,55,USD\nT6,C1,2024-05-01 10:00:00,online,S1,card,50,5,0,55,USD,completed,extra\n`;
    const out = path.join(tempDir(), 'out');
    expect((await run(dataWith({ [TRANSACTIONS]: text }), out)).code).toBe(0);
    const reasons = rejects(out, 'transactions').map((r) => `${r.line}: ${r.reason}`);
    expect(reasons).toEqual(expect.arrayContaining(['6: expected 12 fields, got 11', '7: expected 12 fields, got 13']));
    expect(runResults(out).inputs.find((i) => i.name === 'transactions')).toMatchObject({ rows_read: 6, rows_rejected: 3 });
  });

  it('stops at a row with the wrong field count under --bad-rows fail, naming file and line, keeping the previous product', async () => {
    const text = `${header('transactions')}\nT1,C1,2024-01-01 10:00:00,online,S1,card,10,1,0,11,USD\n`;
    await failsKeepingProduct(dataWith({ [TRANSACTIONS]: text }), 'sales/transactions.csv:2: expected 12 fields, got 11', '--bad-rows', 'fail');
  });

  it('rejects a row with invalid UTF-8, naming its line', async () => {
    const bytes = Buffer.concat([Buffer.from(`${baseFiles()[CUSTOMERS]!}C4,D`), Buffer.from([0xff, 0xfe]), Buffer.from(`e,Kim,dee@x.com,558,1985-03-03,F,2023-01-01 00:00:00,Premium,online,4 Main,Boston,MA,02101,USA\n`)]);
    const out = path.join(tempDir(), 'out');
    expect((await run(dataWith({ [CUSTOMERS]: bytes }), out)).code).toBe(0);
    expect(rejects(out, 'customers')).toEqual([expect.objectContaining({ line: '5', reason: 'invalid UTF-8' })]);
    expect(productRows(out)).toEqual(baselineRows);
  });

  it('reads a very long line (a 6 MB field, longer than a read block)', async () => {
    const text = `${baseFiles()[CUSTOMERS]!}${customerRow('C4').replace('4 Main', 'x'.repeat(6 << 20))}\n`;
    const out = path.join(tempDir(), 'out');
    const r = await run(dataWith({ [CUSTOMERS]: text }), out);
    expect(r.code).toBe(0);
    expect(productRows(out).map((row) => row.customer_id)).toEqual(['C1', 'C2', 'C4']);
  });

  it('rejects non-numeric numbers with file, line and column, and names them in one sentence under --bad-rows fail', async () => {
    const out = path.join(tempDir(), 'out');
    expect((await run(dataWith({}), out)).code).toBe(0);
    expect(rejects(out, 'transactions')).toEqual([expect.objectContaining({ line: '4', column: 'total_amount', reason: 'expected a decimal, got "N/A"' })]);
    await failsKeepingProduct(dataWith({}), 'sales/transactions.csv:4:total_amount: expected a decimal, got "N/A"', '--bad-rows', 'fail');
  });

  it('rejects impossible dates with file, line and column', async () => {
    const text = `${baseFiles()[CUSTOMERS]!}${customerRow('C4').replace('2023-01-01 00:00:00', '2023-02-30 00:00:00')}\n${customerRow('C5').replace('1985-03-03', '1985-13-01')}\n`;
    const out = path.join(tempDir(), 'out');
    expect((await run(dataWith({ [CUSTOMERS]: text }), out)).code).toBe(0);
    expect(rejects(out, 'customers').map((r) => `${r.line}:${r.column}: ${r.reason}`)).toEqual([
      '5:registration_date: expected a timestamp (YYYY-MM-DD HH:MM:SS), got "2023-02-30 00:00:00"',
      '6:date_of_birth: expected a date (YYYY-MM-DD), got "1985-13-01"',
    ]);
  });

  it('rejects numbers too large for their type and reads large decimals as doubles', async () => {
    const loyalty = `${header('loyalty_program')}\nC1,Gold,99999999999999999999,10,5,2024-01-01,100\nC2,Gold,10,10,5,2024-01-01,1e400\n`;
    const tx = `${baseFiles()[TRANSACTIONS]!}T5,C2,2024-05-01 10:00:00,online,S1,card,50,5,0,123456789012345678901234,USD,completed\n`;
    const out = path.join(tempDir(), 'out');
    expect((await run(dataWith({ 'customer/loyalty_program.csv': loyalty, [TRANSACTIONS]: tx }), out)).code).toBe(0);
    expect(rejects(out, 'loyalty_program').map((r) => `${r.line}:${r.column}: ${r.reason}`)).toEqual([
      '2:points_balance: expected an integer, got "99999999999999999999"',
      '3:lifetime_value: expected a decimal, got "1e400"',
    ]);
    expect(runResults(out).inputs.find((i) => i.name === 'transactions')).toMatchObject({ rows_rejected: 1 });
  });

  it('uses negative amounts, and c360 validate and c360 test warn about them with the transaction id', async () => {
    const data = dataWith({ [TRANSACTIONS]: baseFiles()[TRANSACTIONS]!.replace('T2,C1,2024-02-01 10:00:00,store,S1,card,20,2,0,22,', 'T2,C1,2024-02-01 10:00:00,store,S1,card,20,2,0,-22,') });
    const out = path.join(tempDir(), 'out');
    expect((await run(data, out)).code).toBe(0);
    const validate = await c360('validate', '--data', data, '--as-of', AS_OF);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('WARN  sales/transactions.csv: expression(total_amount > 0): 1 failing rows, e.g. T2');
    const test = await c360('test', '--data', data, '--as-of', AS_OF, '--out', out);
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('WARN  sales/transactions.csv: expression(total_amount > 0): 1 failing rows, e.g. T2');
  });

  it('rejects whitespace-only fields of typed columns and keeps whitespace in text columns as it is', async () => {
    const text = `${baseFiles()[CUSTOMERS]!}${customerRow('C4', '   ').replace('1985-03-03', '  ')}\n${customerRow('C5', '  ')}\n`;
    const out = path.join(tempDir(), 'out');
    expect((await run(dataWith({ [CUSTOMERS]: text }), out)).code).toBe(0);
    expect(rejects(out, 'customers')).toEqual([expect.objectContaining({ line: '5', column: 'date_of_birth', reason: 'expected a date (YYYY-MM-DD), got "  "' })]);
    expect(productRows(out).find((row) => row.customer_id === 'C5')?.first_name).toBe('  ');
  });

  it('escapes formula-like text cells of the CSV product for spreadsheets, unless --no-safe-csv', async () => {
    const text = `${baseFiles()[CUSTOMERS]!}${customerRow('C4', '"=HYPERLINK(""http://x"")"')}\n${customerRow('C5', '@SUM(A1)').replace(',Kim,', ',-Kim,')}\n`;
    const data = dataWith({ [CUSTOMERS]: text });
    const safe = path.join(tempDir(), 'out');
    expect((await run(data, safe)).code).toBe(0);
    const rows = productRows(safe);
    expect(rows.filter((row) => ['C4', 'C5'].includes(row.customer_id!)).map((row) => [row.first_name, row.last_name])).toEqual([
      ["'=HYPERLINK(\"http://x\")", 'Kim'],
      ["'@SUM(A1)", "'-Kim"],
    ]);
    const raw = path.join(tempDir(), 'out');
    expect((await run(data, raw, '--no-safe-csv')).code).toBe(0);
    expect(productRows(raw).find((row) => row.customer_id === 'C5')).toMatchObject({ first_name: '@SUM(A1)', last_name: '-Kim' });
  });

  it('fails with one sentence when the output folder cannot be created, leaving the folder in the way alone', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'taken');
    fs.writeFileSync(file, 'not a folder');
    const r = await run(dataWith({}), path.join(file, 'out'));
    expectOneSentence(r, `cannot create the output folder ${path.join(file, 'out')}: a file is in the way (not a folder)`);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('fails with one sentence when the output folder is not writable, keeping the previous product', async () => {
    // chmod does not stop root, so the file system's refusal is simulated.
    const data = dataWith({});
    const mkdtemp = fs.mkdtempSync.bind(fs);
    const spy = jest.spyOn(fs, 'mkdtempSync').mockImplementation((prefix: string) => {
      if (prefix.includes('.c360-staging-')) throw Object.assign(new Error(`EACCES: permission denied, mkdtemp '${prefix}XXXXXX'`), { code: 'EACCES' });
      return mkdtemp(prefix);
    });
    try {
      await failsKeepingProduct(data, `cannot write to the output folder ${baseline}: permission denied`);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps the previous product byte-identical when a write fails half way, and leaves no temporary file', async () => {
    const open = fs.promises.open.bind(fs.promises);
    const spy = jest.spyOn(fs.promises, 'open').mockImplementation(async (file, flags, mode) => {
      const handle = await open(file, flags, mode);
      if (String(file).includes(PRODUCT)) {
        // The first half of the first chunk goes to disk, then the disk is full.
        Object.defineProperty(handle, 'write', {
          value: async (chunk: string) => {
            await handle.writeFile(chunk.slice(0, chunk.length >> 1));
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          },
        });
      }
      return handle;
    });
    try {
      await failsKeepingProduct(dataWith({ [CUSTOMERS]: `${baseFiles()[CUSTOMERS]!}${customerRow('C4')}\n` }), `cannot write ${path.join(baseline, PRODUCT)}: no space left on the device`);
    } finally {
      spy.mockRestore();
    }
    expect(runResults(baseline).success).toBe(true);
  });
});
