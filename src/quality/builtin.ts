/**
 * The data tests every run can apply: each model's key (unique, not null), the tests a model
 * declares, and the spec's validation rules for the inputs and the product.
 */
import { col, lit } from '../engine/expr';
import { formatDate, civilFromDays, daysFromCivil } from '../engine/format';
import { parseDate } from '../engine/parse';
import { Model } from '../models/define';
import { INPUT_FILES } from '../schema/inputs';
import { DataTest, acceptedValues, expressionIsTrue, notNull, relationships, unique } from './tests';

/** The product's name. */
export const PRODUCT = 'customer_analytics_c360';

/** A model's tests: its key's unique + not_null, then its declared tests. */
export function modelTests(model: Model): DataTest[] {
  const key: DataTest[] = model.key.length === 0 ? [] : [...model.key.map((k) => notNull(k)), unique(model.key)];
  const product: DataTest[] =
    model.name === PRODUCT
      ? [
          expressionIsTrue(col('email').isNotNull().and(col('email').ne('')), { description: 'email is not null and not empty' }),
          acceptedValues('customer_status', ['Active', 'At Risk', 'Churned', 'Never Purchased']),
        ]
      : [];
  return [...key, ...product, ...(model.tests ?? [])];
}

/** One year after the as-of date, `YYYY-MM-DD` (29 February maps to 28 February). */
function oneYearAfter(asOf: string): string {
  const day = parseDate(asOf);
  if (day === undefined) throw new Error(`invalid as-of date ${asOf}`);
  const [y, m, d] = civilFromDays(day);
  return formatDate(daysFromCivil(y + 1, m, m === 2 && d === 29 ? 28 : d));
}

/**
 * The spec's validation rules for the input files (severity warn: inputs are other systems'
 * exports; the run's bad-row policy decides what is used): keys unique, foreign keys resolve,
 * transaction amounts positive, dates plausible (not before 1900, not after as-of + 1 year).
 */
export function inputTests(asOf: string): Record<string, DataTest[]> {
  const warn = { severity: 'warn' as const };
  const latest = oneYearAfter(asOf);
  const out: Record<string, DataTest[]> = {};
  for (const f of INPUT_FILES) {
    const tests: DataTest[] = [notNull(f.key, warn), unique(f.key, warn)];
    for (const c of f.columns) {
      if (c.type !== 'date' && c.type !== 'timestamp') continue;
      const v = c.type === 'timestamp' ? col(c.name).toDate() : col(c.name);
      tests.push(
        expressionIsTrue(v.ge(lit('1900-01-01').cast('date')).and(v.le(lit(latest).cast('date'))), {
          description: `${c.name} between 1900-01-01 and ${latest}`,
          ...warn,
        }),
      );
    }
    out[f.name] = tests;
  }
  out['transactions']!.push(expressionIsTrue(col('total_amount').gt(0), { description: 'total_amount > 0', ...warn }));
  for (const child of ['transactions', 'loyalty_program', 'support_tickets', 'app_usage']) {
    out[child]!.push(relationships('customer_id', 'customers', 'customer_id', warn));
  }
  out['transaction_items']!.push(relationships('transaction_id', 'transactions', 'transaction_id', warn));
  out['transaction_items']!.push(relationships('product_id', 'products', 'product_id', warn));
  return out;
}
