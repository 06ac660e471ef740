/**
 * The exit codes of `c360`, and their help text (shown by `c360 --help` and `c360 run --help`).
 */

/** The exit codes. */
export const EXIT_CODES = { success: 0, runFailure: 1, usage: 2 } as const;

/** The help epilogue listing the exit codes. */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  success',
  '  1  run failure (missing data folder, file or required column; a bad row with --bad-rows fail; a model error)',
  '  2  usage error (unknown command or option, bad option value)',
].join('\n');
