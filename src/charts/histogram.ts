/**
 * Histogram: counts of values in equal-width bins over a fixed domain, with an optional marker
 * line (e.g. the mean).
 */
import { ChartSize, ChartTitles, PAD, emptyNote, header, leftAxis, leftAxisWidth } from './parts';
import { linearScale, niceTicks } from './scale';
import { group, svgDocument, tag, text, tooltip } from './svg';
import { INK, TYPE } from './theme';
import { formatCount } from './format';

/** One bin: [x0, x1) (the last bin also holds x1). */
export interface Bin {
  readonly x0: number;
  readonly x1: number;
  readonly count: number;
}

/**
 * Counts values into bins of `binWidth` starting at `domain[0]`; values outside the domain and
 * non-finite values are left out.
 * @example binValues([1, 1.2, 2], [1, 3], 1) // [{x0:1,x1:2,count:2},{x0:2,x1:3,count:1}]
 */
export function binValues(values: Iterable<number>, domain: readonly [number, number], binWidth: number): Bin[] {
  const [lo, hi] = domain;
  if (!(binWidth > 0) || !(hi > lo)) throw new Error(`bins need a positive width and a non-empty domain, got width ${binWidth} over [${lo}, ${hi}]`);
  const n = Math.max(1, Math.round((hi - lo) / binWidth));
  const counts = new Array<number>(n).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v) || v < lo || v > hi) continue;
    // A small epsilon keeps values that sit on an edge (1/3 steps) in the upper bin despite rounding.
    const i = Math.min(n - 1, Math.floor((v - lo) / binWidth + 1e-9));
    counts[i]!++;
  }
  return counts.map((count, i) => ({ x0: lo + i * binWidth, x1: lo + (i + 1) * binWidth, count }));
}

/** A histogram. */
export interface HistogramSpec extends ChartTitles, ChartSize {
  readonly bins: readonly Bin[];
  readonly valueTitle: string;
  readonly countTitle: string;
  /** Where the value axis has labelled ticks; default nice ticks over the bins. */
  readonly valueTicks?: readonly number[];
  readonly valueFormat?: (v: number) => string;
  readonly color?: string;
  /** A vertical marker line with a label, e.g. the mean. */
  readonly marker?: { readonly value: number; readonly label: string };
  readonly name?: string;
  readonly description?: string;
}

/** Renders a histogram as an SVG document. */
export function histogram(spec: HistogramSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 360;
  const head = header(spec);
  const max = Math.max(0, ...spec.bins.map((b) => b.count));
  // A little headroom, so the tallest bar does not touch the top edge.
  const countTicks = niceTicks(0, max * 1.06, 5);
  const left = PAD + 18 + leftAxisWidth(countTicks, formatCount);
  const plot = { left, right: width - PAD, top: head.bottom + 14, bottom: height - PAD - 36 };
  const lo = spec.bins[0]?.x0 ?? 0;
  const hi = spec.bins[spec.bins.length - 1]?.x1 ?? 1;
  const x = linearScale([lo, hi], [plot.left, plot.right]);
  const y = linearScale([0, countTicks[countTicks.length - 1] ?? 1], [plot.bottom, plot.top]);
  const fmt = spec.valueFormat ?? ((v: number): string => String(Number(v.toFixed(2))));
  const body: string[] = [head.svg, leftAxis(y, countTicks, plot, formatCount, spec.countTitle)];
  const valueTicks = spec.valueTicks ?? niceTicks(lo, hi, 6).filter((t) => t >= lo - 1e-9 && t <= hi + 1e-9);
  const axis = valueTicks.flatMap((t) => [
    tag('line', { x1: x(t), x2: x(t), y1: plot.bottom, y2: plot.bottom + 4, stroke: INK.axis }),
    text(x(t), plot.bottom + 16, fmt(t), { 'font-size': TYPE.tick, fill: INK.muted, 'text-anchor': 'middle' }),
  ]);
  axis.push(tag('line', { x1: plot.left, x2: plot.right, y1: plot.bottom, y2: plot.bottom, stroke: INK.axis }));
  axis.push(text((plot.left + plot.right) / 2, plot.bottom + 32, spec.valueTitle, { 'font-size': TYPE.label, fill: INK.muted, 'text-anchor': 'middle' }));
  body.push(group(axis, { class: 'axis axis-x' }));
  if (max === 0) body.push(emptyNote(plot, 'No values'));
  const gap = 1;
  const bars = spec.bins
    .filter((b) => b.count > 0)
    .map((b) => {
      const top = y(b.count);
      return tag(
        'rect',
        { x: x(b.x0) + gap, y: top, width: Math.max(0, x(b.x1) - x(b.x0) - 2 * gap), height: plot.bottom - top, fill: spec.color ?? '#4e79a7' },
        tooltip(`${fmt(b.x0)} to ${fmt(b.x1)}: ${formatCount(b.count)}`),
      );
    });
  body.push(group(bars, { class: 'bars' }));
  if (spec.marker !== undefined && spec.marker.value >= lo && spec.marker.value <= hi) {
    const mx = x(spec.marker.value);
    const anchor = mx > (plot.left + plot.right) / 2 ? 'end' : 'start';
    body.push(
      group(
        [
          tag('line', { x1: mx, x2: mx, y1: plot.top - 12, y2: plot.bottom, stroke: INK.text, 'stroke-width': 1.5, 'stroke-dasharray': '4 3' }),
          text(mx + (anchor === 'start' ? 5 : -5), plot.top - 3, spec.marker.label, { 'font-size': TYPE.tick, fill: INK.text, 'text-anchor': anchor }),
        ],
        { class: 'marker' },
      ),
    );
  }
  return svgDocument({ width, height, title: spec.title, description: spec.description, name: spec.name }, body);
}
