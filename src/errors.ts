/**
 * Errors that c360 raises on purpose. Each carries one clear sentence for the user;
 * the CLI prints `message` alone (a stack trace only with --debug).
 */

/** A problem with the input data or the run (exit code 1). */
export class C360Error extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'C360Error';
  }
}

/** A malformed command line or API call (exit code 2). */
export class UsageError extends C360Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
