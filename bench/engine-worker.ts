/**
 * One engine of the engine benchmark, in its own process so its peak RSS is its own:
 *   node -r ts-node/register/transpile-only bench/engine-worker.ts <engine> --rows N --groups G
 *        [--fact-csv F --dim-csv D] [--reps R] [--ops a,b]
 * engine: c360 | c360-csv (c360's CSV reader only) | duckdb | arquero | danfo | write-csv
 * Progress goes to stderr; the last stdout line is `RESULT <json>`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataFrame } from '../src/engine/frame';
import { LazyFrame } from '../src/engine/plan';
import { col, count } from '../src/engine/expr';
import { Column, NumericColumn, StringColumn, allocBitmap } from '../src/engine/column';
import { Field } from '../src/engine/types';
import {
  CATEGORIES,
  DimData,
  FILTER_AMOUNT,
  FILTER_CATEGORIES,
  FactData,
  REGIONS,
  TS_BASE,
  formatTs,
  generateDim,
  generateFact,
  keyName,
  keyWidth,
} from './engine-data';

/** What an operation's output looked like, to check engines against each other. */
export interface OpCheck {
  readonly rows: number;
  readonly [k: string]: number;
}

export interface OpResult {
  /** Best time of the timed runs (seconds). */
  readonly seconds: number;
  /** Every run, warm-up first. */
  readonly runs: readonly number[];
  /** Process CPU time (user + system, every thread) of the best timed run, seconds. */
  readonly cpuSeconds: number;
  /** CPU time of every run. */
  readonly cpuRuns: readonly number[];
  /** 1-minute load average of the machine when the op started (other processes compete for the 2 cores). */
  readonly loadAvg: number;
  readonly check: OpCheck;
}

export interface CsvReadResult {
  readonly seconds: number;
  readonly mb: number;
  readonly mbPerSec: number;
  readonly rows: number;
  /** Rows the reader reported as bad (c360 only; should be 0). */
  readonly issues?: number;
  /** Seconds of every read (the best is `seconds`), as for the operations. */
  readonly runs?: readonly number[];
}

export interface WorkerResult {
  readonly engine: string;
  readonly rows: number;
  readonly groups: number;
  readonly loadSeconds: number;
  readonly csvRead?: CsvReadResult | { readonly error: string };
  readonly ops: Record<string, OpResult | { readonly error: string }>;
  readonly rssAfterLoadMB: number;
  readonly peakRssMB: number;
  /** Peak RSS of c360's CSV read, which runs in a process of its own. */
  readonly csvPeakRssMB?: number;
}

export const OPS = ['groupby', 'groupby3', 'join', 'filter', 'dedupe'] as const;
export type OpName = (typeof OPS)[number];

interface Args {
  engine: string;
  rows: number;
  groups: number;
  factCsv: string;
  dimCsv: string;
  reps: number;
  ops: OpName[];
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const ops = (get('ops') ?? OPS.join(',')).split(',').filter((o): o is OpName => (OPS as readonly string[]).includes(o));
  return {
    engine: argv[0] ?? '',
    rows: Number(get('rows') ?? 10_000_000),
    groups: Number(get('groups') ?? 1_000_000),
    factCsv: get('fact-csv') ?? '',
    dimCsv: get('dim-csv') ?? '',
    reps: Number(get('reps') ?? 3),
    ops,
  };
}

function log(msg: string): void {
  process.stderr.write(`  [${process.argv[2] ?? '?'}] ${msg}\n`);
}

function rssMB(): number {
  return process.memoryUsage().rss / 1048576;
}

function peakRssMB(): number {
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g !== undefined) g();
}

/** Runs an operation once as a warm-up, then `reps` more times when it is cheap; returns the best timed run. */
async function timeOp<R>(name: string, reps: number, fn: () => Promise<R> | R, check: (r: R) => Promise<OpCheck> | OpCheck): Promise<OpResult> {
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  const loadAvg = os.loadavg()[0]!;
  let last: R | undefined;
  const once = async (): Promise<void> => {
    last = undefined;
    gc();
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    last = await fn();
    runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpuRuns.push((c.user + c.system) / 1e6);
  };
  await once();
  // Repeat only what is cheap enough (a slow engine gets one run).
  if (runs[0]! < 20) for (let r = 0; r < reps; r++) await once();
  const first = runs.length > 1 ? 1 : 0;
  let best = first;
  for (let r = first; r < runs.length; r++) if (runs[r]! < runs[best]!) best = r;
  const c = await check(last as R);
  const seconds = runs[best]!;
  const cpuSeconds = cpuRuns[best]!;
  log(`${name}: ${seconds.toFixed(3)} s, cpu ${cpuSeconds.toFixed(2)} s (runs ${runs.map((x) => x.toFixed(2)).join(', ')}; load ${loadAvg.toFixed(1)}) rows=${c.rows}`);
  return { seconds, runs, cpuSeconds, cpuRuns, loadAvg, check: c };
}

async function tryOp<R>(
  ops: Record<string, OpResult | { error: string }>,
  name: OpName,
  args: Args,
  fn: () => Promise<R> | R,
  check: (r: R) => Promise<OpCheck> | OpCheck,
): Promise<void> {
  if (!args.ops.includes(name)) return;
  try {
    ops[name] = await timeOp(name, args.reps, fn, check);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    log(`${name} failed: ${msg}`);
    ops[name] = { error: msg.slice(0, 300) };
  }
}

// ---------------------------------------------------------------------------------------------
// CSV files (for DuckDB and CSV reading)

function writeCsv(file: string, header: string, n: number, row: (i: number) => string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  let buf: string[] = [header];
  let size = header.length;
  for (let i = 0; i < n; i++) {
    const line = row(i);
    buf.push(line);
    size += line.length;
    if (size > 1 << 20) {
      fs.writeSync(fd, `${buf.join('\n')}\n`);
      buf = [];
      size = 0;
    }
  }
  if (buf.length > 0) fs.writeSync(fd, `${buf.join('\n')}\n`);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}

function writeCsvFiles(args: Args): void {
  const fact = generateFact(args.rows, args.groups);
  const dim = generateDim(args.groups);
  const w = keyWidth(args.groups);
  writeCsv(args.factCsv, 'key,amount,qty,category,ts', fact.n, (i) => {
    const a = fact.amountValid[i] === 1 ? String(fact.amount[i]) : '';
    return `${keyName(fact.keySlot[i]!, w)},${a},${fact.qty[i]},${CATEGORIES[fact.category[i]!]},${formatTs(fact.ts[i]!)}`;
  });
  writeCsv(args.dimCsv, 'key,region,score', dim.keySlot.length, (j) => `${keyName(dim.keySlot[j]!, w)},${REGIONS[dim.region[j]!]},${dim.score[j]}`);
}

// ---------------------------------------------------------------------------------------------
// c360

/** A dictionary-encoded string column from per-row slots, with the dictionary in first-appearance order (as a reader builds it). */
function stringColumn(slots: ArrayLike<number>, name: (slot: number) => string, slotCount: number): StringColumn {
  const n = slots.length;
  const remap = new Int32Array(slotCount).fill(-1);
  const codes = new Int32Array(n);
  const dict: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    let c = remap[s]!;
    if (c < 0) {
      c = remap[s] = dict.length;
      dict.push(name(s));
    }
    codes[i] = c;
  }
  return new StringColumn(codes, dict);
}

export function c360Fact(d: FactData): DataFrame {
  const w = keyWidth(d.groups);
  const n = d.n;
  const bits = allocBitmap(n);
  for (let i = 0; i < n; i++) if (d.amountValid[i] === 1) bits[i >>> 3]! |= 1 << (i & 7);
  const fields: Field[] = [
    { name: 'key', type: 'string' },
    { name: 'amount', type: 'float64' },
    { name: 'qty', type: 'int' },
    { name: 'category', type: 'string' },
    { name: 'ts', type: 'timestamp' },
  ];
  const cols: Column[] = [
    stringColumn(d.keySlot, (s) => keyName(s, w), d.groups),
    new NumericColumn('float64', d.amount.slice(), bits),
    new NumericColumn('int', Float64Array.from(d.qty), null),
    stringColumn(d.category, (s) => CATEGORIES[s]!, CATEGORIES.length),
    new NumericColumn('timestamp', d.ts.slice(), null),
  ];
  return new DataFrame(fields, cols, n);
}

export function c360Dim(d: DimData, groups: number): DataFrame {
  const w = keyWidth(groups);
  const fields: Field[] = [
    { name: 'key', type: 'string' },
    { name: 'region', type: 'string' },
    { name: 'score', type: 'float64' },
  ];
  const cols: Column[] = [
    stringColumn(d.keySlot, (s) => keyName(s, w), 2 * groups),
    stringColumn(d.region, (s) => REGIONS[s]!, REGIONS.length),
    new NumericColumn('float64', d.score.slice(), null),
  ];
  return new DataFrame(fields, cols, d.keySlot.length);
}

function numCol(f: DataFrame, name: string): NumericColumn {
  const c = f.column(name);
  if (c.kind !== 'numeric') throw new Error(`${name} is not numeric`);
  return c;
}

function sumValid(c: NumericColumn, scale = 1, offset = 0): { sum: number; valid: number } {
  let sum = 0;
  let valid = 0;
  for (let i = 0; i < c.length; i++) {
    if (!c.isValid(i)) continue;
    sum += (c.values[i]! - offset) / scale;
    valid++;
  }
  return { sum, valid };
}

const c360Checks: Record<OpName, (r: DataFrame) => OpCheck> = {
  groupby: (r) => {
    const s = sumValid(numCol(r, 'sum_amount'));
    return {
      rows: r.numRows,
      sum_amount: s.sum,
      null_sums: r.numRows - s.valid,
      mean_amount: sumValid(numCol(r, 'mean_amount')).sum,
      n: sumValid(numCol(r, 'n')).sum,
      distinct_categories: sumValid(numCol(r, 'distinct_categories')).sum,
    };
  },
  groupby3: (r) => {
    const s = sumValid(numCol(r, 'sum_amount'));
    return { rows: r.numRows, sum_amount: s.sum, null_sums: r.numRows - s.valid, mean_amount: sumValid(numCol(r, 'mean_amount')).sum, n: sumValid(numCol(r, 'n')).sum };
  },
  join: (r) => {
    const sc = sumValid(numCol(r, 'score'));
    let regions = 0;
    const reg = r.column('region');
    for (let i = 0; i < reg.length; i++) if (reg.isValid(i)) regions++;
    return { rows: r.numRows, score: sc.sum, matched: regions, amount: sumValid(numCol(r, 'amount')).sum };
  },
  filter: (r) => ({ rows: r.numRows, amount: sumValid(numCol(r, 'amount')).sum, qty: sumValid(numCol(r, 'qty')).sum }),
  dedupe: (r) => ({ rows: r.numRows, ts_seconds: sumValid(numCol(r, 'ts'), 1000, TS_BASE).sum }),
};

/** c360's CSV reader: `readCsv` with its options. */
type ReadCsv = (options: { path: string; schema: readonly Field[] }) => unknown;

/**
 * The compiled reader in dist/, as `c360 run` uses it: from the TypeScript sources its worker
 * threads would each compile the reader through ts-node first. Refuses a dist/ older than src/io.
 */
function findCsvReader(): ReadCsv | string {
  const root = path.join(__dirname, '..');
  const file = path.join(root, 'dist', 'io', 'csv-reader.js');
  if (!fs.existsSync(file)) return 'dist/io/csv-reader.js is missing: run `npm run build` first';
  const built = fs.statSync(file).mtimeMs;
  const srcDir = path.join(root, 'src', 'io');
  const stale = fs.readdirSync(srcDir).find((f) => f.endsWith('.ts') && fs.statSync(path.join(srcDir, f)).mtimeMs > built);
  if (stale !== undefined) return `src/io/${stale} is newer than dist/: run \`npm run build\` first`;
  try {
    const mod: unknown = require(file);
    const fn = typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>)['readCsv'] : undefined;
    return typeof fn === 'function' ? (fn as ReadCsv) : 'dist/io/csv-reader.js has no readCsv export';
  } catch (e) {
    return `dist/io/csv-reader.js failed to load: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** c360's CSV reader alone (its own process, so its RSS is not charged to the kernels). */
async function runC360Csv(args: Args): Promise<Omit<WorkerResult, 'peakRssMB'>> {
  const done = (csvRead: WorkerResult['csvRead']): Omit<WorkerResult, 'peakRssMB'> => ({
    engine: 'c360',
    rows: args.rows,
    groups: args.groups,
    loadSeconds: 0,
    csvRead,
    ops: {},
    rssAfterLoadMB: rssMB(),
  });
  const reader = findCsvReader();
  if (typeof reader === 'string') return done({ error: reader });
  const schema: Field[] = [
    { name: 'key', type: 'string' },
    { name: 'amount', type: 'float64' },
    { name: 'qty', type: 'int' },
    { name: 'category', type: 'string' },
    { name: 'ts', type: 'timestamp' },
  ];
  try {
    const mb = fs.statSync(args.factCsv).size / 1048576;
    // Best of `reps` reads, as for the operations (the first also starts the worker threads).
    const runs: number[] = [];
    let res: unknown;
    for (let r = 0; r < Math.max(1, args.reps); r++) {
      res = undefined;
      gc();
      const t0 = process.hrtime.bigint();
      res = await reader({ path: args.factCsv, schema });
      runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    const seconds = Math.min(...runs);
    const rec = typeof res === 'object' && res !== null ? (res as Record<string, unknown>) : {};
    // The frame is dist/'s DataFrame class, not this file's: read its row count by shape.
    const frame = rec['frame'];
    const rows = typeof frame === 'object' && frame !== null && 'numRows' in frame && typeof frame.numRows === 'number' ? frame.numRows : -1;
    const issues = Array.isArray(rec['issues']) ? rec['issues'].length : -1;
    log(`csv read: ${seconds.toFixed(2)} s, ${(mb / seconds).toFixed(1)} MB/s (runs ${runs.map((x) => x.toFixed(2)).join(', ')} s), rows=${rows}, issues=${issues}`);
    return done({ seconds, mb, mbPerSec: mb / seconds, rows, issues, runs });
  } catch (e) {
    const error = e instanceof Error ? e.message.slice(0, 300) : String(e);
    log(`csv read failed: ${error}`);
    return done({ error });
  }
}

async function runC360(args: Args): Promise<Omit<WorkerResult, 'peakRssMB'>> {
  const t0 = process.hrtime.bigint();
  const fact = c360Fact(generateFact(args.rows, args.groups));
  const dim = c360Dim(generateDim(args.groups), args.groups);
  const loadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  gc();
  const rssAfterLoadMB = rssMB();
  log(`generated ${fact.numRows} + ${dim.numRows} rows in ${loadSeconds.toFixed(1)} s, rss ${rssAfterLoadMB.toFixed(0)} MB`);
  const ops: Record<string, OpResult | { error: string }> = {};
  // Every run starts from new column objects over the same arrays, so nothing a column caches
  // about itself (the string index a join builds on its key dictionary, null counts) carries over
  // from the warm-up: each run pays what a first query pays.
  const fresh = (f: DataFrame): DataFrame =>
    new DataFrame(
      f.schema,
      f.columns.map((c) => (c.kind === 'string' ? new StringColumn(c.codes, c.dict) : c.kind === 'numeric' ? new NumericColumn(c.type, c.values, c.validity) : c)),
      f.numRows,
    );
  const lazy = (f: DataFrame, name: string): LazyFrame => LazyFrame.from(fresh(f), name);
  await tryOp(
    ops,
    'groupby',
    args,
    () =>
      lazy(fact, 'fact')
        .groupBy('key')
        .agg({ sum_amount: col('amount').sum(), mean_amount: col('amount').mean(), n: count(), distinct_categories: col('category').countDistinct() })
        .collectSync(),
    c360Checks.groupby,
  );
  await tryOp(
    ops,
    'groupby3',
    args,
    () =>
      lazy(fact, 'fact')
        .groupBy('key')
        .agg({ sum_amount: col('amount').sum(), mean_amount: col('amount').mean(), n: count() })
        .collectSync(),
    c360Checks.groupby3,
  );
  await tryOp(ops, 'join', args, () => lazy(fact, 'fact').join(lazy(dim, 'dim'), { on: 'key', how: 'left' }).collectSync(), c360Checks.join);
  await tryOp(
    ops,
    'filter',
    args,
    () =>
      lazy(fact, 'fact')
        .filter(col('amount').gt(FILTER_AMOUNT).and(col('category').isIn(FILTER_CATEGORIES)))
        .collectSync(),
    c360Checks.filter,
  );
  await tryOp(
    ops,
    'dedupe',
    args,
    () =>
      lazy(fact, 'fact')
        .dedupe({ partitionBy: ['key'], orderBy: [{ column: 'ts', descending: true }] })
        .collectSync(),
    c360Checks.dedupe,
  );
  return { engine: 'c360', rows: args.rows, groups: args.groups, loadSeconds, ops, rssAfterLoadMB };
}

// ---------------------------------------------------------------------------------------------
// DuckDB

async function runDuckDB(args: Args): Promise<Omit<WorkerResult, 'peakRssMB'>> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await instance.connect();
  const q = async (sql: string): Promise<number[]> => {
    const reader = await conn.runAndReadAll(sql);
    const row = reader.getRows()[0] ?? [];
    return row.map((v) => (v === null ? 0 : Number(v)));
  };
  const sqlPath = (p: string): string => `'${p.replace(/'/g, "''")}'`;
  const mb = fs.statSync(args.factCsv).size / 1048576;
  const t0 = process.hrtime.bigint();
  await conn.run(
    `CREATE TABLE t AS SELECT * FROM read_csv(${sqlPath(args.factCsv)}, header = true, ` +
      `columns = {'key': 'VARCHAR', 'amount': 'DOUBLE', 'qty': 'INTEGER', 'category': 'VARCHAR', 'ts': 'TIMESTAMP'})`,
  );
  const loadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // The same read again into a scratch table, for the best of `reps` reads (as for c360).
  const csvRuns = [loadSeconds];
  for (let r = 1; r < Math.max(1, args.reps); r++) {
    const t1 = process.hrtime.bigint();
    await conn.run(
      `CREATE TABLE t_again AS SELECT * FROM read_csv(${sqlPath(args.factCsv)}, header = true, ` +
        `columns = {'key': 'VARCHAR', 'amount': 'DOUBLE', 'qty': 'INTEGER', 'category': 'VARCHAR', 'ts': 'TIMESTAMP'})`,
    );
    csvRuns.push(Number(process.hrtime.bigint() - t1) / 1e9);
    await conn.run('DROP TABLE t_again');
  }
  const bestRead = Math.min(...csvRuns);
  await conn.run(`CREATE TABLE d AS SELECT * FROM read_csv(${sqlPath(args.dimCsv)}, header = true, columns = {'key': 'VARCHAR', 'region': 'VARCHAR', 'score': 'DOUBLE'})`);
  const [rows] = await q('SELECT count(*) FROM t');
  const csvRead: CsvReadResult = { seconds: bestRead, mb, mbPerSec: mb / bestRead, rows: rows!, runs: csvRuns };
  log(`csv read: ${bestRead.toFixed(2)} s, ${(mb / bestRead).toFixed(1)} MB/s (runs ${csvRuns.map((x) => x.toFixed(2)).join(', ')} s), rows=${rows}`);
  const rssAfterLoadMB = rssMB();
  const ops: Record<string, OpResult | { error: string }> = {};
  const cats = FILTER_CATEGORIES.map((c) => `'${c}'`).join(', ');
  const run = (sql: string) => async (): Promise<void> => {
    await conn.run('DROP TABLE IF EXISTS r');
    await conn.run(sql);
  };
  await tryOp(
    ops,
    'groupby',
    args,
    run(
      'CREATE TABLE r AS SELECT key, sum(amount) AS sum_amount, avg(amount) AS mean_amount, count(*) AS n, count(DISTINCT category) AS distinct_categories FROM t GROUP BY key',
    ),
    async () => {
      const [n, s, nulls, m, c, dc] = await q('SELECT count(*), sum(sum_amount), count(*) - count(sum_amount), sum(mean_amount), sum(n), sum(distinct_categories) FROM r');
      return { rows: n!, sum_amount: s!, null_sums: nulls!, mean_amount: m!, n: c!, distinct_categories: dc! };
    },
  );
  await tryOp(ops, 'groupby3', args, run('CREATE TABLE r AS SELECT key, sum(amount) AS sum_amount, avg(amount) AS mean_amount, count(*) AS n FROM t GROUP BY key'), async () => {
    const [n, s, nulls, m, c] = await q('SELECT count(*), sum(sum_amount), count(*) - count(sum_amount), sum(mean_amount), sum(n) FROM r');
    return { rows: n!, sum_amount: s!, null_sums: nulls!, mean_amount: m!, n: c! };
  });
  await tryOp(ops, 'join', args, run('CREATE TABLE r AS SELECT t.*, d.region, d.score FROM t LEFT JOIN d ON t.key = d.key'), async () => {
    const [n, s, m, a] = await q('SELECT count(*), sum(score), count(region), sum(amount) FROM r');
    return { rows: n!, score: s!, matched: m!, amount: a! };
  });
  await tryOp(ops, 'filter', args, run(`CREATE TABLE r AS SELECT * FROM t WHERE amount > ${FILTER_AMOUNT} AND category IN (${cats})`), async () => {
    const [n, a, qt] = await q('SELECT count(*), sum(amount), sum(qty) FROM r');
    return { rows: n!, amount: a!, qty: qt! };
  });
  await tryOp(ops, 'dedupe', args, run('CREATE TABLE r AS SELECT * FROM t QUALIFY row_number() OVER (PARTITION BY key ORDER BY ts DESC) = 1'), async () => {
    const [n, s] = await q(`SELECT count(*), sum(epoch_ms(ts) - ${TS_BASE}) / 1000 FROM r`);
    return { rows: n!, ts_seconds: s! };
  });
  conn.closeSync();
  return { engine: 'duckdb', rows: args.rows, groups: args.groups, loadSeconds, csvRead, ops, rssAfterLoadMB };
}

// ---------------------------------------------------------------------------------------------
// arquero

type Arquero = typeof import('arquero');
type AqTable = ReturnType<Arquero['table']>;

/** A real dynamic import (TypeScript's CommonJS output would turn `import()` into `require`). */
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<unknown>;

function sumArray(values: ArrayLike<unknown>, scale = 1, offset = 0): { sum: number; valid: number } {
  let sum = 0;
  let valid = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && !Number.isNaN(v)) {
      sum += (v - offset) / scale;
      valid++;
    } else if (v instanceof Date) {
      sum += (v.getTime() - offset) / scale;
      valid++;
    }
  }
  return { sum, valid };
}

function countPresent(values: ArrayLike<unknown>): number {
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) c++;
  }
  return c;
}

/** Plain JS columns of the fact and dimension tables (shared by arquero and danfo). */
function jsColumns(args: Args): {
  fact: { key: string[]; amount: (number | null)[]; qty: number[]; category: string[]; ts: number[] };
  dim: { key: string[]; region: string[]; score: number[] };
} {
  const f = generateFact(args.rows, args.groups);
  const d = generateDim(args.groups);
  const w = keyWidth(args.groups);
  const names = Array.from({ length: 2 * args.groups }, (_, s) => keyName(s, w));
  const n = f.n;
  const key = new Array<string>(n);
  const amount = new Array<number | null>(n);
  const qty = new Array<number>(n);
  const category = new Array<string>(n);
  const ts = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    key[i] = names[f.keySlot[i]!]!;
    amount[i] = f.amountValid[i] === 1 ? f.amount[i]! : null;
    qty[i] = f.qty[i]!;
    category[i] = CATEGORIES[f.category[i]!]!;
    ts[i] = f.ts[i]!;
  }
  const G = d.keySlot.length;
  const dkey = new Array<string>(G);
  const region = new Array<string>(G);
  const score = new Array<number>(G);
  for (let j = 0; j < G; j++) {
    dkey[j] = names[d.keySlot[j]!]!;
    region[j] = REGIONS[d.region[j]!]!;
    score[j] = d.score[j]!;
  }
  return { fact: { key, amount, qty, category, ts }, dim: { key: dkey, region, score } };
}

async function runArquero(args: Args): Promise<Omit<WorkerResult, 'peakRssMB'>> {
  const aq = (await importEsm('arquero')) as Arquero;
  const { op } = aq;
  const t0 = process.hrtime.bigint();
  const cols = jsColumns(args);
  const fact: AqTable = aq.table(cols.fact);
  const dim: AqTable = aq.table(cols.dim);
  const loadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  gc();
  const rssAfterLoadMB = rssMB();
  log(`generated ${fact.numRows()} rows in ${loadSeconds.toFixed(1)} s, rss ${rssAfterLoadMB.toFixed(0)} MB`);
  const ops: Record<string, OpResult | { error: string }> = {};
  await tryOp(
    ops,
    'groupby',
    args,
    () =>
      fact
        .groupby('key')
        .rollup({ sum_amount: op.sum('amount'), mean_amount: op.mean('amount'), n: op.count(), distinct_categories: op.distinct('category') }),
    (r) => {
      const s = sumArray(r.array('sum_amount') as ArrayLike<unknown>);
      return {
        rows: r.numRows(),
        // arquero's sum of an all-null group is 0, not null.
        sum_amount: s.sum,
        null_sums: -1,
        mean_amount: sumArray(r.array('mean_amount') as ArrayLike<unknown>).sum,
        n: sumArray(r.array('n') as ArrayLike<unknown>).sum,
        distinct_categories: sumArray(r.array('distinct_categories') as ArrayLike<unknown>).sum,
      };
    },
  );
  await tryOp(
    ops,
    'groupby3',
    args,
    () => fact.groupby('key').rollup({ sum_amount: op.sum('amount'), mean_amount: op.mean('amount'), n: op.count() }),
    (r) => ({
      rows: r.numRows(),
      sum_amount: sumArray(r.array('sum_amount') as ArrayLike<unknown>).sum,
      null_sums: -1,
      mean_amount: sumArray(r.array('mean_amount') as ArrayLike<unknown>).sum,
      n: sumArray(r.array('n') as ArrayLike<unknown>).sum,
    }),
  );
  await tryOp(
    ops,
    'join',
    args,
    () => fact.join_left(dim, 'key'),
    (r) => ({
      rows: r.numRows(),
      score: sumArray(r.array('score') as ArrayLike<unknown>).sum,
      matched: countPresent(r.array('region') as ArrayLike<unknown>),
      amount: sumArray(r.array('amount') as ArrayLike<unknown>).sum,
    }),
  );
  await tryOp(
    ops,
    'filter',
    args,
    () =>
      fact
        .params({ cats: FILTER_CATEGORIES, x: FILTER_AMOUNT })
        .filter('(d, $) => d.amount > $.x && op.includes($.cats, d.category)'),
    (r) => ({ rows: r.numRows(), amount: sumArray(r.array('amount') as ArrayLike<unknown>).sum, qty: sumArray(r.array('qty') as ArrayLike<unknown>).sum }),
  );
  await tryOp(
    ops,
    'dedupe',
    args,
    () => fact.groupby('key').orderby(aq.desc('ts')).filter(() => op.row_number() === 1).ungroup(),
    (r) => ({ rows: r.numRows(), ts_seconds: sumArray(r.array('ts') as ArrayLike<unknown>, 1000, TS_BASE).sum }),
  );
  return { engine: 'arquero', rows: args.rows, groups: args.groups, loadSeconds, ops, rssAfterLoadMB };
}

// ---------------------------------------------------------------------------------------------
// danfo

async function runDanfo(args: Args): Promise<Omit<WorkerResult, 'peakRssMB'>> {
  const dfd = await import('danfojs-node');
  const t0 = process.hrtime.bigint();
  const cols = jsColumns(args);
  const fact = new dfd.DataFrame({ ...cols.fact, amount: cols.fact.amount.map((v) => (v === null ? NaN : v)) });
  const dim = new dfd.DataFrame(cols.dim);
  const loadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  gc();
  const rssAfterLoadMB = rssMB();
  log(`generated ${fact.shape[0]} rows in ${loadSeconds.toFixed(1)} s, rss ${rssAfterLoadMB.toFixed(0)} MB`);
  type DF = InstanceType<typeof dfd.DataFrame>;
  const values = (df: DF, name: string): ArrayLike<unknown> => df.column(name).values as ArrayLike<unknown>;
  const ops: Record<string, OpResult | { error: string }> = {};
  await tryOp(
    ops,
    'groupby',
    args,
    () => {
      const agg = fact.groupby(['key']).agg({ amount: ['sum', 'mean', 'count'] });
      // danfo has no count distinct: distinct (key, category) pairs, counted per key.
      const pairs = fact.groupby(['key', 'category']).col(['qty']).count();
      const nd = pairs.groupby(['key']).col(['category']).count();
      return { agg, nd };
    },
    (r) => ({
      rows: r.agg.shape[0],
      sum_amount: sumArray(values(r.agg, 'amount_sum')).sum,
      null_sums: -1,
      mean_amount: sumArray(values(r.agg, 'amount_mean')).sum,
      // danfo's count skips NaN: this is count(amount), not count(*).
      n: -1,
      distinct_categories: sumArray(values(r.nd, 'category_count')).sum,
    }),
  );
  await tryOp(
    ops,
    'groupby3',
    args,
    () => fact.groupby(['key']).agg({ amount: ['sum', 'mean', 'count'] }),
    (r) => ({ rows: r.shape[0], sum_amount: sumArray(values(r, 'amount_sum')).sum, null_sums: -1, mean_amount: sumArray(values(r, 'amount_mean')).sum, n: -1 }),
  );
  await tryOp(
    ops,
    'join',
    args,
    () => dfd.merge({ left: fact, right: dim, on: ['key'], how: 'left' }),
    (r) => ({ rows: r.shape[0], score: sumArray(values(r, 'score')).sum, matched: countPresent(values(r, 'region')), amount: sumArray(values(r, 'amount')).sum }),
  );
  await tryOp(
    ops,
    'filter',
    args,
    () => {
      const set = new Set(FILTER_CATEGORIES);
      const inCats = fact.column('category').map((c) => set.has(String(c)));
      return fact.query(fact.column('amount').gt(FILTER_AMOUNT).and(inCats));
    },
    (r) => ({ rows: r.shape[0], amount: sumArray(values(r, 'amount')).sum, qty: sumArray(values(r, 'qty')).sum }),
  );
  await tryOp(
    ops,
    'dedupe',
    args,
    () => (fact.sortValues('ts', { ascending: false }) as DF).groupby(['key']).first(),
    (r) => ({ rows: r.shape[0], ts_seconds: sumArray(values(r, 'ts'), 1000, TS_BASE).sum }),
  );
  return { engine: 'danfo', rows: args.rows, groups: args.groups, loadSeconds, ops, rssAfterLoadMB };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let result: Omit<WorkerResult, 'peakRssMB'>;
  switch (args.engine) {
    case 'write-csv':
      writeCsvFiles(args);
      process.stdout.write('RESULT {}\n');
      return;
    case 'c360':
      result = await runC360(args);
      break;
    case 'c360-csv':
      result = await runC360Csv(args);
      break;
    case 'duckdb':
      result = await runDuckDB(args);
      break;
    case 'arquero':
      result = await runArquero(args);
      break;
    case 'danfo':
      result = await runDanfo(args);
      break;
    default:
      throw new Error(`unknown engine ${args.engine}`);
  }
  const out: WorkerResult = { ...result, peakRssMB: peakRssMB() };
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
