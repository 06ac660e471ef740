/**
 * The process that runs one layer in separate-sessions mode: `node layer-worker.js <job.json>`.
 * Reads the upstream outputs it needs from the work folder, runs its models, writes their outputs
 * and `result.json`, and sends its events to the parent over the IPC channel. Prints nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { C360Error, UsageError } from '../errors';
import { DataFrame } from '../engine/frame';
import { readFrameFile, writeFrameFile } from '../io/frame-file';
import { buildGraph } from './graph';
import { discoverModels } from './registry';
import { RunEvent, errorText, runLayer } from './runner';
import { LayerJob, LayerOutcome, WorkerMessage, writeJsonAtomic } from './sessions';
import { openInputs } from './sources';

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
  const frames = new Map<string, DataFrame>();
  for (const [name, file] of Object.entries(job.upstream)) frames.set(name, await readFrameFile(file));
  const onEvent = (event: RunEvent): void => emit({ kind: 'event', event });
  const inputs = openInputs({ dataDir: job.dataDir, files: graph.inputs, policy: job.badRows, onEvent });
  const models = await runLayer(
    {
      graph,
      ctx: { asOf: job.asOf, runTimestamp: job.runTimestamp },
      selected: new Set(job.selected),
      frames,
      failed: new Map(Object.entries(job.failed)),
      inputs,
      onEvent,
    },
    job.models,
  );
  const outputs: Record<string, string> = {};
  for (const m of models) {
    if (m.status !== 'success') continue;
    const file = path.join(job.layerDir, `${m.name}.c360`);
    await writeFrameFile(frames.get(m.name)!, file);
    outputs[m.name] = file;
  }
  return { layer: job.layer, models, inputs: inputs.results(), issues: inputs.issues(), outputs };
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
