/**
 * Strict text → value parsers shared by the CSV reader and casts. Each returns `undefined` when
 * the text is not a valid value of its type (the caller decides what a bad value means).
 */
import { daysFromCivil } from './format';
import { MS_PER_DAY } from './types';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** Parses plain decimal notation (optionally with an exponent) to a finite double. */
export function parseDecimal(s: string): number | undefined {
  if (!DECIMAL.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/** Parses a whole number that fits a double exactly (|v| <= 2^53 - 1). */
export function parseInteger(s: string): number | undefined {
  if (!INTEGER.test(s)) return undefined;
  const v = Number(s);
  // `+ 0` turns -0 into 0: integers have no signed zero.
  return Number.isSafeInteger(v) ? v + 0 : undefined;
}

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Parses `YYYY-MM-DD` to days since 1970-01-01; rejects impossible dates such as 2024-02-30. */
export function parseDate(s: string): number | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return daysFromCivil(y, m, d);
}

/**
 * Parses a naive timestamp: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS`, with an
 * optional fraction of a second, to milliseconds since 1970-01-01 00:00:00 of the same wall clock.
 */
export function parseTimestamp(s: string): number | undefined {
  const day = parseDate(s.length > 10 ? s.slice(0, 10) : s);
  if (day === undefined) return undefined;
  if (s.length === 10) return day * MS_PER_DAY;
  const sep = s.charCodeAt(10);
  if ((sep !== 32 && sep !== 84) || s.length < 19 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
  let ms = 0;
  if (s.length > 19) {
    if (s.charCodeAt(19) !== 46 || s.length === 20) return undefined;
    const frac = s.slice(20);
    if (!/^\d+$/.test(frac)) return undefined;
    ms = Math.round(Number(`0.${frac}`) * 1000);
  }
  return day * MS_PER_DAY + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
}

/** Parses `true`/`false` (any case), `1`/`0`. */
export function parseBool(s: string): boolean | undefined {
  const t = s.toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}
