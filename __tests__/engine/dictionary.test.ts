import fc from 'fast-check';
import { StringColumn } from '../../src/engine/column';
import { SharedDictionary } from '../../src/engine/dictionary';
import { hashJoin } from '../../src/engine/exec/join';

const column = (values: readonly (string | null)[]): StringColumn => {
  const dict: string[] = [];
  const codes = values.map((v) => {
    if (v === null) return -1;
    const k = dict.indexOf(v);
    if (k >= 0) return k;
    dict.push(v);
    return dict.length - 1;
  });
  return new StringColumn(Int32Array.from(codes), dict);
};

const valuesOf = (c: StringColumn): (string | null)[] => Array.from({ length: c.length }, (_, i) => c.get(i));

describe('SharedDictionary', () => {
  it('gives each distinct string one stable code, in order of first sight', () => {
    const d = new SharedDictionary();
    expect([d.intern('a'), d.intern('b'), d.intern('a'), d.intern(''), d.intern('b')]).toEqual([0, 1, 0, 2, 1]);
    expect(d.dict).toEqual(['a', 'b', '']);
    expect(d.codeOf('b')).toBe(1);
    expect(d.codeOf('c')).toBe(-1);
    expect(d.size).toBe(3);
  });

  it('re-encodes columns of different dictionaries into one array, keeping values and nulls', () => {
    const d = new SharedDictionary();
    const left = d.encode(column(['C1', null, 'C2', 'C1']));
    const right = d.encode(column(['C3', 'C2', null, 'C3', 'C1']));
    expect(left.dict).toBe(right.dict);
    expect(valuesOf(left)).toEqual(['C1', null, 'C2', 'C1']);
    expect(valuesOf(right)).toEqual(['C3', 'C2', null, 'C3', 'C1']);
    // A column encoded before the dictionary grew still reads the same values.
    expect(valuesOf(left)).toEqual(['C1', null, 'C2', 'C1']);
    expect(d.encode(left)).toBe(left);
  });

  it('keeps every string apart through many growths, including hash-colliding shapes and non-ASCII text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('é', 'ß', '日本', '\u0000', 'a,b', '"q"')), { maxLength: 3000 }), (words) => {
        const d = new SharedDictionary();
        const codes = words.map((w) => d.intern(w));
        const distinct = [...new Set(words)];
        expect(d.dict).toEqual(distinct);
        words.forEach((w, i) => expect(d.dict[codes[i]!]).toBe(w));
      }),
      { numRuns: 50 },
    );
  });

  it('lets a join of two files on an id compare codes and match the same rows as before', () => {
    const leftRaw = column(['T1', 'T2', null, 'T3', 'T2']);
    const rightRaw = column(['T2', 'T4', 'T1', null]);
    const before = hashJoin([leftRaw], [rightRaw], 'inner');
    const d = new SharedDictionary();
    const after = hashJoin([d.encode(leftRaw)], [d.encode(rightRaw)], 'inner');
    expect(Array.from(after.leftIdx)).toEqual(Array.from(before.leftIdx));
    expect(Array.from(after.rightIdx)).toEqual(Array.from(before.rightIdx));
  });

  it('adopts the entries of a dictionary read elsewhere: columns using them stay as they are, new strings go after them', () => {
    const entries = ['C1', 'C2', 'C3'];
    const column = new StringColumn(Int32Array.of(2, -1, 0), entries);
    const shared = new SharedDictionary(entries);
    expect(shared.encode(column)).toBe(column);
    expect(shared.codeOf('C2')).toBe(1);
    expect(shared.intern('C4')).toBe(3);
    expect(entries).toEqual(['C1', 'C2', 'C3', 'C4']);
    const other = shared.encode(new StringColumn(Int32Array.of(0, 1), ['C4', 'C1']));
    expect(other.dict).toBe(entries);
    expect(Array.from(other.codes)).toEqual([3, 0]);
    expect([0, 1, 2].map((i) => column.get(i))).toEqual(['C3', null, 'C1']);
  });

  it('refuses to adopt entries that repeat', () => {
    expect(() => new SharedDictionary(['a', 'b', 'a'])).toThrow('a shared dictionary\'s entries repeat "a"');
  });
});
