/**
 * `c360 run --engine spark`: runs the exported Spark SQL project and shapes its outcome like a
 * memory-engine run, so the same writer, report and output lines serve both engines.
 */
import { buildGraph } from '../dag/graph';
import { PRODUCT_MODEL, PipelineResult } from '../dag/pipeline';
import { discoverModels } from '../dag/registry';
import { c360Version, roundSeconds } from '../dag/results';
import { BadRowPolicy } from '../dag/sources';
import { runSparkPipeline } from '../spark';

/** What the Spark branch of `run` needs. */
export interface SparkRunArgs {
  readonly dataDir: string;
  readonly asOf: string;
  readonly badRows: BadRowPolicy;
  readonly sparkSql?: string;
  readonly master?: string;
  readonly separateSessions: boolean;
  readonly workDir?: string;
  readonly modelDirs?: readonly string[];
  readonly onLog?: (line: string) => void;
}

function nowNaiveUtc(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** Runs the models on Spark and returns a pipeline result holding the product. */
export async function runOnSpark(args: SparkRunArgs): Promise<PipelineResult & { readonly sparkLog: string }> {
  const startedAt = new Date();
  const registry = discoverModels({ modelDirs: args.modelDirs });
  const graph = buildGraph(registry);
  const runTimestamp = nowNaiveUtc(startedAt);
  const spark = await runSparkPipeline({
    dataDir: args.dataDir,
    asOf: args.asOf,
    runTimestamp,
    badRows: args.badRows,
    sparkSql: args.sparkSql,
    master: args.master,
    separateSessions: args.separateSessions,
    workDir: args.workDir,
    modelDirs: args.modelDirs,
    registry,
    onLog: args.onLog,
  });
  const finishedAt = new Date();
  const order = graph.order;
  return {
    models: { [PRODUCT_MODEL]: spark.product },
    summary: spark.summary,
    rejects: [],
    graph,
    inputs: {},
    sparkLog: spark.logFile,
    results: {
      metadata: {
        c360_version: c360Version(),
        engine: 'spark',
        mode: args.separateSessions ? 'separate-sessions' : 'single-session',
        as_of: args.asOf,
        run_timestamp: runTimestamp,
        started_at: startedAt.toISOString(),
        finished_at: finishedAt.toISOString(),
        elapsed_seconds: roundSeconds((finishedAt.getTime() - startedAt.getTime()) / 1000),
        data_dir: args.dataDir,
        bad_rows: args.badRows,
        select: [],
        exclude: [],
        selected_models: [...order],
        dependency_models: [],
      },
      success: true,
      // Spark runs the whole project in one query plan per session: per-model rows and timings are
      // not measured; the product's row count is.
      models: order.map((name) => {
        const node = graph.nodes.get(name)!;
        return {
          name,
          layer: node.model.layer,
          status: 'success' as const,
          selected: true,
          rows_in: null,
          rows_out: name === PRODUCT_MODEL ? spark.product.numRows : null,
          seconds: name === PRODUCT_MODEL ? roundSeconds(spark.sparkSeconds) : 0,
        };
      }),
      inputs: [],
      summary: spark.summary,
      tests: [],
    },
  };
}
