/**
 * The entry point of a CSV reader worker thread (see csv-pool.ts): reads the byte ranges it is
 * sent and posts each result back, transferring its typed arrays.
 */
import { parentPort } from 'worker_threads';
import type { RangeReply, RangeRequest } from './csv-pool';
import { readRange, transferables } from './csv-range';

const port = parentPort;
if (port !== null) {
  port.on('message', (request: RangeRequest) => {
    void readRange(request.task).then((outcome) => {
      const reply: RangeReply = { id: request.id, outcome };
      port.postMessage(reply, transferables(outcome));
    });
  });
}
