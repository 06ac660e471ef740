import fc from 'fast-check';
import { formatDate, formatTimestamp } from '../../src/engine/format';
import { parseBool, parseDate, parseDecimal, parseInteger, parseTimestamp } from '../../src/engine/parse';
import { MS_PER_DAY } from '../../src/engine/types';

describe('parseDecimal', () => {
  it('parses plain decimals, signs, exponents and bare fractions', () => {
    expect(parseDecimal('12.50')).toBe(12.5);
    expect(parseDecimal('-3')).toBe(-3);
    expect(parseDecimal('+4.')).toBe(4);
    expect(parseDecimal('.25')).toBe(0.25);
    expect(parseDecimal('1e3')).toBe(1000);
    expect(parseDecimal('2.5E-2')).toBe(0.025);
  });

  it('rejects text that is not a plain decimal', () => {
    for (const s of ['', ' ', '1 ', ' 1', 'abc', '1,5', '0x10', '1e', '.', '-', 'NaN', 'Infinity', '1_000', '١٢']) expect(parseDecimal(s)).toBeUndefined();
  });

  it('rejects numbers that overflow to infinity', () => {
    expect(parseDecimal('1e400')).toBeUndefined();
  });

  it('keeps the sign of negative zero', () => {
    expect(Object.is(parseDecimal('-0.0'), -0)).toBe(true);
  });
});

describe('parseInteger', () => {
  it('parses whole numbers with an optional sign', () => {
    expect(parseInteger('42')).toBe(42);
    expect(parseInteger('-7')).toBe(-7);
    expect(parseInteger('+0007')).toBe(7);
  });

  it('gives zero, not negative zero, for -0', () => {
    expect(Object.is(parseInteger('-0'), 0)).toBe(true);
  });

  it('rejects fractions, blanks and numbers beyond 2^53', () => {
    for (const s of ['1.0', '', ' 1', '1e3', '9007199254740993', 'x']) expect(parseInteger(s)).toBeUndefined();
    expect(parseInteger('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('parseDate', () => {
  it('parses YYYY-MM-DD to days since 1970-01-01', () => {
    expect(parseDate('1970-01-01')).toBe(0);
    expect(parseDate('1970-01-02')).toBe(1);
    expect(parseDate('1969-12-31')).toBe(-1);
    expect(parseDate('2024-01-01')).toBe(19_723);
    expect(parseDate('2000-02-29')).toBe(11_016);
  });

  it('rejects impossible dates and other shapes', () => {
    for (const s of ['2024-02-30', '2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-01-00', '2024-1-01', '2024/01/01', '24-01-01', '2024-01-01 ', 'abcd-ef-gh', '']) {
      expect(parseDate(s)).toBeUndefined();
    }
  });

  it('agrees with the calendar of Date.UTC for every day of a wide range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
        expect(parseDate(text)).toBe(day);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseTimestamp', () => {
  it('parses a date alone as midnight', () => {
    expect(parseTimestamp('2024-01-01')).toBe(19_723 * MS_PER_DAY);
  });

  it('parses a space or T separator and a fraction of a second, as wall-clock digits', () => {
    const base = 19_723 * MS_PER_DAY + 13 * 3_600_000 + 5 * 60_000 + 9_000;
    expect(parseTimestamp('2024-01-01 13:05:09')).toBe(base);
    expect(parseTimestamp('2024-01-01T13:05:09')).toBe(base);
    expect(parseTimestamp('2024-01-01 13:05:09.5')).toBe(base + 500);
    expect(parseTimestamp('2024-01-01 13:05:09.123')).toBe(base + 123);
  });

  it('parses times before 1970', () => {
    expect(parseTimestamp('1969-12-31 23:59:59')).toBe(-1000);
  });

  it('rejects bad times, zones and truncated text', () => {
    for (const s of ['2024-01-01 24:00:00', '2024-01-01 10:60:00', '2024-01-01 10:00:60', '2024-01-01 10:00', '2024-01-01X10:00:00', '2024-01-01 10:00:00.', '2024-01-01 10:00:00Z', '2024-01-01 10:00:00.12a', '2024-02-30 10:00:00', '']) {
      expect(parseTimestamp(s)).toBeUndefined();
    }
  });

  it('does not depend on the process time zone (it reads digits, not local time)', () => {
    expect(parseTimestamp('2024-03-31 02:30:00')).toBe(Date.UTC(2024, 2, 31, 2, 30, 0));
  });

  it('round-trips with formatTimestamp', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50_000 * MS_PER_DAY, max: 50_000 * MS_PER_DAY }), (ms) => {
        expect(parseTimestamp(formatTimestamp(ms))).toBe(ms);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseBool', () => {
  it('parses true/false in any case and 1/0', () => {
    expect(['true', 'TRUE', 'True', '1'].map(parseBool)).toEqual([true, true, true, true]);
    expect(['false', 'FALSE', '0'].map(parseBool)).toEqual([false, false, false]);
  });

  it('rejects anything else', () => {
    for (const s of ['', 'yes', 'no', 't', '2', ' true']) expect(parseBool(s)).toBeUndefined();
  });
});

describe('parseDate and formatDate', () => {
  it('round-trip for every day of a wide range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0 - 719_162, max: 2_932_896 }), (day) => {
        expect(parseDate(formatDate(day))).toBe(day);
      }),
      { numRuns: 300 },
    );
  });
});
