/**
 * `runPipeline`: discovers the models, resolves and orders the graph, applies the selection,
 * checks the input files, runs the models (in memory, or one process per layer) and returns every
 * model's frame, the run record and the summary. It writes nothing but the separate sessions'
 * work folder; `writeOutputs` writes the product.
 */
import * as path from 'path';
import { UsageError } from '../errors';
import { DataFrame } from '../engine/frame';
import { civilFromDays, daysFromCivil } from '../engine/format';
import { Layer, RunContext } from '../models/define';
import { PipelineSummary, summarize } from '../report/summary';
import { FrameDictionaries, readFrameFile } from '../io/frame-file';
import { ACCOUNTING_COLUMNS, ACCOUNTING_MODEL_KEYS, accountRows } from '../quality/accounting';
import { ModelGraph, buildGraph } from './graph';
import { ModelRegistry, discoverModels } from './registry';
import { InputResult, ModelResult, RunResults, c360Version, roundSeconds } from './results';
import { KeepFrame, RunEventHandler, runSingleSession } from './runner';
import { selectModels } from './select';
import { BAD_ROW_POLICIES, BadRowPolicy, InputIssues, checkInputFiles, openInputs } from './sources';

/** The data product's model: its frame is what the run writes and summarises. */
export const PRODUCT_MODEL = 'customer_analytics_c360';

/** What `runPipeline` runs. */
export interface PipelineOptions {
  /** The data folder (spec section 1 layout). */
  readonly dataDir: string;
  /** The as-of date, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** The run timestamp, `YYYY-MM-DD HH:MM:SS`; default the current UTC time. */
  readonly runTimestamp?: string;
  /** Selectors (`name`, `+name`, `name+`, `layer:NAME`); default every model. */
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  /** What to do with rows that do not fit the schema; default `reject`. */
  readonly badRows?: BadRowPolicy;
  /** Users' models folders (`DIR/<layer>/*.js`). */
  readonly modelDirs?: readonly string[];
  /** Include the built-in models (default true). */
  readonly builtInModels?: boolean;
  /** Models given as values instead of discovered from folders (single session only). */
  readonly registry?: ModelRegistry;
  /** One child process per layer, outputs handed over through `workDir`. */
  readonly separateSessions?: boolean;
  /** Re-run from the first failed layer of the previous separate-sessions run in `workDir` (implies separate sessions). */
  readonly resume?: boolean;
  /** The separate sessions' work folder; default `./.c360-work`. */
  readonly workDir?: string;
  /** Receives progress events; nothing is printed. */
  readonly onEvent?: RunEventHandler;
  /** Keep every column of every input file read in `inputs` (for data tests); default: only the row accounting's columns. */
  readonly keepInputs?: boolean;
  /**
   * Which models' frames the run keeps and returns in `models` (default `'all'`):
   * - `'all'`: every model that succeeded;
   * - `'outputs'`: only the product (what `writeOutputs` writes without `writeAll`);
   * - a list of model names: those (and not the product, unless named).
   * A frame that is not kept is dropped as soon as the last model that reads it has run, which is
   * what lets large data fit in memory (a `frame-released` event tells when). The row accounting
   * and the summary still get what they read. Data tests (`withDataTests`) test the models kept.
   */
  readonly keep?: KeepModels;
}

/** Which models' frames `runPipeline` keeps (see `PipelineOptions.keep`). */
export type KeepModels = 'all' | 'outputs' | readonly string[];

/** What `runPipeline` returns. */
export interface PipelineResult {
  /** Every model that succeeded, by name (with `keep`, only the models kept). */
  readonly models: Readonly<Record<string, DataFrame>>;
  /** The summary figures, when the product model ran. */
  readonly summary: PipelineSummary | null;
  /** The run record (`run_results.json`). */
  readonly results: RunResults;
  /** Problems found in the input files (rows rejected, or kept with nulls). */
  readonly rejects: readonly InputIssues[];
  /** The resolved model graph of the run (for lineage and reports). */
  readonly graph: ModelGraph;
  /**
   * The input files read, by declared name, as the models saw them (after the bad-row policy):
   * every column with `keepInputs`, else the columns of the row accounting.
   */
  readonly inputs: Readonly<Record<string, DataFrame>>;
}

/** Checks a `YYYY-MM-DD` date that exists in the calendar; throws a UsageError otherwise. */
export function checkDate(text: string, what: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ok = m !== null && sameDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!ok) throw new UsageError(`${what} must be a real date written YYYY-MM-DD, got "${text}"`);
  return text;
}

function sameDate(y: number, mo: number, d: number): boolean {
  const [y2, m2, d2] = civilFromDays(daysFromCivil(y, mo, d));
  return y2 === y && m2 === mo && d2 === d;
}

/** The current UTC time as a naive `YYYY-MM-DD HH:MM:SS`. */
export function utcTimestamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Runs the pipeline and returns every model's frame (or those of `keep`), the run record and the summary.
 * Model errors do not throw (see `results.success`); a missing folder, file or required column,
 * `badRows: 'fail'` on a bad row, or a bad option do.
 * @example const { models, summary } = await runPipeline({ dataDir: 'data/sample', asOf: '2024-12-31' });
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const startedAt = new Date();
  const asOf = checkDate(options.asOf, 'the as-of date');
  const runTimestamp = options.runTimestamp ?? utcTimestamp(startedAt);
  if (!/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(runTimestamp)) throw new UsageError(`the run timestamp must be written YYYY-MM-DD HH:MM:SS, got "${runTimestamp}"`);
  const badRows = options.badRows ?? 'reject';
  if (!BAD_ROW_POLICIES.includes(badRows)) throw new UsageError(`the bad-row policy must be one of ${BAD_ROW_POLICIES.join(', ')}, got "${String(badRows)}"`);
  const separate = options.separateSessions === true || options.resume === true;
  const keepModels = options.keep ?? 'all';
  if (keepModels !== 'all' && keepModels !== 'outputs' && !Array.isArray(keepModels)) throw new UsageError(`keep must be 'all', 'outputs' or a list of model names, got ${JSON.stringify(keepModels)}`);
  if (separate && options.registry !== undefined) throw new UsageError('separate sessions need models discovered from folders (modelDirs), not a registry of values');

  const registry = options.registry ?? discoverModels({ modelDirs: options.modelDirs, builtIn: options.builtInModels });
  const graph = buildGraph(registry);
  const selection = selectModels(graph, { select: options.select, exclude: options.exclude });
  const dataDir = options.dataDir;
  checkInputFiles(dataDir, filesRead(graph, selection.run));
  const onEvent = options.onEvent ?? ((): void => undefined);
  const kept = keptModels(keepModels, selection.run);
  /**
   * What the run holds of a model after its last reader: all of a kept model and of the product
   * (the summary reads it), else the key column the row accounting reads, if any.
   */
  const keepFrame = (model: string): KeepFrame => (kept.has(model) || model === PRODUCT_MODEL ? 'all' : accountingColumns(model));

  let models: ModelResult[];
  let inputs: InputResult[];
  let rejects: InputIssues[];
  let frames: Map<string, DataFrame>;
  let inputFrames: Record<string, DataFrame>;
  const retain = Object.fromEntries(graph.inputs.map((f) => [f.name, options.keepInputs === true ? f.columns.map((c) => c.name) : (ACCOUNTING_COLUMNS[f.name] ?? [])]));
  let resumedFrom: Layer | null | undefined;
  let timestamp = runTimestamp;
  /** Separate sessions: reads the kept frames, after the accounting. */
  let readBack: (() => Promise<Map<string, DataFrame>>) | undefined;
  if (separate) {
    // Loaded on demand: a single-session run never needs the process and frame-file machinery.
    const { readOutputs, runSeparateSessions } = await import('./sessions');
    const out = await runSeparateSessions({
      graph,
      selection,
      dataDir: path.resolve(dataDir),
      asOf,
      runTimestamp,
      runTimestampGiven: options.runTimestamp !== undefined,
      badRows,
      modelDirs: (options.modelDirs ?? []).map((d) => path.resolve(d)),
      builtIn: options.builtInModels !== false,
      workDir: path.resolve(options.workDir ?? '.c360-work'),
      resume: options.resume === true,
      select: options.select ?? [],
      exclude: options.exclude ?? [],
      onEvent,
      retain,
    });
    ({ models, inputs } = out);
    // The accounting's key columns first; the frames kept whole (the product) once it is done, so
    // the two are not in memory together.
    frames = await readOutputs(selection.run, out.outputs, accountingColumns);
    readBack = () => readOutputs(selection.run, out.outputs, keepFrame);
    rejects = out.issues;
    resumedFrom = out.resumedFrom;
    timestamp = out.runTimestamp;
    // The columns kept for accounting and tests, as the layers' processes wrote them (a file is read
    // again only when a reused layer of an older work folder did not write them).
    const catalog = openInputs({ dataDir, files: graph.inputs, policy: badRows, retain });
    const read = new Set(inputs.map((i) => i.name));
    const dictionaries = new FrameDictionaries();
    inputFrames = {};
    for (const f of graph.inputs) {
      if (!read.has(f.name) || (options.keepInputs !== true && !out.outputs.has(PRODUCT_MODEL))) continue;
      const file = out.retained.get(f.name);
      if (file !== undefined) inputFrames[f.name] = await readFrameFile(file, { dictionaries });
      else {
        await catalog.read(f.name, []);
        inputFrames[f.name] = catalog.retained()[f.name]!;
      }
    }
  } else {
    const ctx: RunContext = { asOf, runTimestamp };
    frames = new Map();
    const catalog = openInputs({ dataDir, files: graph.inputs, policy: badRows, onEvent, retain });
    models = await runSingleSession({ graph, ctx, selected: new Set(selection.selected), frames, failed: new Map(), inputs: catalog, onEvent }, selection.run, keepFrame);
    inputs = catalog.results();
    rejects = catalog.issues();
    inputFrames = catalog.retained();
  }
  const accounting = await accountRows({ inputs: inputFrames, rejected: Object.fromEntries(inputs.map((i) => [i.name, i.rows_rejected])), models: Object.fromEntries(frames) });
  inputs = inputs.map((i) => (accounting[i.name] === undefined ? i : { ...i, accounting: accounting[i.name] }));
  if (readBack !== undefined) {
    frames.clear();
    frames = await readBack();
  }

  const product = frames.get(PRODUCT_MODEL);
  const summary = product === undefined ? null : summarize(product);
  const finishedAt = new Date();
  const results: RunResults = {
    metadata: {
      c360_version: c360Version(),
      engine: 'memory',
      mode: separate ? 'separate-sessions' : 'single-session',
      as_of: asOf,
      run_timestamp: timestamp,
      started_at: startedAt.toISOString(),
      finished_at: finishedAt.toISOString(),
      elapsed_seconds: roundSeconds((finishedAt.getTime() - startedAt.getTime()) / 1000),
      data_dir: dataDir,
      bad_rows: badRows,
      select: [...(options.select ?? [])],
      exclude: [...(options.exclude ?? [])],
      selected_models: [...selection.selected],
      dependency_models: [...selection.dependencies],
      ...(resumedFrom === undefined ? {} : { resumed_from: resumedFrom }),
    },
    success: models.every((m) => m.status === 'success'),
    models,
    inputs,
    summary,
    tests: [],
  };
  return { models: Object.fromEntries(selection.run.filter((n) => frames.has(n) && kept.has(n)).map((n) => [n, frames.get(n)!])), summary, results, rejects, graph, inputs: inputFrames };
}

/** The models whose whole frames a run keeps, of those it runs. */
function keptModels(keep: KeepModels, run: readonly string[]): Set<string> {
  if (keep === 'all') return new Set(run);
  if (keep === 'outputs') return new Set(run.includes(PRODUCT_MODEL) ? [PRODUCT_MODEL] : []);
  return new Set(keep.filter((n) => run.includes(n)));
}

/** The columns of a model that the row accounting reads (none for most models). */
function accountingColumns(model: string): readonly string[] {
  return Object.values(ACCOUNTING_MODEL_KEYS)
    .filter(([m]) => m === model)
    .map(([, key]) => key);
}

/** The declared input files the given models read, in declaration order. */
export function filesRead(graph: ModelGraph, models: readonly string[]): ModelGraph['inputs'] {
  const names = new Set(models.flatMap((n) => graph.nodes.get(n)!.sources));
  return graph.inputs.filter((f) => names.has(f.name));
}
