/**
 * Number labels of charts, written without the locale (the same text on every machine).
 */

/** Digits grouped by thousands: 1234567.891 with 2 decimals → `1,234,567.89`. */
export function groupDigits(x: number, decimals = 0): string {
  const fixed = Math.abs(x).toFixed(decimals);
  const [whole, frac] = fixed.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = x < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** A count: `12,345`. */
export function formatCount(n: number): string {
  return groupDigits(n, 0);
}

/** A compact number for axis ticks and bar labels: `950`, `1.2k`, `3.4M`, `1.1B`. */
export function formatCompact(x: number): string {
  const a = Math.abs(x);
  const units: readonly [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (a >= size) {
      const v = x / size;
      const digits = Math.abs(v) >= 100 ? 0 : 1;
      return `${trimZeros(v.toFixed(digits))}${suffix}`;
    }
  }
  return trimZeros(x.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2));
}

/** Money, compact: `$1.2M`, `$950`. */
export function formatMoneyCompact(x: number): string {
  return x < 0 ? `-$${formatCompact(-x)}` : `$${formatCompact(x)}`;
}

/** Money with cents: `$1,234.50`. */
export function formatMoney(x: number): string {
  return x < 0 ? `-$${groupDigits(-x, 2)}` : `$${groupDigits(x, 2)}`;
}

/** A share as a percentage with one decimal: `12.5%` (`0%` for an empty whole). */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '0%';
  return `${trimZeros(((100 * part) / whole).toFixed(1))}%`;
}

function trimZeros(s: string): string {
  const t = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return t === '-0' ? '0' : t;
}
