/**
 * One byte range of a parallel CSV read: the task a worker thread (or the calling thread) runs,
 * and the transferable result it returns.
 *
 * A range starts at the beginning of a line after the header and ends just after a line feed (or
 * at the end of the file). It is read exactly as the serial reader reads the same bytes: the same
 * blocks, framing, parsers and issue reasons, with the header given rather than read. Lines and
 * row indices in the result are relative to the range: its first row is row 0 on line 1.
 */
import type { CsvField, RowIssue } from './csv-reader';
import type { ColumnPart } from './csv-columns';
import { CsvScan, planColumns, scanBlocks } from './csv-scan';
import { TextBlockReader } from './text-blocks';

export type { ColumnPart } from './csv-columns';

/** What a range task reads. Plain data, so it can be posted to a worker thread. */
export interface RangeTask {
  readonly path: string;
  readonly label: string;
  readonly schema: readonly CsvField[];
  readonly columns: readonly string[] | undefined;
  readonly validateAll: boolean;
  readonly papaparseAllRows: boolean;
  /** The file's header row, as framed (without its line break), and its framing flags. */
  readonly header: string;
  readonly headerFlags: number;
  /** The byte range [start, end) of the file. */
  readonly start: number;
  readonly end: number;
  /** About how many rows the range holds, to size its builders (a hint). */
  readonly expectedRows?: number;
}

/** What a range read. */
export interface RangeResult {
  /** The plan's output columns, in order; null for a column the file does not have. */
  readonly columns: readonly (ColumnPart | null)[];
  /** The line (relative: the range's first line is 1) where each row starts. */
  readonly lines: Int32Array;
  /** Issues with relative lines and rows. */
  readonly issues: readonly RowIssue[];
  readonly rows: number;
  /** Physical lines in the range (its line feeds, when it ends with one). */
  readonly physicalLines: number;
  /** The range ended inside a quoted field: the cut after it is not at a row boundary. */
  readonly openAtEnd: boolean;
  /** Bytes read. */
  readonly bytes: number;
}

/** A range's result, or why it could not be read (the caller then reads the file serially). */
export type RangeOutcome = { readonly ok: true; readonly result: RangeResult } | { readonly ok: false; readonly message: string };

/** Reads one range. Never throws: a failure comes back as `ok: false`. */
export async function readRange(task: RangeTask): Promise<RangeOutcome> {
  try {
    const plan = planColumns(task);
    const scan = new CsvScan(task.label, plan, task.papaparseAllRows, task.expectedRows);
    scan.useHeader(task.header, task.headerFlags);
    const reader = await TextBlockReader.open(task.path, undefined, { start: task.start, end: task.end });
    let openAtEnd: boolean;
    try {
      openAtEnd = await scanBlocks(reader, scan, task.label);
    } finally {
      await reader.close();
    }
    const physicalLines = scan.line - 1;
    const { columns, lines, issues, rows } = scan.finishParts();
    const result: RangeResult = { columns, lines, issues, rows, physicalLines, openAtEnd, bytes: reader.bytesRead - task.start };
    return { ok: true, result };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/** The array buffers of an outcome, to transfer rather than copy when posting it. */
export function transferables(outcome: RangeOutcome): ArrayBuffer[] {
  if (!outcome.ok) return [];
  const out = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | null): void => {
    if (a !== null && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  };
  add(outcome.result.lines);
  for (const p of outcome.result.columns) {
    if (p === null) continue;
    if (p.kind === 'string') {
      add(p.codes);
      add(p.dict.units);
      add(p.dict.ends);
      add(p.dict.hashes);
      add(p.dict.numbered?.numbers ?? null);
    }
    else if (p.kind === 'numeric' || p.kind === 'bool') {
      add(p.values);
      add(p.validity);
    }
  }
  return [...out];
}
