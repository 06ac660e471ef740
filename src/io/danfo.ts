/**
 * Interop with danfo.js (`danfojs-node`), loaded on first use only, so that importing c360 does not
 * load TensorFlow.
 *
 * Type mapping, c360 → danfo (`toDanfo`):
 * | c360          | danfo dtype | cells                                                        |
 * |---------------|-------------|--------------------------------------------------------------|
 * | string        | string      | the strings                                                  |
 * | float64       | float32     | JS doubles, unchanged (danfo's dtype name; no rounding)      |
 * | int           | int32       | JS numbers, unchanged (values beyond 32 bits are kept)       |
 * | bool          | boolean     | true / false                                                 |
 * | date          | string      | `YYYY-MM-DD`                                                 |
 * | timestamp     | string      | `YYYY-MM-DD HH:MM:SS[.fff]` (naive: a JS Date would add a zone) |
 * | list<string>  | string      | the list as JSON text                                        |
 * A null is `null` in every column (danfo's `isNa` counts it as missing).
 *
 * danfo → c360 (`fromDanfo`): float32 → float64, int32 → int, boolean → bool, string → string,
 * datetime (JS Dates) → timestamp from the Date's local wall-clock fields. `null`, `undefined` and
 * NaN are null (danfo's missing values), so a NaN does not survive a round trip. Pass `types` to
 * read columns back as another type, e.g. `{ order_date: 'date' }` parses `YYYY-MM-DD` text.
 */
import { C360Error } from '../errors';
import { Column, columnFrom } from '../engine/column';
import { daysFromCivil, formatDate, formatTimestamp } from '../engine/format';
import { DataFrame } from '../engine/frame';
import { parseDate, parseTimestamp } from '../engine/parse';
import { CellValue, DataType, Field, MS_PER_DAY } from '../engine/types';

/** A danfo.js Series, as far as c360 uses it. */
export interface DanfoSeries {
  readonly values: readonly unknown[];
}

/** A danfo.js DataFrame, as far as c360 uses it (the real object has the whole danfo API). */
export interface DanfoDataFrame {
  readonly columns: string[];
  readonly dtypes: string[];
  readonly shape: number[];
  column(name: string): DanfoSeries;
}

/** The danfojs-node module, as far as c360 uses it. */
interface DanfoModule {
  readonly DataFrame: new (data: unknown[][], options: { columns: string[]; dtypes: string[] }) => DanfoDataFrame;
}

let danfo: DanfoModule | undefined;

/** Loads danfojs-node on first use. */
function loadDanfo(): DanfoModule {
  if (danfo === undefined) {
    try {
      const mod: DanfoModule = require('danfojs-node');
      danfo = mod;
    } catch (err) {
      throw new C360Error('danfojs-node could not be loaded (is it installed?)', { cause: err });
    }
  }
  return danfo;
}

const DTYPE: Record<DataType, string> = {
  string: 'string',
  float64: 'float32',
  int: 'int32',
  bool: 'boolean',
  date: 'string',
  timestamp: 'string',
  'list<string>': 'string',
};

/** The danfo cell of a c360 value. */
function toCell(v: CellValue, type: DataType): unknown {
  if (v === null) return null;
  if (type === 'date' && typeof v === 'number') return formatDate(v);
  if (type === 'timestamp' && typeof v === 'number') return formatTimestamp(v);
  if (type === 'list<string>') return JSON.stringify(v);
  return v;
}

/**
 * A danfo.js DataFrame with the frame's columns, in order (see the module comment for the types).
 * @example const df = toDanfo(frame); df.print();
 */
export function toDanfo(frame: DataFrame): DanfoDataFrame {
  const { DataFrame: DanfoFrame } = loadDanfo();
  const rows: unknown[][] = new Array(frame.numRows);
  for (let r = 0; r < frame.numRows; r++) {
    const row = new Array<unknown>(frame.schema.length);
    frame.schema.forEach((f, c) => {
      row[c] = toCell(frame.columns[c]!.get(r), f.type);
    });
    rows[r] = row;
  }
  return new DanfoFrame(rows, { columns: frame.columnNames, dtypes: frame.schema.map((f) => DTYPE[f.type]) });
}

/** Options of `fromDanfo`. */
export interface FromDanfoOptions {
  /** The c360 type of some columns (default: from the danfo dtype). */
  readonly types?: Readonly<Record<string, DataType>>;
}

function typeOfDtype(dtype: string): DataType {
  switch (dtype) {
    case 'float32':
      return 'float64';
    case 'int32':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'datetime':
      return 'timestamp';
    default:
      return 'string';
  }
}

/** Naive milliseconds of a JS Date's local wall clock. */
function wallClock(d: Date): number {
  const day = daysFromCivil(d.getFullYear(), d.getMonth() + 1, d.getDate());
  return day * MS_PER_DAY + d.getHours() * 3_600_000 + d.getMinutes() * 60_000 + d.getSeconds() * 1000 + d.getMilliseconds();
}

/** The c360 value of a danfo cell, or undefined when it cannot be one. */
function fromCell(v: unknown, type: DataType): CellValue | undefined {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
  switch (type) {
    case 'string':
      return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    case 'float64':
      return typeof v === 'number' ? v : undefined;
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
    case 'bool':
      return typeof v === 'boolean' ? v : undefined;
    case 'date':
      if (v instanceof Date) return Math.floor(wallClock(v) / MS_PER_DAY);
      return typeof v === 'string' ? parseDate(v) : undefined;
    case 'timestamp':
      if (v instanceof Date) return wallClock(v);
      return typeof v === 'string' ? parseTimestamp(v) : undefined;
    case 'list<string>': {
      let parsed: unknown = v;
      if (typeof v === 'string') {
        try {
          parsed = JSON.parse(v);
        } catch {
          return undefined;
        }
      }
      return Array.isArray(parsed) && parsed.every((s) => typeof s === 'string') ? parsed.map(String) : undefined;
    }
  }
}

/**
 * A c360 frame from a danfo.js DataFrame (see the module comment for the types); throws
 * `C360Error` naming the column and row of a cell that does not fit its type.
 * @example const frame = fromDanfo(df, { types: { signup_date: 'date' } });
 */
export function fromDanfo(df: DanfoDataFrame, options: FromDanfoOptions = {}): DataFrame {
  const n = df.shape[0] ?? 0;
  const fields: Field[] = [];
  const cols: Column[] = [];
  df.columns.forEach((name, c) => {
    const type = options.types?.[name] ?? typeOfDtype(df.dtypes[c] ?? 'string');
    const source = n === 0 ? [] : df.column(name).values;
    const values = new Array<CellValue>(n);
    for (let r = 0; r < n; r++) {
      const v = fromCell(source[r], type);
      if (v === undefined) throw new C360Error(`fromDanfo: column "${name}", row ${r}: ${JSON.stringify(String(source[r]))} is not a valid ${type} value`);
      values[r] = v;
    }
    fields.push({ name, type });
    cols.push(columnFrom(type, values));
  });
  return new DataFrame(fields, cols, n);
}
