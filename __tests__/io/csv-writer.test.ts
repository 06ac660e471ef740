import * as fs from 'fs';
import * as path from 'path';
import { C360Error } from '../../src/errors';
import { ListColumn, StringColumn } from '../../src/engine/column';
import { DataFrame } from '../../src/engine/frame';
import { MS_PER_DAY } from '../../src/engine/types';
import { csvField, csvLine, writeCsv, writeJsonl } from '../../src/io/csv-writer';
import { tempFolder } from './files';

const tmp = tempFolder('csv-writer');
afterAll(() => tmp.cleanup());

const sample = (): DataFrame =>
  DataFrame.fromColumns({
    id: { type: 'string', values: ['a', 'b,c', 'say "hi"', 'two\nlines', null, ''] },
    x: { type: 'float64', values: [1.5, 0.1 + 0.2, -0, NaN, null, 1e21] },
    n: { type: 'int', values: [1, -2, 9007199254740991, 0, null, 3] },
    ok: { type: 'bool', values: [true, false, null, true, false, true] },
    d: { type: 'date', values: [19_724, 0, -1, null, 19_782, 11_016] },
    t: { type: 'timestamp', values: [19_724 * MS_PER_DAY + 3_723_000, 0, 1500, null, -1, 19_724 * MS_PER_DAY] },
    tags: { type: 'list<string>', values: [['p', 'q'], [], null, ['a,"b"'], ['x'], null] },
  });

/** Files in the folder other than the expected ones (temporary files left behind). */
const leftovers = (dir: string, keep: string[]): string[] => fs.readdirSync(dir).filter((f) => !keep.includes(f));

describe('writeCsv', () => {
  it('writes RFC 4180 CSV with a header, LF line ends and every type in its text form', async () => {
    const file = tmp.file('out.csv');
    await writeCsv(sample(), file);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      [
        'id,x,n,ok,d,t,tags',
        'a,1.5,1,true,2024-01-02,2024-01-02 01:02:03,"[""p"",""q""]"',
        '"b,c",0.30000000000000004,-2,false,1970-01-01,1970-01-01 00:00:00,[]',
        '"say ""hi""",-0,9007199254740991,,1969-12-31,1970-01-01 00:00:01.500,',
        '"two\nlines",NaN,0,true,,,"[""a,\\""b\\""""]"',
        ',,,false,2024-02-29,1969-12-31 23:59:59.999,"[""x""]"',
        ',1e+21,3,true,2000-02-29,2024-01-02 00:00:00,',
        '',
      ].join('\n'),
    );
  });

  it('writes only a header line for a frame without rows', async () => {
    const file = tmp.file('empty.csv');
    await writeCsv(DataFrame.fromColumns({ a: { type: 'int', values: [] }, 'b c': { type: 'string', values: [] } }), file);
    expect(fs.readFileSync(file, 'utf8')).toBe('a,b c\n');
  });

  it('prefixes text cells starting with = + - @ with a quote when safeCsv is on, leaving numbers alone', async () => {
    const frame = DataFrame.fromColumns({
      s: { type: 'string', values: ['=SUM(A1)', '+1', '-x', '@me', 'ok', '=a,b'] },
      v: { type: 'float64', values: [-1, -2, -3, -4, -5, -6] },
    });
    const safe = tmp.file('safe.csv');
    const plain = tmp.file('plain.csv');
    await writeCsv(frame, safe, { safeCsv: true });
    await writeCsv(frame, plain);
    expect(fs.readFileSync(safe, 'utf8')).toBe("s,v\n'=SUM(A1),-1\n'+1,-2\n'-x,-3\n'@me,-4\nok,-5\n\"'=a,b\",-6\n");
    expect(fs.readFileSync(plain, 'utf8')).toBe('s,v\n=SUM(A1),-1\n+1,-2\n-x,-3\n@me,-4\nok,-5\n"=a,b",-6\n');
  });

  it('streams frames larger than one write chunk', async () => {
    const n = 200_000;
    const ids = Array.from({ length: n }, (_, i) => `row-${i}`);
    const file = tmp.file('big.csv');
    await writeCsv(DataFrame.fromColumns({ id: { type: 'string', values: ids }, i: { type: 'int', values: ids.map((_, i) => i) } }), file);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.length).toBeGreaterThan(2 << 20);
    expect(text.split('\n')[n]).toBe(`row-${n - 1},${n - 1}`);
  });

  it('leaves an existing file untouched and no temporary file when the frame fails part way', async () => {
    const dir = fs.mkdtempSync(path.join(tmp.dir, 'atomic-'));
    const file = path.join(dir, 'out.csv');
    fs.writeFileSync(file, 'previous content\n');
    const n = 100_000;
    /** A list column whose last row cannot be read: the writer has written several chunks by then. */
    class FailingList extends ListColumn {
      override get(i: number): readonly string[] | null {
        if (i === n - 1) throw new Error('boom');
        return super.get(i);
      }
    }
    const values: (readonly string[] | null)[] = Array.from({ length: n }, (_, i) => [`value number ${i}`]);
    const frame = new DataFrame([{ name: 'l', type: 'list<string>' }], [new FailingList(values)], n);
    await expect(writeCsv(frame, file)).rejects.toThrow('boom');
    expect(fs.readFileSync(file, 'utf8')).toBe('previous content\n');
    expect(leftovers(dir, ['out.csv'])).toEqual([]);
  });

  it('fails with a clear message when the folder cannot be written, leaving nothing behind', async () => {
    const frame = sample();
    await expect(writeCsv(frame, path.join(tmp.dir, 'no-such-folder', 'x.csv'))).rejects.toThrow(C360Error);
    await expect(writeCsv(frame, path.join(tmp.dir, 'no-such-folder', 'x.csv'))).rejects.toThrow(/cannot write .*x\.csv: its folder does not exist/);
    const notAFolder = tmp.file('plain-file', 'x');
    await expect(writeCsv(frame, path.join(notAFolder, 'x.csv'))).rejects.toThrow(/cannot write .*: a folder on its path is a file/);
  });

  it('leaves an existing file untouched when the target cannot be replaced', async () => {
    const dir = fs.mkdtempSync(path.join(tmp.dir, 'target-dir-'));
    const target = path.join(dir, 'out.csv');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'keep');
    await expect(writeCsv(sample(), target)).rejects.toThrow();
    expect(fs.readFileSync(path.join(target, 'inside'), 'utf8')).toBe('keep');
    expect(leftovers(dir, ['out.csv'])).toEqual([]);
  });
});

describe('writeJsonl', () => {
  it('writes one JSON object per row, keys in column order', async () => {
    const file = tmp.file('out.jsonl');
    await writeJsonl(sample(), file);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      [
        '{"id":"a","x":1.5,"n":1,"ok":true,"d":"2024-01-02","t":"2024-01-02 01:02:03","tags":["p","q"]}',
        '{"id":"b,c","x":0.30000000000000004,"n":-2,"ok":false,"d":"1970-01-01","t":"1970-01-01 00:00:00","tags":[]}',
        '{"id":"say \\"hi\\"","x":-0,"n":9007199254740991,"ok":null,"d":"1969-12-31","t":"1970-01-01 00:00:01.500","tags":null}',
        '{"id":"two\\nlines","x":null,"n":0,"ok":true,"d":null,"t":null,"tags":["a,\\"b\\""]}',
        '{"id":null,"x":null,"n":null,"ok":false,"d":"2024-02-29","t":"1969-12-31 23:59:59.999","tags":["x"]}',
        '{"id":"","x":1e+21,"n":3,"ok":true,"d":"2000-02-29","t":"2024-01-02 00:00:00","tags":null}',
        '',
      ].join('\n'),
    );
    const parsed: unknown[] = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(parsed[0]).toEqual({ id: 'a', x: 1.5, n: 1, ok: true, d: '2024-01-02', t: '2024-01-02 01:02:03', tags: ['p', 'q'] });
  });

  it('writes infinities as null and an empty file for a frame without rows', async () => {
    const inf = tmp.file('inf.jsonl');
    await writeJsonl(DataFrame.fromColumns({ v: { type: 'float64', values: [Infinity, -Infinity] } }), inf);
    expect(fs.readFileSync(inf, 'utf8')).toBe('{"v":null}\n{"v":null}\n');
    const empty = tmp.file('empty.jsonl');
    await writeJsonl(DataFrame.fromColumns({ v: { type: 'float64', values: [] } }), empty);
    expect(fs.readFileSync(empty, 'utf8')).toBe('');
  });

  it('keeps every string exactly, lone surrogates included (JSON escapes them)', async () => {
    const file = tmp.file('u.jsonl');
    const values = ['日本', '😀', '\ud800', 'tab\there', '\u0000'];
    await writeJsonl(new DataFrame([{ name: 's', type: 'string' }], [new StringColumn(Int32Array.from([0, 1, 2, 3, 4]), values)], 5), file);
    const back = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { s: string }).s);
    expect(back).toEqual(values);
  });
});

describe('csvLine', () => {
  it('quotes fields only when needed and joins them without a line break', () => {
    expect(csvLine(['a', 'b,c', 'd"e', 'f\ng', 'h\ri', '', ' x '])).toBe('a,"b,c","d""e","f\ng","h\ri",, x ');
  });
});

describe('csvField', () => {
  it('leaves plain text as it is', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('"')).toBe('""""');
  });
});
