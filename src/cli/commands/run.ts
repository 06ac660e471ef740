/**
 * `c360 run`: runs the models on a data folder and writes the customer_analytics_c360 product.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Argv, CommandModule } from 'yargs';
import { C360Error, UsageError } from '../../errors';
import { OUTPUT_FORMATS, OutputFormat, WrittenOutputs, rejectsFileName, writeOutputs } from '../../dag/outputs';
import { PRODUCT_MODEL, PipelineResult, checkDate, runPipeline } from '../../dag/pipeline';
import { RunResults, toJsonShape } from '../../dag/results';
import { RunEvent } from '../../dag/runner';
import { BAD_ROW_POLICIES, BadRowPolicy } from '../../dag/sources';
import { reportLines } from '../../report/summary';
import { writeReport } from '../../report/html-report';
import { runOnSpark } from '../spark-run';
import { createProgress } from '../progress';
import { EXIT_CODES_HELP } from '../exit-codes';
import { accountingLines, eventLines, issueLines, plural, shownPath } from '../format';
import { testErrorSentence, testLines } from '../../quality/format';
import { withDataTests } from '../../quality/pipeline-tests';

/** The bundled sample data folder (`data/sample` in the package). */
export const SAMPLE_DATA_DIR = path.join(__dirname, '..', '..', '..', 'data', 'sample');

/** Files smaller than this are read without a progress bar. */
const PROGRESS_MIN_BYTES = 16 << 20;

/** The options of `c360 run`. */
export interface RunArgs {
  readonly data?: string;
  readonly 'as-of'?: string;
  readonly out: string;
  readonly format: string;
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  readonly 'separate-sessions': boolean;
  readonly resume: boolean;
  readonly 'work-dir'?: string;
  readonly models?: readonly string[];
  readonly 'bad-rows': string;
  readonly 'write-all': boolean;
  readonly 'safe-csv': boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly report: boolean;
  readonly engine: string;
  readonly 'spark-sql'?: string;
  readonly master?: string;
  readonly test?: boolean;
}

/** Where `c360 run` writes. */
export interface RunStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

/** Today's date in UTC, `YYYY-MM-DD`: the default as-of date (the run's one read of the wall clock). */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function builder(y: Argv): Argv<RunArgs> {
  return y
    .usage(
      [
        '$0 run [options]',
        '',
        'Runs the models layer by layer on a data folder and writes the customer_analytics_c360 data product,',
        'rejects/<file>.csv for rows that do not fit the schema, and run_results.json. Models that a selected',
        'model reads run too, as dependencies. A failed run writes only run_results.json.',
      ].join('\n'),
    )
    .option('data', { type: 'string', describe: 'data folder (customer/, products/, sales/ ...)', defaultDescription: 'the bundled sample, data/sample' })
    .option('as-of', { type: 'string', describe: 'the as-of date, YYYY-MM-DD: every "today" of the rules', defaultDescription: "today's date (UTC)" })
    .option('out', { type: 'string', default: './c360_output', describe: 'output folder' })
    .option('format', { type: 'string', default: 'csv', choices: [...OUTPUT_FORMATS], describe: 'product file format' })
    .option('select', { type: 'string', array: true, describe: 'models to run: name, +name (with ancestors), name+ (with descendants), layer:NAME; several = union' })
    .option('exclude', { type: 'string', array: true, describe: 'models to leave out (same syntax as --select)' })
    .option('separate-sessions', { type: 'boolean', default: false, describe: 'one process per layer, outputs handed over through the work folder' })
    .option('resume', { type: 'boolean', default: false, describe: 'with separate sessions: re-run from the first failed layer of the previous run' })
    .option('work-dir', { type: 'string', describe: 'work folder of separate sessions', defaultDescription: '<out>/.c360-work' })
    .option('models', { type: 'string', array: true, describe: 'your own models folder, laid out like the built-in one (<dir>/<layer>/*.js); repeatable' })
    .option('bad-rows', { type: 'string', default: 'reject', choices: [...BAD_ROW_POLICIES], describe: 'rows that do not fit the schema: reject (set aside in <out>/rejects), fail (stop), keep (null the bad field)' })
    .option('write-all', { type: 'boolean', default: false, describe: 'write every model that ran, not only the product' })
    .option('safe-csv', { type: 'boolean', default: true, describe: 'escape text cells beginning with = + - @ in CSV output (--no-safe-csv to turn off)' })
    .option('quiet', { type: 'boolean', describe: 'print only the two summary lines' })
    .option('json', { type: 'boolean', describe: 'print one JSON object instead of text' })
    .option('engine', {
      type: 'string',
      choices: ['memory', 'spark'],
      default: 'memory',
      describe: 'memory: this process, no services; spark: export the models as Spark SQL and run them with spark-sql (docs/SPARK.md)',
    })
    .option('spark-sql', { type: 'string', describe: 'with --engine spark: the spark-sql launcher (default: $SPARK_HOME/bin/spark-sql, PATH, or pip pyspark)' })
    .option('master', { type: 'string', describe: 'with --engine spark: the Spark master URL (default local[*])' })
    .option('report', {
      type: 'boolean',
      default: true,
      describe: 'write <out>/report.html: summary, charts, lineage, models and rejects on one self-contained page (--no-report to skip)',
    })
    .option('test', { type: 'boolean', default: false, describe: 'also run the data tests (see c360 test); a failed test of severity error fails the run and the product is not written' })
    .conflicts('quiet', 'json')
    .example('$0 run', 'run on the bundled sample, as of today')
    .example('$0 run --data ./c360_mock_data --as-of 2024-12-31', 'run on your data folder')
    .example('$0 run --select +fct_customer_360_profile --write-all', 'the profile and everything it needs, every model written')
    .example('$0 run --select layer:sources --exclude src_products', 'the sources layer but one model')
    .example('$0 run --separate-sessions && $0 run --resume', 'one process per layer; after a failure, re-run from the failed layer')
    .example('$0 run --quiet', 'only the two summary lines')
    .epilogue(EXIT_CODES_HELP) as unknown as Argv<RunArgs>;
}

/** Runs the command with the parsed options, printing to the given streams. Throws on failure. */
export async function runCommand(args: RunArgs, streams: RunStreams = { stdout: process.stdout, stderr: process.stderr }): Promise<void> {
  const asOf = checkDate(args['as-of'] ?? todayUtc(), '--as-of');
  const format = args.format as OutputFormat;
  const badRows = args['bad-rows'] as BadRowPolicy;
  const dataDir = args.data ?? shownPath(SAMPLE_DATA_DIR);
  if (args.data === undefined && !fs.existsSync(SAMPLE_DATA_DIR)) {
    throw new C360Error(`the bundled sample data is missing (${dataDir}); pass --data DIR to run on your data`);
  }
  const outDir = args.out;
  const json = args.json === true;
  const text = args.quiet !== true && !json;
  const print = (line: string): void => {
    if (text) streams.stdout.write(`${line}\n`);
  };
  const separate = args['separate-sessions'] || args.resume;
  if (args.engine === 'spark' && (args.select !== undefined || args.exclude !== undefined || args.resume || args.test === true)) {
    throw new UsageError('--engine spark runs the whole project: --select, --exclude, --resume and --test are memory-engine options');
  }
  print(`c360 run: as of ${asOf}, data ${dataDir}, ${separate ? 'one process per layer' : 'single session'}, bad rows: ${badRows}`);

  const bars = new Map<string, ReturnType<typeof createProgress>>();
  const onEvent = (e: RunEvent): void => {
    if (!text) return;
    if (e.type === 'input-progress') {
      if (e.totalBytes < PROGRESS_MIN_BYTES) return;
      let bar = bars.get(e.file);
      if (bar === undefined) bars.set(e.file, (bar = createProgress(streams.stderr as NodeJS.WriteStream, `reading ${e.file}`)));
      bar.update(e.bytesRead, e.totalBytes);
      return;
    }
    if (e.type === 'input-read') {
      bars.get(e.input.file)?.done();
      bars.delete(e.input.file);
    }
    for (const line of eventLines(e)) print(line);
  };

  let result: PipelineResult;
  if (args.engine === 'spark') {
    print('spark: exporting the models as Spark SQL and running them with spark-sql ...');
    const spark = await runOnSpark({
      dataDir,
      asOf,
      badRows,
      sparkSql: args['spark-sql'],
      master: args.master,
      separateSessions: separate,
      workDir: args['work-dir'],
      modelDirs: args.models,
    });
    print(`spark: done in ${spark.results.models.find((m) => m.name === PRODUCT_MODEL)?.seconds ?? 0}s (log: ${shownPath(spark.sparkLog)})`);
    result = spark;
  } else {
    try {
      result = await runPipeline({
        dataDir,
        asOf,
        select: args.select,
        exclude: args.exclude,
        badRows,
        modelDirs: args.models,
        separateSessions: separate,
        resume: args.resume,
        workDir: args['work-dir'] ?? path.join(outDir, '.c360-work'),
        onEvent,
        keepInputs: args.test === true,
        // Only the frames written (and those the data tests read) are kept: the others are freed as the run goes.
        keep: args['write-all'] || args.test === true ? 'all' : 'outputs',
      });
    } finally {
      for (const bar of bars.values()) bar.done();
    }
  }
  if (args.test === true) result = await withDataTests(result, { asOf });
  const written = await writeOutputs(result, { outDir, format, writeAll: args['write-all'], safeCsv: args['safe-csv'] });
  const reportFile = args.report ? await writeReport(result, { outDir, graph: result.graph }) : null;
  const report = result.summary === null ? null : reportLines(result.summary);

  if (json) {
    const object = { ...(toJsonShape(result.results) as object), outputs: { ...outputsJson(written), report_html: reportFile }, report: report === null ? null : { validation: report.validation, summary: report.summary } };
    streams.stdout.write(`${JSON.stringify(object)}\n`);
  } else {
    const rejectFiles = new Map<string, string>();
    for (const r of result.rejects) {
      const file = path.join(outDir, 'rejects', rejectsFileName(r.file));
      if (written.rejects.includes(file)) rejectFiles.set(r.name, file);
    }
    for (const line of issueLines(result.rejects, rejectFiles)) print(line);
    if (report !== null) {
      print('');
      print('Validation');
      for (const line of report.validation) print(`  ${line}`);
      print('');
      for (const line of report.summary) streams.stdout.write(`${line}\n`);
    }
    const accounting = accountingLines(result.results.inputs);
    if (accounting.length > 0) print('');
    for (const line of accounting) print(line);
    if (args.test === true) {
      print('');
      for (const line of testLines(result.results.tests)) print(line);
    }
    if (text) {
      for (const line of writtenLines(result, written)) print(line);
      if (reportFile !== null) print(`Wrote ${shownPath(reportFile)}`);
    }
  }
  if (!result.results.success) throw new C360Error(failureSentence(result.results, outDir));
}

function outputsJson(w: WrittenOutputs): object {
  return { product: w.product, models: w.models, rejects: w.rejects, run_results: w.runResults };
}

function writtenLines(result: PipelineResult, w: WrittenOutputs): string[] {
  const lines = [''];
  for (const file of w.models) {
    const name = path.basename(file, path.extname(file));
    const frame = result.models[name]!;
    lines.push(`Wrote ${shownPath(file)} (${plural(frame.numRows, 'row')}, ${plural(frame.schema.length, 'column')})`);
  }
  if (result.results.success && w.product === null && w.models.length === 0) {
    lines.push(`${PRODUCT_MODEL} was not selected, so no product was written (--write-all writes every model that ran)`);
  }
  lines.push(`Wrote ${shownPath(w.runResults)}`);
  return lines;
}

/** One sentence: which models failed, how many were skipped, and that the product was left alone. */
export function failureSentence(results: RunResults, outDir: string): string {
  const failed = results.models.filter((m) => m.status === 'error');
  const skipped = results.models.filter((m) => m.status === 'skipped').length;
  const first = failed[0];
  const what = first === undefined ? (testErrorSentence(results.tests) ?? 'the run failed') : `model ${first.name} failed: ${first.error ?? 'unknown error'}`;
  const more = failed.length > 1 ? ` (and ${plural(failed.length - 1, 'other model')})` : '';
  const skip = skipped > 0 ? `; ${plural(skipped, 'model')} skipped` : '';
  return `${what}${more}${skip}; nothing was written to ${shownPath(outDir)} but run_results.json`;
}

/** The `run` command module. */
const run: CommandModule<object, RunArgs> = {
  command: 'run',
  describe: 'run the models and write the customer_analytics_c360 data product',
  builder,
  handler: (args) => runCommand(args),
};

export default run;
