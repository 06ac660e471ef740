/** The RFM grid: customers by recency and frequency score, coloured by their average monetary score. */
import { col, count } from '../engine/expr';
import { DataFrame } from '../engine/frame';
import { aggregateBy, requireColumns } from './data';
import { formatCount } from './format';
import { HeatCell, heatmap } from './heatmap';
import { ChartSize } from './parts';

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * A 5 × 5 grid: recency score left to right, frequency score bottom to top; each cell shows the
 * average monetary score of its customers (its colour) and how many they are. Empty cells are grey.
 * @example display(rfmHeatmap(product))
 */
export function rfmHeatmap(product: DataFrame, options: ChartSize & { title?: string } = {}): string {
  requireColumns(product, ['recency_score', 'frequency_score', 'monetary_score'], 'rfmHeatmap');
  const groups = aggregateBy(product, ['recency_score', 'frequency_score'], { n: count(), monetary: col('monetary_score').mean() });
  const byCell = new Map(groups.map((g) => [`${String(g.keys[0])},${String(g.keys[1])}`, g.values]));
  const frequencies = [...SCORES].reverse();
  const cells: HeatCell[][] = frequencies.map((f) =>
    SCORES.map((r) => {
      const g = byCell.get(`${r},${f}`);
      const n = g?.n ?? 0;
      if (g === undefined || n === 0) return { value: null, hint: `recency ${r}, frequency ${f}: no customers` };
      const m = g.monetary;
      return {
        value: m,
        label: m === null ? '–' : m.toFixed(1),
        sublabel: `${formatCount(n)} cust.`,
        hint: `recency ${r}, frequency ${f}: ${formatCount(n)} customers, average monetary score ${m === null ? 'n/a' : m.toFixed(2)}`,
      };
    }),
  );
  return heatmap({
    ...options,
    name: 'rfm-heatmap',
    title: options.title ?? 'RFM: recency × frequency, coloured by monetary score',
    subtitle: `${formatCount(product.numRows)} customers; each cell: average monetary score and customers`,
    description: 'Rows: frequency score 5 (top) to 1; columns: recency score 1 to 5; colour: average monetary score from 1 to 5.',
    xs: SCORES.map(String),
    ys: frequencies.map(String),
    cells,
    domain: [1, 5],
    xTitle: 'recency score (5 = bought in the last 30 days)',
    yTitle: 'frequency score',
    legendTitle: 'avg monetary',
    legendFormat: (v) => String(v),
  });
}
