/**
 * `runSparkPipeline`: exports the project to a work folder, runs `run_c360_pipeline.sh` with
 * spark-sql (one session, or one per layer), and reads the product back into a DataFrame.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { C360Error } from '../errors';
import { DataFrame } from '../engine/frame';
import { ModelRegistry } from '../dag/registry';
import { BadRowPolicy, checkInputFiles } from '../dag/sources';
import { readCsv } from '../io/csv-reader';
import { PipelineSummary, summarize } from '../report/summary';
import { RUN_SCRIPT, SparkProject, buildSparkProject, productOutputDir, writeSparkProject } from './project';

/** What `runSparkPipeline` runs. */
export interface SparkRunOptions {
  /** The data folder: a local path or a Hadoop URI (s3a://, hdfs://, abfss://, ...). */
  readonly dataDir: string;
  /** The as-of date, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** The run timestamp, `YYYY-MM-DD HH:MM:SS` (naive). */
  readonly runTimestamp: string;
  /** The bad-row policy (default reject). */
  readonly badRows?: BadRowPolicy;
  /** The spark-sql launcher (default: found as `findSparkSql` does). */
  readonly sparkSql?: string;
  /** The Spark master (default `local[*]`). */
  readonly master?: string;
  /** A folder for the project, the Spark output and the log (created; default a new temporary folder). */
  readonly workDir?: string;
  /** One spark-sql session per layer, each layer kept as Parquet. */
  readonly separateSessions?: boolean;
  /** Users' models folders. */
  readonly modelDirs?: readonly string[];
  /** The models (default: discovered). */
  readonly registry?: ModelRegistry;
  /** Extra Spark settings (`key=value`). */
  readonly conf?: readonly string[];
  /** Receives every line spark-sql and the script print. */
  readonly onLog?: (line: string) => void;
}

/** What a Spark run returns. */
export interface SparkRunResult {
  /** The product (customer_analytics_c360), read back with the engine's types. */
  readonly product: DataFrame;
  /** The summary figures of the product (what the run reports). */
  readonly summary: PipelineSummary;
  /** The exported project that ran. */
  readonly project: SparkProject;
  /** Where the project was written. */
  readonly projectDir: string;
  /** The product CSV that Spark wrote. */
  readonly productFile: string;
  /** The full log of the run. */
  readonly logFile: string;
  /** Wall-clock seconds of the Spark run (launch to exit). */
  readonly sparkSeconds: number;
}

/**
 * The spark-sql launcher: the given path, else `$SPARK_HOME/bin/spark-sql`, else `spark-sql` on
 * the PATH, else the one bundled with the pip-installed pyspark; null when there is none.
 */
export function findSparkSql(given?: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (given !== undefined && given !== '') return given;
  const home = env.SPARK_HOME;
  if (home !== undefined && home !== '' && fs.existsSync(path.join(home, 'bin', 'spark-sql'))) return path.join(home, 'bin', 'spark-sql');
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir !== '' && fs.existsSync(path.join(dir, 'spark-sql'))) return path.join(dir, 'spark-sql');
  }
  const py = spawnSync('python3', ['-c', 'import pyspark, os; print(os.path.dirname(pyspark.__file__))'], { encoding: 'utf8' });
  if (py.status === 0) {
    const launcher = path.join(py.stdout.trim(), 'bin', 'spark-sql');
    if (fs.existsSync(launcher)) return launcher;
  }
  return null;
}

/** Runs a command, sending its output lines to a log file and a callback; resolves to its exit code. */
function runLogged(cmd: string, args: readonly string[], logFile: string, onLine: (line: string) => void, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const log = fs.createWriteStream(logFile);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    const pipe = (stream: NodeJS.ReadableStream): void => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        log.write(chunk);
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        lines.forEach(onLine);
      });
      stream.on('end', () => {
        if (rest !== '') onLine(rest);
      });
    };
    pipe(child.stdout);
    pipe(child.stderr);
    child.on('error', (e) => {
      log.end();
      reject(e);
    });
    // 'close' comes after both output streams have ended.
    child.on('close', (code) => log.end(() => resolve(code ?? 1)));
  });
}

/** The last lines of a log that say what went wrong (errors first, else the tail). */
export function failureExcerpt(logText: string, max = 12): string {
  const lines = logText.split('\n').filter((l) => l.trim() !== '' && !/^\s+at /.test(l));
  const errors = lines.filter((l) => /error|exception|run_c360_pipeline\.sh:/i.test(l) && !/^\d\d\/\d\d\/\d\d .* (WARN|INFO) /.test(l) && !/^\s*Suppressed:/.test(l));
  // Spark repeats a message in several wrappers: keep each message once.
  const seen = new Set<string>();
  const unique = errors.filter((l) => {
    const m = /\[[A-Z_.]+\].*$/.exec(l)?.[0] ?? l;
    if (seen.has(m)) return false;
    seen.add(m);
    return true;
  });
  const picked = unique.length > 0 ? unique.slice(0, max) : lines.slice(-max);
  return picked.map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l)).join('\n');
}

/**
 * Exports the models and runs them on Spark; returns the product read back with the engine's
 * types, so the run writes the same outputs and report as the memory engine.
 * @example const { product } = await runSparkPipeline({ dataDir: 'data/sample', asOf: '2024-12-31', runTimestamp: '2024-12-31 08:00:00' });
 */
export async function runSparkPipeline(options: SparkRunOptions): Promise<SparkRunResult> {
  const sparkSql = findSparkSql(options.sparkSql);
  if (sparkSql === null) throw new C360Error('spark-sql not found: pass --spark-sql PATH, set SPARK_HOME, or pip install pyspark');
  const workDir = path.resolve(options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'c360-spark-')));
  const projectDir = path.join(workDir, 'project');
  const outputDir = path.join(workDir, 'output');
  const logFile = path.join(workDir, 'spark.log');
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.rmSync(outputDir, { recursive: true, force: true });
  const project = buildSparkProject({ registry: options.registry, modelDirs: options.modelDirs });
  const isUri = /^[a-z][a-z0-9+.-]*:\/\//i.test(options.dataDir);
  // A local data folder is checked here, for the memory engine's message; a URI is Spark's to read.
  if (!isUri) checkInputFiles(options.dataDir, project.inputs);
  writeSparkProject(projectDir, project);

  const args = [
    path.join(projectDir, RUN_SCRIPT),
    '--data',
    isUri ? options.dataDir : path.resolve(options.dataDir),
    '--as-of',
    options.asOf,
    '--run-timestamp',
    options.runTimestamp,
    '--bad-rows',
    options.badRows ?? 'reject',
    '--output',
    outputDir,
    '--spark-sql',
    sparkSql,
    '--master',
    options.master ?? 'local[*]',
    '--work-dir',
    path.join(workDir, 'sessions'),
    '--conf',
    'spark.ui.enabled=false',
    ...(options.conf ?? []).flatMap((c) => ['--conf', c]),
    ...(options.separateSessions === true ? ['--separate-sessions'] : []),
  ];
  const started = Date.now();
  const code = await runLogged('bash', args, logFile, options.onLog ?? ((): void => undefined), process.env);
  const sparkSeconds = (Date.now() - started) / 1000;
  if (code !== 0) {
    const excerpt = failureExcerpt(fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
    throw new C360Error(`the Spark run failed (exit code ${code}); full log: ${logFile}\n${excerpt}`);
  }

  const dir = path.join(outputDir, productOutputDir(project.product));
  const parts = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('part-') && f.endsWith('.csv')).sort() : [];
  if (parts.length !== 1) throw new C360Error(`the Spark run wrote ${parts.length} product files in ${dir}, expected one; full log: ${logFile}`);
  const productFile = path.join(dir, parts[0]!);
  const schema = project.models.find((m) => m.name === project.product)!.schema;
  const read = await readCsv({ path: productFile, schema });
  if (read.issues.length > 0) {
    const first = read.issues[0]!;
    throw new C360Error(`the product written by Spark does not read back with its schema (${read.issues.length} issues; first: line ${first.line}, ${first.reason})`);
  }
  return { product: read.frame, summary: summarize(read.frame), project, projectDir, productFile, logFile, sparkSeconds };
}
