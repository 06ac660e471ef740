/**
 * Pipeline benchmark (issue 7): the whole pipeline, from the CSV files to the written product, on
 * c360 and on the engines a user would otherwise run the same SQL on.
 *
 *   npm run bench -- pipeline [--customers 10000,100000,1000000] [--reps 3]
 *     [--engines c360,duckdb,c360-separate,spark] [--seed 42] [--as-of 2025-01-15] [--dirty 0.01]
 *     [--spark-reps 1] [--timeout SECONDS] [--build] [--spark-driver-memory 4g] [--spark-conf k=v,k=v] [--duckdb-scan views|tables]
 *     [--duckdb-threads 2] [--c360-node-flags "--max-old-space-size=8192"] [--no-compare]
 *   npm run bench -- pipeline --profile --customers 100000     (c360 under --cpu-prof, summarised)
 *   npm run bench -- pipeline --generate-only --customers 1000000   (only write the cached data)
 *
 * For each size it generates the data once with `c360 generate` (cached under
 * bench/.cache/pipeline-data/<arguments>/), then runs the engines alternately, one child process
 * per run (c360, duckdb, c360 separate sessions, spark, c360, duckdb, ...), each from the CSV
 * files to its written product:
 * - c360: `node dist/cli/main.js run --data D --as-of A --out O --quiet --no-report` (a snapshot of
 *   dist/ taken at start, so a rebuild by someone else mid-run changes nothing), and the same with
 *   `--separate-sessions`;
 * - duckdb: bench/pipeline-duckdb.ts (the seven models as hand-written DuckDB SQL, transpiled to
 *   plain JavaScript so it does not pay for ts-node), `@duckdb/node-api`, in-memory database;
 * - spark: the project of `c360 export-spark` run by its `run_c360_pipeline.sh` with the
 *   pip-installed pyspark's spark-sql, local mode (skipped when spark-sql is not found).
 * Wall, CPU (user + sys of the process tree) and peak RSS come from bench/pipeline-measure.ts.
 * After the runs, every engine's product is compared with c360's cell by cell
 * (bench/compare-products.ts). Prints a markdown table and writes bench/results/pipeline-*.md/.json.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { INPUT_FILES } from '../src/schema/inputs';
import { CompareResult, compareProducts, describeComparison } from './compare-products';
import { DUCK_INPUTS } from './pipeline-duckdb';
import { Measurement, measure } from './pipeline-measure';
import { summariseProfiles } from './pipeline-profile';

const ENGINES = ['c360', 'duckdb', 'c360-separate', 'spark'] as const;
type Engine = (typeof ENGINES)[number];

const ENGINE_LABEL: Record<Engine, string> = {
  c360: 'c360 (single session)',
  'c360-separate': 'c360 (separate sessions)',
  duckdb: 'DuckDB',
  spark: 'Spark local',
};

interface Options {
  readonly sizes: readonly number[];
  readonly reps: number;
  /** Spark runs in the first this many repetitions only (a JVM run takes minutes). */
  readonly sparkReps: number;
  readonly engines: readonly Engine[];
  readonly seed: number;
  readonly asOf: string;
  readonly dirty: number;
  readonly timeoutSec: number;
  readonly build: boolean;
  readonly sparkDriverMemory: string;
  /** Extra Spark settings (key=value), comma separated on the command line. */
  readonly sparkConf: readonly string[];
  readonly duckdbScan: 'views' | 'tables';
  readonly duckdbThreads: number;
  readonly c360NodeFlags: readonly string[];
  readonly compare: boolean;
  readonly profile: boolean;
  /** Only generate (and cache) the data of each size. */
  readonly generateOnly: boolean;
}

function parse(argv: readonly string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const count = (text: string): number => {
    const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.replace(/_/g, ''));
    if (m === null) throw new Error(`not a number of customers: ${text}`);
    const scale = m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1;
    return Math.round(Number(m[1]) * scale);
  };
  const engines = (get('engines') ?? ENGINES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const e of engines) if (!(ENGINES as readonly string[]).includes(e)) throw new Error(`unknown engine ${e} (engines: ${ENGINES.join(', ')})`);
  const scan = get('duckdb-scan') ?? 'views';
  if (scan !== 'views' && scan !== 'tables') throw new Error(`--duckdb-scan must be views or tables, got ${scan}`);
  return {
    sizes: (get('customers') ?? '10000,100000').split(',').map(count),
    reps: Number(get('reps') ?? 3),
    sparkReps: Number(get('spark-reps') ?? 1),
    engines: engines as Engine[],
    seed: Number(get('seed') ?? 42),
    asOf: get('as-of') ?? '2025-01-15',
    dirty: Number(get('dirty') ?? 0.01),
    timeoutSec: Number(get('timeout') ?? 3600),
    build: argv.includes('--build'),
    sparkDriverMemory: get('spark-driver-memory') ?? '4g',
    sparkConf: (get('spark-conf') ?? '').split(',').filter((x) => x !== ''),
    duckdbScan: scan,
    duckdbThreads: Number(get('duckdb-threads') ?? os.cpus().length),
    c360NodeFlags: (get('c360-node-flags') ?? '').split(' ').filter((s) => s !== ''),
    compare: !argv.includes('--no-compare'),
    profile: argv.includes('--profile'),
    generateOnly: argv.includes('--generate-only'),
  };
}

const ROOT = path.join(__dirname, '..');
const CACHE = path.join(__dirname, '.cache');
const RESULTS = path.join(__dirname, 'results');

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

function short(n: number): string {
  return n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n);
}

// ---------------------------------------------------------------------------------------------
// Set-up: the c360 snapshot, the DuckDB runner, the Spark project, the data

/** Copies dist/ (built first with --build) so the benchmark runs one fixed build. */
function snapshotDist(build: boolean): string {
  if (build) {
    log('building (npm run build) ...');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'cli', 'main.js'))) throw new Error('dist/cli/main.js is missing: run npm run build (or pass --build)');
  const builtAt = fs.statSync(path.join(dist, 'cli', 'main.js')).mtime.toISOString().slice(0, 19).replace('T', ' ');
  log(`c360: using dist/ as built at ${builtAt} UTC (copied, so a rebuild during the benchmark changes nothing)`);
  fs.writeFileSync(path.join(CACHE, 'pipeline-c360-dist.built-at'), builtAt);
  const snap = path.join(CACHE, 'pipeline-c360-dist');
  fs.rmSync(snap, { recursive: true, force: true });
  fs.cpSync(dist, snap, { recursive: true });
  return snap;
}

/** Transpiles bench/pipeline-duckdb.ts to plain JavaScript (no ts-node start-up in DuckDB's runs). */
function duckdbRunner(): string {
  // Loaded here only: the benchmark runs under ts-node, which brings TypeScript.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const source = fs.readFileSync(path.join(__dirname, 'pipeline-duckdb.ts'), 'utf8');
  const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
  const file = path.join(CACHE, 'pipeline-duckdb.js');
  fs.writeFileSync(file, out.outputText);
  return file;
}

/** Fails when the DuckDB pipeline's hand-written input columns (names and types) differ from the declared schemas. */
function checkDuckSchemas(): void {
  const sqlType: Record<string, string> = { string: 'VARCHAR', int: 'BIGINT', float64: 'DOUBLE', date: 'DATE', timestamp: 'TIMESTAMP' };
  for (const f of INPUT_FILES) {
    const d = DUCK_INPUTS.find((x) => x.name === f.name);
    // Compared as sets: c360 matches columns by header name, DuckDB's list is in the files' header order.
    const want = f.columns
      .map((c) => `${c.name}:${sqlType[c.type] ?? c.type}`)
      .sort()
      .join(',');
    const got = d === undefined ? '(missing)' : d.columns.map(([n, t]) => `${n}:${t}`).sort().join(',');
    if (d === undefined || d.path !== f.path || want !== got) throw new Error(`the DuckDB pipeline's columns of ${f.path} differ from src/schema/inputs.ts:\n  schema ${want}\n  duckdb ${got}`);
  }
}

interface SparkSetup {
  readonly projectDir: string;
  readonly sparkSql: string;
  readonly version: string;
  /** How the project was written. */
  readonly exportedWith: string;
}

interface SparkModule {
  buildSparkProject(options: object): unknown;
  writeSparkProject(dir: string, project: unknown): void;
  findSparkSql(given?: string): string | null;
}

/** Exports the Spark project (with `c360 export-spark` when the CLI has it, else the library); null without spark-sql. */
function sparkSetup(snap: string, asOf: string): SparkSetup | null {
  const lib = path.join(snap, 'spark', 'index.js');
  if (!fs.existsSync(lib)) {
    log('spark: the Spark backend is not built (dist/spark missing); skipping Spark');
    return null;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const spark = require(lib) as SparkModule;
  const sparkSql = spark.findSparkSql();
  if (sparkSql === null) {
    log('spark: spark-sql not found (pip install pyspark); skipping Spark');
    return null;
  }
  const projectDir = path.join(CACHE, 'pipeline-spark-project');
  fs.rmSync(projectDir, { recursive: true, force: true });
  const cli = spawnSync(process.execPath, [path.join(snap, 'cli', 'main.js'), 'export-spark', '--out', projectDir, '--as-of', asOf], { encoding: 'utf8' });
  let exportedWith = `c360 export-spark --out ${path.relative(ROOT, projectDir)} --as-of ${asOf}`;
  if (cli.status !== 0) {
    spark.writeSparkProject(projectDir, spark.buildSparkProject({ asOf }));
    exportedWith = 'writeSparkProject(buildSparkProject()) (the CLI has no export-spark command yet)';
  }
  const py = spawnSync('python3', ['-c', 'import pyspark; print(pyspark.__version__)'], { encoding: 'utf8' });
  const version = py.status === 0 ? `pyspark ${py.stdout.trim()}` : 'unknown';
  return { projectDir, sparkSql, version, exportedWith };
}

interface DataSet {
  readonly customers: number;
  readonly dir: string;
  /** Bytes of the seven input files the pipeline reads. */
  readonly inputBytes: number;
  readonly generateSeconds: number | null;
}

/** The generated data of a size, written once per set of arguments. */
function dataSet(snap: string, customers: number, opts: Options): DataSet {
  const key = `n${customers}-seed${opts.seed}-asof${opts.asOf}-dirty${opts.dirty}`;
  const dir = path.join(CACHE, 'pipeline-data', key);
  const meta = path.join(dir, 'generate.json');
  if (!fs.existsSync(meta)) {
    const tmp = `${dir}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    log(`generating ${customers.toLocaleString('en-US')} customers into ${path.relative(ROOT, dir)} ...`);
    const t0 = Date.now();
    execFileSync(
      process.execPath,
      [path.join(snap, 'cli', 'main.js'), 'generate', '--customers', String(customers), '--seed', String(opts.seed), '--as-of', opts.asOf, '--out', tmp, '--dirty', String(opts.dirty)],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    const generateSeconds = (Date.now() - t0) / 1000;
    fs.writeFileSync(path.join(tmp, 'generate.json'), `${JSON.stringify({ customers, seed: opts.seed, asOf: opts.asOf, dirty: opts.dirty, generateSeconds }, null, 2)}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  }
  const info = JSON.parse(fs.readFileSync(meta, 'utf8')) as { generateSeconds?: number };
  let inputBytes = 0;
  for (const f of INPUT_FILES) inputBytes += fs.statSync(path.join(dir, ...f.path.split('/'))).size;
  return { customers, dir, inputBytes, generateSeconds: info.generateSeconds ?? null };
}

// ---------------------------------------------------------------------------------------------
// The runs

interface RunRecord extends Measurement {
  readonly engine: Engine;
  readonly customers: number;
  readonly rep: number;
  readonly outDir: string;
  /** The product file the run wrote (null when it failed). */
  readonly product: string | null;
  /** Per-step seconds the engine reported itself (c360: run_results.json; DuckDB: its statements). */
  readonly steps?: Record<string, number>;
  /** Rows rejected per input file, as the engine reported. */
  readonly rejected?: Record<string, number>;
}

function outDirOf(customers: number, engine: Engine): string {
  return path.join(CACHE, 'pipeline-out', short(customers), engine);
}

interface C360RunResults {
  readonly models: readonly { readonly name: string; readonly seconds: number }[];
  readonly inputs: readonly { readonly name: string; readonly rows_rejected: number; readonly seconds: number }[];
}

interface DuckResult {
  readonly steps: readonly { readonly name: string; readonly seconds: number }[];
  readonly rejected: Record<string, number>;
}

async function runOnce(engine: Engine, data: DataSet, rep: number, ctx: { snap: string; duck: string; spark: SparkSetup | null; opts: Options; runTimestamp: string }): Promise<RunRecord> {
  const outDir = outDirOf(data.customers, engine);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const logFile = path.join(CACHE, 'pipeline-out', short(data.customers), `${engine}.log`);
  const { opts } = ctx;
  let cmd: string;
  let args: string[];
  let product: string;
  if (engine === 'c360' || engine === 'c360-separate') {
    cmd = process.execPath;
    args = [...opts.c360NodeFlags, path.join(ctx.snap, 'cli', 'main.js'), 'run', '--data', data.dir, '--as-of', opts.asOf, '--out', outDir, '--quiet', '--no-report'];
    if (engine === 'c360-separate') args.push('--separate-sessions');
    product = path.join(outDir, 'customer_analytics_c360.csv');
  } else if (engine === 'duckdb') {
    cmd = process.execPath;
    args = [ctx.duck, '--data', data.dir, '--as-of', opts.asOf, '--out', outDir, '--run-timestamp', ctx.runTimestamp, '--threads', String(opts.duckdbThreads), '--scan', opts.duckdbScan];
    product = path.join(outDir, 'customer_analytics_c360.csv');
  } else {
    const spark = ctx.spark!;
    cmd = 'bash';
    args = [
      path.join(spark.projectDir, 'run_c360_pipeline.sh'),
      '--data',
      data.dir,
      '--as-of',
      opts.asOf,
      '--run-timestamp',
      ctx.runTimestamp,
      '--output',
      outDir,
      '--spark-sql',
      spark.sparkSql,
      '--master',
      'local[*]',
      '--work-dir',
      path.join(outDir, '.work'),
      '--conf',
      'spark.ui.enabled=false',
      ...opts.sparkConf.flatMap((c) => ['--conf', c]),
      '--',
      '--driver-memory',
      opts.sparkDriverMemory,
    ];
    product = '';
  }
  const m = await measure(cmd, args, { cwd: ROOT, logFile, timeoutSec: opts.timeoutSec });
  if (engine === 'spark' && m.ok) {
    const dir = path.join(outDir, 'customer_analytics_c360');
    const parts = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('part-') && f.endsWith('.csv')) : [];
    product = parts.length === 1 ? path.join(dir, parts[0]!) : '';
  }
  let steps: Record<string, number> | undefined;
  let rejected: Record<string, number> | undefined;
  if (m.ok && (engine === 'c360' || engine === 'c360-separate')) {
    const rr = JSON.parse(fs.readFileSync(path.join(outDir, 'run_results.json'), 'utf8')) as C360RunResults;
    steps = {};
    for (const i of rr.inputs) steps[`read ${i.name}`] = i.seconds;
    for (const mo of rr.models) steps[mo.name] = mo.seconds;
    rejected = {};
    for (const i of rr.inputs) if (i.rows_rejected > 0) rejected[i.name] = i.rows_rejected;
  }
  if (m.ok && engine === 'duckdb') {
    const dr = JSON.parse(fs.readFileSync(path.join(outDir, 'duckdb_results.json'), 'utf8')) as DuckResult;
    steps = {};
    for (const s of dr.steps) steps[s.name] = s.seconds;
    rejected = dr.rejected;
  }
  const ok = m.ok && product !== '' && fs.existsSync(product);
  return {
    ...m,
    ok,
    ...(m.ok && !ok ? { error: 'no product file written' } : {}),
    engine,
    customers: data.customers,
    rep,
    outDir,
    product: ok ? product : null,
    ...(steps === undefined ? {} : { steps }),
    ...(rejected === undefined ? {} : { rejected }),
  };
}

// ---------------------------------------------------------------------------------------------
// Summary and rendering

interface EngineSummary {
  readonly engine: Engine;
  readonly runs: number;
  readonly failed: number;
  readonly error?: string;
  /** The run with the best wall time. */
  readonly best?: RunRecord;
  readonly wallMedian?: number;
  readonly cpuMin?: number;
  readonly rssMax?: number;
  readonly treeRssMax?: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function summarise(runs: readonly RunRecord[], engine: Engine): EngineSummary {
  const mine = runs.filter((r) => r.engine === engine);
  const ok = mine.filter((r) => r.ok);
  const failed = mine.length - ok.length;
  if (ok.length === 0) return { engine, runs: mine.length, failed, ...(mine[0]?.error === undefined ? {} : { error: mine[0].error }) };
  const best = ok.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a));
  return {
    engine,
    runs: mine.length,
    failed,
    best,
    wallMedian: median(ok.map((r) => r.wallSeconds)),
    cpuMin: Math.min(...ok.map((r) => r.cpuSeconds)),
    rssMax: Math.max(...ok.map((r) => r.maxRssMB)),
    treeRssMax: Math.max(...ok.map((r) => r.treePeakRssMB)),
  };
}

const f1 = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const ratio = (x: number | undefined, base: number | undefined): string => (x === undefined || base === undefined || base === 0 ? '–' : `${(x / base).toFixed(2)}×`);

interface SizeReport {
  readonly data: DataSet;
  readonly runs: readonly RunRecord[];
  readonly summaries: readonly EngineSummary[];
  readonly comparisons: Partial<Record<Engine, { readonly against: Engine; readonly result: CompareResult | { readonly error: string } }>>;
  readonly rejectsAgree: string;
}

function renderSize(r: SizeReport, reps: number): string[] {
  const lines: string[] = [];
  const base = r.summaries.find((s) => s.engine === 'c360');
  const mb = (r.data.inputBytes / 1048576).toFixed(0);
  lines.push(`### ${r.data.customers.toLocaleString('en-US')} customers (${mb} MB of input CSV${r.data.generateSeconds === null ? '' : `, generated in ${r.data.generateSeconds.toFixed(0)} s`})`, '');
  lines.push(
    '| engine | wall s (best) | wall s (median) | CPU s (min) | peak RSS MB (largest process) | peak RSS MB (process tree) | wall / c360 | CPU / c360 | RSS / c360 | runs ok | product = c360? |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const s of r.summaries) {
    const cmp = r.comparisons[s.engine];
    const eq =
      s.engine === 'c360'
        ? '(reference)'
        : cmp === undefined
          ? '–'
          : 'error' in cmp.result
            ? `error: ${cmp.result.error}`
            : cmp.result.equal
              ? `yes (${cmp.result.cellsCompared.toLocaleString('en-US')} cells)`
              : `**NO**: ${cmp.result.cellsDiffering} cells, ${cmp.result.onlyInA + cmp.result.onlyInB} keys`;
    if (s.best === undefined) {
      lines.push(`| ${ENGINE_LABEL[s.engine]} | failed | | | | | | | | 0/${s.runs} | ${s.error ?? ''} |`);
      continue;
    }
    lines.push(
      `| ${ENGINE_LABEL[s.engine]} | ${f1(s.best.wallSeconds)} | ${f1(s.wallMedian!)} | ${f1(s.cpuMin!)} | ${s.rssMax!.toFixed(0)} | ${s.treeRssMax!.toFixed(0)} | ` +
        `${ratio(s.best.wallSeconds, base?.best?.wallSeconds)} | ${ratio(s.cpuMin, base?.cpuMin)} | ${ratio(s.rssMax, base?.rssMax)} | ${s.runs - s.failed}/${s.runs} | ${eq} |`,
    );
  }
  lines.push('');
  lines.push(`Rows rejected as malformed: ${r.rejectsAgree}`, '');
  for (const [engine, cmp] of Object.entries(r.comparisons) as [Engine, NonNullable<SizeReport['comparisons'][Engine]>][]) {
    const text = 'error' in cmp.result ? `error: ${cmp.result.error}` : describeComparison(cmp.result);
    lines.push(`- ${ENGINE_LABEL[engine]} vs ${ENGINE_LABEL[cmp.against]}: ${text}`);
    if (!('error' in cmp.result)) for (const e of cmp.result.examples.slice(0, 5)) lines.push(`  - ${e}`);
  }
  lines.push('');
  lines.push(`Every run (${reps} repetitions, in the order they ran; load = 1-minute load average at start → end):`, '');
  lines.push('| rep | engine | wall s | CPU s | peak RSS MB (largest / tree) | load | result |', '|---|---|---|---|---|---|---|');
  for (const run of r.runs) {
    lines.push(
      `| ${run.rep + 1} | ${ENGINE_LABEL[run.engine]} | ${f1(run.wallSeconds)} | ${f1(run.cpuSeconds)} | ${run.maxRssMB.toFixed(0)} / ${run.treePeakRssMB.toFixed(0)} | ` +
        `${run.loadStart.toFixed(1)} → ${run.loadEnd.toFixed(1)} | ${run.ok ? 'ok' : (run.error ?? 'failed').replace(/\|/g, '/')} |`,
    );
  }
  lines.push('');
  const steps = (e: Engine): string | null => {
    const s = r.summaries.find((x) => x.engine === e)?.best?.steps;
    if (s === undefined) return null;
    return Object.entries(s)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ');
  };
  const c = steps('c360');
  const d = steps('duckdb');
  if (c !== null) lines.push(`- c360 steps of the best run (run_results.json, seconds; each input file is read once, timed apart from the models): ${c}`);
  if (d !== null) lines.push(`- DuckDB statements of the best run (seconds): ${d}`);
  lines.push('');
  return lines;
}

function renderScaling(reports: readonly SizeReport[]): string[] {
  if (reports.length < 2) return [];
  const lines = ['### Scaling (best wall seconds per million customers)', '', `| engine | ${reports.map((r) => short(r.data.customers)).join(' | ')} |`, `|---|${reports.map(() => '---').join('|')}|`];
  for (const e of ENGINES) {
    const cells = reports.map((r) => {
      const s = r.summaries.find((x) => x.engine === e);
      return s?.best === undefined ? '–' : f1((s.best.wallSeconds / r.data.customers) * 1e6);
    });
    if (cells.some((c) => c !== '–')) lines.push(`| ${ENGINE_LABEL[e]} | ${cells.join(' | ')} |`);
  }
  lines.push('');
  return lines;
}

function builtAt(): string {
  const f = path.join(CACHE, 'pipeline-c360-dist.built-at');
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : 'unknown';
}

/** What the working tree adds to the commit under src/ (what dist/ may have been built from). */
function srcChanges(porcelain: string): string {
  const n = porcelain.split('\n').filter((l) => l.trim() !== '').length;
  return n === 0 ? 'src/ as committed' : `+ ${n} uncommitted changes under src/`;
}

function machine(): Record<string, string> {
  const git = (args: string[]): string => {
    const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : 'unknown';
  };
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const duckPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@duckdb', 'node-api', 'package.json'), 'utf8')) as { version: string };
  return {
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    duckdb: `@duckdb/node-api ${duckPkg.version}`,
    java: (java.stderr || java.stdout).split('\n')[0] ?? 'none',
    commit: `${git(['rev-parse', '--short', 'HEAD'])} (${srcChanges(git(['status', '--porcelain', '--', 'src']))}; dist built ${builtAt()} UTC)`,
  };
}

// ---------------------------------------------------------------------------------------------

async function profileRun(opts: Options): Promise<void> {
  const snap = snapshotDist(opts.build);
  const customers = opts.sizes[0]!;
  const data = dataSet(snap, customers, opts);
  const dir = path.join(CACHE, 'pipeline-profile', short(customers));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const outDir = path.join(dir, 'out');
  log(`profiling c360 at ${customers.toLocaleString('en-US')} customers (node --cpu-prof) ...`);
  const m = await measure(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500', ...opts.c360NodeFlags, path.join(snap, 'cli', 'main.js'), 'run', '--data', data.dir, '--as-of', opts.asOf, '--out', outDir, '--quiet', '--no-report'],
    { cwd: ROOT, logFile: path.join(dir, 'run.log'), timeoutSec: opts.timeoutSec },
  );
  if (!m.ok) throw new Error(`the profiled run failed: ${m.error ?? ''}`);
  const profiles = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  const md = summariseProfiles(profiles, { distRoot: snap, title: `c360 CPU profile, ${customers.toLocaleString('en-US')} customers (${(data.inputBytes / 1048576).toFixed(0)} MB of input CSV)`, measurement: m });
  process.stdout.write(`\n${md}\n`);
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `pipeline-profile-${new Date().toISOString().slice(0, 16).replace(':', '')}-${short(customers)}.md`);
  fs.writeFileSync(file, md);
  log(`wrote ${path.relative(ROOT, file)} (profiles kept in ${path.relative(ROOT, dir)})`);
}

export async function run(argv: string[]): Promise<void> {
  const opts = parse(argv);
  fs.mkdirSync(CACHE, { recursive: true });
  if (opts.profile) return profileRun(opts);
  if (opts.generateOnly) {
    const snap = snapshotDist(opts.build);
    for (const n of opts.sizes) {
      const d = dataSet(snap, n, opts);
      log(`${short(n)}: ${path.relative(ROOT, d.dir)}, ${(d.inputBytes / 1048576).toFixed(0)} MB of input CSV`);
    }
    return;
  }
  const started = new Date();
  checkDuckSchemas();
  const snap = snapshotDist(opts.build);
  const duck = duckdbRunner();
  const spark = opts.engines.includes('spark') ? sparkSetup(snap, opts.asOf) : null;
  const engines = opts.engines.filter((e) => e !== 'spark' || spark !== null);
  const runTimestamp = started.toISOString().slice(0, 19).replace('T', ' ');
  const env = machine();
  log(`pipeline benchmark: ${opts.sizes.map(short).join(', ')} customers × ${engines.join(', ')} × ${opts.reps} repetitions; ${env.cpus}, ${env.memory}, node ${env.node}`);

  const reports: SizeReport[] = [];
  for (const customers of opts.sizes) {
    const data = dataSet(snap, customers, opts);
    const runs: RunRecord[] = [];
    const broken = new Set<Engine>();
    for (let rep = 0; rep < opts.reps; rep++) {
      for (const engine of engines) {
        if (broken.has(engine) || (engine === 'spark' && rep >= opts.sparkReps)) continue;
        log(`${short(customers)} rep ${rep + 1}/${opts.reps}: ${engine} ... (load ${os.loadavg()[0]!.toFixed(1)})`);
        const r = await runOnce(engine, data, rep, { snap, duck, spark, opts, runTimestamp });
        log(`  ${r.ok ? 'ok' : `FAILED: ${r.error ?? ''}`}: wall ${r.wallSeconds.toFixed(2)} s, cpu ${r.cpuSeconds.toFixed(2)} s, rss ${r.maxRssMB.toFixed(0)} MB (tree ${r.treePeakRssMB.toFixed(0)} MB)`);
        runs.push(r);
        // A failed or timed-out engine is not run again at this size.
        if (!r.ok) broken.add(engine);
      }
    }
    const summaries = engines.map((e) => summarise(runs, e));
    // The last good product of each engine, compared with c360's (single session).
    const lastProduct = (e: Engine): string | null => [...runs].reverse().find((r) => r.engine === e && r.ok)?.product ?? null;
    const comparisons: SizeReport['comparisons'] = {};
    const reference = lastProduct('c360');
    if (opts.compare && reference !== null) {
      for (const e of engines) {
        if (e === 'c360') continue;
        const p = lastProduct(e);
        if (p === null) continue;
        log(`comparing ${e}'s product with c360's ...`);
        try {
          comparisons[e] = { against: 'c360', result: await compareProducts(reference, p) };
        } catch (err) {
          comparisons[e] = { against: 'c360', result: { error: err instanceof Error ? err.message : String(err) } };
        }
      }
    }
    const rej = (e: Engine): Record<string, number> | undefined => [...runs].reverse().find((r) => r.engine === e && r.ok)?.rejected;
    const rc = rej('c360');
    const rd = rej('duckdb');
    const fmt = (x: Record<string, number> | undefined): string =>
      x === undefined
        ? '–'
        : Object.entries(x)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ');
    const rejectsAgree = rc === undefined || rd === undefined ? `c360 ${fmt(rc)}` : JSON.stringify(rc) === JSON.stringify(rd) ? `c360 and DuckDB agree: ${fmt(rc)}` : `**c360 and DuckDB differ**: c360 ${fmt(rc)}; DuckDB ${fmt(rd)}`;
    reports.push({ data, runs, summaries, comparisons, rejectsAgree });
    for (const line of renderSize(reports[reports.length - 1]!, opts.reps)) log(line);
  }

  const sparkLine = spark === null ? 'Spark: not run (spark-sql not found or the backend is not built).' : `Spark: ${spark.version}, spark-sql local[*], --driver-memory ${opts.sparkDriverMemory}${opts.sparkConf.length > 0 ? `, --conf ${opts.sparkConf.join(' --conf ')}` : ''}; project written with ${spark.exportedWith}.`;
  const md = [
    `## Pipeline benchmark, ${started.toISOString().slice(0, 19).replace('T', ' ')} UTC`,
    '',
    `Machine: ${env.cpus}, ${env.memory} RAM, ${env.os}; node ${env.node}; ${env.duckdb} (threads ${opts.duckdbThreads}, in-memory, inputs scanned as ${opts.duckdbScan}); ${env.java}. c360 at ${env.commit}.`,
    sparkLine,
    `Data: \`c360 generate --customers N --seed ${opts.seed} --as-of ${opts.asOf} --dirty ${opts.dirty}\`; the pipeline runs with \`--as-of ${opts.asOf}\`.`,
    `Command: \`npm run bench -- pipeline --customers ${opts.sizes.join(',')} --reps ${opts.reps} --spark-reps ${opts.sparkReps} --engines ${engines.join(',')}\`.`,
    '',
    `Each run is one child process tree, from the CSV files to the written product (c360: \`c360 run --quiet --no-report\`, which also writes rejects and run_results.json; DuckDB: the same seven models as hand-written SQL, every model a table, product and rejects written as CSV; Spark: the exported project's run_c360_pipeline.sh, JVM start included). ` +
      'Wall = spawn to exit; CPU = user + sys of the whole tree; peak RSS = the largest process (kernel maxrss) and the summed tree (sampled every 250 ms). Ratios: engine / c360, so > 1 means c360 is faster or smaller. ' +
      'The machine is shared: other jobs ran during the benchmark (see the load averages); the best of the repetitions is reported, CPU seconds are less sensitive to the load than wall seconds.',
    '',
    ...reports.flatMap((r) => renderSize(r, opts.reps)),
    ...renderScaling(reports),
  ].join('\n');
  process.stdout.write(`\n${md}\n`);
  fs.mkdirSync(RESULTS, { recursive: true });
  const allEngines = ENGINES.every((e) => engines.includes(e));
  // Date and start time (UTC) in the name, so runs on one day do not overwrite each other.
  const when = started.toISOString().slice(0, 16).replace(':', '');
  const stem = `pipeline-${when}-${opts.sizes.map(short).join('-')}${allEngines ? '' : `-${engines.join('-')}`}`;
  fs.writeFileSync(path.join(RESULTS, `${stem}.md`), md);
  fs.writeFileSync(
    path.join(RESULTS, `${stem}.json`),
    `${JSON.stringify(
      {
        date: started.toISOString(),
        machine: env,
        options: opts,
        spark,
        sizes: reports.map((r) => ({ data: r.data, summaries: r.summaries, comparisons: r.comparisons, rejects: r.rejectsAgree, runs: r.runs })),
      },
      null,
      2,
    )}\n`,
  );
  log(`wrote bench/results/${stem}.md and .json (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s in all)`);
}
