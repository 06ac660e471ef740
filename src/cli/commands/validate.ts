/**
 * `c360 validate`: checks an input folder without running the models and prints a report.
 */
import * as fs from 'fs';
import { Argv, CommandModule } from 'yargs';
import { C360Error, UsageError } from '../../errors';
import { checkDate } from '../../dag/pipeline';
import { ValidationReport, formatValidationReport, validateData } from '../../validate';
import { shownPath } from '../format';
import { SAMPLE_DATA_DIR, todayUtc } from './run';

/** The options of `c360 validate`. */
export interface ValidateArgs {
  readonly data?: string;
  readonly 'as-of'?: string;
  readonly json?: boolean;
  readonly strict: boolean;
  readonly 'max-problems': number;
}

const VALIDATE_EXIT_CODES = [
  'Exit codes:',
  '  0  every file is present and readable, and no test of severity error failed (malformed rows and warnings are',
  '     reported; a run sets malformed rows aside)',
  '  1  a file is missing or unreadable (empty, duplicate or missing column), or a test of severity error failed;',
  '     with --strict, also any malformed row or failed warning',
  '  2  usage error (unknown option, bad option value)',
].join('\n');

function builder(y: Argv): Argv<ValidateArgs> {
  return y
    .usage(
      [
        '$0 validate [options]',
        '',
        'Checks an input folder without running the models: each of the seven files is present, its header has the',
        'declared columns, every value parses as its declared type (malformed rows with file:line:column), keys are',
        'unique, foreign keys resolve, dates are plausible and amounts positive; and the null rate of every column.',
      ].join('\n'),
    )
    .option('data', { type: 'string', describe: 'data folder (customer/, products/, sales/ ...)', defaultDescription: 'the bundled sample, data/sample' })
    .option('as-of', { type: 'string', describe: 'the as-of date, YYYY-MM-DD (dates after it plus one year are implausible)', defaultDescription: "today's date (UTC)" })
    .option('json', { type: 'boolean', describe: 'print the report as one JSON object' })
    .option('strict', { type: 'boolean', default: false, describe: 'exit 1 also on malformed rows and failed warnings' })
    .option('max-problems', { type: 'number', default: 10, describe: 'malformed-row problems listed per file (all are counted)' })
    .example('$0 validate --data ./c360_mock_data', 'check a folder before a run')
    .example('$0 validate --data ./c360_mock_data --json > validation.json', 'the report as JSON')
    .example('$0 validate --data ./c360_mock_data --strict', 'fail on any malformed row too (for CI)')
    .epilogue(VALIDATE_EXIT_CODES) as unknown as Argv<ValidateArgs>;
}

/** Validates the folder, prints the report and throws a C360Error when the exit code must be 1. */
export async function validateCommand(args: ValidateArgs, stdout: NodeJS.WritableStream = process.stdout): Promise<ValidationReport> {
  const asOf = checkDate(args['as-of'] ?? todayUtc(), '--as-of');
  const dataDir = args.data ?? shownPath(SAMPLE_DATA_DIR);
  if (args.data === undefined && !fs.existsSync(SAMPLE_DATA_DIR)) throw new C360Error(`the bundled sample data is missing (${dataDir}); pass --data DIR`);
  const maxProblems = args['max-problems'];
  if (!Number.isInteger(maxProblems) || maxProblems < 0) throw new UsageError(`--max-problems must be a whole number >= 0, got ${String(maxProblems)}`);
  const report = await validateData({ dataDir, asOf, maxProblems });
  stdout.write(args.json === true ? `${JSON.stringify(report)}\n` : formatValidationReport(report));
  const failure = failureOf(report, args.strict);
  if (failure !== null) throw new C360Error(`validation failed: ${failure}`);
  return report;
}

/** Why validation fails (one clause), or null. */
function failureOf(report: ValidationReport, strict: boolean): string | null {
  const c = report.counts;
  const missing = report.files.filter((f) => f.status === 'missing').map((f) => f.file);
  const unreadable = report.files.filter((f) => f.status === 'unreadable');
  if (missing.length > 0) return `missing input file${missing.length === 1 ? '' : 's'} ${missing.join(', ')} in ${report.dataDir}`;
  if (unreadable.length > 0) return unreadable[0]!.error ?? `${unreadable[0]!.file} cannot be read`;
  if (c.errors > 0) return `${c.errors} data test${c.errors === 1 ? '' : 's'} of severity error failed`;
  if (strict && c.malformedRows > 0) return `${c.malformedRows} malformed row${c.malformedRows === 1 ? '' : 's'} (--strict)`;
  if (strict && c.warnings > 0) return `${c.warnings} data test${c.warnings === 1 ? '' : 's'} of severity warn failed (--strict)`;
  return null;
}

/** The `validate` command module. */
const validate: CommandModule<object, ValidateArgs> = {
  command: 'validate',
  describe: 'check an input folder without running the models (files, headers, types, keys, nulls)',
  builder,
  handler: async (args) => {
    await validateCommand(args);
  },
};

export default validate;
