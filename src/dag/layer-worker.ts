/**
 * The process that runs one layer in separate-sessions mode: `node layer-worker.js <job.json>`.
 * Reads the upstream outputs it needs from the work folder, runs its models, writes their outputs
 * and `result.json`, and sends its events to the parent over the IPC channel. Prints nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { C360Error, UsageError } from '../errors';
import { DataFrame } from '../engine/frame';
import { StringColumn } from '../engine/column';
import { SharedDictionary } from '../engine/dictionary';
import { Field } from '../engine/types';
import { FrameDictionaries, readFrameFile, readFrameSchema, writeFrameFile } from '../io/frame-file';
import { buildGraph } from './graph';
import { discoverModels } from './registry';
import { FrameReleaser, RunEvent, errorText, runLayer, upstreamScans } from './runner';
import { LayerJob, LayerOutcome, WorkerMessage, writeJsonAtomic } from './sessions';
import { joinKeys, openInputs } from './sources';

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

/** Runs the job; model errors are results, anything else is fatal. */
export async function runLayerJob(job: LayerJob, emit: (m: WorkerMessage) => void): Promise<LayerOutcome> {
  const graph = buildGraph(discoverModels({ modelDirs: job.modelDirs, builtIn: job.builtIn }));
  for (const m of job.models) if (!graph.nodes.has(m)) throw new C360Error(`the ${job.layer} layer's process does not find model ${m}`);
  const onEvent = (event: RunEvent): void => emit({ kind: 'event', event });
  // Only the columns of the upstream frames that this layer's plans scan are read (the plans are
  // built once for that, on a catalog that reads nothing).
  const schemas = new Map<string, Field[]>();
  for (const [name, file] of Object.entries(job.upstream)) schemas.set(name, (await readFrameSchema(file)).schema);
  const planning = openInputs({ dataDir: job.dataDir, files: graph.inputs, policy: job.badRows });
  const scanned = upstreamScans({ graph, inputs: planning, ctx: { asOf: job.asOf, runTimestamp: job.runTimestamp } }, job.models, schemas);
  const frames = new Map<string, DataFrame>();
  const dictionaries = new FrameDictionaries();
  const sharedDictionaries = new Map<string, SharedDictionary>();
  for (const [name, file] of Object.entries(job.upstream)) {
    const columns = scanned.get(name);
    frames.set(name, await readFrameFile(file, { columns: columns === undefined ? [] : schemas.get(name)!.map((f) => f.name).filter((c) => columns.has(c)), dictionaries }));
  }
  for (const key of joinKeys(graph.inputs)) {
    let largest: readonly string[] | undefined;
    for (const frame of frames.values()) {
      const c = frame.has(key) ? frame.column(key) : undefined;
      if (c instanceof StringColumn && (largest === undefined || c.dict.length > largest.length)) largest = c.dict;
    }
    const owned = largest === undefined ? undefined : dictionaries.owned(largest);
    if (owned !== undefined) sharedDictionaries.set(key, new SharedDictionary(owned));
  }
  // The input files' shared-key dictionaries start from those of the upstream frames, so the ids
  // of both compare by code.
  const inputs = openInputs({ dataDir: job.dataDir, files: graph.inputs, policy: job.badRows, onEvent, sharedDictionaries, retain: job.retain ?? {} });
  const models = await runLayer(
    {
      graph,
      ctx: { asOf: job.asOf, runTimestamp: job.runTimestamp },
      selected: new Set(job.selected),
      frames,
      failed: new Map(Object.entries(job.failed)),
      inputs,
      onEvent,
      // Upstream frames and input files are dropped after their last reader; this layer's
      // outputs stay until written.
      upstreamSchemas: schemas,
      releaser: new FrameReleaser(graph, job.models, frames, inputs, (m) => (job.models.includes(m) ? 'all' : []), onEvent, Object.keys(job.upstream)),
    },
    job.models,
  );
  const outputs: Record<string, string> = {};
  for (const m of models) {
    if (m.status !== 'success') continue;
    const file = path.join(job.layerDir, `${m.name}.c360`);
    await writeFrameFile(frames.get(m.name)!, file);
    frames.delete(m.name);
    outputs[m.name] = file;
  }
  // The kept columns of the input files read, so the parent need not parse the files again.
  const retained: Record<string, string> = {};
  for (const [name, frame] of Object.entries(inputs.retained())) {
    const file = path.join(job.layerDir, `input-${name}.c360`);
    await writeFrameFile(frame, file);
    retained[name] = file;
  }
  return { layer: job.layer, models, inputs: inputs.results(), issues: inputs.issues(), outputs, retained };
}

async function main(): Promise<void> {
  const jobFile = process.argv[2];
  let pending: Promise<void> = Promise.resolve();
  const emit = (m: WorkerMessage): void => {
    pending = pending.then(() => send(m));
  };
  try {
    if (jobFile === undefined) throw new UsageError('usage: layer-worker <job.json>');
    const job = JSON.parse(fs.readFileSync(jobFile, 'utf8')) as LayerJob;
    const outcome = await runLayerJob(job, emit);
    writeJsonAtomic(path.join(job.layerDir, 'result.json'), outcome);
  } catch (err) {
    emit({ kind: 'fatal', message: errorText(err), usage: err instanceof UsageError });
    process.exitCode = 1;
  }
  await pending;
  if (process.connected) process.disconnect();
}

if (require.main === module) void main();
