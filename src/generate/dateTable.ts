import { civilFromDay } from './calendar';

/** `YYYY-MM-DD` as ASCII bytes for every day in a range, so hot loops copy instead of compute. */
export class DateTable {
  private readonly bytes: Uint8Array;

  /** Builds the table for days firstDay..lastDay (inclusive; years 0-9999). */
  constructor(
    readonly firstDay: number,
    readonly lastDay: number,
  ) {
    this.bytes = new Uint8Array((lastDay - firstDay + 1) * 10);
    for (let d = firstDay; d <= lastDay; d++) writeIsoDay(this.bytes, (d - firstDay) * 10, d);
  }

  /** Writes day `day` as 10 bytes at `at` in `out`; returns the position after it. */
  write(out: Uint8Array, at: number, day: number): number {
    if (day < this.firstDay || day > this.lastDay) {
      writeIsoDay(out, at, day);
      return at + 10;
    }
    const from = (day - this.firstDay) * 10;
    const src = this.bytes;
    for (let k = 0; k < 10; k++) out[at + k] = src[from + k];
    return at + 10;
  }
}

function writeIsoDay(out: Uint8Array, at: number, day: number): void {
  const [y, m, d] = civilFromDay(day);
  out[at] = 48 + Math.floor(y / 1000);
  out[at + 1] = 48 + (Math.floor(y / 100) % 10);
  out[at + 2] = 48 + (Math.floor(y / 10) % 10);
  out[at + 3] = 48 + (y % 10);
  out[at + 4] = 45;
  out[at + 5] = 48 + Math.floor(m / 10);
  out[at + 6] = 48 + (m % 10);
  out[at + 7] = 45;
  out[at + 8] = 48 + Math.floor(d / 10);
  out[at + 9] = 48 + (d % 10);
}
