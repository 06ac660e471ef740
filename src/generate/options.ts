import * as os from 'os';
import { UsageError } from '../errors';
import { formatIsoDay, parseIsoDay } from './calendar';
import { GenerateSettings } from './context';

/** Seed used when none is given. */
export const DEFAULT_SEED = 42;
/** Dirt rate used when none is given: a little of every kind at scale. */
export const DEFAULT_DIRTY_RATE = 0.01;
/** Most customers one run generates. */
export const MAX_CUSTOMERS = 50_000_000;
/** Below this many customers the generator runs in the calling thread by default. */
export const WORKER_THRESHOLD = 50_000;
/** Most worker threads. */
export const MAX_WORKERS = 16;

const FIRST_AS_OF = parseIsoDay('1970-01-01') ?? 0;
const LAST_AS_OF = parseIsoDay('2999-12-31') ?? 0;

/** What to generate and where. */
export interface GenerateOptions {
  /** Number of customers (whole number, 1 to 50,000,000). */
  readonly customers: number;
  /** The as-of date `YYYY-MM-DD` ("today" of the data: purchases run up to it). */
  readonly asOf: string;
  /** Output folder; the four domain folders are created in it. */
  readonly outDir: string;
  /** Seed, a whole number 0 to 4294967295 (default 42). */
  readonly seed?: number;
  /** Dirt rate 0 to 1 (default 0.01; 0 gives clean data). */
  readonly dirtyRate?: number;
  /** Worker threads besides the calling thread (0 = the calling thread alone; default: 0 below 50,000 customers, else one per extra CPU, at most 3). */
  readonly workers?: number;
}

/** Checks an as-of date and returns its day number; throws UsageError when it is not a real `YYYY-MM-DD` date. */
export function parseAsOf(text: string): number {
  const day = parseIsoDay(text);
  if (day === undefined) throw new UsageError(`as-of date must be a real date written YYYY-MM-DD, got '${text}'`);
  if (day < FIRST_AS_OF || day > LAST_AS_OF) {
    throw new UsageError(`as-of date must be between ${formatIsoDay(FIRST_AS_OF)} and ${formatIsoDay(LAST_AS_OF)}, got '${text}'`);
  }
  return day;
}

function wholeNumber(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got ${String(value)}`);
  }
  return value;
}

/** Validates options into the settings the data depends on; throws UsageError on bad values. */
export function resolveSettings(options: GenerateOptions): GenerateSettings {
  const customers = wholeNumber(options.customers, 'customers', 1, MAX_CUSTOMERS);
  const seed = wholeNumber(options.seed ?? DEFAULT_SEED, 'seed', 0, 4294967295);
  const dirtyRate = options.dirtyRate ?? DEFAULT_DIRTY_RATE;
  if (typeof dirtyRate !== 'number' || !(dirtyRate >= 0 && dirtyRate <= 1)) {
    throw new UsageError(`dirty rate must be a number from 0 to 1, got ${String(dirtyRate)}`);
  }
  if (typeof options.asOf !== 'string') throw new UsageError('as-of date is required (YYYY-MM-DD)');
  const asOfDay = parseAsOf(options.asOf);
  if (typeof options.outDir !== 'string' || options.outDir === '') throw new UsageError('output folder is required');
  return { customers, seed, asOf: options.asOf, asOfDay, dirtyRate };
}

/** The number of worker threads to use besides the calling thread. */
export function resolveWorkers(requested: number | undefined, customers: number): number {
  if (requested !== undefined) return wholeNumber(requested, 'workers', 0, MAX_WORKERS);
  if (customers < WORKER_THRESHOLD) return 0;
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(0, Math.min(3, cpus - 1));
}
