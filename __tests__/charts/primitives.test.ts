import { escapeXml, fitText, num, svgDocument, tag, text } from '../../src/charts/svg';
import { formatCompact, formatCount, formatMoney, formatMoneyCompact, formatPercent, groupDigits } from '../../src/charts/format';
import { bandScale, linearScale, niceTicks } from '../../src/charts/scale';
import { rampColor, textOn } from '../../src/charts/theme';
import { binValues, histogram } from '../../src/charts/histogram';
import { barChart } from '../../src/charts/barChart';
import { heatmap } from '../../src/charts/heatmap';
import { stackedBarChart } from '../../src/charts/stackedBarChart';
import { svgTexts, xmlProblems } from './fixtures';

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
});

describe('num', () => {
  it('writes at most two decimals, without trailing zeros or a negative zero', () => {
    expect([num(1), num(1.006), num(2.5), num(1 / 3), num(-0.001), num(120)]).toEqual(['1', '1.01', '2.5', '0.33', '0', '120']);
  });

  it('refuses a coordinate that is not a finite number', () => {
    expect(() => num(NaN)).toThrow(/finite/);
  });
});

describe('tag', () => {
  it('leaves out undefined and null attributes and escapes values', () => {
    expect(tag('rect', { x: 1.234, y: undefined, fill: null, 'data-name': 'a"b' })).toBe('<rect x="1.23" data-name="a&quot;b"/>');
  });
});

describe('text', () => {
  it('escapes its content', () => {
    expect(text(0, 0, 'a < b & c')).toBe('<text x="0" y="0">a &lt; b &amp; c</text>');
  });
});

describe('svgDocument', () => {
  it('writes the namespace, size, viewBox, role and an escaped title', () => {
    const svg = svgDocument({ width: 100, height: 50, title: 'A & B', name: 'x' }, []);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="100" height="50" viewBox="0 0 100 50" role="img" data-chart="x"/);
    expect(svg).toContain('<title>A &amp; B</title>');
    expect(xmlProblems(svg)).toEqual([]);
  });
});

describe('fitText', () => {
  it('shortens a text that is too wide with an ellipsis and keeps one that fits', () => {
    expect(fitText('short', 200, 12)).toBe('short');
    const cut = fitText('a rather long category label', 60, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(20);
  });
});

describe('groupDigits', () => {
  it('groups thousands without the locale and keeps the sign', () => {
    expect([groupDigits(1234567.891, 2), groupDigits(-1000), groupDigits(999), groupDigits(-0.001, 2)]).toEqual(['1,234,567.89', '-1,000', '999', '0.00']);
  });
});

describe('formatCompact', () => {
  it('abbreviates thousands, millions and billions', () => {
    expect([0, 7, 2.5, 12.5, 950, 1200, 15000, 250000, 3_400_000, 1.1e9].map(formatCompact)).toEqual(['0', '7', '2.5', '12.5', '950', '1.2k', '15k', '250k', '3.4M', '1.1B']);
  });
});

describe('formatMoney', () => {
  it('writes dollars with cents, compact or in full', () => {
    expect([formatMoney(1234.5), formatMoney(-3), formatMoneyCompact(176_000), formatMoneyCompact(-50)]).toEqual(['$1,234.50', '-$3.00', '$176k', '-$50']);
  });
});

describe('formatPercent', () => {
  it('gives one decimal at most and 0% of nothing', () => {
    expect([formatPercent(1, 3), formatPercent(1, 2), formatPercent(0, 0)]).toEqual(['33.3%', '50%', '0%']);
  });
});

describe('formatCount', () => {
  it('rounds to a whole number with separators', () => {
    expect(formatCount(12345.6)).toBe('12,346');
  });
});

describe('niceTicks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(0, 87, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 1179, 5)).toEqual([0, 250, 500, 750, 1000, 1250]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('gives a unit range for an all-zero domain', () => {
    expect(niceTicks(0, 0, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('linearScale', () => {
  it('maps the domain onto the range, inverted ranges included', () => {
    const y = linearScale([0, 10], [100, 0]);
    expect([y(0), y(5), y(10)]).toEqual([100, 50, 0]);
  });
});

describe('bandScale', () => {
  it('spaces bands evenly with padding between them', () => {
    const x = bandScale(2, [0, 100], 0.25);
    expect(x.start(0)).toBeCloseTo(x.step * 0.25);
    expect(x.start(1) - x.start(0)).toBeCloseTo(x.step);
    // The same gap after the last band as before the first.
    expect(x.start(1) + x.bandwidth).toBeCloseTo(100 - x.step * 0.25);
  });
});

describe('rampColor', () => {
  it('runs from the first to the last stop', () => {
    expect(rampColor(0, ['#000000', '#ffffff'])).toBe('#000000');
    expect(rampColor(1, ['#000000', '#ffffff'])).toBe('#ffffff');
    expect(rampColor(0.5, ['#000000', '#ffffff'])).toBe('#808080');
    expect(rampColor(7, ['#000000', '#ffffff'])).toBe('#ffffff');
  });
});

describe('textOn', () => {
  it('picks white text on dark colours and dark text on light ones', () => {
    expect(textOn('#0c2c84')).toBe('#ffffff');
    expect(textOn('#ffffd9')).not.toBe('#ffffff');
  });
});

describe('binValues', () => {
  it('counts values into equal bins, the top edge into the last bin', () => {
    expect(binValues([1, 1.5, 2, 2.99, 3, 4], [1, 3], 1)).toEqual([
      { x0: 1, x1: 2, count: 2 },
      { x0: 2, x1: 3, count: 3 },
    ]);
  });

  it('keeps values on an edge in the upper bin despite rounding', () => {
    const bins = binValues([4 / 3, 5 / 3], [1, 2], 1 / 3);
    expect(bins.map((b) => b.count)).toEqual([0, 1, 1]);
  });

  it('refuses a bin width that is not positive', () => {
    expect(() => binValues([1], [0, 1], 0)).toThrow(/positive width/);
  });
});

describe('barChart', () => {
  it('draws one bar per datum with its label and value', () => {
    const svg = barChart({ title: 'T', data: [{ label: 'a', value: 1 }, { label: 'b', value: 3, note: '(75%)' }], valueTitle: 'n', format: String });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['a', '1', 'b', '3 (75%)']));
  });

  it('says so when there is nothing to draw', () => {
    expect(svgTexts(barChart({ title: 'T', data: [], valueTitle: 'n', format: String }))).toContain('No data');
  });
});

describe('histogram', () => {
  it('draws only the bins that hold values', () => {
    const svg = histogram({ title: 'H', bins: binValues([1, 1, 3], [0, 4], 1), valueTitle: 'v', countTitle: 'n' });
    expect(svg.match(/<rect /g)).toHaveLength(2);
  });
});

describe('stackedBarChart', () => {
  it('labels each stack with its total', () => {
    const svg = stackedBarChart({ title: 'S', categories: ['x', 'y'], series: [{ label: 'p' }, { label: 'q' }], values: [[1, 2], [0, 4]], categoryTitle: 'c', valueTitle: 'v' });
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['3', '4', 'x', 'y', 'p', 'q']));
  });
});

describe('heatmap', () => {
  it('draws every cell, empty ones included, with their labels', () => {
    const svg = heatmap({
      title: 'M',
      xs: ['a', 'b'],
      ys: ['r'],
      cells: [[{ value: 1, label: 'one' }, { value: null }]],
      domain: [0, 1],
      xTitle: 'x',
      yTitle: 'y',
      legendTitle: 'v',
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/class="cell"/g)).toHaveLength(2);
    expect(svgTexts(svg)).toContain('one');
  });
});
