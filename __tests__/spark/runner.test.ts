import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { C360Error } from '../../src/errors';
import { PRODUCT_COLUMNS } from '../../src/models/views/customer_analytics_c360';
import { INPUT_FILES } from '../../src/schema/inputs';
import { failureExcerpt, findSparkSql, runSparkPipeline } from '../../src/spark/runner';
import { fakeSpark, removeFakes } from './fake-spark';

const made: string[] = [];

function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

/** A data folder with the seven input files (headers only). */
function dataDir(): string {
  const d = tempDir('c360-data-');
  for (const f of INPUT_FILES) {
    const p = path.join(d, ...f.path.split('/'));
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, `${f.columns.map((c) => c.name).join(',')}\n`);
  }
  return d;
}

afterAll(() => {
  removeFakes();
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const RUN = { asOf: '2025-01-15', runTimestamp: '2025-01-15 08:00:00' };

describe('runSparkPipeline', () => {
  it('runs the exported project with spark-sql and reads the product back with the engine types', async () => {
    const row = PRODUCT_COLUMNS.map((c) =>
      c === 'customer_id' ? 'CUST1' : c === 'total_spent' ? '1019.98' : c === 'last_purchase_date' ? '2024-11-03 10:00:00' : c === 'recency_score' ? '2' : '',
    );
    const spark = fakeSpark({ productCsv: `${PRODUCT_COLUMNS.join(',')}\n${row.join(',')}\n` });
    const work = tempDir('c360-spark-run-');
    const result = await runSparkPipeline({ ...RUN, dataDir: dataDir(), sparkSql: spark.bin, workDir: work });
    expect(result.product.numRows).toBe(1);
    expect(result.product.columnNames).toEqual([...PRODUCT_COLUMNS]);
    expect(result.product.get(0, 'total_spent')).toBe(1019.98);
    expect(result.product.typeOf('last_purchase_date')).toBe('timestamp');
    expect(result.product.get(0, 'recency_score')).toBe(2);
    expect(result.summary.totalCustomers).toBe(1);
    expect(spark.calls()).toHaveLength(1);
    expect(spark.calls()[0]).toContain('--conf spark.ui.enabled=false');
    expect(spark.sql(0)).toContain('SET c360.as_of=2025-01-15;');
    expect(fs.existsSync(path.join(result.projectDir, 'run_c360_pipeline.sh'))).toBe(true);
    expect(fs.readFileSync(result.logFile, 'utf8')).toContain('fake spark-sql: ran');
  });

  it('passes separate sessions and extra settings to the script', async () => {
    const spark = fakeSpark({ productCsv: `${PRODUCT_COLUMNS.join(',')}\n` });
    const result = await runSparkPipeline({ ...RUN, dataDir: dataDir(), sparkSql: spark.bin, separateSessions: true, master: 'local[2]', conf: ['spark.sql.shuffle.partitions=4'] });
    expect(result.product.numRows).toBe(0);
    expect(spark.calls()).toHaveLength(4);
    expect(spark.calls()[0]).toContain('--master local[2]');
    expect(spark.calls()[0]).toContain('--conf spark.sql.shuffle.partitions=4');
  });

  it('fails with the error lines of the log when Spark fails', async () => {
    const spark = fakeSpark({ fail: '[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column `customer_id` cannot be resolved' });
    const run = runSparkPipeline({ ...RUN, dataDir: dataDir(), sparkSql: spark.bin });
    await expect(run).rejects.toThrow(C360Error);
    await expect(runSparkPipeline({ ...RUN, dataDir: dataDir(), sparkSql: spark.bin })).rejects.toThrow(/exit code 1[\s\S]*UNRESOLVED_COLUMN/);
  });

  it('names a missing input file before starting Spark', async () => {
    const data = dataDir();
    fs.rmSync(path.join(data, 'sales', 'transactions.csv'));
    await expect(runSparkPipeline({ ...RUN, dataDir: data, sparkSql: '/nonexistent/spark-sql' })).rejects.toThrow('missing input file sales/transactions.csv');
  });

  it('fails when Spark wrote no product file', async () => {
    const spark = fakeSpark();
    fs.rmSync(path.join(spark.dir, 'product.csv'));
    await expect(runSparkPipeline({ ...RUN, dataDir: dataDir(), sparkSql: spark.bin })).rejects.toThrow(/exit code|product files/);
  });
});

describe('findSparkSql', () => {
  it('prefers the given launcher, then SPARK_HOME', () => {
    expect(findSparkSql('/opt/spark/bin/spark-sql', {})).toBe('/opt/spark/bin/spark-sql');
    const home = tempDir('c360-spark-home-');
    fs.mkdirSync(path.join(home, 'bin'));
    fs.writeFileSync(path.join(home, 'bin', 'spark-sql'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findSparkSql(undefined, { SPARK_HOME: home, PATH: '' })).toBe(path.join(home, 'bin', 'spark-sql'));
  });
});

describe('failureExcerpt', () => {
  it('keeps the error lines and drops stack frames and warnings', () => {
    const log = ['26/11/28 16:42:18 WARN ObjectStore: Failed to get database default', 'Error in query: boom', '\tat org.apache.Foo(Foo.scala:1)', 'done'].join('\n');
    expect(failureExcerpt(log)).toBe('Error in query: boom');
  });
});
