import { GenerateSettings } from './context';
import { GeneratedFileName } from './files';
import { LaneResult } from './lane';

/** The work a generator worker thread is given. */
export interface WorkerTask {
  readonly settings: GenerateSettings;
  readonly files: readonly GeneratedFileName[];
  readonly outDir: string;
}

/** Messages a generator worker posts to its parent. */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly done: number }
  | { readonly type: 'done'; readonly result: LaneResult }
  | { readonly type: 'error'; readonly message: string; readonly stack?: string };
