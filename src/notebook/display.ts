/**
 * `display(x)` for tslab notebooks: a DataFrame as an HTML table (first rows, column types, row
 * count), an SVG string as an inline image, anything else as text. Outside a notebook it prints
 * text to stdout instead, so the same code runs in a script.
 */
import { inspect } from 'util';
import { DataFrame } from '../engine/frame';
import { LazyFrame } from '../engine/plan';
import { toHTML } from '../io/html';
import { TslabDisplay, findTslabDisplay } from './tslab';

/** Where `display` sends things: a notebook's rich output, or lines of text. */
export type DisplayTarget = { readonly kind: 'notebook'; readonly display: TslabDisplay } | { readonly kind: 'text'; readonly write: (text: string) => void };

/** Options of `display`. */
export interface DisplayOptions {
  /** Rows of a DataFrame shown at most (default 10). */
  readonly maxRows?: number;
  /** A caption above a DataFrame's table. */
  readonly caption?: string;
}

/** Lines of text on stdout: the target outside a notebook. */
export const STDOUT_TARGET: DisplayTarget = { kind: 'text', write: (text) => process.stdout.write(`${text}\n`) };

/**
 * Shows a value in the notebook cell's output: a DataFrame as a table, an SVG chart inline, a
 * LazyFrame as its plan, other values as text. Outside tslab it prints text to stdout.
 * @example display(models.customer_analytics_c360, { maxRows: 5 }); display(rfmHeatmap(product));
 */
export function display(x: unknown, options: DisplayOptions = {}): void {
  const notebook = findTslabDisplay();
  showOn(notebook === null ? STDOUT_TARGET : { kind: 'notebook', display: notebook }, x, options);
}

/** Shows a value on the given target (what `display` does once it has found one). */
export function showOn(target: DisplayTarget, x: unknown, options: DisplayOptions = {}): void {
  if (target.kind === 'text') {
    target.write(asText(x, options));
    return;
  }
  const d = target.display;
  if (x instanceof DataFrame) d.html(toHTML(x, { maxRows: options.maxRows ?? DEFAULT_ROWS, caption: options.caption }));
  else if (typeof x === 'string' && isSvg(x)) d.svg(x);
  else d.text(asText(x, options));
}

const DEFAULT_ROWS = 10;

/** A value as text: a frame as a text table, a lazy frame as its plan, a chart as one line. */
export function asText(x: unknown, options: DisplayOptions = {}): string {
  if (x instanceof DataFrame) {
    const table = x.toString(options.maxRows ?? DEFAULT_ROWS);
    return options.caption === undefined ? table : `${options.caption}\n${table}`;
  }
  if (x instanceof LazyFrame) return `LazyFrame (not run; collect() runs it)\n${x.explain()}`;
  if (typeof x === 'string') return isSvg(x) ? svgSummary(x) : x;
  return inspect(x, { depth: 4, colors: false });
}

/** True when a string is an SVG document (what the chart functions return). */
export function isSvg(s: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(s);
}

/** One line about an SVG for a terminal: its title and size. */
export function svgSummary(svg: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? 'chart';
  const width = /\swidth="([\d.]+)"/.exec(svg)?.[1] ?? '?';
  const height = /\sheight="([\d.]+)"/.exec(svg)?.[1] ?? '?';
  return `[SVG ${width}×${height}: ${unescapeXml(title)}] (shown as an image in a notebook; write it to a .svg file to view it here)`;
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
