/** Customers by status (Active, At Risk, Churned, Never Purchased), with each one's share. */
import { DataFrame } from '../engine/frame';
import { barChart } from './barChart';
import { STATUS_COLORS, STATUS_ORDER, OTHER_COLOR, categoryLabel } from './categories';
import { countBy, orderCategories, requireColumns } from './data';
import { formatCount, formatPercent } from './format';
import { ChartSize } from './parts';

/**
 * Customers per `customer_status` as horizontal bars, every status shown (zero included).
 * @example fs.writeFileSync('status.svg', statusBreakdownChart(models.customer_analytics_c360))
 */
export function statusBreakdownChart(product: DataFrame, options: ChartSize & { title?: string } = {}): string {
  requireColumns(product, ['customer_status'], 'statusBreakdownChart');
  const counts = countBy(product, 'customer_status');
  const total = product.numRows;
  const data = orderCategories(counts.keys(), STATUS_ORDER, { keepAbsent: true }).map((status) => {
    const n = counts.get(status) ?? 0;
    return {
      label: categoryLabel('customer_status', status),
      value: n,
      color: (typeof status === 'string' ? STATUS_COLORS[status] : undefined) ?? OTHER_COLOR,
      note: `(${formatPercent(n, total)})`,
    };
  });
  return barChart({
    ...options,
    name: 'status-breakdown',
    title: options.title ?? 'Customer status',
    subtitle: `${formatCount(total)} customers by days since their last purchase`,
    description: data.map((d) => `${d.label}: ${formatCount(d.value)}`).join('; '),
    data,
    valueTitle: 'customers',
    format: formatCount,
  });
}
