/**
 * CSV reader benchmark: writes a transactions-like CSV (ids, timestamps, decimals, short strings)
 * of about `--mb` megabytes (default 200) to a temp folder, then reads it with every column and
 * with 3 columns, each serially (one thread) and in parallel (byte ranges on worker threads), and
 * with every row sent through papaparse, printing MB/s and peak RSS of each pass.
 * MB/s is given per wall-clock second and per CPU second of this process (user + system; GC
 * threads count too), since other work on a shared machine slows the wall clock.
 *
 * Worker threads start once per process (through ts-node here, which takes a few seconds), so
 * the first parallel pass also pays for their start.
 *
 * `npm run bench -- csv [--mb 200] [--passes 2] [--keep] [--file existing.csv] [--no-papaparse] [--no-serial]`, or:
 * `node -r ts-node/register/transpile-only bench/csv.ts --mb 200`.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CsvField, CsvReadResult, readCsvWith } from '../src/io/csv-reader';

const SCHEMA: readonly CsvField[] = [
  { name: 'transaction_id', type: 'string' },
  { name: 'customer_id', type: 'string' },
  { name: 'transaction_date', type: 'timestamp' },
  { name: 'channel', type: 'string' },
  { name: 'store_id', type: 'string' },
  { name: 'payment_method', type: 'string' },
  { name: 'subtotal', type: 'float64' },
  { name: 'tax_amount', type: 'float64' },
  { name: 'discount_amount', type: 'float64' },
  { name: 'total_amount', type: 'float64' },
  { name: 'currency', type: 'string' },
  { name: 'status', type: 'string' },
];

function option(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function argvValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** Writes the benchmark file with a small deterministic generator; returns its size in bytes. */
async function generate(file: string, targetBytes: number): Promise<number> {
  const channels = ['online', 'store', 'mobile', 'phone'];
  const payments = ['credit_card', 'debit_card', 'paypal', 'cash', 'gift_card'];
  const statuses = ['completed', 'completed', 'completed', 'returned', 'cancelled'];
  let seed = 42;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const handle = await fs.open(file, 'w');
  let written = 0;
  try {
    const header = `${SCHEMA.map((f) => f.name).join(',')}\n`;
    await handle.write(header);
    written += header.length;
    let id = 0;
    while (written < targetBytes) {
      const lines: string[] = [];
      for (let k = 0; k < 20000; k++) {
        id++;
        const channel = channels[rand(channels.length)]!;
        const subtotal = rand(200000) / 100;
        const tax = Math.round(subtotal * 8) / 100;
        const discount = rand(4) === 0 ? rand(2000) / 100 : 0;
        const total = Math.round((subtotal + tax - discount) * 100) / 100;
        const date = `2024-${pad(1 + rand(12), 2)}-${pad(1 + rand(28), 2)} ${pad(rand(24), 2)}:${pad(rand(60), 2)}:${pad(rand(60), 2)}`;
        const store = channel === 'store' ? `STORE_${pad(rand(150), 3)}` : '';
        lines.push(
          `TXN${pad(id, 9)},CUST${pad(rand(200000), 6)},${date},${channel},${store},${payments[rand(payments.length)]},${subtotal},${tax},${discount},${total},USD,${statuses[rand(statuses.length)]}\n`,
        );
      }
      const chunk = lines.join('');
      await handle.write(chunk);
      written += chunk.length;
    }
  } finally {
    await handle.close();
  }
  return written;
}

interface Pass {
  readonly name: string;
  readonly columns?: readonly string[];
  readonly papaparseAllRows: boolean;
  readonly parallel: boolean;
}

async function measure(file: string, bytes: number, pass: Pass): Promise<void> {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc === 'function') gc();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let result: CsvReadResult;
  try {
    result = await readCsvWith({ path: file, schema: SCHEMA, columns: pass.columns, parallel: pass.parallel }, { papaparseAllRows: pass.papaparseAllRows });
  } finally {
    clearInterval(sampler);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage.rss());
  const mb = bytes / 1e6;
  process.stdout.write(
    `${pass.name.padEnd(36)} ${(mb / seconds).toFixed(1).padStart(6)} MB/s wall (${seconds.toFixed(2)} s)  ` +
      `${(mb / cpuSeconds).toFixed(1).padStart(6)} MB/s per CPU second (${cpuSeconds.toFixed(2)} s)  ` +
      `${result.rowsRead} rows  ${result.issues.length} issues  ${result.ranges} range(s)  peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB  load ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
}

/** Runs the benchmark. */
export async function run(argv: string[]): Promise<void> {
  const targetMb = option(argv, 'mb', 200);
  const passes = option(argv, 'passes', 2);
  const given = argvValue(argv, 'file');
  const dir = given === undefined ? await fs.mkdtemp(path.join(os.tmpdir(), 'c360-bench-csv-')) : undefined;
  const file = given ?? path.join(dir ?? '.', 'transactions.csv');
  try {
    let bytes: number;
    if (given === undefined) {
      const t0 = Date.now();
      bytes = await generate(file, targetMb * 1e6);
      process.stdout.write(`generated ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${file}\n`);
    } else {
      bytes = (await fs.stat(file)).size;
      process.stdout.write(`reading ${file} (${(bytes / 1e6).toFixed(1)} MB)\n`);
    }
    const columns3 = ['transaction_id', 'transaction_date', 'total_amount'];
    const serial = !argv.includes('--no-serial');
    const papa: Pass = { name: 'all 12 columns, every row papaparse', papaparseAllRows: true, parallel: false };
    for (let i = 0; i < passes; i++) {
      for (const parallel of serial ? [false, true] : [true]) {
        const how = parallel ? 'parallel' : 'serial';
        await measure(file, bytes, { name: `all 12 columns, ${how}`, papaparseAllRows: false, parallel });
        await measure(file, bytes, { name: `3 columns (id, date, total), ${how}`, columns: columns3, papaparseAllRows: false, parallel });
      }
    }
    if (!argv.includes('--no-papaparse')) await measure(file, bytes, papa);
    process.stdout.write(`process peak RSS (maxRSS) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`);
  } finally {
    if (dir !== undefined) {
      if (argv.includes('--keep')) process.stdout.write(`kept ${file}\n`);
      else await fs.rm(dir, { recursive: true, force: true });
    }
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
