import fc from 'fast-check';
import { parseDate, parseDecimal, parseInteger, parseTimestamp } from '../../src/engine/parse';
import { dateAt, dateIn, decimalAt, decimalIn, integerAt, integerIn, timestampAt, timestampIn } from '../../src/io/field-parsers';

/** Runs a fast path on the text placed inside other text, as the reader does. */
function inPlace(fast: (t: string, start: number, end: number) => number, s: string): number {
  return fast(`x,${s},y`, 2, 2 + s.length);
}

/** The fast path either declines (NaN) or agrees exactly with the engine parser. */
function agrees(fast: (t: string, start: number, end: number) => number, engine: (s: string) => number | undefined, s: string): boolean {
  const v = inPlace(fast, s);
  return Number.isNaN(v) || Object.is(v, engine(s));
}

const digitText = (chars: string, maxLength: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...chars.split('')), { maxLength }).map((a) => a.join(''));

describe('decimalAt', () => {
  it('reads plain decimals in place', () => {
    expect(inPlace(decimalAt, '12.50')).toBe(12.5);
    expect(inPlace(decimalAt, '-0.1')).toBe(-0.1);
    expect(inPlace(decimalAt, '+.5')).toBe(0.5);
    expect(inPlace(decimalAt, '7.')).toBe(7);
    expect(Object.is(inPlace(decimalAt, '-0'), -0)).toBe(true);
  });

  it('declines exponents, long digit strings and anything that is not a decimal', () => {
    for (const s of ['1e5', '1234567890123456', 'N/A', ' 1', '1 ', '.', '-', '1.2.3', '']) expect(inPlace(decimalAt, s)).toBeNaN();
  });

  it('returns exactly what parseDecimal returns whenever it accepts a text', () => {
    fc.assert(fc.property(digitText('0123456789.-+e ', 20), (s) => agrees(decimalAt, parseDecimal, s)), { numRuns: 3000 });
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => agrees(decimalAt, parseDecimal, String(v)) && agrees(decimalAt, parseDecimal, v.toFixed(6))));
  });
});

describe('integerAt', () => {
  it('reads whole numbers in place', () => {
    expect(inPlace(integerAt, '42')).toBe(42);
    expect(inPlace(integerAt, '-7')).toBe(-7);
    expect(inPlace(integerAt, '+3')).toBe(3);
    expect(inPlace(integerAt, '007')).toBe(7);
  });

  it('declines fractions, signs alone and numbers of more than 15 digits', () => {
    for (const s of ['1.0', '-', '+', 'two', '1234567890123456', ' 1']) expect(inPlace(integerAt, s)).toBeNaN();
  });

  it('returns exactly what parseInteger returns whenever it accepts a text', () => {
    fc.assert(fc.property(digitText('0123456789-+. ', 18), (s) => agrees(integerAt, parseInteger, s)), { numRuns: 3000 });
  });
});

describe('dateAt', () => {
  it('reads valid dates in place and declines impossible ones', () => {
    expect(inPlace(dateAt, '1970-01-01')).toBe(0);
    expect(inPlace(dateAt, '2024-02-29')).toBe(19_782);
    expect(inPlace(dateAt, '2024-02-30')).toBeNaN();
    expect(inPlace(dateAt, '2023-02-29')).toBeNaN();
    expect(inPlace(dateAt, '1900-02-29')).toBeNaN();
    expect(inPlace(dateAt, '2000-02-29')).toBe(11_016);
    expect(inPlace(dateAt, '2024-1-01')).toBeNaN();
  });

  it('returns exactly what parseDate returns whenever it accepts a text', () => {
    const date = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
      ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    );
    fc.assert(fc.property(date, (s) => agrees(dateAt, parseDate, s) && Number.isNaN(inPlace(dateAt, s)) === (parseDate(s) === undefined)), { numRuns: 3000 });
    fc.assert(fc.property(digitText('0123456789-', 12), (s) => agrees(dateAt, parseDate, s)), { numRuns: 2000 });
  });
});

describe('dateAt on whole calendars', () => {
  it('agrees with parseDate on every month and day number of many years, leap centuries included', () => {
    const years = [0, 1, 4, 100, 400, 1600, 1700, 1800, 2000, 2100, 2400, 9999];
    for (let y = 1890; y <= 2110; y++) years.push(y);
    let mismatches = 0;
    let valid = 0;
    for (const y of years) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const expected = parseDate(s);
          const got = inPlace(dateAt, s);
          if (expected === undefined ? !Number.isNaN(got) : got !== expected) mismatches++;
          if (expected !== undefined) valid++;
        }
      }
    }
    expect(valid).toBeGreaterThan(years.length * 365 - 1);
    expect(mismatches).toBe(0);
  });
});

describe('timestampAt', () => {
  it('reads timestamps with a space or a T in place', () => {
    expect(inPlace(timestampAt, '1970-01-01 00:00:01')).toBe(1000);
    expect(inPlace(timestampAt, '1970-01-02T01:02:03')).toBe(86_400_000 + 3_723_000);
  });

  it('declines fractions and bare dates (the engine parser reads those)', () => {
    expect(inPlace(timestampAt, '1970-01-01 00:00:01.5')).toBeNaN();
    expect(inPlace(timestampAt, '1970-01-01')).toBeNaN();
    expect(inPlace(timestampAt, '1970-01-01 24:00:00')).toBeNaN();
  });

  it('returns exactly what parseTimestamp returns whenever it accepts a text', () => {
    const two = (max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map((v) => String(v).padStart(2, '0'));
    const stamp = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), two(13), two(31), fc.constantFrom(' ', 'T', '_'), two(25), two(61), two(61))
      .map(([y, mo, d, sep, h, mi, s]) => `${String(y).padStart(4, '0')}-${mo}-${d}${sep}${h}:${mi}:${s}`);
    fc.assert(fc.property(stamp, (s) => agrees(timestampAt, parseTimestamp, s) && Number.isNaN(inPlace(timestampAt, s)) === (parseTimestamp(s) === undefined)), { numRuns: 3000 });
  });
});

describe('the byte versions of the fast paths', () => {
  /** The byte version on the text's bytes gives what the text version gives (both NaN, or the same number). */
  function same(text: (t: string, start: number, end: number) => number, bytes: (b: Uint8Array, start: number, end: number) => number, s: string): boolean {
    const t = `x,${s},y`;
    return Object.is(text(t, 2, 2 + s.length), bytes(Buffer.from(t, 'latin1'), 2, 2 + s.length));
  }

  it('read decimals, integers, dates and timestamps from ASCII bytes as the text versions read the text', () => {
    const ascii = (chars: string, n: number): fc.Arbitrary<string> => digitText(chars, n);
    fc.assert(fc.property(ascii('0123456789.-+e ', 20), (s) => same(decimalAt, decimalIn, s)), { numRuns: 3000 });
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => same(decimalAt, decimalIn, String(v)) && same(decimalAt, decimalIn, v.toFixed(4))));
    fc.assert(fc.property(ascii('0123456789-+. ', 18), (s) => same(integerAt, integerIn, s)), { numRuns: 3000 });
    const two = (max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map((v) => String(v).padStart(2, '0'));
    const day = fc.tuple(fc.integer({ min: 0, max: 9999 }), two(13), two(32)).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${m}-${d}`);
    fc.assert(fc.property(day, (s) => same(dateAt, dateIn, s)), { numRuns: 3000 });
    fc.assert(fc.property(ascii('0123456789-', 12), (s) => same(dateAt, dateIn, s)), { numRuns: 2000 });
    const stamp = fc
      .tuple(day, fc.constantFrom(' ', 'T', '_'), two(25), two(61), two(61), fc.constantFrom(':', '.'))
      .map(([d, sep, h, mi, sec, colon]) => `${d}${sep}${h}${colon}${mi}:${sec}`);
    fc.assert(fc.property(stamp, (s) => same(timestampAt, timestampIn, s)), { numRuns: 3000 });
    for (const s of ['-0', '+.5', '7.', '', '-', '2024-02-29 23:59:59', '2023-02-29 00:00:00', '1970-01-01T00:00:01']) {
      expect(same(decimalAt, decimalIn, s) && same(integerAt, integerIn, s) && same(dateAt, dateIn, s) && same(timestampAt, timestampIn, s)).toBe(true);
    }
  });
});
