/**
 * What a run reports about the product (spec section 4): the Spark demo's validation queries and
 * the two summary lines.
 */
import { DataFrame } from '../engine/frame';
import { STATUS } from '../models/rules';

/** The top customer: highest health score, then highest total spent, then smallest customer_id. */
export interface TopCustomer {
  readonly customerId: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly loyaltyTier: string | null;
  readonly totalSpent: number;
  readonly healthScore: number;
}

/** One of the five sample records. */
export interface SampleRecord {
  readonly customer_id: string | null;
  readonly name: string;
  readonly customer_segment: string | null;
  readonly loyalty_tier: string | null;
  readonly total_spent: number | null;
  readonly customer_status: string | null;
}

/** The figures a run reports. */
export interface PipelineSummary {
  readonly totalCustomers: number;
  readonly totalRevenue: number;
  readonly activeCustomers: number;
  /** Customers with status 'At Risk'. */
  readonly atRiskStatusCustomers: number;
  /** Customers with churn_risk_flag = 1 (At Risk or Churned): the summary line's "at risk". */
  readonly churnRiskCustomers: number;
  readonly averageHealthScore: number | null;
  readonly topCustomer: TopCustomer | null;
  readonly sample: readonly SampleRecord[];
}

/** `x * 10^k` by moving the decimal point of the shortest text of x (also when it has an exponent, as 1e-7 has). */
function shiftDecimal(x: number, k: number): number {
  const [mantissa, exponent = '0'] = String(x).split('e');
  return Number(`${mantissa}e${Number(exponent) + k}`);
}

/** Rounds half away from zero at `digits` decimals, on the shortest decimal text of the double. */
export function roundHalfUp(x: number, digits: number): number {
  const scaled = shiftDecimal(x, digits);
  const r = Math.sign(scaled) * Math.round(Math.abs(Number(scaled.toPrecision(15))));
  return shiftDecimal(r, -digits);
}

/** `x` with exactly two decimals, rounded half up. */
export function fixed2(x: number): string {
  return roundHalfUp(x, 2).toFixed(2);
}

/** Computes the summary figures of a product frame (customer_analytics_c360). */
export function summarize(product: DataFrame): PipelineSummary {
  const n = product.numRows;
  const id = product.column('customer_id');
  const spent = product.column('total_spent');
  const status = product.column('customer_status');
  const health = product.column('customer_health_score');
  const churn = product.column('churn_risk_flag');
  let revenue = 0;
  let active = 0;
  let atRisk = 0;
  let churnRisk = 0;
  let healthSum = 0;
  let healthCount = 0;
  let top = -1;
  const num = (c: typeof spent, i: number): number | null => {
    const v = c.get(i);
    return typeof v === 'number' ? v : null;
  };
  for (let i = 0; i < n; i++) {
    revenue += num(spent, i) ?? 0;
    const s = status.get(i);
    if (s === STATUS.active) active++;
    if (s === STATUS.atRisk) atRisk++;
    if (num(churn, i) === 1) churnRisk++;
    const h = num(health, i);
    if (h !== null) {
      healthSum += h;
      healthCount++;
    }
    if (top < 0 || better(i, top)) top = i;
  }
  function better(a: number, b: number): boolean {
    const ha = num(health, a) ?? -Infinity;
    const hb = num(health, b) ?? -Infinity;
    if (ha !== hb) return ha > hb;
    const sa = num(spent, a) ?? -Infinity;
    const sb = num(spent, b) ?? -Infinity;
    if (sa !== sb) return sa > sb;
    const ia = (id.get(a) as string | null) ?? '\uffff';
    const ib = (id.get(b) as string | null) ?? '\uffff';
    return ia < ib;
  }
  const str = (name: string, i: number): string | null => {
    const v = product.get(i, name);
    return typeof v === 'string' ? v : null;
  };
  const sample: SampleRecord[] = [];
  for (let i = 0; i < Math.min(5, n); i++) {
    sample.push({
      customer_id: str('customer_id', i),
      name: [str('first_name', i), str('last_name', i)].filter((x) => x !== null).join(' '),
      customer_segment: str('customer_segment', i),
      loyalty_tier: str('loyalty_tier', i),
      total_spent: num(spent, i),
      customer_status: str('customer_status', i),
    });
  }
  return {
    totalCustomers: n,
    totalRevenue: revenue,
    activeCustomers: active,
    atRiskStatusCustomers: atRisk,
    churnRiskCustomers: churnRisk,
    averageHealthScore: healthCount === 0 ? null : healthSum / healthCount,
    topCustomer:
      top < 0
        ? null
        : {
            customerId: str('customer_id', top) ?? '',
            firstName: str('first_name', top),
            lastName: str('last_name', top),
            loyaltyTier: str('loyalty_tier', top),
            totalSpent: num(spent, top) ?? 0,
            healthScore: num(health, top) ?? 0,
          },
    sample,
  };
}

/** The validation query results and the two summary lines, as text lines. */
export function reportLines(s: PipelineSummary): { validation: string[]; summary: [string, string] } {
  const validation = [
    `Total customers: ${s.totalCustomers}`,
    `Total revenue: $${fixed2(s.totalRevenue)}`,
    `Active customers: ${s.activeCustomers}`,
    `At-risk customers: ${s.atRiskStatusCustomers}`,
    'Sample records:',
    ...sampleTable(s.sample),
  ];
  const avg = s.averageHealthScore === null ? 'n/a' : fixed2(s.averageHealthScore);
  const top = s.topCustomer;
  const topLine =
    top === null
      ? 'Top Customer: none'
      : `Top Customer: ${[top.firstName, top.lastName].filter((x) => x !== null).join(' ')} (${top.customerId}) - ${top.loyaltyTier ?? 'No'} tier, $${fixed2(top.totalSpent)} spent, ${fixed2(top.healthScore)} health score`;
  return {
    validation,
    summary: [`Pipeline Summary: ${s.totalCustomers} total customers, ${s.activeCustomers} active, ${s.churnRiskCustomers} at risk, ${avg} avg health score`, topLine],
  };
}

function sampleTable(rows: readonly SampleRecord[]): string[] {
  const header = ['customer_id', 'name', 'segment', 'tier', 'total_spent', 'status'];
  const body = rows.map((r) => [
    r.customer_id ?? '',
    r.name,
    r.customer_segment ?? '',
    r.loyalty_tier ?? '',
    r.total_spent === null ? '' : fixed2(r.total_spent),
    r.customer_status ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [line(header), ...body.map(line)];
}
