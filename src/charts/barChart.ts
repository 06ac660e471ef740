/**
 * Horizontal bar chart: one labelled bar per category, values on a shared axis, a value label at
 * the end of each bar.
 */
import { ChartSize, ChartTitles, PAD, bottomAxis, emptyNote, header } from './parts';
import { bandScale, linearScale, niceTicks } from './scale';
import { fitText, group, svgDocument, tag, text, textWidth, tooltip } from './svg';
import { INK, TYPE, paletteColor } from './theme';

/** One bar. */
export interface BarDatum {
  readonly label: string;
  readonly value: number;
  /** Default: the palette colour of its position. */
  readonly color?: string;
  /** Text after the value label (e.g. a share: `(12.5%)`). */
  readonly note?: string;
}

/** A horizontal bar chart. */
export interface BarChartSpec extends ChartTitles, ChartSize {
  readonly data: readonly BarDatum[];
  /** Title of the value axis. */
  readonly valueTitle: string;
  /** Text of a value (bar labels and ticks). */
  readonly format: (value: number) => string;
  /** Text of an axis tick; default `format`. */
  readonly tickFormat?: (value: number) => string;
  /** The `data-chart` name of the document. */
  readonly name?: string;
  readonly description?: string;
}

/**
 * Renders a horizontal bar chart as an SVG document.
 * @example barChart({ title: 'Customers', data: [{ label: 'Active', value: 12 }], valueTitle: 'customers', format: String })
 */
export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? Math.max(220, 150 + 34 * spec.data.length);
  const head = header(spec);
  const labelWidth = Math.min(width * 0.35, Math.max(40, ...spec.data.map((d) => textWidth(d.label, TYPE.label))));
  const valueText = (d: BarDatum): string => (d.note === undefined ? spec.format(d.value) : `${spec.format(d.value)} ${d.note}`);
  const valueWidth = Math.max(30, ...spec.data.map((d) => textWidth(valueText(d), TYPE.label)));
  const plot = { left: PAD + labelWidth + 10, right: width - PAD - valueWidth - 8, top: head.bottom, bottom: height - PAD - 36 };
  const max = Math.max(0, ...spec.data.map((d) => d.value));
  const ticks = niceTicks(0, max, Math.max(2, Math.floor((plot.right - plot.left) / 90)));
  const x = linearScale([0, ticks[ticks.length - 1] ?? 1], [plot.left, plot.right]);
  const y = bandScale(spec.data.length, [plot.top, plot.bottom], 0.3);
  const tickFormat = spec.tickFormat ?? spec.format;
  const body: string[] = [head.svg, bottomAxis(x, ticks, plot, tickFormat, spec.valueTitle)];
  if (spec.data.length === 0) body.push(emptyNote(plot, 'No data'));
  const bars = spec.data.map((d, i) => {
    const top = y.start(i);
    const w = Math.max(0, x(Math.max(0, d.value)) - plot.left);
    const cy = y.center(i) + 4;
    return group(
      [
        text(plot.left - 10, cy, fitText(d.label, labelWidth, TYPE.label), { 'font-size': TYPE.label, fill: INK.text, 'text-anchor': 'end' }),
        tag('rect', { x: plot.left, y: top, width: w, height: y.bandwidth, rx: 2, fill: d.color ?? paletteColor(i) }, tooltip(`${d.label}: ${valueText(d)}`)),
        text(plot.left + w + 6, cy, valueText(d), { 'font-size': TYPE.label, fill: INK.text }),
      ],
      { class: 'bar' },
    );
  });
  body.push(group(bars, { class: 'bars' }));
  return svgDocument({ width, height, title: spec.title, description: spec.description, name: spec.name }, body);
}
