/**
 * One pass of the CSV reader over text blocks: the header, the row loop and the column builders
 * (see csv-reader.ts for how a read works). The serial reader runs one scan over the whole file;
 * a parallel read runs one scan per byte range of the file, each given the file's header.
 */
import { Parser } from 'papaparse';
import { C360Error, UsageError } from '../errors';
import { Column } from '../engine/column';
import { DataType } from '../engine/types';
import type { CsvField, CsvReadOptions, RowIssue } from './csv-reader';
import { ColumnPart, ColumnSink, badValueReason } from './csv-columns';
import { detach } from './string-dictionary';
import { ROW_CRLF, ROW_EMPTY, ROW_MALFORMED, ROW_QUOTED, ROW_TERMINATED, ROW_UNTERMINATED, RowFrames, frameRows } from './csv-framing';
import { LineTooLongError, MAX_LINE_BYTES, READ_SIZE, TextBlockReader } from './text-blocks';

/**
 * Rows per papaparse call at most: enough to amortise the call, few enough that its row arrays
 * die young (a whole block's worth would survive into the old generation and slow the GC).
 */
const PAPAPARSE_RUN = 256;

/** The longest row, in characters, that a block may carry over. */
const MAX_ROW_CHARS = 128 << 20;

/** Which schema columns are built, checked or skipped. */
export interface ColumnPlan {
  readonly schema: readonly CsvField[];
  /** Schema columns in the frame, in schema order. */
  readonly output: readonly CsvField[];
  /** Schema columns whose values are parsed (output, plus the rest with `validateAll`). */
  readonly parsed: ReadonlySet<string>;
}

/** The columns a read builds and checks; throws `UsageError` for a bad schema or column list. */
export function planColumns(options: Pick<CsvReadOptions, 'schema' | 'columns' | 'validateAll'>): ColumnPlan {
  const names = new Set<string>();
  for (const f of options.schema) {
    if (names.has(f.name)) throw new UsageError(`readCsv: the schema declares column "${f.name}" twice`);
    names.add(f.name);
  }
  let output: readonly CsvField[] = options.schema;
  if (options.columns !== undefined) {
    for (const c of options.columns) {
      if (!names.has(c)) throw new UsageError(`readCsv: column "${c}" is not in the schema (${options.schema.map((f) => f.name).join(', ')})`);
    }
    const wanted = new Set(options.columns);
    output = options.schema.filter((f) => wanted.has(f.name));
  }
  const parsed = new Set((options.validateAll ? options.schema : output).map((f) => f.name));
  return { schema: options.schema, output, parsed };
}

/** What a scan built. */
export interface ScanResult<C = Column> {
  /** The plan's output columns, in order; null for a column the file does not have. */
  readonly columns: (C | null)[];
  /** The physical line where each row starts. */
  readonly lines: Int32Array;
  readonly issues: RowIssue[];
  readonly rows: number;
}

/**
 * Reads the blocks of `reader` into `scan`; returns whether the text ended inside a quoted field
 * (its last row is unterminated). Throws `C360Error` for a row longer than the limits, and the
 * file system's errors as `fileError` does.
 */
export async function scanBlocks(reader: TextBlockReader, scan: CsvScan, label: string): Promise<boolean> {
  const frames = new RowFrames();
  let carry = '';
  let carryInvalid: number[] = [];
  for (;;) {
    let block;
    try {
      block = await reader.next(Math.max(READ_SIZE, carry.length));
    } catch (err) {
      if (err instanceof LineTooLongError) throw rowTooLong(label, scan.line, MAX_LINE_BYTES);
      throw fileError(label, err);
    }
    if (block === null) return false;
    const text = carry.length === 0 ? block.text : carry + block.text;
    const invalid = carryInvalid.concat(block.invalid.map((o) => o + carry.length));
    const tail = frameRows(text, 0, block.eof, frames);
    scan.consume(text, frames, invalid, carry.length === 0 ? block.bytes : null);
    if (block.eof) return frames.count > 0 && (frames.flags[frames.count - 1]! & ROW_UNTERMINATED) !== 0;
    carry = tail < text.length ? text.substring(tail) : '';
    carryInvalid = [];
    for (let i = 0; i < invalid.length; i += 2) if (invalid[i + 1]! > tail) carryInvalid.push(Math.max(0, invalid[i]! - tail), invalid[i + 1]! - tail);
    if (carry.length > MAX_ROW_CHARS) throw rowTooLong(label, scan.line, MAX_ROW_CHARS);
  }
}

/** papaparse's parse result, as far as the reader uses it. */
interface PapaRows {
  readonly data: string[][];
}

/** The state of one read: header, builders, line numbers and issues. */
export class CsvScan {
  /** Physical line where the next framed row starts. */
  line = 1;
  private headerSeen = false;
  /** Header position → slot in `sink`, or -1 for a skipped field. */
  private slotOf = new Int32Array(0);
  private slotName: string[] = [];
  private slotType: DataType[] = [];
  private sink = new ColumnSink([]);
  /** Schema column name → slot, for the frame's columns. */
  private readonly slotByName = new Map<string, number>();
  private rows = 0;
  private lines: Int32Array;
  private readonly issues: RowIssue[] = [];
  private readonly lfParser = new Parser({ delimiter: ',', newline: '\n', quoteChar: '"' });
  private readonly crlfParser = new Parser({ delimiter: ',', newline: '\r\n', quoteChar: '"' });
  // The row being read.
  private text = '';
  private bytes: Uint8Array | null = null;
  private rowStart = 0;
  private rowEnd = 0;
  private rowLine = 0;
  private raw: string | null = null;
  // Invalid UTF-8 ranges of the block, and the first one not yet behind the current row.
  private invalid: readonly number[] = [];
  private nextInvalid = 0;

  /** `expectedRows`: about how many rows the text holds, to size the builders (they grow as needed). */
  constructor(
    private readonly label: string,
    private readonly plan: ColumnPlan,
    private readonly papaparseAllRows: boolean,
    private readonly expectedRows = 1 << 14,
  ) {
    this.lines = new Int32Array(Math.max(16, expectedRows));
  }

  /**
   * Reads the framed rows of one block. `invalid` lists [start, end) ranges of invalid UTF-8.
   * `bytes`, when given, are the block's bytes, all ASCII (character i of the text is byte i):
   * fields without quotes are then read from them.
   */
  consume(text: string, frames: RowFrames, invalid: readonly number[], bytes: Uint8Array | null = null): void {
    this.text = text;
    this.bytes = bytes;
    this.invalid = invalid;
    this.nextInvalid = 0;
    const { flags, start, end, lines } = frames;
    for (let k = 0; k < frames.count; ) {
      const fl = flags[k]!;
      if ((fl & ROW_EMPTY) !== 0) {
        this.line += lines[k]!;
        k++;
      } else if (!this.headerSeen) {
        this.readHeader(text, start[k]!, end[k]!, fl);
        this.line += lines[k]!;
        k++;
      } else if ((fl & ROW_QUOTED) === 0 && !this.papaparseAllRows) {
        // The common case: a row without quotes, split here.
        this.beginRow(frames, k);
        this.splitRow(start[k]!, end[k]!);
        this.endRow(lines[k]!);
        k++;
      } else {
        // A run of rows that papaparse splits in one call: rows needing it, ended the same way.
        const style = fl & (ROW_TERMINATED | ROW_CRLF);
        let m = k + 1;
        const limit = Math.min(frames.count, k + PAPAPARSE_RUN);
        while (m < limit) {
          const f = flags[m]!;
          if ((f & ROW_EMPTY) !== 0 || ((f & ROW_QUOTED) === 0 && !this.papaparseAllRows)) break;
          if ((f & ROW_TERMINATED) !== 0 && (f & (ROW_TERMINATED | ROW_CRLF)) !== style) break;
          m++;
        }
        const fields = this.papaparse(text, frames, k, m);
        for (let r = k; r < m; r++) {
          this.beginRow(frames, r);
          if ((flags[r]! & ROW_UNTERMINATED) !== 0) this.issue(null, 'unterminated quoted field');
          if ((flags[r]! & ROW_MALFORMED) !== 0) this.issue(null, 'malformed quoted field (a closing quote is followed by other text)');
          this.fieldRow(fields[r - k]!);
          this.endRow(lines[r]!);
        }
        k = m;
      }
    }
  }

  /**
   * Uses `rowText` (a header row's text, without its line break, as found by the framing) as the
   * header, for a scan that starts after the header. Throws as a header in the text would.
   */
  useHeader(rowText: string, flags: number): void {
    this.readHeader(rowText, 0, rowText.length, flags);
  }

  /**
   * The columns of the frame (in the plan's output order; null for a column the file lacks), the
   * line of each row and the issues; throws when the file had no header line.
   */
  finish(): ScanResult {
    return this.finishWith((sink) => sink.finish(), true);
  }

  /**
   * `finish`, with the columns as parts (string dictionaries packed), for a range of a parallel
   * read. Its arrays may be views of larger buffers (to be transferred, not copied).
   */
  finishParts(): ScanResult<ColumnPart> {
    return this.finishWith((sink) => sink.finishParts(), false);
  }

  private finishWith<C>(build: (sink: ColumnSink) => (C | null)[], copy: boolean): ScanResult<C> {
    if (!this.headerSeen) throw new C360Error(`${this.label}: the file is empty (no header line)`);
    const built = build(this.sink);
    const n = this.rows;
    const columns: (C | null)[] = [];
    for (const f of this.plan.output) {
      const slot = this.slotByName.get(f.name);
      columns.push(slot === undefined ? null : built[slot]!);
    }
    this.text = '';
    this.bytes = null;
    return { columns, lines: copy ? this.lines.slice(0, n) : this.lines.subarray(0, n), issues: this.issues, rows: n };
  }

  private readHeader(text: string, start: number, end: number, flags: number): void {
    const names = (flags & ROW_QUOTED) !== 0 ? this.papaparseOne(text.substring(start, end)) : text.substring(start, end).split(',');
    const position = new Map<string, number>();
    names.forEach((name, i) => {
      if (position.has(name) && name !== '') throw new C360Error(`${this.label}: duplicate column ${JSON.stringify(name)} in the header`);
      if (!position.has(name)) position.set(name, i);
    });
    const missing = this.plan.schema.filter((f) => f.required !== false && !position.has(f.name)).map((f) => `"${f.name}"`);
    if (missing.length === 1) throw new C360Error(`${this.label}: missing required column ${missing[0]}`);
    if (missing.length > 1) throw new C360Error(`${this.label}: missing required columns ${missing.join(', ')}`);
    const output = new Set(this.plan.output.map((f) => f.name));
    this.slotOf = new Int32Array(names.length).fill(-1);
    const sinkFields: { type: DataType; build: boolean }[] = [];
    for (const f of this.plan.schema) {
      const at = position.get(f.name);
      if (at === undefined || !this.plan.parsed.has(f.name)) continue;
      const slot = sinkFields.length;
      this.slotOf[at] = slot;
      this.slotName.push(f.name);
      this.slotType.push(f.type);
      sinkFields.push({ type: f.type, build: output.has(f.name) });
      if (output.has(f.name)) this.slotByName.set(f.name, slot);
    }
    this.sink = new ColumnSink(sinkFields, this.expectedRows);
    this.headerSeen = true;
  }

  /** Starts data row k of the block: records its line and reports invalid UTF-8 in it. */
  private beginRow(frames: RowFrames, k: number): void {
    const start = frames.start[k]!;
    this.rowStart = start;
    this.rowEnd = frames.end[k]!;
    this.rowLine = this.line;
    this.raw = null;
    if (this.rows === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.rows] = this.line;
    const invalid = this.invalid;
    if (this.nextInvalid < invalid.length) {
      while (this.nextInvalid < invalid.length && invalid[this.nextInvalid + 1]! <= start) this.nextInvalid += 2;
      if (this.nextInvalid < invalid.length && invalid[this.nextInvalid]! < Math.max(frames.next[k]!, this.rowEnd + 1)) this.issue(null, 'invalid UTF-8');
    }
  }

  /** Ends the current data row, which spans `lines` physical lines. */
  private endRow(lines: number): void {
    this.rows++;
    this.line += lines;
  }

  /** Splits a row without quotes at its commas, straight into the builders. */
  private splitRow(start: number, end: number): void {
    if (this.bytes !== null) {
      this.splitRowBytes(this.bytes, start, end);
      return;
    }
    const text = this.text;
    const slotOf = this.slotOf;
    const width = slotOf.length;
    const sink = this.sink;
    let p = start;
    let f = 0;
    for (;;) {
      // Fields are short: a loop beats a call to indexOf (which may also run past the row).
      let c = p;
      while (c < end && text.charCodeAt(c) !== 44) c++;
      if (f < width) {
        const slot = slotOf[f]!;
        if (slot >= 0) {
          if (c === p) sink.putNull(slot);
          else if (!sink.putRange(slot, text, p, c)) this.badValue(slot, text.substring(p, c));
        }
      }
      f++;
      if (c === end) break;
      p = c + 1;
    }
    this.endFields(f);
  }

  /** `splitRow` reading the fields from the block's (ASCII) bytes. */
  private splitRowBytes(bytes: Uint8Array, start: number, end: number): void {
    const text = this.text;
    const slotOf = this.slotOf;
    const width = slotOf.length;
    const sink = this.sink;
    let p = start;
    let f = 0;
    for (;;) {
      let c = p;
      while (c < end && bytes[c] !== 44) c++;
      if (f < width) {
        const slot = slotOf[f]!;
        if (slot >= 0) {
          if (c === p) sink.putNull(slot);
          else if (!sink.putBytes(slot, bytes, text, p, c)) this.badValue(slot, text.substring(p, c));
        }
      }
      f++;
      if (c === end) break;
      p = c + 1;
    }
    this.endFields(f);
  }

  /** Reads a row whose fields papaparse has split. */
  private fieldRow(fields: readonly string[]): void {
    const slotOf = this.slotOf;
    const n = Math.min(fields.length, slotOf.length);
    for (let f = 0; f < n; f++) {
      const slot = slotOf[f]!;
      if (slot < 0) continue;
      const s = fields[f]!;
      if (s.length === 0) this.sink.putNull(slot);
      else if (!this.sink.put(slot, s)) this.badValue(slot, s);
    }
    this.endFields(fields.length);
  }

  /** Checks the field count and fills the fields a short row lacks with nulls. */
  private endFields(count: number): void {
    const width = this.slotOf.length;
    if (count === width) return;
    this.issue(null, `expected ${width} fields, got ${count}`);
    for (let f = count; f < width; f++) {
      const slot = this.slotOf[f]!;
      if (slot >= 0) this.sink.putNull(slot);
    }
  }

  /** Splits rows k..m-1 with papaparse (one call for the run), one field array per row. */
  private papaparse(text: string, frames: RowFrames, k: number, m: number): string[][] {
    const last = m - 1;
    const terminated = (frames.flags[last]! & ROW_TERMINATED) !== 0;
    const crlf = (frames.flags[k]! & ROW_CRLF) !== 0;
    const parser = crlf ? this.crlfParser : this.lfParser;
    // The text includes the last row's line break, so every row ends the same way; papaparse then
    // adds one empty row for the end of the text.
    const result: PapaRows = parser.parse(text.substring(frames.start[k]!, frames.next[last]!), 0, false);
    const rows = result.data;
    if (terminated) rows.pop();
    if (rows.length === m - k) return rows;
    // Framing and papaparse disagree (not expected): split the rows one by one.
    const out: string[][] = [];
    for (let r = k; r < m; r++) out.push(this.papaparseOne(text.substring(frames.start[r]!, frames.end[r]!)));
    return out;
  }

  /** Splits one row's text (without its line break) with papaparse. */
  private papaparseOne(rowText: string): string[] {
    const result: PapaRows = this.lfParser.parse(rowText, 0, false);
    return result.data.length === 1 ? result.data[0]! : result.data.flat();
  }

  private badValue(slot: number, text: string): void {
    this.issue(this.slotName[slot]!, badValueReason(this.slotType[slot]!, text));
  }

  private issue(column: string | null, reason: string): void {
    if (this.raw === null) this.raw = detach(this.text.substring(this.rowStart, this.rowEnd));
    this.issues.push({ file: this.label, line: this.rowLine, row: this.rows, column, reason, raw: this.raw });
  }
}

export function rowTooLong(label: string, line: number, limit: number): C360Error {
  return new C360Error(`${label}:${line}: the row starting on this line is longer than ${limit >> 20} MB (is a closing quote missing?)`);
}

/** A file system error as one sentence naming the file (other errors pass through). */
export function fileError(label: string, err: unknown): Error {
  if (err instanceof C360Error) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  if (code === '') return err instanceof Error ? err : new Error(String(err)); // not a file system error
  const why: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a directory, not a file',
    ENOTDIR: 'a folder on its path is a file',
  };
  const reason = why[code] ?? (err instanceof Error ? err.message : String(err));
  return new C360Error(`cannot read ${label}: ${reason}`, { cause: err });
}
