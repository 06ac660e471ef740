/**
 * DataFrame: an immutable, columnar table (the result of running a plan). Its columns may be
 * gathers not done yet (see `DataFrame.take`); reading a column's storage completes its gather.
 */
import { C360Error } from '../errors';
import { Column, TakeMemo, columnFrom, concatColumns } from './column';
import { formatCell } from './format';
import { CellValue, DataType, Field, Schema } from './types';

/** A row as a plain object (for tests, interop and small outputs only; never on hot paths). */
export type Row = Record<string, CellValue>;

/** Literal column input: a type and its values. */
export interface ColumnSpec {
  readonly type: DataType;
  readonly values: readonly (CellValue | undefined)[];
}

/** An immutable table of named, typed columns of equal length. */
export class DataFrame {
  readonly schema: Schema;
  private readonly byName: Map<string, number>;

  /** Builds a frame from fields and columns; all columns must have the frame's length. */
  constructor(
    fields: readonly Field[],
    readonly columns: readonly Column[],
    readonly numRows: number = columns[0]?.length ?? 0,
  ) {
    if (fields.length !== columns.length) throw new C360Error(`a frame needs one column per field (${fields.length} fields, ${columns.length} columns)`);
    this.schema = fields.map((f) => ({ name: f.name, type: f.type }));
    this.byName = new Map();
    fields.forEach((f, i) => {
      if (this.byName.has(f.name)) throw new C360Error(`duplicate column name "${f.name}"`);
      if (columns[i]!.type !== f.type) throw new C360Error(`column "${f.name}" is declared ${f.type} but holds ${columns[i]!.type}`);
      if (columns[i]!.length !== this.numRows) throw new C360Error(`column "${f.name}" has ${columns[i]!.length} rows, expected ${this.numRows}`);
      this.byName.set(f.name, i);
    });
  }

  /**
   * Builds a frame from literal columns.
   * @example DataFrame.fromColumns({ id: { type: 'string', values: ['a', null] } })
   */
  static fromColumns(spec: Record<string, ColumnSpec>): DataFrame {
    const names = Object.keys(spec);
    const fields = names.map((name) => ({ name, type: spec[name]!.type }));
    const cols = names.map((name) => columnFrom(spec[name]!.type, spec[name]!.values));
    const n = cols[0]?.length ?? 0;
    return new DataFrame(fields, cols, n);
  }

  /** Builds a frame from a schema and row objects (missing keys are null). */
  static fromRows(schema: Schema, rows: readonly Row[]): DataFrame {
    const cols = schema.map((f) => columnFrom(f.type, rows.map((r) => r[f.name])));
    return new DataFrame(schema, cols, rows.length);
  }

  /** An empty frame with the given schema. */
  static empty(schema: Schema): DataFrame {
    return new DataFrame(schema, schema.map((f) => columnFrom(f.type, [])), 0);
  }

  /** Column names in order. */
  get columnNames(): string[] {
    return this.schema.map((f) => f.name);
  }

  /** True when the frame has a column of that name. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The column of that name; throws a clear error when absent. */
  column(name: string): Column {
    const i = this.byName.get(name);
    if (i === undefined) throw new C360Error(`no column "${name}" (columns: ${this.columnNames.join(', ')})`);
    return this.columns[i]!;
  }

  /** The type of a column. */
  typeOf(name: string): DataType {
    return this.column(name).type;
  }

  /** One cell as a JS value. */
  get(row: number, name: string): CellValue {
    return this.column(name).get(row);
  }

  /** A column's values as JS values. */
  values(name: string): CellValue[] {
    const c = this.column(name);
    const out: CellValue[] = new Array(c.length);
    for (let i = 0; i < c.length; i++) out[i] = c.get(i);
    return out;
  }

  /** All rows as objects (for small frames: tests, notebooks, reports). */
  toRows(): Row[] {
    const out: Row[] = new Array(this.numRows);
    for (let r = 0; r < this.numRows; r++) {
      const row: Row = {};
      this.schema.forEach((f, i) => {
        row[f.name] = this.columns[i]!.get(r);
      });
      out[r] = row;
    }
    return out;
  }

  /**
   * Gathers rows by index (index -1 gives a row of nulls). Late: each column of the result is
   * gathered on the first read of its storage, so a column no later step reads is never copied,
   * and a take from a frame whose columns are still pending composes the index vectors (one Int32
   * gather per distinct pending index) instead of gathering every column again.
   */
  take(idx: Int32Array): DataFrame {
    // Frames are immutable: taking every row in order is this frame (a left join on unique keys,
    // a filter that keeps everything).
    if (idx.length === this.numRows && isIdentity(idx)) return this;
    const memo: TakeMemo = new Map();
    return new DataFrame(this.schema, this.columns.map((c) => c.take(idx, memo)), idx.length);
  }

  /** The first n rows. */
  head(n = 10): DataFrame {
    const k = Math.max(0, Math.min(n, this.numRows));
    const idx = new Int32Array(k);
    for (let i = 0; i < k; i++) idx[i] = i;
    return this.take(idx);
  }

  /** A frame with only the named columns, in that order. */
  select(names: readonly string[]): DataFrame {
    return new DataFrame(names.map((n) => ({ name: n, type: this.typeOf(n) })), names.map((n) => this.column(n)), this.numRows);
  }

  /** A frame with a column added, or replaced in place when the name exists. */
  withColumn(name: string, col: Column): DataFrame {
    const i = this.byName.get(name);
    const fields = [...this.schema];
    const cols = [...this.columns];
    if (i === undefined) {
      fields.push({ name, type: col.type });
      cols.push(col);
    } else {
      fields[i] = { name, type: col.type };
      cols[i] = col;
    }
    return new DataFrame(fields, cols, this.numRows);
  }

  /** A frame with columns renamed by a map of old → new names. */
  rename(mapping: Record<string, string>): DataFrame {
    return new DataFrame(this.schema.map((f) => ({ name: mapping[f.name] ?? f.name, type: f.type })), this.columns, this.numRows);
  }

  /** Rows of several frames with the same column names (types must match), in order. */
  static concat(frames: readonly DataFrame[]): DataFrame {
    if (frames.length === 0) throw new C360Error('concat needs at least one frame');
    const first = frames[0]!;
    for (const f of frames) {
      if (f.schema.length !== first.schema.length || f.schema.some((fl, i) => fl.name !== first.schema[i]!.name || fl.type !== first.schema[i]!.type)) {
        throw new C360Error(`cannot union frames with different schemas: (${describeSchema(first.schema)}) and (${describeSchema(f.schema)})`);
      }
    }
    const cols = first.schema.map((fl, i) => concatColumns(fl.type, frames.map((f) => f.columns[i]!)));
    return new DataFrame(first.schema, cols, frames.reduce((n, f) => n + f.numRows, 0));
  }

  /** What Node's console and REPL (and so tslab) print for a frame: the text table. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /** A fixed-width text table of the first rows (what a REPL shows). */
  toString(maxRows = 20): string {
    const shown = this.head(maxRows);
    const header = this.schema.map((f) => `${f.name}`);
    const types = this.schema.map((f) => `<${f.type}>`);
    const body = shown.toRows().map((r) => this.schema.map((f) => (r[f.name] === null ? 'null' : formatCell(r[f.name] ?? null, f.type))));
    const widths = header.map((h, i) => Math.min(40, Math.max(h.length, types[i]!.length, ...body.map((row) => row[i]!.length))));
    const fit = (s: string, w: number): string => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
    const line = (cells: string[]): string => cells.map((c, i) => fit(c, widths[i]!)).join(' | ');
    const lines = [line(header), line(types), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line)];
    if (this.numRows > shown.numRows) lines.push(`... ${this.numRows - shown.numRows} more rows`);
    lines.push(`[${this.numRows} rows x ${this.schema.length} columns]`);
    return lines.join('\n');
  }
}

function isIdentity(idx: Int32Array): boolean {
  for (let i = 0; i < idx.length; i++) if (idx[i] !== i) return false;
  return true;
}

/** `name type, ...` for error messages and explain output. */
export function describeSchema(schema: Schema): string {
  return schema.map((f) => `${f.name} ${f.type}`).join(', ');
}
