/**
 * The Spark SQL backend of the engine: plans and expressions rendered to Spark SQL with the
 * in-memory engine's semantics. Knows nothing about customers.
 */
export { toSparkSql, scansNeedingOrder, sparkSchema, ORDER_COLUMN } from './plan-sql';
export type { SparkSqlOptions } from './plan-sql';
export { exprToSql, aggToSql, castSql } from './expr-sql';
export type { ColumnRef } from './expr-sql';
export { parseTextSql, badTextSql, formatValueSql } from './text';
export type { TextMode } from './text';
export { sqlIdent, sqlString, sqlLiteral, sparkType, isPlaceholder, sqlComment } from './literals';
export { SPARK_SESSION_CONF, sessionSetStatements } from './session';
