/**
 * Text forms of values, shared by the CSV writer, explain output and table printing.
 */
import { CellValue, DataType, MS_PER_DAY } from './types';

/**
 * The civil date of days since 1970-01-01 as one number, year × 10000 + month × 100 + day
 * (proleptic Gregorian, no time zone; Hinnant's civil_from_days), for hot loops that must not
 * allocate. `Math.floor(p / 10000)` is the year (negative years too), `Math.floor(p / 100) % 100`
 * the month once the year is taken off, `p % 100` the day.
 */
export function civilPacked(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (m <= 2 ? 1 : 0)) * 10000 + m * 100 + d;
}

/** Converts days since 1970-01-01 to [year, month (1-12), day]. Pure arithmetic, no time zone. */
export function civilFromDays(days: number): [number, number, number] {
  const p = civilPacked(days);
  const y = Math.floor(p / 10000);
  const md = p - y * 10000;
  return [y, Math.floor(md / 100), md % 100];
}

/** Converts a civil date to days since 1970-01-01. Pure arithmetic, no time zone. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function pad(n: number, w: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= w ? s : '0'.repeat(w - s.length) + s);
}

/** `YYYY-MM-DD` of a day number. */
export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** `YYYY-MM-DD HH:MM:SS` (with `.fff` when the milliseconds are not zero) of a naive timestamp. */
export function formatTimestamp(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  const frac = Math.round(rest - s * 1000);
  const base = `${formatDate(days)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`;
  return frac === 0 ? base : `${base}.${pad(frac, 3)}`;
}

/** Shortest round-trip text of a number (full precision); integers without a fraction. */
export function formatNumber(v: number): string {
  if (Object.is(v, -0)) return '-0';
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return String(v);
}

/** The text of a cell for display and CSV output ('' for null). */
export function formatCell(v: CellValue, type: DataType): string {
  if (v === null) return '';
  switch (type) {
    case 'date':
      return formatDate(v as number);
    case 'timestamp':
      return formatTimestamp(v as number);
    case 'float64':
    case 'int':
      return formatNumber(v as number);
    case 'bool':
      return v ? 'true' : 'false';
    case 'list<string>':
      return JSON.stringify(v);
    default:
      return v as string;
  }
}
