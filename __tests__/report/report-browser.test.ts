/**
 * The report in a real headless browser (Debian's chromium through playwright-core): it loads
 * with no console errors and no network request, every chart and the lineage are visible with a
 * non-zero size, and a full-page screenshot is kept in test-output/report.png.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { writeReport } from '../../src/report/html-report';
import { generatedRun } from './run-fixture';

/** Where chromium is; C360_CHROMIUM overrides the Debian path. */
const CHROMIUM = process.env.C360_CHROMIUM ?? '/usr/bin/chromium';

/** Where the screenshot (and the report it shows) are kept. */
const OUTPUT_DIR = path.join(__dirname, '..', '..', 'test-output');

const CHARTS = ['status-breakdown', 'health-score-histogram', 'value-segment-by-tier', 'rfm-heatmap', 'revenue-by-segment'];

let context: BrowserContext | undefined;
let page: Page;
let userDataDir: string | undefined;
const problems: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`the browser test needs chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set C360_CHROMIUM to its path`);
  }
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch (err) {
    throw new Error(`the browser test needs the playwright-core package (a devDependency; run npm ci): ${err instanceof Error ? err.message : String(err)}`);
  }
  const { dataDir, result } = await generatedRun('browser');
  const outDir = path.join(OUTPUT_DIR, 'report-browser');
  fs.rmSync(outDir, { recursive: true, force: true });
  const file = await writeReport(result, { outDir });
  fs.rmSync(dataDir, { recursive: true, force: true });

  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c360-chromium-'));
  context = await playwright.chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1400, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) problems.push(`request: ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));
  const response = await page.goto(`file://${file}`, { waitUntil: 'load' });
  if (response !== null && !response.ok()) problems.push(`status ${response.status()}`);
});

afterAll(async () => {
  await context?.close();
  if (userDataDir !== undefined) fs.rmSync(userDataDir, { recursive: true, force: true });
});

describe('report.html in chromium', () => {
  it('loads with no console error, page error or network request', () => {
    expect(problems).toEqual([]);
  });

  it('has the report title', async () => {
    expect(await page.title()).toMatch(/^c360 run report · customer_analytics_c360 · as of 2024-12-31$/);
  });

  it.each(CHARTS)('shows the %s chart with a non-zero size', async (name) => {
    const svg = page.locator(`figure[data-chart="${name}"] > svg`);
    await svg.scrollIntoViewIfNeeded();
    expect(await svg.isVisible()).toBe(true);
    const box = await svg.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(100);
    // Something was drawn: the chart has visible marks.
    expect(await svg.locator('rect').count()).toBeGreaterThan(3);
  });

  it('shows the lineage graph with every model', async () => {
    const svg = page.locator('#lineage svg');
    expect(await svg.isVisible()).toBe(true);
    expect((await svg.boundingBox())!.width).toBeGreaterThan(400);
    expect(await svg.locator('g[data-node^="model."]').count()).toBe(7);
  });

  it('keeps a full-page screenshot in test-output/report.png', async () => {
    const file = path.join(OUTPUT_DIR, 'report.png');
    fs.rmSync(file, { force: true });
    await page.screenshot({ path: file, fullPage: true });
    // A PNG starts with its 8-byte signature; a full page of this report is well over 100 KB.
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.length).toBeGreaterThan(100_000);
  });
});
