import { Agg, col, count, countIf } from '../../../src/engine/expr';
import { aggregate, compareStrings } from '../../../src/engine/exec/aggregate';
import { DataFrame } from '../../../src/engine/frame';
import '../../helpers/frames';

function agg(frame: DataFrame, keys: string[], aggs: Record<string, Agg>): DataFrame {
  return aggregate(
    frame,
    keys,
    Object.entries(aggs).map(([name, a]) => ({ name, agg: a.node })),
  );
}

const sales = DataFrame.fromColumns({
  k: { type: 'string', values: ['a', 'b', 'a', null, 'b', null, 'c'] },
  v: { type: 'int', values: [1, null, 3, 4, null, 6, null] },
  x: { type: 'float64', values: [0.5, 1.5, null, 2, 2.5, NaN, null] },
  s: { type: 'string', values: ['q', 'p', 'p', null, 'r', 's', null] },
  ok: { type: 'bool', values: [true, null, false, true, true, false, null] },
});

describe('aggregate', () => {
  it('gives one row per group in order of first appearance, with null keys as their own group', () => {
    expect(agg(sales, ['k'], { n: count() })).toEqualColumns({ k: ['a', 'b', null, 'c'], n: [2, 2, 2, 1] });
  });

  it('skips nulls in sum, mean, min, max and count, and gives null when a group has no values', () => {
    const out = agg(sales, ['k'], { sum: col('v').sum(), mean: col('v').mean(), min: col('v').min(), max: col('v').max(), cnt: col('v').count(), all: count() });
    expect(out).toHaveSchema({ k: 'string', sum: 'int', mean: 'float64', min: 'int', max: 'int', cnt: 'int', all: 'int' });
    expect(out).toEqualColumns({
      k: ['a', 'b', null, 'c'],
      sum: [4, null, 10, null],
      mean: [2, null, 5, null],
      min: [1, null, 4, null],
      max: [3, null, 6, null],
      cnt: [2, 0, 2, 0],
      all: [2, 2, 2, 1],
    });
  });

  it('treats NaN as a value larger than every number in min and max, and lets it poison sums', () => {
    const out = agg(sales, ['k'], { sum: col('x').sum(), min: col('x').min(), max: col('x').max() });
    expect(out).toEqualColumns({ k: ['a', 'b', null, 'c'], sum: [0.5, 4, NaN, null], min: [0.5, 1.5, 2, null], max: [0.5, 2.5, NaN, null] });
  });

  it('takes min and max of strings by code unit order', () => {
    const f = DataFrame.fromColumns({ g: { type: 'int', values: [1, 1, 1, 2, 2] }, s: { type: 'string', values: ['b', 'B', 'é', null, 'z'] } });
    expect(agg(f, ['g'], { lo: col('s').min(), hi: col('s').max() })).toEqualColumns({ g: [1, 2], lo: ['B', 'z'], hi: ['é', 'z'] });
  });

  it('keeps the type of dates in min and max', () => {
    const f = DataFrame.fromColumns({ d: { type: 'date', values: [10, null, -5] } });
    const out = agg(f, [], { lo: col('d').min(), hi: col('d').max() });
    expect(out).toHaveSchema({ lo: 'date', hi: 'date' });
    expect(out).toEqualColumns({ lo: [-5], hi: [10] });
  });

  it('counts the rows where a predicate is true, not false or null', () => {
    expect(agg(sales, ['k'], { n: countIf(col('ok')), notOk: countIf(col('ok').not()) })).toEqualColumns({ k: ['a', 'b', null, 'c'], n: [1, 1, 1, 0], notOk: [1, 0, 1, 0] });
  });

  it('counts distinct non-null values', () => {
    const f = DataFrame.fromColumns({
      g: { type: 'string', values: ['a', 'a', 'a', 'a', 'a', 'b', 'b'] },
      x: { type: 'float64', values: [0, -0, NaN, NaN, null, null, null] },
      s: { type: 'string', values: ['p', 'p', 'q', null, '', null, null] },
    });
    expect(agg(f, ['g'], { x: col('x').countDistinct(), s: col('s').countDistinct() })).toEqualColumns({ g: ['a', 'b'], x: [2, 0], s: [3, 0] });
  });

  it('collects non-null strings in row order, or sorted when asked', () => {
    const out = agg(sales, ['k'], { list: col('s').collectList(), sorted: col('s').collectList({ sorted: true }) });
    expect(out).toEqualColumns({ k: ['a', 'b', null, 'c'], list: [['q', 'p'], ['p', 'r'], ['s'], []], sorted: [['p', 'q'], ['p', 'r'], ['s'], []] });
  });

  it('groups by several keys, nulls included', () => {
    const f = DataFrame.fromColumns({
      a: { type: 'string', values: ['x', 'x', null, null, 'x'] },
      b: { type: 'int', values: [1, null, null, null, 1] },
    });
    expect(agg(f, ['a', 'b'], { n: count() })).toEqualColumns({ a: ['x', 'x', null], b: [1, null, null], n: [2, 1, 2] });
  });

  it('groups -0 with 0 and NaN with NaN', () => {
    const f = DataFrame.fromColumns({ x: { type: 'float64', values: [0, NaN, -0, NaN, 1] } });
    expect(agg(f, ['x'], { n: count() })).toEqualColumns({ x: [0, NaN, 1], n: [2, 2, 1] });
  });

  it('groups by booleans and dates', () => {
    const f = DataFrame.fromColumns({ b: { type: 'bool', values: [true, null, false, true] }, d: { type: 'date', values: [1, 1, 1, 2] } });
    expect(agg(f, ['b', 'd'], { n: count() })).toEqualColumns({ b: [true, null, false, true], d: [1, 1, 1, 2], n: [1, 1, 1, 1] });
  });

  it('gives one row for a global aggregate, even over an empty frame', () => {
    const empty = DataFrame.fromColumns({ v: { type: 'int', values: [] }, s: { type: 'string', values: [] }, b: { type: 'bool', values: [] } });
    expect(agg(empty, [], { all: count(), n: col('v').count(), d: col('s').countDistinct(), sum: col('v').sum(), mean: col('v').mean(), min: col('s').min(), ifs: countIf(col('b')), list: col('s').collectList() })).toEqualColumns({
      all: [0],
      n: [0],
      d: [0],
      sum: [null],
      mean: [null],
      min: [null],
      ifs: [0],
      list: [[]],
    });
  });

  it('gives no rows for a grouped aggregate over an empty frame', () => {
    const empty = DataFrame.fromColumns({ k: { type: 'string', values: [] }, v: { type: 'int', values: [] } });
    expect(agg(empty, ['k'], { n: count(), s: col('v').sum() })).toEqualColumns({ k: [], n: [], s: [] });
  });

  it('aggregates an all-null column to nulls and zero counts', () => {
    const f = DataFrame.fromColumns({ k: { type: 'string', values: ['a', 'a'] }, v: { type: 'float64', values: [null, null] }, s: { type: 'string', values: [null, null] } });
    expect(agg(f, ['k'], { sum: col('v').sum(), max: col('v').max(), n: col('v').count(), d: col('s').countDistinct(), lo: col('s').min(), list: col('s').collectList() })).toEqualColumns({
      k: ['a'],
      sum: [null],
      max: [null],
      n: [0],
      d: [0],
      lo: [null],
      list: [[]],
    });
  });

  it('aggregates expressions, not only columns', () => {
    expect(agg(sales, ['k'], { twice: col('v').mul(2).sum(), big: countIf(col('v').gt(2)) })).toEqualColumns({ k: ['a', 'b', null, 'c'], twice: [8, null, 20, null], big: [1, 0, 2, 0] });
  });

  it('groups by a key that is null in every row into one group', () => {
    const f = DataFrame.fromColumns({ k: { type: 'string', values: [null, null, null] }, v: { type: 'int', values: [1, 2, 3] } });
    expect(agg(f, ['k'], { s: col('v').sum() })).toEqualColumns({ k: [null], s: [6] });
  });

  it('handles one row', () => {
    const f = DataFrame.fromColumns({ k: { type: 'string', values: ['z'] }, v: { type: 'int', values: [7] } });
    expect(agg(f, ['k'], { s: col('v').sum(), m: col('v').mean(), n: count() })).toEqualColumns({ k: ['z'], s: [7], m: [7], n: [1] });
  });

  it('groups very long keys that differ only at the end apart', () => {
    const long = 'k'.repeat(50_000);
    const f = DataFrame.fromColumns({ k: { type: 'string', values: [`${long}1`, `${long}2`, `${long}1`] } });
    expect(agg(f, ['k'], { n: count() })).toEqualColumns({ k: [`${long}1`, `${long}2`], n: [2, 1] });
  });
});

describe('compareStrings', () => {
  it('orders by UTF-16 code units', () => {
    expect(['b', 'a', 'B', 'é', 'e', '😀', '\uffff'].sort(compareStrings)).toEqual(['B', 'a', 'b', 'e', 'é', '😀', '\uffff']);
    expect(compareStrings('a', 'a')).toBe(0);
  });
});
