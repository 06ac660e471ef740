import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataFrame } from '../../src/engine/frame';
import { LazyFrame } from '../../src/engine/plan';
import { col } from '../../src/engine/expr';
import { statusBreakdownChart } from '../../src/charts';
import { DisplayTarget, STDOUT_TARGET, asText, display, findTslabDisplay, isSvg, showOn, svgSummary } from '../../src/notebook';

const FRAME = DataFrame.fromColumns({
  customer_id: { type: 'string', values: ['C1', 'C2', 'C3'] },
  total_spent: { type: 'float64', values: [10.5, null, 3] },
});

const SVG = statusBreakdownChart(DataFrame.fromColumns({ customer_status: { type: 'string', values: ['Active', 'Churned'] } }));

/** A notebook target that records what it was asked to show. */
function recorder(): DisplayTarget & { calls: [string, string][] } {
  const calls: [string, string][] = [];
  return {
    kind: 'notebook',
    calls,
    display: {
      html: (s) => calls.push(['html', s]),
      svg: (s) => calls.push(['svg', s]),
      text: (s) => calls.push(['text', s]),
    },
  };
}

/** Runs `f` and returns what it wrote to stdout. */
function stdoutOf(f: () => void): string {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    f();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

describe('showOn', () => {
  it('shows a DataFrame as an HTML table with column types and the row count', () => {
    const t = recorder();
    showOn(t, FRAME, { maxRows: 2, caption: 'customers' });
    expect(t.calls).toHaveLength(1);
    const [kind, html] = t.calls[0]!;
    expect(kind).toBe('html');
    expect(html).toContain('<caption');
    expect(html).toContain('customer_id<span');
    expect(html).toContain('>float64<');
    expect(html).toContain('3 rows × 2 columns (showing first 2)');
  });

  it('shows an SVG string as an image', () => {
    const t = recorder();
    showOn(t, SVG);
    expect(t.calls).toEqual([['svg', SVG]]);
  });

  it('shows a LazyFrame as its plan, without running it', () => {
    const t = recorder();
    showOn(t, LazyFrame.from(FRAME, 'customers').filter(col('total_spent').gt(5)));
    expect(t.calls[0]![0]).toBe('text');
    expect(t.calls[0]![1]).toMatch(/^LazyFrame \(not run; collect\(\) runs it\)\n/);
    expect(t.calls[0]![1]).toContain('customers');
  });

  it('writes text lines to a text target', () => {
    const lines: string[] = [];
    showOn({ kind: 'text', write: (t) => lines.push(t) }, FRAME, { caption: 'customers' });
    expect(lines).toEqual([`customers\n${FRAME.toString(10)}`]);
  });

  it('shows other values as text', () => {
    const t = recorder();
    showOn(t, 'plain words');
    showOn(t, { a: 1, b: [2, 3] });
    expect(t.calls).toEqual([
      ['text', 'plain words'],
      ['text', '{ a: 1, b: [ 2, 3 ] }'],
    ]);
  });
});

describe('display', () => {
  it('prints a DataFrame as a text table outside a notebook', () => {
    const out = stdoutOf(() => display(FRAME, { maxRows: 2 }));
    expect(out).toContain('customer_id | total_spent');
    expect(out).toContain('... 1 more rows');
    expect(out).toContain('[3 rows x 2 columns]');
  });

  it('prints one line about a chart outside a notebook', () => {
    const out = stdoutOf(() => display(SVG));
    expect(out).toBe(`${svgSummary(SVG)}\n`);
    expect(out).toMatch(/^\[SVG 640×286: Customer status\] /);
  });
});

describe('STDOUT_TARGET', () => {
  it('writes text to stdout with a newline', () => {
    expect(stdoutOf(() => showOn(STDOUT_TARGET, 'hello'))).toBe('hello\n');
  });
});

describe('asText', () => {
  it('gives a frame as a text table, a chart as one line and other values inspected', () => {
    expect(asText(FRAME, { maxRows: 1 })).toBe(FRAME.toString(1));
    expect(asText(SVG)).toBe(svgSummary(SVG));
    expect(asText([1, 'a'])).toBe("[ 1, 'a' ]");
  });
});

describe('isSvg', () => {
  it('recognises SVG documents, with or without an XML declaration', () => {
    expect(isSvg(SVG)).toBe(true);
    expect(isSvg('<?xml version="1.0"?>\n<svg viewBox="0 0 1 1"></svg>')).toBe(true);
    expect(isSvg('<svgfoo>')).toBe(false);
    expect(isSvg('an <svg> in words')).toBe(false);
  });
});

describe('findTslabDisplay', () => {
  it('finds nothing outside a tslab kernel', () => {
    expect(findTslabDisplay({})).toBeNull();
  });

  it('takes display from the tslab copy the kernel has loaded', () => {
    const dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'c360-tslab-')), 'node_modules', 'tslab', 'dist');
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'jupyter.js'), 'exports.lastWriteDisplayData = null;\n');
    fs.writeFileSync(
      path.join(dist, 'public.js'),
      'const shown = [];\nexports.shown = shown;\nexports.display = { html: (s) => shown.push(["html", s]), svg: (s) => shown.push(["svg", s]), text: (s) => shown.push(["text", s]) };\n',
    );
    const kernelModule = path.join(dist, 'jupyter.js');
    const found = findTslabDisplay({ [kernelModule]: undefined });
    expect(found).not.toBeNull();
    showOn({ kind: 'notebook', display: found! }, FRAME);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { shown } = require(path.join(dist, 'public.js')) as { shown: [string, string][] };
    expect(shown.map(([kind]) => kind)).toEqual(['html']);
    expect(shown[0]![1]).toContain('3 rows × 2 columns');
  });

  it('skips a module that does not have a display with html, svg and text', () => {
    const dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'c360-tslab-')), 'tslab', 'dist');
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'public.js'), 'exports.display = { html: () => undefined };\n');
    expect(findTslabDisplay({ [path.join(dist, 'jupyter.js')]: undefined })).toBeNull();
  });
});
