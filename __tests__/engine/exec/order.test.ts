import { columnFrom } from '../../../src/engine/column';
import { SortKey, dedupeIndices, rowComparator, sortIndices, stringRanks } from '../../../src/engine/exec/order';
import { DataFrame } from '../../../src/engine/frame';
import { StringColumn } from '../../../src/engine/column';
import { lazy, run } from '../../helpers/frames';

function sorted(frame: DataFrame, keys: SortKey[]): DataFrame {
  return frame.take(sortIndices(frame, keys));
}

describe('stringRanks', () => {
  it('ranks dictionary entries in code unit order', () => {
    const c = columnFrom('string', ['b', 'a', 'B', 'é']) as StringColumn;
    expect(Array.from(stringRanks(c))).toEqual([2, 1, 0, 3]);
  });
});

describe('sortIndices', () => {
  const f = DataFrame.fromColumns({
    id: { type: 'int', values: [0, 1, 2, 3, 4, 5] },
    n: { type: 'float64', values: [2, null, NaN, -1, 2, -0] },
    s: { type: 'string', values: ['b', 'a', null, 'B', 'a', ''] },
  });

  it('sorts ascending with nulls first and NaN after every number, keeping ties in input order', () => {
    expect(sorted(f, [{ column: 'n' }])).toEqualColumns({
      id: [1, 3, 5, 0, 4, 2],
      n: [null, -1, -0, 2, 2, NaN],
      s: ['a', 'B', '', 'b', 'a', null],
    });
  });

  it('sorts descending with nulls last, still keeping ties in input order', () => {
    expect(sorted(f, [{ column: 'n', descending: true }]).values('id')).toEqual([2, 0, 4, 5, 3, 1]);
  });

  it('puts nulls where asked', () => {
    expect(sorted(f, [{ column: 'n', nulls: 'last' }]).values('id')).toEqual([3, 5, 0, 4, 2, 1]);
    expect(sorted(f, [{ column: 'n', descending: true, nulls: 'first' }]).values('id')).toEqual([1, 2, 0, 4, 5, 3]);
  });

  it('sorts strings by code unit (upper case before lower case, empty first)', () => {
    expect(sorted(f, [{ column: 's' }]).values('s')).toEqual([null, '', 'B', 'a', 'a', 'b']);
  });

  it('breaks ties with later keys', () => {
    expect(sorted(f, [{ column: 's', descending: true }, { column: 'id', descending: true }]).values('id')).toEqual([0, 4, 1, 3, 5, 2]);
  });

  it('treats -0 and 0 as equal', () => {
    const g = DataFrame.fromColumns({ x: { type: 'float64', values: [0, -0, 0, -0] }, i: { type: 'int', values: [0, 1, 2, 3] } });
    expect(sorted(g, [{ column: 'x' }]).values('i')).toEqual([0, 1, 2, 3]);
  });

  it('sorts booleans false first, and dates and timestamps by time', () => {
    const g = DataFrame.fromColumns({ b: { type: 'bool', values: [true, null, false] }, d: { type: 'date', values: [5, -3, null] } });
    expect(sorted(g, [{ column: 'b' }]).values('b')).toEqual([null, false, true]);
    expect(sorted(g, [{ column: 'd', descending: true }]).values('d')).toEqual([5, -3, null]);
  });

  it('sorts lists by their JSON text', () => {
    const g = DataFrame.fromColumns({ l: { type: 'list<string>', values: [['b'], null, ['a', 'z'], []] } });
    expect(sorted(g, [{ column: 'l' }]).values('l')).toEqual([null, ['a', 'z'], ['b'], []]);
  });

  it('keeps input order with no keys, and handles empty and one-row frames', () => {
    expect(Array.from(sortIndices(f, []))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(sortIndices(f.head(0), [{ column: 'n' }]).length).toBe(0);
    expect(Array.from(sortIndices(f.head(1), [{ column: 'n' }]))).toEqual([0]);
  });

  it('sorts a column that is null in every row without moving anything', () => {
    const g = DataFrame.fromColumns({ x: { type: 'int', values: [null, null, null] }, i: { type: 'int', values: [0, 1, 2] } });
    expect(sorted(g, [{ column: 'x', descending: true }]).values('i')).toEqual([0, 1, 2]);
  });

  it('is stable on a large frame with many ties', () => {
    const n = 5000;
    const g = DataFrame.fromColumns({ k: { type: 'int', values: Array.from({ length: n }, (_, i) => (i * 7) % 5) }, i: { type: 'int', values: Array.from({ length: n }, (_, i) => i) } });
    const out = sorted(g, [{ column: 'k' }]);
    const ks = out.values('k') as number[];
    const is = out.values('i') as number[];
    for (let r = 1; r < n; r++) expect(ks[r - 1]! < ks[r]! || (ks[r - 1] === ks[r] && is[r - 1]! < is[r]!)).toBe(true);
  });
});

describe('rowComparator', () => {
  it('compares two rows by the keys', () => {
    const g = DataFrame.fromColumns({ a: { type: 'string', values: ['x', 'x', 'y'] }, b: { type: 'int', values: [2, 1, 0] } });
    const cmp = rowComparator(g, [{ column: 'a' }, { column: 'b' }]);
    expect(Math.sign(cmp(0, 1))).toBe(1);
    expect(Math.sign(cmp(1, 2))).toBe(-1);
    expect(cmp(0, 0)).toBe(0);
  });
});

describe('dedupeIndices', () => {
  const events = DataFrame.fromColumns({
    cust: { type: 'string', values: ['a', 'b', 'a', null, 'a', null, 'b'] },
    at: { type: 'int', values: [3, 1, 5, 2, 5, 1, null] },
  });

  it('keeps the first row of each partition by the order, returned in input order', () => {
    expect(Array.from(dedupeIndices(events, ['cust'], [{ column: 'at', descending: true }]))).toEqual([1, 2, 3]);
  });

  it('keeps the earliest row when the order ties', () => {
    const g = DataFrame.fromColumns({ k: { type: 'string', values: ['a', 'a', 'a'] }, v: { type: 'int', values: [1, 1, 1] } });
    expect(Array.from(dedupeIndices(g, ['k'], [{ column: 'v' }]))).toEqual([0]);
  });

  it('treats null partition keys as one partition', () => {
    expect(Array.from(dedupeIndices(events, ['cust'], [{ column: 'at' }]))).toEqual([0, 5, 6]);
  });

  it('orders nulls first ascending and last descending', () => {
    expect(Array.from(dedupeIndices(events, ['cust'], [{ column: 'at' }])).includes(6)).toBe(true);
    expect(Array.from(dedupeIndices(events, ['cust'], [{ column: 'at', descending: true }])).includes(6)).toBe(false);
  });

  it('keeps the first row of each partition when there is no order', () => {
    expect(Array.from(dedupeIndices(events, ['cust'], []))).toEqual([0, 1, 3]);
  });

  it('keeps one row overall when there is no partition', () => {
    expect(Array.from(dedupeIndices(events, [], [{ column: 'at', descending: true }]))).toEqual([2]);
  });

  it('keeps nothing of an empty frame', () => {
    expect(dedupeIndices(events.head(0), ['cust'], [{ column: 'at' }]).length).toBe(0);
  });
});

describe('LazyFrame.sort / LazyFrame.dedupe', () => {
  const lf = lazy({ k: { type: 'string', values: ['b', 'a', 'b', 'a'] }, v: { type: 'int', values: [1, 2, 3, 2] }, i: { type: 'int', values: [0, 1, 2, 3] } });

  it('sorts by column names ascending and by sort keys', () => {
    expect(run(lf.sort('k', { column: 'v', descending: true }))).toEqualColumns({ k: ['a', 'a', 'b', 'b'], v: [2, 2, 3, 1], i: [1, 3, 2, 0] });
  });

  it('keeps the latest row per key, ties to the earlier row', () => {
    expect(run(lf.dedupe({ partitionBy: ['k'], orderBy: [{ column: 'v', descending: true }] }))).toEqualColumns({ k: ['a', 'b'], v: [2, 3], i: [1, 2] });
  });

  it('rejects unknown columns at once', () => {
    expect(() => lf.sort('zz')).toThrow('sort: unknown column "zz"');
    expect(() => lf.dedupe({ partitionBy: ['zz'] })).toThrow('dedupe: unknown column "zz"');
    expect(() => lf.dedupe({ partitionBy: ['k'], orderBy: [{ column: 'zz' }] })).toThrow('dedupe: unknown column "zz"');
  });
});
