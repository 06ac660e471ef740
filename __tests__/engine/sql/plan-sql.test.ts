import { col, count } from '../../../src/engine/expr';
import { LazyFrame, ScanSource } from '../../../src/engine/plan';
import { ORDER_COLUMN, scansNeedingOrder, toSparkSql, uniqueOn } from '../../../src/engine/sql/plan-sql';
import { Schema } from '../../../src/engine/types';

function source(name: string, schema: Schema): ScanSource {
  return {
    name,
    schema,
    load: () => {
      throw new Error('not loaded in these tests');
    },
  };
}

const orders = source('orders', [
  { name: 'order_id', type: 'string' },
  { name: 'customer_id', type: 'string' },
  { name: 'amount', type: 'float64' },
  { name: 'status', type: 'string' },
  { name: 'ordered_at', type: 'timestamp' },
]);
const customers = source('customers', [
  { name: 'customer_id', type: 'string' },
  { name: 'name', type: 'string' },
]);
const withRowOrder = { orderColumn: (): string => '__row' };

describe('toSparkSql', () => {
  it('renders a filter and a projection over a scan that reads only the needed columns', () => {
    const lf = LazyFrame.scan(orders)
      .filter(col('status').eq('completed'))
      .select('order_id', { big: col('amount').gt(100) });
    expect(toSparkSql(lf.plan)).toBe(
      [
        'WITH -- scan orders',
        'scan_1 AS (',
        '  SELECT `order_id`, `amount`, `status`',
        '  FROM `orders`',
        '),',
        '-- filter (status == completed)',
        'filter_2 AS (',
        '  SELECT `order_id`, `amount`, `status`',
        '  FROM scan_1',
        "  WHERE (`status` = 'completed')",
        '),',
        '-- select 2 columns',
        'select_3 AS (',
        '  SELECT `order_id`,',
        '         (`amount` > 100) AS `big`',
        '  FROM filter_2',
        ')',
        'SELECT `order_id`, `big`',
        'FROM select_3',
      ].join('\n'),
    );
  });

  it('renders a USING-style left join: the right key is not repeated', () => {
    const lf = LazyFrame.scan(orders).select('order_id', 'customer_id').join(LazyFrame.scan(customers), { on: 'customer_id', how: 'left' });
    const sql = toSparkSql(lf.plan);
    expect(sql).toContain('SELECT l.`order_id`, l.`customer_id`, r.`name`\n  FROM select_2 l\n  LEFT JOIN scan_3 r ON l.`customer_id` = r.`customer_id`');
    expect(sql.endsWith('SELECT `order_id`, `customer_id`, `name`\nFROM join_4')).toBe(true);
  });

  it('renders a group-by with the keys first, then the aggregates', () => {
    const lf = LazyFrame.scan(orders)
      .groupBy('customer_id')
      .agg({ orders: count(), spent: col('amount').sum(), last: col('ordered_at').max() });
    expect(toSparkSql(lf.plan)).toContain(
      ['  SELECT `customer_id`,', '         count(1) AS `orders`,', '         sum(`amount`) AS `spent`,', '         max(`ordered_at`) AS `last`', '  FROM scan_1', '  GROUP BY `customer_id`'].join('\n'),
    );
  });

  it('gives a global aggregate no GROUP BY, so it yields one row even over no input', () => {
    const lf = LazyFrame.scan(orders).groupBy().agg({ n: count() });
    const sql = toSparkSql(lf.plan);
    expect(sql).toContain('count(1) AS `n`\n  FROM scan_1\n)');
    expect(sql).not.toContain('GROUP BY');
  });

  it('dedupes with row_number over the order keys, ties broken by the row order of the scan', () => {
    const lf = LazyFrame.scan(orders).dedupe({ partitionBy: ['customer_id'], orderBy: [{ column: 'ordered_at', descending: true, nulls: 'last' }] });
    const sql = toSparkSql(lf.plan, withRowOrder);
    expect(sql).toContain('`__row` AS `__c360_order`');
    expect(sql).toContain('row_number() OVER (PARTITION BY `customer_id` ORDER BY `ordered_at` DESC NULLS LAST, `__c360_order` ASC) AS `__c360_rn`');
    expect(sql).toContain('WHERE `__c360_rn` = 1');
    // The order column is dropped once nothing needs it.
    expect(sql.endsWith('SELECT `order_id`, `customer_id`, `amount`, `status`, `ordered_at`\nFROM dedupe_2')).toBe(true);
  });

  it('refuses a plan that depends on the row order of an input without an order column', () => {
    const lf = LazyFrame.scan(orders).dedupe({ partitionBy: ['customer_id'] });
    expect(() => toSparkSql(lf.plan)).toThrow('depends on the row order of orders');
  });

  it('exposes and sorts by the row order when asked', () => {
    const lf = LazyFrame.scan(customers).filter(col('name').isNotNull());
    const sql = toSparkSql(lf.plan, { ...withRowOrder, exposeOrder: true, sortRows: true });
    expect(sql.endsWith(`SELECT \`customer_id\`, \`name\`, \`${ORDER_COLUMN}\`\nFROM filter_2\nORDER BY \`${ORDER_COLUMN}\``)).toBe(true);
  });

  it('keeps the left order alone through a join whose right side is unique on the key', () => {
    const perCustomer = LazyFrame.scan(orders).groupBy('customer_id').agg({ n: count() });
    const lf = LazyFrame.scan(customers).join(perCustomer, { on: 'customer_id', how: 'left' });
    const sql = toSparkSql(lf.plan, { ...withRowOrder, exposeOrder: true });
    expect(sql).toContain('r.`n`, l.`__c360_order`');
    expect(scansNeedingOrder(lf.plan, { exposeOrder: true })).toEqual([customers]);
  });

  it('orders a join with repeated matches by left then right row order', () => {
    const lf = LazyFrame.scan(customers).join(LazyFrame.scan(orders).select('customer_id', 'amount'), { on: 'customer_id' });
    const sql = toSparkSql(lf.plan, { ...withRowOrder, exposeOrder: true });
    expect(sql).toContain("named_struct('l', l.`__c360_order`, 'r', r.`__c360_order`) AS `__c360_order`");
    expect(scansNeedingOrder(lf.plan, { exposeOrder: true })).toEqual([customers, orders]);
  });

  it('keeps groups in order of first appearance', () => {
    const lf = LazyFrame.scan(orders).groupBy('customer_id').agg({ n: count() });
    expect(toSparkSql(lf.plan, { ...withRowOrder, exposeOrder: true })).toContain('min(`__c360_order`) AS `__c360_order`');
  });

  it('ranks a stable sort and takes the first rows of a limit by that rank', () => {
    const lf = LazyFrame.scan(orders).sort({ column: 'amount', descending: true }).limit(3);
    const sql = toSparkSql(lf.plan, withRowOrder);
    expect(sql).toContain('row_number() OVER (ORDER BY `amount` DESC NULLS LAST, `__c360_order` ASC) AS `__c360_order`');
    expect(sql).toContain('ORDER BY `__c360_order`\n  LIMIT 3');
  });

  it('renders a union of the inputs column by column', () => {
    const a = LazyFrame.scan(customers);
    const lf = a.union(LazyFrame.scan(customers).select('name', 'customer_id'));
    expect(toSparkSql(lf.plan)).toContain('SELECT `customer_id`, `name` FROM scan_1\n  UNION ALL\n  SELECT `customer_id`, `name` FROM select_4');
  });

  it('casts computed whole numbers to BIGINT and untyped nulls to STRING, the engine types', () => {
    const lf = LazyFrame.scan(orders).select({ h: col('ordered_at').hour(), nothing: null });
    const sql = toSparkSql(lf.plan);
    expect(sql).toContain('CAST(hour(`ordered_at`) AS BIGINT) AS `h`');
    expect(sql).toContain('CAST(NULL AS STRING) AS `nothing`');
  });

  it('widens the min or max of a computed whole number to BIGINT', () => {
    const lf = LazyFrame.scan(orders).groupBy('customer_id').agg({ latest_hour: col('ordered_at').hour().max() });
    expect(toSparkSql(lf.plan)).toContain('CAST(max(hour(`ordered_at`)) AS BIGINT) AS `latest_hour`');
  });

  it('renders a shared sub-plan once', () => {
    const base = LazyFrame.scan(orders).filter(col('amount').gt(0));
    const lf = base.select('order_id', 'customer_id').join(base.groupBy('customer_id').agg({ n: count() }), { on: 'customer_id' });
    const sql = toSparkSql(lf.plan);
    expect(sql.match(/FROM `orders`/g)).toHaveLength(1);
  });
});

describe('uniqueOn', () => {
  it('knows a group-by or a dedupe on the keys is unique, and a plain scan is not', () => {
    const scan = LazyFrame.scan(orders);
    expect(uniqueOn(scan.groupBy('customer_id').agg({ n: count() }).plan, ['customer_id'])).toBe(true);
    expect(uniqueOn(scan.dedupe({ partitionBy: ['customer_id'] }).filter(col('amount').gt(1)).plan, ['customer_id'])).toBe(true);
    expect(uniqueOn(scan.plan, ['customer_id'])).toBe(false);
    expect(uniqueOn(scan.groupBy('customer_id', 'status').agg({ n: count() }).plan, ['customer_id'])).toBe(false);
  });

  it('follows a key through a rename but not through a computed key', () => {
    const grouped = LazyFrame.scan(orders).groupBy('customer_id').agg({ n: count() });
    expect(uniqueOn(grouped.rename({ customer_id: 'id' }).plan, ['id'])).toBe(true);
    expect(uniqueOn(grouped.withColumns({ customer_id: col('n').cast('string') }).plan, ['customer_id'])).toBe(false);
  });
});
