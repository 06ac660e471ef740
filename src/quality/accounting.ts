/**
 * Row accounting: where every row of every input file went. For each file,
 * rows read = rows used + rows dropped by a named rule + rows rejected as malformed.
 *
 * "Used" means the row reaches the data product: a customers row is a row of
 * customer_analytics_c360; a loyalty, ticket, session, transaction or item row feeds the profile
 * of a customer who is in the product; a products row is in the active catalogue (src_products).
 * Every other row is dropped by the first rule of its file (DROP_RULES) that applies. The buckets
 * are computed with the engine, from the input rows the models saw (after the bad-row policy) and
 * the models' outputs: key sets of the outputs are left-joined to the input rows and a CASE
 * expression names each row's bucket.
 *
 * Of the rows that share a customer_id, the first in the file counts as used and the others as
 * duplicates: which one src_customers keeps (the latest registration) does not change the counts.
 */
import { NumericColumn } from '../engine/column';
import { CaseBuilder, Expr, col, count, when } from '../engine/expr';
import { DataFrame } from '../engine/frame';
import { LazyFrame } from '../engine/plan';
import { PRODUCT } from './builtin';

/** Where the rows of one input file went: rows read = used + the sum of dropped + rejected. */
export interface RowAccounting {
  /** Rows that reach the product (for products.csv: the active catalogue). */
  readonly used: number;
  /** Rows left out, by rule: every rule of the file (DROP_RULES), zeros included, in rule order. */
  readonly dropped: Readonly<Record<string, number>>;
  /** Rows set aside as malformed by the bad-row policy `reject`. */
  readonly rejected: number;
}

/** The bucket of a row that reaches the product. */
export const USED = 'used';

/**
 * The bucket of a row that a model left out for a reason none of the rules knows (a model that
 * does not follow the spec); it never occurs with the built-in models.
 */
export const UNEXPLAINED = 'unexplained';

const TRANSACTION_RULES = ['status not completed', 'null customer_id', 'orphan customer_id', 'null transaction_id', 'no item of an active product', 'customer email missing'] as const;

/** The rules of transaction_items.csv that follow from its transaction's bucket. */
const ITEM_TRANSACTION_RULES = TRANSACTION_RULES.filter((r) => r !== 'null transaction_id').map((r) => [r, `transaction dropped: ${r}`] as const);

/**
 * The named drop rules of each input file, in the order they are tried (a row is counted under
 * the first that applies):
 * - `null <column>`: the id is empty;
 * - `duplicate customer_id`: another row of the file has the same customer_id (one of them is used);
 * - `orphan customer_id`: no customers row (kept by src_customers) has it; `orphan product_id`,
 *   `orphan transaction_id` likewise for products.csv and transactions.csv (a row rejected as
 *   malformed does not exist for its children);
 * - `email missing`: the customer has no email, so the product leaves them out; for the other
 *   files, `customer email missing`: the row belongs to such a customer;
 * - `status not active`, `status not completed`: the staging filters;
 * - `product not active`: the item's product is in products.csv but not active;
 * - `no item of an active product`: a completed transaction of a known customer none of whose
 *   items is of an active product (int_customer_transactions drops it);
 * - `transaction dropped: <rule>`: the item's transaction was dropped by that rule.
 */
export const DROP_RULES: Readonly<Record<string, readonly string[]>> = {
  customers: ['null customer_id', 'duplicate customer_id', 'email missing'],
  loyalty_program: ['null customer_id', 'orphan customer_id', 'duplicate customer_id', 'customer email missing'],
  support_tickets: ['null customer_id', 'orphan customer_id', 'customer email missing'],
  app_usage: ['null customer_id', 'orphan customer_id', 'customer email missing'],
  products: ['status not active'],
  transactions: TRANSACTION_RULES,
  transaction_items: ['null product_id', 'orphan product_id', 'product not active', 'null transaction_id', 'orphan transaction_id', ...ITEM_TRANSACTION_RULES.map(([, r]) => r)],
};

/** The columns of each input file that the accounting reads. */
export const ACCOUNTING_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  customers: ['customer_id'],
  loyalty_program: ['customer_id'],
  support_tickets: ['customer_id'],
  app_usage: ['customer_id'],
  products: ['product_id', 'status'],
  transactions: ['transaction_id', 'customer_id', 'status'],
  transaction_items: ['transaction_id', 'product_id'],
};

/** The models whose outputs the accounting reads (and the key column it reads of each). */
const MODEL_KEYS = {
  customers: ['src_customers', 'customer_id'],
  product: [PRODUCT, 'customer_id'],
  products: ['src_products', 'product_id'],
  transactions: ['int_customer_transactions', 'transaction_id'],
} as const;

/** The models whose outputs the accounting reads, and the key column it reads of each (a run that drops model frames keeps these). */
export const ACCOUNTING_MODEL_KEYS: Readonly<Record<string, readonly [model: string, key: string]>> = MODEL_KEYS;

/** What `accountRows` reads. */
export interface AccountingSources {
  /** Each input file's rows as the models saw them (after the bad-row policy), by declared name; at least ACCOUNTING_COLUMNS. */
  readonly inputs: Readonly<Record<string, DataFrame>>;
  /** Rows of each input file that the bad-row policy set aside, by declared name. */
  readonly rejected: Readonly<Record<string, number>>;
  /** Model outputs by name: src_customers, src_products, int_customer_transactions and the product are needed. */
  readonly models: Readonly<Record<string, DataFrame>>;
}

const ROW = '__c360_row';
const FIRST = '__c360_first_row';
const BUCKET = 'bucket';

/**
 * Counts where the rows of each input file went (see the module comment). Returns an entry for
 * every input file given whose own rules can be computed: none when the product or one of the
 * models it needs did not run.
 * @example const acc = await accountRows({ inputs, rejected: { transactions: 3 }, models });
 */
export async function accountRows(sources: AccountingSources): Promise<Record<string, RowAccounting>> {
  const { inputs, models } = sources;
  const out: Record<string, RowAccounting> = {};
  const keyModels = Object.values(MODEL_KEYS).map(([model, key]) => models[model]?.has(key) === true);
  if (keyModels.includes(false)) return out;
  const keys = (which: keyof typeof MODEL_KEYS, marker: string): LazyFrame => keySet(models[MODEL_KEYS[which][0]]!, MODEL_KEYS[which][1], marker);
  const input = (name: string): DataFrame | null => {
    const frame = inputs[name];
    return frame !== undefined && ACCOUNTING_COLUMNS[name]!.every((c) => frame.has(c)) ? frame : null;
  };
  const labelled = new Map<string, LazyFrame>();

  // Customers, and the files that hang off a customer_id alone. Each kept customer_id once, with
  // whether the product has it (one join per file instead of two).
  const customerStatus = await keys('customers', '__c360_customer').join(keys('product', '__c360_in_product'), { on: 'customer_id', how: 'left' }).collect();
  const customerOf = (rows: LazyFrame): LazyFrame => rows.join(LazyFrame.from(customerStatus, 'customers'), { on: 'customer_id', how: 'left' });
  const inProduct = col('__c360_in_product').isNotNull();
  const orphan = col('__c360_customer').isNull();
  const customers = input('customers');
  if (customers !== null) {
    const rows = customerOf(firstOfKey(customers, 'customer_id'));
    labelled.set(
      'customers',
      label(rows, when(col('customer_id').isNull(), 'null customer_id').when(col(ROW).ne(col(FIRST)), 'duplicate customer_id').when(orphan, UNEXPLAINED).when(inProduct.not(), 'email missing')),
    );
  }
  const loyalty = input('loyalty_program');
  if (loyalty !== null) {
    const rows = customerOf(firstOfKey(loyalty, 'customer_id'));
    labelled.set(
      'loyalty_program',
      label(rows, when(col('customer_id').isNull(), 'null customer_id').when(orphan, 'orphan customer_id').when(col(ROW).ne(col(FIRST)), 'duplicate customer_id').when(inProduct.not(), 'customer email missing')),
    );
  }
  for (const name of ['support_tickets', 'app_usage']) {
    const frame = input(name);
    if (frame === null) continue;
    const rows = customerOf(LazyFrame.from(frame.select(['customer_id']), name));
    labelled.set(name, label(rows, when(col('customer_id').isNull(), 'null customer_id').when(orphan, 'orphan customer_id').when(inProduct.not(), 'customer email missing')));
  }

  // The catalogue.
  const products = input('products');
  if (products !== null) {
    const rows = LazyFrame.from(products.select(['product_id', 'status']), 'products').join(keys('products', '__c360_active'), { on: 'product_id', how: 'left' });
    const inactive = col('status').isNull().or(col('status').ne('active'));
    labelled.set('products', label(rows, when(inactive, 'status not active').when(col('product_id').isNotNull().and(col('__c360_active').isNull()), UNEXPLAINED)));
  }

  // Transactions, then their items (which inherit a dropped transaction's rule).
  const transactions = input('transactions');
  let transactionBuckets: DataFrame | null = null;
  if (transactions !== null) {
    const rows = customerOf(LazyFrame.from(transactions.select(['transaction_id', 'customer_id', 'status']), 'transactions')).join(keys('transactions', '__c360_enriched'), {
      on: 'transaction_id',
      how: 'left',
    });
    const plan = label(
      rows.select('transaction_id', 'customer_id', 'status', '__c360_customer', '__c360_in_product', '__c360_enriched'),
      when(col('status').isNull().or(col('status').ne('completed')), 'status not completed')
        .when(col('customer_id').isNull(), 'null customer_id')
        .when(orphan, 'orphan customer_id')
        .when(col('transaction_id').isNull(), 'null transaction_id')
        .when(col('__c360_enriched').isNull(), 'no item of an active product')
        .when(inProduct.not(), 'customer email missing'),
      ['transaction_id'],
    );
    transactionBuckets = await plan.collect();
    labelled.set('transactions', LazyFrame.from(transactionBuckets, 'transactions').select(BUCKET));
  }
  const items = input('transaction_items');
  if (items !== null && products !== null && transactionBuckets !== null) {
    // One bucket per transaction_id (a used row first, should the id repeat).
    const perTransaction = LazyFrame.from(transactionBuckets, 'transactions')
      .filter(col('transaction_id').isNotNull())
      .withColumns({ __c360_rank: when(col(BUCKET).eq(USED), 0).otherwise(1) })
      .dedupe({ partitionBy: ['transaction_id'], orderBy: [{ column: '__c360_rank' }] })
      .select('transaction_id', { __c360_transaction: col(BUCKET) });
    // Each product_id of products.csv once, with whether src_products has it.
    const productStatus = keySet(products, 'product_id', '__c360_known_product').join(keys('products', '__c360_active'), { on: 'product_id', how: 'left' });
    const rows = LazyFrame.from(items.select(['transaction_id', 'product_id']), 'transaction_items')
      .join(productStatus, { on: 'product_id', how: 'left' })
      .join(perTransaction, { on: 'transaction_id', how: 'left' });
    const transaction = col('__c360_transaction');
    let rule = when(col('product_id').isNull(), 'null product_id')
      .when(col('__c360_known_product').isNull(), 'orphan product_id')
      .when(col('__c360_active').isNull(), 'product not active')
      .when(col('transaction_id').isNull(), 'null transaction_id')
      .when(transaction.isNull(), 'orphan transaction_id');
    for (const [from, to] of ITEM_TRANSACTION_RULES) rule = rule.when(transaction.eq(from), to);
    labelled.set('transaction_items', label(rows, rule.when(transaction.ne(USED), UNEXPLAINED)));
  }

  for (const [name, plan] of labelled) {
    const counts = await plan.groupBy(BUCKET).agg({ rows: count() }).collect();
    out[name] = tally(name, counts.values(BUCKET), counts.values('rows'), sources.rejected[name] ?? 0);
  }
  return out;
}

/** True when the accounting of every file adds up to the rows read. */
export function accountingAddsUp(a: RowAccounting, rowsRead: number): boolean {
  return a.used + droppedTotal(a) + a.rejected === rowsRead;
}

/** Rows dropped by all the rules together. */
export function droppedTotal(a: RowAccounting): number {
  return Object.values(a.dropped).reduce((s, n) => s + n, 0);
}

/** The distinct non-null values of a column, with a marker column (never null) to test membership after a left join. */
function keySet(frame: DataFrame, column: string, marker: string): LazyFrame {
  return LazyFrame.from(frame.select([column]), marker)
    .filter(col(column).isNotNull())
    .groupBy(column)
    .agg({ [marker]: count() });
}

/** The rows with their position in the file (ROW) and the position of the first row with the same key (FIRST). */
function firstOfKey(frame: DataFrame, key: string): LazyFrame {
  const n = frame.numRows;
  const index = new Float64Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const rows = LazyFrame.from(frame.select([key]).withColumn(ROW, new NumericColumn('int', index, null)), key);
  const first = rows.filter(col(key).isNotNull()).groupBy(key).agg({ [FIRST]: col(ROW).min() });
  return rows.join(first, { on: key, how: 'left' });
}

/** The rows with their bucket: the first rule that applies, else `used` (and the columns to keep). */
function label(rows: LazyFrame, rules: CaseBuilder, keep: readonly string[] = []): LazyFrame {
  const bucket: Expr = rules.otherwise(USED);
  return rows.select(...keep, { [BUCKET]: bucket });
}

function tally(name: string, buckets: readonly unknown[], rows: readonly unknown[], rejected: number): RowAccounting {
  const dropped: Record<string, number> = {};
  for (const rule of DROP_RULES[name] ?? []) dropped[rule] = 0;
  let used = 0;
  buckets.forEach((b, i) => {
    const n = Number(rows[i]);
    if (b === USED) used += n;
    else dropped[String(b)] = (dropped[String(b)] ?? 0) + n;
  });
  return { used, dropped, rejected };
}
