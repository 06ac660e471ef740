/**
 * The SQL that reads the declared input files on Spark: each CSV is read with its header, every
 * column as text and matched by name, then each declared column is parsed with the engine's strict
 * parsers and the bad-row policy applied, in SQL.
 */
import { parseTextSql, sqlIdent, sqlString } from '../engine/sql';
import { InputFile } from '../schema/inputs';
import { PARAM } from './params';

/** The column of an input view holding the row's position in its file (ties of a dedupe keep the earliest row). */
export const FILE_ORDER_COLUMN = '__c360_row';

/** Suffix of the text of a typed column kept beside its parsed value, to tell a bad value from an empty one. */
const TEXT_SUFFIX = '__text';

/** The temporary view of a declared input file's parsed, typed rows. */
export function inputViewName(file: InputFile): string {
  return `input_${file.name}`;
}

/** The temporary view of an input file's raw text columns. */
export function rawViewName(file: InputFile): string {
  return `raw_${file.name}`;
}

/**
 * The statements that define an input file's views (`raw_<name>` over the CSV, `input_<name>`
 * with the declared types). The CSV options follow the spec: header line, RFC 4180 quoting with
 * doubled quotes, quoted line breaks, no trimming; an empty field is null.
 */
export function inputSql(file: InputFile): string {
  const raw = sqlIdent(rawViewName(file));
  const typed = file.columns.filter((c) => c.type !== 'string');
  const text = (name: string): string => sqlIdent(`${name}${TEXT_SUFFIX}`);
  const parsed = [
    ...file.columns.map((c) => (c.type === 'string' ? sqlIdent(c.name) : `${parseTextSql(sqlIdent(c.name), c.type, 'field')} AS ${sqlIdent(c.name)}`)),
    ...typed.map((c) => `${sqlIdent(c.name)} AS ${text(c.name)}`),
    `monotonically_increasing_id() AS ${sqlIdent(FILE_ORDER_COLUMN)}`,
  ];
  // One text per bad value: `column (expected type): value`; '' when the row is clean.
  const problems = typed.map((c) => `CASE WHEN ${text(c.name)} IS NOT NULL AND ${sqlIdent(c.name)} IS NULL THEN concat(${sqlString(`${c.name} (expected ${c.type}): `)}, ${text(c.name)}) END`);
  const bad = sqlIdent('__c360_bad');
  const output = [...file.columns.map((c) => sqlIdent(c.name)), sqlIdent(FILE_ORDER_COLUMN)];
  return [
    `-- Input ${file.name}: ${file.path}, declared columns matched by header name.`,
    `-- Rows of the wrong width are handled by the CSV mode (${PARAM.csvMode}); rows with a value that does not parse by the bad-row policy (${PARAM.badRows}) below.`,
    `CREATE OR REPLACE TEMPORARY VIEW ${raw}`,
    'USING csv',
    'OPTIONS (',
    `  path ${sqlString(`${PARAM.data}/${file.path}`)},`,
    "  header 'true',",
    `  mode ${sqlString(PARAM.csvMode)},`,
    `  multiLine ${sqlString(PARAM.csvMultiLine)},`,
    `  quote '"',`,
    `  escape '"',`,
    "  encoding 'UTF-8',",
    "  ignoreLeadingWhiteSpace 'false',",
    "  ignoreTrailingWhiteSpace 'false'",
    ');',
    '',
    `CREATE OR REPLACE TEMPORARY VIEW ${sqlIdent(inputViewName(file))} AS`,
    'WITH parsed AS (',
    `  SELECT ${parsed.join(',\n         ')}`,
    `  FROM ${raw}`,
    '),',
    'checked AS (',
    `  SELECT *, ${problems.length === 0 ? "''" : `concat_ws('; ', ${problems.join(',\n                            ')})`} AS ${bad}`,
    '  FROM parsed',
    ')',
    `SELECT ${output.join(', ')}`,
    'FROM checked',
    `WHERE CASE ${sqlString(PARAM.badRows)}`,
    "  WHEN 'keep' THEN TRUE",
    `  WHEN 'fail' THEN CASE WHEN ${bad} = '' THEN TRUE ELSE raise_error(concat(${sqlString(`${file.path}: a value does not fit its declared type: `)}, ${bad})) END`,
    `  ELSE ${bad} = ''`,
    'END;',
    '',
  ].join('\n');
}
