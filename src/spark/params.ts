/**
 * The run parameters of an exported Spark project. The SQL refers to them as Spark variables
 * (`${c360.as_of}`), which `run_c360_pipeline.sh` sets with `SET` before the models run, so the
 * same SQL runs for any data path, as-of date and run timestamp.
 */

/** The Spark configuration keys of the run parameters. */
export const PARAM_KEYS = {
  /** The data folder or URI (`/data`, `s3a://bucket/c360`, `hdfs:///c360`, ...). */
  data: 'c360.data',
  /** The as-of date, `YYYY-MM-DD`. */
  asOf: 'c360.as_of',
  /** The run timestamp, `YYYY-MM-DD HH:MM:SS` (naive). */
  runTimestamp: 'c360.run_timestamp',
  /** The bad-row policy: reject, fail or keep. */
  badRows: 'c360.bad_rows',
  /** Spark's CSV mode of the policy: DROPMALFORMED, FAILFAST or PERMISSIVE. */
  csvMode: 'c360.csv_mode',
  /** Whether quoted fields may hold line breaks (true; false lets Spark split big files). */
  csvMultiLine: 'c360.csv_multiline',
  /** Where separate sessions keep each model as Parquet. */
  warehouse: 'c360.warehouse',
  /** Where the product is written as CSV. */
  output: 'c360.output',
} as const;

/** A parameter name. */
export type ParamName = keyof typeof PARAM_KEYS;

/** The Spark variable reference of each parameter, as it appears in the SQL (`${c360.as_of}`). */
export const PARAM: { readonly [K in ParamName]: string } = {
  data: `\${${PARAM_KEYS.data}}`,
  asOf: `\${${PARAM_KEYS.asOf}}`,
  runTimestamp: `\${${PARAM_KEYS.runTimestamp}}`,
  badRows: `\${${PARAM_KEYS.badRows}}`,
  csvMode: `\${${PARAM_KEYS.csvMode}}`,
  csvMultiLine: `\${${PARAM_KEYS.csvMultiLine}}`,
  warehouse: `\${${PARAM_KEYS.warehouse}}`,
  output: `\${${PARAM_KEYS.output}}`,
};

/** Spark's CSV mode for each bad-row policy. */
export const CSV_MODES = { reject: 'DROPMALFORMED', fail: 'FAILFAST', keep: 'PERMISSIVE' } as const;
