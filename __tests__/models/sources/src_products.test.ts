import srcProducts from '../../../src/models/sources/src_products';
import { CTX, LiteralRow, byKey, columnOf, daysAgo, expectGrain, lazy, products, rowsOf, run, schemaOf } from '../fixtures';

const build = (rows: readonly LiteralRow[]) => run(srcProducts.build({ products: lazy(products(rows)) }, CTX));
const active = (rows: readonly LiteralRow[]): LiteralRow[] => rows.map((r) => ({ status: 'active', ...r }));

describe('src_products', () => {
  it('has one row per active product: product_id is unique and never null', () => {
    const out = build(
      active([
        { product_id: 'P1', price: 10 },
        { product_id: 'P2', price: 20 },
        { product_id: 'P3', status: 'inactive' },
      ]),
    );
    expectGrain(out, srcProducts.key);
    expect(srcProducts.key).toEqual(['product_id']);
    expect(columnOf(out, 'product_id')).toEqual(['P1', 'P2']);
  });

  it("keeps only products whose status is exactly 'active' (not 'Active', 'ACTIVE', 'active ', 'inactive' or null)", () => {
    const statuses = ['active', 'Active', 'ACTIVE', 'active ', 'inactive', 'discontinued', '', null];
    const out = build(statuses.map((s, i) => ({ product_id: `P${i}`, status: s })));
    expect(columnOf(out, 'product_id')).toEqual(['P0']);
  });

  it('has the 13 input columns in input order, then gross_margin, margin_percent, days_since_launch, price_segment and category_group', () => {
    expect(schemaOf(build(active([{ product_id: 'P1' }])))).toEqual({
      product_id: 'string',
      product_name: 'string',
      category: 'string',
      subcategory: 'string',
      brand: 'string',
      price: 'float64',
      cost: 'float64',
      weight_kg: 'float64',
      dimensions: 'string',
      color: 'string',
      size: 'string',
      created_date: 'date',
      status: 'string',
      gross_margin: 'float64',
      margin_percent: 'float64',
      days_since_launch: 'int',
      price_segment: 'string',
      category_group: 'string',
    });
  });

  it('computes gross_margin = price - cost and margin_percent = (price - cost) / price, null when price is 0 or either is null', () => {
    const out = build(
      active([
        { product_id: 'normal', price: 80, cost: 60 },
        { product_id: 'loss', price: 50, cost: 75 },
        { product_id: 'free', price: 0, cost: 5 },
        { product_id: 'no cost', price: 10, cost: null },
        { product_id: 'no price', price: null, cost: 10 },
      ]),
    );
    expect(byKey(out, 'product_id', 'gross_margin')).toEqual({ normal: 20, loss: -25, free: -5, 'no cost': null, 'no price': null });
    expect(byKey(out, 'product_id', 'margin_percent')).toEqual({ normal: 0.25, loss: -0.5, free: null, 'no cost': null, 'no price': null });
  });

  it('counts days_since_launch in calendar days from created_date, null when unknown', () => {
    const out = build(
      active([
        { product_id: 'today', created_date: daysAgo(0) },
        { product_id: 'year', created_date: '2024-01-15' },
        { product_id: 'future', created_date: daysAgo(-10) },
        { product_id: 'unknown', created_date: null },
      ]),
    );
    expect(byKey(out, 'product_id', 'days_since_launch')).toEqual({ today: 0, year: 366, future: -10, unknown: null });
  });

  it('bands price: below 50 Budget, from 50 Mid-Range, from 150 Premium, from 300 Luxury, null when price is null', () => {
    const prices: [string, number | null][] = [
      ['0', 0],
      ['49.99', 49.99],
      ['50', 50],
      ['149.99', 149.99],
      ['150', 150],
      ['299.99', 299.99],
      ['300', 300],
      ['null', null],
    ];
    const out = build(active(prices.map(([id, p]) => ({ product_id: id, price: p }))));
    expect(byKey(out, 'product_id', 'price_segment')).toEqual({
      '0': 'Budget',
      '49.99': 'Budget',
      '50': 'Mid-Range',
      '149.99': 'Mid-Range',
      '150': 'Premium',
      '299.99': 'Premium',
      '300': 'Luxury',
      null: null,
    });
  });

  it('groups categories by exact, case-sensitive name; anything else (including null) is Other', () => {
    const groups: [string | null, string][] = [
      ['Electronics', 'Technology'],
      ['Computer', 'Technology'],
      ['Apparel', 'Fashion'],
      ['Footwear', 'Fashion'],
      ['Accessories', 'Fashion'],
      ['Home & Kitchen', 'Home'],
      ['Home & Garden', 'Home'],
      ['Home & Office', 'Home'],
      ['Sports & Fitness', 'Health & Fitness'],
      ['Health & Nutrition', 'Health & Fitness'],
      ['Beauty', 'Beauty & Personal Care'],
      ['Personal Care', 'Beauty & Personal Care'],
      ['electronics', 'Other'],
      ['Computers', 'Other'],
      ['Home & kitchen', 'Other'],
      [' Beauty', 'Other'],
      ['Toys', 'Other'],
      ['', 'Other'],
      [null, 'Other'],
    ];
    const out = build(active(groups.map(([category], i) => ({ product_id: `P${i}`, category }))));
    expect(columnOf(out, 'category_group')).toEqual(groups.map(([, group]) => group));
  });

  it('passes the product columns through unchanged', () => {
    const row: LiteralRow = {
      product_id: 'P001',
      product_name: 'Wireless Mouse',
      category: 'Electronics',
      subcategory: 'Mice',
      brand: 'Acme',
      price: 49.99,
      cost: 20,
      weight_kg: 0.1,
      dimensions: '10x5x3',
      color: 'Black',
      size: null,
      created_date: '2024-12-16',
      status: 'active',
    };
    const [out] = rowsOf(build([row]));
    expect(out).toEqual({
      ...row,
      gross_margin: 49.99 - 20,
      margin_percent: (49.99 - 20) / 49.99,
      days_since_launch: 30,
      price_segment: 'Budget',
      category_group: 'Technology',
    });
  });
});
