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
    expect(await blocks(Buffer.from('\ufeffa,b\nc\n'))).toEqual([{ text: 'a,b\nc\n', eof: true, invalid: [] }]);
  });

  it('returns an empty file as one empty last block', async () => {
    expect(await blocks('')).toEqual([{ text: '', eof: true, invalid: [] }]);
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
