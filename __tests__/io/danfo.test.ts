import { C360Error } from '../../src/errors';
import { DataFrame } from '../../src/engine/frame';
import { CellValue, MS_PER_DAY } from '../../src/engine/types';
import { DanfoDataFrame, fromDanfo, toDanfo } from '../../src/io/danfo';

const frame = (): DataFrame =>
  DataFrame.fromColumns({
    id: { type: 'string', values: ['a', null, 'c'] },
    amount: { type: 'float64', values: [0.1 + 0.2, null, -1e300] },
    qty: { type: 'int', values: [2 ** 40, -3, null] },
    ok: { type: 'bool', values: [true, null, false] },
    day: { type: 'date', values: [19_724, null, -1] },
    at: { type: 'timestamp', values: [19_724 * MS_PER_DAY + 3_723_000, 1500, null] },
    tags: { type: 'list<string>', values: [['x', 'y'], [], null] },
  });

function columns(f: DataFrame): Record<string, CellValue[]> {
  const out: Record<string, CellValue[]> = {};
  for (const name of f.columnNames) out[name] = f.values(name);
  return out;
}

describe('toDanfo', () => {
  it('maps each type to a danfo dtype, keeping doubles and naive timestamps as text', () => {
    const df = toDanfo(frame());
    expect(df.columns).toEqual(['id', 'amount', 'qty', 'ok', 'day', 'at', 'tags']);
    expect(df.dtypes).toEqual(['string', 'float32', 'int32', 'boolean', 'string', 'string', 'string']);
    expect(df.shape).toEqual([3, 7]);
    expect(df.column('amount').values).toEqual([0.30000000000000004, null, -1e300]);
    expect(df.column('qty').values).toEqual([2 ** 40, -3, null]);
    expect(df.column('day').values).toEqual(['2024-01-02', null, '1969-12-31']);
    expect(df.column('at').values).toEqual(['2024-01-02 01:02:03', '1970-01-01 00:00:01.500', null]);
    expect(df.column('tags').values).toEqual(['["x","y"]', '[]', null]);
  });

  it('converts a frame without rows', () => {
    const df = toDanfo(DataFrame.fromColumns({ a: { type: 'string', values: [] }, b: { type: 'float64', values: [] } }));
    expect(df.shape[0]).toBe(0);
    expect(df.columns).toEqual(['a', 'b']);
  });
});

describe('fromDanfo', () => {
  it('round-trips every type when given the c360 types of the text columns', () => {
    const original = frame();
    const back = fromDanfo(toDanfo(original), { types: { day: 'date', at: 'timestamp', tags: 'list<string>' } });
    expect(back.schema).toEqual(original.schema);
    expect(columns(back)).toEqual(columns(original));
  });

  it('reads danfo dtypes as c360 types, and NaN as null', () => {
    const df: DanfoDataFrame = {
      columns: ['f', 'i', 'b', 's'],
      dtypes: ['float32', 'int32', 'boolean', 'string'],
      shape: [2, 4],
      column: (name) => ({ values: { f: [1.5, NaN], i: [1, undefined], b: [false, null], s: ['x', null] }[name] ?? [] }),
    };
    const back = fromDanfo(df);
    expect(back.schema.map((f) => f.type)).toEqual(['float64', 'int', 'bool', 'string']);
    expect(columns(back)).toEqual({ f: [1.5, null], i: [1, null], b: [false, null], s: ['x', null] });
  });

  it('reads JS dates by their wall-clock fields', () => {
    const df: DanfoDataFrame = { columns: ['t'], dtypes: ['datetime'], shape: [1, 1], column: () => ({ values: [new Date(2024, 0, 2, 1, 2, 3)] }) };
    expect(fromDanfo(df).values('t')).toEqual([19_724 * MS_PER_DAY + 3_723_000]);
  });

  it('names the column and row of a cell that does not fit its type', () => {
    const df: DanfoDataFrame = { columns: ['n'], dtypes: ['int32'], shape: [2, 1], column: () => ({ values: [1, 2.5] }) };
    expect(() => fromDanfo(df)).toThrow(new C360Error('fromDanfo: column "n", row 1: "2.5" is not a valid int value'));
  });
});
