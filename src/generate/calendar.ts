/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian), with no
 * `Date` object anywhere, so generated data never depends on the machine's time zone.
 */

import { civilFromDays, daysFromCivil } from '../engine/format';

/** The civil date of a day number, as [year, month 1-12, day 1-31] (the engine's calendar). */
export const civilFromDay = civilFromDays;

/** The day number of a civil date (month 1-12, day 1-31) (the engine's calendar). */
export const dayFromCivil = daysFromCivil;

/** Seconds in a day. */
export const SECONDS_PER_DAY = 86400;



/** True for Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day of week of a day number: 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Parses a strict `YYYY-MM-DD` date into its day number, or returns undefined. */
export function parseIsoDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayFromCivil(year, month, day);
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats a day number as `YYYY-MM-DD` (years 0-9999). */
export function formatIsoDay(dayNumber: number): string {
  const [y, m, d] = civilFromDay(dayNumber);
  return `${String(y).padStart(4, '0')}-${two(m)}-${two(d)}`;
}

/** Formats a day number and second of day as `YYYY-MM-DD HH:MM:SS`. */
export function formatTimestamp(dayNumber: number, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const mi = Math.floor((secondOfDay % 3600) / 60);
  return `${formatIsoDay(dayNumber)} ${two(h)}:${two(mi)}:${two(secondOfDay % 60)}`;
}
