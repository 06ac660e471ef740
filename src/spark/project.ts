/**
 * The Spark SQL project of the C360 models: every discovered model's plan rendered to one .sql
 * file in its layer folder, the SQL that reads the input files, the statement that writes the
 * product, and `run_c360_pipeline.sh`. Nothing here runs Spark; `writeSparkProject` writes files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { C360Error } from '../errors';
import { LazyFrame, ScanSource } from '../engine/plan';
import { ORDER_COLUMN, formatValueSql, scansNeedingOrder, sessionSetStatements, sqlIdent, sqlString, toSparkSql } from '../engine/sql';
import { Field, Schema } from '../engine/types';
import { LAYERS, Layer, RunContext } from '../models/define';
import { ModelGraph, buildGraph } from '../dag/graph';
import { ModelRegistry, discoverModels } from '../dag/registry';
import { PRODUCT_MODEL } from '../dag/pipeline';
import { BadRowPolicy } from '../dag/sources';
import { InputFile } from '../schema/inputs';
import { FILE_ORDER_COLUMN, inputSql, inputViewName } from './inputs-sql';
import { PARAM } from './params';
import { runScript } from './script';
import { SQL_RUNNER_FILE, sqlRunnerPy } from './sql-runner-py';

/** What to export. */
export interface SparkProjectOptions {
  /** The models (default: the built-in ones plus `modelDirs`). */
  readonly registry?: ModelRegistry;
  /** Users' models folders, laid out like the built-in one. */
  readonly modelDirs?: readonly string[];
  /** The default data folder or URI of the run script (default `./data`). */
  readonly data?: string;
  /** The default as-of date of the run script (default: the date of the run). */
  readonly asOf?: string;
  /** The default bad-row policy of the run script (default reject). */
  readonly badRows?: BadRowPolicy;
}

/** One model's exported SQL. */
export interface SparkModel {
  readonly name: string;
  readonly layer: Layer;
  readonly grain: string;
  readonly key: readonly string[];
  /** Path of its .sql file in the project (`sources/src_customers.sql`). */
  readonly file: string;
  /** Its output columns with the engine's types (without the order column). */
  readonly schema: Schema;
  /** True when its view also has the `__c360_order` column (a later model depends on its row order). */
  readonly exposesOrder: boolean;
  /** The statement that defines its temporary view. */
  readonly sql: string;
}

/** An exported project, as files in memory. */
export interface SparkProject {
  /** Every model in run order. */
  readonly models: readonly SparkModel[];
  /** The input files the models read. */
  readonly inputs: readonly InputFile[];
  /** The product model's name. */
  readonly product: string;
  /** Every file: project-relative path (forward slashes) → text. */
  readonly files: ReadonlyMap<string, string>;
}

/** Where the product CSV goes inside the output folder. */
export function productOutputDir(product: string = PRODUCT_MODEL): string {
  return product;
}

/** The manifest file of a project (models, layers, schemas), read by the runner. */
export const MANIFEST_FILE = 'c360_project.json';

/** The run script's file name. */
export const RUN_SCRIPT = 'run_c360_pipeline.sh';

/** The run context of exported SQL: the as-of date and run timestamp are Spark variables set at run time. */
export const SPARK_RUN_CONTEXT: RunContext = { asOf: PARAM.asOf, runTimestamp: PARAM.runTimestamp };

function sqlOnlySource(name: string, schema: Schema): ScanSource {
  return {
    name,
    schema,
    load: () => {
      throw new C360Error(`${name} is a Spark table of an exported project; it cannot be loaded in memory`);
    },
  };
}

/**
 * Renders every model to Spark SQL and lays out the project's files.
 * @example const project = buildSparkProject({ data: 's3a://bucket/c360', asOf: '2024-12-31' });
 */
export function buildSparkProject(options: SparkProjectOptions = {}): SparkProject {
  const registry = options.registry ?? discoverModels({ modelDirs: options.modelDirs });
  const graph = buildGraph(registry);
  if (!graph.nodes.has(PRODUCT_MODEL)) throw new C360Error(`the models have no ${PRODUCT_MODEL} (the data product); it is needed to export a Spark project`);

  // Plans of every model over placeholder scans: input files and upstream models' views.
  const inputSources = new Map<string, ScanSource>();
  const modelSources = new Map<string, ScanSource>();
  const relation = new Map<ScanSource, string>();
  const refOf = new Map<ScanSource, string>();
  // A model's declared key is unique (its tests say so): joins on it keep the left row order alone.
  const uniqueKeys = (s: ScanSource): readonly (readonly string[])[] | undefined => {
    const ref = refOf.get(s);
    return ref === undefined ? undefined : [graph.nodes.get(ref)!.model.key];
  };
  const plans = new Map<string, LazyFrame>();
  for (const name of graph.order) {
    const { model } = graph.nodes.get(name)!;
    const frames: Record<string, LazyFrame> = {};
    for (const [alias, input] of Object.entries(model.inputs)) {
      if (input.kind === 'source') {
        let s = inputSources.get(input.name);
        if (s === undefined) {
          const file = graph.inputs.find((f) => f.name === input.name)!;
          s = sqlOnlySource(input.name, file.columns.map((c): Field => ({ name: c.name, type: c.type })));
          inputSources.set(input.name, s);
          relation.set(s, sqlIdent(inputViewName(file)));
        }
        frames[alias] = LazyFrame.scan(s);
      } else {
        const s = modelSources.get(input.name)!;
        frames[alias] = LazyFrame.scan(s);
      }
    }
    let lf: LazyFrame;
    try {
      lf = model.build(frames, SPARK_RUN_CONTEXT);
    } catch (e) {
      throw new C360Error(`model ${name} cannot be built for Spark: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    plans.set(name, lf);
    const s = sqlOnlySource(name, lf.schema);
    modelSources.set(name, s);
    relation.set(s, sqlIdent(name));
    refOf.set(s, name);
  }

  // Which views must carry their row order: the product (written in the engine's row order) and
  // every model whose order a later model depends on (a dedupe, a limit, an order-keeping join).
  const exposes = new Set<string>([PRODUCT_MODEL]);
  for (const name of [...graph.order].reverse()) {
    for (const s of scansNeedingOrder(plans.get(name)!.plan, { exposeOrder: exposes.has(name), uniqueKeys })) {
      const ref = refOf.get(s);
      if (ref !== undefined) exposes.add(ref);
    }
  }

  const models: SparkModel[] = graph.order.map((name) => {
    const { model, file } = graph.nodes.get(name)!;
    const plan = plans.get(name)!.plan;
    const query = toSparkSql(plan, {
      relation: (s) => relation.get(s) ?? sqlIdent(s.name),
      orderColumn: (s) => (inputSources.get(s.name) === s ? FILE_ORDER_COLUMN : exposes.has(refOf.get(s) ?? '') ? ORDER_COLUMN : undefined),
      exposeOrder: exposes.has(name),
      uniqueKeys,
    });
    const header = [
      `-- Model ${name} (layer ${model.layer})`,
      `-- Grain: ${model.grain}`,
      ...(model.key.length > 0 ? [`-- Key: ${model.key.join(', ')}`] : []),
      ...(model.description !== undefined ? [`-- ${model.description}`] : []),
      `-- Generated by c360 export-spark from ${path.basename(file)}: change the model and export again, do not edit.`,
    ].map(commentLine);
    const sql = [...header, `CREATE OR REPLACE TEMPORARY VIEW ${sqlIdent(name)} AS`, `${query};`, ''].join('\n');
    return { name, layer: model.layer, grain: model.grain, key: model.key, file: `${model.layer}/${name}.sql`, schema: plans.get(name)!.schema, exposesOrder: exposes.has(name), sql };
  });

  const inputs = graph.inputs.filter((f) => inputSources.has(f.name));
  const files = new Map<string, string>();
  files.set('session.sql', sessionSql());
  for (const f of inputs) files.set(`inputs/${f.name}.sql`, inputSql(f));
  for (const layer of LAYERS) if (!models.some((m) => m.layer === layer)) files.set(`${layer}/README.md`, emptyLayerNote(layer));
  for (const m of models) files.set(m.file, m.sql);
  const product = models.find((m) => m.name === PRODUCT_MODEL)!;
  files.set(`outputs/${PRODUCT_MODEL}.sql`, productOutputSql(product));
  files.set(MANIFEST_FILE, `${JSON.stringify(manifest(models, inputs, graph), null, 2)}\n`);
  files.set(RUN_SCRIPT, runScript({ models, inputs, product: PRODUCT_MODEL, data: options.data, asOf: options.asOf, badRows: options.badRows }));
  files.set(SQL_RUNNER_FILE, sqlRunnerPy());
  files.set('README.md', projectReadme(models));
  return { models, inputs, product: PRODUCT_MODEL, files };
}

function commentLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/;/g, ',');
}

function sessionSql(): string {
  return ['-- Session settings the generated SQL relies on (the run script also passes them as --conf).', sessionSetStatements(), ''].join('\n');
}

function emptyLayerNote(layer: Layer): string {
  return `No model is in the ${layer} layer. A model added to this layer of the c360 models appears here after \`c360 export-spark\`.\n`;
}

/**
 * The statement that writes the product as one CSV file in the engine's text formats (same
 * columns, dates, timestamps, lists as JSON), rows in the engine's order.
 */
export function productOutputSql(product: SparkModel): string {
  const cols = product.schema.map((f) => `${formatValueSql(sqlIdent(f.name), f.type)} AS ${sqlIdent(f.name)}`);
  // One partition, sorted within it: a single file in the engine's row order (ORDER BY would range-partition).
  const orderBy = product.exposesOrder ? `\nSORT BY ${sqlIdent(ORDER_COLUMN)}` : '';
  return [
    `-- Writes ${product.name} as a single CSV file (header, RFC 4180 quoting) under ${PARAM.output}/${productOutputDir(product.name)}/.`,
    `INSERT OVERWRITE DIRECTORY ${sqlString(`${PARAM.output}/${productOutputDir(product.name)}`)}`,
    'USING csv',
    `OPTIONS (header 'true', quote '"', escape '"', ignoreLeadingWhiteSpace 'false', ignoreTrailingWhiteSpace 'false', encoding 'UTF-8')`,
    `SELECT /*+ REPARTITION(1) */`,
    `       ${cols.join(',\n       ')}`,
    `FROM ${sqlIdent(product.name)}${orderBy};`,
    '',
  ].join('\n');
}

function manifest(models: readonly SparkModel[], inputs: readonly InputFile[], graph: ModelGraph): unknown {
  return {
    generated_by: 'c360 export-spark',
    product: PRODUCT_MODEL,
    layers: LAYERS,
    inputs: inputs.map((f) => ({ name: f.name, path: f.path, sql: `inputs/${f.name}.sql` })),
    models: models.map((m) => ({
      name: m.name,
      layer: m.layer,
      file: m.file,
      grain: m.grain,
      key: m.key,
      parents: graph.nodes.get(m.name)!.parents,
      sources: graph.nodes.get(m.name)!.sources,
      columns: m.schema.map((f) => ({ name: f.name, type: f.type })),
      exposes_order: m.exposesOrder,
    })),
  };
}

function projectReadme(models: readonly SparkModel[]): string {
  const rows = models.map((m) => `| ${m.layer} | \`${m.file}\` | ${m.grain} |`);
  return [
    '# c360 on Spark',
    '',
    'Generated by `c360 export-spark` from the c360 models: do not edit, change the models and export again.',
    '',
    'Run it with `./run_c360_pipeline.sh --data PATH_OR_URI --as-of YYYY-MM-DD --output DIR` (all layers in one spark-sql',
    'session) or add `--separate-sessions` (one session per layer, each layer kept as Parquet under `--warehouse`).',
    '`./run_c360_pipeline.sh --help` lists every option.',
    '',
    '| layer | file | grain |',
    '|---|---|---|',
    ...rows,
    '',
    'The SQL reads its parameters as Spark variables: `${c360.data}`, `${c360.as_of}`, `${c360.run_timestamp}`, `${c360.bad_rows}`,',
    '`${c360.csv_mode}`, `${c360.csv_multiline}`, `${c360.warehouse}`, `${c360.output}`; the script sets them with `SET`.',
    '',
  ].join('\n');
}

/** Writes a project to a folder (created when missing; files of the project replaced; the run script made executable). */
export function writeSparkProject(dir: string, project: SparkProject): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, text] of project.files) {
    const target = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    if (rel === RUN_SCRIPT) fs.chmodSync(target, 0o755);
  }
}
