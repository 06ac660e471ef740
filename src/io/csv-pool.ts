/**
 * The worker threads that read byte ranges of CSV files: a small pool, created on first use and
 * kept for the life of the process. An idle worker is `unref()`ed, so it never keeps the process
 * alive; a busy one is `ref()`ed, so the process waits for its answer.
 *
 * From compiled JavaScript a worker runs csv-worker.js; from TypeScript sources (tests,
 * benchmarks run through ts-node) it registers ts-node first and runs csv-worker.ts.
 */
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { RangeOutcome, RangeTask } from './csv-range';

/** What a worker posts back: the outcome of the task with that id. */
export interface RangeReply {
  readonly id: number;
  readonly outcome: RangeOutcome;
}

/** What the pool posts to a worker. */
export interface RangeRequest {
  readonly id: number;
  readonly task: RangeTask;
}

/** Most worker threads the pool starts (more cores than this rarely pay for reading). */
const MAX_WORKERS = 4;

interface Waiting {
  readonly task: RangeTask;
  readonly resolve: (outcome: RangeOutcome) => void;
}

class PoolWorker {
  private readonly worker: Worker;
  private current: { id: number; resolve: (outcome: RangeOutcome) => void } | null = null;
  dead = false;

  constructor(private readonly onIdle: (w: PoolWorker) => void) {
    this.worker = createWorker();
    this.worker.unref();
    this.worker.on('message', (reply: RangeReply) => {
      const current = this.current;
      if (current === null || current.id !== reply.id) return;
      this.finish(reply.outcome);
    });
    this.worker.on('error', (err: Error) => this.fail(err.message));
    this.worker.on('exit', (code: number) => this.fail(`CSV reader worker stopped (exit code ${code})`));
  }

  get busy(): boolean {
    return this.current !== null;
  }

  run(id: number, task: RangeTask, resolve: (outcome: RangeOutcome) => void): void {
    this.current = { id, resolve };
    this.worker.ref();
    const request: RangeRequest = { id, task };
    this.worker.postMessage(request);
  }

  private finish(outcome: RangeOutcome): void {
    const current = this.current;
    this.current = null;
    if (!this.dead) this.worker.unref();
    current?.resolve(outcome);
    // Also after a crash: the pool then drops this worker and hands the queue to the others.
    this.onIdle(this);
  }

  private fail(message: string): void {
    if (this.dead) return;
    this.dead = true;
    this.finish({ ok: false, message });
  }
}

/** Workers that may crash before the pool stops starting new ones (queued ranges then fail over to serial reads). */
const MAX_CRASHES = 3;

class RangePool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Waiting[] = [];
  private nextId = 1;
  private crashes = 0;

  constructor(private readonly size: number) {}

  run(task: RangeTask): Promise<RangeOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (let i = this.workers.length - 1; i >= 0; i--) {
      if (!this.workers[i]!.dead) continue;
      this.workers.splice(i, 1);
      this.crashes++;
    }
    if (this.crashes > MAX_CRASHES && this.workers.length === 0) {
      // Workers keep dying (out of memory, a broken install): every waiting range reads serially.
      for (const w of this.queue.splice(0)) w.resolve({ ok: false, message: `CSV reader workers stopped ${this.crashes} times` });
      return;
    }
    while (this.queue.length > 0) {
      let idle = this.workers.find((w) => !w.busy);
      if (idle === undefined && this.workers.length < this.size && this.crashes <= MAX_CRASHES) {
        idle = new PoolWorker(() => this.dispatch());
        this.workers.push(idle);
      }
      if (idle === undefined) return;
      const next = this.queue.shift()!;
      idle.run(this.nextId++, next.task, next.resolve);
    }
  }
}

let pool: RangePool | null = null;

/** How many worker threads read ranges: the cores available, at most `MAX_WORKERS`. */
export function rangeWorkerCount(): number {
  return Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism()));
}

/** Reads a range on the shared pool of worker threads (started on first use). */
export function runRangeInWorker(task: RangeTask): Promise<RangeOutcome> {
  if (pool === null) pool = new RangePool(rangeWorkerCount());
  return pool.run(task);
}

function createWorker(): Worker {
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `csv-worker${extension}`);
  if (extension !== '.ts') {
    const execArgv = withoutPreloads(process.execArgv);
    if (execArgv.length === process.execArgv.length) return new Worker(entry);
    try {
      return new Worker(entry, { execArgv });
    } catch (err) {
      // Some process options are refused for a worker (--expose-gc): then none are given.
      if (!(err instanceof Error && 'code' in err && err.code === 'ERR_WORKER_INVALID_EXEC_ARGV')) throw err;
      return new Worker(entry, { execArgv: [] });
    }
  }
  const tsNode = require.resolve('ts-node');
  const code = [
    `require(${JSON.stringify(tsNode)}).register({ transpileOnly: true, projectSearchDir: ${JSON.stringify(__dirname)} });`,
    `require(${JSON.stringify(entry)});`,
  ].join('\n');
  return new Worker(code, { eval: true, execArgv: [] });
}

/** Node options that load code before the entry point. */
const PRELOADS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader']);

/**
 * The node options a compiled worker gets: the process's, without its preloads. The worker runs
 * compiled JavaScript and needs none, and a preloaded ts-node (a process started with
 * `-r ts-node/register`) would take about a second to start in every worker.
 */
export function withoutPreloads(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    if (PRELOADS.has(a)) i++;
    else if (!PRELOADS.has(a.split('=')[0]!)) out.push(a);
  }
  return out;
}
