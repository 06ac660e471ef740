/**
 * Text ↔ value conversions in Spark SQL with the engine's rules: the strict parsers of
 * `engine/parse` (a value that does not parse is null, never a lenient guess) and the text forms
 * of `engine/format`.
 */
import { DataType } from '../types';
import { sqlString } from './literals';

/** Java regular expressions (Spark's RLIKE) of the engine's strict parsers; `\z` is the true end. */
const DECIMAL_RE = '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?\\z';
const INTEGER_RE = '^[+-]?[0-9]+\\z';
const DATE_RE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}\\z';
const TIMESTAMP_RE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?)?\\z';

/** The largest finite double and the largest exact whole number of a double. */
const MAX_DOUBLE = '1.7976931348623157E308D';
const MAX_SAFE_INTEGER = '9007199254740991D';

/**
 * How text is read:
 * - `field`: a CSV field of a declared column (dates are `YYYY-MM-DD` only; integers are whole numbers);
 * - `cast`: `cast()` of a string (surrounding whitespace is trimmed; a timestamp text is a valid
 *   date; an integer may have a fraction, which is truncated).
 */
export type TextMode = 'field' | 'cast';

/**
 * SQL that parses the text expression `x` (a column reference or other side-effect-free SQL)
 * to a value of `type`; null when the text is null or does not parse.
 * @example parseTextSql('`amount`', 'float64', 'field')
 */
export function parseTextSql(x: string, type: DataType, mode: TextMode): string {
  const t = mode === 'cast' ? `regexp_replace(${x}, ${sqlString('^\\s+|\\s+\\z')}, '')` : x;
  const when = (re: string, value: string, extra = ''): string => `CASE WHEN ${t} RLIKE ${sqlString(re)}${extra} THEN ${value} END`;
  switch (type) {
    case 'string':
      return x;
    case 'float64':
      return when(DECIMAL_RE, `CAST(${t} AS DOUBLE)`, ` AND abs(CAST(${t} AS DOUBLE)) <= ${MAX_DOUBLE}`);
    case 'int':
      if (mode === 'cast') return when(DECIMAL_RE, `CAST(CAST(${t} AS DOUBLE) AS BIGINT)`, ` AND abs(CAST(${t} AS DOUBLE)) <= ${MAX_DOUBLE}`);
      return when(INTEGER_RE, `CAST(${t} AS BIGINT)`, ` AND abs(CAST(${t} AS DOUBLE)) <= ${MAX_SAFE_INTEGER}`);
    case 'date':
      if (mode === 'cast') return when(TIMESTAMP_RE, `CAST(try_cast(${t} AS TIMESTAMP_NTZ) AS DATE)`);
      return when(DATE_RE, `try_cast(${t} AS DATE)`);
    case 'timestamp':
      return when(TIMESTAMP_RE, `try_cast(${t} AS TIMESTAMP_NTZ)`);
    case 'bool':
      return `CASE WHEN lower(${t}) IN ('true', '1') THEN TRUE WHEN lower(${t}) IN ('false', '0') THEN FALSE END`;
    case 'list<string>':
      return `from_json(${t}, 'ARRAY<STRING>')`;
  }
}

/**
 * SQL that is true when the text `x` is present but not a valid value of `type` (a bad value
 * that makes a CSV row malformed).
 */
export function badTextSql(x: string, type: DataType): string {
  if (type === 'string') return 'FALSE';
  return `(${x} IS NOT NULL AND ${parseTextSql(x, type, 'field')} IS NULL)`;
}

/**
 * SQL giving the text form of a value of `type`, as the engine writes it: dates `YYYY-MM-DD`,
 * timestamps `YYYY-MM-DD HH:MM:SS` (with `.SSS` when the milliseconds are not zero), whole
 * numbers without a fraction, booleans `true`/`false`, lists as JSON arrays; null stays null.
 * Doubles that are not whole numbers below 1e15 use Java's shortest text (`1.0E-7` where the
 * engine writes `1e-7`): the same double, a different spelling.
 */
export function formatValueSql(x: string, type: DataType): string {
  switch (type) {
    case 'string':
      return x;
    case 'int':
      return `CAST(${x} AS STRING)`;
    case 'float64':
      return `CASE WHEN ${x} = floor(${x}) AND abs(${x}) < 1E15D THEN CAST(CAST(${x} AS BIGINT) AS STRING) ELSE CAST(${x} AS STRING) END`;
    case 'bool':
      return `CASE WHEN ${x} THEN 'true' WHEN NOT ${x} THEN 'false' END`;
    case 'date':
      return `date_format(${x}, 'yyyy-MM-dd')`;
    case 'timestamp':
      return `CASE WHEN date_format(${x}, 'SSS') = '000' THEN date_format(${x}, 'yyyy-MM-dd HH:mm:ss') ELSE date_format(${x}, 'yyyy-MM-dd HH:mm:ss.SSS') END`;
    case 'list<string>':
      return `to_json(${x})`;
  }
}
