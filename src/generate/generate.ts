import { promises as fs } from 'fs';
import * as path from 'path';
import { C360Error } from '../errors';
import { addDirtCounts, DirtCounts, emptyDirtCounts } from './dirt';
import { FILE_LAYOUTS, GENERATED_FILES, GeneratedFileName, relativePath } from './files';
import { FileResult, LaneResult, runLane } from './lane';
import { planLanes, UNITS_PER_CUSTOMER } from './lanes';
import { GenerateOptions, resolveSettings, resolveWorkers } from './options';
import { RunningLane, startLaneWorker, workersRunTypeScript } from './workerPool';
import { WRITERS } from './writers';

/** Seconds a worker thread needs before it writes its first row. */
const WORKER_START_SECONDS = { typescript: 2.5, javascript: 0.1 } as const;
/** Seconds per cost unit per customer (about 28 s for 1,000,000 customers in one thread). */
const SECONDS_PER_UNIT = 28 / (1_000_000 * UNITS_PER_CUSTOMER);

/** Progress of a generation: customers handled so far over all passes (a pass per lane). */
export interface GenerateProgress {
  readonly phase: 'writing' | 'done';
  readonly done: number;
  readonly total: number;
}

/** One written file. */
export interface GeneratedFile {
  readonly file: GeneratedFileName;
  /** Path relative to the output folder, e.g. `sales/transactions.csv`. */
  readonly path: string;
  /** Data rows (the header line not counted; extra dirt rows counted). */
  readonly rows: number;
  readonly bytes: number;
}

/** What a generation wrote. */
export interface GenerateResult {
  /** Absolute output folder. */
  readonly outDir: string;
  readonly customers: number;
  readonly seed: number;
  readonly asOf: string;
  readonly dirtyRate: number;
  /** Worker threads used besides the calling thread (0: the calling thread alone). */
  readonly workers: number;
  /** Every file, in GENERATED_FILES order. */
  readonly files: GeneratedFile[];
  /** How many rows or entities of each dirt kind were written. */
  readonly dirt: DirtCounts;
}

/**
 * Writes the retailer's whole data model (14 CSV files in customer/, sales/, products/,
 * logistics/) for `options.customers` customers. The same options give byte-identical files on
 * any machine, in any time zone, with any number of workers. Each file is written to
 * `<name>.tmp` and renamed when complete.
 *
 * @example
 *   const result = await generate({ customers: 300, seed: 42, asOf: '2025-01-15', outDir: 'data/sample' });
 *   result.files.find((f) => f.file === 'transactions')?.rows;
 */
export async function generate(options: GenerateOptions, onProgress?: (progress: GenerateProgress) => void): Promise<GenerateResult> {
  const settings = resolveSettings(options);
  const workers = resolveWorkers(options.workers, settings.customers);
  const outDir = path.resolve(options.outDir);
  const folders = new Set(GENERATED_FILES.map((f) => FILE_LAYOUTS[f].folder));
  try {
    for (const folder of folders) await fs.mkdir(path.join(outDir, folder), { recursive: true });
  } catch (err) {
    throw new C360Error(`cannot create the output folder ${outDir}: ${reason(err)}`, { cause: err });
  }

  // One lane per thread: the calling thread takes the first lane (and the small catalogue
  // files), each worker thread another.
  const customerFiles = GENERATED_FILES.filter((f) => WRITERS[f].needs !== undefined);
  const catalogueFiles = GENERATED_FILES.filter((f) => WRITERS[f].needs === undefined);
  // A worker thread starts late (compiling TypeScript takes seconds), so unless the caller chose
  // the number of workers, the calling thread takes a bigger share, or all, of smaller runs.
  const startSeconds = workersRunTypeScript() ? WORKER_START_SECONDS.typescript : WORKER_START_SECONDS.javascript;
  const workerStart = options.workers === undefined ? startSeconds / (SECONDS_PER_UNIT * settings.customers) : 0;
  const lanes = workers === 0 ? [[...GENERATED_FILES]] : planLanes(customerFiles, workers + 1, workerStart);
  if (workers > 0) lanes[0].push(...catalogueFiles);
  const total = settings.customers * lanes.length;
  const done = new Array<number>(lanes.length).fill(0);
  const report = (lane: number) => (customers: number) => {
    done[lane] = customers;
    onProgress?.({ phase: 'writing', done: done.reduce((a, b) => a + b, 0), total });
  };

  const running: RunningLane[] = lanes.slice(1).map((files, i) => startLaneWorker({ settings, files, outDir }, report(i + 1)));
  let results: LaneResult[];
  try {
    results = await Promise.all([runLane(settings, lanes[0], outDir, report(0)), ...running.map((r) => r.result)]);
  } catch (err) {
    await Promise.all(running.map((r) => r.stop()));
    await Promise.all(GENERATED_FILES.map((f) => fs.rm(path.join(outDir, `${relativePath(f)}.tmp`), { force: true })));
    if (err instanceof C360Error) throw err;
    throw new C360Error(`could not write the data to ${outDir}: ${reason(err)}`, { cause: err });
  }
  onProgress?.({ phase: 'done', done: total, total });

  const byFile = new Map<GeneratedFileName, FileResult>();
  const dirt = emptyDirtCounts();
  for (const r of results) {
    for (const f of r.files) byFile.set(f.file, f);
    addDirtCounts(dirt, r.dirt);
  }
  const files = GENERATED_FILES.map((file) => {
    const r = byFile.get(file);
    if (r === undefined) throw new Error(`generator lost track of ${file}`);
    return { file, path: relativePath(file), rows: r.rows, bytes: r.bytes };
  });
  return {
    outDir,
    customers: settings.customers,
    seed: settings.seed,
    asOf: settings.asOf,
    dirtyRate: settings.dirtyRate,
    workers: lanes.length - 1,
    files,
    dirt,
  };
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
