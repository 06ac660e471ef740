import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCommand, RunArgs } from '../../src/cli/commands/run';
import { main } from '../../src/cli/main';
import { PRODUCT_COLUMNS } from '../../src/models/views/customer_analytics_c360';
import { INPUT_FILES } from '../../src/schema/inputs';
import { fakeSpark, removeFakes } from '../spark/fake-spark';

const made: string[] = [];
function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}
function dataDir(): string {
  const d = tempDir('c360-data-');
  for (const f of INPUT_FILES) {
    const p = path.join(d, ...f.path.split('/'));
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, `${f.columns.map((c) => c.name).join(',')}\n`);
  }
  return d;
}
function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  const stream = { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream;
  return { stream, text: () => text };
}

afterAll(() => {
  removeFakes();
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

describe('c360 run --engine spark', () => {
  it('runs the exported project with spark-sql and writes the product and the same summary lines', async () => {
    const values: Record<string, string> = {
      customer_id: 'CUST1',
      first_name: 'Lisa',
      last_name: 'Anderson',
      email: 'lisa@example.com',
      loyalty_tier: 'Platinum',
      total_spent: '1019.98',
      customer_status: 'Churned',
      recency_score: '1',
      frequency_score: '3',
      monetary_score: '4',
      customer_health_score: '2.6666666666666665',
      churn_risk_flag: '1',
    };
    const row = PRODUCT_COLUMNS.map((c) => values[c] ?? '');
    const spark = fakeSpark({ productCsv: `${PRODUCT_COLUMNS.join(',')}\n${row.join(',')}\n` });
    const out = tempDir('c360-out-');
    const stdout = sink();
    const args = {
      data: dataDir(),
      'as-of': '2025-01-15',
      out,
      format: 'csv',
      'bad-rows': 'reject',
      'separate-sessions': false,
      resume: false,
      'write-all': false,
      'safe-csv': true,
      quiet: true,
      report: false,
      engine: 'spark',
      'spark-sql': spark.bin,
      'work-dir': tempDir('c360-spark-work-'),
    } as unknown as RunArgs;
    await runCommand(args, { stdout: stdout.stream, stderr: sink().stream });
    expect(stdout.text().trim().split('\n')).toEqual([
      'Pipeline Summary: 1 total customers, 0 active, 1 at risk, 2.67 avg health score',
      'Top Customer: Lisa Anderson (CUST1) - Platinum tier, $1019.98 spent, 2.67 health score',
    ]);
    const product = fs.readFileSync(path.join(out, 'customer_analytics_c360.csv'), 'utf8').split('\n');
    expect(product[0]).toBe(PRODUCT_COLUMNS.join(','));
    expect(product[1]).toContain('CUST1,Lisa,Anderson');
    const results = JSON.parse(fs.readFileSync(path.join(out, 'run_results.json'), 'utf8')) as { metadata: { engine: string }; success: boolean };
    expect(results.metadata.engine).toBe('spark');
    expect(results.success).toBe(true);
    expect(spark.calls()).toHaveLength(1);
  });

  it('refuses memory-engine options with a usage error (exit 2)', async () => {
    const stderr = sink();
    const code = await main(['run', '--engine', 'spark', '--select', 'src_customers', '--data', dataDir()], stderr.stream);
    expect(code).toBe(2);
    expect(stderr.text()).toContain('--engine spark runs the whole project');
  });
});
