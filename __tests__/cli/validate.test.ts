import * as fs from 'fs';
import * as path from 'path';
import { cli, main } from '../../src/cli/main';
import { header, smallDataDir } from '../dag/fixtures';

const AS_OF = '2024-12-31';

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

describe('c360 validate', () => {
  it('prints the report and exits 0 when the files are usable, malformed rows included', async () => {
    const data = smallDataDir();
    const r = await c360('validate', '--data', data, '--as-of', AS_OF);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('    sales/transactions.csv:4:total_amount: expected a decimal, got "N/A"\n');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe(`Validated ${data} as of ${AS_OF}: 7 files, 0 missing, 0 unreadable, 1 malformed row, 0 warnings, 0 errors`);
  });

  it('exits 1 on malformed rows with --strict, in one sentence', async () => {
    const r = await c360('validate', '--data', smallDataDir(), '--as-of', AS_OF, '--strict');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('c360: error: validation failed: 1 malformed row (--strict)\n');
  });

  it('exits 1 on failed warnings with --strict', async () => {
    const data = smallDataDir({ 'sales/transactions.csv': `${header('transactions')}\nT1,C9,2024-01-01 10:00:00,online,S1,card,10,1,0,11,USD,completed\n` });
    expect((await c360('validate', '--data', data, '--as-of', AS_OF)).code).toBe(0);
    const r = await c360('validate', '--data', data, '--as-of', AS_OF, '--strict');
    expect(r.stderr).toBe('c360: error: validation failed: 1 data test of severity warn failed (--strict)\n');
  });

  it('exits 1 naming a missing file, after printing the report of the others', async () => {
    const data = smallDataDir();
    fs.rmSync(path.join(data, 'customer', 'app_usage.csv'));
    const r = await c360('validate', '--data', data, '--as-of', AS_OF);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('customer/app_usage.csv: MISSING\n');
    expect(r.stdout).toContain('customer/customers.csv: 3 rows\n');
    expect(r.stderr).toBe(`c360: error: validation failed: missing input file customer/app_usage.csv in ${data}\n`);
  });

  it('exits 1 naming the file and column of an unusable header', async () => {
    const data = smallDataDir({ 'products/products.csv': `${header('products')},status\n` });
    const r = await c360('validate', '--data', data, '--as-of', AS_OF);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('products/products.csv: UNREADABLE: products/products.csv: duplicate column "status" in the header\n');
    expect(r.stderr).toBe('c360: error: validation failed: products/products.csv: duplicate column "status" in the header\n');
  });

  it('exits 1 with one sentence when the data folder is missing', async () => {
    const r = await c360('validate', '--data', './no-such-folder', '--as-of', AS_OF);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('c360: error: data folder not found: ./no-such-folder\n');
  });

  it('prints one JSON object with --json', async () => {
    const r = await c360('validate', '--data', smallDataDir(), '--as-of', AS_OF, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(true);
    expect(json.files).toHaveLength(7);
    expect(json.files[5].problems).toEqual([{ line: 4, column: 'total_amount', reason: 'expected a decimal, got "N/A"' }]);
    expect(json.files[0].nullRates).toContainEqual({ column: 'email', nulls: 1, rate: 1 / 3 });
  });

  it('exits 2 for a bad as-of date or problem count', async () => {
    expect((await c360('validate', '--data', smallDataDir(), '--as-of', '2024-02-30')).code).toBe(2);
    const r = await c360('validate', '--data', smallDataDir(), '--max-problems', '-1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^c360: error: --max-problems must be a whole number >= 0, got -1/);
  });

  it('documents its exit codes and --strict in --help', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const help = await cli(['validate', '--help']).getHelp();
      expect(help).toContain('--strict');
      expect(help).toContain('1  a file is missing or unreadable');
      expect(await cli([]).getHelp()).toMatch(/c360 validate +check an input folder/);
    } finally {
      log.mockRestore();
    }
  });
});
