/**
 * A parallel CSV read: the file is cut into byte ranges at line feeds, each range is read by a
 * worker thread exactly as the serial reader would read it (csv-range.ts), and the ranges are
 * merged in file order into the result the serial reader returns.
 *
 * 1. The header is read here first (as the serial reader reads it, with the same errors), then
 *    every range gets it: ranges start after the header.
 * 2. A cut is only right if no quoted field runs across it. A range that ends inside a quoted
 *    field says so, and the file is then read serially; otherwise every range starts at a row
 *    start (the first one does, and each range ends at a row end), so its rows, values and
 *    issues are the serial reader's.
 * 3. Merge: rows and lines are offset by the ranges before; each string column's dictionaries are
 *    merged in order (first appearance, as one pass builds it: one lookup per entry) and its codes
 *    remapped in one pass; numbers, booleans and validity are concatenated.
 */
import { promises as fs } from 'fs';
import { BoolColumn, Column, ListColumn, NumericColumn, StringColumn, allocBitmap, nullColumn } from '../engine/column';
import { DataFrame } from '../engine/frame';
import { Field } from '../engine/types';
import type { CsvParseMode, CsvReadOptions, CsvReadResult, RowIssue } from './csv-reader';
import { ColumnPlan, CsvScan } from './csv-scan';
import { ROW_EMPTY, ROW_TERMINATED, RowFrames, frameRows } from './csv-framing';
import { ColumnPart, RangeOutcome, RangeResult, RangeTask, readRange } from './csv-range';
import { rangeWorkerCount, runRangeInWorker } from './csv-pool';
import { DictionaryMerger } from './string-dictionary';
import { TextBlockReader } from './text-blocks';

/** Files at least this large are read in parallel by default. */
export const PARALLEL_MIN_BYTES = 32 << 20;

/** About how large each range of a parallel read is. */
export const PARALLEL_RANGE_BYTES = 48 << 20;

/** Bytes read at a time when looking for a line feed. */
const PROBE_BYTES = 64 << 10;

/**
 * Reads the file in parallel, or returns null when it should be read serially: too small, one
 * range only, a header that is not a complete line, a quoted field across a cut, or any failure
 * (the serial read then reports it as usual).
 */
export async function readCsvParallel(options: CsvReadOptions, mode: CsvParseMode, plan: ColumnPlan, label: string): Promise<CsvReadResult | null> {
  let size: number;
  try {
    const stat = await fs.stat(options.path);
    if (!stat.isFile()) return null;
    size = stat.size;
  } catch {
    return null;
  }
  const minBytes = options.parallelMinBytes ?? PARALLEL_MIN_BYTES;
  if (options.parallel !== true && size < minBytes) return null;
  const header = await readHeader(options.path, label, plan, mode);
  if (header === null) return null;
  const cuts = await findCuts(options.path, header.endByte, size, rangeCount(size - header.endByte, options.parallelRangeBytes ?? PARALLEL_RANGE_BYTES));
  if (cuts.length < 3) return null;
  const tasks: RangeTask[] = [];
  for (let r = 0; r + 1 < cuts.length; r++) {
    tasks.push({
      path: options.path,
      label,
      schema: options.schema,
      columns: options.columns,
      validateAll: options.validateAll ?? false,
      papaparseAllRows: mode.papaparseAllRows,
      header: header.text,
      headerFlags: header.flags,
      start: cuts[r]!,
      end: r + 2 === cuts.length ? Infinity : cuts[r + 1]!,
    });
  }
  // Ranges are merged in file order as soon as they and the ones before them are read, while
  // the workers read the next ones.
  const merger = new RangeMerger(plan, label, header, tasks.length);
  const waiting: (RangeResult | undefined)[] = new Array<RangeResult | undefined>(tasks.length);
  let failed = false;
  let next = 0;
  let done = header.endByte;
  const accept = (r: number, outcome: RangeOutcome): void => {
    if (!outcome.ok || (outcome.result.openAtEnd && r + 1 < tasks.length)) failed = true;
    if (failed || !outcome.ok) return;
    done += outcome.result.bytes;
    options.onProgress?.(done, size);
    waiting[r] = outcome.result;
    while (next < tasks.length && waiting[next] !== undefined) {
      merger.add(waiting[next]!);
      waiting[next++] = undefined;
    }
  };
  if (mode.rangesInThread === true) {
    for (let r = 0; r < tasks.length && !failed; r++) accept(r, await readRange(tasks[r]!));
  } else {
    // One lane per worker takes the ranges in order; after a failure the rest are not started.
    let nextTask = 0;
    const lane = async (): Promise<void> => {
      while (!failed && nextTask < tasks.length) {
        const r = nextTask++;
        accept(r, await runRangeInWorker(tasks[r]!));
      }
    };
    await Promise.all(Array.from({ length: Math.min(tasks.length, rangeWorkerCount()) }, lane));
  }
  return failed ? null : merger.finish();
}

/** The header row as the serial reader finds it. */
interface Header {
  readonly text: string;
  readonly flags: number;
  /** Physical lines up to and including the header (empty lines before it count). */
  readonly lines: number;
  /** Byte offset just after the header's line feed. */
  readonly endByte: number;
}

/**
 * Reads the first block of the file and frames its header; checks it against the plan (throwing
 * the serial reader's errors). Null when the first block holds no complete header line.
 */
async function readHeader(path: string, label: string, plan: ColumnPlan, mode: CsvParseMode): Promise<Header | null> {
  let reader: TextBlockReader;
  try {
    reader = await TextBlockReader.open(path);
  } catch {
    return null;
  }
  let text: string;
  let flags: number;
  let lines = 0;
  try {
    const block = await reader.next();
    if (block === null) return null;
    const frames = new RowFrames();
    frameRows(block.text, 0, block.eof, frames);
    let k = 0;
    while (k < frames.count && (frames.flags[k]! & ROW_EMPTY) !== 0) lines += frames.lines[k++]!;
    if (k === frames.count || (frames.flags[k]! & ROW_TERMINATED) === 0) return null;
    text = block.text.substring(frames.start[k]!, frames.end[k]!);
    flags = frames.flags[k]!;
    lines += frames.lines[k]!;
  } catch {
    return null;
  } finally {
    await reader.close();
  }
  new CsvScan(label, plan, mode.papaparseAllRows).useHeader(text, flags);
  const endByte = await afterLineFeeds(path, lines);
  return endByte < 0 ? null : { text, flags, lines, endByte };
}

/** The byte offset just after the n-th line feed of the file, or -1. */
async function afterLineFeeds(path: string, n: number): Promise<number> {
  const handle = await fs.open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(PROBE_BYTES);
    let at = 0;
    let left = n;
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, PROBE_BYTES, at);
      if (bytesRead === 0) return -1;
      let i = buf.indexOf(10);
      while (i !== -1 && i < bytesRead) {
        if (--left === 0) return at + i + 1;
        i = buf.indexOf(10, i + 1);
      }
      at += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/**
 * How many ranges to cut `bytes` into: about `rangeBytes` each, at least one per worker (the
 * caller only cuts files big enough to be worth it), rounded up to a multiple of the worker count
 * so the workers finish together.
 */
function rangeCount(bytes: number, rangeBytes: number): number {
  const count = Math.max(rangeWorkerCount(), Math.round(bytes / Math.max(1, rangeBytes)));
  const workers = rangeWorkerCount();
  return count > workers ? Math.ceil(count / workers) * workers : count;
}

/**
 * Range boundaries: `from`, then the byte after the first line feed at or after each of the
 * `count` - 1 even split points of [from, size), then `size`. Fewer than 3 entries means one range.
 */
async function findCuts(path: string, from: number, size: number, count: number): Promise<number[]> {
  const cuts = [from];
  if (count > 1) {
    const handle = await fs.open(path, 'r');
    try {
      const buf = Buffer.allocUnsafe(PROBE_BYTES);
      for (let j = 1; j < count; j++) {
        let at = Math.max(cuts[cuts.length - 1]!, Math.floor(from + ((size - from) * j) / count));
        let cut = -1;
        while (cut < 0) {
          const { bytesRead } = await handle.read(buf, 0, PROBE_BYTES, at);
          if (bytesRead === 0) break;
          const i = buf.subarray(0, bytesRead).indexOf(10);
          if (i >= 0) cut = at + i + 1;
          else at += bytesRead;
        }
        if (cut < 0 || cut >= size) break;
        if (cut > cuts[cuts.length - 1]!) cuts.push(cut);
      }
    } finally {
      await handle.close();
    }
  }
  cuts.push(size);
  return cuts;
}

/** Joins the ranges' results, added in file order, into the serial reader's result. */
class RangeMerger {
  private rows = 0;
  private lineBase: number;
  private bytes: number;
  private added = 0;
  private readonly lines: Int32Array[] = [];
  private readonly issues: RowIssue[] = [];
  /** Per output column: the parts added so far (string codes already remapped to the merged dictionary). */
  private readonly parts: (ColumnPart | null)[][];
  private readonly dictionaries: (DictionaryMerger | null)[];

  constructor(
    private readonly plan: ColumnPlan,
    private readonly label: string,
    header: Header,
    private readonly count: number,
  ) {
    this.lineBase = header.lines;
    this.bytes = header.endByte;
    this.parts = plan.output.map(() => []);
    this.dictionaries = plan.output.map((f) => (f.type === 'string' ? new DictionaryMerger() : null));
  }

  /** Adds the next range's result (its arrays are changed in place). */
  add(r: RangeResult): void {
    const last = ++this.added === this.count;
    const lines = r.lines;
    const lineBase = this.lineBase;
    for (let i = 0; i < r.rows; i++) lines[i] = lines[i]! + lineBase;
    this.lines.push(lines);
    for (const issue of r.issues) this.issues.push({ ...issue, file: this.label, line: issue.line + lineBase, row: issue.row + this.rows });
    r.columns.forEach((p, c) => {
      if (p !== null && p.kind === 'string') {
        const dictionary = this.dictionaries[c]!;
        // Room for as many entries in every range as in the first (up to 4M), so the table is
        // not regrown step by step.
        if (this.added === 1) dictionary.reserve(Math.min(p.dict.length * this.count, 1 << 22));
        const remap = dictionary.merge(p.dict, p.hashes, last);
        const codes = p.codes;
        let identity = true;
        for (let i = 0; i < remap.length && identity; i++) identity = remap[i] === i;
        if (!identity) {
          for (let i = 0; i < codes.length; i++) {
            const k = codes[i]!;
            if (k >= 0) codes[i] = remap[k]!;
          }
        }
      }
      this.parts[c]!.push(p);
    });
    this.rows += r.rows;
    this.lineBase += r.physicalLines;
    this.bytes += r.bytes;
  }

  finish(): CsvReadResult {
    const rows = this.rows;
    const fields: Field[] = [];
    const columns: Column[] = [];
    this.plan.output.forEach((f, c) => {
      fields.push({ name: f.name, type: f.type });
      columns.push(mergeColumn(this.parts[c]!, this.dictionaries[c]?.dict ?? [], rows) ?? nullColumn(f.type, rows));
    });
    const lines = concatInt32(this.lines, rows);
    return { frame: new DataFrame(fields, columns, rows), lines, issues: this.issues, rowsRead: rows, bytes: this.bytes, ranges: this.count };
  }
}

/** The parts one after the other in one array of `total` elements (the part itself when it is the only one). */
function concat<T extends Int32Array | Float64Array | Uint8Array>(parts: readonly T[], total: number, make: (n: number) => T): T {
  if (parts.length === 1 && parts[0]!.length === total) return parts[0]!;
  const out = make(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function concatInt32(parts: readonly Int32Array[], total: number): Int32Array {
  return concat(parts, total, (n) => new Int32Array(n));
}

function mergeColumn(parts: readonly (ColumnPart | null)[], dict: string[], rows: number): Column | null {
  const first = parts[0];
  if (first === null || first === undefined) return null;
  switch (first.kind) {
    case 'string':
      return new StringColumn(concatInt32((parts as readonly Extract<ColumnPart, { kind: 'string' }>[]).map((p) => p.codes), rows), dict);
    case 'numeric': {
      const numeric = parts as readonly Extract<ColumnPart, { kind: 'numeric' }>[];
      const values = concat(numeric.map((p) => p.values), rows, (n) => new Float64Array(n));
      return new NumericColumn(first.type, values, mergeValidity(numeric, rows));
    }
    case 'bool': {
      const bools = parts as readonly Extract<ColumnPart, { kind: 'bool' }>[];
      const values = concat(bools.map((p) => p.values), rows, (n) => new Uint8Array(n));
      return new BoolColumn(values, mergeValidity(bools, rows));
    }
    default: {
      const values: (readonly string[] | null)[] = [];
      for (const p of parts as readonly Extract<ColumnPart, { kind: 'list' }>[]) for (const v of p.values) values.push(v);
      return new ListColumn(values);
    }
  }
}

/** One validity bitmap for the concatenated parts; null when no part has a null. */
function mergeValidity(parts: readonly { values: ArrayLike<number>; validity: Uint8Array | null }[], rows: number): Uint8Array | null {
  if (parts.every((p) => p.validity === null)) return null;
  const bits = allocBitmap(rows);
  let at = 0;
  for (const p of parts) {
    const n = p.values.length;
    if (p.validity === null) setBits(bits, at, at + n);
    else orBits(bits, at, p.validity, n);
    at += n;
  }
  return bits;
}

/** Sets bits [from, to) of a bitmap. */
function setBits(bits: Uint8Array, from: number, to: number): void {
  let i = from;
  for (; i < to && (i & 7) !== 0; i++) bits[i >>> 3]! |= 1 << (i & 7);
  const wholeEnd = to & ~7;
  if (i < wholeEnd) {
    bits.fill(0xff, i >>> 3, wholeEnd >>> 3);
    i = wholeEnd;
  }
  for (; i < to; i++) bits[i >>> 3]! |= 1 << (i & 7);
}

/** ORs the first n bits of `src` into `bits` from bit `at` on, a byte at a time. */
function orBits(bits: Uint8Array, at: number, src: Uint8Array, n: number): void {
  const shift = at & 7;
  const base = at >>> 3;
  const bytes = (n + 7) >>> 3;
  for (let j = 0; j < bytes; j++) {
    let b = src[j]!;
    if (j === bytes - 1 && (n & 7) !== 0) b &= (1 << (n & 7)) - 1; // no bits past the part's end
    if (b === 0) continue;
    bits[base + j]! |= (b << shift) & 0xff;
    if (shift !== 0) {
      const high = b >>> (8 - shift);
      if (high !== 0) bits[base + j + 1]! |= high;
    }
  }
}
