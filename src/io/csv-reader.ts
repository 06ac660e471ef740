/**
 * The CSV reader: a file and its declared schema in, typed columns out, with the exact physical
 * line and original text of every row that does not fit the schema.
 *
 * How it works:
 * 1. `TextBlockReader` reads the file in 4 MB pieces (the next read runs while a block is parsed)
 *    and decodes whole physical lines as UTF-8; invalid bytes become U+FFFD and their lines are
 *    remembered.
 * 2. `frameRows` finds where each row starts and ends in the block (papaparse's quoting rules),
 *    how many physical lines it spans (1 + the LFs inside its quoted fields) and whether it holds
 *    a quote. A row still open at the end of a block is carried over to the next one.
 * 3. Rows holding quotes go, in runs, through papaparse's parser (`Papa.Parser`, the engine
 *    behind `Papa.parse`), which unquotes their fields. Rows without a quote are split at commas
 *    directly into the column builders: that is what papaparse itself does for quote-free text
 *    (its `split` fast path), without building an array per row. Fields of columns that are not
 *    asked for are skipped without being copied.
 * 4. Each field goes to its column's builder through the engine's strict parsers; strings are
 *    interned into the column's dictionary. In a block that is all ASCII (character i is byte i),
 *    the fields of rows without quotes are read from the block's bytes, with the same results.
 *
 * Large files (32 MB and more by default) are read on worker threads, in byte ranges cut at line
 * feeds, and merged in file order (see csv-parallel.ts); the result is the serial reader's in
 * every case, and a file whose cuts fall inside a quoted field is read serially. The row loop,
 * header and builders of one pass live in csv-scan.ts.
 *
 * Row numbers and text: the header is line 1 (a BOM is not part of it). Because the framing gives
 * the character range of every row, an issue's `raw` is the row's text exactly as in the file,
 * quotes and inner line breaks included, without its final line break (CR LF or LF). The only
 * difference from the file's bytes is for invalid UTF-8, which appears as U+FFFD.
 */
import { nullColumn } from '../engine/column';
import { DataFrame } from '../engine/frame';
import { DataType, Field } from '../engine/types';
import { readCsvParallel } from './csv-parallel';
import { CsvScan, fileError, planColumns, scanBlocks } from './csv-scan';
import { TextBlockReader } from './text-blocks';

/** A column the file must (or may) have. */
export interface CsvField {
  readonly name: string;
  readonly type: DataType;
  /** When false, a file without this column reads as an all-null column. Default true. */
  readonly required?: boolean;
}

/** What `readCsv` reads. */
export interface CsvReadOptions {
  /** The file to read. */
  readonly path: string;
  /** The declared columns, matched to the header by exact name. */
  readonly schema: readonly CsvField[];
  /**
   * Only these schema columns are parsed and built (the frame keeps the schema's order); the
   * other fields are skipped without being copied. Default: every schema column.
   */
  readonly columns?: readonly string[];
  /**
   * Also check the values of schema columns left out by `columns` (nothing is built for them),
   * so that `issues` are the same as for a full read. Default false.
   */
  readonly validateAll?: boolean;
  /** Called after each read from the file. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The file name used in messages and issues; default the path as given. */
  readonly label?: string;
  /**
   * Read the file as byte ranges on worker threads (one per core), then merge them. Default: for
   * files of at least `parallelMinBytes`; true: whenever the file makes more than one range of
   * `parallelRangeBytes`; false: never. The result is the same either way: a file whose ranges
   * cannot be read apart (a quoted field holding a line break across a cut) is read serially.
   */
  readonly parallel?: boolean;
  /** The smallest file read in parallel by default (bytes; default 32 MB). */
  readonly parallelMinBytes?: number;
  /** About how many bytes each range of a parallel read holds (default 112 MB). */
  readonly parallelRangeBytes?: number;
}

/** A row that does not fit the schema. The row is still in the frame; bad values are null. */
export interface RowIssue {
  readonly file: string;
  /** Physical line (1-based; the header is line 1) where the row starts. */
  readonly line: number;
  /** Index of the row in the returned frame. */
  readonly row: number;
  /** The column holding the bad value; null for a problem with the whole row. */
  readonly column: string | null;
  /** E.g. `expected a decimal, got "N/A"`, `expected 12 fields, got 11`, `unterminated quoted field`. */
  readonly reason: string;
  /** The row's text as in the file (all its physical lines), without the final line break. */
  readonly raw: string;
}

/** What `readCsv` returns. */
export interface CsvReadResult {
  /** One row per CSV row (empty lines are skipped), with the asked-for columns. */
  readonly frame: DataFrame;
  /** The physical line (1-based) where each row of the frame starts. */
  readonly lines: Int32Array;
  /** Every problem found, in file order. */
  readonly issues: RowIssue[];
  /** Rows in the frame. */
  readonly rowsRead: number;
  /** Bytes read from the file. */
  readonly bytes: number;
  /** How many byte ranges the file was read in: 1 for a serial read. */
  readonly ranges: number;
}

/** How rows are split into fields (internal: the benchmark and tests compare the two). */
export interface CsvParseMode {
  /** Send every row through papaparse, not only rows that hold quotes. */
  readonly papaparseAllRows: boolean;
  /**
   * Read the ranges of a parallel read one after the other in the calling thread rather than on
   * worker threads (same code and results; for tests and measurements). Default false.
   */
  readonly rangesInThread?: boolean;
}

/**
 * Reads a CSV file into a frame of the declared schema. Columns are matched by header name (any
 * order; extra columns ignored; a missing optional column is all null). An empty field is null
 * for every type; strings are kept exactly; other values use the engine's strict parsers. Rows
 * with a bad value, the wrong number of fields, broken quoting or invalid UTF-8 are kept (bad
 * values null, missing fields null) and listed in `issues`; nothing about a row is ever thrown.
 * Throws `C360Error` for an unreadable or empty file, a duplicate header name (empty names may
 * repeat: they never match a declared column) or a missing required column.
 * @example const { frame, issues } = await readCsv({ path: 'sales/transactions.csv', schema });
 */
export function readCsv(options: CsvReadOptions): Promise<CsvReadResult> {
  return readCsvWith(options, { papaparseAllRows: false });
}

/** `readCsv` with a choice of field splitting (see `CsvParseMode`). */
export async function readCsvWith(options: CsvReadOptions, mode: CsvParseMode): Promise<CsvReadResult> {
  const label = options.label ?? options.path;
  const plan = planColumns(options);
  if (options.parallel !== false) {
    const parallel = await readCsvParallel(options, mode, plan, label);
    if (parallel !== null) return parallel;
  }
  let reader: TextBlockReader;
  try {
    reader = await TextBlockReader.open(options.path, options.onProgress);
  } catch (err) {
    throw fileError(label, err);
  }
  const scan = new CsvScan(label, plan, mode.papaparseAllRows);
  try {
    await scanBlocks(reader, scan, label);
    const { columns, lines, issues, rows } = scan.finish();
    const fields: Field[] = plan.output.map((f) => ({ name: f.name, type: f.type }));
    const filled = columns.map((c, i) => c ?? nullColumn(plan.output[i]!.type, rows));
    return { frame: new DataFrame(fields, filled, rows), lines, issues, rowsRead: rows, bytes: reader.bytesRead, ranges: 1 };
  } finally {
    await reader.close();
  }
}
