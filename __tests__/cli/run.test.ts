import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EXIT_CODES_HELP, cli, main } from '../../src/cli/main';
import { smallDataDir, tempDir, writeFiles } from '../dag/fixtures';

/** The product's columns, in the order of spec section 3 (views). */
const SPEC_COLUMNS = `customer_id, first_name, last_name, email, customer_segment, preferred_channel, generation_segment, age_years, city, state, country,
  days_since_registration, customer_tenure_segment, loyalty_tier, points_balance, lifetime_value, value_segment, redemption_rate, total_transactions,
  total_spent, avg_order_value, first_purchase_date, last_purchase_date, channels_used, shopping_days, transactions_last_90d, spent_last_90d,
  customer_status, recency_score, frequency_score, monetary_score, customer_health_score, total_app_sessions, total_session_minutes,
  avg_session_duration, app_engagement_score, last_app_use_date, unique_device_types, total_support_tickets, resolved_support_tickets,
  avg_satisfaction, last_ticket_date, urgent_support_tickets, support_satisfaction_level, is_app_user, is_digital_native, has_urgent_issues,
  churn_risk_flag, satisfaction_risk_flag, channel_expansion_opportunity, tier_upgrade_opportunity, app_adoption_opportunity, profile_created_at,
  view_accessed_at`.split(/\s*,\s*/);

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

/** Runs the CLI as a child process (TypeScript through ts-node). */
function spawnC360(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const root = path.join(__dirname, '..', '..');
  const r = spawnSync(
    process.execPath,
    ['-r', require.resolve('ts-node/register/transpile-only'), '-r', path.join(root, 'src', 'dag', 'ts-cache.ts'), path.join(root, 'src', 'cli', 'main.ts'), ...args],
    { encoding: 'utf8', cwd: tempDir(), env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.json') } },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('c360 run', () => {
  it('runs every layer, prints the report and writes the product with the spec columns in order', async () => {
    const out = path.join(tempDir(), 'out');
    const r = await c360('run', '--data', smallDataDir(), '--as-of', '2024-12-31', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sources (4 models)');
    expect(r.stdout).toMatch(/read sales\/transactions\.csv +4 rows read, 1 rejected/);
    expect(r.stdout).toContain('dimensions: no models in this layer, going on');
    expect(r.stdout).toMatch(/customer_analytics_c360 +3 rows in -> 2 out/);
    expect(r.stdout).toContain('Rejected 1 row of sales/transactions.csv');
    expect(r.stdout).toContain('Total customers: 2');
    expect(r.stdout).toContain('Pipeline Summary: 2 total customers, 0 active, 0 at risk, 1.00 avg health score');
    const header = fs.readFileSync(path.join(out, 'customer_analytics_c360.csv'), 'utf8').split('\n')[0]!;
    expect(header.split(',')).toEqual(SPEC_COLUMNS);
    expect(fs.readFileSync(path.join(out, 'rejects', 'transactions.csv'), 'utf8')).toContain('4,total_amount,"expected a decimal, got ""N/A"""');
    expect(JSON.parse(fs.readFileSync(path.join(out, 'run_results.json'), 'utf8')).summary.total_customers).toBe(2);
  });

  it('prints only the two summary lines with --quiet', async () => {
    const r = await c360('run', '--data', smallDataDir(), '--as-of', '2024-12-31', '--out', tempDir(), '--quiet');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Pipeline Summary: /);
    expect(lines[1]).toMatch(/^Top Customer: Ann Lee \(C1\) - No tier, \$0\.00 spent, 1\.00 health score$/);
  });

  it('prints one JSON object with --json', async () => {
    const r = await c360('run', '--data', smallDataDir(), '--as-of', '2024-12-31', '--out', tempDir(), '--json', '--format', 'jsonl');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.success).toBe(true);
    expect(json.metadata.as_of).toBe('2024-12-31');
    expect(json.models).toHaveLength(7);
    expect(json.outputs.product).toMatch(/customer_analytics_c360\.jsonl$/);
    expect(json.report.summary[0]).toMatch(/^Pipeline Summary: 2 total customers/);
  });

  it('exits 1 with one sentence and no stack trace when the data folder is missing', async () => {
    const r = await c360('run', '--data', './nope', '--as-of', '2024-12-31', '--out', tempDir());
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('c360: error: data folder not found: ./nope\n');
  });

  it('exits 1 at the first bad row with --bad-rows fail', async () => {
    const r = await c360('run', '--data', smallDataDir(), '--as-of', '2024-12-31', '--out', tempDir(), '--bad-rows', 'fail');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('c360: error: sales/transactions.csv:4:total_amount: expected a decimal, got "N/A"\n');
  });

  it('exits 2 for usage errors', async () => {
    const data = smallDataDir();
    const cases = [
      ['run', '--data', data, '--as-of', '2024-02-30'],
      ['run', '--data', data, '--as-of', '31/12/2024'],
      ['run', '--data', data, '--format', 'xml'],
      ['run', '--data', data, '--bad-rows', 'ignore'],
      ['run', '--data', data, '--select', 'fct_customer_360'],
      ['run', '--no-such-option'],
      ['frobnicate'],
      [],
    ];
    for (const args of cases) {
      const r = await c360(...args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toMatch(/^c360: error: .+\n$/);
    }
    expect((await c360('run', '--as-of', '2024-02-30')).stderr).toBe('c360: error: --as-of must be a real date written YYYY-MM-DD, got "2024-02-30" (see c360 --help)\n');
    expect((await c360('run', '--data', data, '--select', 'fct_customer_360')).stderr).toContain('unknown model "fct_customer_360" in --select; did you mean fct_customer_360_profile?');
  });

  it('leaves the previous product byte-identical when a later run fails', async () => {
    const out = path.join(tempDir(), 'out');
    const data = smallDataDir();
    expect((await c360('run', '--data', data, '--as-of', '2024-12-31', '--out', out)).code).toBe(0);
    const product = path.join(out, 'customer_analytics_c360.csv');
    const before = fs.readFileSync(product);

    const models = writeFiles(tempDir(), {
      'views/zz_boom.js': "exports.default = { name: 'zz_boom', layer: 'views', grain: 'none', key: [], inputs: {}, build: () => { throw new Error('kaput'); } };\n",
    });
    const failed = await c360('run', '--data', data, '--as-of', '2025-06-30', '--out', out, '--models', models);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/zz_boom +FAILED: Error: kaput/);
    expect(failed.stderr).toBe(`c360: error: model zz_boom failed: Error: kaput; nothing was written to ${out} but run_results.json\n`);
    expect(fs.readFileSync(product).equals(before)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'run_results.json'), 'utf8')).success).toBe(false);

    const broken = smallDataDir({ 'customer/customers.csv': 'customer_id\nC1\n' });
    const fatal = await c360('run', '--data', broken, '--as-of', '2025-06-30', '--out', out);
    expect(fatal.code).toBe(1);
    expect(fatal.stderr).toMatch(/^c360: error: customer\/customers\.csv: missing required columns "first_name", /);
    expect(fs.readFileSync(product).equals(before)).toBe(true);
  });

  it('lists the exit codes and examples in --help', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const root = await cli([]).getHelp();
    expect(root).toContain(EXIT_CODES_HELP);
    expect(root).toMatch(/c360 run +run the models/);
    const run = await cli(['run', '--help']).getHelp();
    expect(run).toContain('--bad-rows');
    expect(run).toContain(EXIT_CODES_HELP);
    expect(run).toContain('c360 run --select +fct_customer_360_profile --write-all');
    log.mockRestore();
  });
});

describe('c360 (as a process)', () => {
  it('prints help with the exit codes and exits 0', () => {
    const r = spawnC360('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Exit codes:');
    expect(r.stdout).toContain('2  usage error');
  });

  it('exits 1 with one sentence for a missing data folder, and shows the stack only with --debug', () => {
    const r = spawnC360('run', '--data', './nope', '--as-of', '2024-12-31');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('c360: error: data folder not found: ./nope\n');
    const debug = spawnC360('run', '--data', './nope', '--as-of', '2024-12-31', '--debug');
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/^c360: error: data folder not found: \.\/nope\nC360Error: data folder not found: \.\/nope\n\s+at /);
  });

  it('exits 2 for an unknown option', () => {
    const r = spawnC360('run', '--frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('c360: error: Unknown argument: frobnicate (see c360 --help)\n');
  });
});
