/**
 * `c360 test`: runs the models in memory, then their data tests and the inputs' validation rules;
 * prints each failure with a few failing keys and records every test in run_results.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Argv, CommandModule } from 'yargs';
import { C360Error } from '../../errors';
import { ensureOutDir } from '../../dag/outputs';
import { PipelineResult, checkDate, runPipeline } from '../../dag/pipeline';
import { runResultsJson, toJsonShape } from '../../dag/results';
import { BAD_ROW_POLICIES, BadRowPolicy } from '../../dag/sources';
import { writeAtomically } from '../../io/atomic-file';
import { testErrorSentence, testLines } from '../../quality/format';
import { withDataTests } from '../../quality/pipeline-tests';
import { accountingLines, shownPath } from '../format';
import { SAMPLE_DATA_DIR, failureSentence, todayUtc } from './run';

/** The options of `c360 test`. */
export interface TestArgs {
  readonly data?: string;
  readonly 'as-of'?: string;
  readonly out: string;
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  readonly models?: readonly string[];
  readonly 'bad-rows': string;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

const TEST_EXIT_CODES = [
  'Exit codes:',
  '  0  no data test of severity error failed (warnings are printed)',
  '  1  a data test of severity error failed, a model failed, or the inputs cannot be read',
  '  2  usage error (unknown option, bad option value)',
].join('\n');

function builder(y: Argv): Argv<TestArgs> {
  return y
    .usage(
      [
        '$0 test [options]',
        '',
        'Runs the models in memory, then the data tests: every model key unique and not null, the tests a model',
        'declares, the product rules (email not empty), and the validation rules of the input files (keys, foreign',
        'keys, dates not before 1900 nor after the as-of date plus one year, transaction amounts positive; severity',
        'warn). Prints each failure with a few failing keys and writes <out>/run_results.json; writes no product.',
      ].join('\n'),
    )
    .option('data', { type: 'string', describe: 'data folder (customer/, products/, sales/ ...)', defaultDescription: 'the bundled sample, data/sample' })
    .option('as-of', { type: 'string', describe: 'the as-of date, YYYY-MM-DD', defaultDescription: "today's date (UTC)" })
    .option('out', { type: 'string', default: './c360_output', describe: 'folder of run_results.json' })
    .option('select', { type: 'string', array: true, describe: 'models to run and test (same syntax as c360 run)' })
    .option('exclude', { type: 'string', array: true, describe: 'models to leave out' })
    .option('models', { type: 'string', array: true, describe: 'your own models folder (their declared tests run too); repeatable' })
    .option('bad-rows', { type: 'string', default: 'reject', choices: [...BAD_ROW_POLICIES], describe: 'rows that do not fit the schema: reject, fail or keep' })
    .option('quiet', { type: 'boolean', describe: 'print only the summary line' })
    .option('json', { type: 'boolean', describe: 'print the tests as one JSON object' })
    .conflicts('quiet', 'json')
    .example('$0 test --data ./c360_mock_data --as-of 2024-12-31', 'test a folder')
    .example('$0 test --select customer_analytics_c360', 'the product (and the models it needs)')
    .epilogue(TEST_EXIT_CODES) as unknown as Argv<TestArgs>;
}

/** Runs the models and their tests, prints the failures, writes run_results.json; throws when the exit code must be 1. */
export async function testCommand(args: TestArgs, stdout: NodeJS.WritableStream = process.stdout): Promise<PipelineResult> {
  const asOf = checkDate(args['as-of'] ?? todayUtc(), '--as-of');
  const dataDir = args.data ?? shownPath(SAMPLE_DATA_DIR);
  if (args.data === undefined && !fs.existsSync(SAMPLE_DATA_DIR)) throw new C360Error(`the bundled sample data is missing (${dataDir}); pass --data DIR`);
  const outDir = args.out;
  const run = await runPipeline({
    dataDir,
    asOf,
    select: args.select,
    exclude: args.exclude,
    badRows: args['bad-rows'] as BadRowPolicy,
    modelDirs: args.models,
    keepInputs: true,
  });
  const result = await withDataTests(run, { asOf });
  ensureOutDir(outDir);
  const file = path.join(outDir, 'run_results.json');
  await writeAtomically(file, (sink) => sink.write(runResultsJson(result.results)));

  const tests = result.results.tests;
  if (args.json === true) stdout.write(`${JSON.stringify({ ...(toJsonShape(result.results) as object), outputs: { run_results: file } })}\n`);
  else {
    const lines = testLines(tests);
    if (args.quiet === true) stdout.write(`${lines[lines.length - 1]!}\n`);
    else {
      stdout.write(`c360 test: as of ${asOf}, data ${dataDir}\n`);
      for (const line of [...lines, ...accountingLines(result.results.inputs), `Wrote ${shownPath(file)}`]) stdout.write(`${line}\n`);
    }
  }
  if (!run.results.success) throw new C360Error(failureSentence(run.results, outDir));
  const failure = testErrorSentence(tests);
  if (failure !== null) throw new C360Error(failure);
  return result;
}

/** The `test` command module. */
const test: CommandModule<object, TestArgs> = {
  command: 'test',
  describe: 'run the models and their data tests; exit 1 when a test of severity error fails',
  builder,
  handler: async (args) => {
    await testCommand(args);
  },
};

export default test;
