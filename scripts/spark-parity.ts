/**
 * Parity of the two engines on real Spark: runs the pipeline with the memory engine and with
 * Spark (the exported project, run by spark-sql) on the bundled sample and on generated dirty
 * data, for two as-of dates, and compares the products cell by cell (rows matched by
 * customer_id; floats equal within 1e-9 relative; nulls equal) and the printed report.
 * Exits 1 on any difference, printing the first ones.
 *
 *   npx ts-node --transpile-only scripts/spark-parity.ts [--spark-sql PATH] [--customers N] [--keep DIR] [--no-separate]
 *
 * The last case runs with separate sessions (one spark-sql session per layer) unless --no-separate.
 *
 * Needs Java and spark-sql (pip install pyspark gives both the launcher and the jars).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataFrame } from '../src/engine/frame';
import { formatCell } from '../src/engine/format';
import { CellValue, DataType } from '../src/engine/types';
import { PRODUCT_MODEL, runPipeline } from '../src/dag/pipeline';
import { generate } from '../src/generate';
import { readCsv } from '../src/io/csv-reader';
import { reportLines } from '../src/report/summary';
import { INPUT_FILES } from '../src/schema/inputs';
import { findSparkSql, runSparkPipeline } from '../src/spark/runner';

const AS_OF_DATES = ['2025-01-15', '2025-03-01'] as const;
const RUN_TIMESTAMP = '2025-01-15 08:00:00';
const RELATIVE_TOLERANCE = 1e-9;
const MAX_SHOWN = 20;

interface Args {
  sparkSql?: string;
  customers: number;
  keep?: string;
  separate: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { customers: 3000, separate: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--spark-sql') args.sparkSql = value();
    else if (a === '--customers') args.customers = Number(value());
    else if (a === '--keep') args.keep = value();
    else if (a === '--no-separate') args.separate = false;
    else throw new Error(`unknown option ${a}`);
  }
  return args;
}

/** One difference between the products. */
interface Difference {
  readonly key: string;
  readonly column: string;
  readonly memory: string;
  readonly spark: string;
}

function show(v: CellValue, t: DataType): string {
  return v === null ? 'null' : formatCell(v, t);
}

function sameValue(a: CellValue, b: CellValue, t: DataType): boolean {
  if (a === null || b === null) return a === b;
  if (t === 'float64') {
    const x = a as number;
    const y = b as number;
    if (Object.is(x, y) || x === y) return true;
    return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
  }
  if (t === 'list<string>') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** Row indices sorted by customer_id, then by every cell's text (for duplicate or null ids). */
function orderByKey(f: DataFrame): number[] {
  const text = (i: number): string => f.schema.map((fl) => show(f.get(i, fl.name), fl.type)).join('\u0001');
  const idx = Array.from({ length: f.numRows }, (_, i) => i);
  const key = idx.map((i) => `${show(f.get(i, 'customer_id'), 'string')}\u0000${text(i)}`);
  return idx.sort((a, b) => (key[a]! < key[b]! ? -1 : key[a]! > key[b]! ? 1 : 0));
}

/** Compares two products cell by cell, rows matched by customer_id; returns the differences. */
export function compareProducts(memory: DataFrame, spark: DataFrame): { differences: Difference[]; sameRowOrder: boolean } {
  const differences: Difference[] = [];
  const schemaText = (f: DataFrame): string => f.schema.map((x) => `${x.name}:${x.type}`).join(', ');
  if (schemaText(memory) !== schemaText(spark)) {
    differences.push({ key: '(schema)', column: '*', memory: schemaText(memory), spark: schemaText(spark) });
    return { differences, sameRowOrder: false };
  }
  if (memory.numRows !== spark.numRows) differences.push({ key: '(rows)', column: '*', memory: String(memory.numRows), spark: String(spark.numRows) });
  const mo = orderByKey(memory);
  const so = orderByKey(spark);
  const n = Math.min(mo.length, so.length);
  for (let k = 0; k < n; k++) {
    const i = mo[k]!;
    const j = so[k]!;
    const key = show(memory.get(i, 'customer_id'), 'string');
    for (const f of memory.schema) {
      const a = memory.get(i, f.name);
      const b = spark.get(j, f.name);
      if (!sameValue(a, b, f.type)) differences.push({ key, column: f.name, memory: show(a, f.type), spark: show(b, f.type) });
    }
  }
  let sameRowOrder = memory.numRows === spark.numRows;
  for (let i = 0; sameRowOrder && i < memory.numRows; i++) sameRowOrder = memory.get(i, 'customer_id') === spark.get(i, 'customer_id');
  return { differences, sameRowOrder };
}

/** Rewrites the seven input files without the rows that do not fit their schema (malformed values, short rows). */
async function stripMalformed(dataDir: string): Promise<number> {
  let removed = 0;
  for (const file of INPUT_FILES) {
    const p = path.join(dataDir, ...file.path.split('/'));
    const { issues } = await readCsv({ path: p, schema: file.columns });
    if (issues.length === 0) continue;
    const lines = fs.readFileSync(p, 'utf8').split('\n');
    const drop = new Set<number>();
    for (const issue of issues) {
      const span = issue.raw.split('\n').length;
      for (let l = issue.line; l < issue.line + span; l++) drop.add(l - 1);
    }
    removed += new Set(issues.map((x) => x.line)).size;
    fs.writeFileSync(p, lines.filter((_, i) => !drop.has(i)).join('\n'));
  }
  return removed;
}

interface Case {
  readonly name: string;
  readonly dataDir: string;
  readonly asOf: string;
  readonly separateSessions: boolean;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const sparkSql = findSparkSql(args.sparkSql);
  if (sparkSql === null) {
    process.stderr.write('spark-parity: spark-sql not found (pip install pyspark, or --spark-sql PATH)\n');
    return 2;
  }
  const work = args.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'c360-parity-'));
  fs.mkdirSync(work, { recursive: true });
  const started = Date.now();
  const log = (s: string): void => {
    process.stdout.write(`${s}\n`);
  };
  log(`spark-parity: spark-sql ${sparkSql}; work folder ${work}`);

  // The bundled sample, or (until it is in the tree) data generated the way it is.
  let sample = path.join(__dirname, '..', 'data', 'sample');
  if (!fs.existsSync(path.join(sample, 'customer', 'customers.csv'))) {
    sample = path.join(work, 'sample');
    await generate({ customers: 300, seed: 42, asOf: '2025-01-15', outDir: sample, dirtyRate: 0.01 });
    log(`spark-parity: data/sample is missing; generated a 300-customer stand-in in ${sample}`);
  }
  const dirty = path.join(work, 'dirty');
  const gen = await generate({ customers: args.customers, seed: 7, asOf: AS_OF_DATES[0], outDir: dirty, dirtyRate: 0.02 });
  const stripped = await stripMalformed(dirty);
  log(`spark-parity: generated ${args.customers} customers (dirty 0.02, seed 7; ${Object.values(gen.dirt).reduce((a, b) => a + b, 0)} dirty rows or entities), removed ${stripped} malformed rows`);

  // Both data sets at both dates; the last case runs one spark-sql session per layer (Parquet hand-over).
  const cases: Case[] = [];
  for (const asOf of AS_OF_DATES) cases.push({ name: `sample as of ${asOf}`, dataDir: sample, asOf, separateSessions: false });
  for (const asOf of AS_OF_DATES) cases.push({ name: `generated as of ${asOf}`, dataDir: dirty, asOf, separateSessions: false });
  if (args.separate) cases[cases.length - 1] = { ...cases[cases.length - 1]!, name: `${cases[cases.length - 1]!.name}, separate sessions`, separateSessions: true };

  let passed = 0;
  let failed = 0;
  for (const [i, c] of cases.entries()) {
    const t0 = Date.now();
    const memory = await runPipeline({ dataDir: c.dataDir, asOf: c.asOf, runTimestamp: RUN_TIMESTAMP });
    const memProduct = memory.models[PRODUCT_MODEL];
    if (memProduct === undefined || memory.summary === null) throw new Error(`the memory engine did not produce ${PRODUCT_MODEL} (${c.name})`);
    const t1 = Date.now();
    const spark = await runSparkPipeline({
      dataDir: c.dataDir,
      asOf: c.asOf,
      runTimestamp: RUN_TIMESTAMP,
      sparkSql,
      master: 'local[2]',
      workDir: path.join(work, `spark-${i + 1}`),
      separateSessions: c.separateSessions,
      // Small data on 2 cores: few shuffle partitions, the JIT's quick tier only and the serial GC
      // (together they halve the CPU time of such a short run).
      conf: ['spark.sql.shuffle.partitions=4', 'spark.driver.extraJavaOptions=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC'],
    });
    const t2 = Date.now();
    const { differences, sameRowOrder } = compareProducts(memProduct, spark.product);
    const memReport = reportLines(memory.summary);
    const sparkReport = reportLines(spark.summary);
    const reportDiffs = [...memReport.validation, ...memReport.summary].filter((line, k) => line !== [...sparkReport.validation, ...sparkReport.summary][k]);
    const ok = differences.length === 0 && reportDiffs.length === 0;
    log(
      `${ok ? 'PASS' : 'FAIL'} ${c.name}: ${memProduct.numRows} rows x ${memProduct.schema.length} columns; memory ${((t1 - t0) / 1000).toFixed(1)}s, spark ${((t2 - t1) / 1000).toFixed(1)}s; row order ${sameRowOrder ? 'identical' : 'differs (not part of the contract)'}`,
    );
    if (!ok) {
      for (const d of differences.slice(0, MAX_SHOWN)) log(`  customer_id ${d.key}, ${d.column}: memory ${d.memory} | spark ${d.spark}`);
      if (differences.length > MAX_SHOWN) log(`  ... ${differences.length - MAX_SHOWN} more differences`);
      for (const line of reportDiffs) log(`  report line differs: memory "${line}"`);
      log(`  spark log: ${spark.logFile}`);
      failed++;
    } else passed++;
    if (i === 0) for (const line of memReport.summary) log(`  ${line}`);
  }
  log(`spark-parity: ${((Date.now() - started) / 1000).toFixed(0)}s in all`);
  log(`parity: ${passed} passed, ${failed} failed`);
  if (args.keep === undefined && failed === 0) fs.rmSync(work, { recursive: true, force: true });
  return failed === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`spark-parity: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
