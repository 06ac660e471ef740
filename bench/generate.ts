/**
 * Generator benchmark: `npm run bench -- generate [--customers N] [--out DIR] [--keep] [--seed S]
 *   [--as-of YYYY-MM-DD] [--dirty RATE] [--workers W]`
 *
 * Generates N customers (default 1,000,000) into --out or a temporary folder (removed afterwards
 * unless --keep), and prints the wall time, the peak resident memory of the process (sampled
 * every 50 ms, and the kernel's maxRSS, which counts worker threads too), and rows and bytes per
 * file. Not a test.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { generate as generateFn, GenerateResult } from '../src/generate';

/**
 * The generator under test is the compiled one in dist/, as `c360 generate` runs it: from the
 * TypeScript sources every worker thread would compile them through ts-node first (seconds of
 * CPU each), which is not what users run. Refuses a dist/ older than src/.
 */
function compiledGenerate(): typeof generateFn {
  const root = path.join(__dirname, '..');
  const entry = path.join(root, 'dist', 'generate', 'index.js');
  if (!fs.existsSync(entry)) throw new Error('dist/ is missing: run `npm run build` first');
  const built = fs.statSync(entry).mtimeMs;
  const stale = (dir: string): string | undefined => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        const s = stale(p);
        if (s !== undefined) return s;
      } else if (e.name.endsWith('.ts') && fs.statSync(p).mtimeMs > built) return p;
    }
    return undefined;
  };
  const newer = stale(path.join(root, 'src', 'generate'));
  if (newer !== undefined) throw new Error(`${path.relative(root, newer)} is newer than dist/: run \`npm run build\` first`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(entry) as { generate: typeof generateFn }).generate;
}

interface Options {
  readonly customers: number;
  readonly out: string | undefined;
  readonly keep: boolean;
  readonly seed: number;
  readonly asOf: string;
  readonly dirty: number;
  readonly workers: number | undefined;
}

function parse(argv: readonly string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, fallback: number): number => {
    const v = get(name);
    if (v === undefined) return fallback;
    const x = Number(v.replace(/_/g, ''));
    if (!Number.isFinite(x) || x < 0) throw new Error(`--${name} needs a number, got ${v}`);
    return x;
  };
  const workers = get('workers');
  return {
    customers: num('customers', 1_000_000),
    out: get('out'),
    keep: argv.includes('--keep'),
    seed: num('seed', 42),
    asOf: get('as-of') ?? '2025-01-15',
    dirty: num('dirty', 0.01),
    workers: workers === undefined ? undefined : num('workers', 0),
  };
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

function table(result: GenerateResult, seconds: number): string[] {
  const lines: string[] = [];
  const width = Math.max(...result.files.map((f) => f.path.length)) + 2;
  let rows = 0;
  let bytes = 0;
  for (const f of result.files) {
    lines.push(`  ${f.path.padEnd(width)} ${f.rows.toLocaleString('en-US').padStart(12)} rows ${mib(f.bytes).padStart(12)}`);
    rows += f.rows;
    bytes += f.bytes;
  }
  lines.push(`  ${'total'.padEnd(width)} ${rows.toLocaleString('en-US').padStart(12)} rows ${mib(bytes).padStart(12)}`);
  lines.push(`  throughput: ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s, ${mib(bytes / seconds)}/s`);
  return lines;
}

/** Runs the benchmark. */
export async function run(argv: string[]): Promise<void> {
  const o = parse(argv);
  const generate = compiledGenerate();
  const loadBefore = os.loadavg()[0];
  const out = o.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'c360-bench-generate-'));
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let result: GenerateResult;
  try {
    result = await generate({ customers: o.customers, seed: o.seed, asOf: o.asOf, dirtyRate: o.dirty, outDir: out, workers: o.workers });
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage.rss());
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const cpu = process.cpuUsage(cpuBefore);
  const load = `${loadBefore.toFixed(1)}/${os.loadavg()[0].toFixed(1)}`;
  const lines = [
    `generate: ${o.customers.toLocaleString('en-US')} customers, seed ${o.seed}, as of ${o.asOf}, dirty ${o.dirty}, ${result.workers} worker threads, ${os.availableParallelism()} CPUs`,
    `  wall time: ${seconds.toFixed(2)} s`,
    `  CPU time (all threads): ${(cpu.user / 1e6).toFixed(2)} s user, ${(cpu.system / 1e6).toFixed(2)} s system; load average before/after: ${load}`,
    `  peak RSS: ${mib(peak)} sampled, ${mib(maxRss)} maxRSS`,
    `  output: ${out}${o.out === undefined && !o.keep ? ' (removed)' : ''}`,
    ...table(result, seconds),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (o.out === undefined && !o.keep) fs.rmSync(out, { recursive: true, force: true });
}
