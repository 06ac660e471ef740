/**
 * Data test results as text lines (for `c360 test`, `c360 run --test` and `c360 validate`).
 */
import { DataTestResult } from './run';

function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** One line for a failed test: severity, target, test, count and a few failing keys. */
export function testFailureLine(t: DataTestResult): string {
  const examples = t.examples.length === 0 ? '' : `, e.g. ${t.examples.join('; ')}`;
  return `${t.severity === 'error' ? 'ERROR' : 'WARN '} ${t.target}: ${t.test}: ${t.message}${examples}`;
}

/** `Data tests: 57 passed, 2 warnings, 1 error (60 tests)`. */
export function testSummaryLine(tests: readonly DataTestResult[]): string {
  const failed = tests.filter((t) => t.status === 'fail');
  const errors = failed.filter((t) => t.severity === 'error').length;
  const warnings = failed.length - errors;
  const s = (n: number, what: string): string => `${num(n)} ${what}${n === 1 ? '' : 's'}`;
  return `Data tests: ${num(tests.length - failed.length)} passed, ${s(warnings, 'warning')}, ${s(errors, 'error')} (${s(tests.length, 'test')})`;
}

/** A failure line per failed test (errors first, then warnings), then the summary line. */
export function testLines(tests: readonly DataTestResult[]): string[] {
  const failed = tests.filter((t) => t.status === 'fail');
  const ordered = [...failed.filter((t) => t.severity === 'error'), ...failed.filter((t) => t.severity === 'warn')];
  return [...ordered.map(testFailureLine), testSummaryLine(tests)];
}

/** One sentence for the tests of severity error that failed, or null when none did. */
export function testErrorSentence(tests: readonly DataTestResult[]): string | null {
  const errors = tests.filter((t) => t.status === 'fail' && t.severity === 'error');
  const first = errors[0];
  if (first === undefined) return null;
  const more = errors.length > 1 ? ` and ${num(errors.length - 1)} more` : '';
  return `${errors.length === 1 ? 'a data test' : `${num(errors.length)} data tests`} of severity error failed: ${first.target}: ${first.test}: ${first.message}${more}`;
}
