import { READ_SIZE, TextBlock, TextBlockReader } from '../../src/io/text-blocks';
import { tempFolder } from './files';

const tmp = tempFolder('text-blocks');
afterAll(() => tmp.cleanup());

async function blocks(content: string | Uint8Array, minBytes?: number): Promise<TextBlock[]> {
  const reader = await TextBlockReader.open(tmp.file('b.txt', content));
  const out: TextBlock[] = [];
  try {
    for (let b = await reader.next(minBytes); b !== null; b = await reader.next(minBytes)) out.push(b);
  } finally {
    await reader.close();
  }
  return out;
}

describe('TextBlockReader', () => {
  it('returns a small file as one last block, without its byte order mark', async () => {
    expect(await blocks(Buffer.from('\ufeffa,b\nc\n'))).toEqual([{ text: 'a,b\nc\n', eof: true, invalid: [], bytes: new Uint8Array(Buffer.from('a,b\nc\n')) }]);
  });

  it('returns an empty file as one empty last block', async () => {
    expect(await blocks('')).toEqual([{ text: '', eof: true, invalid: [], bytes: new Uint8Array(0) }]);
  });

  it('gives the bytes of an ASCII block, whose character i is byte i, and no bytes for other text', async () => {
    const [ascii] = await blocks('id,name\n1,Ann\n');
    expect(Array.from(ascii!.bytes!)).toEqual(Array.from(ascii!.text, (c) => c.charCodeAt(0)));
    const [latin] = await blocks('id,name\n1,Zoë\n');
    expect(latin!.bytes).toBeNull();
    const [broken] = await blocks(Buffer.from([0x61, 0x0a, 0xff, 0x0a]));
    expect(broken!.bytes).toBeNull();
  });

  it('marks the character ranges of the lines holding invalid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('ok\nb'), Buffer.from([0xc3]), Buffer.from('d\né\n'), Buffer.from([0xe2, 0x82])]);
    const [block] = await blocks(bytes);
    expect(block!.text).toBe('ok\nb\ufffdd\né\n\ufffd');
    expect(block!.invalid).toEqual([3, 7, 9, 10]);
  });

  it('cuts large files after a line break, never inside a character', async () => {
    const line = 'αβγ,δ\n'; // multi-byte characters, so cuts could fall inside one
    const content = line.repeat(Math.ceil((2.5 * READ_SIZE) / Buffer.byteLength(line)));
    const out = await blocks(content);
    expect(out.length).toBeGreaterThan(1);
    expect(out.slice(0, -1).every((b) => b.text.endsWith('\n') && !b.eof)).toBe(true);
    expect(out[out.length - 1]!.eof).toBe(true);
    expect(out.map((b) => b.text).join('')).toBe(content);
  });

  it('joins the partial line at the end of each read with the next read, short or longer than 64 KB', async () => {
    // Lines of many lengths, some longer than the free bytes kept before each read, so the end of
    // a read is sometimes a few bytes of a line and sometimes most of a long one.
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 3.5 * READ_SIZE; i++) {
      const line = `${i},${'abcdefghij'.repeat(i % 50 === 49 ? 9000 + (i % 7) * 1000 : 1 + (i % 13))}\n`;
      lines.push(line);
      size += line.length;
    }
    const content = lines.join('');
    const out = await blocks(content);
    expect(out.length).toBeGreaterThan(2);
    expect(out.slice(0, -1).every((b) => b.text.endsWith('\n'))).toBe(true);
    expect(out.map((b) => b.text).join('')).toBe(content);
    expect(out.every((b) => b.bytes !== null && Buffer.from(b.bytes).toString('latin1') === b.text)).toBe(true);
  });

  it('gathers at least the bytes asked for before cutting a block', async () => {
    const content = 'x'.repeat(100).concat('\n').repeat(Math.ceil((3 * READ_SIZE) / 101));
    const out = await blocks(content, 2 * READ_SIZE);
    expect(out[0]!.text.length).toBeGreaterThanOrEqual(2 * READ_SIZE - 101);
    expect(out.map((b) => b.text).join('')).toBe(content);
  });

  it('reports reading progress up to the file size', async () => {
    const seen: number[] = [];
    const path = tmp.file('p.txt', 'abc\n');
    const reader = await TextBlockReader.open(path, (read, total) => seen.push(read, total));
    while ((await reader.next()) !== null);
    await reader.close();
    expect(seen).toEqual([4, 4]);
    expect(reader.bytesRead).toBe(4);
    expect(reader.totalBytes).toBe(4);
  });

  it('reads only the bytes of a window, keeping a byte order mark only at byte 0', async () => {
    const path = tmp.file('w.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('h\nab\ncd\nef')]));
    const read = async (start: number, end: number): Promise<string> => {
      const reader = await TextBlockReader.open(path, undefined, { start, end });
      const texts: string[] = [];
      for (let b = await reader.next(); b !== null; b = await reader.next()) texts.push(b.text);
      await reader.close();
      return texts.join('');
    };
    expect(await read(0, 5)).toBe('h\n');
    expect(await read(5, 11)).toBe('ab\ncd\n');
    expect(await read(11, Infinity)).toBe('ef');
    expect(await read(1, 5)).toBe('\ufffd\ufffdh\n');
  });
});
