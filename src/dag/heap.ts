/**
 * How much V8 heap c360's processes ask for. Columns are typed arrays outside the heap, but
 * strings (dictionaries) live in it, and Node.js caps it at about 4 GB by default: a few million
 * customers need more.
 */

/** The heap limit, in MB, for a c360 process on a machine with `totalBytes` of memory: three quarters of it, at least V8's usual 4 GB. */
export function heapLimitMB(totalBytes: number): number {
  return Math.max(4096, Math.floor((totalBytes / 1048576) * 0.75));
}

/** True when node options (`execArgv`, or the text of `NODE_OPTIONS`) already set the heap limit. */
export function setsHeapLimit(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return execArgv.some((a) => a.startsWith('--max-old-space-size=')) || /--max-old-space-size=/.test(nodeOptions ?? '');
}
