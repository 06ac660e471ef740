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
 * 3. Merge: rows and lines are offset by the ranges before; each string column's dictionaries
 *    (posted packed, see string-dictionary.ts) are merged in order (first appearance, as one pass
 *    builds it: one lookup per entry) and its codes remapped in one pass; numbers, booleans and
 *    validity are joined, copied as they come into arrays sized from the first block's rows.
 *    A worker is handed its next range before the one it returned is merged.
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

/**
 * About how large each range of a parallel read is. Large: every range's string dictionaries are
 * merged on this thread, one lookup per entry, and a range of a column with many distinct values
 * (ids) holds most of them however small it is.
 */
export const PARALLEL_RANGE_BYTES = 112 << 20;

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
      expectedRows: expectedRows(header, cuts[r + 1]! - cuts[r]!),
    });
  }
  // Ranges are merged in file order as soon as they and the ones before them are read, while
  // the workers read the next ones.
  let expected = 0;
  for (const t of tasks) expected = t.expectedRows === undefined || expected < 0 ? -1 : expected + t.expectedRows;
  const merger = new RangeMerger(plan, label, header, tasks.length, Math.max(0, expected));
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
    // A lane hands its worker the next range before merging the one it got back, so the worker
    // reads while this thread merges.
    let nextTask = 0;
    const lane = async (): Promise<void> => {
      if (nextTask >= tasks.length) return;
      let r = nextTask++;
      let running = runRangeInWorker(tasks[r]!);
      for (;;) {
        const outcome = await running;
        const following = !failed && nextTask < tasks.length ? nextTask++ : -1;
        if (following >= 0) running = runRangeInWorker(tasks[following]!);
        accept(r, outcome);
        if (following < 0) return;
        r = following;
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
  /** Average characters per data row in the first block (0 when it holds none). */
  readonly rowChars: number;
}

/**
 * About how many rows `bytes` bytes of the file hold (from the rows of the first block, with some
 * room), to size a range's builders so they rarely grow; undefined when unknown.
 */
function expectedRows(header: Header, bytes: number): number | undefined {
  if (header.rowChars <= 0) return undefined;
  return Math.min(Math.ceil((bytes / header.rowChars) * 1.04) + 1024, Math.ceil(bytes / 2) + 16);
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
  let rowChars = 0;
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
    const dataRows = frames.count - k - 1;
    if (dataRows > 0) rowChars = (frames.next[frames.count - 1]! - frames.next[k]!) / dataRows;
  } catch {
    return null;
  } finally {
    await reader.close();
  }
  new CsvScan(label, plan, mode.papaparseAllRows).useHeader(text, flags);
  const endByte = await afterLineFeeds(path, lines);
  return endByte < 0 ? null : { text, flags, lines, endByte, rowChars };
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
  private readonly lines: Joiner<Int32Array>;
  private readonly issues: RowIssue[] = [];
  /** Per output column: its parts so far (string codes already remapped to the merged dictionary). */
  private readonly columns: ColumnJoin[];
  private readonly dictionaries: (DictionaryMerger | null)[];

  /** `expectedRows`: about how many rows the file holds (0: unknown), to size the joined arrays. */
  constructor(
    private readonly plan: ColumnPlan,
    private readonly label: string,
    header: Header,
    private readonly count: number,
    expectedRows: number,
  ) {
    this.lineBase = header.lines;
    this.bytes = header.endByte;
    this.lines = new Joiner(expectedRows, (n) => new Int32Array(n));
    this.columns = plan.output.map(() => new ColumnJoin(expectedRows));
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
        const remap = dictionary.merge(p.dict, last);
        if (!last) dictionary.unpack();
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
      this.columns[c]!.add(p);
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
      columns.push(this.columns[c]!.finish(this.dictionaries[c]?.finish() ?? [], rows) ?? nullColumn(f.type, rows));
    });
    const lines = this.lines.finish(rows);
    return { frame: new DataFrame(fields, columns, rows), lines, issues: this.issues, rowsRead: rows, bytes: this.bytes, ranges: this.count };
  }
}

/**
 * Joins typed arrays, added in order, into one. While they fit, they are copied as they come into
 * one array of the expected size, so the large array is made (and its memory first touched)
 * while the other threads still read, not at the end; and each part can be freed at once.
 */
class Joiner<T extends Int32Array | Float64Array | Uint8Array> {
  private joined: T | null = null;
  private filled = 0;
  /** Parts that did not fit, after the joined ones. */
  private readonly rest: T[] = [];

  constructor(
    private readonly capacity: number,
    private readonly make: (n: number) => T,
  ) {}

  push(part: T): void {
    if (this.rest.length === 0 && this.filled + part.length <= this.capacity) {
      if (this.joined === null) this.joined = this.make(this.capacity);
      this.joined.set(part, this.filled);
      this.filled += part.length;
    } else this.rest.push(part);
  }

  /** The parts one after the other: an array of `total` elements (all the elements pushed). */
  finish(total: number): T {
    const joined = this.joined;
    if (joined !== null && this.rest.length === 0) {
      if (this.filled === joined.length) return joined;
      // Little room left over: a view of the first `filled` elements (the rest of its buffer
      // unused) rather than a copy; else a copy of exactly the elements.
      return ((joined.length - this.filled) * 16 <= joined.length ? joined.subarray(0, this.filled) : joined.slice(0, this.filled)) as T;
    }
    const parts = joined === null ? this.rest : [joined.subarray(0, this.filled) as T, ...this.rest];
    return concat(parts, total, this.make);
  }
}

/** One output column of a parallel read, joined from its ranges' parts. */
class ColumnJoin {
  private first: ColumnPart | null | undefined = undefined;
  private readonly codes: Joiner<Int32Array>;
  private readonly numbers: Joiner<Float64Array>;
  private readonly bools: Joiner<Uint8Array>;
  /** Each numeric or bool part's length and validity. */
  private readonly validity: { readonly n: number; readonly validity: Uint8Array | null }[] = [];
  private readonly lists: (readonly string[] | null)[] = [];

  constructor(expectedRows: number) {
    this.codes = new Joiner(expectedRows, (n) => new Int32Array(n));
    this.numbers = new Joiner(expectedRows, (n) => new Float64Array(n));
    this.bools = new Joiner(expectedRows, (n) => new Uint8Array(n));
  }

  /** Adds the next range's part (null: the file has no such column). */
  add(p: ColumnPart | null): void {
    if (this.first === undefined) this.first = p;
    if (p === null) return;
    switch (p.kind) {
      case 'string':
        this.codes.push(p.codes);
        break;
      case 'numeric':
        this.numbers.push(p.values);
        this.validity.push({ n: p.values.length, validity: p.validity });
        break;
      case 'bool':
        this.bools.push(p.values);
        this.validity.push({ n: p.values.length, validity: p.validity });
        break;
      default:
        for (const v of p.values) this.lists.push(v);
    }
  }

  /** The column of `rows` rows (null when the file has no such column). */
  finish(dict: string[], rows: number): Column | null {
    const first = this.first;
    if (first === null || first === undefined) return null;
    switch (first.kind) {
      case 'string':
        return new StringColumn(this.codes.finish(rows), dict);
      case 'numeric':
        return new NumericColumn(first.type, this.numbers.finish(rows), mergeValidity(this.validity, rows));
      case 'bool':
        return new BoolColumn(this.bools.finish(rows), mergeValidity(this.validity, rows));
      default:
        return new ListColumn(this.lists);
    }
  }
}

/** The parts one after the other in one array of `total` elements (the part itself when it is the only one). */
function concat<T extends Int32Array | Float64Array | Uint8Array>(parts: readonly T[], total: number, make: (n: number) => T): T {
  // A part may be a view of a larger buffer (see `CsvScan.finishParts`): only a whole buffer is kept as is.
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && only.length === total && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) return only;
  const out = make(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One validity bitmap for the concatenated parts; null when no part has a null. */
function mergeValidity(parts: readonly { n: number; validity: Uint8Array | null }[], rows: number): Uint8Array | null {
  if (parts.every((p) => p.validity === null)) return null;
  const bits = allocBitmap(rows);
  let at = 0;
  for (const p of parts) {
    const n = p.n;
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
