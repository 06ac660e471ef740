/**
 * `c360 export-spark`: writes the Spark SQL project of the models (one .sql file per model in its
 * layer folder, the input views, the product writer and `run_c360_pipeline.sh`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors';
import { checkDate } from '../../dag/pipeline';
import { BAD_ROW_POLICIES, BadRowPolicy } from '../../dag/sources';
import { RUN_SCRIPT, buildSparkProject, writeSparkProject } from '../../spark/project';
import { plural, shownPath } from '../format';

/** The options of `c360 export-spark`. */
export interface ExportSparkArgs {
  readonly out: string;
  readonly data?: string;
  readonly 'as-of'?: string;
  readonly 'bad-rows': string;
  readonly models?: readonly string[];
  readonly force: boolean;
}

/** Where `c360 export-spark` writes its lines. */
export interface ExportSparkStreams {
  readonly stdout: NodeJS.WritableStream;
}

function builder(y: Argv): Argv<ExportSparkArgs> {
  return y
    .usage(
      [
        '$0 export-spark --out DIR [options]',
        '',
        'Writes the models as a Spark SQL project: sources/, dimensions/, intermediates/, facts/, views/ with one .sql',
        'file per model, inputs/ (the CSV readers), outputs/ (the product writer) and run_c360_pipeline.sh, which runs',
        'everything with spark-sql in one session or, with --separate-sessions, one session per layer (layers kept as Parquet).',
        'The SQL is generated from the same models the memory engine runs; nothing is written twice.',
      ].join('\n'),
    )
    .option('out', { type: 'string', demandOption: true, describe: 'the project folder to write' })
    .option('data', { type: 'string', describe: 'default data folder or URI of the run script (s3a://, hdfs://, abfss://, or a local path)', defaultDescription: './data' })
    .option('as-of', { type: 'string', describe: 'default as-of date of the run script, YYYY-MM-DD', defaultDescription: 'the date of each run (UTC)' })
    .option('bad-rows', { type: 'string', default: 'reject', choices: [...BAD_ROW_POLICIES], describe: 'default bad-row policy: reject (DROPMALFORMED), fail (FAILFAST), keep (PERMISSIVE)' })
    .option('models', { type: 'string', array: true, describe: 'your own models folder, laid out like the built-in one; repeatable' })
    .option('force', { type: 'boolean', default: false, describe: 'write into a folder that is not empty' })
    .example('$0 export-spark --out ./c360_spark', 'export, then run ./c360_spark/run_c360_pipeline.sh --data ./c360_mock_data')
    .example('$0 export-spark --out ./c360_spark --data s3a://bucket/c360 --as-of 2024-12-31', 'defaults for a cluster run')
    .epilogue('See docs/SPARK.md for running on a cluster and what differs from the memory engine.') as unknown as Argv<ExportSparkArgs>;
}

/** Runs the command with the parsed options. Throws on failure. */
export function exportSparkCommand(args: ExportSparkArgs, streams: ExportSparkStreams = { stdout: process.stdout }): void {
  const asOf = args['as-of'] === undefined ? undefined : checkDate(args['as-of'], '--as-of');
  const badRows = args['bad-rows'] as BadRowPolicy;
  if (!BAD_ROW_POLICIES.includes(badRows)) throw new UsageError(`--bad-rows must be one of ${BAD_ROW_POLICIES.join(', ')}, got "${args['bad-rows']}"`);
  if (args.data !== undefined && /[;'\n]|\$\{/.test(args.data)) throw new UsageError(`--data may not hold ; ' or \${ (got "${args.data}")`);
  const out = args.out;
  if (fs.existsSync(out)) {
    if (!fs.statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file, not a folder`);
    if (fs.readdirSync(out).length > 0 && !args.force) throw new UsageError(`--out ${out} is not empty; pass --force to write into it`);
  }
  const project = buildSparkProject({ modelDirs: args.models, data: args.data, asOf, badRows });
  writeSparkProject(out, project);
  const lines = [
    `Wrote the Spark project to ${shownPath(out)}: ${plural(project.models.length, 'model')}, ${plural(project.inputs.length, 'input file')}`,
    ...project.models.map((m) => `  ${m.file}`),
    `Run it: ${path.join(shownPath(out), RUN_SCRIPT)} --data ${args.data ?? 'PATH_OR_URI'} [--as-of YYYY-MM-DD] [--separate-sessions]`,
  ];
  streams.stdout.write(`${lines.join('\n')}\n`);
}

/** The `export-spark` command module. */
const exportSpark: CommandModule<object, ExportSparkArgs> = {
  command: 'export-spark',
  describe: 'write the models as a Spark SQL project with run_c360_pipeline.sh',
  builder,
  handler: (args) => exportSparkCommand(args),
};

export default exportSpark;
