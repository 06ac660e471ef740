/**
 * Runs models in graph order with their inputs as lazy frames, one layer at a time. Within a
 * layer every model's plan is built first, so each input file is read once with exactly the
 * columns the layer's plans use (projection pushdown reaches the CSV reader). A model that
 * throws is an `error`; its descendants are `skipped` with the failed model as their `cause`.
 * Reports through `onEvent`; never prints.
 */
import { performance } from 'perf_hooks';
import { C360Error } from '../errors';
import { DataFrame } from '../engine/frame';
import { LazyFrame, ScanSource, optimize, postOrder } from '../engine/plan';
import { LAYERS, Layer, RunContext } from '../models/define';
import { ModelGraph } from './graph';
import { ModelResult, roundSeconds } from './results';
import { InputCatalog, InputEvent } from './sources';

/** What a run reports as it goes, in order. */
export type RunEvent =
  | InputEvent
  | { readonly type: 'layer-start'; readonly layer: Layer; readonly models: readonly string[] }
  /** The layer has no models at all (dimensions today). */
  | { readonly type: 'layer-empty'; readonly layer: Layer }
  /** The layer has models but the selection runs none of them. */
  | { readonly type: 'layer-unselected'; readonly layer: Layer }
  /** `--resume`: the layer succeeded in the previous run; its outputs are reused. */
  | { readonly type: 'layer-reused'; readonly layer: Layer; readonly models: readonly string[] }
  | { readonly type: 'model-end'; readonly result: ModelResult }
  /**
   * A frame was dropped from memory because every model of the run that reads it has ended
   * (`after` is the one that ended last): an input file's frame, or a model's frame that the run
   * does not keep (`kept`: the columns still held for the caller, often none).
   */
  | { readonly type: 'frame-released'; readonly kind: 'input' | 'model'; readonly name: string; readonly after: string; readonly kept: readonly string[] }
  | { readonly type: 'layer-end'; readonly layer: Layer; readonly seconds: number };

/** Receives run events. */
export type RunEventHandler = (event: RunEvent) => void;

/** The state shared by the layers of one run. */
export interface LayerRun {
  readonly graph: ModelGraph;
  readonly ctx: RunContext;
  /** Models the user selected (the others that run are dependencies). */
  readonly selected: ReadonlySet<string>;
  /** Outputs of models that succeeded so far (earlier layers; filled with this layer's). */
  readonly frames: Map<string, DataFrame>;
  /** Models that failed or were skipped so far → the failed model that caused it. */
  readonly failed: Map<string, string>;
  readonly inputs: InputCatalog;
  readonly onEvent: RunEventHandler;
  /**
   * Drops frames as soon as their last reader has run (see `FrameReleaser`); without it every
   * model's frame stays in `frames` (separate sessions' layer processes write them all).
   */
  readonly releaser?: FrameReleaser;
  /**
   * Schemas of upstream outputs whose frames in `frames` hold only the columns this run's plans
   * scan (a layer's process reads no more of the earlier layers' files); plans are built on these.
   */
  readonly upstreamSchemas?: ReadonlyMap<string, LazyFrame['schema']>;
}

/**
 * What a run keeps of a model's frame once every model that reads it has run: `'all'` (the whole
 * frame stays in `frames`), or only the named columns (those the frame has; none = dropped).
 */
export type KeepFrame = 'all' | readonly string[];

/**
 * Frees frames during a single-session run. Each model's frame, and each input file's frame,
 * is dropped right after the last model of the run that reads it has ended (succeeded, failed or
 * been skipped), unless `keep` says to keep it (the run's outputs, what the caller asked for).
 * A model that no model of the run reads is released right after it ends.
 */
export class FrameReleaser {
  /** Models and input files (as `input:<name>`) → readers in the run that have not ended. */
  private readonly waiting = new Map<string, number>();
  constructor(
    private readonly graph: ModelGraph,
    toRun: readonly string[],
    private readonly frames: Map<string, DataFrame>,
    private readonly inputs: InputCatalog,
    private readonly keep: (model: string) => KeepFrame,
    private readonly onEvent: RunEventHandler,
    /** Frames of models run earlier (in `frames`) to release after their last reader in `toRun`. */
    upstream: readonly string[] = [],
  ) {
    for (const n of [...toRun, ...upstream]) this.waiting.set(n, 0);
    for (const n of toRun) {
      const node = graph.nodes.get(n)!;
      for (const p of node.parents) if (this.waiting.has(p)) this.waiting.set(p, this.waiting.get(p)! + 1);
      for (const s of node.sources) this.waiting.set(inputKey(s), (this.waiting.get(inputKey(s)) ?? 0) + 1);
    }
  }

  /** The model has ended (its result is final): releases what no later model of the run reads. */
  ended(name: string): void {
    const node = this.graph.nodes.get(name)!;
    for (const p of node.parents) if (this.countDown(p)) this.releaseModel(p, name);
    for (const s of node.sources) {
      if (!this.countDown(inputKey(s))) continue;
      this.inputs.release(s);
      this.onEvent({ type: 'frame-released', kind: 'input', name: s, after: name, kept: [] });
    }
    if (this.waiting.get(name) === 0) {
      this.waiting.delete(name);
      this.releaseModel(name, name);
    }
  }

  /** True when the last reader of the model or input has ended. */
  private countDown(key: string): boolean {
    const left = this.waiting.get(key);
    if (left === undefined) return false;
    if (left > 1) {
      this.waiting.set(key, left - 1);
      return false;
    }
    this.waiting.delete(key);
    return true;
  }

  private releaseModel(name: string, after: string): void {
    const frame = this.frames.get(name);
    const keep = this.keep(name);
    if (frame === undefined || keep === 'all') return;
    const kept = keep.filter((c) => frame.has(c));
    if (kept.length === 0) this.frames.delete(name);
    else this.frames.set(name, frame.select(kept));
    this.onEvent({ type: 'frame-released', kind: 'model', name, after, kept });
  }
}

function inputKey(name: string): string {
  return `input:${name}`;
}

/** The models of the graph in one layer that are in `names`, in run order. */
export function modelsOfLayer(graph: ModelGraph, layer: Layer, names: Iterable<string>): string[] {
  const set = new Set(names);
  return graph.order.filter((n) => set.has(n) && graph.nodes.get(n)!.model.layer === layer);
}

/** True when the registry has no model in the layer. */
export function layerIsEmpty(graph: ModelGraph, layer: Layer): boolean {
  return !graph.order.some((n) => graph.nodes.get(n)!.model.layer === layer);
}

/**
 * Runs the given models of one layer (in run order); returns their results. Input files that
 * cannot be read, and `--bad-rows fail`, throw: they stop the run.
 */
export async function runLayer(run: LayerRun, models: readonly string[]): Promise<ModelResult[]> {
  const { graph, ctx, frames, failed, inputs } = run;
  const results = new Map<string, ModelResult>();
  /** Milliseconds spent so far on each model (building its plan, then running it). */
  const spent = new Map<string, number>();
  const plans = new Map<string, LazyFrame>();
  const result = (name: string, r: Omit<ModelResult, 'name' | 'layer' | 'selected'>): ModelResult => ({
    name,
    layer: graph.nodes.get(name)!.model.layer,
    selected: run.selected.has(name),
    ...r,
  });
  const causeOf = (name: string): string | null => {
    for (const p of graph.nodes.get(name)!.parents) {
      const c = failed.get(p);
      if (c !== undefined) return c;
    }
    return null;
  };
  const skip = (name: string, cause: string): void => {
    failed.set(name, cause);
    results.set(name, result(name, { status: 'skipped', rows_in: null, rows_out: null, seconds: 0, cause }));
  };
  const fail = (name: string, err: unknown): void => {
    failed.set(name, name);
    const seconds = roundSeconds((spent.get(name) ?? 0) / 1000);
    results.set(name, result(name, { status: 'error', rows_in: null, rows_out: null, seconds, error: errorText(err) }));
  };
  const timed = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      spent.set(name, (spent.get(name) ?? 0) + performance.now() - t0);
    }
  };

  // 1. Build every plan (upstream models of this layer are known by their plans' schemas).
  const schemas = new Map<string, LazyFrame['schema']>();
  for (const name of models) {
    const cause = causeOf(name);
    if (cause !== null) {
      skip(name, cause);
      continue;
    }
    try {
      const plan = await timed(name, () => buildPlan(run, name, schemas));
      plans.set(name, plan);
      schemas.set(name, plan.schema);
    } catch (err) {
      fail(name, err);
    }
  }

  // 2. Read each input file the plans scan, once, with the union of the columns they use.
  const wanted = new Map<string, Set<string>>();
  for (const [name, plan] of plans) {
    let nodes;
    try {
      nodes = postOrder(optimize(plan.plan));
    } catch (err) {
      plans.delete(name);
      fail(name, err);
      continue;
    }
    for (const [file, columns] of fileScans(inputs, nodes)) {
      let set = wanted.get(file);
      if (set === undefined) wanted.set(file, (set = new Set()));
      for (const c of columns) set.add(c);
    }
  }
  for (const f of graph.inputs) {
    const cols = wanted.get(f.name);
    if (cols !== undefined) await inputs.read(f.name, [...cols]);
  }

  // 3. Run the plans in order. Once a model has ended, frames that no later model reads are released.
  for (const name of models) {
    const emit = (): void => {
      run.onEvent({ type: 'model-end', result: results.get(name)! });
      run.releaser?.ended(name);
    };
    if (results.has(name)) {
      emit();
      continue;
    }
    const cause = causeOf(name);
    if (cause !== null) {
      skip(name, cause);
      emit();
      continue;
    }
    try {
      const frame = await timed(name, () => plans.get(name)!.collect());
      frames.set(name, frame);
      results.set(name, result(name, { status: 'success', rows_in: rowsIn(run, name), rows_out: frame.numRows, seconds: roundSeconds(spent.get(name)! / 1000) }));
    } catch (err) {
      fail(name, err);
    }
    emit();
  }
  return models.map((n) => results.get(n)!);
}

/** Calls the model's build with lazy inputs: scans of input files, or deferred scans of upstream outputs. */
function buildPlan(
  run: Pick<LayerRun, 'graph' | 'inputs' | 'ctx' | 'frames' | 'upstreamSchemas'>,
  name: string,
  sameLayerSchemas: ReadonlyMap<string, LazyFrame['schema']>,
  upstreamSources?: Map<ScanSource, string>,
): LazyFrame {
  const { model } = run.graph.nodes.get(name)!;
  const lazy: Record<string, LazyFrame> = {};
  for (const [alias, ref] of Object.entries(model.inputs)) {
    if (ref.kind === 'source') {
      lazy[alias] = LazyFrame.scan(run.inputs.source(ref.name));
      continue;
    }
    const upstream = ref.name;
    const schema = run.upstreamSchemas?.get(upstream) ?? run.frames.get(upstream)?.schema ?? sameLayerSchemas.get(upstream);
    if (schema === undefined) throw new C360Error(`model ${name} reads ${upstream}, which has not run`);
    const source: ScanSource = {
      name: upstream,
      schema,
      load: (columns) => {
        const frame = run.frames.get(upstream);
        if (frame === undefined) throw new C360Error(`model ${name} reads ${upstream}, which has not run`);
        return frame.select(columns);
      },
    };
    upstreamSources?.set(source, upstream);
    lazy[alias] = LazyFrame.scan(source);
  }
  const plan: unknown = model.build(lazy, run.ctx);
  if (!(plan instanceof LazyFrame)) throw new C360Error(`model ${name}: build must return a LazyFrame`);
  return plan;
}

/**
 * The columns of each upstream frame (the output of a model of an earlier layer, by name) that the
 * plans of `models` (one layer, in run order) scan after projection pushdown, given the upstream
 * frames' schemas: what a layer's process reads of the earlier layers' files. Models whose plans
 * cannot be built are left out (running the layer reports their error).
 */
export function upstreamScans(
  run: Pick<LayerRun, 'graph' | 'inputs' | 'ctx'>,
  models: readonly string[],
  upstream: ReadonlyMap<string, LazyFrame['schema']>,
): Map<string, Set<string>> {
  const sameLayer = new Map<string, LazyFrame['schema']>();
  const out = new Map<string, Set<string>>();
  for (const name of models) {
    const sources = new Map<ScanSource, string>();
    let nodes;
    try {
      const plan = buildPlan({ ...run, frames: new Map(), upstreamSchemas: upstream }, name, sameLayer, sources);
      sameLayer.set(name, plan.schema);
      nodes = postOrder(optimize(plan.plan));
    } catch {
      continue;
    }
    for (const node of nodes) {
      if (node.kind !== 'scan') continue;
      const owner = sources.get(node.source);
      if (owner === undefined || !upstream.has(owner)) continue;
      let set = out.get(owner);
      if (set === undefined) out.set(owner, (set = new Set()));
      for (const c of node.columns) set.add(c);
    }
  }
  return out;
}

/** Rows of all the model's inputs together. */
function rowsIn(run: LayerRun, name: string): number {
  let n = 0;
  for (const ref of Object.values(run.graph.nodes.get(name)!.model.inputs)) {
    n += ref.kind === 'source' ? run.inputs.rows(ref.name) : (run.frames.get(ref.name)?.numRows ?? 0);
  }
  return n;
}

/** One line of an error for the results: the message's first line. */
export function errorText(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const first = msg.split('\n')[0]!.trim();
  return err instanceof C360Error || !(err instanceof Error) ? first : `${err.name}: ${first}`;
}

/** The input files a plan's nodes scan, each with the columns of one scan (after projection pushdown). */
function fileScans(inputs: InputCatalog, nodes: ReturnType<typeof postOrder>): [string, readonly string[]][] {
  const out: [string, readonly string[]][] = [];
  for (const node of nodes) {
    if (node.kind !== 'scan') continue;
    const file = inputs.owns(node.source);
    if (file !== null) out.push([file, node.columns]);
  }
  return out;
}

/**
 * The input files the run's plans scan: for each, the union of the columns its scans use (after
 * projection pushdown) and the first layer that reads it, in the order the layers need them.
 * Models whose plans cannot be built are left out (their layer reports the error).
 */
function plannedReads(run: LayerRun, toRun: readonly string[]): Map<string, { firstLayer: number; columns: Set<string> }> {
  const schemas = new Map<string, LazyFrame['schema']>();
  const byFile = new Map<string, { firstLayer: number; columns: Set<string> }>();
  for (const [i, layer] of LAYERS.entries()) {
    for (const name of modelsOfLayer(run.graph, layer, toRun)) {
      let nodes;
      try {
        const plan = buildPlan(run, name, schemas);
        schemas.set(name, plan.schema);
        nodes = postOrder(optimize(plan.plan));
      } catch {
        continue;
      }
      for (const [file, columns] of fileScans(run.inputs, nodes)) {
        let r = byFile.get(file);
        if (r === undefined) byFile.set(file, (r = { firstLayer: i, columns: new Set() }));
        for (const c of columns) r.columns.add(c);
      }
    }
  }
  return byFile;
}

/**
 * Runs the selected models in one process, layer by layer, frames kept in memory. An input
 * file's frame is dropped as soon as the last model that reads it has ended, and so is a model's
 * frame, unless `keep` says otherwise (default: every model's frame is kept in `run.frames`).
 * Returns every model's result in run order.
 */
export async function runSingleSession(run: LayerRun, toRun: readonly string[], keep: (model: string) => KeepFrame = () => 'all'): Promise<ModelResult[]> {
  const { graph, onEvent } = run;
  const out: ModelResult[] = [];
  run = { ...run, releaser: new FrameReleaser(graph, toRun, run.frames, run.inputs, keep, onEvent) };
  const reads = plannedReads(run, toRun);
  const prefetch = (layer: number): void => {
    for (const [file, r] of reads) if (r.firstLayer === layer) run.inputs.prefetch(file, [...r.columns]);
  };
  try {
    prefetch(0);
    for (const [i, layer] of LAYERS.entries()) {
      const models = modelsOfLayer(graph, layer, toRun);
      if (models.length === 0) {
        onEvent(layerIsEmpty(graph, layer) ? { type: 'layer-empty', layer } : { type: 'layer-unselected', layer });
        prefetch(i + 1);
        continue;
      }
      const t0 = performance.now();
      onEvent({ type: 'layer-start', layer, models });
      // The files the next layer reads first are parsed while this layer runs (worker threads).
      prefetch(i + 1);
      out.push(...(await runLayer(run, models)));
      onEvent({ type: 'layer-end', layer, seconds: roundSeconds((performance.now() - t0) / 1000) });
    }
  } finally {
    // Nothing read ahead for a layer that did not run goes on parsing after the run.
    await run.inputs.settle();
  }
  return out;
}
