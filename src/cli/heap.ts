/**
 * `c360 run` and `c360 test` on big inputs restart themselves with a larger V8 heap when the user
 * set none: Node.js caps the heap at about 4 GB by default, and the string dictionaries of a few
 * million customers need more (see docs/PERFORMANCE.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { heapLimitMB, setsHeapLimit } from '../dag/heap';

/** Inputs at least this large (CSV bytes in the data folder) get the larger heap: below it (1M customers is about 1.3 GB) the default heap is enough, and a restart would only cost time. */
export const BIG_INPUT_BYTES = 2 * 1024 ** 3;

/** The commands that run the pipeline. */
const PIPELINE_COMMANDS: ReadonlySet<string> = new Set(['run', 'test']);

/** The value of `--data` in the arguments, or undefined. */
export function dataOption(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data') return argv[i + 1];
    if (a.startsWith('--data=')) return a.slice('--data='.length);
  }
  return undefined;
}

/** Bytes of the .csv files in a folder and its subfolders (two levels), 0 when it cannot be read. */
export function csvBytes(dir: string, depth = 2): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && depth > 0) total += csvBytes(p, depth - 1);
    else if (e.isFile() && e.name.toLowerCase().endsWith('.csv')) {
      try {
        total += fs.statSync(p).size;
      } catch {
        // unreadable: the run reports it
      }
    }
  }
  return total;
}

/** What decides a restart. */
export interface HeapCheck {
  readonly argv: readonly string[];
  readonly execArgv: readonly string[];
  readonly nodeOptions: string | undefined;
  /** The current process's heap limit. */
  readonly heapLimitBytes: number;
  readonly totalMemoryBytes: number;
  /** CSV bytes of the data folder the command reads (asked only when the rest allows a restart). */
  readonly inputBytes: () => number;
  /** Set in a restarted process (it never restarts again). */
  readonly relaunched: boolean;
}

/**
 * The node arguments to restart the CLI with a larger heap (`--max-old-space-size` first, then
 * the current node options and the script and its arguments), or null to go on as it is.
 */
export function biggerHeapArgs(c: HeapCheck, script: string): string[] | null {
  if (c.relaunched || !PIPELINE_COMMANDS.has(c.argv[0] ?? '') || setsHeapLimit(c.execArgv, c.nodeOptions)) return null;
  const mb = heapLimitMB(c.totalMemoryBytes);
  if (c.heapLimitBytes >= mb * 1048576 * 0.95 || c.inputBytes() < BIG_INPUT_BYTES) return null;
  return [`--max-old-space-size=${mb}`, ...c.execArgv, script, ...c.argv];
}
