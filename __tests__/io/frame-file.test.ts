import * as fs from 'fs';
import fc from 'fast-check';
import { C360Error } from '../../src/errors';
import { ListColumn, NumericColumn, StringColumn } from '../../src/engine/column';
import { DataFrame } from '../../src/engine/frame';
import { CellValue, DataType, MS_PER_DAY } from '../../src/engine/types';
import { FrameDictionaries, readFrameFile, readFrameSchema, writeFrameFile } from '../../src/io/frame-file';
import { tempFolder } from './files';

const tmp = tempFolder('frame-file');
afterAll(() => tmp.cleanup());

/** Every cell, with numbers as their exact bits in text (so -0, NaN and NaN payloads compare exactly). */
function cells(frame: DataFrame): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  frame.schema.forEach((f, c) => {
    const col = frame.columns[c]!;
    const values: unknown[] = [];
    for (let i = 0; i < frame.numRows; i++) {
      const v = col.get(i);
      values.push(typeof v === 'number' ? Buffer.from(new Float64Array([v]).buffer).toString('hex') : v);
    }
    out[`${f.name}:${f.type}`] = values;
  });
  return out;
}

async function roundTrip(frame: DataFrame): Promise<DataFrame> {
  const file = tmp.file('f.c360frame');
  await writeFrameFile(frame, file);
  return readFrameFile(file);
}

describe('writeFrameFile', () => {
  it('round-trips every type exactly: nulls, NaN, -0, empty strings, unicode and lists', async () => {
    const frame = DataFrame.fromColumns({
      s: { type: 'string', values: ['', null, '日本', '😀', 'a\u0000b', 'e\u0301'] },
      f: { type: 'float64', values: [NaN, -0, null, Infinity, 5e-324, 0.1] },
      i: { type: 'int', values: [0, -1, null, 2 ** 53 - 1, 7, 8] },
      b: { type: 'bool', values: [true, false, null, true, true, false] },
      d: { type: 'date', values: [0, -719_528, null, 19_724, 1, 2] },
      t: { type: 'timestamp', values: [0, -1, null, 19_724 * MS_PER_DAY + 1, 3, 4] },
      l: { type: 'list<string>', values: [[], null, ['', 'x'], ['日本', '😀'], ['a'], null] },
    });
    const back = await roundTrip(frame);
    expect(back.schema).toEqual(frame.schema);
    expect(back.numRows).toBe(6);
    expect(cells(back)).toEqual(cells(frame));
  });

  it('round-trips strings that are not well-formed UTF-16', async () => {
    const frame = new DataFrame([{ name: 's', type: 'string' }], [new StringColumn(Int32Array.from([0, 1, -1, 2]), ['\ud800', 'x\udc00y', '😀'])], 4);
    const back = await roundTrip(frame);
    expect(back.values('s')).toEqual(['\ud800', 'x\udc00y', null, '😀']);
  });

  it('keeps a NaN payload and a column without nulls as one', async () => {
    const bits = new Float64Array(new BigUint64Array([0x7ff8000000000123n]).buffer);
    const frame = new DataFrame([{ name: 'v', type: 'float64' }], [new NumericColumn('float64', Float64Array.from([bits[0]!, 1]), null)], 2);
    const back = await roundTrip(frame);
    const col = back.column('v');
    expect(col.validity).toBeNull();
    expect(col.kind === 'numeric' ? Buffer.from(col.values.buffer).toString('hex') : '').toBe(Buffer.from(Float64Array.from([bits[0]!, 1]).buffer).toString('hex'));
  });

  it('round-trips frames without rows and without columns', async () => {
    const empty = DataFrame.fromColumns({ a: { type: 'string', values: [] }, b: { type: 'list<string>', values: [] }, c: { type: 'date', values: [] } });
    const back = await roundTrip(empty);
    expect(back.schema).toEqual(empty.schema);
    expect(back.numRows).toBe(0);
    const none = await roundTrip(new DataFrame([], [], 0));
    expect(none.schema).toEqual([]);
    expect(none.numRows).toBe(0);
  });

  it('round-trips random frames of every type', async () => {
    const types: Record<string, DataType> = { s: 'string', f: 'float64', i: 'int', b: 'bool', d: 'date', t: 'timestamp', l: 'list<string>' };
    const text = fc.string({ unit: 'binary', maxLength: 6 });
    const cell: Record<string, fc.Arbitrary<CellValue>> = {
      s: text,
      f: fc.double(),
      i: fc.integer(),
      b: fc.boolean(),
      d: fc.integer({ min: -800_000, max: 800_000 }),
      t: fc.integer({ min: -1e12, max: 1e12 }),
      l: fc.array(text, { maxLength: 3 }),
    };
    const row = fc.record(Object.fromEntries(Object.entries(cell).map(([k, a]) => [k, fc.option(a, { nil: null })])));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 20 }), async (rows) => {
        const frame = DataFrame.fromRows(Object.entries(types).map(([name, type]) => ({ name, type })), rows);
        expect(cells(await roundTrip(frame))).toEqual(cells(frame));
      }),
      { numRuns: 100 },
    );
  });

  it('round-trips list columns still pending a take, concatenated, with quotes, non-ASCII text, nulls and empty lists', async () => {
    const base = DataFrame.fromColumns({
      l: { type: 'list<string>', values: [['say "hi"', '日本'], [], null, ['😀', 'a,b'], ['back\\slash', 'say "hi"']] },
      n: { type: 'int', values: [1, 2, 3, 4, 5] },
    });
    const taken = base.take(Int32Array.of(4, -1, 2, 1, 0, 3));
    expect((taken.column('l') as ListColumn).pending).toBe(true);
    const frame = DataFrame.concat([taken, base.take(Int32Array.of(0))]);
    const back = await roundTrip(frame);
    expect(cells(back)).toEqual(cells(frame));
    expect(back.values('l')).toEqual([['back\\slash', 'say "hi"'], null, null, [], ['say "hi"', '日本'], ['😀', 'a,b'], ['say "hi"', '日本']]);
    const l = back.column('l') as ListColumn;
    expect(l.dict).toEqual((frame.column('l') as ListColumn).dict);
    expect(Array.from(l.offsets)).toEqual([0, 2, 2, 2, 2, 4, 6, 8]);
  });

  it('leaves a column pending a take still pending after writing it', async () => {
    const base = DataFrame.fromColumns({
      n: { type: 'float64', values: [1, 2, 3] },
      s: { type: 'string', values: ['a', null, 'c'] },
      b: { type: 'bool', values: [true, false, null] },
      l: { type: 'list<string>', values: [['x'], null, []] },
    });
    const taken = base.take(Int32Array.of(2, 0, -1));
    const back = await roundTrip(taken);
    for (const name of ['n', 's', 'b', 'l']) expect((taken.column(name) as { pending: boolean }).pending).toBe(true);
    expect(cells(back)).toEqual(cells(taken));
  });

  it('writes a dictionary shared by two columns once', async () => {
    const one = DataFrame.fromColumns({ a: { type: 'string', values: ['x', 'y', 'x'] } });
    const a = one.column('a') as StringColumn;
    const frame = new DataFrame(
      [
        { name: 'a', type: 'string' },
        { name: 'b', type: 'string' },
      ],
      [a, new StringColumn(Int32Array.of(1, 1, -1), a.dict)],
      3,
    );
    const back = await roundTrip(frame);
    expect(back.values('b')).toEqual(['y', 'y', null]);
    expect((back.column('a') as StringColumn).dict).toBe((back.column('b') as StringColumn).dict);
  });
});

describe('readFrameFile', () => {
  it('rejects a file that is not a frame file', async () => {
    const file = tmp.file('x.csv', 'id\n1\n');
    await expect(readFrameFile(file)).rejects.toThrow(new C360Error(`${file}: not a c360 frame file`));
  });

  it('rejects a truncated frame file', async () => {
    const file = tmp.file('t.c360frame');
    await writeFrameFile(DataFrame.fromColumns({ v: { type: 'float64', values: [1, 2, 3] } }), file);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 8));
    await expect(readFrameFile(file)).rejects.toThrow(`${file}: damaged frame file (no header at the end)`);
  });

  it('rejects a file whose header points past its data', async () => {
    const file = tmp.file('p.c360frame');
    await writeFrameFile(DataFrame.fromColumns({ v: { type: 'float64', values: [1, 2, 3] } }), file);
    const text = fs.readFileSync(file, 'latin1').replace('"offset":8,', '"offset":9,');
    fs.writeFileSync(file, text, 'latin1');
    await expect(readFrameFile(file)).rejects.toThrow(`${file}: damaged frame file (column "v": buffer values runs past the end)`);
  });

  it('names the version of a frame file written by another c360', async () => {
    const file = tmp.file('old.c360frame', 'C360FRM1 and then some');
    await expect(readFrameFile(file)).rejects.toThrow(`${file}: unsupported frame file version 1 (this c360 reads version 2): run the earlier layers again`);
  });

  it('reads only the columns asked for, and the schema alone', async () => {
    const file = tmp.file('c.c360frame');
    await writeFrameFile(DataFrame.fromColumns({ a: { type: 'int', values: [1, 2] }, b: { type: 'string', values: ['x', null] }, c: { type: 'date', values: [3, null] } }), file);
    const back = await readFrameFile(file, { columns: ['c', 'a'] });
    expect(back.schema).toEqual([
      { name: 'a', type: 'int' },
      { name: 'c', type: 'date' },
    ]);
    expect(back.toRows()).toEqual([
      { a: 1, c: 3 },
      { a: 2, c: null },
    ]);
    expect(await readFrameSchema(file)).toEqual({ schema: [{ name: 'a', type: 'int' }, { name: 'b', type: 'string' }, { name: 'c', type: 'date' }], numRows: 2 });
    await expect(readFrameFile(file, { columns: ['z'] })).rejects.toThrow(`${file}: no column "z" in the frame file (columns: a, b, c)`);
  });

  it('gives frames read with one FrameDictionaries the same dictionary array for the same entries', async () => {
    const f1 = tmp.file('d1.c360frame');
    const f2 = tmp.file('d2.c360frame');
    const f3 = tmp.file('d3.c360frame');
    await writeFrameFile(DataFrame.fromColumns({ id: { type: 'string', values: ['a', 'b', 'a'] } }), f1);
    await writeFrameFile(DataFrame.fromColumns({ key: { type: 'string', values: ['b', 'a'] } }).take(Int32Array.of(1, 0)), f2);
    await writeFrameFile(DataFrame.fromColumns({ id: { type: 'string', values: ['a', 'c'] } }), f3);
    const dictionaries = new FrameDictionaries();
    const one = (await readFrameFile(f1, { dictionaries })).column('id') as StringColumn;
    const two = (await readFrameFile(f2, { dictionaries })).column('key') as StringColumn;
    const three = (await readFrameFile(f3, { dictionaries })).column('id') as StringColumn;
    expect(two.dict).not.toBe(one.dict); // entries in another order
    expect(three.dict).not.toBe(one.dict);
    const again = (await readFrameFile(f1, { dictionaries })).column('id') as StringColumn;
    expect(again.dict).toBe(one.dict);
    expect(dictionaries.owned(one.dict)).toBe(one.dict);
    expect(dictionaries.owned(['a', 'b'])).toBeUndefined();
    const alone = (await readFrameFile(f1)).column('id') as StringColumn;
    expect(alone.dict).not.toBe(one.dict);
    expect(alone.dict).toEqual(one.dict);
  });

  it('fails with a clear message when the file does not exist', async () => {
    await expect(readFrameFile(`${tmp.dir}/missing`)).rejects.toThrow(`cannot read frame file ${tmp.dir}/missing: no such file`);
  });
});
