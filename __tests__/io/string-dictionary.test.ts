import fc from 'fast-check';
import { StringColumn } from '../../src/engine/column';
import { DictionaryMerger, StringDictionaryBuilder, detach, entryHashes, hashText } from '../../src/io/string-dictionary';

describe('StringDictionaryBuilder', () => {
  it('gives each distinct value one code, in order of first appearance', () => {
    const b = new StringDictionaryBuilder();
    const text = 'red,green,red,blue,green';
    b.appendRange(text, 0, 3);
    b.appendRange(text, 4, 9);
    b.appendNull();
    b.appendRange(text, 10, 13);
    b.append('blue');
    b.appendRange(text, 19, 24);
    const col = b.finish();
    expect(Array.from(col.codes)).toEqual([0, 1, -1, 0, 2, 1]);
    expect(col.dict).toEqual(['red', 'green', 'blue']);
  });

  it('keeps the empty string apart from null and tells similar strings apart', () => {
    const b = new StringDictionaryBuilder();
    for (const s of ['', 'a', 'A', 'a ', 'é', 'e\u0301', '']) b.append(s);
    expect(b.finish().dict).toEqual(['', 'a', 'A', 'a ', 'é', 'e\u0301']);
  });

  it('gives runs of a repeated value the same code, also after a null or a different value', () => {
    const b = new StringDictionaryBuilder();
    for (const s of ['C1', 'C1', 'C1', 'C2', 'C2', 'C1', 'C1', 'C10', 'C1']) b.append(s);
    b.appendNull();
    b.append('C1');
    const col = b.finish();
    expect(Array.from(col.codes)).toEqual([0, 0, 0, 1, 1, 0, 0, 2, 0, -1, 0]);
    expect(col.dict).toEqual(['C1', 'C2', 'C10']);
  });

  it('keeps the hash of each entry it built, equal to hashText of the entry', () => {
    const b = new StringDictionaryBuilder();
    for (let i = 0; i < 500; i++) b.append(`v${i % 200}é`);
    const col = b.finish();
    expect(Array.from(entryHashes(col))).toEqual(col.dict.map(hashText));
    const other = new StringColumn(Int32Array.from([0, 1]), ['x', 'y']);
    expect(Array.from(entryHashes(other))).toEqual([hashText('x'), hashText('y')]);
  });

  it('stays correct through many rehashes with a hundred thousand distinct values', () => {
    const b = new StringDictionaryBuilder();
    for (let i = 0; i < 100_000; i++) b.append(`id-${i % 50_000}`);
    const col = b.finish();
    expect(col.dict.length).toBe(50_000);
    expect(col.get(99_999)).toBe('id-49999');
    expect(col.codes[60_000]).toBe(10_000);
  });
});

describe('detach', () => {
  it('returns an equal string', () => {
    const parent = `${'p'.repeat(100)}some long value here${'q'.repeat(100)}`;
    const part = parent.substring(100, 120);
    expect(detach(part)).toBe('some long value here');
    expect(detach('short')).toBe('short');
  });
});

describe('DictionaryMerger', () => {
  it('merges dictionaries in order into the dictionary of one pass, with each entry\'s merged code', () => {
    const m = new DictionaryMerger();
    expect(Array.from(m.merge(['b', 'a']))).toEqual([0, 1]);
    expect(Array.from(m.merge(['c', 'a', 'd']))).toEqual([2, 1, 3]);
    const last = ['d', 'e', 'b'];
    expect(Array.from(m.merge(last, Int32Array.from(last.map(hashText)), true))).toEqual([3, 4, 0]);
    expect(m.dict).toEqual(['b', 'a', 'c', 'd', 'e']);
  });

  it('gives the dictionary a single builder gives for any split of the values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'é', 'id-1', 'id-2', ''), { maxLength: 30 }), { minLength: 1, maxLength: 6 }), (parts) => {
        const whole = new StringDictionaryBuilder();
        const m = new DictionaryMerger();
        const codes: number[] = [];
        parts.forEach((values, i) => {
          const b = new StringDictionaryBuilder();
          for (const v of values) {
            whole.append(v);
            b.append(v);
          }
          const part = b.finish();
          const remap = m.merge(part.dict, undefined, i === parts.length - 1);
          for (const c of part.codes) codes.push(remap[c]!);
        });
        const expected = whole.finish();
        expect(m.dict).toEqual(expected.dict);
        expect(codes).toEqual(Array.from(expected.codes));
      }),
    );
  });

  it('stays correct through rehashes with many distinct entries split over parts', () => {
    const m = new DictionaryMerger();
    const a = Array.from({ length: 30_000 }, (_, i) => `K${i}`);
    const b = Array.from({ length: 30_000 }, (_, i) => `K${i + 15_000}`);
    m.merge(a);
    const remap = m.merge(b, undefined, true);
    expect(m.dict).toHaveLength(45_000);
    expect(remap[0]).toBe(15_000);
    expect(remap[29_999]).toBe(44_999);
  });
});
