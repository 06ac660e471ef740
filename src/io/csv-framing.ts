/**
 * Row framing for the CSV reader: finds where each CSV row starts and ends in a block of text,
 * how many physical lines it spans and whether it needs the quote-aware parser, without building
 * any field values.
 *
 * The quoting rules are exactly papaparse's (delimiter `,`, quote `"`), so the rows found here are
 * the rows papaparse returns for the same text:
 * - a quote opens a quoted field only at the start of a field; elsewhere it is a literal character;
 * - inside a quoted field `""` is a quote; a quote followed by a comma, a line break, the end of
 *   the input, or only whitespace (as `String.prototype.trim` sees it) up to the next comma or
 *   line break closes the field;
 * - any other quote inside a quoted field is kept as data and the row is marked malformed
 *   (papaparse reports `InvalidQuotes` and goes on looking for the closing quote);
 * - a quoted field still open at the end of the input runs to the end (papaparse's
 *   `MissingQuotes`); the row is marked unterminated.
 * Outside quotes a row ends at LF; a CR just before that LF belongs to the line break.
 * A physical line is a run of text ended by LF, so a row spans 1 + (number of LFs inside it) lines.
 */

/** The row holds at least one quote character (it must go through the quote-aware parser). */
export const ROW_QUOTED = 1;
/** The row ends with CR LF (otherwise with LF, or with the end of the input). */
export const ROW_CRLF = 2;
/** The row ends with a line break (LF or CR LF); unset only for a last row at the end of input. */
export const ROW_TERMINATED = 4;
/** A quoted field is still open at the end of the input. */
export const ROW_UNTERMINATED = 8;
/** A closing quote is followed by something other than a comma or a line break. */
export const ROW_MALFORMED = 16;
/** The row has no characters at all (an empty physical line, LF or CR LF alone). */
export const ROW_EMPTY = 32;

/** Row boundaries found by `frameRows`, as parallel arrays (reused from block to block). */
export class RowFrames {
  /** Number of rows framed in the last call. */
  count = 0;
  /** Offset of each row's first character. */
  start: Int32Array = new Int32Array(1024);
  /** Offset just past each row's content (before its line break). */
  end: Int32Array = new Int32Array(1024);
  /** Offset where the next row starts (after the line break). */
  next: Int32Array = new Int32Array(1024);
  /** Physical lines each row spans. */
  lines: Int32Array = new Int32Array(1024);
  /** `ROW_*` flags of each row. */
  flags: Uint8Array = new Uint8Array(1024);

  /** Appends one row. */
  push(start: number, end: number, next: number, lines: number, flags: number): void {
    const k = this.count;
    if (k === this.start.length) this.grow();
    this.start[k] = start;
    this.end[k] = end;
    this.next[k] = next;
    this.lines[k] = lines;
    this.flags[k] = flags;
    this.count = k + 1;
  }

  private grow(): void {
    const n = this.start.length * 2;
    const widen = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.start = widen(this.start);
    this.end = widen(this.end);
    this.next = widen(this.next);
    this.lines = widen(this.lines);
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.flags = f;
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Counts LF characters in text[from, to). */
export function countLineFeeds(text: string, from: number, to: number): number {
  let n = 0;
  let i = text.indexOf('\n', from);
  while (i !== -1 && i < to) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}

/**
 * Frames the complete rows of `text` from offset `from` into `out` (cleared first) and returns the
 * offset where the first incomplete row starts (`text.length` when every row is complete). A row
 * is incomplete when its line break, or the end of one of its quoted fields, lies beyond the text;
 * with `eof` the text is the rest of the file and every row is complete.
 */
export function frameRows(text: string, from: number, eof: boolean, out: RowFrames): number {
  out.count = 0;
  const n = text.length;
  let pos = from;
  let nextQuote = -2; // -2: not searched yet; -1: no quote after the last search position
  let nextLf = -2;
  while (pos < n) {
    if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
    if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
    if (nextQuote === -1 || (nextLf !== -1 && nextQuote > nextLf)) {
      // Fast path: no quote before the line break, so the row is this physical line.
      if (nextLf === -1) {
        if (!eof) break;
        out.push(pos, n, n, 1, 0);
        pos = n;
        break;
      }
      const crlf = nextLf > pos && text.charCodeAt(nextLf - 1) === CR;
      const end = crlf ? nextLf - 1 : nextLf;
      out.push(pos, end, nextLf + 1, 1, ROW_TERMINATED | (crlf ? ROW_CRLF : 0) | (end === pos ? ROW_EMPTY : 0));
      pos = nextLf + 1;
      continue;
    }
    const next = frameQuotedRow(text, pos, eof, out);
    if (next < 0) break;
    pos = next;
  }
  return pos;
}

/**
 * Frames one row that holds a quote, starting at `rowStart`; returns the offset of the next row,
 * or -1 when the row is incomplete (more text is needed).
 */
function frameQuotedRow(text: string, rowStart: number, eof: boolean, out: RowFrames): number {
  const n = text.length;
  let flags = ROW_QUOTED;
  let fieldStart = rowStart; // a position known to start a field
  let search = rowStart; // where to look for the next quote
  for (;;) {
    const q = text.indexOf('"', search);
    const lf = text.indexOf('\n', search);
    if (q === -1 || (lf !== -1 && q > lf)) {
      // No more quotes on this line: the row ends at the line break.
      if (lf === -1) {
        if (!eof) return -1;
        out.push(rowStart, n, n, 1 + countLineFeeds(text, rowStart, n), flags);
        return n;
      }
      const crlf = lf > rowStart && text.charCodeAt(lf - 1) === CR;
      const end = crlf ? lf - 1 : lf;
      out.push(rowStart, end, lf + 1, 1 + countLineFeeds(text, rowStart, end), flags | ROW_TERMINATED | (crlf ? ROW_CRLF : 0));
      return lf + 1;
    }
    if (q !== fieldStart && text.charCodeAt(q - 1) !== COMMA) {
      // A quote inside an unquoted field is a literal character.
      search = q + 1;
      continue;
    }
    // An opening quote: find the quote that closes the field.
    let s = q + 1;
    for (;;) {
      const c = text.indexOf('"', s);
      if (c === -1) {
        if (!eof) return -1;
        out.push(rowStart, n, n, 1 + countLineFeeds(text, rowStart, n), flags | ROW_UNTERMINATED);
        return n;
      }
      if (c === n - 1) {
        if (!eof) return -1;
        out.push(rowStart, n, n, 1 + countLineFeeds(text, rowStart, n), flags);
        return n;
      }
      const after = text.charCodeAt(c + 1);
      if (after === QUOTE) {
        s = c + 2;
        continue;
      }
      let stop = -1; // the comma or LF that ends the field
      if (after === COMMA || after === LF) stop = c + 1;
      else if (after === CR && c + 2 < n && text.charCodeAt(c + 2) === LF) stop = c + 2;
      else {
        const comma = text.indexOf(',', c + 1);
        const lf2 = text.indexOf('\n', c + 1);
        const j = comma === -1 ? lf2 : lf2 === -1 ? comma : Math.min(comma, lf2);
        if (j === -1 && !eof) return -1;
        if (j !== -1 && text.substring(c + 1, j).trim() === '') stop = j;
      }
      if (stop === -1) {
        flags |= ROW_MALFORMED;
        s = c + 1;
        continue;
      }
      if (text.charCodeAt(stop) === COMMA) {
        fieldStart = stop + 1;
        search = stop + 1;
        break;
      }
      const crlf = text.charCodeAt(stop - 1) === CR;
      const end = crlf ? stop - 1 : stop;
      out.push(rowStart, end, stop + 1, 1 + countLineFeeds(text, rowStart, end), flags | ROW_TERMINATED | (crlf ? ROW_CRLF : 0));
      return stop + 1;
    }
  }
}
