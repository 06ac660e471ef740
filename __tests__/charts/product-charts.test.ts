import { C360Error } from '../../src/errors';
import { DataFrame } from '../../src/engine/frame';
import {
  healthScoreHistogram,
  productCharts,
  revenueBySegmentChart,
  rfmHeatmap,
  statusBreakdownChart,
  valueSegmentByTierChart,
} from '../../src/charts';
import { elements, productFrame, svgTexts, svgTitles, xmlProblems, CHART_SCHEMA } from './fixtures';

/** Five customers, one of each kind the charts separate. */
const PRODUCT = productFrame([
  { customer_status: 'Active', loyalty_tier: 'Gold', value_segment: 'High Value', customer_segment: 'Premium', total_spent: 600, recency_score: 5, frequency_score: 3, monetary_score: 5 },
  { customer_status: 'Active', loyalty_tier: 'Bronze', value_segment: 'Low Value', customer_segment: 'Basic', total_spent: 100, recency_score: 5, frequency_score: 2, monetary_score: 2 },
  { customer_status: 'At Risk', loyalty_tier: 'Silver', value_segment: 'Medium Value', customer_segment: 'Premium', total_spent: 250, recency_score: 3, frequency_score: 2, monetary_score: 3 },
  { customer_status: 'Churned', loyalty_tier: null, value_segment: null, customer_segment: 'Basic', total_spent: 50, recency_score: 1, frequency_score: 2, monetary_score: 2 },
  { customer_status: 'Never Purchased', loyalty_tier: null, value_segment: null, customer_segment: null, total_spent: 0, recency_score: 1, frequency_score: 1, monetary_score: 1 },
]);

const EMPTY = DataFrame.empty(CHART_SCHEMA);

const CHARTS = [
  ['statusBreakdownChart', statusBreakdownChart],
  ['healthScoreHistogram', healthScoreHistogram],
  ['valueSegmentByTierChart', valueSegmentByTierChart],
  ['rfmHeatmap', rfmHeatmap],
  ['revenueBySegmentChart', revenueBySegmentChart],
] as const;

describe.each(CHARTS)('%s', (name, chart) => {
  it('returns a well-formed standalone SVG document with a title', () => {
    const svg = chart(PRODUCT);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(svgTitles(svg)[0]).not.toBe('');
  });

  it('gives the same bytes for the same frame', () => {
    expect(chart(PRODUCT)).toBe(chart(productFrame(PRODUCT.toRows())));
  });

  it('draws an empty frame without failing', () => {
    const svg = chart(EMPTY);
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('names the missing columns when the frame is not the product', () => {
    const other = DataFrame.fromColumns({ id: { type: 'string', values: ['a'] } });
    expect(() => chart(other)).toThrow(C360Error);
    expect(() => chart(other)).toThrow(new RegExp(`^${name} needs the column`));
  });

  it('uses no element ids, so several charts can share one page', () => {
    expect(chart(PRODUCT)).not.toMatch(/\sid="/);
  });
});

describe('statusBreakdownChart', () => {
  it('shows every status in business order with its count and share', () => {
    const texts = svgTexts(statusBreakdownChart(PRODUCT));
    const labels = ['Active', 'At Risk', 'Churned', 'Never Purchased'];
    expect(texts.filter((t) => labels.includes(t))).toEqual(labels);
    expect(texts).toEqual(expect.arrayContaining(['2 (40%)', '1 (20%)', '5 customers by days since their last purchase']));
  });

  it('keeps statuses with no customers as zero bars', () => {
    const onlyActive = productFrame([{ customer_status: 'Active' }]);
    expect(svgTexts(statusBreakdownChart(onlyActive))).toEqual(expect.arrayContaining(['Churned', '0 (0%)', '1 (100%)']));
  });

  it('takes a title and a size', () => {
    const svg = statusBreakdownChart(PRODUCT, { title: 'Status <today>', width: 500, height: 300 });
    expect(svg).toContain('width="500" height="300" viewBox="0 0 500 300"');
    expect(svg).toContain('Status &lt;today&gt;');
  });
});

describe('healthScoreHistogram', () => {
  it('puts each possible score (thirds from 1 to 5) in a bin of its own', () => {
    const bars = svgTitles(healthScoreHistogram(PRODUCT)).slice(1);
    // Scores: 4.33, 3, 2.67, 1.67, 1 (one customer each).
    expect(bars).toEqual(['0.83 to 1.17: 1', '1.5 to 1.83: 1', '2.5 to 2.83: 1', '2.83 to 3.17: 1', '4.17 to 4.5: 1']);
  });

  it('marks the average score', () => {
    expect(svgTexts(healthScoreHistogram(PRODUCT))).toContain('average 2.53');
  });
});

describe('valueSegmentByTierChart', () => {
  it('stacks the value segments of each tier, tiers by rank then customers without a tier', () => {
    const svg = valueSegmentByTierChart(PRODUCT);
    const texts = svgTexts(svg);
    expect(texts.filter((t) => ['Bronze', 'Silver', 'Gold', 'Platinum', 'No tier'].includes(t))).toEqual(['Bronze', 'Silver', 'Gold', 'Platinum', 'No tier']);
    expect(svgTitles(svg).slice(1)).toEqual(['Bronze, Low Value: 1', 'Silver, Medium Value: 1', 'Gold, High Value: 1', 'No tier, No loyalty record: 2']);
  });

  it('shows the legend in segment order', () => {
    const texts = svgTexts(valueSegmentByTierChart(PRODUCT));
    expect(texts.slice(2, 7)).toEqual(['Low Value', 'Medium Value', 'High Value', 'VIP', 'No loyalty record']);
  });

  it('draws the segments side by side in grouped mode', () => {
    const stacked = elements(valueSegmentByTierChart(PRODUCT), 'rect');
    const grouped = elements(valueSegmentByTierChart(PRODUCT, { mode: 'grouped' }), 'rect');
    const widest = (rects: Record<string, string>[]): number => Math.max(...rects.filter((r) => r.height !== '10').map((r) => Number(r.width)));
    expect(widest(grouped)).toBeLessThan(widest(stacked) / 2);
  });
});

describe('rfmHeatmap', () => {
  it('shows the average monetary score and the customers of each recency × frequency cell', () => {
    const titles = svgTitles(rfmHeatmap(PRODUCT));
    expect(titles).toContain('recency 5, frequency 3: 1 customers, average monetary score 5.00');
    expect(titles).toContain('recency 1, frequency 2: 1 customers, average monetary score 2.00');
    expect(titles).toContain('recency 2, frequency 2: no customers');
    expect(titles.filter((t) => t.endsWith('no customers'))).toHaveLength(25 - 5);
  });

  it('averages the monetary score over the customers of a cell', () => {
    const two = productFrame([
      { recency_score: 2, frequency_score: 4, monetary_score: 2 },
      { recency_score: 2, frequency_score: 4, monetary_score: 5 },
    ]);
    const texts = svgTexts(rfmHeatmap(two));
    expect(texts).toEqual(expect.arrayContaining(['3.5', '2 cust.']));
  });

  it('has a colour legend from 1 to 5', () => {
    const texts = svgTexts(rfmHeatmap(PRODUCT));
    expect(texts).toEqual(expect.arrayContaining(['avg monetary', '5', '3', '1', 'none']));
  });
});

describe('revenueBySegmentChart', () => {
  it('sums total_spent per value segment with each share of all revenue', () => {
    const texts = svgTexts(revenueBySegmentChart(PRODUCT));
    expect(texts).toEqual(expect.arrayContaining(['Low Value', '$100 (10%)', '$250 (25%)', '$600 (60%)', 'No loyalty record', '$50 (5%)', '$1,000.00 spent by 5 customers']));
  });

  it('splits by the CRM customer segment on request, escaping the values', () => {
    const odd = productFrame([
      { customer_segment: '<b>R&D</b>', total_spent: 10 },
      { customer_segment: 'Basic', total_spent: 30 },
    ]);
    const svg = revenueBySegmentChart(odd, { by: 'customer_segment' });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('&lt;b&gt;R&amp;D&lt;/b&gt;');
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['Revenue by customer segment', '<b>R&D</b>', 'Basic']));
  });
});

describe('productCharts', () => {
  it('returns the five charts with names matching their SVG data-chart attribute', () => {
    const charts = productCharts(PRODUCT);
    expect(charts.map((c) => c.name)).toEqual(['status-breakdown', 'health-score-histogram', 'value-segment-by-tier', 'rfm-heatmap', 'revenue-by-segment']);
    for (const c of charts) expect(c.svg).toContain(`data-chart="${c.name}"`);
  });
});
