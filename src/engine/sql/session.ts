/**
 * The Spark session settings the rendered SQL relies on for the engine's semantics.
 */

/**
 * Settings for every session that runs rendered SQL:
 * - ANSI mode off: a cast of bad text is null and division by zero is null (Spark 4 turns ANSI on);
 * - the session zone pinned to UTC and naive timestamps (TIMESTAMP_NTZ) by default, so wall-clock
 *   values never shift with the machine's or the cluster's zone;
 * - CSV column pruning off, so a malformed CSV row is judged on all its fields whatever columns a
 *   query reads (Spark's DROPMALFORMED/FAILFAST otherwise depend on the columns read).
 */
export const SPARK_SESSION_CONF: Readonly<Record<string, string>> = {
  'spark.sql.ansi.enabled': 'false',
  'spark.sql.session.timeZone': 'UTC',
  'spark.sql.timestampType': 'TIMESTAMP_NTZ',
  'spark.sql.csv.parser.columnPruning.enabled': 'false',
};

/** `SET key=value;` lines of the session settings. */
export function sessionSetStatements(conf: Readonly<Record<string, string>> = SPARK_SESSION_CONF): string {
  return Object.entries(conf)
    .map(([k, v]) => `SET ${k}=${v};`)
    .join('\n');
}
