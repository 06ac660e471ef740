/**
 * The HTML run report (`<out>/report.html`): one self-contained page (inline CSS and SVG, no
 * scripts, nothing loaded from the network) with the run's summary figures, the product charts,
 * the model lineage, per-model rows and timings, the input files and the rejected rows.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DataFrame } from '../engine/frame';
import { ModelGraph, buildGraph } from '../dag/graph';
import { rejectsFileName } from '../dag/outputs';
import { PRODUCT_MODEL, PipelineResult } from '../dag/pipeline';
import { discoverModels } from '../dag/registry';
import { ModelResult, RunResults } from '../dag/results';
import { InputIssues } from '../dag/sources';
import { productCharts } from '../charts';
import { formatCount, formatMoney } from '../charts/format';
import { INK } from '../charts/theme';
import { escapeHtml } from '../io/html';
import { writeAtomically } from '../io/atomic-file';
import { Lineage, LineageStatus, lineageGraph, lineageSvg, modelId } from './lineage';
import { PipelineSummary, fixed2, reportLines } from './summary';

/** The report's file name in the output folder. */
export const REPORT_FILE = 'report.html';

/** What the report shows: a run's result and its model lineage. */
export interface ReportInput {
  readonly result: Pick<PipelineResult, 'models' | 'summary' | 'results' | 'rejects'>;
  readonly lineage: Lineage;
  /** The page title; default `c360 run report`. */
  readonly title?: string;
}

/**
 * The report page as one HTML string. Deterministic for a given run: everything shown comes from
 * the result (timings and timestamps included).
 * @example fs.writeFileSync('report.html', renderReport({ result, lineage: lineageGraph(graph) }))
 */
export function renderReport(input: ReportInput): string {
  const { results, summary, rejects } = input.result;
  const product = input.result.models[PRODUCT_MODEL];
  const title = input.title ?? 'c360 run report';
  const m = results.metadata;
  const sections = [
    headerSection(title, results),
    summarySection(summary),
    chartsSection(product),
    lineageSection(input.lineage, results),
    modelsSection(results.models),
    inputsSection(results),
    rejectsSection(rejects, results.success),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network: forbid every fetch the page could make (it has none), inline styles and images allowed.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(`${title} · ${PRODUCT_MODEL} · as of ${m.as_of}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...sections,
    `<footer>Written by c360 ${escapeHtml(m.c360_version)} · run started ${escapeHtml(m.started_at)} · this page loads nothing from the network.</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Options of `writeReport`. */
export interface WriteReportOptions {
  readonly outDir: string;
  /** The run's model graph; default: discovered again from `modelDirs` (and the built-in models). */
  readonly graph?: ModelGraph;
  readonly modelDirs?: readonly string[];
  readonly builtInModels?: boolean;
  readonly title?: string;
}

/**
 * Writes `<outDir>/report.html` atomically (a temporary file renamed into place) and returns its path.
 * @example await writeReport(result, { outDir: 'c360_output', modelDirs: ['./my_models'] })
 */
export async function writeReport(result: PipelineResult, options: WriteReportOptions): Promise<string> {
  const graph = options.graph ?? buildGraph(discoverModels({ modelDirs: options.modelDirs, builtIn: options.builtInModels }));
  const html = renderReport({ result, lineage: lineageGraph(graph), title: options.title });
  fs.mkdirSync(options.outDir, { recursive: true });
  const file = path.join(options.outDir, REPORT_FILE);
  await writeAtomically(file, (sink) => sink.write(html));
  return file;
}

const h = escapeHtml;

function headerSection(title: string, results: RunResults): string {
  const m = results.metadata;
  const ok = results.success;
  const facts: [string, string][] = [
    ['as of', m.as_of],
    ['run timestamp', m.run_timestamp],
    ['data folder', m.data_dir],
    ['mode', m.mode],
    ['bad rows', m.bad_rows],
    ['elapsed', `${m.elapsed_seconds.toFixed(2)} s`],
  ];
  if (m.select.length > 0) facts.push(['select', m.select.join(' ')]);
  if (m.exclude.length > 0) facts.push(['exclude', m.exclude.join(' ')]);
  return [
    '<header>',
    `<h1>${h(title)} <span class="product">${h(PRODUCT_MODEL)}</span></h1>`,
    `<p class="status ${ok ? 'ok' : 'failed'}" data-status="${ok ? 'success' : 'failed'}">${ok ? 'Run succeeded' : 'Run failed'}</p>`,
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${h(k)}</dt><dd>${h(v)}</dd></div>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}

function summarySection(summary: PipelineSummary | null): string {
  if (summary === null) return section('summary', 'Summary', `<p class="note">${h(PRODUCT_MODEL)} did not run, so there are no summary figures.</p>`);
  const cards: [string, string, string][] = [
    ['total-customers', 'customers', formatCount(summary.totalCustomers)],
    ['total-revenue', 'total revenue', formatMoney(summary.totalRevenue)],
    ['active-customers', 'active', formatCount(summary.activeCustomers)],
    ['at-risk-customers', 'status At Risk', formatCount(summary.atRiskStatusCustomers)],
    ['churn-risk-customers', 'churn risk (At Risk or Churned)', formatCount(summary.churnRiskCustomers)],
    ['avg-health-score', 'average health score', summary.averageHealthScore === null ? 'n/a' : fixed2(summary.averageHealthScore)],
  ];
  const lines = reportLines(summary);
  const sample = summary.sample;
  const sampleTable = table(
    ['customer_id', 'name', 'segment', 'tier', 'total spent', 'status'],
    sample.map((r) => [r.customer_id ?? '', r.name, r.customer_segment ?? '', r.loyalty_tier ?? '', r.total_spent === null ? '' : formatMoney(r.total_spent), r.customer_status ?? '']),
    [false, false, false, false, true, false],
  );
  return section(
    'summary',
    'Summary',
    [
      `<div class="cards">${cards.map(([id, label, value]) => `<div class="card" data-figure="${id}"><div class="value">${h(value)}</div><div class="label">${h(label)}</div></div>`).join('')}</div>`,
      `<pre class="summary-lines">${lines.summary.map(h).join('\n')}</pre>`,
      '<h3>Sample records</h3>',
      sampleTable,
    ].join('\n'),
  );
}

function chartsSection(product: DataFrame | undefined): string {
  if (product === undefined) return section('charts', 'Charts', `<p class="note">${h(PRODUCT_MODEL)} did not run, so there are no charts.</p>`);
  const figures = productCharts(product).map((c) => `<figure class="chart" data-chart="${h(c.name)}">${c.svg}</figure>`);
  return section('charts', 'Charts', `<div class="charts">${figures.join('\n')}</div>`);
}

function lineageSection(lineage: Lineage, results: RunResults): string {
  const notes: Record<string, string> = {};
  const status: Record<string, LineageStatus> = {};
  for (const r of results.models) {
    status[modelId(r.name)] = r.status;
    notes[modelId(r.name)] = r.rows_out === null ? r.status : `${formatCount(r.rows_out)} rows · ${r.seconds.toFixed(2)} s`;
  }
  const svg = lineageSvg(lineage, { notes, status });
  const legend = '<p class="note">Input files at the left, then one column per layer. Each model shows the rows it produced and its time; a red border marks a failed model, a dashed one a skipped model. Models that did not run have no figures.</p>';
  return section('lineage', 'Model lineage', `${legend}<div class="scroll lineage">${svg}</div>`);
}

function modelsSection(models: readonly ModelResult[]): string {
  const total = models.reduce((s, r) => s + r.seconds, 0);
  const rows = models.map((r) => [
    r.layer,
    r.name,
    statusBadge(r.status),
    r.selected ? 'yes' : 'dependency',
    r.rows_in === null ? '' : formatCount(r.rows_in),
    r.rows_out === null ? '' : formatCount(r.rows_out),
    r.seconds.toFixed(3),
    r.error ?? (r.cause === undefined ? (r.reused === true ? 'reused from the previous run' : '') : `skipped: ${r.cause} failed`),
  ]);
  const body = table(['layer', 'model', 'status', 'selected', 'rows in', 'rows out', 'seconds', 'note'], rows, [false, false, false, false, true, true, true, false], [2]);
  return section('models', 'Models', `${body}<p class="note">${formatCount(models.length)} models, ${total.toFixed(2)} s in models.</p>`);
}

function inputsSection(results: RunResults): string {
  const rows = results.inputs.map((i) => [
    i.name,
    i.file,
    formatCount(i.rows_read),
    formatCount(i.rows_rejected),
    formatCount(i.rows_with_issues),
    formatBytes(i.bytes),
    i.seconds.toFixed(3),
  ]);
  if (rows.length === 0) return section('inputs', 'Input files', '<p class="note">No input file was read.</p>');
  return section('inputs', 'Input files', table(['input', 'file', 'rows read', 'rejected', 'with issues', 'size', 'seconds'], rows, [false, false, true, true, true, true, true]));
}

function rejectsSection(rejects: readonly InputIssues[], success: boolean): string {
  if (rejects.length === 0) return section('rejects', 'Rejected rows', '<p class="note" data-rejects="0">Every row of every input file fit its schema: nothing was rejected.</p>');
  const parts = rejects.map((r) => {
    const rowsAffected = new Set(r.issues.map((i) => i.line)).size;
    const what = r.policy === 'reject' ? `${formatCount(rowsAffected)} ${rowsAffected === 1 ? 'row' : 'rows'} set aside` : `${formatCount(rowsAffected)} ${rowsAffected === 1 ? 'row' : 'rows'} kept with the bad fields as null`;
    const file = success ? ` (all of them in <code>rejects/${h(rejectsFileName(r.file))}</code>)` : '';
    const groups = new Map<string, { column: string; reason: string; count: number; lines: number[] }>();
    for (const i of r.issues) {
      const column = i.column ?? '(whole row)';
      const reason = i.reason.replace(/"[^"]*"/g, '"…"');
      const key = `${column}\u0000${reason}`;
      const g = groups.get(key) ?? { column, reason, count: 0, lines: [] };
      g.count++;
      if (g.lines.length < 5) g.lines.push(i.line);
      groups.set(key, g);
    }
    const rows = [...groups.values()].sort((a, b) => b.count - a.count || (a.column < b.column ? -1 : 1)).map((g) => [g.column, g.reason, formatCount(g.count), g.lines.join(', ') + (g.count > g.lines.length ? ', …' : '')]);
    return [
      `<h3>${h(r.file)}</h3>`,
      `<p>${formatCount(r.issues.length)} ${r.issues.length === 1 ? 'problem' : 'problems'} in ${what}${file}.</p>`,
      table(['column', 'problem', 'count', 'lines'], rows, [false, false, true, false]),
    ].join('\n');
  });
  const total = rejects.reduce((s, r) => s + r.issues.length, 0);
  return section('rejects', 'Rejected rows', `<div data-rejects="${total}">${parts.join('\n')}</div>`);
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${h(title)}</h2>\n${body}\n</section>`;
}

/** An HTML table; cells are escaped except in the `raw` columns (already HTML). */
function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[], raw: readonly number[] = []): string {
  const th = head.map((c, i) => `<th${numeric[i] === true ? ' class="num"' : ''}>${h(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] === true ? ' class="num"' : ''}>${raw.includes(i) ? c : h(c)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function statusBadge(status: ModelResult['status']): string {
  return `<span class="badge ${status}">${h(status)}</span>`;
}

function formatBytes(n: number): string {
  const units: readonly [number, string][] = [
    [1 << 30, 'GiB'],
    [1 << 20, 'MiB'],
    [1 << 10, 'KiB'],
  ];
  for (const [size, unit] of units) if (n >= size) return `${(n / size).toFixed(1)} ${unit}`;
  return `${formatCount(n)} B`;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f7fa; color: ${INK.text}; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; }
main { max-width: 1360px; margin: 0 auto; padding: 24px; }
header h1 { margin: 0 0 6px; font-size: 24px; }
header h1 .product { font-weight: 400; color: ${INK.muted}; font-size: 18px; margin-left: 8px; }
.status { display: inline-block; margin: 0 0 12px; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 13px; }
.status.ok { background: #e3f4ec; color: #1e6b45; }
.status.failed { background: #fde8e8; color: #a61b1b; }
.facts { display: flex; flex-wrap: wrap; gap: 6px 24px; margin: 0; }
.facts div { display: flex; gap: 6px; }
.facts dt { color: ${INK.muted}; }
.facts dd { margin: 0; font-weight: 600; }
section { background: #fff; border: 1px solid ${INK.grid}; border-radius: 8px; padding: 16px 20px; margin: 20px 0; }
h2 { margin: 0 0 12px; font-size: 18px; }
h3 { margin: 16px 0 8px; font-size: 15px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; }
.card { border: 1px solid ${INK.grid}; border-radius: 8px; padding: 12px 14px; background: #fbfcfd; }
.card .value { font-size: 24px; font-weight: 700; }
.card .label { color: ${INK.muted}; font-size: 12px; }
.summary-lines { background: #f5f7fa; border-radius: 6px; padding: 10px 12px; overflow-x: auto; font-size: 13px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(600px, 1fr)); gap: 16px; align-items: start; }
figure.chart { margin: 0; border: 1px solid ${INK.grid}; border-radius: 8px; padding: 4px; background: #fff; }
figure.chart svg { display: block; width: 100%; height: auto; }
.scroll { overflow-x: auto; }
.lineage svg { display: block; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid ${INK.grid}; white-space: nowrap; }
th { background: #f5f7fa; font-weight: 600; color: ${INK.muted}; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.badge.success { background: #e3f4ec; color: #1e6b45; }
.badge.error { background: #fde8e8; color: #a61b1b; }
.badge.skipped { background: #eef0f3; color: ${INK.muted}; }
.note { color: ${INK.muted}; }
code { background: #f0f2f4; padding: 1px 4px; border-radius: 4px; }
footer { color: ${INK.faint}; font-size: 12px; margin: 24px 0; text-align: center; }
@media (max-width: 700px) { .charts { grid-template-columns: 1fr; } main { padding: 12px; } }
`;
