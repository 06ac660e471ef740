import { DataFrame } from '../../../src/engine/frame';
import intCustomerTransactions from '../../../src/models/intermediates/int_customer_transactions';
import srcCustomers from '../../../src/models/sources/src_customers';
import srcProducts from '../../../src/models/sources/src_products';
import srcTransactions from '../../../src/models/sources/src_transactions';
import { CTX, LiteralRow, byKey, columnOf, customers, expectGrain, lazy, products, rowWhere, rowsOf, run, schemaOf, transactionItems, transactions } from '../fixtures';

interface Inputs {
  readonly customers?: readonly LiteralRow[];
  readonly products?: readonly LiteralRow[];
  readonly transactions: readonly LiteralRow[];
  readonly items: readonly LiteralRow[];
}

const CUSTOMERS: readonly LiteralRow[] = [
  { customer_id: 'C1', first_name: 'Ann', last_name: 'Lee', email: 'ann@x.com', customer_segment: 'Premium', preferred_channel: 'online', date_of_birth: '2000-01-15', registration_date: '2024-12-16 10:00:00' },
  { customer_id: 'C2', first_name: 'Bob', last_name: 'Ng', email: 'bob@x.com', customer_segment: 'Regular', preferred_channel: 'store', date_of_birth: null, registration_date: null },
];

const PRODUCTS: readonly LiteralRow[] = [
  { product_id: 'P1', category: 'Electronics', brand: 'Acme', price: 100, status: 'active' },
  { product_id: 'P2', category: 'Apparel', brand: 'Zed', price: 50, status: 'active' },
  { product_id: 'P3', category: 'Electronics', brand: 'Acme', price: 30, status: 'active' },
  { product_id: 'P4', category: 'Beauty', brand: 'Glow', price: 20, status: 'inactive' },
  { product_id: 'P5', category: null, brand: null, price: 5, status: 'active' },
];

/** Runs the upstream source models on literals, then int_customer_transactions' build on their outputs. */
function build(inputs: Inputs): DataFrame {
  const customerFrame = run(srcCustomers.build({ customers: lazy(customers(inputs.customers ?? CUSTOMERS)) }, CTX));
  const productFrame = run(srcProducts.build({ products: lazy(products(inputs.products ?? PRODUCTS)) }, CTX));
  const transactionFrame = run(srcTransactions.build({ transactions: lazy(transactions(inputs.transactions)) }, CTX));
  return run(
    intCustomerTransactions.build(
      { transactions: lazy(transactionFrame), items: lazy(transactionItems(inputs.items)), products: lazy(productFrame), customers: lazy(customerFrame) },
      CTX,
    ),
  );
}

const tx = (id: string, customer: string | null, extra: LiteralRow = {}): LiteralRow => ({
  transaction_id: id,
  customer_id: customer,
  transaction_date: '2024-06-02 14:00:00',
  channel: 'online',
  total_amount: 100,
  status: 'completed',
  ...extra,
});

const item = (id: string, transaction: string | null, product: string, extra: LiteralRow = {}): LiteralRow => ({
  item_id: id,
  transaction_id: transaction,
  product_id: product,
  quantity: 1,
  unit_price: 10,
  ...extra,
});

describe('int_customer_transactions', () => {
  it('has one row per transaction: transaction_id is unique and never null, however many items a transaction has', () => {
    const out = build({
      transactions: [tx('T1', 'C1'), tx('T2', 'C2'), tx('T3', 'C1')],
      items: [item('I1', 'T1', 'P1'), item('I2', 'T1', 'P2'), item('I3', 'T1', 'P1'), item('I4', 'T2', 'P3'), item('I5', 'T3', 'P1'), item('I6', null, 'P1')],
    });
    expectGrain(out, intCustomerTransactions.key);
    expect(intCustomerTransactions.key).toEqual(['transaction_id']);
    expect(out.numRows).toBe(3);
  });

  it('has the columns of the spec, in order', () => {
    const out = build({ transactions: [tx('T1', 'C1')], items: [item('I1', 'T1', 'P1')] });
    expect(schemaOf(out)).toEqual({
      customer_id: 'string',
      first_name: 'string',
      last_name: 'string',
      email: 'string',
      customer_segment: 'string',
      preferred_channel: 'string',
      generation_segment: 'string',
      age_years: 'float64',
      days_since_registration: 'int',
      transaction_id: 'string',
      transaction_date: 'timestamp',
      channel: 'string',
      channel_group: 'string',
      total_amount: 'float64',
      discount_amount: 'float64',
      order_size_category: 'string',
      items_purchased: 'int',
      total_quantity: 'int',
      avg_item_price: 'float64',
      unique_categories: 'int',
      unique_brands: 'int',
      purchased_category_groups: 'list<string>',
      purchased_brands: 'list<string>',
      transaction_hour: 'int',
      day_of_week: 'int',
      transaction_month: 'int',
      transaction_quarter: 'int',
      transaction_year: 'int',
      used_preferred_channel: 'int',
    });
  });

  it('aggregates the items of a transaction: item rows, quantity, mean unit price, distinct categories and brands, sorted lists that keep duplicates', () => {
    const out = build({
      transactions: [tx('T1', 'C1')],
      items: [
        item('I1', 'T1', 'P2', { quantity: 1, unit_price: 50 }),
        item('I2', 'T1', 'P1', { quantity: 2, unit_price: 100 }),
        item('I3', 'T1', 'P3', { quantity: 1, unit_price: 30 }),
        item('I4', 'T1', 'P1', { quantity: 1, unit_price: 90 }),
      ],
    });
    expect(rowsOf(out)).toMatchObject([
      {
        transaction_id: 'T1',
        items_purchased: 4,
        total_quantity: 5,
        avg_item_price: 67.5,
        unique_categories: 2,
        unique_brands: 2,
        purchased_category_groups: ['Fashion', 'Technology', 'Technology', 'Technology'],
        purchased_brands: ['Acme', 'Acme', 'Acme', 'Zed'],
      },
    ]);
  });

  it('leaves items of inactive products out of the aggregates', () => {
    const out = build({
      transactions: [tx('T1', 'C1')],
      items: [item('I1', 'T1', 'P1', { quantity: 2, unit_price: 100 }), item('I2', 'T1', 'P4', { quantity: 7, unit_price: 20 })],
    });
    expect(rowsOf(out)).toMatchObject([
      { transaction_id: 'T1', items_purchased: 1, total_quantity: 2, avg_item_price: 100, unique_categories: 1, unique_brands: 1, purchased_category_groups: ['Technology'], purchased_brands: ['Acme'] },
    ]);
  });

  it('drops a transaction whose items are all of inactive products', () => {
    const out = build({ transactions: [tx('T1', 'C1'), tx('T2', 'C1')], items: [item('I1', 'T1', 'P4'), item('I2', 'T1', 'P4'), item('I3', 'T2', 'P1')] });
    expect(columnOf(out, 'transaction_id')).toEqual(['T2']);
  });

  it('drops a transaction that has no items', () => {
    const out = build({ transactions: [tx('T1', 'C1'), tx('T2', 'C1')], items: [item('I1', 'T2', 'P1')] });
    expect(columnOf(out, 'transaction_id')).toEqual(['T2']);
  });

  it('leaves items of unknown products (or with a null product_id) out, and drops a transaction that has only such items', () => {
    const out = build({
      transactions: [tx('T1', 'C1'), tx('T2', 'C1')],
      items: [item('I1', 'T1', 'P1'), item('I2', 'T1', 'NOPE'), item('I3', 'T2', 'NOPE'), { item_id: 'I4', transaction_id: 'T2', product_id: null, quantity: 1, unit_price: 1 }],
    });
    expect(rowsOf(out)).toMatchObject([{ transaction_id: 'T1', items_purchased: 1 }]);
  });

  it('ignores items that belong to no known transaction', () => {
    const out = build({ transactions: [tx('T1', 'C1')], items: [item('I1', 'T1', 'P1'), item('I2', 'T9', 'P1'), { item_id: 'I3', transaction_id: null, product_id: 'P1' }] });
    expect(rowsOf(out)).toMatchObject([{ transaction_id: 'T1', items_purchased: 1 }]);
  });

  it('drops orphan transactions: an unknown customer_id or a null one', () => {
    const out = build({
      transactions: [tx('T1', 'C1'), tx('T2', 'C404'), tx('T3', null)],
      items: [item('I1', 'T1', 'P1'), item('I2', 'T2', 'P1'), item('I3', 'T3', 'P1')],
    });
    expect(columnOf(out, 'transaction_id')).toEqual(['T1']);
  });

  it('drops a completed transaction whose transaction_id is null (its items cannot be matched to it)', () => {
    const out = build({
      transactions: [tx('T1', 'C1'), { ...tx('T2', 'C1'), transaction_id: null }],
      items: [item('I1', 'T1', 'P1'), item('I2', null, 'P1')],
    });
    expect(columnOf(out, 'transaction_id')).toEqual(['T1']);
  });

  it("drops transactions that are not 'completed', even when they have items", () => {
    const out = build({
      transactions: [tx('T1', 'C1'), tx('T2', 'C1', { status: 'pending' }), tx('T3', 'C1', { status: 'Completed' })],
      items: [item('I1', 'T1', 'P1'), item('I2', 'T2', 'P1'), item('I3', 'T3', 'P1')],
    });
    expect(columnOf(out, 'transaction_id')).toEqual(['T1']);
  });

  it('skips null quantities, prices, brands and categories in the aggregates; a null category still counts as category group Other', () => {
    const out = build({
      transactions: [tx('T1', 'C1')],
      items: [item('I1', 'T1', 'P1', { quantity: 3, unit_price: 100 }), item('I2', 'T1', 'P5', { quantity: null, unit_price: null })],
    });
    expect(rowsOf(out)).toMatchObject([
      {
        items_purchased: 2,
        total_quantity: 3,
        avg_item_price: 100,
        unique_categories: 1,
        unique_brands: 1,
        purchased_category_groups: ['Other', 'Technology'],
        purchased_brands: ['Acme'],
      },
    ]);
  });

  it('takes the customer attributes from the deduplicated customer (latest registration)', () => {
    const out = build({
      customers: [
        { customer_id: 'C1', first_name: 'Old', email: 'old@x.com', preferred_channel: 'store', registration_date: '2020-01-01 00:00:00' },
        { customer_id: 'C1', first_name: 'New', email: 'new@x.com', preferred_channel: 'online', registration_date: '2024-01-01 00:00:00' },
      ],
      transactions: [tx('T1', 'C1', { channel: 'online' })],
      items: [item('I1', 'T1', 'P1')],
    });
    expect(rowsOf(out)).toMatchObject([{ customer_id: 'C1', first_name: 'New', email: 'new@x.com', preferred_channel: 'online', used_preferred_channel: 1 }]);
  });

  it('carries the customer and transaction columns through', () => {
    const out = build({
      transactions: [tx('T1', 'C1', { transaction_date: '2024-06-02 23:59:59', channel: 'mobile', total_amount: 150, discount_amount: 5 })],
      items: [item('I1', 'T1', 'P1')],
    });
    expect(rowWhere(out, 'transaction_id', 'T1')).toMatchObject({
      customer_id: 'C1',
      first_name: 'Ann',
      last_name: 'Lee',
      email: 'ann@x.com',
      customer_segment: 'Premium',
      preferred_channel: 'online',
      generation_segment: 'Millennial',
      age_years: 9132 / 365.25,
      days_since_registration: 30,
      transaction_date: '2024-06-02 23:59:59',
      channel: 'mobile',
      channel_group: 'Digital',
      total_amount: 150,
      discount_amount: 5,
      order_size_category: 'Large',
      transaction_hour: 23,
      day_of_week: 1,
      transaction_month: 6,
      transaction_quarter: 2,
      transaction_year: 2024,
      used_preferred_channel: 0,
    });
  });

  it('keeps null customer attributes of a known customer (no date of birth, no registration)', () => {
    const out = build({ transactions: [tx('T1', 'C2')], items: [item('I1', 'T1', 'P1')] });
    expect(rowsOf(out)).toMatchObject([{ customer_id: 'C2', age_years: null, generation_segment: null, days_since_registration: null }]);
  });

  it('sets used_preferred_channel to 1 only when the channel equals the preferred channel exactly', () => {
    const out = build({
      customers: [
        { customer_id: 'online', preferred_channel: 'online' },
        { customer_id: 'store', preferred_channel: 'store' },
        { customer_id: 'case', preferred_channel: 'Online' },
        { customer_id: 'none', preferred_channel: null },
        { customer_id: 'no channel', preferred_channel: 'store' },
      ],
      transactions: [tx('T1', 'online', { channel: 'online' }), tx('T2', 'store', { channel: 'online' }), tx('T3', 'case', { channel: 'online' }), tx('T4', 'none', { channel: 'online' }), tx('T5', 'no channel', { channel: null })],
      items: ['T1', 'T2', 'T3', 'T4', 'T5'].map((t) => item(`I${t}`, t, 'P1')),
    });
    expect(byKey(out, 'customer_id', 'used_preferred_channel')).toEqual({ online: 1, store: 0, case: 0, none: 0, 'no channel': 0 });
  });
});
