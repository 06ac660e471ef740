import { DataFrame } from '../../src/engine/frame';
import { escapeHtml, toHTML } from '../../src/io/html';

const frame = DataFrame.fromColumns({
  name: { type: 'string', values: ['<b>Ann & "Bo"</b>', null, 'Cy'] },
  amount: { type: 'float64', values: [1.5, -2, null] },
  day: { type: 'date', values: [19_724, null, 0] },
});

describe('toHTML', () => {
  it('renders a table with typed headers, escaped text, right-aligned numbers and muted nulls', () => {
    const html = toHTML(frame);
    expect(html.startsWith('<table class="c360-frame"')).toBe(true);
    expect(html).toContain('name<span');
    expect(html).toContain('>float64</span>');
    expect(html).toContain('&lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;');
    expect(html).not.toContain('<b>Ann');
    expect(html).toMatch(/<td style="[^"]*text-align:right[^"]*">1\.5<\/td>/);
    expect(html).toMatch(/<td style="[^"]*text-align:left[^"]*">2024-01-02<\/td>/);
    expect(html.match(/font-style:italic">null<\/span>/g)?.length).toBe(3);
    expect(html).toContain('3 rows × 3 columns</td>');
    expect(html).not.toContain('showing');
    expect(html).not.toMatch(/<link|<script|<style/);
  });

  it('shows only the first rows and says so', () => {
    const html = toHTML(frame, { maxRows: 2, caption: 'Top <2>' });
    expect(html.match(/<tr>/g)?.length).toBe(4); // header, 2 rows, footer
    expect(html).toContain('3 rows × 3 columns (showing first 2)');
    expect(html).toContain('>Top &lt;2&gt;</caption>');
  });

  it('renders a frame without rows', () => {
    expect(toHTML(DataFrame.fromColumns({ a: { type: 'int', values: [] } }))).toContain('0 rows × 1 column</td>');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
