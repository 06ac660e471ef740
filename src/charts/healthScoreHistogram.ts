/** The distribution of the customer health score (1 to 5), with the average marked. */
import { DataFrame } from '../engine/frame';
import { binValues, histogram } from './histogram';
import { requireColumns } from './data';
import { formatCount } from './format';
import { ChartSize } from './parts';

/**
 * Customers per health score. The score is the mean of three whole scores from 1 to 5, so it
 * takes the values 1, 4/3, 5/3, ..., 5: each bin is one third wide and centred on one of them.
 * @example display(healthScoreHistogram(product))
 */
export function healthScoreHistogram(product: DataFrame, options: ChartSize & { title?: string } = {}): string {
  requireColumns(product, ['customer_health_score'], 'healthScoreHistogram');
  const column = product.column('customer_health_score');
  const values: number[] = [];
  for (let i = 0; i < column.length; i++) {
    const v = column.get(i);
    if (typeof v === 'number') values.push(v);
  }
  const third = 1 / 3;
  const bins = binValues(values, [1 - third / 2, 5 + third / 2], third);
  const mean = values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
  return histogram({
    ...options,
    name: 'health-score-histogram',
    title: options.title ?? 'Customer health score',
    subtitle: `${formatCount(values.length)} customers; score = (recency + frequency + monetary) / 3`,
    description: bins.map((b) => `${((b.x0 + b.x1) / 2).toFixed(2)}: ${b.count}`).join('; '),
    bins,
    valueTitle: 'health score',
    countTitle: 'customers',
    valueTicks: [1, 2, 3, 4, 5],
    valueFormat: (v) => String(Number(v.toFixed(2))),
    color: '#4e79a7',
    marker: mean === null ? undefined : { value: mean, label: `average ${mean.toFixed(2)}` },
  });
}
