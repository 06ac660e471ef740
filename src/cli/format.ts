/**
 * Text lines of `c360 run`: one per layer, input file and model as the run goes, then the
 * rejects and what was written.
 */
import * as path from 'path';
import { InputResult, ModelResult } from '../dag/results';
import { RunEvent } from '../dag/runner';
import { describeIssue, InputIssues } from '../dag/sources';

/** A whole number with thousands separators (`12,345`). */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Seconds with two decimals (`0.42s`). */
export function secs(s: number): string {
  return `${s.toFixed(2)}s`;
}

/** `n thing` / `n things`. */
export function plural(n: number, thing: string, things = `${thing}s`): string {
  return `${count(n)} ${n === 1 ? thing : things}`;
}

/** A path as the user would type it: relative to the working folder when inside it. */
export function shownPath(p: string): string {
  const rel = path.relative(process.cwd(), path.resolve(p));
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

/** Width of the first column (model or file) of the run lines. */
const LABEL_WIDTH = 38;
/** Width of the rows column. */
const ROWS_WIDTH = 34;

function label(text: string): string {
  const s = `  ${text}`;
  return s.length >= LABEL_WIDTH ? `${s} ` : s.padEnd(LABEL_WIDTH);
}

function inputLine(i: InputResult): string {
  const notes: string[] = [];
  if (i.rows_rejected > 0) notes.push(`${count(i.rows_rejected)} rejected`);
  else if (i.rows_with_issues > 0) notes.push(`${count(i.rows_with_issues)} kept with nulls`);
  const rows = `${plural(i.rows_read, 'row')} read${notes.length > 0 ? `, ${notes.join(', ')}` : ''}`;
  return `${label(`read ${i.file}`)}${rows.padEnd(ROWS_WIDTH)} ${secs(i.seconds)}`;
}

/** The line of a model's result. */
export function modelLine(m: ModelResult): string {
  const tags = [m.selected ? '' : '(dependency)', m.reused === true ? '(reused)' : ''].filter((t) => t !== '').join(' ');
  const name = label(m.name);
  switch (m.status) {
    case 'success': {
      const rows = `${count(m.rows_in ?? 0)} rows in -> ${count(m.rows_out ?? 0)} out`;
      return `${name}${rows.padEnd(ROWS_WIDTH)} ${secs(m.seconds)}${tags === '' ? '' : ` ${tags}`}`;
    }
    case 'error':
      return `${name}FAILED: ${m.error ?? 'unknown error'}`;
    case 'skipped':
      return `${name}skipped: ${m.cause ?? 'an upstream model'} failed`;
  }
}

/** The lines to print for a run event (progress events print nothing). */
export function eventLines(e: RunEvent): string[] {
  switch (e.type) {
    case 'layer-start':
      return [`${e.layer} (${plural(e.models.length, 'model')})`];
    case 'layer-empty':
      return [`${e.layer}: no models in this layer, going on`];
    case 'layer-unselected':
      return [`${e.layer}: no model selected`];
    case 'layer-reused':
      return [`${e.layer}: reusing the previous run's outputs (${plural(e.models.length, 'model')})`];
    case 'input-read':
      return [inputLine(e.input)];
    case 'model-end':
      return [modelLine(e.result)];
    case 'layer-end':
      return [];
    case 'input-progress':
    case 'frame-released':
      return [];
  }
}

/** Lines about the bad rows of each file, with the first few problems under `keep`. */
export function issueLines(rejects: readonly InputIssues[], rejectFiles: ReadonlyMap<string, string>, maxShown = 5): string[] {
  const lines: string[] = [];
  for (const r of rejects) {
    const rows = new Set(r.issues.map((i) => i.row)).size;
    const where = rejectFiles.get(r.name);
    const see = where === undefined ? '' : ` (see ${shownPath(where)})`;
    if (r.policy === 'reject') lines.push(`Rejected ${plural(rows, 'row')} of ${r.file}${see}`);
    else {
      lines.push(`Kept ${plural(rows, 'row')} of ${r.file} with bad fields set to null${see}:`);
      for (const i of r.issues.slice(0, maxShown)) lines.push(`  ${describeIssue(r.file, i)}`);
      if (r.issues.length > maxShown) lines.push(`  ... and ${plural(r.issues.length - maxShown, 'more problem')}`);
    }
  }
  return lines;
}

/**
 * The row accounting of each input file that has one: `rows read = used + dropped + rejected`,
 * with the rules that dropped rows (rules that dropped none are left out).
 */
export function accountingLines(inputs: readonly InputResult[]): string[] {
  const rows = inputs.filter((i) => i.accounting !== undefined);
  if (rows.length === 0) return [];
  const lines = ['Row accounting (rows read = used + dropped + rejected)'];
  for (const i of rows) {
    const a = i.accounting!;
    const rules = Object.entries(a.dropped).filter(([, n]) => n > 0);
    const dropped = rules.reduce((s, [, n]) => s + n, 0);
    const why = rules.length === 0 ? '' : ` (${rules.map(([rule, n]) => `${count(n)} ${rule}`).join(', ')})`;
    lines.push(`${label(i.file)}${count(i.rows_read)} = ${count(a.used)} used + ${count(dropped)} dropped + ${count(a.rejected)} rejected${why}`);
  }
  return lines;
}
