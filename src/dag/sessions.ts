/**
 * Separate sessions: one child process per layer. Each layer's outputs are written to the work
 * folder in the columnar frame format; the next layer's process reads the ones it needs.
 *
 * Work folder layout:
 *   <work>/state.json               the run's options and each layer's status (for --resume)
 *   <work>/<layer>/job.json         what the layer's process runs
 *   <work>/<layer>/result.json      what it reports: model results, input accounting, row issues
 *   <work>/<layer>/<model>.c360     each successful model's output
 */
import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { C360Error, UsageError } from '../errors';
import { DataFrame } from '../engine/frame';
import { readFrameFile, readFrameSchema } from '../io/frame-file';
import { heapLimitMB, setsHeapLimit } from './heap';
import { LAYERS, Layer } from '../models/define';
import { ModelGraph } from './graph';
import { InputResult, ModelResult, roundSeconds } from './results';
import { KeepFrame, RunEvent, RunEventHandler, layerIsEmpty, modelsOfLayer } from './runner';
import { Selection } from './select';
import { BadRowPolicy, InputIssues } from './sources';
import { performance } from 'perf_hooks';

/** What one layer's process runs (`job.json`). */
export interface LayerJob {
  readonly dataDir: string;
  readonly asOf: string;
  readonly runTimestamp: string;
  readonly badRows: BadRowPolicy;
  readonly modelDirs: readonly string[];
  readonly builtIn: boolean;
  readonly layer: Layer;
  /** Models to run, in run order. */
  readonly models: readonly string[];
  readonly selected: readonly string[];
  /** Models of earlier layers that failed or were skipped → the failed model. */
  readonly failed: Readonly<Record<string, string>>;
  /** Upstream outputs of earlier layers the models read: model → frame file. */
  readonly upstream: Readonly<Record<string, string>>;
  /** Where outputs and `result.json` go. */
  readonly layerDir: string;
  /** Columns of each input file the layer reads to keep for the caller (see `SessionOptions.retain`). */
  readonly retain?: Readonly<Record<string, readonly string[]>>;
}

/** What one layer's process reports (`result.json`). */
export interface LayerOutcome {
  readonly layer: Layer;
  readonly models: readonly ModelResult[];
  readonly inputs: readonly InputResult[];
  readonly issues: readonly InputIssues[];
  /** Successful models → frame file. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Input files the layer read → frame file of their `retain` columns (the rows kept). */
  readonly retained?: Readonly<Record<string, string>>;
}

/** A message from a layer's process. */
export type WorkerMessage = { readonly kind: 'event'; readonly event: RunEvent } | { readonly kind: 'fatal'; readonly message: string; readonly usage: boolean };

/** The options of a run that a resumed run must share. */
interface RunKey {
  readonly data_dir: string;
  readonly as_of: string;
  readonly bad_rows: BadRowPolicy;
  readonly select: readonly string[];
  readonly exclude: readonly string[];
  readonly model_dirs: readonly string[];
  readonly built_in: boolean;
  /** Set only when the caller fixed the run timestamp. */
  readonly run_timestamp: string | null;
}

/** `state.json`. */
interface RunState {
  readonly version: 1;
  readonly key: RunKey;
  readonly run_timestamp: string;
  readonly layers: Partial<Record<Layer, 'success' | 'failed'>>;
}

/** Options of `runSeparateSessions` (paths absolute). */
export interface SessionOptions {
  readonly graph: ModelGraph;
  readonly selection: Selection;
  readonly dataDir: string;
  readonly asOf: string;
  readonly runTimestamp: string;
  readonly runTimestampGiven: boolean;
  readonly badRows: BadRowPolicy;
  readonly modelDirs: readonly string[];
  readonly builtIn: boolean;
  readonly workDir: string;
  readonly resume: boolean;
  readonly select: readonly string[];
  readonly exclude: readonly string[];
  readonly onEvent: RunEventHandler;
  /**
   * Columns of each input file (by declared name) that the layer reading the file writes to the
   * work folder, for the rows kept under the bad-row policy (`SessionsOutcome.retained`).
   */
  readonly retain?: Readonly<Record<string, readonly string[]>>;
}

/** What the separate sessions produced, merged over the layers. */
export interface SessionsOutcome {
  readonly models: ModelResult[];
  readonly inputs: InputResult[];
  readonly issues: InputIssues[];
  /** Each successful model's frame file (read them with `readOutputs`). */
  readonly outputs: ReadonlyMap<string, string>;
  /** Each input file read → the frame file of its `retain` columns (absent for layers reused from a work folder written before c360 kept them). */
  readonly retained: ReadonlyMap<string, string>;
  /** With `resume`: the first layer run again (null when every layer was reused). */
  readonly resumedFrom: Layer | null | undefined;
  readonly runTimestamp: string;
}

const STATE_FILE = 'state.json';

/** Runs each layer of the selection in its own process; see the module comment for the work folder. */
export async function runSeparateSessions(o: SessionOptions): Promise<SessionsOutcome> {
  const { graph, selection, workDir, onEvent } = o;
  const key: RunKey = {
    data_dir: o.dataDir,
    as_of: o.asOf,
    bad_rows: o.badRows,
    select: [...o.select],
    exclude: [...o.exclude],
    model_dirs: [...o.modelDirs],
    built_in: o.builtIn,
    run_timestamp: o.runTimestampGiven ? o.runTimestamp : null,
  };
  let state: RunState;
  if (o.resume) {
    const prev = readState(workDir);
    checkSameRun(prev.key, key, workDir);
    state = prev;
  } else {
    clearWorkDir(workDir);
    state = { version: 1, key, run_timestamp: o.runTimestamp, layers: {} };
  }
  fs.mkdirSync(workDir, { recursive: true });
  writeJsonAtomic(path.join(workDir, STATE_FILE), state);

  const outcomes: LayerOutcome[] = [];
  const failed = new Map<string, string>();
  const outputs = new Map<string, string>();
  const retained = new Map<string, string>();
  let rerun = !o.resume;
  let resumedFrom: Layer | null | undefined = o.resume ? null : undefined;
  for (const layer of LAYERS) {
    const models = modelsOfLayer(graph, layer, selection.run);
    if (models.length === 0) {
      onEvent(layerIsEmpty(graph, layer) ? { type: 'layer-empty', layer } : { type: 'layer-unselected', layer });
      continue;
    }
    const layerDir = path.join(workDir, layer);
    let outcome: LayerOutcome | null = null;
    if (!rerun) {
      const prev = state.layers[layer] === 'success' ? readOutcome(layerDir) : null;
      if (prev !== null && sameModels(prev, models)) {
        outcome = { ...prev, models: prev.models.map((m) => ({ ...m, reused: true })) };
        onEvent({ type: 'layer-reused', layer, models });
        for (const m of outcome.models) onEvent({ type: 'model-end', result: m });
      } else {
        rerun = true;
        resumedFrom = layer;
      }
    }
    if (outcome === null) {
      const t0 = performance.now();
      onEvent({ type: 'layer-start', layer, models });
      state = { ...state, layers: { ...state.layers, [layer]: 'failed' } };
      writeJsonAtomic(path.join(workDir, STATE_FILE), state);
      // When every model of the layer has a failed ancestor there is no process to start.
      outcome = skippedLayer(graph, layer, models, failed, new Set(selection.selected));
      if (outcome !== null) for (const m of outcome.models) onEvent({ type: 'model-end', result: m });
      else {
        outcome = await runLayerProcess(o, state.run_timestamp, layer, models, failed, outputs);
        const ok = outcome.models.every((m) => m.status === 'success');
        state = { ...state, layers: { ...state.layers, [layer]: ok ? 'success' : 'failed' } };
        writeJsonAtomic(path.join(workDir, STATE_FILE), state);
      }
      onEvent({ type: 'layer-end', layer, seconds: roundSeconds((performance.now() - t0) / 1000) });
    }
    for (const m of outcome.models) if (m.status !== 'success') failed.set(m.name, m.cause ?? m.name);
    for (const [m, file] of Object.entries(outcome.outputs)) outputs.set(m, file);
    for (const [f, file] of Object.entries(outcome.retained ?? {})) if (!retained.has(f)) retained.set(f, file);
    outcomes.push(outcome);
  }

  return { models: outcomes.flatMap((x) => x.models), ...mergeInputs(graph, outcomes), outputs, retained, resumedFrom, runTimestamp: state.run_timestamp };
}

/**
 * Reads back the frame files of `models` (those in `outputs`), one at a time, each cut down to
 * what `keep` says (only those columns are read).
 */
export async function readOutputs(models: readonly string[], outputs: ReadonlyMap<string, string>, keep: (model: string) => KeepFrame): Promise<Map<string, DataFrame>> {
  const frames = new Map<string, DataFrame>();
  for (const name of models) {
    const file = outputs.get(name);
    const k = keep(name);
    if (file === undefined || (k !== 'all' && k.length === 0)) continue;
    let columns: readonly string[] | undefined;
    if (k !== 'all') {
      const { schema } = await readFrameSchema(file);
      columns = k.filter((c) => schema.some((f) => f.name === c));
      if (columns.length === 0) continue;
    }
    frames.set(name, await readFrameFile(file, { columns }));
  }
  return frames;
}

/** Writes the layer's job, runs its process and reads what it reports. */
async function runLayerProcess(
  o: SessionOptions,
  runTimestamp: string,
  layer: Layer,
  models: readonly string[],
  failed: ReadonlyMap<string, string>,
  outputs: ReadonlyMap<string, string>,
): Promise<LayerOutcome> {
  const { graph, selection } = o;
  const layerDir = path.join(o.workDir, layer);
  const upstream: Record<string, string> = {};
  for (const m of models) {
    for (const p of graph.nodes.get(m)!.parents) {
      const file = outputs.get(p);
      if (file !== undefined && graph.nodes.get(p)!.model.layer !== layer) upstream[p] = file;
    }
  }
  const job: LayerJob = {
    dataDir: o.dataDir,
    asOf: o.asOf,
    runTimestamp,
    badRows: o.badRows,
    modelDirs: o.modelDirs,
    builtIn: o.builtIn,
    layer,
    models,
    selected: selection.selected.filter((n) => models.includes(n)),
    failed: Object.fromEntries(failed),
    upstream,
    layerDir,
    retain: o.retain ?? {},
  };
  clearLayerDir(layerDir);
  fs.mkdirSync(layerDir, { recursive: true });
  const jobFile = path.join(layerDir, 'job.json');
  writeJsonAtomic(jobFile, job);
  await runWorker(jobFile, layer, o.onEvent);
  const outcome = readOutcome(layerDir);
  if (outcome === null) throw new C360Error(`the ${layer} layer's process ended without writing ${path.join(layerDir, 'result.json')}`);
  return outcome;
}

/** The layer's outcome when every one of its models has a failed ancestor, else null. */
function skippedLayer(graph: ModelGraph, layer: Layer, models: readonly string[], failed: ReadonlyMap<string, string>, selected: ReadonlySet<string>): LayerOutcome | null {
  const causes = new Map(failed);
  const results: ModelResult[] = [];
  for (const name of models) {
    const parent = graph.nodes.get(name)!.parents.find((p) => causes.has(p));
    if (parent === undefined) return null;
    const cause = causes.get(parent)!;
    causes.set(name, cause);
    results.push({ name, layer, status: 'skipped', selected: selected.has(name), rows_in: null, rows_out: null, seconds: 0, cause });
  }
  return { layer, models: results, inputs: [], issues: [], outputs: {} };
}

/** Input accounting over layers: a file read by several layers counts once (its issues are the same each time). */
function mergeInputs(graph: ModelGraph, outcomes: readonly LayerOutcome[]): { inputs: InputResult[]; issues: InputIssues[] } {
  const inputs = new Map<string, InputResult>();
  const issues = new Map<string, InputIssues>();
  for (const o of outcomes) {
    for (const i of o.inputs) if (!inputs.has(i.name)) inputs.set(i.name, i);
    for (const i of o.issues) if (!issues.has(i.name)) issues.set(i.name, i);
  }
  const order = graph.inputs.map((f) => f.name);
  const byOrder = <T>(m: Map<string, T>): T[] => order.filter((n) => m.has(n)).map((n) => m.get(n)!);
  return { inputs: byOrder(inputs), issues: byOrder(issues) };
}

function sameModels(outcome: LayerOutcome, models: readonly string[]): boolean {
  return outcome.models.length === models.length && outcome.models.every((m, i) => m.name === models[i] && (m.status !== 'success' || outcome.outputs[m.name] !== undefined));
}

/** The path of this module's sibling worker and the node options to run it. */
function workerCommand(): { file: string; execArgv: string[]; env: NodeJS.ProcessEnv } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `layer-worker${ext}`);
  const keep = process.execArgv.filter((a) => /^--(max-old-space-size|max-semi-space-size|stack-size)=/.test(a));
  // A layer's process holds one layer's data, often more than V8's default heap limit (about
  // 4 GB): unless the user set a limit, it may use three quarters of the machine's memory.
  if (!setsHeapLimit(keep, process.env.NODE_OPTIONS)) keep.push(`--max-old-space-size=${heapLimitMB(os.totalmem())}`);
  if (ext !== '.ts') return { file, execArgv: keep, env: process.env };
  const tsconfig = path.join(__dirname, '..', '..', 'tsconfig.json');
  const env: NodeJS.ProcessEnv = { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' };
  if (fs.existsSync(tsconfig)) env.TS_NODE_PROJECT = tsconfig;
  return { file, execArgv: [...keep, '-r', require.resolve('ts-node/register/transpile-only'), '-r', path.join(__dirname, 'ts-cache.ts')], env };
}

/** Runs one layer's process; forwards its events; throws its fatal error as one sentence. */
function runWorker(jobFile: string, layer: Layer, onEvent: RunEventHandler): Promise<void> {
  const { file, execArgv, env } = workerCommand();
  return new Promise((resolve, reject) => {
    const child = fork(file, [jobFile], { execArgv, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let fatal: { message: string; usage: boolean } | null = null;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    child.stdout?.resume();
    child.on('message', (m: WorkerMessage) => {
      if (m.kind === 'event') onEvent(m.event);
      else fatal = { message: m.message, usage: m.usage };
    });
    child.on('error', (err) => reject(new C360Error(`cannot start the ${layer} layer's process: ${err.message}`, { cause: err })));
    child.on('exit', (code, signal) => {
      if (fatal !== null) reject(fatal.usage ? new UsageError(fatal.message) : new C360Error(fatal.message));
      else if (code === 0) resolve();
      else {
        const last = stderr.trim().split('\n').filter((l) => l.trim() !== '').pop();
        reject(new C360Error(`the ${layer} layer's process ${signal !== null ? `was stopped by ${signal}` : `exited with code ${code}`}${last === undefined ? '' : `: ${last.trim()}`}`));
      }
    });
  });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

function readOutcome(layerDir: string): LayerOutcome | null {
  const x = readJson(path.join(layerDir, 'result.json'));
  return typeof x === 'object' && x !== null && 'models' in x ? (x as LayerOutcome) : null;
}

function readState(workDir: string): RunState {
  const x = readJson(path.join(workDir, STATE_FILE));
  if (typeof x !== 'object' || x === null || !('version' in x) || x.version !== 1) {
    throw new UsageError(`nothing to resume: no previous separate-sessions run in ${workDir}`);
  }
  return x as RunState;
}

function checkSameRun(prev: RunKey, cur: RunKey, workDir: string): void {
  for (const k of Object.keys(cur) as (keyof RunKey)[]) {
    if (JSON.stringify(prev[k]) !== JSON.stringify(cur[k])) {
      throw new UsageError(`cannot resume: the previous run in ${workDir} used ${k} ${JSON.stringify(prev[k])}, this one ${JSON.stringify(cur[k])}`);
    }
  }
}

/** Removes what a previous run left in the work folder (only c360's own files). */
function clearWorkDir(workDir: string): void {
  for (const layer of LAYERS) clearLayerDir(path.join(workDir, layer));
  fs.rmSync(path.join(workDir, STATE_FILE), { force: true });
}

function clearLayerDir(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir)) {
    if (f.endsWith('.c360') || f === 'job.json' || f === 'result.json' || f.endsWith('.tmp')) fs.rmSync(path.join(dir, f), { force: true });
  }
  if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}

/** Writes JSON through a temporary file and a rename. */
export function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(tmp, file);
}
