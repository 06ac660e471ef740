/**
 * A tiny SVG writer: escaped text and attributes, numbers written with at most two decimals, and
 * elements in the order they are given, so the same chart always gives the same bytes. Charts use
 * no `id` attributes (gradients, markers, clip paths), so any number of them can share one page.
 */

/** An attribute value; `undefined` and `null` leave the attribute out. */
export type AttrValue = string | number | undefined | null;

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** A coordinate or length: at most two decimals, no `-0`, no trailing zeros. */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`an SVG coordinate must be a finite number, got ${x}`);
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** One element: `tag('rect', { x: 1 })` → `<rect x="1"/>`; content is inserted as it is (escape text first). */
export function tag(name: string, attrs: Readonly<Record<string, AttrValue>>, content?: string): string {
  let open = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    open += ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(v)}"`;
  }
  return content === undefined ? `${open}/>` : `${open}>${content}</${name}>`;
}

/** A `<text>` element with escaped content. */
export function text(x: number, y: number, content: string, attrs: Readonly<Record<string, AttrValue>> = {}): string {
  return tag('text', { x, y, ...attrs }, escapeXml(content));
}

/** A `<title>` child: the tooltip a browser shows over its parent element. */
export function tooltip(content: string): string {
  return tag('title', {}, escapeXml(content));
}

/** A `<g>` holding the given elements. */
export function group(children: readonly string[], attrs: Readonly<Record<string, AttrValue>> = {}): string {
  return tag('g', attrs, children.join(''));
}

/** What every chart document carries. */
export interface SvgDocument {
  readonly width: number;
  readonly height: number;
  /** The accessible name (`<title>`), also shown as a tooltip. */
  readonly title: string;
  /** A longer accessible description (`<desc>`). */
  readonly description?: string;
  /** A `data-chart` attribute naming the chart, for pages and tests to find it. */
  readonly name?: string;
}

/** A standalone `<svg>` document (valid as a file and inline in HTML). */
export function svgDocument(doc: SvgDocument, body: readonly string[]): string {
  const head = [tag('title', {}, escapeXml(doc.title))];
  if (doc.description !== undefined) head.push(tag('desc', {}, escapeXml(doc.description)));
  return tag(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width: doc.width,
      height: doc.height,
      viewBox: `0 0 ${num(doc.width)} ${num(doc.height)}`,
      role: 'img',
      'data-chart': doc.name,
      'font-family': FONT_FAMILY,
    },
    [...head, ...body].join(''),
  );
}

/** The font stack of every chart (fonts every system has; nothing is loaded). */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";

/**
 * The width a text will take, estimated from average glyph widths of sans-serif fonts (for
 * layout only: margins and label fitting; browsers measure the real thing).
 */
export function textWidth(s: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of s) {
    if ('il.,:;|!\'`'.includes(ch)) units += 0.28;
    else if ('fjrt()[]{} -'.includes(ch)) units += 0.36;
    else if ('mwMW@%'.includes(ch)) units += 0.86;
    else if (ch >= 'A' && ch <= 'Z') units += 0.66;
    else units += 0.56;
  }
  return units * fontSize * (bold ? 1.1 : 1);
}

/** Shortens a text with `…` to fit a width (estimated). */
export function fitText(s: string, width: number, fontSize: number): string {
  if (textWidth(s, fontSize) <= width) return s;
  let out = s;
  while (out.length > 1 && textWidth(`${out}…`, fontSize) > width) out = out.slice(0, -1);
  return `${out}…`;
}
