/** Entry of a generator worker thread: runs one lane and reports back. */
import { parentPort, workerData } from 'worker_threads';
import { runLane } from './lane';
import { WorkerMessage, WorkerTask } from './workerProtocol';

const task: WorkerTask = workerData;
const port = parentPort;

function post(message: WorkerMessage): void {
  port?.postMessage(message);
}

runLane(task.settings, task.files, task.outDir, (done) => post({ type: 'progress', done })).then(
  (result) => post({ type: 'done', result }),
  (err: unknown) =>
    post({ type: 'error', message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined }),
);
