import srcTransactions from '../../../src/models/sources/src_transactions';
import { CTX, LiteralRow, byKey, columnOf, expectGrain, lazy, rowsOf, run, schemaOf, transactions } from '../fixtures';

const build = (rows: readonly LiteralRow[]) => run(srcTransactions.build({ transactions: lazy(transactions(rows)) }, CTX));
const completed = (rows: readonly LiteralRow[]): LiteralRow[] => rows.map((r) => ({ status: 'completed', ...r }));

describe('src_transactions', () => {
  it('has one row per completed transaction: transaction_id is unique and never null', () => {
    const out = build(
      completed([
        { transaction_id: 'T1', transaction_date: '2024-06-02 10:00:00' },
        { transaction_id: 'T2', transaction_date: '2024-06-03 10:00:00' },
        { transaction_id: 'T3', status: 'pending' },
      ]),
    );
    expectGrain(out, srcTransactions.key);
    expect(srcTransactions.key).toEqual(['transaction_id']);
    expect(columnOf(out, 'transaction_id')).toEqual(['T1', 'T2']);
  });

  it("keeps only transactions whose status is exactly 'completed' (not 'Completed', 'pending', 'cancelled', 'refunded', '' or null)", () => {
    const statuses = ['completed', 'Completed', 'COMPLETED', 'completed ', 'pending', 'cancelled', 'refunded', '', null];
    const out = build(statuses.map((s, i) => ({ transaction_id: `T${i}`, status: s })));
    expect(columnOf(out, 'transaction_id')).toEqual(['T0']);
  });

  it('has the 12 input columns in input order, then the date parts, channel_group, has_discount, discount_rate and order_size_category', () => {
    expect(schemaOf(build(completed([{ transaction_id: 'T1' }])))).toEqual({
      transaction_id: 'string',
      customer_id: 'string',
      transaction_date: 'timestamp',
      channel: 'string',
      store_id: 'string',
      payment_method: 'string',
      subtotal: 'float64',
      tax_amount: 'float64',
      discount_amount: 'float64',
      total_amount: 'float64',
      currency: 'string',
      status: 'string',
      transaction_date_only: 'date',
      transaction_hour: 'int',
      day_of_week: 'int',
      transaction_month: 'int',
      transaction_quarter: 'int',
      transaction_year: 'int',
      channel_group: 'string',
      has_discount: 'int',
      discount_rate: 'float64',
      order_size_category: 'string',
    });
  });

  it('numbers day_of_week from 1 = Sunday to 7 = Saturday (2024-06-02 was a Sunday)', () => {
    const dates = ['2024-06-02', '2024-06-03', '2024-06-04', '2024-06-05', '2024-06-06', '2024-06-07', '2024-06-08', '2024-06-09'];
    const out = build(completed(dates.map((d) => ({ transaction_id: d, transaction_date: `${d} 12:00:00` }))));
    expect(columnOf(out, 'day_of_week')).toEqual([1, 2, 3, 4, 5, 6, 7, 1]);
  });

  it('takes the date, hour, month, quarter and year from the wall-clock timestamp, at the edges of days, quarters and years', () => {
    const out = build(
      completed([
        { transaction_id: 'midnight', transaction_date: '2024-03-31 00:00:00' },
        { transaction_id: 'end of Q1', transaction_date: '2024-03-31 23:59:59' },
        { transaction_id: 'start of Q2', transaction_date: '2024-04-01 00:00:00' },
        { transaction_id: 'end of Q3', transaction_date: '2024-09-30 23:59:59' },
        { transaction_id: 'start of Q4', transaction_date: '2024-10-01 00:00:00' },
        { transaction_id: 'new year eve', transaction_date: '2024-12-31 23:59:59.999' },
        { transaction_id: 'new year', transaction_date: '2025-01-01 00:00:00' },
        { transaction_id: 'leap day', transaction_date: '2024-02-29 13:30:00' },
      ]),
    );
    const parts = rowsOf(out).map((r) => [r.transaction_id, r.transaction_date_only, r.transaction_hour, r.transaction_month, r.transaction_quarter, r.transaction_year]);
    expect(parts).toEqual([
      ['midnight', '2024-03-31', 0, 3, 1, 2024],
      ['end of Q1', '2024-03-31', 23, 3, 1, 2024],
      ['start of Q2', '2024-04-01', 0, 4, 2, 2024],
      ['end of Q3', '2024-09-30', 23, 9, 3, 2024],
      ['start of Q4', '2024-10-01', 0, 10, 4, 2024],
      ['new year eve', '2024-12-31', 23, 12, 4, 2024],
      ['new year', '2025-01-01', 0, 1, 1, 2025],
      ['leap day', '2024-02-29', 13, 2, 1, 2024],
    ]);
  });

  it('gives null date parts when transaction_date is null', () => {
    const out = build(completed([{ transaction_id: 'T1', transaction_date: null }]));
    expect(rowsOf(out)).toMatchObject([
      { transaction_date_only: null, transaction_hour: null, day_of_week: null, transaction_month: null, transaction_quarter: null, transaction_year: null },
    ]);
  });

  it("groups channels exactly: online and mobile are Digital, store is Physical, anything else (other case, phone, null) is Other", () => {
    const channels = ['online', 'mobile', 'store', 'Online', 'STORE', 'phone', '', null];
    const out = build(completed(channels.map((c, i) => ({ transaction_id: `T${i}`, channel: c }))));
    expect(columnOf(out, 'channel_group')).toEqual(['Digital', 'Digital', 'Physical', 'Other', 'Other', 'Other', 'Other', 'Other']);
  });

  it('flags a discount only when discount_amount > 0, and rates it as discount / subtotal (null for a 0 subtotal), else 0', () => {
    const out = build(
      completed([
        { transaction_id: 'ten percent', subtotal: 200, discount_amount: 20 },
        { transaction_id: 'tiny', subtotal: 100, discount_amount: 0.01 },
        { transaction_id: 'zero', subtotal: 200, discount_amount: 0 },
        { transaction_id: 'negative', subtotal: 200, discount_amount: -5 },
        { transaction_id: 'null discount', subtotal: 200, discount_amount: null },
        { transaction_id: 'zero subtotal', subtotal: 0, discount_amount: 5 },
        { transaction_id: 'null subtotal', subtotal: null, discount_amount: 5 },
        { transaction_id: 'zero both', subtotal: 0, discount_amount: 0 },
      ]),
    );
    expect(byKey(out, 'transaction_id', 'has_discount')).toEqual({
      'ten percent': 1,
      tiny: 1,
      zero: 0,
      negative: 0,
      'null discount': 0,
      'zero subtotal': 1,
      'null subtotal': 1,
      'zero both': 0,
    });
    expect(byKey(out, 'transaction_id', 'discount_rate')).toEqual({
      'ten percent': 0.1,
      tiny: 0.0001,
      zero: 0,
      negative: 0,
      'null discount': 0,
      'zero subtotal': null,
      'null subtotal': null,
      'zero both': 0,
    });
  });

  it('sizes orders by total_amount: below 50 Small, from 50 Medium, from 150 Large, from 300 XLarge, null when the total is null', () => {
    const totals: [string, number | null][] = [
      ['-10', -10],
      ['0', 0],
      ['49.99', 49.99],
      ['50', 50],
      ['149.99', 149.99],
      ['150', 150],
      ['299.99', 299.99],
      ['300', 300],
      ['null', null],
    ];
    const out = build(completed(totals.map(([id, t]) => ({ transaction_id: id, total_amount: t }))));
    expect(byKey(out, 'transaction_id', 'order_size_category')).toEqual({
      '-10': 'Small',
      '0': 'Small',
      '49.99': 'Small',
      '50': 'Medium',
      '149.99': 'Medium',
      '150': 'Large',
      '299.99': 'Large',
      '300': 'XLarge',
      null: null,
    });
  });

  it('keeps future-dated completed transactions', () => {
    const out = build(completed([{ transaction_id: 'T1', transaction_date: '2030-01-01 00:00:00' }]));
    expect(rowsOf(out)).toMatchObject([{ transaction_id: 'T1', transaction_date_only: '2030-01-01', transaction_year: 2030 }]);
  });

  it('passes the transaction columns through unchanged', () => {
    const row: LiteralRow = {
      transaction_id: 'T001',
      customer_id: 'C001',
      transaction_date: '2024-06-02 14:05:09',
      channel: 'store',
      store_id: 'S01',
      payment_method: 'credit_card',
      subtotal: 100,
      tax_amount: 8,
      discount_amount: 0,
      total_amount: 108,
      currency: 'USD',
      status: 'completed',
    };
    const [out] = rowsOf(build([row]));
    expect(out).toEqual({
      ...row,
      transaction_date_only: '2024-06-02',
      transaction_hour: 14,
      day_of_week: 1,
      transaction_month: 6,
      transaction_quarter: 2,
      transaction_year: 2024,
      channel_group: 'Physical',
      has_discount: 0,
      discount_rate: 0,
      order_size_category: 'Medium',
    });
  });
});
