/** Customers per loyalty tier, split by value segment. */
import { count } from '../engine/expr';
import { DataFrame } from '../engine/frame';
import { TIER_ORDER, VALUE_SEGMENT_ORDER, categoryLabel, valueSegmentColor } from './categories';
import { aggregateBy, orderCategories, requireColumns } from './data';
import { formatCount } from './format';
import { ChartSize } from './parts';
import { stackedBarChart } from './stackedBarChart';

/**
 * Customers per `loyalty_tier` (Bronze to Platinum, then no tier) stacked by `value_segment`
 * (Low Value to VIP); `mode: 'grouped'` puts the segments side by side.
 * @example display(valueSegmentByTierChart(product, { mode: 'grouped' }))
 */
export function valueSegmentByTierChart(product: DataFrame, options: ChartSize & { title?: string; mode?: 'stacked' | 'grouped' } = {}): string {
  requireColumns(product, ['loyalty_tier', 'value_segment'], 'valueSegmentByTierChart');
  const groups = aggregateBy(product, ['loyalty_tier', 'value_segment'], { n: count() });
  const tiers = orderCategories(
    groups.map((g) => g.keys[0]!),
    TIER_ORDER,
    { keepAbsent: true },
  );
  const segments = orderCategories(
    groups.map((g) => g.keys[1]!),
    VALUE_SEGMENT_ORDER,
    { keepAbsent: true },
  );
  const cell = new Map(groups.map((g) => [`${String(g.keys[0])}\u0000${String(g.keys[1])}`, g.values.n ?? 0]));
  const values = tiers.map((t) => segments.map((s) => cell.get(`${String(t)}\u0000${String(s)}`) ?? 0));
  return stackedBarChart({
    ...options,
    name: 'value-segment-by-tier',
    title: options.title ?? 'Value segment by loyalty tier',
    subtitle: `${formatCount(product.numRows)} customers by loyalty tier and lifetime value`,
    description: tiers.map((t, i) => `${categoryLabel('loyalty_tier', t)}: ${segments.map((s, j) => `${categoryLabel('value_segment', s)} ${values[i]![j]}`).join(', ')}`).join('; '),
    categories: tiers.map((t) => categoryLabel('loyalty_tier', t)),
    series: segments.map((s) => ({ label: categoryLabel('value_segment', s), color: valueSegmentColor(s) })),
    values,
    categoryTitle: 'loyalty tier',
    valueTitle: 'customers',
  });
}
