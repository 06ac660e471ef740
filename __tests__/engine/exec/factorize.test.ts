import { columnFrom } from '../../../src/engine/column';
import { factorize, joinKeyIds } from '../../../src/engine/exec/factorize';

describe('factorize', () => {
  it('numbers groups in order of first appearance', () => {
    const f = factorize([columnFrom('string', ['b', 'a', 'b', 'c'])], 4);
    expect(Array.from(f.ids)).toEqual([0, 1, 0, 2]);
    expect(f.count).toBe(3);
    expect(Array.from(f.first)).toEqual([0, 1, 3]);
  });

  it('puts null keys in a group of their own', () => {
    const f = factorize([columnFrom('int', [null, 1, null])], 3);
    expect(Array.from(f.ids)).toEqual([0, 1, 0]);
  });

  it('combines several keys', () => {
    const f = factorize([columnFrom('string', ['a', 'a', 'b', 'a']), columnFrom('bool', [true, false, true, true])], 4);
    expect(Array.from(f.ids)).toEqual([0, 1, 2, 0]);
    expect(f.count).toBe(3);
  });

  it('puts every row in one group when there are no keys (and none for no rows)', () => {
    expect(factorize([], 3)).toEqual({ ids: new Int32Array(3), count: 1, first: Int32Array.of(0) });
    expect(factorize([], 0).count).toBe(0);
  });

  it('groups lists by their contents', () => {
    const f = factorize([columnFrom('list<string>', [['a'], ['a'], [], null])], 4);
    expect(Array.from(f.ids)).toEqual([0, 0, 1, 2]);
  });

  it('handles many distinct composite keys', () => {
    const n = 5000;
    const a = columnFrom('int', Array.from({ length: n }, (_, i) => i));
    const b = columnFrom('int', Array.from({ length: n }, (_, i) => n - i));
    const c = columnFrom('int', Array.from({ length: n }, (_, i) => i % 3));
    const f = factorize([a, b, c], n);
    expect(f.count).toBe(n);
    expect(f.ids[n - 1]).toBe(n - 1);
  });
});

describe('joinKeyIds', () => {
  it('gives equal ids to equal keys across both sides and -1 to nulls', () => {
    const { left, right } = joinKeyIds([columnFrom('string', ['a', null, 'b'])], [columnFrom('string', ['b', 'c', null, 'a'])]);
    expect(left[0]).toBe(right[3]);
    expect(left[2]).toBe(right[0]);
    expect(left[1]).toBe(-1);
    expect(right[2]).toBe(-1);
    expect(new Set([left[0], left[2], right[1]]).size).toBe(3);
  });

  it('gives -1 when any of several keys is null', () => {
    const { left, right } = joinKeyIds(
      [columnFrom('string', ['a', 'a']), columnFrom('int', [1, null])],
      [columnFrom('string', ['a', 'a']), columnFrom('int', [1, null])],
    );
    expect(left[0]).toBe(right[0]);
    expect(left[1]).toBe(-1);
    expect(right[1]).toBe(-1);
  });
});
