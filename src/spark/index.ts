/**
 * The Spark backend of c360: the models exported as a Spark SQL project, and a runner that runs
 * it with spark-sql and reads the product back.
 */
export { buildSparkProject, writeSparkProject, productOutputSql, MANIFEST_FILE, RUN_SCRIPT, SPARK_RUN_CONTEXT } from './project';
export type { SparkProject, SparkProjectOptions, SparkModel } from './project';
export { runSparkPipeline, findSparkSql } from './runner';
export type { SparkRunOptions, SparkRunResult } from './runner';
export { inputSql, inputViewName, FILE_ORDER_COLUMN } from './inputs-sql';
export { PARAM, PARAM_KEYS, CSV_MODES } from './params';
