import fc from 'fast-check';
import Papa from 'papaparse';
import { ROW_CRLF, ROW_EMPTY, ROW_MALFORMED, ROW_QUOTED, ROW_TERMINATED, ROW_UNTERMINATED, RowFrames, countLineFeeds, frameRows } from '../../src/io/csv-framing';

interface Framed {
  text: string;
  lines: number;
  flags: number;
}

function frame(text: string, eof = true): { rows: Framed[]; tail: number } {
  const out = new RowFrames();
  const tail = frameRows(text, 0, eof, out);
  const rows: Framed[] = [];
  for (let k = 0; k < out.count; k++) rows.push({ text: text.slice(out.start[k], out.end[k]), lines: out.lines[k]!, flags: out.flags[k]! });
  return { rows, tail };
}

const alphabet = fc.constantFrom('a', 'b', ',', '"', '""', '\n', '\r\n', '\r', ' ');

describe('frameRows', () => {
  it('frames plain rows, CRLF rows and empty lines', () => {
    expect(frame('a,b\r\nc\n\nd').rows).toEqual([
      { text: 'a,b', lines: 1, flags: ROW_TERMINATED | ROW_CRLF },
      { text: 'c', lines: 1, flags: ROW_TERMINATED },
      { text: '', lines: 1, flags: ROW_TERMINATED | ROW_EMPTY },
      { text: 'd', lines: 1, flags: 0 },
    ]);
  });

  it('keeps quoted line breaks inside the row and counts its physical lines', () => {
    expect(frame('1,"x\ny\r\nz",2\n3\n').rows).toEqual([
      { text: '1,"x\ny\r\nz",2', lines: 3, flags: ROW_QUOTED | ROW_TERMINATED },
      { text: '3', lines: 1, flags: ROW_TERMINATED },
    ]);
  });

  it('treats a quote inside an unquoted field as a literal', () => {
    expect(frame('a"b,c\nd\n').rows.map((r) => r.text)).toEqual(['a"b,c', 'd']);
  });

  it('accepts whitespace between a closing quote and the next comma or line break, as papaparse does', () => {
    expect(frame('"a"  ,b\n"c" \r\nd\n').rows.map((r) => [r.text, r.flags & ROW_CRLF])).toEqual([
      ['"a"  ,b', 0],
      ['"c" ', ROW_CRLF],
      ['d', 0],
    ]);
  });

  it('marks malformed and unterminated quoting', () => {
    expect(frame('"a"b"\nc\n').rows.map((r) => [r.text, r.flags & (ROW_MALFORMED | ROW_UNTERMINATED)])).toEqual([
      ['"a"b"', ROW_MALFORMED],
      ['c', 0],
    ]);
    expect(frame('x\n"open\nrest').rows.map((r) => [r.text, r.flags & ROW_UNTERMINATED])).toEqual([
      ['x', 0],
      ['"open\nrest', ROW_UNTERMINATED],
    ]);
  });

  it('stops before a row that is not complete when more text may follow', () => {
    const text = 'a\n"open\nstill open\n';
    expect(frame(text, false)).toEqual({ rows: [{ text: 'a', lines: 1, flags: ROW_TERMINATED }], tail: 2 });
  });

  it('tiles the text with rows whose line counts add up to the physical lines', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 50 }), (parts) => {
        const text = parts.join('');
        const out = new RowFrames();
        expect(frameRows(text, 0, true, out)).toBe(text.length);
        let pos = 0;
        let lines = 0;
        for (let k = 0; k < out.count; k++) {
          expect(out.start[k]).toBe(pos);
          expect(out.end[k]).toBeGreaterThanOrEqual(pos);
          expect(out.next[k]).toBeGreaterThanOrEqual(out.end[k]!);
          expect(out.lines[k]).toBe(1 + countLineFeeds(text, out.start[k]!, out.end[k]!));
          pos = out.next[k]!;
          // A row ended by a line break adds its lines; the last row of a file without one adds its inner breaks.
          lines += (out.flags[k]! & ROW_TERMINATED) !== 0 ? out.lines[k]! : out.lines[k]! - 1;
        }
        expect(pos).toBe(text.length);
        expect(lines).toBe(countLineFeeds(text, 0, text.length));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the rows papaparse finds', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 50 }), (parts) => {
        const text = parts.join('');
        const ends: number[] = [];
        Papa.parse<string[]>(text, { delimiter: ',', newline: '\n', quoteChar: '"', step: (r) => ends.push(r.meta.cursor) });
        const out = new RowFrames();
        frameRows(text, 0, true, out);
        const nexts = Array.from(out.next.subarray(0, out.count));
        // After a final line break papaparse reports one more, empty, row.
        if (ends.length >= 2 && ends[ends.length - 1] === text.length && ends[ends.length - 2] === text.length) ends.pop();
        expect(nexts).toEqual(ends);
      }),
      { numRuns: 2000 },
    );
  });

  it('frames the same rows when the text arrives in two blocks cut after a line break', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 50 }), fc.nat(), (parts, cut) => {
        const text = parts.join('');
        const lfs: number[] = [];
        for (let i = 0; i < text.length; i++) if (text[i] === '\n') lfs.push(i + 1);
        if (lfs.length === 0) return;
        const k = lfs[cut % lfs.length]!;
        const first = frame(text.slice(0, k), false);
        const rest = frame(text.slice(first.tail), true);
        expect([...first.rows, ...rest.rows]).toEqual(frame(text).rows);
      }),
      { numRuns: 2000 },
    );
  });
});
