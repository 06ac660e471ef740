/**
 * `writeOutputs`: writes a run's product (or every model), the rejects files and
 * `run_results.json` into the output folder. Everything is written to a staging folder first and
 * then renamed into place, so a run that fails, or fails to write, leaves the previous product as
 * it was. A run whose models failed writes only `run_results.json`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { C360Error, UsageError } from '../errors';
import { csvLine, writeCsv, writeJsonl } from '../io/csv-writer';
import { PRODUCT_MODEL, PipelineResult } from './pipeline';
import { runResultsJson } from './results';
import { InputIssues } from './sources';

/** Output formats of the product. */
export type OutputFormat = 'csv' | 'jsonl';

/** The output formats, default first. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['csv', 'jsonl'];

/** Where and how to write. */
export interface WriteOptions {
  readonly outDir: string;
  /** Default `csv`. */
  readonly format?: OutputFormat;
  /** Write every model that ran, not only the product. */
  readonly writeAll?: boolean;
  /** CSV only: text cells beginning with = + - @ are escaped against formula injection (default true). */
  readonly safeCsv?: boolean;
}

/** What `writeOutputs` wrote (paths inside `outDir`, as joined from it). */
export interface WrittenOutputs {
  /** The product file, when the product ran and the run succeeded. */
  readonly product: string | null;
  /** Every model file written (the product included), in run order. */
  readonly models: readonly string[];
  /** Rejects files written, one per input file with problems. */
  readonly rejects: readonly string[];
  readonly runResults: string;
}

/** The rejects file of an input file: `rejects/<stem>.csv`. */
export function rejectsFileName(inputPath: string): string {
  return `${path.posix.basename(inputPath, path.posix.extname(inputPath))}.csv`;
}

/** The rejects file's text: `line,column,reason,original_line`, one row per problem. */
export function rejectsCsv(issues: InputIssues): string {
  const rows = [csvLine(['line', 'column', 'reason', 'original_line'])];
  for (const i of issues.issues) rows.push(csvLine([String(i.line), i.column ?? '', i.reason, i.raw]));
  return rows.map((r) => (r.endsWith('\n') ? r : `${r}\n`)).join('');
}

/**
 * Writes the product (`customer_analytics_c360.<ext>`; every model with `writeAll`), the rejects
 * files and `run_results.json`, atomically.
 * @example await writeOutputs(await runPipeline(opts), { outDir: 'c360_output', format: 'csv' })
 */
export async function writeOutputs(result: PipelineResult, options: WriteOptions): Promise<WrittenOutputs> {
  const format = options.format ?? 'csv';
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`the output format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${String(format)}"`);
  const outDir = options.outDir;
  ensureOutDir(outDir);
  const ok = result.results.success;
  const names = !ok ? [] : options.writeAll === true ? Object.keys(result.models) : PRODUCT_MODEL in result.models ? [PRODUCT_MODEL] : [];
  let staging: string;
  try {
    staging = fs.mkdtempSync(path.join(outDir, '.c360-staging-'));
  } catch (err) {
    throw new C360Error(`cannot write to the output folder ${outDir}: ${fsReason(err)}`, { cause: err });
  }
  const moves: [string, string][] = [];
  try {
    for (const name of names) {
      const file = `${name}.${format}`;
      const frame = result.models[name]!;
      if (format === 'csv') await writeCsv(frame, path.join(staging, file), { safeCsv: options.safeCsv !== false });
      else await writeJsonl(frame, path.join(staging, file));
      moves.push([file, file]);
    }
    const rejectFiles: string[] = [];
    if (ok) {
      for (const issues of result.rejects) {
        const file = path.join('rejects', rejectsFileName(issues.file));
        fs.mkdirSync(path.join(staging, 'rejects'), { recursive: true });
        fs.writeFileSync(path.join(staging, file), rejectsCsv(issues));
        moves.push([file, file]);
        rejectFiles.push(file);
      }
    }
    fs.writeFileSync(path.join(staging, 'run_results.json'), runResultsJson(result.results));
    moves.push(['run_results.json', 'run_results.json']);

    // Everything is on disk: move it into place, one rename per file.
    if (rejectFiles.length > 0) fs.mkdirSync(path.join(outDir, 'rejects'), { recursive: true });
    for (const [from, to] of moves) fs.renameSync(path.join(staging, from), path.join(outDir, to));
    if (ok) removeStaleRejects(result, outDir);
    return {
      product: names.includes(PRODUCT_MODEL) ? path.join(outDir, `${PRODUCT_MODEL}.${format}`) : null,
      models: names.map((n) => path.join(outDir, `${n}.${format}`)),
      rejects: rejectFiles.map((f) => path.join(outDir, f)),
      runResults: path.join(outDir, 'run_results.json'),
    };
  } catch (err) {
    // Name the file by where it was going, not by the staging folder.
    if (err instanceof C360Error && !(err instanceof UsageError)) throw new C360Error(err.message.split(staging).join(outDir), { cause: err });
    if (typeof err !== 'object' || err === null || !('code' in err)) throw err;
    throw new C360Error(`cannot write the outputs to ${outDir}: ${fsReason(err)}`, { cause: err });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Creates the output folder (and its parents); throws a C360Error naming it when that fails. */
export function ensureOutDir(outDir: string): void {
  try {
    fs.mkdirSync(outDir, { recursive: true });
    if (!fs.statSync(outDir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (err) {
    throw new C360Error(`cannot create the output folder ${outDir}: ${fsReason(err)}`, { cause: err });
  }
}

/** A file system error's reason in words. */
function fsReason(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    ENOTDIR: 'a file is in the way (not a folder)',
    EEXIST: 'a file is in the way (not a folder)',
  };
  return why[code] ?? (err instanceof Error ? err.message : String(err));
}

/** Removes rejects files of input files this run read without problems (they describe an older run). */
function removeStaleRejects(result: PipelineResult, outDir: string): void {
  const withIssues = new Set(result.rejects.map((r) => r.name));
  for (const input of result.results.inputs) {
    if (withIssues.has(input.name)) continue;
    fs.rmSync(path.join(outDir, 'rejects', rejectsFileName(input.file)), { force: true });
  }
  const dir = path.join(outDir, 'rejects');
  if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}
