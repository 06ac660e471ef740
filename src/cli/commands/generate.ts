/**
 * `c360 generate`: writes realistic, deterministic mock data (the retailer's whole data model)
 * for any number of customers.
 */
import { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors';
import { DEFAULT_DIRTY_RATE, DEFAULT_SEED, MAX_CUSTOMERS, generate, parseAsOf } from '../../generate';
import type { GenerateResult } from '../../generate';
import { DIRT_KINDS } from '../../generate/dirt';
import { count, shownPath } from '../format';
import { createProgress } from '../progress';

/** The default output folder (the layout name of the Spark demo's data). */
export const DEFAULT_OUT_DIR = './c360_mock_data';

/** The options of `c360 generate`. */
export interface GenerateArgs {
  readonly customers?: number;
  readonly seed: number;
  readonly 'as-of'?: string;
  readonly out: string;
  readonly dirty: number;
  readonly workers?: number;
}

/** Where `c360 generate` writes. */
export interface GenerateStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

function builder(y: Argv): Argv<GenerateArgs> {
  return y
    .usage(
      [
        '$0 generate --customers N [options]',
        '',
        'Writes mock data for N customers: customer/ (customers, loyalty_program, support_tickets, app_usage),',
        'sales/ (transactions, transaction_items, regional_sales), products/ (products, inventory, suppliers,',
        'product_suppliers) and logistics/ (shipments, warehouse_locations, tracking_events). Purchases span two',
        'years before the as-of date. The same options give byte-identical files on any machine and in any time zone.',
      ].join('\n'),
    )
    .option('customers', { type: 'number', alias: 'n', describe: `number of customers (1 to ${count(MAX_CUSTOMERS)})` })
    .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'random seed, a whole number 0 to 4294967295' })
    .option('as-of', { type: 'string', describe: 'the as-of date, YYYY-MM-DD: purchases run up to it', defaultDescription: "today's date (UTC)" })
    .option('out', { type: 'string', default: DEFAULT_OUT_DIR, describe: 'output folder (the four domain folders are created in it)' })
    .option('dirty', {
      type: 'number',
      default: DEFAULT_DIRTY_RATE,
      describe: 'dirt rate 0 to 1: duplicates, null ids, orphans, malformed values... (0 = clean data)',
    })
    .option('workers', {
      type: 'number',
      describe: 'worker threads besides the main one (0 = none); the output does not depend on it',
      defaultDescription: 'none below 50,000 customers, else one per extra CPU, at most 3',
    })
    .example('$0 generate --customers 1000', 'a small data set in ./c360_mock_data, as of today')
    .example('$0 generate -n 1000000 --out /tmp/c360_1m', 'a million customers, to size a cluster')
    .example('$0 generate -n 500 --dirty 0 --seed 7', 'clean data: every key resolves, every value parses')
    .example('$0 generate -n 300 --seed 42 --as-of 2025-01-15 --out data/sample', 'regenerate the bundled sample')
    .epilogue('See docs/GENERATE.md for the data model and each kind of dirt.') as unknown as Argv<GenerateArgs>;
}

/** Today's date in UTC, `YYYY-MM-DD`: the default as-of date (the command's one read of the wall clock). */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function wholeNumber(value: number | undefined, option: string, min: number, max: number): number {
  if (value === undefined || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${option} must be a whole number from ${count(min)} to ${count(max)}, got ${String(value)}`);
  }
  return value;
}

/** Checks the options; throws UsageError naming the option at fault. */
export function checkGenerateArgs(args: GenerateArgs): { customers: number; seed: number; asOf: string; dirtyRate: number; workers?: number } {
  if (args.customers === undefined) throw new UsageError('--customers is required: how many customers to generate');
  const customers = wholeNumber(args.customers, 'customers', 1, MAX_CUSTOMERS);
  const seed = wholeNumber(args.seed, 'seed', 0, 4294967295);
  if (!(args.dirty >= 0 && args.dirty <= 1)) throw new UsageError(`--dirty must be a number from 0 to 1, got ${String(args.dirty)}`);
  const asOf = args['as-of'] ?? todayUtc();
  try {
    parseAsOf(asOf);
  } catch (err) {
    throw new UsageError(`--as-of: ${err instanceof Error ? err.message : String(err)}`);
  }
  const workers = args.workers === undefined ? undefined : wholeNumber(args.workers, 'workers', 0, 16);
  return { customers, seed, asOf, dirtyRate: args.dirty, workers };
}

/** A byte size with a binary unit (`12.3 MiB`). */
export function byteSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** The summary lines printed after a generation. */
export function summaryLines(result: GenerateResult, seconds: number): string[] {
  const lines = [`Wrote ${shownPath(result.outDir)}`];
  const width = Math.max(...result.files.map((f) => f.path.length)) + 2;
  let rows = 0;
  let bytes = 0;
  for (const f of result.files) {
    lines.push(`  ${f.path.padEnd(width)} ${count(f.rows).padStart(12)} rows ${byteSize(f.bytes).padStart(11)}`);
    rows += f.rows;
    bytes += f.bytes;
  }
  lines.push(`  ${'total'.padEnd(width)} ${count(rows).padStart(12)} rows ${byteSize(bytes).padStart(11)}`);
  const dirt = DIRT_KINDS.filter((k) => result.dirt[k] > 0).map((k) => `${k} ${count(result.dirt[k])}`);
  lines.push(dirt.length === 0 ? 'Dirt: none (clean data)' : `Dirt: ${dirt.join(', ')}`);
  lines.push(`Done in ${seconds.toFixed(1)}s`);
  return lines;
}

/** Runs the command with the parsed options, printing to the given streams. Throws on failure. */
export async function generateCommand(
  args: GenerateArgs,
  streams: GenerateStreams = { stdout: process.stdout, stderr: process.stderr },
): Promise<GenerateResult> {
  const { customers, seed, asOf, dirtyRate, workers } = checkGenerateArgs(args);
  const started = performance.now();
  streams.stdout.write(`c360 generate: ${count(customers)} customers, seed ${seed}, as of ${asOf}, dirty rate ${dirtyRate}\n`);
  const bar = createProgress(streams.stderr as NodeJS.WriteStream, 'generating');
  let result: GenerateResult;
  try {
    result = await generate({ customers, seed, asOf, dirtyRate, workers, outDir: args.out }, (p) => bar.update(p.done, p.total));
  } finally {
    bar.done();
  }
  for (const line of summaryLines(result, (performance.now() - started) / 1000)) streams.stdout.write(`${line}\n`);
  return result;
}

/** The `generate` command module. */
const generateModule: CommandModule<object, GenerateArgs> = {
  command: 'generate',
  describe: 'write realistic, deterministic mock data (all four domains) for N customers',
  builder,
  handler: async (args) => {
    await generateCommand(args);
  },
};

export default generateModule;
