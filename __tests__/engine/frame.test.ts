import { columnFrom } from '../../src/engine/column';
import { DataFrame, describeSchema } from '../../src/engine/frame';
import '../helpers/frames';

const people = (): DataFrame =>
  DataFrame.fromColumns({
    id: { type: 'string', values: ['a', 'b', null] },
    age: { type: 'int', values: [30, null, 41] },
  });

describe('DataFrame.fromColumns', () => {
  it('builds typed columns from literal values', () => {
    const f = people();
    expect(f).toHaveSchema({ id: 'string', age: 'int' });
    expect(f).toEqualColumns({ id: ['a', 'b', null], age: [30, null, 41] });
    expect(f.numRows).toBe(3);
  });

  it('builds a frame with no columns and no rows', () => {
    const f = DataFrame.fromColumns({});
    expect(f.numRows).toBe(0);
    expect(f.columnNames).toEqual([]);
  });

  it('rejects columns of different lengths', () => {
    expect(() => DataFrame.fromColumns({ a: { type: 'int', values: [1] }, b: { type: 'int', values: [1, 2] } })).toThrow('column "b" has 2 rows, expected 1');
  });

  it('rejects a value of the wrong type', () => {
    expect(() => DataFrame.fromColumns({ a: { type: 'int', values: ['1'] } })).toThrow('expected a number');
  });
});

describe('DataFrame constructor', () => {
  it('rejects duplicate column names', () => {
    const c = columnFrom('int', [1]);
    expect(() => new DataFrame([{ name: 'a', type: 'int' }, { name: 'a', type: 'int' }], [c, c])).toThrow('duplicate column name "a"');
  });

  it('rejects a column whose type differs from its field', () => {
    expect(() => new DataFrame([{ name: 'a', type: 'string' }], [columnFrom('int', [1])])).toThrow('column "a" is declared string but holds int');
  });

  it('rejects a field without a column', () => {
    expect(() => new DataFrame([{ name: 'a', type: 'int' }], [])).toThrow('one column per field');
  });
});

describe('DataFrame.fromRows', () => {
  it('builds columns from row objects, missing keys as null', () => {
    const f = DataFrame.fromRows(
      [
        { name: 'id', type: 'string' },
        { name: 'n', type: 'float64' },
      ],
      [{ id: 'x', n: 1.5 }, { id: 'y' }],
    );
    expect(f).toEqualColumns({ id: ['x', 'y'], n: [1.5, null] });
  });

  it('builds an empty frame from no rows', () => {
    const f = DataFrame.fromRows([{ name: 'id', type: 'string' }], []);
    expect(f).toEqualColumns({ id: [] });
  });
});

describe('DataFrame.empty', () => {
  it('has the schema and no rows', () => {
    const f = DataFrame.empty([{ name: 'd', type: 'date' }]);
    expect(f).toHaveSchema({ d: 'date' });
    expect(f.numRows).toBe(0);
  });
});

describe('DataFrame.column', () => {
  it('names the available columns when one is missing', () => {
    expect(() => people().column('nope')).toThrow('no column "nope" (columns: id, age)');
  });
});

describe('DataFrame.get / values / toRows', () => {
  it('reads cells, columns and rows as JS values', () => {
    const f = people();
    expect(f.get(1, 'id')).toBe('b');
    expect(f.get(1, 'age')).toBeNull();
    expect(f.values('age')).toEqual([30, null, 41]);
    expect(f.toRows()).toEqual([
      { id: 'a', age: 30 },
      { id: 'b', age: null },
      { id: null, age: 41 },
    ]);
  });
});

describe('DataFrame.take', () => {
  it('gathers rows, giving a null row for index -1', () => {
    expect(people().take(Int32Array.of(2, -1, 0))).toEqualColumns({ id: [null, null, 'a'], age: [41, null, 30] });
  });
});

describe('DataFrame.head', () => {
  it('keeps the first n rows', () => {
    expect(people().head(2)).toEqualColumns({ id: ['a', 'b'], age: [30, null] });
  });

  it('keeps every row when n exceeds the row count, and none when n is zero or negative', () => {
    expect(people().head(10).numRows).toBe(3);
    expect(people().head(0).numRows).toBe(0);
    expect(people().head(-5).numRows).toBe(0);
  });
});

describe('DataFrame.select', () => {
  it('keeps the named columns in the given order', () => {
    expect(people().select(['age', 'id'])).toEqualColumns({ age: [30, null, 41], id: ['a', 'b', null] });
  });

  it('keeps the row count with no columns', () => {
    expect(people().select([]).numRows).toBe(3);
  });
});

describe('DataFrame.withColumn', () => {
  it('replaces an existing column in place and appends a new one', () => {
    const f = people()
      .withColumn('id', columnFrom('int', [1, 2, 3]))
      .withColumn('z', columnFrom('bool', [true, false, null]));
    expect(f).toEqualColumns({ id: [1, 2, 3], age: [30, null, 41], z: [true, false, null] });
    expect(f).toHaveSchema({ id: 'int', age: 'int', z: 'bool' });
  });
});

describe('DataFrame.rename', () => {
  it('renames columns and keeps their order', () => {
    expect(people().rename({ id: 'customer_id' })).toEqualColumns({ customer_id: ['a', 'b', null], age: [30, null, 41] });
  });
});

describe('DataFrame.concat', () => {
  it('appends the rows of frames with the same schema and merges dictionaries', () => {
    const other = DataFrame.fromColumns({ id: { type: 'string', values: ['c', 'a'] }, age: { type: 'int', values: [1, 2] } });
    expect(DataFrame.concat([people(), other, DataFrame.empty(other.schema)])).toEqualColumns({ id: ['a', 'b', null, 'c', 'a'], age: [30, null, 41, 1, 2] });
  });

  it('rejects frames with different schemas', () => {
    const other = DataFrame.fromColumns({ id: { type: 'string', values: [] }, age: { type: 'float64', values: [] } });
    expect(() => DataFrame.concat([people(), other])).toThrow('cannot union frames with different schemas');
  });

  it('rejects an empty list of frames', () => {
    expect(() => DataFrame.concat([])).toThrow('concat needs at least one frame');
  });
});

describe('DataFrame.toString', () => {
  it('prints a header, the types, the rows (null as null) and the size', () => {
    const text = people().toString();
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^id\s+\| age/);
    expect(lines[1]).toMatch(/^<string> \| <int>/);
    expect(lines[3]).toMatch(/^a\s+\| 30/);
    expect(lines[5]).toMatch(/^null\s+\| 41/);
    expect(lines[lines.length - 1]).toBe('[3 rows x 2 columns]');
  });

  it('says how many rows are not shown and cuts long cells', () => {
    const f = DataFrame.fromColumns({ s: { type: 'string', values: ['x'.repeat(100), 'b', 'c'] } });
    const text = f.toString(1);
    expect(text).toContain('... 2 more rows');
    expect(text).toContain(`${'x'.repeat(39)}…`);
    expect(text).not.toContain('x'.repeat(41));
  });
});

describe('describeSchema', () => {
  it('lists names and types', () => {
    expect(describeSchema(people().schema)).toBe('id string, age int');
  });
});
