/**
 * Heat map: a grid of cells coloured by a value on a sequential ramp, each with an optional label,
 * and a stepped colour legend with its domain.
 */
import { ChartSize, ChartTitles, PAD, header } from './parts';
import { bandScale } from './scale';
import { group, svgDocument, tag, text, textWidth, tooltip } from './svg';
import { INK, TYPE, rampColor, textOn } from './theme';

/** One cell; `value` null draws an empty cell. */
export interface HeatCell {
  readonly value: number | null;
  /** Text in the cell (e.g. the value and a count); none when empty. */
  readonly label?: string;
  /** A second, smaller line of text. */
  readonly sublabel?: string;
  /** Tooltip text. */
  readonly hint?: string;
}

/** A heat map. */
export interface HeatmapSpec extends ChartTitles, ChartSize {
  /** Column labels, left to right. */
  readonly xs: readonly string[];
  /** Row labels, top to bottom. */
  readonly ys: readonly string[];
  /** cells[row][column]. */
  readonly cells: readonly (readonly HeatCell[])[];
  /** The value range of the colour ramp. */
  readonly domain: readonly [number, number];
  readonly xTitle: string;
  readonly yTitle: string;
  readonly legendTitle: string;
  readonly legendFormat?: (v: number) => string;
  readonly name?: string;
  readonly description?: string;
}

/** Renders a heat map as an SVG document. */
export function heatmap(spec: HeatmapSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 440;
  const head = header(spec);
  const fmt = spec.legendFormat ?? ((v: number): string => String(Number(v.toFixed(2))));
  const legendWidth = Math.max(70, textWidth(spec.legendTitle, TYPE.tick) + 8);
  const labelWidth = Math.max(...spec.ys.map((y) => textWidth(y, TYPE.label)), 10);
  const plot = { left: PAD + 22 + labelWidth + 8, right: width - PAD - legendWidth - 16, top: head.bottom + 4, bottom: height - PAD - 36 };
  const x = bandScale(spec.xs.length, [plot.left, plot.right], 0.06);
  const y = bandScale(spec.ys.length, [plot.top, plot.bottom], 0.06);
  const [d0, d1] = spec.domain;
  const t = (v: number): number => (d1 === d0 ? 0.5 : (v - d0) / (d1 - d0));
  const body: string[] = [head.svg];
  const cells: string[] = [];
  spec.ys.forEach((rowLabel, r) => {
    spec.xs.forEach((colLabel, c) => {
      const cell = spec.cells[r]?.[c] ?? { value: null };
      const fill = cell.value === null ? INK.empty : rampColor(t(cell.value));
      const parts = [tag('rect', { x: x.start(c), y: y.start(r), width: x.bandwidth, height: y.bandwidth, rx: 3, fill }, tooltip(cell.hint ?? `${rowLabel}, ${colLabel}`))];
      const ink = cell.value === null ? INK.faint : textOn(fill);
      const cx = x.center(c);
      const cy = y.center(r);
      if (cell.label !== undefined) {
        const dy = cell.sublabel === undefined ? 4 : -2;
        parts.push(text(cx, cy + dy, cell.label, { 'font-size': TYPE.label + 1, 'font-weight': 600, fill: ink, 'text-anchor': 'middle' }));
      }
      if (cell.sublabel !== undefined) parts.push(text(cx, cy + 13, cell.sublabel, { 'font-size': TYPE.small, fill: ink, 'text-anchor': 'middle' }));
      cells.push(group(parts, { class: 'cell' }));
    });
  });
  body.push(group(cells, { class: 'cells' }));
  const axes = [
    ...spec.xs.map((label, c) => text(x.center(c), plot.bottom + 16, label, { 'font-size': TYPE.label, fill: INK.text, 'text-anchor': 'middle' })),
    text((plot.left + plot.right) / 2, plot.bottom + 32, spec.xTitle, { 'font-size': TYPE.label, fill: INK.muted, 'text-anchor': 'middle' }),
    ...spec.ys.map((label, r) => text(plot.left - 8, y.center(r) + 4, label, { 'font-size': TYPE.label, fill: INK.text, 'text-anchor': 'end' })),
  ];
  const cx = PAD + 6;
  const cy = (plot.top + plot.bottom) / 2;
  axes.push(text(cx, cy, spec.yTitle, { 'font-size': TYPE.label, fill: INK.muted, 'text-anchor': 'middle', transform: `rotate(-90 ${cx} ${cy})` }));
  body.push(group(axes, { class: 'axis' }));
  body.push(colorLegend(spec, fmt, plot.right + 16, plot.top, Math.min(180, plot.bottom - plot.top)));
  return svgDocument({ width, height, title: spec.title, description: spec.description, name: spec.name }, body);
}

/** A vertical stepped ramp (high at the top) with the domain's ends and middle labelled. */
function colorLegend(spec: HeatmapSpec, fmt: (v: number) => string, left: number, top: number, height: number): string {
  const steps = 20;
  const barTop = top + 18;
  const barHeight = height - 18;
  const h = barHeight / steps;
  const [d0, d1] = spec.domain;
  const parts = [text(left, top + 8, spec.legendTitle, { 'font-size': TYPE.tick, fill: INK.muted })];
  for (let i = 0; i < steps; i++) {
    parts.push(tag('rect', { x: left, y: barTop + i * h, width: 14, height: h + 0.5, fill: rampColor(1 - (i + 0.5) / steps) }));
  }
  parts.push(tag('rect', { x: left, y: barTop, width: 14, height: barHeight, fill: 'none', stroke: INK.axis, 'stroke-width': 0.5 }));
  const marks: readonly [number, number][] = [
    [d1, barTop],
    [(d0 + d1) / 2, barTop + barHeight / 2],
    [d0, barTop + barHeight],
  ];
  for (const [v, py] of marks) {
    parts.push(tag('line', { x1: left + 14, x2: left + 18, y1: py, y2: py, stroke: INK.axis }));
    parts.push(text(left + 21, py + 4, fmt(v), { 'font-size': TYPE.tick, fill: INK.muted }));
  }
  parts.push(tag('rect', { x: left, y: barTop + barHeight + 12, width: 14, height: 10, fill: INK.empty, stroke: INK.axis, 'stroke-width': 0.5 }));
  parts.push(text(left + 21, barTop + barHeight + 21, 'none', { 'font-size': TYPE.tick, fill: INK.muted }));
  return group(parts, { class: 'legend color-legend' });
}
