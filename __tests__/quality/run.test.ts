import { col } from '../../src/engine/expr';
import { DataFrame } from '../../src/engine/frame';
import { runDataTests } from '../../src/quality/run';
import { acceptedValues, expressionIsTrue, notNull, relationships, rowCount, unique } from '../../src/quality/tests';

const orders = DataFrame.fromColumns({
  order_id: { type: 'string', values: ['o1', 'o2', 'o2', null, 'o4'] },
  customer_id: { type: 'string', values: ['c1', 'c9', 'c2', 'c1', null] },
  status: { type: 'string', values: ['completed', 'cancelled', 'completed', 'lost', null] },
  amount: { type: 'float64', values: [10, -5, 0, null, 3] },
});
const customers = DataFrame.fromColumns({ customer_id: { type: 'string', values: ['c1', 'c2'] } });
const resolve = (name: string): DataFrame | undefined => (name === 'customers' ? customers : undefined);

describe('runDataTests', () => {
  it('reports duplicated keys once per key with their row count, ignoring null keys', async () => {
    const [r] = await runDataTests('orders', orders, [unique('order_id')], { resolve });
    expect(r).toMatchObject({ status: 'fail', failures: 1, examples: ['o2, 2'], severity: 'error' });
  });

  it('counts null values and shows the keys of the rows that hold them', async () => {
    const [r] = await runDataTests('orders', orders, [notNull('customer_id')], { resolve, keyColumns: ['order_id'] });
    expect(r).toMatchObject({ status: 'fail', failures: 1, examples: ['o4'] });
  });

  it('accepts nulls but not unlisted values in accepted_values', async () => {
    const [r] = await runDataTests('orders', orders, [acceptedValues('status', ['completed', 'cancelled'])], { resolve, keyColumns: ['order_id'] });
    expect(r).toMatchObject({ status: 'fail', failures: 1, examples: ['null, lost'] });
  });

  it('finds orphan foreign keys and lets null foreign keys pass', async () => {
    const [r] = await runDataTests('orders', orders, [relationships('customer_id', 'customers', 'customer_id', { severity: 'warn' })], {
      resolve,
      keyColumns: ['order_id'],
    });
    expect(r).toMatchObject({ status: 'fail', failures: 1, examples: ['o2, c9'], severity: 'warn' });
  });

  it('fails an expression only where it is false, as dbt does', async () => {
    const [r] = await runDataTests('orders', orders, [expressionIsTrue(col('amount').gt(0))], { resolve, keyColumns: ['order_id'] });
    expect(r).toMatchObject({ status: 'fail', failures: 2, test: 'expression((amount > 0))' });
    expect(r!.examples).toEqual(['o2', 'o2']);
  });

  it('checks row-count bounds', async () => {
    const results = await runDataTests('orders', orders, [rowCount({ min: 1, max: 5 }), rowCount({ min: 6 })], { resolve });
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail']);
    expect(results[1]!.message).toBe('5 rows, expected 6 to any number');
  });

  it('passes every test on clean data', async () => {
    const clean = DataFrame.fromColumns({ customer_id: { type: 'string', values: ['c1', 'c2'] } });
    const results = await runDataTests('clean', clean, [unique('customer_id'), notNull('customer_id'), relationships('customer_id', 'customers', 'customer_id')], { resolve });
    expect(results.every((r) => r.status === 'pass' && r.failures === 0 && r.examples.length === 0)).toBe(true);
  });

  it('names an unknown relationship parent in a clear error', async () => {
    await expect(runDataTests('orders', orders, [relationships('customer_id', 'nowhere', 'id')], { resolve })).rejects.toThrow('unknown parent "nowhere"');
  });
});
