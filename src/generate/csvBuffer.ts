import { DateTable } from './dateTable';
import { FileSink } from './fileSink';

/** Buffered bytes are handed to the file once a chunk reaches this size. */
const CHUNK_BYTES = 1 << 20;
/** Room above CHUNK_BYTES for the row being written (rows are far shorter). */
const SLACK_BYTES = 1 << 16;

const encoder = new TextEncoder();
const COMMA = 44;
const NEWLINE = 10;
const QUOTE = 34;
const ZERO = 48;
/** Tens and ones digit (ASCII) of 0..99. */
const TENS = Uint8Array.from({ length: 100 }, (_, i) => ZERO + Math.floor(i / 10));
const ONES = Uint8Array.from({ length: 100 }, (_, i) => ZERO + (i % 10));

/**
 * Writes CSV rows as bytes into ~1 MiB chunks and hands full chunks to a file sink. Fields are
 * written with typed calls (`int`, `cents`, `date`...); callers write separators themselves and
 * end each row with `endRow()`. Strings that may need quoting go through `text`; fixed strings
 * are pre-encoded once (see csvText) and copied with `raw`.
 */
export class CsvBuffer {
  rows = 0;
  private buf: Uint8Array = new Uint8Array(CHUNK_BYTES + SLACK_BYTES);
  private pos = 0;
  private readonly spare: Uint8Array[] = [];

  constructor(
    private readonly sink: FileSink,
    private readonly dates: DateTable,
  ) {}

  /** Writes the header line (it is not counted as a row). */
  header(line: string): void {
    this.ascii(line);
  }

  /** Writes a comma. */
  sep(): void {
    this.buf[this.pos++] = COMMA;
  }

  /** Ends the row (LF) and hands the chunk to the file when it is full. */
  endRow(): void {
    this.buf[this.pos++] = NEWLINE;
    this.rows++;
    if (this.pos >= CHUNK_BYTES) this.flush();
  }

  /** Writes one byte (an ASCII character code). */
  byte(code: number): void {
    this.buf[this.pos++] = code;
  }

  /** Copies pre-encoded bytes. */
  raw(bytes: Uint8Array): void {
    const buf = this.buf;
    const n = bytes.length;
    let p = this.pos;
    let k = 0;
    // Four bytes per step: these short copies are the generator's hottest loop.
    for (; k + 4 <= n; k += 4, p += 4) {
      buf[p] = bytes[k];
      buf[p + 1] = bytes[k + 1];
      buf[p + 2] = bytes[k + 2];
      buf[p + 3] = bytes[k + 3];
    }
    for (; k < n; k++) buf[p++] = bytes[k];
    this.pos = p;
  }

  /** Writes a string known to be ASCII without commas, quotes or line breaks. */
  ascii(text: string): void {
    const buf = this.buf;
    let p = this.pos;
    for (let k = 0; k < text.length; k++) buf[p++] = text.charCodeAt(k);
    this.pos = p;
  }

  /** Writes any string as a CSV field: UTF-8, quoted when it holds a comma, quote, CR or LF. */
  text(value: string): void {
    let quote = false;
    let plain = true;
    let quotes = false;
    for (let k = 0; k < value.length; k++) {
      const c = value.charCodeAt(k);
      if (c === COMMA || c === 10 || c === 13) quote = true;
      else if (c === QUOTE) quotes = quote = true;
      else if (c > 127) plain = false;
    }
    if (plain && !quotes) {
      this.ensure(value.length + 2);
      if (quote) this.buf[this.pos++] = QUOTE;
      this.ascii(value);
      if (quote) this.buf[this.pos++] = QUOTE;
      return;
    }
    const body = quote ? `"${value.replace(/"/g, '""')}"` : value;
    this.ensure(body.length * 3);
    this.pos += encoder.encodeInto(body, this.buf.subarray(this.pos)).written;
  }

  /** Writes a non-negative integer zero-padded to `width` digits. */
  pad(n: number, width: number): void {
    const buf = this.buf;
    let e = this.pos + width;
    this.pos = e;
    let left = width;
    if (n >= 2147483648) {
      // Above 32 bits: peel digits with floating division until the rest fits.
      while (left > 0 && n >= 2147483648) {
        const q = Math.floor(n / 10);
        buf[--e] = ZERO + (n - q * 10);
        n = q;
        left--;
      }
    }
    // Two digits per division.
    while (left >= 2) {
      const q = (n / 100) | 0;
      const r = n - q * 100;
      buf[--e] = ONES[r];
      buf[--e] = TENS[r];
      n = q;
      left -= 2;
    }
    if (left === 1) buf[--e] = ZERO + (n % 10);
  }

  /** Writes an id: a pre-encoded prefix and a zero-padded number (`CUST0000042`). */
  id(prefix: Uint8Array, n: number, width: number): void {
    this.raw(prefix);
    this.pad(n, width);
  }

  /** Writes an integer. */
  int(n: number): void {
    if (n < 0) {
      this.buf[this.pos++] = 45;
      n = -n;
    }
    if (n < 10000) {
      this.pos = this.small(n, this.pos);
      return;
    }
    let width = 5;
    for (let limit = 100000; n >= limit && width < 16; limit *= 10) width++;
    this.pad(n, width);
  }

  /** Writes an amount of cents as a decimal with two places (`12.50`). */
  cents(c: number): void {
    if (c < 0) {
      this.buf[this.pos++] = 45;
      c = -c;
    }
    const whole = Math.floor(c / 100);
    const fraction = c - whole * 100;
    if (whole < 10000) this.pos = this.small(whole, this.pos);
    else this.int(whole);
    const buf = this.buf;
    const p = this.pos;
    buf[p] = 46;
    buf[p + 1] = TENS[fraction];
    buf[p + 2] = ONES[fraction];
    this.pos = p + 3;
  }

  /** Writes thousandths as a decimal with three places (`0.350`). */
  milli(m: number): void {
    const whole = Math.floor(m / 1000);
    this.int(whole);
    this.fraction(m - whole * 1000, 3);
  }

  /** Writes tenths as a decimal with one place (`4.5`). */
  tenths(t: number): void {
    const whole = Math.floor(t / 10);
    this.int(whole);
    this.fraction(t - whole * 10, 1);
  }

  /** Writes a date `YYYY-MM-DD`. */
  date(day: number): void {
    this.pos = this.dates.write(this.buf, this.pos, day);
  }

  /** Writes a timestamp `YYYY-MM-DD HH:MM:SS`. */
  timestamp(day: number, secondOfDay: number): void {
    const buf = this.buf;
    let p = this.dates.write(buf, this.pos, day);
    const h = (secondOfDay / 3600) | 0;
    const rest = secondOfDay - h * 3600;
    const m = (rest / 60) | 0;
    const s = rest - m * 60;
    buf[p++] = 32;
    buf[p++] = ZERO + ((h / 10) | 0);
    buf[p++] = ZERO + (h % 10);
    buf[p++] = 58;
    buf[p++] = ZERO + ((m / 10) | 0);
    buf[p++] = ZERO + (m % 10);
    buf[p++] = 58;
    buf[p++] = ZERO + ((s / 10) | 0);
    buf[p++] = ZERO + (s % 10);
    this.pos = p;
  }

  /** Hands any buffered bytes to the file. */
  flush(): void {
    if (this.pos === 0) return;
    const full = this.buf;
    // The chunk goes back to the pool once written, so a long run reuses a few buffers.
    this.sink.write(full.subarray(0, this.pos), () => {
      if (full.length === CHUNK_BYTES + SLACK_BYTES) this.spare.push(full);
    });
    this.buf = this.spare.pop() ?? new Uint8Array(CHUNK_BYTES + SLACK_BYTES);
    this.pos = 0;
  }

  /** Writes 0 <= n < 10000 without leading zeros at p; returns the position after it. */
  private small(n: number, p: number): number {
    const buf = this.buf;
    if (n < 10) buf[p++] = ZERO + n;
    else if (n < 100) {
      buf[p++] = TENS[n];
      buf[p++] = ONES[n];
    } else {
      const high = (n / 100) | 0;
      const low = n - high * 100;
      if (high < 10) buf[p++] = ZERO + high;
      else {
        buf[p++] = TENS[high];
        buf[p++] = ONES[high];
      }
      buf[p++] = TENS[low];
      buf[p++] = ONES[low];
    }
    return p;
  }

  private fraction(value: number, places: number): void {
    this.buf[this.pos++] = 46;
    this.pad(value, places);
  }

  private ensure(bytes: number): void {
    if (this.pos + bytes > this.buf.length) {
      this.flush();
      if (bytes > this.buf.length) this.buf = new Uint8Array(bytes);
    }
  }
}
