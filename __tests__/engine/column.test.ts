import {
  BoolBuilder,
  BoolColumn,
  ListBuilder,
  ListColumn,
  NumericBuilder,
  NumericColumn,
  StringBuilder,
  StringColumn,
  allocBitmap,
  appendValue,
  builderFor,
  columnFrom,
  concatColumns,
  getBit,
  nullColumn,
  setBit,
} from '../../src/engine/column';
import { CellValue, DATA_TYPES } from '../../src/engine/types';

function valuesOf(c: { length: number; get(i: number): CellValue }): CellValue[] {
  return Array.from({ length: c.length }, (_, i) => c.get(i));
}

describe('allocBitmap / setBit / getBit', () => {
  it('allocates one byte per eight rows, all bits cleared', () => {
    expect(allocBitmap(0).length).toBe(0);
    expect(allocBitmap(1).length).toBe(1);
    expect(allocBitmap(8).length).toBe(1);
    expect(allocBitmap(9).length).toBe(2);
    expect(Array.from(allocBitmap(17))).toEqual([0, 0, 0]);
  });

  it('sets and reads single bits without touching their neighbours', () => {
    const bits = allocBitmap(20);
    setBit(bits, 0);
    setBit(bits, 9);
    setBit(bits, 19);
    const set = Array.from({ length: 20 }, (_, i) => getBit(bits, i));
    expect(set.flatMap((b, i) => (b ? [i] : []))).toEqual([0, 9, 19]);
  });
});

describe('NumericBuilder', () => {
  it('grows past its capacity and keeps values and nulls in place', () => {
    const b = new NumericBuilder('int', 4);
    const expected: (number | null)[] = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 7 === 3) {
        b.appendNull();
        expected.push(null);
      } else {
        b.append(i);
        expected.push(i);
      }
    }
    const c = b.finish();
    expect(c.length).toBe(3000);
    expect(valuesOf(c)).toEqual(expected);
    expect(c.nullCount()).toBe(expected.filter((v) => v === null).length);
  });

  it('leaves the validity bitmap out when no value is null', () => {
    const b = new NumericBuilder('float64');
    b.append(1);
    b.append(2);
    expect(b.finish().validity).toBeNull();
  });

  it('handles a null as the very first value', () => {
    const b = new NumericBuilder('date', 0);
    b.appendNull();
    b.append(5);
    expect(valuesOf(b.finish())).toEqual([null, 5]);
  });

  it('keeps NaN, infinities and negative zero as values, not nulls', () => {
    const c = columnFrom('float64', [NaN, -0, Infinity, -Infinity]) as NumericColumn;
    expect(c.nullCount()).toBe(0);
    expect(Number.isNaN(c.get(0))).toBe(true);
    expect(Object.is(c.get(1), -0)).toBe(true);
    expect(c.get(2)).toBe(Infinity);
    expect(c.get(3)).toBe(-Infinity);
  });
});

describe('BoolBuilder', () => {
  it('grows past 1024 rows and keeps nulls', () => {
    const b = new BoolBuilder();
    for (let i = 0; i < 2500; i++) {
      if (i === 2000) b.appendNull();
      else b.append(i % 3 === 0);
    }
    const c = b.finish();
    expect(c.length).toBe(2500);
    expect(c.get(0)).toBe(true);
    expect(c.get(1)).toBe(false);
    expect(c.get(2000)).toBeNull();
    expect(c.get(2499)).toBe(true);
    expect(c.get(2498)).toBe(false);
    expect(c.nullCount()).toBe(1);
  });
});

describe('StringBuilder', () => {
  it('stores each distinct string once in the dictionary', () => {
    const b = new StringBuilder();
    for (const s of ['x', 'y', 'x', 'x', 'y']) b.append(s);
    const c = b.finish();
    expect(c.dict).toEqual(['x', 'y']);
    expect(Array.from(c.codes)).toEqual([0, 1, 0, 0, 1]);
  });

  it('codes nulls as -1 and keeps the empty string distinct from null', () => {
    const c = columnFrom('string', ['', null, '']) as StringColumn;
    expect(Array.from(c.codes)).toEqual([0, -1, 0]);
    expect(valuesOf(c)).toEqual(['', null, '']);
  });

  it('appends codes returned by intern', () => {
    const b = new StringBuilder();
    const k = b.intern('k');
    expect(b.intern('k')).toBe(k);
    b.appendCode(k);
    b.appendCode(b.intern('m'));
    b.appendNull();
    expect(valuesOf(b.finish())).toEqual(['k', 'm', null]);
  });

  it('keeps very long and non-ASCII strings intact', () => {
    const long = 'ab😀'.repeat(50_000);
    const c = columnFrom('string', [long, 'e\u0301', 'é', '日本']);
    expect(valuesOf(c)).toEqual([long, 'e\u0301', 'é', '日本']);
    expect((c as StringColumn).dict.length).toBe(4);
  });

  it('grows past 1024 rows', () => {
    const values = Array.from({ length: 3000 }, (_, i) => (i % 5 === 0 ? null : `s${i % 11}`));
    expect(valuesOf(columnFrom('string', values))).toEqual(values);
  });
});

describe('StringColumn', () => {
  it('has no validity bitmap when nothing is null', () => {
    expect(new StringColumn(Int32Array.of(0, 0), ['a']).validity).toBeNull();
  });

  it('derives the validity bitmap from the codes, including a leading null', () => {
    const c = new StringColumn(Int32Array.of(-1, 0, -1, 1), ['a', 'b']);
    const bits = c.validity!;
    expect([0, 1, 2, 3].map((i) => getBit(bits, i))).toEqual([false, true, false, true]);
    expect(c.nullCount()).toBe(2);
  });

  it('finds the code of a dictionary entry, or -1', () => {
    const c = new StringColumn(Int32Array.of(0, 1), ['a', 'b']);
    expect(c.codeOf('b')).toBe(1);
    expect(c.codeOf('z')).toBe(-1);
  });
});

describe('Column.take', () => {
  const idx = Int32Array.of(2, -1, 0, 2);

  it('gathers numbers, giving null for index -1 and for null sources', () => {
    expect(valuesOf(columnFrom('int', [1, null, 3]).take(idx))).toEqual([3, null, 1, 3]);
  });

  it('gathers booleans', () => {
    expect(valuesOf(columnFrom('bool', [true, null, false]).take(idx))).toEqual([false, null, true, false]);
  });

  it('gathers strings through their codes', () => {
    expect(valuesOf(columnFrom('string', ['a', null, 'c']).take(idx))).toEqual(['c', null, 'a', 'c']);
  });

  it('gathers lists', () => {
    expect(valuesOf(columnFrom('list<string>', [['a'], null, []]).take(idx))).toEqual([[], null, ['a'], []]);
  });

  it('gives an empty column for no indices', () => {
    for (const t of DATA_TYPES) expect(columnFrom(t, []).take(new Int32Array(0)).length).toBe(0);
  });

  it('gives a column without nulls when every index is valid', () => {
    expect((columnFrom('float64', [1, 2]).take(Int32Array.of(1, 0)) as NumericColumn).validity).toBeNull();
  });
});

describe('ListColumn', () => {
  it('reports nulls and values', () => {
    const c = new ListColumn([['a', 'b'], null, []]);
    expect(c.nullCount()).toBe(1);
    expect(c.isValid(1)).toBe(false);
    expect(c.get(0)).toEqual(['a', 'b']);
    expect(c.validity).not.toBeNull();
    expect(new ListColumn([[]]).validity).toBeNull();
  });
});

describe('ListBuilder', () => {
  it('builds a list column with nulls', () => {
    const b = new ListBuilder();
    b.append(['x']);
    b.appendNull();
    expect(valuesOf(b.finish())).toEqual([['x'], null]);
  });
});

describe('builderFor', () => {
  it('returns a builder of the right type for every type', () => {
    for (const t of DATA_TYPES) {
      const b = builderFor(t);
      b.appendNull();
      const c = b.finish();
      expect(c.type).toBe(t);
      expect(c.get(0)).toBeNull();
    }
  });
});

describe('appendValue', () => {
  it('rejects a value of the wrong type with a clear message', () => {
    expect(() => appendValue(builderFor('int'), 'x')).toThrow('expected a number for a int column, got "x"');
    expect(() => appendValue(builderFor('bool'), 1)).toThrow('expected a boolean');
    expect(() => appendValue(builderFor('string'), 1)).toThrow('expected a string');
    expect(() => appendValue(builderFor('list<string>'), 'a')).toThrow('expected an array');
  });

  it('treats undefined as null', () => {
    const b = builderFor('string');
    appendValue(b, undefined);
    expect(b.finish().get(0)).toBeNull();
  });
});

describe('nullColumn', () => {
  it('builds n nulls of every type', () => {
    for (const t of DATA_TYPES) {
      const c = nullColumn(t, 3);
      expect(c.type).toBe(t);
      expect(valuesOf(c)).toEqual([null, null, null]);
      expect(c.nullCount()).toBe(3);
    }
  });
});

describe('concatColumns', () => {
  it('merges string dictionaries and remaps codes', () => {
    const c = concatColumns('string', [columnFrom('string', ['a', 'b', null]), columnFrom('string', ['b', 'c']), columnFrom('string', [])]) as StringColumn;
    expect(valuesOf(c)).toEqual(['a', 'b', null, 'b', 'c']);
    expect(c.dict).toEqual(['a', 'b', 'c']);
  });

  it('concatenates numbers, keeping nulls from any part', () => {
    expect(valuesOf(concatColumns('int', [columnFrom('int', [1]), columnFrom('int', [null, 3])]))).toEqual([1, null, 3]);
    expect((concatColumns('int', [columnFrom('int', [1]), columnFrom('int', [2])]) as NumericColumn).validity).toBeNull();
  });

  it('concatenates booleans and lists', () => {
    expect(valuesOf(concatColumns('bool', [columnFrom('bool', [true]), columnFrom('bool', [null, false])]))).toEqual([true, null, false]);
    expect(valuesOf(concatColumns('list<string>', [columnFrom('list<string>', [['a']]), columnFrom('list<string>', [null])]))).toEqual([['a'], null]);
  });

  it('gives an empty column for no parts', () => {
    for (const t of DATA_TYPES) expect(concatColumns(t, []).length).toBe(0);
  });
});

describe('BoolColumn', () => {
  it('reads values through the validity bitmap', () => {
    const bits = allocBitmap(2);
    setBit(bits, 1);
    const c = new BoolColumn(Uint8Array.of(1, 1), bits);
    expect(valuesOf(c)).toEqual([null, true]);
  });
});
