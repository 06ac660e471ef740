/**
 * Fast paths of the engine's strict parsers that read a value straight out of a range of the file
 * text, without cutting a substring. Each handles only the common shapes and returns NaN for
 * anything else, and the caller then asks the engine parser (`parseDecimal`, `parseInteger`,
 * `parseDate`, `parseTimestamp`), which stays the single definition of what is valid. For every
 * text a fast path accepts, it returns exactly what the engine parser returns (property-tested in
 * `__tests__/io/field-parsers.test.ts`).
 */
import { daysFromCivil } from '../engine/format';
import { MS_PER_DAY } from '../engine/types';

/** Exact powers of ten (10^22 is the largest a double holds exactly). */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * `[+-]digits[.digits]` with at most 15 digits in all, as a double; NaN for any other text.
 * The digits form an integer m < 2^53 and the point divides by an exact power of ten, so the one
 * division is correctly rounded: the result equals `Number(text)`.
 */
export function decimalAt(t: string, start: number, end: number): number {
  let i = start;
  let c = t.charCodeAt(i);
  const negative = c === 45;
  if (negative || c === 43) i++;
  let m = 0;
  let digits = 0;
  let scale = -1; // digits after the point; -1 before a point is seen
  for (; i < end; i++) {
    c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = scale > 0 ? m / POW10[scale]! : m;
  return negative ? -v : v;
}

/** `[+-]digits` with at most 15 digits, as a number; NaN for any other text. */
export function integerAt(t: string, start: number, end: number): number {
  let i = start;
  let c = t.charCodeAt(i);
  const negative = c === 45;
  if (negative || c === 43) i++;
  if (i === end || end - i > 15) return NaN;
  let m = 0;
  for (; i < end; i++) {
    c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    m = m * 10 + c;
  }
  return negative ? 0 - m : m; // 0 - 0 is +0, as parseInteger gives (integers have no signed zero)
}

/** Days since 1970-01-01 of January 1st of each year 0..9999. */
const YEAR_START = new Float64Array(10000);
for (let y = 0; y < 10000; y++) YEAR_START[y] = daysFromCivil(y, 1, 1);

/** Days before the 1st of each month (1-based) in a common year; `MONTH_START_LEAP` in a leap year. */
const MONTH_START = Int32Array.from([0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]);
const MONTH_START_LEAP = Int32Array.from([0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335]);

function twoDigits(t: string, i: number): number {
  const a = t.charCodeAt(i) - 48;
  const b = t.charCodeAt(i + 1) - 48;
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
}

/**
 * Days since 1970-01-01 of the date whose year is written `hi` `lo` (two-digit halves), month m
 * and day d, each -1 when its digits were not digits; NaN when it is not a real date.
 */
function civilDay(hi: number, lo: number, m: number, d: number): number {
  if (hi < 0 || lo < 0 || m < 1 || m > 12 || d < 1) return NaN;
  const y = hi * 100 + lo;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d > dim ? NaN : YEAR_START[y]! + (leap ? MONTH_START_LEAP[m]! : MONTH_START[m]!) + d - 1;
}

/** Days since 1970-01-01 of a valid `YYYY-MM-DD` at t[i, i + 10); NaN otherwise. */
function dayAt(t: string, i: number): number {
  if (t.charCodeAt(i + 4) !== 45 || t.charCodeAt(i + 7) !== 45) return NaN;
  const hi = twoDigits(t, i);
  const lo = twoDigits(t, i + 2);
  const m = twoDigits(t, i + 5);
  const d = twoDigits(t, i + 8);
  return civilDay(hi, lo, m, d);
}

/** A valid `YYYY-MM-DD` as days since 1970-01-01; NaN for any other text. */
export function dateAt(t: string, start: number, end: number): number {
  return end - start === 10 ? dayAt(t, start) : NaN;
}

/** A valid `YYYY-MM-DD HH:MM:SS` (or with `T`) as naive milliseconds; NaN for any other text. */
export function timestampAt(t: string, start: number, end: number): number {
  if (end - start !== 19) return NaN;
  const sep = t.charCodeAt(start + 10);
  if ((sep !== 32 && sep !== 84) || t.charCodeAt(start + 13) !== 58 || t.charCodeAt(start + 16) !== 58) return NaN;
  const day = dayAt(t, start);
  const h = twoDigits(t, start + 11);
  const mi = twoDigits(t, start + 14);
  const s = twoDigits(t, start + 17);
  if (Number.isNaN(day) || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return NaN;
  return day * MS_PER_DAY + h * 3_600_000 + mi * 60_000 + s * 1000;
}

/*
 * The same fast paths over bytes: for a block of ASCII text, whose character i is byte i, the
 * reader reads fields from the bytes (an array load is cheaper than `charCodeAt`). Each returns
 * what its text version returns for the same characters (tested in field-parsers.test.ts).
 */

/** `decimalAt` of the ASCII bytes b[start, end). */
export function decimalIn(b: Uint8Array, start: number, end: number): number {
  let i = start;
  let c = b[i]!;
  const negative = c === 45;
  if (negative || c === 43) i++;
  let m = 0;
  let digits = 0;
  let scale = -1;
  for (; i < end; i++) {
    c = b[i]!;
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = scale > 0 ? m / POW10[scale]! : m;
  return negative ? -v : v;
}

/** `integerAt` of the ASCII bytes b[start, end). */
export function integerIn(b: Uint8Array, start: number, end: number): number {
  let i = start;
  let c = b[i]!;
  const negative = c === 45;
  if (negative || c === 43) i++;
  if (i === end || end - i > 15) return NaN;
  let m = 0;
  for (; i < end; i++) {
    c = b[i]! - 48;
    if (c < 0 || c > 9) return NaN;
    m = m * 10 + c;
  }
  return negative ? 0 - m : m;
}

function twoDigitsIn(b: Uint8Array, i: number): number {
  const x = b[i]! - 48;
  const y = b[i + 1]! - 48;
  return x < 0 || x > 9 || y < 0 || y > 9 ? -1 : x * 10 + y;
}

function dayIn(b: Uint8Array, i: number): number {
  if (b[i + 4] !== 45 || b[i + 7] !== 45) return NaN;
  const hi = twoDigitsIn(b, i);
  const lo = twoDigitsIn(b, i + 2);
  const m = twoDigitsIn(b, i + 5);
  const d = twoDigitsIn(b, i + 8);
  return civilDay(hi, lo, m, d);
}

/** `dateAt` of the ASCII bytes b[start, end). */
export function dateIn(b: Uint8Array, start: number, end: number): number {
  return end - start === 10 ? dayIn(b, start) : NaN;
}

/** `timestampAt` of the ASCII bytes b[start, end). */
export function timestampIn(b: Uint8Array, start: number, end: number): number {
  if (end - start !== 19) return NaN;
  const sep = b[start + 10];
  if ((sep !== 32 && sep !== 84) || b[start + 13] !== 58 || b[start + 16] !== 58) return NaN;
  const day = dayIn(b, start);
  const h = twoDigitsIn(b, start + 11);
  const mi = twoDigitsIn(b, start + 14);
  const s = twoDigitsIn(b, start + 17);
  if (day !== day || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return NaN;
  return day * MS_PER_DAY + h * 3_600_000 + mi * 60_000 + s * 1000;
}
