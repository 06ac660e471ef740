/**
 * The whole pipeline on the bundled sample (data/sample, as of 2025-01-15). The expected values
 * were worked out independently of c360: by hand for the rules, and with a separate plain-Python
 * implementation of the spec over the same CSV files, which agreed with c360 on every checked
 * column of all 296 product rows.
 */
import * as path from 'path';
import { runPipeline } from '../../src/dag/pipeline';
import { formatTimestamp } from '../../src/engine/format';
import { DataFrame } from '../../src/engine/frame';
import { reportLines } from '../../src/report/summary';

const SAMPLE = path.join(__dirname, '..', '..', 'data', 'sample');

function row(product: DataFrame, id: string): Record<string, unknown> {
  const ids = product.values('customer_id');
  const i = ids.indexOf(id);
  if (i < 0) throw new Error(`no product row for ${id}`);
  return product.toRows()[i]!;
}

describe('runPipeline on the bundled sample', () => {
  let result: Awaited<ReturnType<typeof runPipeline>>;
  let product: DataFrame;

  beforeAll(async () => {
    result = await runPipeline({ dataDir: SAMPLE, asOf: '2025-01-15', runTimestamp: '2025-01-15 06:00:00' });
    product = result.models['customer_analytics_c360']!;
  });

  it('succeeds for every model', () => {
    expect(result.results.success).toBe(true);
    expect(result.results.models.map((m) => [m.name, m.status])).toEqual([
      ['src_customers', 'success'],
      ['src_loyalty_program', 'success'],
      ['src_products', 'success'],
      ['src_transactions', 'success'],
      ['int_customer_transactions', 'success'],
      ['fct_customer_360_profile', 'success'],
      ['customer_analytics_c360', 'success'],
    ]);
  });

  it('prints the expected summary lines', () => {
    expect(reportLines(result.summary!).summary).toEqual([
      'Pipeline Summary: 296 total customers, 35 active, 224 at risk, 2.39 avg health score',
      'Top Customer: Rebecca Ward (CUST0000136) - Platinum tier, $9974.47 spent, 5.00 health score',
    ]);
  });

  it('deduplicates 305 CRM rows to 300 customers and keeps the 296 with an email', () => {
    expect(result.models['src_customers']!.numRows).toBe(300);
    expect(product.numRows).toBe(296);
    expect(new Set(product.values('customer_id')).size).toBe(296);
  });

  it('sorts customers into statuses as the rules say', () => {
    const counts: Record<string, number> = {};
    for (const s of product.values('customer_status')) counts[String(s)] = (counts[String(s)] ?? 0) + 1;
    expect(counts).toEqual({ Active: 35, 'At Risk': 52, Churned: 172, 'Never Purchased': 37 });
  });

  it('sets the malformed rows of the sample aside with their line numbers', () => {
    const byFile = Object.fromEntries(result.rejects.map((r) => [r.file, r.issues.map((i) => i.line)]));
    expect(byFile['sales/transactions.csv']).toEqual([127, 729]);
    expect(byFile['sales/transaction_items.csv']).toHaveLength(2);
  });

  it('gives a customer who never bought the lowest scores and no status risk', () => {
    expect(row(product, 'CUST0000001')).toMatchObject({
      customer_status: 'Never Purchased',
      total_transactions: 0,
      total_spent: 0,
      recency_score: 1,
      frequency_score: 1,
      monetary_score: 1,
      customer_health_score: 1,
      churn_risk_flag: 0,
      last_purchase_date: null,
      loyalty_tier: null,
      support_satisfaction_level: 'No Contact',
      generation_segment: 'Gen X',
    });
  });

  it('scores a churned customer with four orders over 1000 spent as 1, 3 and 5', () => {
    const r = row(product, 'CUST0000003');
    expect(r).toMatchObject({
      customer_status: 'Churned',
      total_transactions: 4,
      recency_score: 1,
      frequency_score: 3,
      monetary_score: 5,
      customer_health_score: 3,
      churn_risk_flag: 1,
      transactions_last_90d: 0,
      spent_last_90d: 0,
      generation_segment: 'Millennial',
      customer_tenure_segment: 'Veteran (1+ years)',
    });
    expect(r['total_spent']).toBeCloseTo(1314.9, 9);
    expect(formatTimestamp(r['last_purchase_date'] as number)).toBe('2024-03-08 10:21:21');
  });

  it('makes the most frequent recent Platinum buyer the top customer', () => {
    const r = row(product, 'CUST0000136');
    expect(r).toMatchObject({
      customer_status: 'Active',
      total_transactions: 58,
      recency_score: 5,
      frequency_score: 5,
      monetary_score: 5,
      customer_health_score: 5,
      loyalty_tier: 'Platinum',
      value_segment: 'VIP',
      transactions_last_90d: 9,
    });
    expect(r['total_spent']).toBeCloseTo(9974.47, 9);
    expect(r['spent_last_90d']).toBeCloseTo(1741.73, 9);
    expect(formatTimestamp(r['profile_created_at'] as number)).toBe('2025-01-15 06:00:00');
  });
});
