/**
 * HTML rendering of a frame for notebooks and reports.
 */
import { formatCell } from '../engine/format';
import { DataFrame } from '../engine/frame';

/** Options of `toHTML`. */
export interface HtmlOptions {
  /** Rows shown at most (default 20). */
  readonly maxRows?: number;
  /** A caption above the table. */
  readonly caption?: string;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

const TABLE = 'border-collapse:collapse;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;color:#222';
const CAPTION = 'caption-side:top;text-align:left;font-weight:bold;padding:4px 0';
const TH = 'border-bottom:2px solid #bbb;padding:4px 8px;text-align:left;vertical-align:bottom;background:#f6f6f6';
const TYPE = 'display:block;font-weight:normal;color:#888;font-size:11px';
const TD = 'border-bottom:1px solid #eee;padding:3px 8px;text-align:left;white-space:pre';
const TD_NUMBER = 'border-bottom:1px solid #eee;padding:3px 8px;text-align:right;white-space:pre';
const NULL = '<span style="color:#aaa;font-style:italic">null</span>';
const FOOTER = 'padding:4px 8px;color:#666;text-align:left;font-size:11px';

/**
 * A self-contained HTML table of the first rows of a frame (inline styles only): column names
 * with their types in the header, numbers right-aligned, nulls as a muted `null`, and a footer
 * `N rows × M columns` (with "showing first K" when rows are left out). All text is escaped.
 * @example display.html(toHTML(frame, { maxRows: 10, caption: 'customers' }));
 */
export function toHTML(frame: DataFrame, options: HtmlOptions = {}): string {
  const maxRows = Math.max(0, Math.floor(options.maxRows ?? 20));
  const shown = Math.min(frame.numRows, maxRows);
  const width = frame.schema.length;
  const out: string[] = [`<table class="c360-frame" style="${TABLE}">`];
  if (options.caption !== undefined) out.push(`<caption style="${CAPTION}">${escapeHtml(options.caption)}</caption>`);
  out.push('<thead><tr>');
  for (const f of frame.schema) out.push(`<th style="${TH}">${escapeHtml(f.name)}<span style="${TYPE}">${escapeHtml(f.type)}</span></th>`);
  out.push('</tr></thead><tbody>');
  const numeric = frame.schema.map((f) => f.type === 'float64' || f.type === 'int');
  for (let r = 0; r < shown; r++) {
    out.push('<tr>');
    frame.schema.forEach((f, c) => {
      const v = frame.columns[c]!.get(r);
      const text = v === null ? NULL : escapeHtml(formatCell(v, f.type));
      out.push(`<td style="${numeric[c] ? TD_NUMBER : TD}">${text}</td>`);
    });
    out.push('</tr>');
  }
  const rows = `${frame.numRows} ${frame.numRows === 1 ? 'row' : 'rows'}`;
  const cols = `${width} ${width === 1 ? 'column' : 'columns'}`;
  const note = shown < frame.numRows ? ` (showing first ${shown})` : '';
  out.push(`</tbody><tfoot><tr><td colspan="${Math.max(1, width)}" style="${FOOTER}">${rows} × ${cols}${note}</td></tr></tfoot></table>`);
  return out.join('');
}
