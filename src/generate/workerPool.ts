import * as path from 'path';
import { Worker } from 'worker_threads';
import { LaneResult } from './lane';
import { WorkerMessage, WorkerTask } from './workerProtocol';

/** A lane running in a worker thread. */
export interface RunningLane {
  readonly result: Promise<LaneResult>;
  /** Stops the thread (after another lane failed). */
  stop(): Promise<void>;
}

/**
 * Starts a worker thread for one lane. From compiled JavaScript the worker runs worker.js; from
 * TypeScript sources (tests, benchmarks) it registers ts-node first.
 */
export function startLaneWorker(task: WorkerTask, onProgress: (done: number) => void): RunningLane {
  const worker = createWorker(task);
  let settled = false;
  const result = new Promise<LaneResult>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.done);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.result);
      } else {
        settled = true;
        const err = new Error(message.message);
        if (message.stack !== undefined) err.stack = message.stack;
        reject(err);
      }
    });
    worker.on('error', (err: Error) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code: number) => {
      if (!settled) reject(new Error(`generator worker stopped unexpectedly (exit code ${code})`));
    });
  });
  return {
    result,
    stop: async () => {
      settled = true;
      await worker.terminate();
    },
  };
}

/** Whether workers run TypeScript sources (through ts-node, slow to start) rather than compiled JavaScript. */
export function workersRunTypeScript(): boolean {
  return path.extname(__filename) === '.ts';
}

function createWorker(task: WorkerTask): Worker {
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `worker${extension}`);
  if (extension !== '.ts') return new Worker(entry, { workerData: task });
  const tsNode = require.resolve('ts-node');
  const code = [
    `require(${JSON.stringify(tsNode)}).register({ transpileOnly: true, projectSearchDir: ${JSON.stringify(__dirname)} });`,
    `require(${JSON.stringify(entry)});`,
  ].join('\n');
  return new Worker(code, { eval: true, workerData: task, execArgv: [] });
}
