import { StringDictionaryBuilder, detach } from '../../src/io/string-dictionary';

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
