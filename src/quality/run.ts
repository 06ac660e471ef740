/**
 * Runs data tests against frames with the engine's own kernels.
 */
import { C360Error } from '../errors';
import { col, count } from '../engine/expr';
import { DataFrame } from '../engine/frame';
import { formatCell } from '../engine/format';
import { LazyFrame } from '../engine/plan';
import { DataTest, Severity, testName } from './tests';

/** The outcome of one test on one target. */
export interface DataTestResult {
  /** The model or input file tested. */
  readonly target: string;
  readonly test: string;
  readonly severity: Severity;
  readonly status: 'pass' | 'fail';
  /** Failing rows (or groups, for unique; 1 for a failed row count). */
  readonly failures: number;
  /** A few failing keys or values, as text. */
  readonly examples: readonly string[];
  readonly message: string;
}

const EXAMPLES = 5;

function examplesOf(frame: DataFrame, columns: readonly string[]): string[] {
  const head = frame.head(EXAMPLES);
  const out: string[] = [];
  for (let i = 0; i < head.numRows; i++) {
    out.push(columns.map((c) => (head.get(i, c) === null ? 'null' : formatCell(head.get(i, c), head.typeOf(c)))).join(', '));
  }
  return out;
}

/**
 * Runs the tests of one target. `resolve` gives the frame of another model or input for
 * relationship tests; `keyColumns` are shown as examples of failing rows.
 */
export async function runDataTests(
  target: string,
  frame: DataFrame,
  tests: readonly DataTest[],
  options: { resolve: (name: string) => DataFrame | undefined; keyColumns?: readonly string[] },
): Promise<DataTestResult[]> {
  const results: DataTestResult[] = [];
  const lf = LazyFrame.from(frame, target);
  const keys = (extra: string): string[] => {
    const k = (options.keyColumns ?? []).filter((c) => frame.has(c));
    return k.includes(extra) ? k : [...k, extra];
  };
  for (const t of tests) {
    let failing: DataFrame;
    let shown: string[];
    let failures: number;
    switch (t.kind) {
      case 'unique': {
        failing = await lf
          .filter(t.columns.map((c) => col(c).isNotNull()).reduce((a, b) => a.and(b)))
          .groupBy(...t.columns)
          .agg({ rows: count() })
          .filter(col('rows').gt(1))
          .collect();
        shown = [...t.columns, 'rows'];
        failures = failing.numRows;
        break;
      }
      case 'not_null':
        failing = await lf.filter(col(t.column).isNull()).collect();
        shown = keys(t.column).filter((c) => c !== t.column);
        // Without another key column, the first other columns identify the row.
        if (shown.length === 0) shown = frame.columnNames.filter((c) => c !== t.column).slice(0, 3);
        if (shown.length === 0) shown = [t.column];
        failures = failing.numRows;
        break;
      case 'accepted_values':
        failing = await lf.filter(col(t.column).isNotNull().and(col(t.column).isIn(t.values).not())).collect();
        shown = keys(t.column);
        failures = failing.numRows;
        break;
      case 'relationships': {
        const parent = options.resolve(t.to);
        if (parent === undefined) throw new C360Error(`relationships test on ${target}.${t.column}: unknown parent "${t.to}"`);
        const marker = '__c360_parent_rows';
        const parentKeys = LazyFrame.from(parent, t.to)
          .filter(col(t.field).isNotNull())
          .groupBy(t.field)
          .agg({ [marker]: count() });
        const renamed = t.field === t.column ? parentKeys : parentKeys.rename({ [t.field]: t.column });
        failing = await lf.filter(col(t.column).isNotNull()).join(renamed, { on: t.column, how: 'left' }).filter(col(marker).isNull()).collect();
        shown = keys(t.column);
        failures = failing.numRows;
        break;
      }
      case 'expression':
        failing = await lf.filter(t.expr.not()).collect();
        shown = (options.keyColumns ?? []).filter((c) => frame.has(c));
        if (shown.length === 0) shown = frame.columnNames.slice(0, 3);
        failures = failing.numRows;
        break;
      case 'row_count': {
        const n = frame.numRows;
        const ok = (t.min === undefined || n >= t.min) && (t.max === undefined || n <= t.max);
        failing = DataFrame.empty([]);
        shown = [];
        failures = ok ? 0 : 1;
        results.push({
          target,
          test: testName(t),
          severity: t.severity,
          status: ok ? 'pass' : 'fail',
          failures,
          examples: ok ? [] : [`${n} rows`],
          message: ok ? `${n} rows` : `${n} rows, expected ${t.min ?? 0} to ${t.max ?? 'any number'}`,
        });
        continue;
      }
    }
    results.push({
      target,
      test: testName(t),
      severity: t.severity,
      status: failures === 0 ? 'pass' : 'fail',
      failures,
      examples: failures === 0 ? [] : examplesOf(failing, shown),
      message: failures === 0 ? 'ok' : `${failures} failing ${t.kind === 'unique' ? 'keys' : 'rows'}`,
    });
  }
  return results;
}
