/**
 * Vertical bars of categories split by series: stacked (each bar the category total, segments
 * per series) or grouped (one bar per series side by side), with a legend.
 */
import { formatCount } from './format';
import { ChartSize, ChartTitles, LegendItem, PAD, emptyNote, header, leftAxis, leftAxisWidth, legend } from './parts';
import { bandScale, linearScale, niceTicks } from './scale';
import { fitText, group, svgDocument, tag, text, tooltip } from './svg';
import { INK, TYPE, paletteColor } from './theme';

/** A series (one colour). */
export interface Series {
  readonly label: string;
  readonly color?: string;
}

/** Bars of categories by series. */
export interface StackedBarSpec extends ChartTitles, ChartSize {
  readonly categories: readonly string[];
  readonly series: readonly Series[];
  /** values[c][s]: the value of series s in category c. */
  readonly values: readonly (readonly number[])[];
  readonly mode?: 'stacked' | 'grouped';
  readonly categoryTitle: string;
  readonly valueTitle: string;
  readonly format?: (v: number) => string;
  readonly name?: string;
  readonly description?: string;
}

/** Renders stacked (default) or grouped vertical bars as an SVG document. */
export function stackedBarChart(spec: StackedBarSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 380;
  const mode = spec.mode ?? 'stacked';
  const fmt = spec.format ?? formatCount;
  const head = header(spec);
  const items: LegendItem[] = spec.series.map((s, i) => ({ label: s.label, color: s.color ?? paletteColor(i) }));
  const key = legend(items, PAD, head.bottom, width - 2 * PAD);
  const totals = spec.values.map((row) => row.reduce((a, b) => a + b, 0));
  const max = mode === 'stacked' ? Math.max(0, ...totals) : Math.max(0, ...spec.values.flat());
  // Headroom for the total labels above the bars.
  const ticks = niceTicks(0, max * 1.08, 5);
  const left = PAD + 18 + leftAxisWidth(ticks, fmt);
  const plot = { left, right: width - PAD, top: head.bottom + key.height + 18, bottom: height - PAD - 36 };
  const y = linearScale([0, ticks[ticks.length - 1] ?? 1], [plot.bottom, plot.top]);
  const x = bandScale(spec.categories.length, [plot.left, plot.right], 0.35);
  const body: string[] = [head.svg, key.svg, leftAxis(y, ticks, plot, fmt, spec.valueTitle)];
  if (max === 0) body.push(emptyNote(plot, 'No data'));
  const bars: string[] = [];
  spec.categories.forEach((category, c) => {
    const row = spec.values[c] ?? [];
    if (mode === 'stacked') {
      let base = 0;
      row.forEach((v, s) => {
        if (v <= 0) return;
        const y0 = y(base);
        const y1 = y(base + v);
        bars.push(tag('rect', { x: x.start(c), y: y1, width: x.bandwidth, height: y0 - y1, fill: items[s]!.color }, tooltip(`${category}, ${items[s]!.label}: ${fmt(v)}`)));
        base += v;
      });
      if (totals[c]! > 0) bars.push(text(x.center(c), y(totals[c]!) - 5, fmt(totals[c]!), { 'font-size': TYPE.tick, fill: INK.text, 'text-anchor': 'middle' }));
    } else {
      const inner = x.bandwidth / Math.max(1, row.length);
      row.forEach((v, s) => {
        if (v <= 0) return;
        const bx = x.start(c) + s * inner;
        bars.push(tag('rect', { x: bx + 1, y: y(v), width: Math.max(0, inner - 2), height: plot.bottom - y(v), fill: items[s]!.color }, tooltip(`${category}, ${items[s]!.label}: ${fmt(v)}`)));
      });
    }
  });
  body.push(group(bars, { class: 'bars' }));
  const labels = spec.categories.map((category, c) =>
    text(x.center(c), plot.bottom + 16, fitText(category, x.step, TYPE.label), { 'font-size': TYPE.label, fill: INK.text, 'text-anchor': 'middle' }),
  );
  labels.push(text((plot.left + plot.right) / 2, plot.bottom + 32, spec.categoryTitle, { 'font-size': TYPE.label, fill: INK.muted, 'text-anchor': 'middle' }));
  body.push(group(labels, { class: 'axis axis-x' }));
  return svgDocument({ width, height, title: spec.title, description: spec.description, name: spec.name }, body);
}
