/**
 * Helpers for the chart tests: small product frames from row objects (only the columns the charts
 * read, typed as in customer_analytics_c360), an XML well-formedness check and text extraction.
 */
import { DataFrame, Row } from '../../src/engine/frame';
import { Schema } from '../../src/engine/types';

/** The product columns the charts read, with the product's types. */
export const CHART_SCHEMA: Schema = [
  { name: 'customer_id', type: 'string' },
  { name: 'customer_segment', type: 'string' },
  { name: 'loyalty_tier', type: 'string' },
  { name: 'value_segment', type: 'string' },
  { name: 'total_spent', type: 'float64' },
  { name: 'customer_status', type: 'string' },
  { name: 'recency_score', type: 'int' },
  { name: 'frequency_score', type: 'int' },
  { name: 'monetary_score', type: 'int' },
  { name: 'customer_health_score', type: 'float64' },
];

/** A product frame from partial rows (missing columns are null); the health score is derived from the RFM scores when absent. */
export function productFrame(rows: readonly Row[]): DataFrame {
  const full = rows.map((r, i) => {
    const scores = [r.recency_score, r.frequency_score, r.monetary_score];
    const health = scores.every((s) => typeof s === 'number') ? (scores as number[]).reduce((a, b) => a + b, 0) / 3 : null;
    return { customer_id: `C${i + 1}`, customer_health_score: health, ...r };
  });
  return DataFrame.fromRows(CHART_SCHEMA, full);
}

/** Problems that make a string not well-formed XML (unbalanced tags, bad attributes, raw `&`); empty when fine. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const token = /<[^>]*>|[^<]+/g;
  const entity = /&(?:amp|lt|gt|quot|#39|#\d+|#x[0-9a-f]+);/gi;
  for (const m of xml.matchAll(token)) {
    const t = m[0];
    if (!t.startsWith('<')) {
      if (t.replace(entity, '').includes('&')) problems.push(`raw & in text: ${t.slice(0, 40)}`);
      continue;
    }
    if (t.startsWith('<?') || t.startsWith('<!')) continue;
    const close = /^<\/([A-Za-z][\w:-]*)\s*>$/.exec(t);
    if (close !== null) {
      const open = stack.pop();
      if (open !== close[1]) problems.push(`</${close[1]}> closes <${open ?? 'nothing'}>`);
      continue;
    }
    const open = /^<([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>$/.exec(t);
    if (open === null) {
      problems.push(`malformed tag: ${t.slice(0, 80)}`);
      continue;
    }
    if (open[2]!.replace(entity, '').includes('&')) problems.push(`raw & in attributes: ${t.slice(0, 80)}`);
    if (open[3] !== '/') stack.push(open[1]!);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  return problems;
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The text of every `<text>` element, unescaped, in document order. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescapeXml(m[1]!));
}

/** The tooltips (`<title>` children) of elements, unescaped; the document's own title comes first. */
export function svgTitles(svg: string): string[] {
  return [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => unescapeXml(m[1]!));
}

/** Every element with the given tag, as its attribute map. */
export function elements(svg: string, tag: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\s([^>]*?)\\/?>`, 'g'))].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, unescapeXml(a[2]!)])));
}
