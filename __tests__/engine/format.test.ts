import fc from 'fast-check';
import { civilFromDays, civilPacked, daysFromCivil, formatCell, formatDate, formatNumber, formatTimestamp } from '../../src/engine/format';
import { MS_PER_DAY } from '../../src/engine/types';

describe('civilPacked', () => {
  it('packs the civil date as year × 10000 + month × 100 + day, negative years included', () => {
    expect(civilPacked(0)).toBe(19700101);
    expect(civilPacked(19_782)).toBe(20240229);
    expect(civilPacked(-719_468)).toBe(301); // 0000-03-01
    expect(civilPacked(-719_469)).toBe(229); // 0000-02-29 (year 0 is a leap year)
    expect(civilPacked(-719_834)).toBe(-10000 + 301); // -0001-03-01, 366 days before 0000-03-01
  });

  it('agrees with the UTC calendar over ±100,000 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (days) => {
        const d = new Date(days * MS_PER_DAY);
        expect(civilPacked(days)).toBe(d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate());
      }),
    );
  });
});

describe('civilFromDays', () => {
  it('converts known day numbers to calendar dates', () => {
    expect(civilFromDays(0)).toEqual([1970, 1, 1]);
    expect(civilFromDays(-1)).toEqual([1969, 12, 31]);
    expect(civilFromDays(19_723)).toEqual([2024, 1, 1]);
    expect(civilFromDays(19_782)).toEqual([2024, 2, 29]);
    expect(civilFromDays(-719_468)).toEqual([0, 3, 1]);
  });

  it('agrees with the UTC calendar of Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3_000_000, max: 3_000_000 }), (day) => {
        const d = new Date(day * MS_PER_DAY);
        expect(civilFromDays(day)).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('daysFromCivil', () => {
  it('is the inverse of civilFromDays', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3_000_000, max: 3_000_000 }), (day) => {
        const [y, m, d] = civilFromDays(day);
        expect(daysFromCivil(y, m, d)).toBe(day);
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatDate', () => {
  it('prints YYYY-MM-DD with zero padding', () => {
    expect(formatDate(0)).toBe('1970-01-01');
    expect(formatDate(19_723)).toBe('2024-01-01');
    expect(formatDate(-719_162)).toBe('0001-01-01');
  });
});

describe('formatTimestamp', () => {
  it('prints the wall clock, with milliseconds only when present', () => {
    expect(formatTimestamp(0)).toBe('1970-01-01 00:00:00');
    expect(formatTimestamp(19_723 * MS_PER_DAY + 13 * 3_600_000 + 5 * 60_000 + 9_007)).toBe('2024-01-01 13:05:09.007');
  });

  it('prints times before 1970 on the right day', () => {
    expect(formatTimestamp(-1)).toBe('1969-12-31 23:59:59.999');
    expect(formatTimestamp(-MS_PER_DAY)).toBe('1969-12-31 00:00:00');
  });

  it('matches the ISO text of Date in UTC whatever the process time zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 * MS_PER_DAY }), (ms) => {
        const iso = new Date(ms).toISOString();
        const text = formatTimestamp(ms);
        expect(text.slice(0, 19)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatNumber', () => {
  it('prints integers without a fraction and doubles in full precision', () => {
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatNumber(1e21)).toBe('1e+21');
  });

  it('names the special values', () => {
    expect(formatNumber(-0)).toBe('-0');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('Infinity');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
  });
});

describe('formatCell', () => {
  it('prints each type', () => {
    expect(formatCell(null, 'int')).toBe('');
    expect(formatCell(19_723, 'date')).toBe('2024-01-01');
    expect(formatCell(MS_PER_DAY + 1000, 'timestamp')).toBe('1970-01-02 00:00:01');
    expect(formatCell(2.5, 'float64')).toBe('2.5');
    expect(formatCell(7, 'int')).toBe('7');
    expect(formatCell(true, 'bool')).toBe('true');
    expect(formatCell(false, 'bool')).toBe('false');
    expect(formatCell(['a', 'b"'], 'list<string>')).toBe('["a","b\\""]');
    expect(formatCell('text', 'string')).toBe('text');
  });
});
