import * as os from 'os';
import * as fs from 'fs';
import * as path from 'path';
import { DataFrame } from '../../src/engine/frame';
import { runPipeline } from '../../src/dag/pipeline';
import { generate } from '../../src/generate';
import { DROP_RULES, RowAccounting, UNEXPLAINED, USED, accountRows, accountingAddsUp, droppedTotal } from '../../src/quality/accounting';

const strings = (values: (string | null)[]): { type: 'string'; values: (string | null)[] } => ({ type: 'string', values });
const ids = (column: string, values: string[]): DataFrame => DataFrame.fromColumns({ [column]: strings(values) });

/** Literal inputs: two customers (C1 with an email, C2 without), one product of each status, four transactions. */
function literalSources(): Parameters<typeof accountRows>[0] {
  return {
    inputs: {
      customers: DataFrame.fromColumns({ customer_id: strings(['C1', 'C1', null, 'C2']) }),
      loyalty_program: DataFrame.fromColumns({ customer_id: strings(['C1', 'C9', 'C2', null, 'C1']) }),
      support_tickets: DataFrame.fromColumns({ customer_id: strings(['C1', 'C9', null]) }),
      app_usage: DataFrame.fromColumns({ customer_id: strings(['C2']) }),
      products: DataFrame.fromColumns({ product_id: strings(['P1', 'P2', 'P3']), status: strings(['active', 'discontinued', null]) }),
      transactions: DataFrame.fromColumns({
        transaction_id: strings(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']),
        customer_id: strings(['C1', 'C1', 'C9', 'C1', 'C2', null]),
        status: strings(['completed', 'cancelled', 'completed', 'completed', 'completed', 'completed']),
      }),
      transaction_items: DataFrame.fromColumns({
        transaction_id: strings(['T1', 'T1', 'T1', 'T2', 'T3', 'T4', 'T5', 'T7', null]),
        product_id: strings(['P1', 'P2', 'P8', 'P1', 'P1', 'P2', 'P1', 'P1', 'P1']),
      }),
    },
    rejected: { transactions: 2 },
    models: {
      src_customers: ids('customer_id', ['C1', 'C2']),
      customer_analytics_c360: ids('customer_id', ['C1']),
      src_products: ids('product_id', ['P1']),
      // T1 (C1) and T5 (C2): completed, known customer, an item of an active product.
      int_customer_transactions: ids('transaction_id', ['T1', 'T5']),
    },
  };
}

/** The non-zero buckets of an accounting. */
function buckets(a: RowAccounting): Record<string, number> {
  return { [USED]: a.used, ...Object.fromEntries(Object.entries(a.dropped).filter(([, n]) => n > 0)), rejected: a.rejected };
}

describe('accountRows', () => {
  it('puts every customers row in one bucket: used, null id, duplicate or left out of the product for a missing email', async () => {
    const acc = await accountRows(literalSources());
    expect(buckets(acc.customers!)).toEqual({ used: 1, 'null customer_id': 1, 'duplicate customer_id': 1, 'email missing': 1, rejected: 0 });
  });

  it('counts loyalty rows of unknown customers as orphans before duplicates', async () => {
    const acc = await accountRows(literalSources());
    expect(buckets(acc.loyalty_program!)).toEqual({ used: 1, 'orphan customer_id': 1, 'customer email missing': 1, 'null customer_id': 1, 'duplicate customer_id': 1, rejected: 0 });
    expect(buckets(acc.support_tickets!)).toEqual({ used: 1, 'orphan customer_id': 1, 'null customer_id': 1, rejected: 0 });
    expect(buckets(acc.app_usage!)).toEqual({ used: 0, 'customer email missing': 1, rejected: 0 });
  });

  it('drops products whose status is not exactly active, null included', async () => {
    const acc = await accountRows(literalSources());
    expect(buckets(acc.products!)).toEqual({ used: 1, 'status not active': 2, rejected: 0 });
  });

  it('names the first rule that drops a transaction, and adds the rejected rows', async () => {
    const acc = await accountRows(literalSources());
    expect(buckets(acc.transactions!)).toEqual({
      used: 1,
      'status not completed': 1,
      'orphan customer_id': 1,
      'no item of an active product': 1,
      'customer email missing': 1,
      'null customer_id': 1,
      rejected: 2,
    });
  });

  it('drops items by their product first, then by their transaction', async () => {
    const acc = await accountRows(literalSources());
    expect(buckets(acc.transaction_items!)).toEqual({
      used: 1,
      'product not active': 2, // T1/P2 and T4/P2
      'orphan product_id': 1, // P8
      'transaction dropped: status not completed': 1, // T2
      'transaction dropped: orphan customer_id': 1, // T3
      'transaction dropped: customer email missing': 1, // T5 (C2 has no email)
      'orphan transaction_id': 1, // T7
      'null transaction_id': 1,
      rejected: 0,
    });
  });

  it('lists every rule of a file, zeros included, in rule order', async () => {
    const acc = await accountRows(literalSources());
    for (const [name, a] of Object.entries(acc)) expect(Object.keys(a.dropped)).toEqual(DROP_RULES[name]);
  });

  it('accounts for nothing when the product did not run', async () => {
    const { customer_analytics_c360: _product, ...models } = literalSources().models;
    expect(await accountRows({ ...literalSources(), models })).toEqual({});
  });

  it('counts rows a model left out for no known rule as unexplained', async () => {
    const sources = literalSources();
    const acc = await accountRows({ ...sources, models: { ...sources.models, src_products: ids('product_id', []) } });
    expect(acc.products!.dropped[UNEXPLAINED]).toBe(1);
  });
});

describe('row accounting of a run', () => {
  let dir: string;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds up for every input file of dirty generated data, each rule the dirt creates counting rows', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c360-accounting-'));
    const generated = await generate({ customers: 2000, asOf: '2025-01-15', outDir: dir, dirtyRate: 0.05, seed: 7, workers: 0 });
    const result = await runPipeline({ dataDir: dir, asOf: '2025-01-15' });
    expect(result.results.success).toBe(true);
    const inputs = result.results.inputs;
    expect(inputs).toHaveLength(7);
    for (const input of inputs) {
      const a = input.accounting!;
      const written = generated.files.find((f) => f.path === input.file)!.rows;
      expect([input.file, a.used + droppedTotal(a) + a.rejected]).toEqual([input.file, written]);
      expect(accountingAddsUp(a, input.rows_read)).toBe(true);
      expect(a.rejected).toBe(input.rows_rejected);
      expect(a.dropped[UNEXPLAINED]).toBeUndefined();
    }
    const acc = Object.fromEntries(inputs.map((i) => [i.name, i.accounting!]));
    const nonZero = (name: string, rules: string[]): void => {
      for (const rule of rules) expect([name, rule, acc[name]!.dropped[rule]! > 0]).toEqual([name, rule, true]);
    };
    nonZero('customers', ['null customer_id', 'duplicate customer_id', 'email missing']);
    nonZero('loyalty_program', ['null customer_id', 'duplicate customer_id']);
    nonZero('support_tickets', ['orphan customer_id']);
    nonZero('products', ['status not active']);
    nonZero('transactions', ['status not completed', 'orphan customer_id', 'no item of an active product', 'customer email missing']);
    nonZero('transaction_items', ['orphan product_id', 'product not active', 'orphan transaction_id', 'transaction dropped: status not completed', 'transaction dropped: orphan customer_id']);
    for (const name of ['customers', 'loyalty_program', 'transactions', 'transaction_items']) expect([name, acc[name]!.rejected > 0]).toEqual([name, true]);
    // The used rows agree with the models' outputs.
    expect(acc.customers!.used).toBe(result.models.customer_analytics_c360!.numRows);
    expect(acc.products!.used).toBe(result.models.src_products!.numRows);
    const inProduct = new Set(result.models.customer_analytics_c360!.values('customer_id'));
    const usedTransactions = result.models.int_customer_transactions!.values('customer_id').filter((c) => inProduct.has(c)).length;
    expect(acc.transactions!.used).toBe(usedTransactions);
  });
});
