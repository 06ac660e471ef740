import fc from 'fast-check';
import { DictionaryMerger, StringDictionaryBuilder, detach, hashText, packStrings, unpackDictionary } from '../../src/io/string-dictionary';

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

  it('packs its dictionary with the hash of each entry, equal to hashText of the entry', () => {
    const b = new StringDictionaryBuilder();
    for (let i = 0; i < 500; i++) b.append(`v${i % 200}é`);
    b.append('');
    b.append('\u{1F600}x');
    const { codes, dict } = b.finishPacked();
    const entries = unpackDictionary(dict);
    expect(entries).toEqual([...Array.from({ length: 200 }, (_, i) => `v${i}é`), '', '\u{1F600}x']);
    expect(dict.count).toBe(202);
    expect(dict.wide).toBe(true);
    expect(Array.from(dict.hashes!.subarray(0, dict.count))).toEqual(entries.map(hashText));
    expect(codes[250]).toBe(50);
    expect(b.finish().dict).toEqual(entries);
  });

  it('marks a dictionary of latin1 entries as not wide and unpacks long entries as equal strings', () => {
    const b = new StringDictionaryBuilder();
    const long = `${'x'.repeat(40)}ÿ`;
    b.append('café');
    b.append(long);
    const { dict } = b.finishPacked();
    expect(dict.wide).toBe(false);
    expect(unpackDictionary(dict)).toEqual(['café', long]);
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

describe('StringDictionaryBuilder with numbered values', () => {
  it('encodes values of one prefix and digit count by number, then any value, like a plain dictionary', () => {
    const values = ['K0601103', 'K0000007', 'K0601103', 'K9999999', 'K0000007', 'K601103', 'k0601103', 'K0601103', 'K060110x', 'K9999999', 'K060110x', ''];
    const b = new StringDictionaryBuilder();
    for (const v of values) b.append(v);
    const col = b.finish();
    const dict = [...new Set(values)];
    expect(col.dict).toEqual(dict);
    expect(Array.from(col.codes)).toEqual(values.map((v) => dict.indexOf(v)));
  });

  it('tells apart numbers with leading zeros, numbers past 2^24 and prefixes that differ in one character', () => {
    const values = ['cat_01', 'cat_1', 'cat_10', 'cat_01', 'cat_99', 'dog_01', 'cat_99'];
    const b = new StringDictionaryBuilder();
    for (const v of values) b.append(v);
    expect(b.finish().dict).toEqual(['cat_01', 'cat_1', 'cat_10', 'cat_99', 'dog_01']);
    const nine = new StringDictionaryBuilder();
    for (const v of ['TXN000000002', 'TXN000000001', 'TXN000000002', 'TXN0000000001', 'TXN016777216']) nine.append(v);
    const nineCol = nine.finish();
    expect(nineCol.dict).toEqual(['TXN000000002', 'TXN000000001', 'TXN0000000001', 'TXN016777216']);
    expect(Array.from(nineCol.codes)).toEqual([0, 1, 0, 2, 3]);
    const big = new StringDictionaryBuilder();
    for (const v of ['16777215', '16777216', '16777215', '99999999', '16777216']) big.append(v);
    const col = big.finish();
    expect(col.dict).toEqual(['16777215', '16777216', '99999999']);
    expect(Array.from(col.codes)).toEqual([0, 1, 0, 2, 1]);
  });

  it('packs numbered entries with their numbers instead of hashes', () => {
    const b = new StringDictionaryBuilder();
    for (let i = 0; i < 3000; i++) b.append(`ID${String((i * 7919) % 2000).padStart(5, '0')}`);
    const { dict } = b.finishPacked();
    const entries = unpackDictionary(dict);
    expect(entries).toHaveLength(2000);
    expect(dict.hashes).toBeNull();
    expect(Array.from(dict.numbered!.numbers.subarray(0, dict.count))).toEqual(entries.map((e) => Number(e.slice(2))));
  });
});

describe('StringDictionaryBuilder in batches of numbered values', () => {
  /** Codes and dictionary as a plain Map gives them (null: a null value). */
  function reference(values: readonly (string | null)[]): { codes: number[]; dict: string[] } {
    const index = new Map<string, number>();
    const codes = values.map((v) => {
      if (v === null) return -1;
      if (!index.has(v)) index.set(v, index.size);
      return index.get(v)!;
    });
    return { codes, dict: [...index.keys()] };
  }

  it('gives the codes of a plain dictionary with repeats and nulls inside batches and a value of another shape after thousands', () => {
    const values: (string | null)[] = [];
    for (let i = 0; i < 5000; i++) values.push(i % 37 === 0 ? null : `C${String((i * 31) % 700).padStart(4, '0')}`);
    values.push('other', 'C0031', null, 'C9999', 'other');
    const b = new StringDictionaryBuilder(16);
    const bytes = new StringDictionaryBuilder(16);
    for (const v of values) {
      if (v === null) {
        b.appendNull();
        bytes.appendNull();
      } else {
        b.append(v);
        bytes.appendBytes(Buffer.from(`,${v},`, 'latin1'), 1, 1 + v.length);
      }
    }
    expect(b.length).toBe(values.length);
    const want = reference(values);
    for (const col of [b.finish(), bytes.finish()]) {
      expect(col.dict).toEqual(want.dict);
      expect(Array.from(col.codes)).toEqual(want.codes);
    }
  });

  it('keeps numbered values that end a column, and nulls before any value, in order', () => {
    const values: (string | null)[] = [null, null, 'n7', 'n3', null, 'n7'];
    const b = new StringDictionaryBuilder();
    for (const v of values) {
      if (v === null) b.appendNull();
      else b.append(v);
    }
    const { codes, dict } = b.finishPacked();
    expect(Array.from(codes)).toEqual(reference(values).codes);
    expect(unpackDictionary(dict)).toEqual(['n7', 'n3']);
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
    expect(Array.from(m.merge(packStrings(['b', 'a'])))).toEqual([0, 1]);
    expect(Array.from(m.merge(packStrings(['c', 'a', 'd'])))).toEqual([2, 1, 3]);
    expect(Array.from(m.merge(packStrings([])))).toEqual([]);
    expect(Array.from(m.merge(packStrings(['d', 'e', 'b']), true))).toEqual([3, 4, 0]);
    expect(m.length).toBe(5);
    expect(m.finish()).toEqual(['b', 'a', 'c', 'd', 'e']);
  });

  it('gives the dictionary a single builder gives for any split of the values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('a', 'b', 'é', 'id-1', 'id-2', '', '\u{1F600}', 'a-much-longer-identifier-0001', 'K01', 'K02', 'K2', 'K002', 'K16777215', 'K16777216', 'K99999999', 'K000000001', 'K0000000001', '007', '7'), { maxLength: 30 }), { minLength: 1, maxLength: 6 }), (parts) => {
        const whole = new StringDictionaryBuilder();
        const m = new DictionaryMerger();
        const codes: number[] = [];
        parts.forEach((values, i) => {
          const b = new StringDictionaryBuilder();
          for (const v of values) {
            whole.append(v);
            b.append(v);
          }
          const part = b.finishPacked();
          const remap = m.merge(part.dict, i === parts.length - 1);
          for (const c of part.codes) codes.push(remap[c]!);
        });
        const expected = whole.finish();
        expect(m.finish()).toEqual(expected.dict);
        expect(codes).toEqual(Array.from(expected.codes));
      }),
    );
  });

  it('merges numbered dictionaries by number and goes on by hash after an entry that is not numbered', () => {
    const m = new DictionaryMerger();
    expect(Array.from(m.merge(packStrings(['K002', 'K001'])))).toEqual([0, 1]);
    expect(Array.from(m.merge(packStrings(['K001', 'K003', 'x', 'K002', 'K004'])))).toEqual([1, 2, 3, 0, 4]);
    expect(Array.from(m.merge(packStrings(['K004', 'x', 'y', 'K002']), true))).toEqual([4, 3, 5, 0]);
    expect(m.finish()).toEqual(['K002', 'K001', 'K003', 'x', 'K004', 'y']);
  });

  it('merges by the numbers a numbered builder packs, and reads the numbers itself when the numbering differs', () => {
    const pack = (values: string[]): ReturnType<StringDictionaryBuilder['finishPacked']>['dict'] => {
      const b = new StringDictionaryBuilder();
      for (const v of values) b.append(v);
      return b.finishPacked().dict;
    };
    const first = pack(['ID0007', 'ID0003', 'ID0007']);
    expect(first.numbered?.prefix).toBe('ID');
    expect(Array.from(first.numbered!.numbers.subarray(0, first.count))).toEqual([7, 3]);
    expect(pack(['ID0007', 'x']).numbered).toBeUndefined();
    const m = new DictionaryMerger();
    expect(Array.from(m.merge(first))).toEqual([0, 1]);
    expect(Array.from(m.merge(pack(['ID0001', 'ID0003'])))).toEqual([2, 1]);
    // Same prefix, other width: numbered by its builder, but not in the merger's numbering.
    const other = pack(['ID03', 'ID09']);
    expect(other.numbered?.length).toBe(4);
    expect(Array.from(m.merge(other))).toEqual([3, 4]);
    expect(Array.from(m.merge(pack(['ID0009', 'ID0007', 'ID03']), true))).toEqual([5, 0, 3]);
    expect(m.finish()).toEqual(['ID0007', 'ID0003', 'ID0001', 'ID03', 'ID09', 'ID0009']);
  });

  it('stays correct through rehashes with many distinct entries split over parts', () => {
    const m = new DictionaryMerger();
    const a = Array.from({ length: 30_000 }, (_, i) => `K${i}`);
    const b = Array.from({ length: 30_000 }, (_, i) => `K${i + 15_000}`);
    m.merge(packStrings(a));
    const remap = m.merge(packStrings(b), true);
    expect(m.finish()).toHaveLength(45_000);
    expect(remap[0]).toBe(15_000);
    expect(remap[29_999]).toBe(44_999);
  });
});
