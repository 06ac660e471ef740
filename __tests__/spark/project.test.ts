import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LAYERS } from '../../src/models/define';
import { MANIFEST_FILE, RUN_SCRIPT, SparkProject, buildSparkProject, writeSparkProject } from '../../src/spark/project';
import { fakeSpark, removeFakes } from './fake-spark';

const MODELS = {
  sources: ['src_customers', 'src_loyalty_program', 'src_products', 'src_transactions'],
  intermediates: ['int_customer_transactions'],
  facts: ['fct_customer_360_profile'],
  views: ['customer_analytics_c360'],
};

let project: SparkProject;
let dir: string;

beforeAll(() => {
  project = buildSparkProject({ data: '/data/c360', asOf: '2024-12-31' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c360-export-'));
  writeSparkProject(dir, project);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const made: string[] = [];

/** An empty data folder (the script checks only that it exists). */
function dataFolder(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'c360-data-'));
  made.push(d);
  return d;
}

afterAll(() => {
  removeFakes();
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function read(rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}

function runScript(args: readonly string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', [path.join(dir, RUN_SCRIPT), ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('buildSparkProject', () => {
  it('writes one .sql file per model in its layer folder, like the old project', () => {
    for (const [layer, names] of Object.entries(MODELS)) {
      expect(fs.readdirSync(path.join(dir, layer)).sort()).toEqual(names.map((n) => `${n}.sql`).sort());
    }
    expect(fs.readdirSync(path.join(dir, 'dimensions'))).toEqual(['README.md']);
    expect(project.models.map((m) => m.name)).toEqual(Object.values(MODELS).flat());
  });

  it('writes the input readers, the session settings, the product writer, a manifest and the run script', () => {
    expect(fs.readdirSync(path.join(dir, 'inputs')).sort()).toEqual(
      ['app_usage', 'customers', 'loyalty_program', 'products', 'support_tickets', 'transaction_items', 'transactions'].map((n) => `${n}.sql`),
    );
    expect(read('session.sql')).toContain('SET spark.sql.ansi.enabled=false;');
    expect(read('session.sql')).toContain('SET spark.sql.session.timeZone=UTC;');
    expect(read('outputs/customer_analytics_c360.sql')).toContain("INSERT OVERWRITE DIRECTORY '${c360.output}/customer_analytics_c360'");
    const manifest = JSON.parse(read(MANIFEST_FILE)) as { product: string; models: { name: string; columns: unknown[] }[] };
    expect(manifest.product).toBe('customer_analytics_c360');
    expect(manifest.models.find((m) => m.name === 'customer_analytics_c360')!.columns).toHaveLength(54);
    expect(fs.statSync(path.join(dir, RUN_SCRIPT)).mode & 0o111).not.toBe(0);
  });

  it('defines each model as a temporary view with its columns in the spec order', () => {
    for (const m of project.models) {
      const sql = read(m.file);
      expect(sql).toContain(`CREATE OR REPLACE TEMPORARY VIEW \`${m.name}\` AS\nWITH`);
      expect(sql.trimEnd().endsWith(';')).toBe(true);
      const last = sql.slice(sql.lastIndexOf('\nSELECT '));
      for (const f of m.schema) expect(last).toContain(`\`${f.name}\``);
    }
  });

  it('reads every input file by header name as text and parses the declared types in SQL', () => {
    const sql = read('inputs/transactions.sql');
    expect(sql).toContain("path '${c360.data}/sales/transactions.csv'");
    expect(sql).toContain("header 'true'");
    expect(sql).toContain("mode '${c360.csv_mode}'");
    expect(sql).toContain(`escape '"'`);
    expect(sql).toContain('try_cast(`transaction_date` AS TIMESTAMP_NTZ)');
    expect(sql).toContain('monotonically_increasing_id() AS `__c360_row`');
    expect(sql).toContain("WHEN 'fail' THEN CASE WHEN");
    expect(sql).toContain('raise_error(');
  });

  it('renders the business rules from the models: day of week, whole days, sorted lists, null-safe division', () => {
    expect(read('sources/src_transactions.sql')).toContain('dayofweek(`transaction_date`)');
    expect(read('sources/src_transactions.sql')).toContain("WHEN (`channel` IN ('online', 'mobile')) THEN 'Digital'");
    expect(read('sources/src_customers.sql')).toContain("datediff(CAST('${c360.as_of}' AS DATE), `date_of_birth`)");
    expect(read('sources/src_loyalty_program.sql')).toContain('try_divide(CAST(`points_redeemed_ytd` AS DOUBLE), CAST(`points_earned_ytd` AS DOUBLE))');
    expect(read('intermediates/int_customer_transactions.sql')).toContain('array_sort(collect_list(`category_group`))');
    expect(read('facts/fct_customer_360_profile.sql')).toContain("CAST('${c360.run_timestamp}' AS TIMESTAMP_NTZ)");
    expect(read('views/customer_analytics_c360.sql')).toContain("WHEN (`days_since_registration` <= 30) THEN 'New (0-30 days)'");
  });

  it('breaks dedupe ties by file order and carries the row order only where the product needs it', () => {
    expect(read('sources/src_customers.sql')).toContain('ORDER BY `registration_date` DESC NULLS LAST, `__c360_order` ASC');
    const exposing = project.models.filter((m) => m.exposesOrder).map((m) => m.name);
    expect(exposing).toEqual(['src_customers', 'fct_customer_360_profile', 'customer_analytics_c360']);
    expect(read('outputs/customer_analytics_c360.sql')).toContain('SORT BY `__c360_order`');
  });

  it('writes the product in the engine text forms', () => {
    const sql = read('outputs/customer_analytics_c360.sql');
    expect(sql).toContain("date_format(`first_purchase_date`, 'yyyy-MM-dd HH:mm:ss')");
    expect(sql).toContain("date_format(`last_app_use_date`, 'yyyy-MM-dd') AS `last_app_use_date`");
    expect(sql).toContain('REPARTITION(1)');
  });
});

describe('run_c360_pipeline.sh', () => {
  it('is valid bash', () => {
    const r = spawnSync('bash', ['-n', path.join(dir, RUN_SCRIPT)], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('prints its options with --help', () => {
    const r = runScript(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--separate-sessions');
    expect(r.stdout).toContain('--as-of YYYY-MM-DD');
  });

  it('refuses a date that does not exist, an unknown policy and an unknown option', () => {
    expect(runScript(['--as-of', '2024-02-30', '--spark-sql', '/bin/false']).stderr).toContain('--as-of must be a real date');
    expect(runScript(['--bad-rows', 'drop']).stderr).toContain('--bad-rows must be reject, fail or keep');
    const r = runScript(['--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown option --bogus');
  });

  it('runs every layer in one spark-sql session, with the parameters set first', () => {
    const spark = fakeSpark();
    const data = dataFolder();
    const out = path.join(spark.dir, 'out');
    const r = runScript(['--spark-sql', spark.bin, '--data', data, '--as-of', '2025-01-15', '--run-timestamp', '2025-01-15 08:00:00', '--output', out, '--bad-rows', 'keep']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(spark.calls()).toHaveLength(1);
    expect(spark.calls()[0]).toContain('--conf spark.sql.ansi.enabled=false');
    expect(spark.calls()[0]).toContain('--master local[*]');
    const sql = spark.sql(0);
    expect(sql).toContain('SET c360.as_of=2025-01-15;');
    expect(sql).toContain('SET c360.run_timestamp=2025-01-15 08:00:00;');
    expect(sql).toContain(`SET c360.data=${data};`);
    expect(sql).toContain('SET c360.csv_mode=PERMISSIVE;');
    const positions = project.models.map((m) => sql.indexOf(`CREATE OR REPLACE TEMPORARY VIEW \`${m.name}\``));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
    expect(sql.indexOf('INSERT OVERWRITE DIRECTORY')).toBeGreaterThan(positions[positions.length - 1]!);
  });

  it('runs one session per layer with separate sessions, each layer kept as Parquet for the next', () => {
    const spark = fakeSpark();
    const data = dataFolder();
    const r = runScript(['--separate-sessions', '--spark-sql', spark.bin, '--data', data, '--output', 's3a://bucket/out', '--master', 'yarn']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('layer dimensions has no models');
    expect(spark.calls()).toHaveLength(4);
    const facts = spark.sql(2);
    expect(facts).toContain('SET c360.warehouse=s3a://bucket/out/warehouse;');
    expect(facts).toContain("CREATE OR REPLACE TEMPORARY VIEW `int_customer_transactions` USING parquet OPTIONS (path '${c360.warehouse}/int_customer_transactions');");
    expect(facts).not.toContain('CREATE OR REPLACE TEMPORARY VIEW `src_customers` AS');
    expect(facts).toContain("INSERT OVERWRITE DIRECTORY '${c360.warehouse}/fct_customer_360_profile' USING parquet SELECT * FROM `fct_customer_360_profile`;");
    expect(spark.sql(3)).toContain("INSERT OVERWRITE DIRECTORY '${c360.output}/customer_analytics_c360'");
    expect(spark.calls()[3]).toContain('--master yarn');
  });

  it('starts at a later layer with --from-layer, reading the earlier ones from the warehouse', () => {
    const spark = fakeSpark();
    const data = dataFolder();
    const r = runScript(['--separate-sessions', '--from-layer', 'facts', '--spark-sql', spark.bin, '--data', data]);
    expect(r.status).toBe(0);
    expect(spark.calls()).toHaveLength(2);
    expect(spark.sql(0)).toContain('`src_customers` USING parquet');
  });

  it('stops with the exit code of a failed session', () => {
    const spark = fakeSpark({ fail: 'Error in query: boom' });
    const data = dataFolder();
    const r = runScript(['--spark-sql', spark.bin, '--data', data]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('boom');
  });

  it('lists every layer', () => {
    expect(read(RUN_SCRIPT)).toContain(`LAYERS=(${LAYERS.join(' ')})`);
  });
});
