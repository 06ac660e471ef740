/**
 * Charts rendered to SVG in Node, without a browser: the five charts of the product and the
 * generic charts they are built from. Each returns a standalone, deterministic SVG string.
 */
import { DataFrame } from '../engine/frame';
import { healthScoreHistogram } from './healthScoreHistogram';
import { revenueBySegmentChart } from './revenueBySegmentChart';
import { rfmHeatmap } from './rfmHeatmap';
import { statusBreakdownChart } from './statusBreakdownChart';
import { valueSegmentByTierChart } from './valueSegmentByTierChart';

export { statusBreakdownChart, healthScoreHistogram, valueSegmentByTierChart, rfmHeatmap, revenueBySegmentChart };
export type { RevenueSegment } from './revenueBySegmentChart';
export { barChart } from './barChart';
export type { BarChartSpec, BarDatum } from './barChart';
export { histogram, binValues } from './histogram';
export type { HistogramSpec, Bin } from './histogram';
export { stackedBarChart } from './stackedBarChart';
export type { StackedBarSpec, Series } from './stackedBarChart';
export { heatmap } from './heatmap';
export type { HeatmapSpec, HeatCell } from './heatmap';
export type { ChartSize } from './parts';

/** A chart of the product: its name (also the SVG's `data-chart`), title and SVG. */
export interface ProductChart {
  readonly name: string;
  readonly title: string;
  readonly svg: string;
}

/**
 * The five product charts, in the order the report shows them.
 * @example productCharts(models.customer_analytics_c360).forEach((c) => fs.writeFileSync(`${c.name}.svg`, c.svg))
 */
export function productCharts(product: DataFrame): ProductChart[] {
  return [
    { name: 'status-breakdown', title: 'Customer status', svg: statusBreakdownChart(product) },
    { name: 'health-score-histogram', title: 'Customer health score', svg: healthScoreHistogram(product) },
    { name: 'value-segment-by-tier', title: 'Value segment by loyalty tier', svg: valueSegmentByTierChart(product) },
    { name: 'rfm-heatmap', title: 'RFM heat map', svg: rfmHeatmap(product) },
    { name: 'revenue-by-segment', title: 'Revenue by value segment', svg: revenueBySegmentChart(product) },
  ];
}
