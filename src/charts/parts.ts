/**
 * Parts that charts share: the title block, value axes with grid lines, and legends.
 */
import { LinearScale } from './scale';
import { group, tag, text, textWidth } from './svg';
import { INK, TYPE } from './theme';

/** Options every chart takes. */
export interface ChartSize {
  /** Pixels; each chart has its own default. */
  readonly width?: number;
  readonly height?: number;
}

/** Title and subtitle of a chart. */
export interface ChartTitles {
  readonly title: string;
  readonly subtitle?: string;
}

/** Outer padding of every chart. */
export const PAD = 16;

/** The title block at the top left; returns the elements and the y where the plot may begin. */
export function header(titles: ChartTitles): { svg: string; bottom: number } {
  const parts = [text(PAD, PAD + TYPE.title - 2, titles.title, { 'font-size': TYPE.title, 'font-weight': 700, fill: INK.text })];
  let bottom = PAD + TYPE.title + 4;
  if (titles.subtitle !== undefined && titles.subtitle !== '') {
    parts.push(text(PAD, bottom + TYPE.subtitle, titles.subtitle, { 'font-size': TYPE.subtitle, fill: INK.muted }));
    bottom += TYPE.subtitle + 6;
  }
  return { svg: group(parts, { class: 'chart-title' }), bottom: bottom + 8 };
}

/** A horizontal value axis below the plot: vertical grid lines, tick labels and the axis title. */
export function bottomAxis(x: LinearScale, ticks: readonly number[], plot: PlotBox, format: (v: number) => string, title: string): string {
  const parts: string[] = [];
  for (const t of ticks) {
    const px = x(t);
    parts.push(tag('line', { x1: px, x2: px, y1: plot.top, y2: plot.bottom, stroke: t === 0 ? INK.axis : INK.grid, 'stroke-width': 1 }));
    parts.push(text(px, plot.bottom + 14, format(t), { 'font-size': TYPE.tick, fill: INK.muted, 'text-anchor': 'middle' }));
  }
  parts.push(text((plot.left + plot.right) / 2, plot.bottom + 32, title, { 'font-size': TYPE.label, fill: INK.muted, 'text-anchor': 'middle' }));
  return group(parts, { class: 'axis axis-x' });
}

/** A vertical value axis at the left of the plot: horizontal grid lines, tick labels and the axis title (rotated). */
export function leftAxis(y: LinearScale, ticks: readonly number[], plot: PlotBox, format: (v: number) => string, title: string): string {
  const parts: string[] = [];
  for (const t of ticks) {
    const py = y(t);
    parts.push(tag('line', { x1: plot.left, x2: plot.right, y1: py, y2: py, stroke: t === 0 ? INK.axis : INK.grid, 'stroke-width': 1 }));
    parts.push(text(plot.left - 6, py + 4, format(t), { 'font-size': TYPE.tick, fill: INK.muted, 'text-anchor': 'end' }));
  }
  const cx = PAD + 6;
  const cy = (plot.top + plot.bottom) / 2;
  parts.push(text(cx, cy, title, { 'font-size': TYPE.label, fill: INK.muted, 'text-anchor': 'middle', transform: `rotate(-90 ${cx} ${cy})` }));
  return group(parts, { class: 'axis axis-y' });
}

/** Width that the tick labels of a left axis need. */
export function leftAxisWidth(ticks: readonly number[], format: (v: number) => string): number {
  return Math.max(0, ...ticks.map((t) => textWidth(format(t), TYPE.tick))) + 8;
}

/** The plot area, in pixels. */
export interface PlotBox {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A legend entry. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
}

/** A one-line (wrapping) legend of colour swatches from (x, y); returns the elements and its height. */
export function legend(items: readonly LegendItem[], x: number, y: number, maxWidth: number): { svg: string; height: number } {
  const parts: string[] = [];
  let cx = x;
  let cy = y;
  const line = 18;
  for (const item of items) {
    const w = 14 + textWidth(item.label, TYPE.label) + 16;
    if (cx > x && cx + w > x + maxWidth) {
      cx = x;
      cy += line;
    }
    parts.push(tag('rect', { x: cx, y: cy, width: 10, height: 10, rx: 2, fill: item.color }));
    parts.push(text(cx + 14, cy + 9, item.label, { 'font-size': TYPE.label, fill: INK.text }));
    cx += w;
  }
  return { svg: group(parts, { class: 'legend' }), height: items.length === 0 ? 0 : cy - y + line };
}

/** A note in the middle of an empty plot ("No customers"). */
export function emptyNote(plot: PlotBox, message: string): string {
  return text((plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2, message, { 'font-size': TYPE.label, fill: INK.faint, 'text-anchor': 'middle', class: 'empty' });
}
