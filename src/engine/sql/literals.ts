/**
 * Spark SQL text of names, types and literal values. Knows nothing about plans.
 */
import { C360Error } from '../../errors';
import { formatDate, formatTimestamp } from '../format';
import { CellValue, DataType } from '../types';

/** A quoted identifier: `name`, with inner backticks doubled. */
export function sqlIdent(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/**
 * A string literal. Spark unescapes backslashes in literals (unless
 * `spark.sql.parser.escapedStringLiterals` is on), so backslashes and quotes are escaped.
 */
export function sqlString(s: string): string {
  let out = "'";
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return out + "'";
}

const PLACEHOLDER = /^\$\{[A-Za-z0-9_.:-]+\}$/;

/**
 * True for a string literal that is a Spark variable reference such as `${c360.as_of}`: it is
 * rendered as is and substituted by Spark when the SQL runs (the value is a run parameter).
 */
export function isPlaceholder(value: CellValue): value is string {
  return typeof value === 'string' && PLACEHOLDER.test(value);
}

/** The Spark type of an engine type (int is 64-bit; timestamps carry no zone). */
export function sparkType(t: DataType): string {
  switch (t) {
    case 'string':
      return 'STRING';
    case 'float64':
      return 'DOUBLE';
    case 'int':
      return 'BIGINT';
    case 'bool':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP_NTZ';
    case 'list<string>':
      return 'ARRAY<STRING>';
  }
}

/** A double literal (`0.3D`, `1E-7D`); NaN and infinities as casts. */
export function doubleLiteral(v: number): string {
  if (Number.isNaN(v)) return "CAST('NaN' AS DOUBLE)";
  if (v === Infinity) return "CAST('Infinity' AS DOUBLE)";
  if (v === -Infinity) return "CAST('-Infinity' AS DOUBLE)";
  if (Object.is(v, -0)) return '(-0.0D)';
  const text = String(Math.abs(v)).toUpperCase();
  return v < 0 ? `(-${text}D)` : `${text}D`;
}

/** A whole-number literal: plain when it fits a 32-bit int (`bigint` forces the `L` suffix), else `L`. */
export function integerLiteral(v: number, bigint = false): string {
  if (!Number.isInteger(v)) throw new C360Error(`${v} is not a whole number`);
  const small = Math.abs(v) <= 2147483647;
  const text = `${Math.abs(v)}${bigint || !small ? 'L' : ''}`;
  return v < 0 ? `(-${text})` : text;
}

/**
 * A literal of an engine type. `null` with a type is a typed null (`CAST(NULL AS DATE)`);
 * dates and timestamps are given as day numbers and naive milliseconds, as in frames.
 */
export function sqlLiteral(value: CellValue, type: DataType | null): string {
  if (value === null) return type === null ? 'NULL' : `CAST(NULL AS ${sparkType(type)})`;
  switch (type) {
    case null:
    case 'string':
      if (typeof value !== 'string') return sqlLiteral(value, typeof value === 'number' ? 'float64' : typeof value === 'boolean' ? 'bool' : 'list<string>');
      return sqlString(value);
    case 'float64':
      return doubleLiteral(Number(value));
    case 'int':
      return integerLiteral(Number(value));
    case 'bool':
      return value ? 'TRUE' : 'FALSE';
    case 'date':
      return typeof value === 'string' ? `CAST(${sqlString(value)} AS DATE)` : `DATE'${formatDate(Number(value))}'`;
    case 'timestamp':
      return typeof value === 'string' ? `CAST(${sqlString(value)} AS TIMESTAMP_NTZ)` : `TIMESTAMP_NTZ'${formatTimestamp(Number(value))}'`;
    case 'list<string>': {
      if (!Array.isArray(value)) throw new C360Error(`a list literal needs an array, got ${JSON.stringify(value)}`);
      const items = (value as readonly string[]).map((s) => sqlString(s));
      return items.length === 0 ? 'CAST(array() AS ARRAY<STRING>)' : `array(${items.join(', ')})`;
    }
  }
}

/** A one-line SQL comment body: no line breaks, quotes or semicolons (the spark-sql CLI splits on them). */
export function sqlComment(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[;'"`]/g, '').replace(/\$\{/g, '{');
}
