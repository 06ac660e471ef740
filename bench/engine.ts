/**
 * Engine benchmark: `npm run bench -- engine [--rows N] [--groups G] [--only c360,duckdb,arquero,danfo]
 *   [--arquero-rows N --arquero-groups G] [--danfo-rows N --danfo-groups G] [--reps R] [--no-csv-read]`
 *
 * Same deterministic data for every engine (bench/engine-data.ts). Each engine runs in its own
 * child process (bench/engine-worker.ts) so its peak RSS is attributable. DuckDB reads the data
 * from CSV files cached under bench/.cache/ (its CSV read time is reported); the JS engines build
 * their tables in memory. Engines that cannot finish at the main size in about a minute run at a
 * smaller size, and c360 and DuckDB are run at that size too, so every ratio compares equal data.
 *
 * Prints a table and writes bench/results/engine-<date>.json and .md.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { OpCheck, OpName, OpResult, WorkerResult } from './engine-worker';

const OP_NAMES: readonly OpName[] = ['groupby', 'groupby3', 'join', 'filter', 'dedupe'];
const OP_LABEL: Record<OpName, string> = {
  groupby: 'group-by key: sum, mean, count, count distinct',
  groupby3: '(extra) group-by key: sum, mean, count only',
  join: 'left join fact × dim on key',
  filter: 'filter amount > 500 and category in (5 of 20)',
  dedupe: 'dedupe by key, latest ts',
};
const ENGINES = ['c360', 'duckdb', 'arquero', 'danfo'] as const;
type Engine = (typeof ENGINES)[number];

interface Size {
  readonly rows: number;
  readonly groups: number;
}

interface Options {
  readonly main: Size;
  readonly only: readonly Engine[];
  readonly sizeOf: Record<Engine, Size>;
  readonly reps: number;
  readonly csvRead: boolean;
  readonly ops: readonly OpName[];
}

function parse(argv: readonly string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, d: number): number => {
    const v = get(name);
    if (v === undefined) return d;
    const x = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(x) || x <= 0) throw new Error(`--${name} needs a positive whole number, got ${v}`);
    return x;
  };
  const main: Size = { rows: num('rows', 10_000_000), groups: num('groups', 1_000_000) };
  const only = (get('only') ?? ENGINES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const e of only) if (!(ENGINES as readonly string[]).includes(e)) throw new Error(`unknown engine ${e} (engines: ${ENGINES.join(', ')})`);
  // Defaults measured on the 2-core benchmark machine: at 10M rows x 1M groups arquero's group-by
  // alone takes 160 s (join 50 s, dedupe 33 s), so it runs at 2M x 200k; danfo's group-by is
  // quadratic in the number of groups (315 s at 100k rows x 10k groups, 30 s at 30k x 3k).
  const scaled = (e: string, d: Size): Size => ({ rows: num(`${e}-rows`, Math.min(d.rows, main.rows)), groups: num(`${e}-groups`, Math.min(d.groups, main.groups)) });
  const ops = (get('ops') ?? OP_NAMES.join(',')).split(',').filter((o): o is OpName => (OP_NAMES as readonly string[]).includes(o));
  return {
    main,
    only: only as Engine[],
    sizeOf: {
      c360: main,
      duckdb: main,
      arquero: scaled('arquero', { rows: 2_000_000, groups: 200_000 }),
      danfo: scaled('danfo', { rows: 30_000, groups: 3_000 }),
    },
    reps: num('reps', 3),
    csvRead: !argv.includes('--no-csv-read'),
    ops,
  };
}

const WORKER = path.join(__dirname, 'engine-worker.ts');
const CACHE = path.join(__dirname, '.cache');

function sizeKey(s: Size): string {
  return `${s.rows}x${s.groups}`;
}

function fmtSize(s: Size): string {
  return `${s.rows.toLocaleString('en-US')} rows × ${s.groups.toLocaleString('en-US')} groups`;
}

/** Runs one worker; resolves with its RESULT line. */
function runWorker(args: readonly string[], timeoutSec: number): Promise<WorkerResult | { error: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=16384', '--expose-gc', '-r', 'ts-node/register/transpile-only', WORKER, ...args], {
      cwd: path.join(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    const timer = setTimeout(() => {
      process.stderr.write(`  worker ${args[0]} timed out after ${timeoutSec} s; stopping it\n`);
      child.kill('SIGKILL');
    }, timeoutSec * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (line === undefined) {
        resolve({ error: `worker ${args[0]} exited with ${code ?? signal} and no result` });
        return;
      }
      resolve(JSON.parse(line.slice(7)) as WorkerResult);
    });
  });
}

/** The cached CSV files of a size, written once. */
async function csvFiles(s: Size): Promise<{ fact: string; dim: string }> {
  const dir = path.join(CACHE, `engine-v1-${sizeKey(s)}`);
  const fact = path.join(dir, 'fact.csv');
  const dim = path.join(dir, 'dim.csv');
  if (!fs.existsSync(fact) || !fs.existsSync(dim)) {
    process.stderr.write(`writing CSV files for ${fmtSize(s)} to ${path.relative(process.cwd(), dir)} ...\n`);
    const t0 = Date.now();
    const r = await runWorker(['write-csv', '--rows', String(s.rows), '--groups', String(s.groups), '--fact-csv', fact, '--dim-csv', dim], 1800);
    if ('error' in r && !fs.existsSync(fact)) throw new Error(r.error);
    process.stderr.write(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s (${(fs.statSync(fact).size / 1048576).toFixed(0)} MB)\n`);
  }
  return { fact, dim };
}

interface Run {
  readonly engine: Engine;
  readonly size: Size;
  readonly result: WorkerResult | { error: string };
}

function isOk(r: OpResult | { error: string } | undefined): r is OpResult {
  return r !== undefined && !('error' in r);
}

function opOf(run: Run | undefined, op: OpName): OpResult | { error: string } | undefined {
  if (run === undefined || 'error' in run.result) return undefined;
  return run.result.ops[op];
}

/** Differences between two engines' checks of one op (rows exact, totals to 1e-9 relative). */
function compareChecks(a: OpCheck, b: OpCheck): string[] {
  const diffs: string[] = [];
  for (const k of Object.keys(a)) {
    const x = a[k]!;
    const y = b[k];
    if (y === undefined || x === -1 || y === -1) continue;
    const tol = k === 'rows' ? 0 : 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
    if (Math.abs(x - y) > tol) diffs.push(`${k}: ${x} vs ${y}`);
  }
  return diffs;
}

function secs(r: OpResult | { error: string } | undefined): string {
  if (r === undefined) return '–';
  if ('error' in r) return 'error';
  return r.seconds < 10 ? r.seconds.toFixed(3) : r.seconds.toFixed(1);
}

function ratio(a: OpResult | { error: string } | undefined, b: OpResult | { error: string } | undefined): string {
  if (!isOk(a) || !isOk(b)) return '–';
  const r = a.seconds / b.seconds;
  return `${r < 10 ? r.toFixed(2) : r.toFixed(0)}×`;
}

function mb(run: Run | undefined): string {
  if (run === undefined || 'error' in run.result) return '–';
  return `${run.result.peakRssMB.toFixed(0)} MB`;
}

/** One markdown table per size: every engine that ran at that size. */
function render(runs: readonly Run[], opts: Options): string {
  const lines: string[] = [];
  const sizes: Size[] = [];
  for (const r of runs) if (!sizes.some((s) => sizeKey(s) === sizeKey(r.size))) sizes.push(r.size);
  for (const size of sizes) {
    const at = runs.filter((r) => sizeKey(r.size) === sizeKey(size));
    const get = (e: Engine): Run | undefined => at.find((r) => r.engine === e);
    const engines = ENGINES.filter((e) => get(e) !== undefined);
    const duck = get('duckdb');
    const c360 = get('c360');
    lines.push(`### ${fmtSize(size)} (dimension: ${size.groups.toLocaleString('en-US')} rows)`, '');
    const head = ['operation', ...engines.map((e) => `${e} s`), ...engines.filter((e) => e !== 'duckdb' && duck !== undefined).map((e) => `${e} / duckdb`)];
    if (c360 !== undefined) for (const e of engines) if (e === 'arquero' || e === 'danfo') head.push(`${e} / c360`);
    head.push('output rows (c360 / duckdb)', 'c360 = duckdb?');
    lines.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    for (const op of opts.ops) {
      const cells = [OP_LABEL[op]];
      for (const e of engines) cells.push(secs(opOf(get(e), op)));
      if (duck !== undefined) for (const e of engines) if (e !== 'duckdb') cells.push(ratio(opOf(get(e), op), opOf(duck, op)));
      if (c360 !== undefined) for (const e of engines) if (e === 'arquero' || e === 'danfo') cells.push(ratio(opOf(get(e), op), opOf(c360, op)));
      const co = opOf(c360, op);
      const dop = opOf(duck, op);
      cells.push(`${isOk(co) ? co.check.rows.toLocaleString('en-US') : '–'} / ${isOk(dop) ? dop.check.rows.toLocaleString('en-US') : '–'}`);
      if (isOk(co) && isOk(dop)) {
        const d = compareChecks(co.check, dop.check);
        cells.push(d.length === 0 ? 'yes' : `NO: ${d.join('; ')}`);
      } else cells.push('–');
      lines.push(`| ${cells.join(' | ')} |`);
    }
    // CSV reading.
    const csvCells = ['CSV read (MB/s)'];
    for (const e of engines) {
      const r = get(e)!.result;
      const c = 'error' in r ? undefined : r.csvRead;
      csvCells.push(c === undefined ? '–' : 'error' in c ? 'n/a' : `${c.seconds.toFixed(2)} s = ${c.mbPerSec.toFixed(0)} MB/s`);
    }
    while (csvCells.length < head.length) csvCells.push('');
    lines.push(`| ${csvCells.join(' | ')} |`);
    const rss = ['peak RSS', ...engines.map((e) => mb(get(e)))];
    while (rss.length < head.length) rss.push('');
    lines.push(`| ${rss.join(' | ')} |`);
    lines.push('');
    // CPU time: less sensitive than wall time to other processes on the machine, but it counts
    // every thread, so a parallel engine pays for its parallelism here.
    const cpuHead = ['CPU seconds (user + sys, all threads) of the best run', ...engines.map((e) => `${e} cpu s`)];
    if (duck !== undefined && c360 !== undefined) cpuHead.push('c360 / duckdb cpu');
    cpuHead.push('load avg at start (c360 / duckdb)');
    lines.push(`| ${cpuHead.join(' | ')} |`, `|${cpuHead.map(() => '---').join('|')}|`);
    for (const op of opts.ops) {
      const cells = [OP_LABEL[op]];
      const cpu = (e: Engine): number | undefined => {
        const o = opOf(get(e), op);
        return isOk(o) ? o.cpuSeconds : undefined;
      };
      for (const e of engines) {
        const c = cpu(e);
        cells.push(c === undefined ? '–' : c.toFixed(2));
      }
      if (duck !== undefined && c360 !== undefined) {
        const a = cpu('c360');
        const b = cpu('duckdb');
        cells.push(a === undefined || b === undefined ? '–' : `${(a / b).toFixed(2)}×`);
      }
      const la = (e: Engine): string => {
        const o = opOf(get(e), op);
        return isOk(o) ? o.loadAvg.toFixed(1) : '–';
      };
      cells.push(`${la('c360')} / ${la('duckdb')}`);
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
    for (const e of engines) {
      if (e !== 'arquero' && e !== 'danfo') continue;
      const diffs: string[] = [];
      for (const op of opts.ops) {
        const a = opOf(c360, op);
        const b = opOf(get(e), op);
        if (!isOk(a) || !isOk(b)) continue;
        const d = compareChecks(a.check, b.check);
        diffs.push(`${op} ${d.length === 0 ? 'same' : `differs (${d.join('; ')})`}`);
      }
      if (diffs.length > 0) lines.push(`- ${e} results vs c360 (rows and totals): ${diffs.join(', ')}`);
    }
    for (const e of engines) {
      const r = get(e)!.result;
      if ('error' in r) lines.push(`- ${e}: ${r.error}`);
      else {
        const c = r.csvRead;
        if (c !== undefined && 'error' in c) lines.push(`- ${e} CSV read: ${c.error}`);
        else if (c !== undefined) {
          const how = e === 'duckdb' ? "read_csv with declared column types into a table (DuckDB's data load for the ops)" : 'src/io/csv-reader.ts readCsv with the declared schema, in a process of its own';
          const peak = r.csvPeakRssMB === undefined ? '' : `, peak RSS ${r.csvPeakRssMB.toFixed(0)} MB`;
          lines.push(`- ${e} CSV read: ${c.mb.toFixed(0)} MB file, ${c.rows.toLocaleString('en-US')} rows${c.issues === undefined ? '' : `, ${c.issues} issues`}, ${c.seconds.toFixed(2)} s = ${c.mbPerSec.toFixed(0)} MB/s${c.runs === undefined ? '' : ` (best of ${c.runs.length} reads: ${c.runs.map((x) => x.toFixed(2)).join(', ')} s)`}; ${how}${peak}`);
        }
        for (const op of opts.ops) {
          const o = r.ops[op];
          if (o !== undefined && 'error' in o) lines.push(`- ${e} ${op}: ${o.error}`);
        }
        lines.push(
          `- ${e}: data ready in ${r.loadSeconds.toFixed(1)} s${e === 'duckdb' ? ' (CSV read into a table)' : ' (generated in memory)'}, RSS after load ${r.rssAfterLoadMB.toFixed(0)} MB, peak ${r.peakRssMB.toFixed(0)} MB; runs: ${opts.ops
            .map((op) => {
              const o = r.ops[op];
              return isOk(o) ? `${op} [${o.runs.map((x) => x.toFixed(2)).join(', ')}] s, cpu [${o.cpuRuns.map((x) => x.toFixed(2)).join(', ')}] s` : `${op} –`;
            })
            .join(', ')}`,
        );
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<void> {
  const opts = parse(argv);
  const started = Date.now();
  // Which engines run at which size; c360 and DuckDB also run at each scaled-down size used.
  const plan: { engine: Engine; size: Size }[] = [];
  const add = (engine: Engine, size: Size): void => {
    if (!plan.some((p) => p.engine === engine && sizeKey(p.size) === sizeKey(size))) plan.push({ engine, size });
  };
  for (const e of opts.only) add(e, opts.sizeOf[e]);
  for (const e of opts.only) {
    if (e !== 'arquero' && e !== 'danfo') continue;
    const s = opts.sizeOf[e];
    if (sizeKey(s) === sizeKey(opts.main)) continue;
    add('c360', s);
    add('duckdb', s);
  }
  plan.sort((a, b) => b.size.rows - a.size.rows || ENGINES.indexOf(a.engine) - ENGINES.indexOf(b.engine));
  process.stderr.write(
    `engine benchmark on ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}\n` +
      plan.map((p) => `  ${p.engine} at ${fmtSize(p.size)}`).join('\n') +
      '\n',
  );
  const runs: Run[] = [];
  let csvRun: WorkerResult | { error: string } | undefined;
  for (const p of plan) {
    const files = p.engine === 'duckdb' || (p.engine === 'c360' && opts.csvRead && sizeKey(p.size) === sizeKey(opts.main)) ? await csvFiles(p.size) : { fact: '', dim: '' };
    const sizeArgs = ['--rows', String(p.size.rows), '--groups', String(p.size.groups)];
    const fileArgs = files.fact === '' ? [] : ['--fact-csv', files.fact, '--dim-csv', files.dim];
    if (p.engine === 'c360' && files.fact !== '') {
      process.stderr.write(`c360 CSV reader at ${fmtSize(p.size)}\n`);
      csvRun = await runWorker(['c360-csv', ...sizeArgs, ...fileArgs], 1200);
    }
    process.stderr.write(`${p.engine} at ${fmtSize(p.size)}\n`);
    const result = await runWorker([p.engine, ...sizeArgs, '--reps', String(opts.reps), '--ops', opts.ops.join(','), ...fileArgs], 1200);
    runs.push({ engine: p.engine, size: p.size, result });
  }
  // c360's CSV read is reported with its kernels' run (it ran in a process of its own).
  if (csvRun !== undefined) {
    const i = runs.findIndex((r) => r.engine === 'c360' && sizeKey(r.size) === sizeKey(opts.main));
    const r = runs[i];
    if (r !== undefined && !('error' in r.result)) {
      const csvRead = 'error' in csvRun ? { error: csvRun.error } : csvRun.csvRead;
      const csvPeak = 'error' in csvRun ? undefined : csvRun.peakRssMB;
      runs[i] = { ...r, result: { ...r.result, csvRead, csvPeakRssMB: csvPeak } };
    }
  }
  const table = render(runs, opts);
  const header =
    `## Engine benchmark, ${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC\n\n` +
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, node ${process.version}; DuckDB threads = 2.\n` +
    `Times are the best of ${opts.reps} runs after a warm-up (one run when the warm-up took over 20 s), wall clock, in seconds; ` +
    `"x / duckdb" > 1 means slower than DuckDB. DuckDB times are CREATE TABLE AS of the query; c360 times are LazyFrame.collectSync() into a DataFrame. ` +
    `Peak RSS is each engine's own process (data included).\n\n` +
    `Data (bench/engine-data.ts, the same values for every engine): fact rows with key \`K0000123\` uniform over G keys, amount ` +
    `(cents / 100, 5% null), qty int, category (20 values, skewed), ts (whole seconds in 2024); dimension of G rows, 90% of ` +
    `its keys in the facts. c360 and the JS engines build their tables in memory (c360's string dictionaries in first-appearance ` +
    `order, as its CSV reader builds them); DuckDB reads the same data from CSV (bench/.cache). Results are checked: output ` +
    `rows and totals of c360 and DuckDB must agree ("c360 = duckdb?").\n\n` +
    `The machine is shared: other processes compete for the 2 cores (load average in the CPU table), so wall times vary ` +
    `between runs, most for DuckDB's 2 threads; CPU seconds are steadier. c360 runs on one thread.\n\n`;
  const md = header + table;
  process.stdout.write(`\n${md}\n`);
  const outDir = path.join(__dirname, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  fs.writeFileSync(path.join(outDir, `engine-${date}.md`), md);
  fs.writeFileSync(
    path.join(outDir, `engine-${date}.json`),
    `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGB: os.totalmem() / 2 ** 30, node: process.version }, options: opts, runs }, null, 2)}\n`,
  );
  process.stderr.write(`wrote bench/results/engine-${date}.json and .md (total ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}
