/**
 * The machine-readable record of a run (`run_results.json`): what ran, how it ended, how many
 * rows went in and out, how long it took, and what the input files held.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Layer } from '../models/define';
import { RowAccounting } from '../quality/accounting';
import { DataTestResult } from '../quality/run';
import { PipelineSummary } from '../report/summary';

/** How a model ended. `skipped`: an upstream model failed (see `cause`). */
export type ModelStatus = 'success' | 'error' | 'skipped';

/** One model's outcome. */
export interface ModelResult {
  readonly name: string;
  readonly layer: Layer;
  readonly status: ModelStatus;
  /** False when the model ran only because a selected model reads it. */
  readonly selected: boolean;
  /** Rows of all its inputs together (null when it did not run). */
  readonly rows_in: number | null;
  /** Rows it produced (null unless it succeeded). */
  readonly rows_out: number | null;
  readonly seconds: number;
  /** The error, for `error`. */
  readonly error?: string;
  /** The failed upstream model, for `skipped`. */
  readonly cause?: string;
  /** True when a resumed run took this result from the previous run. */
  readonly reused?: boolean;
}

/** One input file's accounting. */
export interface InputResult {
  /** Declared name (`transactions`). */
  readonly name: string;
  /** Path in the data folder (`sales/transactions.csv`). */
  readonly file: string;
  /** Data rows in the file. */
  readonly rows_read: number;
  /** Rows left out of every model (bad-row policy `reject`). */
  readonly rows_rejected: number;
  /** Rows with at least one problem (whatever the policy did with them). */
  readonly rows_with_issues: number;
  readonly bytes: number;
  readonly seconds: number;
  /**
   * Where every row went: rows_read = used + the sum of dropped + rejected. Present when the
   * product model ran (see docs/DATA_QUALITY.md for the rules).
   */
  readonly accounting?: RowAccounting;
}

/** What the run was asked to do. */
export interface RunMetadata {
  readonly c360_version: string;
  readonly engine: 'memory' | 'spark';
  readonly mode: 'single-session' | 'separate-sessions';
  readonly as_of: string;
  readonly run_timestamp: string;
  /** ISO 8601, UTC. */
  readonly started_at: string;
  readonly finished_at: string;
  readonly elapsed_seconds: number;
  readonly data_dir: string;
  readonly bad_rows: 'reject' | 'fail' | 'keep';
  readonly select: readonly string[];
  readonly exclude: readonly string[];
  /** Models selected (in run order) and models run only as dependencies of selected ones. */
  readonly selected_models: readonly string[];
  readonly dependency_models: readonly string[];
  /** For `--resume`: the first layer that ran again (earlier layers were reused). */
  readonly resumed_from?: Layer | null;
}

/** The record of a run, as written to `run_results.json`. */
export interface RunResults {
  readonly metadata: RunMetadata;
  /** True when every model that ran succeeded (and, when data tests ran, none of severity error failed). */
  readonly success: boolean;
  readonly models: readonly ModelResult[];
  readonly inputs: readonly InputResult[];
  readonly summary: PipelineSummary | null;
  /** The data tests run (`c360 test`, `c360 run --test`); empty when none ran. */
  readonly tests: readonly DataTestResult[];
}

/** Seconds rounded to milliseconds. */
export function roundSeconds(s: number): number {
  return Math.round(s * 1000) / 1000;
}

/** The c360 version from package.json ('unknown' when it cannot be read). */
export function c360Version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `run_results.json` text: snake_case keys throughout (the summary's too), two-space indent. */
export function runResultsJson(results: RunResults): string {
  return `${JSON.stringify(toJsonShape(results), null, 2)}\n`;
}

/** The results as a plain JSON value with snake_case keys. */
export function toJsonShape(results: RunResults): unknown {
  return { ...results, summary: results.summary === null ? null : snakeKeys(results.summary) };
}

function snakeKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(snakeKeys);
  if (typeof x !== 'object' || x === null) return x;
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(v)]));
}
