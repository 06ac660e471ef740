/** Revenue (total spent) per segment: value segment by default, or the CRM customer segment. */
import { DataFrame } from '../engine/frame';
import { barChart } from './barChart';
import { OTHER_COLOR, VALUE_SEGMENT_ORDER, categoryLabel, valueSegmentColor } from './categories';
import { countBy, orderCategories, requireColumns, sumBy } from './data';
import { formatCount, formatMoney, formatMoneyCompact, formatPercent } from './format';
import { ChartSize } from './parts';
import { paletteColor } from './theme';

/** The segment columns revenue can be split by. */
export type RevenueSegment = 'value_segment' | 'customer_segment';

/**
 * Sum of `total_spent` per segment as horizontal bars, each with its share of all revenue.
 * @example display(revenueBySegmentChart(product, { by: 'customer_segment' }))
 */
export function revenueBySegmentChart(product: DataFrame, options: ChartSize & { title?: string; by?: RevenueSegment } = {}): string {
  const by = options.by ?? 'value_segment';
  requireColumns(product, [by, 'total_spent'], 'revenueBySegmentChart');
  const revenue = sumBy(product, by, 'total_spent');
  const customers = countBy(product, by);
  const total = [...revenue.values()].reduce((a, b) => a + b, 0);
  const order = orderCategories(revenue.keys(), by === 'value_segment' ? VALUE_SEGMENT_ORDER : [], { keepAbsent: by === 'value_segment' });
  const data = order.map((segment, i) => {
    const value = revenue.get(segment) ?? 0;
    return {
      label: categoryLabel(by, segment),
      value,
      color: by === 'value_segment' ? valueSegmentColor(segment) : segment === null ? OTHER_COLOR : paletteColor(i),
      note: `(${formatPercent(value, total)})`,
    };
  });
  const what = by === 'value_segment' ? 'value segment' : 'customer segment';
  return barChart({
    ...options,
    name: 'revenue-by-segment',
    title: options.title ?? `Revenue by ${what}`,
    subtitle: `${formatMoney(total)} spent by ${formatCount(product.numRows)} customers`,
    description: order.map((s) => `${categoryLabel(by, s)}: ${formatMoney(revenue.get(s) ?? 0)} from ${formatCount(customers.get(s) ?? 0)} customers`).join('; '),
    data,
    valueTitle: 'revenue (sum of total_spent)',
    format: formatMoneyCompact,
  });
}
