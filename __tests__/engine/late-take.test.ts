import fc from 'fast-check';
import { Column, composeIndex } from '../../src/engine/column';
import { col } from '../../src/engine/expr';
import { DataFrame, Row } from '../../src/engine/frame';
import { DataType } from '../../src/engine/types';
import { PROPERTY_RUNS, frameFromRows, lazy, rowsArb, rowsToColumns, run } from '../helpers/frames';

const SCHEMA: Record<string, DataType> = { k: 'string', g: 'int', x: 'float64', b: 'bool', d: 'date', l: 'list<string>' };
const NAMES = Object.keys(SCHEMA);

/** Row k of the result is row idx[k] of the input, or a row of nulls where idx[k] is -1 (what an eager gather gives). */
function takeRows(rows: readonly Row[], idx: Int32Array): Row[] {
  return Array.from(idx, (i) => (i < 0 ? {} : rows[i]!));
}

/** Reads a column's storage (what any kernel does), completing its gather. */
function touch(c: Column): void {
  if (c.kind === 'string') void c.codes;
  else if (c.kind === 'list') void c.offsets;
  else void c.values;
}

/** An index vector over `n` rows: random rows (repeats allowed) and -1s. */
function indexArb(n: number): fc.Arbitrary<Int32Array> {
  const one = n === 0 ? fc.constant(-1) : fc.oneof({ arbitrary: fc.integer({ min: 0, max: n - 1 }), weight: 4 }, { arbitrary: fc.constant(-1), weight: 1 });
  return fc.array(one, { maxLength: 30 }).map((a) => Int32Array.from(a));
}

/** A step of a chain: the index (as fractions of the current length, so it fits any length) and which columns to read afterwards. */
const stepArb = fc.record({
  picks: fc.array(fc.oneof({ arbitrary: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), weight: 4 }, { arbitrary: fc.constant(-1), weight: 1 }), { maxLength: 30 }),
  touched: fc.subarray(NAMES),
});

describe('DataFrame.take (late gathers)', () => {
  it('gives the same rows as an eager gather through any chain of takes, whatever columns were read in between', () => {
    fc.assert(
      fc.property(rowsArb(SCHEMA, 20), fc.array(stepArb, { minLength: 1, maxLength: 5 }), (rows, steps) => {
        let frame = frameFromRows(SCHEMA, rows);
        let expected: Row[] = rows;
        for (const step of steps) {
          const n = frame.numRows;
          const idx = Int32Array.from(step.picks, (p) => (p < 0 || n === 0 ? -1 : Math.floor(p * n)));
          frame = frame.take(idx);
          expected = takeRows(expected, idx);
          for (const name of step.touched) touch(frame.column(name));
        }
        expect(frame).toEqualColumns(rowsToColumns(expected, NAMES));
      }),
      PROPERTY_RUNS,
    );
  });

  it('gives the same rows as an eager gather for random index vectors with -1s', () => {
    fc.assert(
      fc.property(
        rowsArb(SCHEMA, 20).chain((rows) => fc.tuple(fc.constant(rows), indexArb(rows.length))),
        ([rows, idx]) => {
          expect(frameFromRows(SCHEMA, rows).take(idx)).toEqualColumns(rowsToColumns(takeRows(rows, idx), NAMES));
        },
      ),
      PROPERTY_RUNS,
    );
  });

  it('never gathers a column that is not read, and reading one column gathers that column only', () => {
    const f = DataFrame.fromColumns({
      a: { type: 'int', values: [1, 2, 3, 4] },
      s: { type: 'string', values: ['w', null, 'y', 'z'] },
      b: { type: 'bool', values: [true, false, null, true] },
      l: { type: 'list<string>', values: [['p'], [], null, ['q', 'r']] },
    });
    const t = f.take(Int32Array.of(3, -1, 0)).take(Int32Array.of(2, 0));
    expect(f.columnNames.map((n) => t.column(n).pending)).toEqual([true, true, true, true]);
    expect(t.column('s').get(0)).toBe('w');
    expect(f.columnNames.map((n) => t.column(n).pending)).toEqual([true, false, true, true]);
    expect(t).toEqualColumns({ a: [1, 4], s: ['w', 'z'], b: [true, true], l: [['p'], ['q', 'r']] });
    expect(f.columnNames.map((n) => t.column(n).pending)).toEqual([false, false, false, false]);
  });

  it('composes index vectors: gathering a take of a take leaves the inner take pending', () => {
    const f = DataFrame.fromColumns({ a: { type: 'float64', values: [10, 20, 30] } });
    const inner = f.take(Int32Array.of(2, 1, -1, 0));
    const outer = inner.take(Int32Array.of(3, 2, -1, 0));
    expect(outer.values('a')).toEqual([10, null, null, 30]);
    expect(inner.column('a').pending).toBe(true);
    expect(inner.values('a')).toEqual([30, 20, null, 10]);
  });

  it('leaves the columns no step reads pending through a join and a filter of a plan', () => {
    const orders = lazy({
      id: { type: 'string', values: ['o1', 'o2', 'o3', 'o4'] },
      cust: { type: 'string', values: ['c1', 'c2', 'c1', 'c9'] },
      amount: { type: 'float64', values: [5, 7, 9, 11] },
      note: { type: 'string', values: ['x', 'y', 'z', 'w'] },
    });
    const customers = lazy({ cust: { type: 'string', values: ['c1', 'c2'] }, name: { type: 'string', values: ['Ann', 'Bob'] } });
    const out = run(orders.join(customers, { on: 'cust', how: 'left' }).filter(col('amount').gt(6)));
    expect(out.column('note').pending).toBe(true);
    expect(out.column('name').pending).toBe(true);
    expect(out).toEqualColumns({ id: ['o2', 'o3', 'o4'], cust: ['c2', 'c1', 'c9'], amount: [7, 9, 11], note: ['y', 'z', 'w'], name: ['Bob', 'Ann', null] });
  });

  it('keeps a frame immutable: taking from it and reading the result leaves its own columns as they were', () => {
    const f = DataFrame.fromColumns({ a: { type: 'int', values: [1, null, 3] }, s: { type: 'string', values: ['a', 'b', null] } });
    const t = f.take(Int32Array.of(2, 2, -1));
    expect(t).toEqualColumns({ a: [3, 3, null], s: [null, null, null] });
    expect(f).toEqualColumns({ a: [1, null, 3], s: ['a', 'b', null] });
    expect(f.take(Int32Array.of(0, 1, 2))).toBe(f);
  });

  it('gives empty frames for empty index vectors, also from empty frames', () => {
    const f = frameFromRows(SCHEMA, []);
    const t = f.take(new Int32Array(0)).take(new Int32Array(0));
    expect(t.numRows).toBe(0);
    expect(t).toEqualColumns(Object.fromEntries(NAMES.map((n) => [n, []])));
    expect(f.take(Int32Array.of(-1, -1))).toEqualColumns(Object.fromEntries(NAMES.map((n) => [n, [null, null]])));
  });
});

describe('composeIndex', () => {
  it('reads the outer index through the inner one and keeps -1', () => {
    expect(Array.from(composeIndex(Int32Array.of(4, -1, 2), Int32Array.of(2, -1, 1, 0)))).toEqual([2, -1, -1, 4]);
  });
});
