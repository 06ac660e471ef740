#!/usr/bin/env node
/**
 * The `c360` command line: a yargs root with the `run`, `generate`, `lineage`, `validate` and `test` commands. The only place
 * that turns errors into exit codes: 0 success, 1 run failure, 2 usage error. Errors print as one
 * sentence on stderr; the stack trace only with `--debug`.
 */
import { spawnSync } from 'child_process';
import * as os from 'os';
import { getHeapStatistics } from 'v8';
import yargs, { Argv } from 'yargs';
import { C360Error, UsageError } from '../errors';
import { c360Version } from '../dag/results';
import exportSpark from './commands/export-spark';
import generate from './commands/generate';
import lineage from './commands/lineage';
import run from './commands/run';
import test from './commands/test';
import validate from './commands/validate';
import { EXIT_CODES, EXIT_CODES_HELP } from './exit-codes';
import { biggerHeapArgs, csvBytes, dataOption } from './heap';

export { EXIT_CODES, EXIT_CODES_HELP };

/** The yargs root for these arguments (nothing runs until it is parsed). */
export function cli(argv: readonly string[]): Argv {
  const root = yargs([...argv]);
  return root
    .scriptName('c360')
    .usage('$0 <command> [options]\n\nBuilds the Customer 360 data product (customer_analytics_c360) from CSV exports.')
    .command(run)
    .command(generate)
    .command(lineage)
    .command(validate)
    .command(test)
    .command(exportSpark)
    .demandCommand(1, 'name a command: c360 run, validate, test, generate, lineage or export-spark (c360 --help lists them)')
    .strict()
    .option('debug', { type: 'boolean', default: false, global: true, describe: 'show the stack trace of an error' })
    .epilogue(EXIT_CODES_HELP)
    .help()
    .alias('h', 'help')
    .version(c360Version())
    .wrap(Math.min(110, root.terminalWidth()))
    .exitProcess(false)
    .fail((msg: string | null, err: Error | undefined) => {
      if (err !== undefined && err !== null && err.name !== 'YError') throw err;
      throw new UsageError(oneLine(msg ?? err?.message ?? 'invalid command line'));
    });
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** The message for an error, as one line. */
function describeError(err: unknown): string {
  if (err instanceof C360Error) return oneLine(err.message);
  if (err instanceof Error) return `unexpected ${err.name}: ${oneLine(err.message)} (run with --debug for the stack trace)`;
  return `unexpected error: ${String(err)}`;
}

/**
 * Runs the command line and returns the exit code (never calls process.exit).
 * @example process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[], stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    await cli(argv).parseAsync();
    return EXIT_CODES.success;
  } catch (err) {
    const hint = err instanceof UsageError && !/--help/.test(describeError(err)) ? ' (see c360 --help)' : '';
    stderr.write(`c360: error: ${describeError(err)}${hint}\n`);
    if (debug && err instanceof Error && err.stack !== undefined) stderr.write(`${err.stack}\n`);
    return err instanceof UsageError ? EXIT_CODES.usage : EXIT_CODES.runFailure;
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const relaunch = biggerHeapArgs(
    {
      argv,
      execArgv: process.execArgv,
      nodeOptions: process.env.NODE_OPTIONS,
      heapLimitBytes: getHeapStatistics().heap_size_limit,
      totalMemoryBytes: os.totalmem(),
      // Without --data the command reads the bundled sample, which is small.
      inputBytes: () => {
        const data = dataOption(argv);
        return data === undefined ? 0 : csvBytes(data);
      },
      relaunched: process.env.C360_RELAUNCHED === '1',
    },
    process.argv[1]!,
  );
  if (relaunch !== null) {
    // The same command in a process with a larger heap; its output and exit code are this one's.
    const child = spawnSync(process.execPath, relaunch, { stdio: 'inherit', env: { ...process.env, C360_RELAUNCHED: '1' } });
    process.exitCode = child.status ?? EXIT_CODES.runFailure;
  } else {
    // `c360 run | head`: once the reader has gone, the rest of the output is dropped and the run goes on.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    });
    void main(argv).then((code) => {
      process.exitCode = code;
    });
  }
}
