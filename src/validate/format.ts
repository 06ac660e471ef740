/**
 * The text form of a validation report: a block per input file, then one summary line.
 */
import { testFailureLine } from '../quality/format';
import { FileValidation, ROW_PROBLEM, ValidationReport } from './validate-data';

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, thing: string, things = `${thing}s`): string {
  return `${num(n)} ${n === 1 ? thing : things}`;
}

function percent(rate: number): string {
  if (rate === 0) return '0%';
  if (rate < 0.001) return '<0.1%';
  return `${(rate * 100).toFixed(1)}%`;
}

function fileLines(f: FileValidation): string[] {
  if (f.status === 'missing') return [`${f.file}: MISSING`];
  if (f.status === 'unreadable') return [`${f.file}: UNREADABLE: ${f.error ?? 'unknown reason'}`];
  const lines = [`${f.file}: ${plural(f.rows, 'row')}${f.malformedRows > 0 ? `, ${num(f.malformedRows)} malformed` : ''}`];
  const h = f.header;
  if (h !== null) {
    const notes: string[] = [];
    if (h.extra.length > 0) notes.push(`extra columns ignored: ${h.extra.join(', ')}`);
    if (!h.inOrder) notes.push('columns in another order than declared (matched by name)');
    if (h.bom) notes.push('byte order mark ignored');
    lines.push(`  header: ${plural(h.columns.length, 'column')}${notes.length === 0 ? ', as declared' : `; ${notes.join('; ')}`}`);
  }
  if (f.malformedRows > 0) {
    const byColumn = Object.entries(f.problemsByColumn)
      .map(([c, n]) => `${c === ROW_PROBLEM ? 'whole row' : c}: ${num(n)}`)
      .join(', ');
    lines.push(`  malformed rows (left out by a run): ${num(f.malformedRows)} (${byColumn})`);
    for (const p of f.problems) lines.push(`    ${f.file}:${p.line}${p.column === null ? '' : `:${p.column}`}: ${p.reason}`);
    const total = Object.values(f.problemsByColumn).reduce((s, n) => s + n, 0);
    if (total > f.problems.length) lines.push(`    ... and ${plural(total - f.problems.length, 'more problem')}`);
  }
  const withNulls = f.nullRates.filter((r) => r.nulls > 0);
  lines.push(`  nulls: ${withNulls.length === 0 ? 'none' : `${withNulls.map((r) => `${r.column} ${percent(r.rate)} (${num(r.nulls)})`).join(', ')}${withNulls.length < f.nullRates.length ? '; other columns none' : ''}`}`);
  const failed = f.tests.filter((t) => t.status === 'fail');
  for (const t of failed) lines.push(`  ${testFailureLine(t)}`);
  lines.push(`  tests: ${num(f.tests.length - failed.length)} of ${num(f.tests.length)} passed`);
  return lines;
}

/** The one summary line of a report. */
export function validationSummary(report: ValidationReport): string {
  const c = report.counts;
  const parts = [
    `${num(report.files.length)} files`,
    `${num(c.missing)} missing`,
    `${num(c.unreadable)} unreadable`,
    plural(c.malformedRows, 'malformed row'),
    plural(c.warnings, 'warning'),
    plural(c.errors, 'error'),
  ];
  return `Validated ${report.dataDir} as of ${report.asOf}: ${parts.join(', ')}`;
}

/**
 * The report as text: for each file its rows, header, malformed rows (the first few with
 * file:line:column), null rates and failed tests; then one summary line. Ends with a line break.
 * @example process.stdout.write(formatValidationReport(await validateData({ dataDir, asOf })));
 */
export function formatValidationReport(report: ValidationReport): string {
  const lines: string[] = [];
  for (const f of report.files) lines.push(...fileLines(f), '');
  lines.push(validationSummary(report));
  return `${lines.join('\n')}\n`;
}
