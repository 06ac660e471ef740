/**
 * Data tests, dbt style: declared next to a model or an input file, run against its output.
 * Each test finds the failing rows; a test passes when there are none.
 */
import { Expr, renderExpr } from '../engine/expr';

/** How bad a failure is: `error` fails `c360 test` (exit 1), `warn` is reported only. */
export type Severity = 'warn' | 'error';

/** A data test. */
export type DataTest =
  | { readonly kind: 'unique'; readonly columns: readonly string[]; readonly severity: Severity }
  | { readonly kind: 'not_null'; readonly column: string; readonly severity: Severity }
  | { readonly kind: 'accepted_values'; readonly column: string; readonly values: readonly (string | number)[]; readonly severity: Severity }
  | {
      readonly kind: 'relationships';
      readonly column: string;
      /** The parent: a model name or an input file name. */
      readonly to: string;
      readonly field: string;
      readonly severity: Severity;
    }
  | { readonly kind: 'expression'; readonly expr: Expr; readonly description: string; readonly severity: Severity }
  | { readonly kind: 'row_count'; readonly min?: number; readonly max?: number; readonly severity: Severity };

/** Options common to every test. */
export interface TestOptions {
  readonly severity?: Severity;
}

/** The columns together identify a row: no two rows share them (null keys are left to not_null). */
export function unique(columns: string | readonly string[], o: TestOptions = {}): DataTest {
  return { kind: 'unique', columns: typeof columns === 'string' ? [columns] : [...columns], severity: o.severity ?? 'error' };
}

/** The column has no nulls. */
export function notNull(column: string, o: TestOptions = {}): DataTest {
  return { kind: 'not_null', column, severity: o.severity ?? 'error' };
}

/** Every non-null value of the column is one of these. */
export function acceptedValues(column: string, values: readonly (string | number)[], o: TestOptions = {}): DataTest {
  return { kind: 'accepted_values', column, values: [...values], severity: o.severity ?? 'error' };
}

/** Every non-null value of the column exists in `to.field` (a foreign key). */
export function relationships(column: string, to: string, field: string, o: TestOptions = {}): DataTest {
  return { kind: 'relationships', column, to, field, severity: o.severity ?? 'error' };
}

/** The expression is not false for any row (null passes, as in dbt's expression_is_true). */
export function expressionIsTrue(expr: Expr, o: TestOptions & { description?: string } = {}): DataTest {
  return { kind: 'expression', expr, description: o.description ?? renderExpr(expr.node), severity: o.severity ?? 'error' };
}

/** The row count is within bounds. */
export function rowCount(bounds: { min?: number; max?: number }, o: TestOptions = {}): DataTest {
  return { kind: 'row_count', ...bounds, severity: o.severity ?? 'error' };
}

/** A short, stable name for a test, e.g. `unique(customer_id)`. */
export function testName(t: DataTest): string {
  switch (t.kind) {
    case 'unique':
      return `unique(${t.columns.join(', ')})`;
    case 'not_null':
      return `not_null(${t.column})`;
    case 'accepted_values':
      return `accepted_values(${t.column}: ${t.values.join(', ')})`;
    case 'relationships':
      return `relationships(${t.column} -> ${t.to}.${t.field})`;
    case 'expression':
      return `expression(${t.description})`;
    case 'row_count':
      return `row_count(${t.min ?? 0}..${t.max ?? '∞'})`;
  }
}
