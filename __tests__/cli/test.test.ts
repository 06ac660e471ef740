import * as fs from 'fs';
import * as path from 'path';
import { cli, main } from '../../src/cli/main';
import { smallDataDir, tempDir, writeFiles } from '../dag/fixtures';

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

/** A models folder with a view that declares a row-count test of severity error that fails on the small data. */
function failingModels(): string {
  return writeFiles(tempDir(), {
    'views/zz_checked.js': [
      "exports.default = { name: 'zz_checked', layer: 'views', grain: 'one row per customer', key: ['customer_id'],",
      "  inputs: { p: { kind: 'model', name: 'customer_analytics_c360' } },",
      "  tests: [{ kind: 'row_count', min: 5, severity: 'error' }],",
      "  build: ({ p }) => p.select('customer_id') };",
    ].join('\n'),
  });
}

function readJson(file: string): { success: boolean; tests: { target: string; test: string; status: string; severity: string }[]; inputs: { name: string; accounting?: unknown }[] } {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('c360 test', () => {
  it('runs the tests, prints the summary and records them in run_results.json without writing a product', async () => {
    const out = path.join(tempDir(), 'out');
    const r = await c360('test', '--data', smallDataDir(), '--as-of', AS_OF, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Data tests: \d+ passed, 0 warnings, 0 errors \(\d+ tests\)$/m);
    expect(fs.readdirSync(out)).toEqual(['run_results.json']);
    const results = readJson(path.join(out, 'run_results.json'));
    expect(results.tests).toContainEqual(expect.objectContaining({ target: 'customer_analytics_c360', test: 'unique(customer_id)', status: 'pass' }));
    expect(results.inputs.every((i) => i.accounting !== undefined)).toBe(true);
  });

  it('exits 1 with one sentence when a test of severity error fails, printing the failing keys', async () => {
    const out = path.join(tempDir(), 'out');
    const r = await c360('test', '--data', smallDataDir(), '--as-of', AS_OF, '--out', out, '--models', failingModels());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ERROR zz_checked: row_count(5..∞): 2 rows, expected 5 to any number, e.g. 2 rows\n');
    expect(r.stderr).toBe('c360: error: a data test of severity error failed: zz_checked: row_count(5..∞): 2 rows, expected 5 to any number\n');
    expect(readJson(path.join(out, 'run_results.json'))).toMatchObject({ success: false, tests: expect.arrayContaining([expect.objectContaining({ target: 'zz_checked', status: 'fail', severity: 'error' })]) });
  });

  it('prints only the summary line with --quiet and one JSON object with --json', async () => {
    const quiet = await c360('test', '--data', smallDataDir(), '--as-of', AS_OF, '--out', tempDir(), '--quiet');
    expect(quiet.stdout).toMatch(/^Data tests: .+\n$/);
    const json = await c360('test', '--data', smallDataDir(), '--as-of', AS_OF, '--out', tempDir(), '--json');
    expect(JSON.parse(json.stdout).tests.length).toBeGreaterThan(10);
  });

  it('documents its exit codes in --help', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await cli(['test', '--help']).getHelp()).toContain('1  a data test of severity error failed');
    } finally {
      log.mockRestore();
    }
  });
});

describe('c360 run --test', () => {
  it('runs the tests, prints the row accounting and records both in run_results.json', async () => {
    const out = path.join(tempDir(), 'out');
    const r = await c360('run', '--data', smallDataDir(), '--as-of', AS_OF, '--out', out, '--test', '--no-report');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Row accounting (rows read = used + dropped + rejected)');
    expect(r.stdout).toMatch(/customer\/customers\.csv +3 = 2 used \+ 1 dropped \+ 0 rejected \(1 email missing\)/);
    expect(r.stdout).toMatch(/sales\/transactions\.csv +4 = 0 used \+ 3 dropped \+ 1 rejected \(1 status not completed, 2 no item of an active product\)/);
    expect(r.stdout).toMatch(/^Data tests: \d+ passed/m);
    const results = readJson(path.join(out, 'run_results.json'));
    expect(results.tests.length).toBeGreaterThan(10);
    expect(results.inputs.find((i) => i.name === 'transactions')!.accounting).toEqual({
      used: 0,
      dropped: { 'status not completed': 1, 'null customer_id': 0, 'orphan customer_id': 0, 'null transaction_id': 0, 'no item of an active product': 2, 'customer email missing': 0 },
      rejected: 1,
    });
  });

  it('leaves the previous product byte-identical when a test of severity error fails', async () => {
    const out = path.join(tempDir(), 'out');
    const data = smallDataDir();
    expect((await c360('run', '--data', data, '--as-of', AS_OF, '--out', out, '--no-report')).code).toBe(0);
    const product = path.join(out, 'customer_analytics_c360.csv');
    const before = fs.readFileSync(product);
    const r = await c360('run', '--data', data, '--as-of', '2025-06-30', '--out', out, '--no-report', '--test', '--models', failingModels());
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`c360: error: a data test of severity error failed: zz_checked: row_count(5..∞): 2 rows, expected 5 to any number; nothing was written to ${out} but run_results.json\n`);
    expect(fs.readFileSync(product).equals(before)).toBe(true);
    expect(readJson(path.join(out, 'run_results.json')).success).toBe(false);
  });

  it('records no tests without --test', async () => {
    const out = path.join(tempDir(), 'out');
    expect((await c360('run', '--data', smallDataDir(), '--as-of', AS_OF, '--out', out, '--no-report', '--quiet')).code).toBe(0);
    expect(readJson(path.join(out, 'run_results.json')).tests).toEqual([]);
  });
});
