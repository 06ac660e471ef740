import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildGraph } from '../../src/dag/graph';
import { PipelineResult } from '../../src/dag/pipeline';
import { discoverModels } from '../../src/dag/registry';
import { formatCount, formatMoney } from '../../src/charts/format';
import { REPORT_FILE, renderReport, writeReport } from '../../src/report/html-report';
import { Lineage, lineageGraph } from '../../src/report/lineage';
import { fixed2 } from '../../src/report/summary';
import { GeneratedRun, generatedRun } from './run-fixture';

let run: GeneratedRun;
let lineage: Lineage;
let html: string;

beforeAll(async () => {
  run = await generatedRun('html');
  lineage = lineageGraph(buildGraph(discoverModels()));
  html = renderReport({ result: run.result, lineage });
});

/** A summary card's value and label. */
function card(page: string, id: string): string {
  const m = new RegExp(`data-figure="${id}"><div class="value">([^<]*)</div><div class="label">([^<]*)</div>`).exec(page);
  if (m === null) throw new Error(`no card ${id}`);
  return `${m[1]} ${m[2]}`;
}

describe('renderReport', () => {
  it('is one HTML document with its styles inline', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<style>');
  });

  it('loads nothing: no scripts, links, external images, imports or url() references', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    // The only URL is the SVG namespace, which is a name, not a fetch.
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
  });

  it('shows the summary figures of the run', () => {
    const s = run.result.summary!;
    expect(card(html, 'total-customers')).toBe(`${formatCount(s.totalCustomers)} customers`);
    expect(card(html, 'total-revenue')).toBe(`${formatMoney(s.totalRevenue)} total revenue`);
    expect(card(html, 'avg-health-score')).toBe(`${fixed2(s.averageHealthScore!)} average health score`);
    expect(html).toContain(`Pipeline Summary: ${s.totalCustomers} total customers`);
  });

  it('embeds the five charts as inline SVG', () => {
    for (const name of ['status-breakdown', 'health-score-histogram', 'value-segment-by-tier', 'rfm-heatmap', 'revenue-by-segment']) {
      expect(html).toContain(`<figure class="chart" data-chart="${name}"><svg xmlns="http://www.w3.org/2000/svg"`);
    }
  });

  it('draws the lineage with each model’s rows and time', () => {
    expect(html).toContain('data-chart="lineage"');
    const view = run.result.results.models.find((m) => m.name === 'customer_analytics_c360')!;
    expect(html).toContain(`${formatCount(view.rows_out!)} rows · ${view.seconds.toFixed(2)} s`);
  });

  it('lists every model with its status, rows and seconds', () => {
    for (const m of run.result.results.models) {
      expect(html).toContain(`<td>${m.layer}</td><td>${m.name}</td><td><span class="badge success">success</span></td><td>yes</td><td class="num">${formatCount(m.rows_in!)}</td><td class="num">${formatCount(m.rows_out!)}</td><td class="num">${m.seconds.toFixed(3)}</td>`);
    }
  });

  it('summarises the rejected rows per file, grouped by column and problem', () => {
    const rejects = run.result.rejects;
    expect(rejects.length).toBeGreaterThan(0);
    const total = rejects.reduce((n, r) => n + r.issues.length, 0);
    expect(html).toContain(`<div data-rejects="${total}">`);
    for (const r of rejects) {
      expect(html).toContain(`<h3>${r.file}</h3>`);
      expect(html).toContain(`rejects/${path.posix.basename(r.file)}`);
    }
  });

  it('gives the same page for the same run', () => {
    expect(renderReport({ result: run.result, lineage })).toBe(html);
  });

  it('escapes text from the run, such as error messages', () => {
    const r = run.result;
    const failed: PipelineResult = {
      ...r,
      results: {
        ...r.results,
        success: false,
        models: r.results.models.map((m, i) => (i === 0 ? { ...m, status: 'error' as const, rows_out: null, error: '<img src=x onerror=alert(1)>' } : m)),
      },
    };
    const page = renderReport({ result: failed, lineage, title: 'Run <1>' });
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('<h1>Run &lt;1&gt;');
    expect(page).toContain('data-status="failed"');
    // A failed run writes no rejects files, so the page does not point to them.
    expect(page).not.toContain('<code>rejects/');
  });

  it('says so when the product did not run', () => {
    const r = run.result;
    const noProduct: PipelineResult = { ...r, models: {}, summary: null };
    const page = renderReport({ result: noProduct, lineage });
    expect(page).toContain('customer_analytics_c360 did not run, so there are no charts.');
    expect(page).not.toContain('data-chart="status-breakdown"');
  });

  it('says that nothing was rejected when every row fit', () => {
    const page = renderReport({ result: { ...run.result, rejects: [] }, lineage });
    expect(page).toContain('data-rejects="0"');
  });
});

describe('writeReport', () => {
  it('writes report.html into the output folder and leaves no temporary file', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c360-report-out-'));
    fs.writeFileSync(path.join(outDir, REPORT_FILE), 'old');
    const file = await writeReport(run.result, { outDir });
    expect(file).toBe(path.join(outDir, REPORT_FILE));
    expect(fs.readFileSync(file, 'utf8')).toBe(html);
    expect(fs.readdirSync(outDir)).toEqual([REPORT_FILE]);
  });

  it('creates the output folder and uses a graph given to it', async () => {
    const outDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'c360-report-out-')), 'nested', 'out');
    const graph = buildGraph(discoverModels());
    const file = await writeReport(run.result, { outDir, graph, title: 'Nightly' });
    expect(fs.readFileSync(file, 'utf8')).toContain('<h1>Nightly');
  });
});
