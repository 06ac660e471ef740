import { DataFrame } from '../../src/engine/frame';
import { fixed2, reportLines, roundHalfUp, summarize } from '../../src/report/summary';
import { LiteralRow, customers, daysAgoAt, literalFrame, loyaltyProgram, products, runModels, transactionItems, transactions } from '../models/fixtures';

/** The data product's schema, as customer_analytics_c360 declares it (built on empty inputs). */
const PRODUCT_SCHEMA = runModels({}).customer_analytics_c360.schema;

/** A product frame from partial rows (unspecified columns null). */
const product = (rows: readonly LiteralRow[]): DataFrame => literalFrame(PRODUCT_SCHEMA, rows, 'customer_analytics_c360');

describe('summarize', () => {
  it('counts customers, sums revenue, counts Active and At Risk statuses, counts the churn-risk flag and averages health', () => {
    const s = summarize(
      product([
        { customer_id: 'C1', customer_status: 'Active', churn_risk_flag: 0, total_spent: 100.5, customer_health_score: 5 },
        { customer_id: 'C2', customer_status: 'At Risk', churn_risk_flag: 1, total_spent: 20.25, customer_health_score: 3 },
        { customer_id: 'C3', customer_status: 'Churned', churn_risk_flag: 1, total_spent: 0.25, customer_health_score: 2 },
        { customer_id: 'C4', customer_status: 'Never Purchased', churn_risk_flag: 0, total_spent: 0, customer_health_score: 1 },
      ]),
    );
    expect(s).toMatchObject({
      totalCustomers: 4,
      totalRevenue: 121,
      activeCustomers: 1,
      atRiskStatusCustomers: 1,
      churnRiskCustomers: 2,
      averageHealthScore: 11 / 4,
    });
  });

  it('picks the top customer by highest health score first, whatever the row order', () => {
    const s = summarize(
      product([
        { customer_id: 'C1', customer_health_score: 3, total_spent: 9000 },
        { customer_id: 'C2', customer_health_score: 13 / 3, total_spent: 10 },
        { customer_id: 'C3', customer_health_score: 4, total_spent: 5000 },
      ]),
    );
    expect(s.topCustomer).toMatchObject({ customerId: 'C2', healthScore: 13 / 3, totalSpent: 10 });
  });

  it('breaks a tie on health score by the highest total_spent', () => {
    const s = summarize(
      product([
        { customer_id: 'C1', customer_health_score: 4, total_spent: 500 },
        { customer_id: 'C2', customer_health_score: 4, total_spent: 500.01 },
        { customer_id: 'C0', customer_health_score: 4, total_spent: 499.99 },
      ]),
    );
    expect(s.topCustomer?.customerId).toBe('C2');
  });

  it('breaks a tie on health score and total_spent by the smallest customer_id, in code-unit order (C10 before C2)', () => {
    const s = summarize(
      product([
        { customer_id: 'C2', customer_health_score: 4, total_spent: 500 },
        { customer_id: 'C3', customer_health_score: 4, total_spent: 500 },
        { customer_id: 'C10', customer_health_score: 4, total_spent: 500 },
        { customer_id: 'C1', customer_health_score: 3.99, total_spent: 500 },
      ]),
    );
    expect(s.topCustomer?.customerId).toBe('C10');
  });

  it('takes the top customer name, tier, total spent and health score from its row', () => {
    const s = summarize(
      product([
        { customer_id: 'CUST009', first_name: 'Lisa', last_name: 'Anderson', loyalty_tier: 'Platinum', total_spent: 1019.98, customer_health_score: 8 / 3 },
        { customer_id: 'CUST001', first_name: 'Ann', last_name: 'Lee', loyalty_tier: 'Bronze', total_spent: 50, customer_health_score: 2 },
      ]),
    );
    expect(s.topCustomer).toEqual({ customerId: 'CUST009', firstName: 'Lisa', lastName: 'Anderson', loyaltyTier: 'Platinum', totalSpent: 1019.98, healthScore: 8 / 3 });
  });

  it('gives the first five rows as sample records: id, name, segment, tier, total_spent and status', () => {
    const rows = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'].map((id, i) => ({
      customer_id: id,
      first_name: `F${i}`,
      last_name: `L${i}`,
      customer_segment: 'Regular',
      loyalty_tier: i === 0 ? null : 'Gold',
      total_spent: i * 10,
      customer_status: 'Churned',
    }));
    const s = summarize(product(rows));
    expect(s.sample).toHaveLength(5);
    expect(s.sample[0]).toEqual({ customer_id: 'C1', name: 'F0 L0', customer_segment: 'Regular', loyalty_tier: null, total_spent: 0, customer_status: 'Churned' });
    expect(s.sample.map((r) => r.customer_id)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
  });

  it('has no average and no top customer for an empty product', () => {
    const s = summarize(product([]));
    expect(s).toMatchObject({ totalCustomers: 0, totalRevenue: 0, activeCustomers: 0, averageHealthScore: null, topCustomer: null, sample: [] });
  });
});

describe('roundHalfUp', () => {
  it('rounds to 2 decimals half up on the decimal text of the number, so 1.005 -> 1.01 and 2.675 -> 2.68', () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(2.675, 2)).toBe(2.68);
    expect(roundHalfUp(0.125, 2)).toBe(0.13);
    expect(roundHalfUp(0.124999, 2)).toBe(0.12);
    expect(roundHalfUp(1.8666666666666667, 2)).toBe(1.87);
    expect(roundHalfUp(2.6666666666666665, 2)).toBe(2.67);
    expect(roundHalfUp(1019.98, 2)).toBe(1019.98);
  });

  it('rounds a negative half away from zero (-1.005 -> -1.01)', () => {
    expect(roundHalfUp(-1.005, 2)).toBe(-1.01);
    expect(roundHalfUp(-0.005, 2)).toBe(-0.01);
  });

  it('rounds numbers whose shortest text has an exponent (float residues such as 5.55e-17)', () => {
    expect(roundHalfUp(1e-7, 2)).toBe(0);
    expect(roundHalfUp(5.551115123125783e-17, 2)).toBe(0);
    expect(roundHalfUp(0.1 + 0.2 - 0.3, 2)).toBe(0);
    expect(roundHalfUp(1.5e-2, 2)).toBe(0.02);
  });
});

describe('fixed2', () => {
  it('prints exactly two decimals, rounded half up', () => {
    expect([5, 0, 1.005, 2.675, 1.8666666666666667, 1019.98, 1234567.891, 1e-7, 0.1 + 0.2 - 0.3, -0.001].map(fixed2)).toEqual([
      '5.00',
      '0.00',
      '1.01',
      '2.68',
      '1.87',
      '1019.98',
      '1234567.89',
      '0.00',
      '0.00',
      '0.00',
    ]);
  });
});

describe('reportLines', () => {
  it('prints the Pipeline Summary line: total customers, Active, churn-risk flag count (At Risk and Churned) and average health to 2 decimals', () => {
    const s = summarize(
      product([
        { customer_id: 'C1', customer_status: 'Active', churn_risk_flag: 0, total_spent: 10, customer_health_score: 13 / 3 },
        { customer_id: 'C2', customer_status: 'At Risk', churn_risk_flag: 1, total_spent: 10, customer_health_score: 1 },
        { customer_id: 'C3', customer_status: 'Churned', churn_risk_flag: 1, total_spent: 10, customer_health_score: 1 },
      ]),
    );
    expect(reportLines(s).summary[0]).toBe('Pipeline Summary: 3 total customers, 1 active, 2 at risk, 2.11 avg health score');
  });

  it('prints the Top Customer line: name, id, tier, money and health score to 2 decimals', () => {
    const s = summarize(
      product([
        { customer_id: 'CUST009', first_name: 'Lisa', last_name: 'Anderson', loyalty_tier: 'Platinum', total_spent: 1019.98, customer_health_score: 8 / 3 },
        { customer_id: 'CUST001', first_name: 'Ann', last_name: 'Lee', loyalty_tier: 'Bronze', total_spent: 5000, customer_health_score: 2 },
      ]),
    );
    expect(reportLines(s).summary[1]).toBe('Top Customer: Lisa Anderson (CUST009) - Platinum tier, $1019.98 spent, 2.67 health score');
  });

  it("prints money with two decimals even when whole, and 'No tier' for a top customer without a loyalty tier", () => {
    const s = summarize(product([{ customer_id: 'C1', first_name: 'Ann', last_name: 'Lee', loyalty_tier: null, total_spent: 1000, customer_health_score: 5 }]));
    expect(reportLines(s).summary[1]).toBe('Top Customer: Ann Lee (C1) - No tier, $1000.00 spent, 5.00 health score');
  });

  it("prints 'n/a' and 'none' for an empty product", () => {
    expect(reportLines(summarize(product([]))).summary).toEqual(['Pipeline Summary: 0 total customers, 0 active, 0 at risk, n/a avg health score', 'Top Customer: none']);
  });

  it('prints the validation figures: total customers, revenue to 2 decimals, Active and At Risk (status) customers, then the sample records', () => {
    const s = summarize(
      product([
        { customer_id: 'C1', customer_status: 'At Risk', churn_risk_flag: 1, total_spent: 0.1, customer_health_score: 2 },
        { customer_id: 'C2', customer_status: 'Churned', churn_risk_flag: 1, total_spent: 0.2, customer_health_score: 1 },
      ]),
    );
    const { validation } = reportLines(s);
    expect(validation.slice(0, 5)).toEqual(['Total customers: 2', 'Total revenue: $0.30', 'Active customers: 0', 'At-risk customers: 1', 'Sample records:']);
    expect(validation).toHaveLength(5 + 1 + 2);
    expect(validation[5]).toMatch(/customer_id\s+name\s+segment\s+tier\s+total_spent\s+status/);
    expect(validation[6]).toMatch(/^\s*C1\b.*\b0\.10\s+At Risk$/);
    expect(validation[7]).toMatch(/^\s*C2\b.*\b0\.20\s+Churned$/);
  });

  it('reports on the product the models build: Active, At Risk and Churned customers and the top customer', () => {
    const buyers: [string, number, number][] = [
      ['C1', 5, 600],
      ['C2', 45, 1000],
      ['C3', 200, 40],
    ];
    const outputs = runModels({
      customers: customers([
        { customer_id: 'C1', first_name: 'Ann', last_name: 'Lee', email: 'a@x.com' },
        { customer_id: 'C2', first_name: 'Bo', last_name: 'Kim', email: 'b@x.com' },
        { customer_id: 'C3', first_name: 'Cy', last_name: 'Ng', email: 'c@x.com' },
        { customer_id: 'C4', first_name: 'Di', last_name: 'Ox', email: 'd@x.com' },
        { customer_id: 'C5', first_name: 'No', last_name: 'Mail', email: '' },
      ]),
      loyalty: loyaltyProgram([{ customer_id: 'C2', loyalty_tier: 'Gold', lifetime_value: 3000 }]),
      products: products([{ product_id: 'P1', category: 'Electronics', brand: 'Acme', status: 'active' }]),
      transactions: transactions(
        buyers.map(([c, days, amount]) => ({ transaction_id: `T-${c}`, customer_id: c, transaction_date: daysAgoAt(days, '12:00:00'), total_amount: amount, status: 'completed' })),
      ),
      items: transactionItems(buyers.map(([c]) => ({ item_id: `I-${c}`, transaction_id: `T-${c}`, product_id: 'P1', quantity: 1 }))),
    });
    const s = summarize(outputs.customer_analytics_c360);
    // Health: C1 (5 + 2 + 4) / 3, C2 (4 + 2 + 5) / 3, C3 (1 + 2 + 1) / 3, C4 (1 + 1 + 1) / 3: mean 29 / 12.
    expect(s).toMatchObject({ totalCustomers: 4, totalRevenue: 1640, activeCustomers: 1, atRiskStatusCustomers: 1, churnRiskCustomers: 2 });
    expect(reportLines(s).summary).toEqual([
      'Pipeline Summary: 4 total customers, 1 active, 2 at risk, 2.42 avg health score',
      'Top Customer: Bo Kim (C2) - Gold tier, $1000.00 spent, 3.67 health score',
    ]);
  });
});
