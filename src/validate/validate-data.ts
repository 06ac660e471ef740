/**
 * `validateData`: checks a data folder without running the models. For each of the seven input
 * files: is it there, is its header right, does every value parse as its declared type (malformed
 * rows with file:line:column), are keys unique, do foreign keys resolve, how many values are null
 * in each column, and the spec's validation rules (dates plausible, amounts positive).
 *
 * The figures after the type check (tests, null rates) are over the rows a run would use with the
 * default bad-row policy: malformed rows left out.
 */
import { promises as fsp } from 'fs';
import * as fs from 'fs';
import * as path from 'path';
import Papa from 'papaparse';
import { C360Error } from '../errors';
import { DataFrame } from '../engine/frame';
import { readCsv } from '../io/csv-reader';
import { inputTests } from '../quality/builtin';
import { DataTestResult, runDataTests } from '../quality/run';
import { INPUT_FILES, InputFile } from '../schema/inputs';

/** What `validateData` checks. */
export interface ValidateOptions {
  /** The data folder (spec section 1 layout). */
  readonly dataDir: string;
  /** The as-of date, `YYYY-MM-DD`, for the date rules. */
  readonly asOf: string;
  /** Problems listed per file (all are counted); default 10. */
  readonly maxProblems?: number;
  /** The files to check; default the seven input files. */
  readonly files?: readonly InputFile[];
}

/** The header line of a file, compared with the declared columns. */
export interface HeaderCheck {
  /** The column names, as in the file. */
  readonly columns: readonly string[];
  /** Declared columns the header lacks (the file cannot be used). */
  readonly missing: readonly string[];
  /** Names that appear more than once (the file cannot be used). */
  readonly duplicates: readonly string[];
  /** Columns that are not declared (ignored by a run). */
  readonly extra: readonly string[];
  /** True when the declared columns appear in the declared order (any order works). */
  readonly inOrder: boolean;
  /** True when the file starts with a UTF-8 byte order mark (ignored). */
  readonly bom: boolean;
}

/** One problem with a row. */
export interface RowProblem {
  /** Physical line where the row starts (the header is line 1). */
  readonly line: number;
  /** The column with the bad value; null for the whole row (field count, quoting, UTF-8). */
  readonly column: string | null;
  readonly reason: string;
}

/** The null values of one column. */
export interface NullRate {
  readonly column: string;
  readonly nulls: number;
  /** nulls / rows, 0 for a file without rows. */
  readonly rate: number;
}

/** What `validateData` found in one input file. */
export interface FileValidation {
  /** Declared name, e.g. `transactions`. */
  readonly name: string;
  /** Path in the data folder, e.g. `sales/transactions.csv`. */
  readonly file: string;
  /** `missing`: not in the folder; `unreadable`: cannot be read as this input (see `error`). */
  readonly status: 'ok' | 'missing' | 'unreadable';
  /** The one-sentence reason, for `unreadable`. */
  readonly error: string | null;
  /** The header, when the file has one. */
  readonly header: HeaderCheck | null;
  /** Data rows read (empty lines not counted). */
  readonly rows: number;
  readonly bytes: number;
  /** Rows with at least one problem: a run leaves them out (`--bad-rows reject`). */
  readonly malformedRows: number;
  /** Problems by column; whole-row problems under `(row)`. */
  readonly problemsByColumn: Readonly<Record<string, number>>;
  /** The first problems (see `maxProblems`), in file order. */
  readonly problems: readonly RowProblem[];
  /** Every declared column's nulls, over the rows that are not malformed. */
  readonly nullRates: readonly NullRate[];
  /** The spec's validation rules for the file (duplicate keys, orphan foreign keys, dates, amounts). */
  readonly tests: readonly DataTestResult[];
}

/** What `validateData` returns. */
export interface ValidationReport {
  readonly dataDir: string;
  readonly asOf: string;
  readonly files: readonly FileValidation[];
  readonly counts: {
    readonly present: number;
    readonly missing: number;
    readonly unreadable: number;
    readonly malformedRows: number;
    /** Failed tests of severity warn. */
    readonly warnings: number;
    /** Failed tests of severity error. */
    readonly errors: number;
  };
  /** False when a file is missing or unreadable, or a test of severity error failed. */
  readonly ok: boolean;
}

/** The key under which whole-row problems are counted. */
export const ROW_PROBLEM = '(row)';

/**
 * Checks the input files of a data folder without running the models. Throws a C360Error only
 * when the folder itself is missing; every problem with a file is in the report.
 * @example const report = await validateData({ dataDir: 'data/sample', asOf: '2025-01-15' });
 */
export async function validateData(options: ValidateOptions): Promise<ValidationReport> {
  const { dataDir, asOf } = options;
  const files = options.files ?? INPUT_FILES;
  const maxProblems = options.maxProblems ?? 10;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dataDir);
  } catch {
    throw new C360Error(`data folder not found: ${dataDir}`);
  }
  if (!stat.isDirectory()) throw new C360Error(`data folder not found: ${dataDir} is a file, not a folder`);

  const checked: { result: Omit<FileValidation, 'tests'>; frame: DataFrame | null; file: InputFile }[] = [];
  for (const file of files) checked.push(await checkFile(dataDir, file, maxProblems));

  const frames: Record<string, DataFrame> = {};
  for (const c of checked) if (c.frame !== null) frames[c.file.name] = c.frame;
  const rules = inputTests(asOf);
  const out: FileValidation[] = [];
  for (const c of checked) {
    let tests: DataTestResult[] = [];
    if (c.frame !== null) {
      const runnable = (rules[c.file.name] ?? []).filter((t) => t.kind !== 'relationships' || frames[t.to] !== undefined);
      tests = await runDataTests(c.file.path, c.frame, runnable, { resolve: (n) => frames[n], keyColumns: [c.file.key] });
    }
    out.push({ ...c.result, tests });
  }
  const failed = out.flatMap((f) => f.tests.filter((t) => t.status === 'fail'));
  const counts = {
    present: out.filter((f) => f.status !== 'missing').length,
    missing: out.filter((f) => f.status === 'missing').length,
    unreadable: out.filter((f) => f.status === 'unreadable').length,
    malformedRows: out.reduce((s, f) => s + f.malformedRows, 0),
    warnings: failed.filter((t) => t.severity === 'warn').length,
    errors: failed.filter((t) => t.severity === 'error').length,
  };
  return { dataDir, asOf, files: out, counts, ok: counts.missing === 0 && counts.unreadable === 0 && counts.errors === 0 };
}

/** Reads one file: header, types, problems and null rates; the frame of its good rows. */
async function checkFile(dataDir: string, file: InputFile, maxProblems: number): Promise<{ result: Omit<FileValidation, 'tests'>; frame: DataFrame | null; file: InputFile }> {
  const p = path.join(dataDir, ...file.path.split('/'));
  const empty = { rows: 0, bytes: 0, malformedRows: 0, problemsByColumn: {}, problems: [], nullRates: [] };
  if (!fs.existsSync(p)) return { result: { name: file.name, file: file.path, status: 'missing', error: null, header: null, ...empty }, frame: null, file };
  let header: HeaderCheck | null = null;
  try {
    header = await readHeader(p, file);
    const read = await readCsv({ path: p, label: file.path, schema: file.columns, validateAll: true });
    const bad = new Uint8Array(read.rowsRead);
    const byColumn: Record<string, number> = {};
    for (const i of read.issues) {
      bad[i.row] = 1;
      const key = i.column ?? ROW_PROBLEM;
      byColumn[key] = (byColumn[key] ?? 0) + 1;
    }
    const malformed = bad.reduce((s, b) => s + b, 0);
    let frame = read.frame;
    if (malformed > 0) {
      const keep = new Int32Array(read.rowsRead - malformed);
      let k = 0;
      for (let r = 0; r < read.rowsRead; r++) if (bad[r] === 0) keep[k++] = r;
      frame = frame.take(keep);
    }
    const nullRates = file.columns.map((c) => {
      const nulls = frame.column(c.name).nullCount();
      return { column: c.name, nulls, rate: frame.numRows === 0 ? 0 : nulls / frame.numRows };
    });
    return {
      result: {
        name: file.name,
        file: file.path,
        status: 'ok',
        error: null,
        header,
        rows: read.rowsRead,
        bytes: read.bytes,
        malformedRows: malformed,
        problemsByColumn: byColumn,
        problems: read.issues.slice(0, maxProblems).map((i) => ({ line: i.line, column: i.column, reason: i.reason })),
        nullRates,
      },
      frame,
      file,
    };
  } catch (err) {
    if (!(err instanceof C360Error)) throw err;
    return { result: { name: file.name, file: file.path, status: 'unreadable', error: err.message, header, ...empty }, frame: null, file };
  }
}

/** Bytes of the file's start searched for the header line. */
const HEADER_BYTES = 1 << 20;

/** The file's header compared with the declared columns; null for an empty file. */
async function readHeader(p: string, file: InputFile): Promise<HeaderCheck | null> {
  const handle = await fsp.open(p, 'r').catch(() => null);
  if (handle === null) return null; // readCsv reports why
  let bytes: Buffer;
  try {
    const buf = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEADER_BYTES, 0);
    bytes = buf.subarray(0, bytesRead);
  } catch {
    return null;
  } finally {
    await handle.close();
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.subarray(bom ? 3 : 0).toString('utf8');
  const firstRow = text.replace(/^(\r?\n)+/, '');
  if (firstRow === '') return null;
  const parsed = Papa.parse<string[]>(firstRow, { delimiter: ',', quoteChar: '"', preview: 1 });
  const columns = (parsed.data[0] ?? []).map((c) => c.replace(/\r$/, ''));
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const c of columns) {
    if (seen.has(c) && c !== '') duplicates.add(c);
    seen.add(c);
  }
  const declared = file.columns.map((c) => c.name);
  const present = columns.filter((c) => declared.includes(c));
  const order = declared.filter((c) => seen.has(c));
  return {
    columns,
    missing: file.columns.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name),
    duplicates: [...duplicates],
    extra: columns.filter((c) => !declared.includes(c)),
    inOrder: present.filter((c, i) => present.indexOf(c) === i).join('\u0000') === order.join('\u0000'),
    bom,
  };
}
