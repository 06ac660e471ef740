import { Column, columnFrom } from '../../../src/engine/column';
import { col } from '../../../src/engine/expr';
import { hashJoin } from '../../../src/engine/exec/join';
import { DataFrame } from '../../../src/engine/frame';
import { LazyFrame } from '../../../src/engine/plan';
import { CellValue, DataType } from '../../../src/engine/types';
import { lazy, run } from '../../helpers/frames';

function keys(type: DataType, values: CellValue[]): Column[] {
  return [columnFrom(type, values)];
}

function pairs(l: Column[], r: Column[], how: 'inner' | 'left'): [number, number][] {
  const { leftIdx, rightIdx } = hashJoin(l, r, how);
  return Array.from(leftIdx, (li, k) => [li, rightIdx[k]!]);
}

describe('hashJoin', () => {
  it('pairs matching rows in left order, then right order', () => {
    expect(pairs(keys('string', ['b', 'a', 'b']), keys('string', ['a', 'b', 'c', 'b']), 'inner')).toEqual([
      [0, 1],
      [0, 3],
      [1, 0],
      [2, 1],
      [2, 3],
    ]);
  });

  it('keeps unmatched left rows of a left join with right index -1', () => {
    expect(pairs(keys('int', [1, 9, 2]), keys('int', [2, 1]), 'left')).toEqual([
      [0, 1],
      [1, -1],
      [2, 0],
    ]);
  });

  it('never matches null keys, not even with each other', () => {
    expect(pairs(keys('string', [null, 'a']), keys('string', [null, 'a']), 'inner')).toEqual([[1, 1]]);
    expect(pairs(keys('float64', [null, 1]), keys('float64', [null, 1]), 'left')).toEqual([
      [0, -1],
      [1, 1],
    ]);
  });

  it('matches -0 with 0 and NaN with NaN', () => {
    expect(pairs(keys('float64', [0, NaN, 1]), keys('float64', [NaN, -0]), 'inner')).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('matches ints with doubles of the same value', () => {
    expect(pairs(keys('int', [1, 2]), keys('float64', [2.0, 1.5]), 'inner')).toEqual([[1, 0]]);
  });

  it('requires every key to match when joining on several keys', () => {
    const l = [columnFrom('string', ['a', 'a', 'b', null]), columnFrom('int', [1, 2, 1, 1])];
    const r = [columnFrom('string', ['a', 'b', 'a', 'a']), columnFrom('int', [2, 1, 1, null])];
    expect(pairs(l, r, 'left')).toEqual([
      [0, 2],
      [1, 0],
      [2, 1],
      [3, -1],
    ]);
  });

  it('gives nothing for an empty side (and every left row for a left join with an empty right)', () => {
    expect(pairs(keys('string', []), keys('string', ['a']), 'left')).toEqual([]);
    expect(pairs(keys('string', ['a']), keys('string', []), 'inner')).toEqual([]);
    expect(pairs(keys('string', ['a', null]), keys('string', []), 'left')).toEqual([
      [0, -1],
      [1, -1],
    ]);
  });

  it('multiplies duplicate keys on both sides', () => {
    expect(pairs(keys('string', ['k', 'k']), keys('string', ['k', 'k', 'k']), 'inner')).toHaveLength(6);
  });

  it('rejects a text key joined with a number key', () => {
    expect(() => hashJoin(keys('string', ['1']), keys('int', [1]), 'inner')).toThrow('cannot join a string key with a int key');
  });
});

describe('LazyFrame.join', () => {
  const customers = lazy({
    id: { type: 'string', values: ['c1', 'c2', null, 'c3'] },
    name: { type: 'string', values: ['Ann', 'Bob', 'Nil', 'Cy'] },
  });
  const orders = lazy({
    id: { type: 'string', values: ['c2', 'c1', 'c2', null, 'c9'] },
    amount: { type: 'float64', values: [10, 20, 30, 40, 50] },
  });

  it('joins inner on a key, keeping one copy of the key', () => {
    expect(run(customers.join(orders, { on: 'id' }))).toEqualColumns({ id: ['c1', 'c2', 'c2'], name: ['Ann', 'Bob', 'Bob'], amount: [20, 10, 30] });
  });

  it('joins left, giving nulls to unmatched left rows (null keys included)', () => {
    expect(run(customers.join(orders, { on: ['id'], how: 'left' }))).toEqualColumns({
      id: ['c1', 'c2', 'c2', null, 'c3'],
      name: ['Ann', 'Bob', 'Bob', 'Nil', 'Cy'],
      amount: [20, 10, 30, null, null],
    });
  });

  it('joins on differently named keys and keeps both', () => {
    const o = orders.rename({ id: 'customer_id' });
    expect(run(customers.join(o, { leftOn: ['id'], rightOn: ['customer_id'], how: 'left' }))).toEqualColumns({
      id: ['c1', 'c2', 'c2', null, 'c3'],
      name: ['Ann', 'Bob', 'Bob', 'Nil', 'Cy'],
      customer_id: ['c1', 'c2', 'c2', null, null],
      amount: [20, 10, 30, null, null],
    });
  });

  it('joins on two keys', () => {
    const l = lazy({ a: { type: 'string', values: ['x', 'x', 'y'] }, b: { type: 'int', values: [1, 2, 1] }, v: { type: 'int', values: [10, 20, 30] } });
    const r = lazy({ a: { type: 'string', values: ['x', 'y', 'x'] }, b: { type: 'int', values: [2, 1, 2] }, w: { type: 'bool', values: [true, false, null] } });
    expect(run(l.join(r, { on: ['a', 'b'] }))).toEqualColumns({ a: ['x', 'x', 'y'], b: [2, 2, 1], v: [20, 20, 30], w: [true, null, false] });
  });

  it('gives an empty frame with the joined schema when nothing matches', () => {
    const r = lazy({ id: { type: 'string', values: ['zz'] }, amount: { type: 'float64', values: [1] } });
    const out = run(customers.join(r, { on: 'id' }));
    expect(out).toHaveSchema({ id: 'string', name: 'string', amount: 'float64' });
    expect(out.numRows).toBe(0);
  });

  it('joins a frame to itself', () => {
    const f = lazy({ k: { type: 'string', values: ['a', 'b', 'a'] }, v: { type: 'int', values: [1, 2, 3] } });
    const right = f.rename({ v: 'w' });
    expect(run(f.join(right, { on: 'k' }))).toEqualColumns({ k: ['a', 'a', 'b', 'a', 'a'], v: [1, 1, 2, 3, 3], w: [1, 3, 2, 1, 3] });
  });

  it('joins a left side that was filtered first', () => {
    expect(run(customers.filter(col('name').ne('Bob')).join(orders, { on: 'id', how: 'left' }))).toEqualColumns({ id: ['c1', null, 'c3'], name: ['Ann', 'Nil', 'Cy'], amount: [20, null, null] });
  });

  it('rejects a column present on both sides', () => {
    const r = lazy({ id: { type: 'string', values: [] }, name: { type: 'string', values: [] } });
    expect(() => customers.join(r, { on: 'id' })).toThrow('join: column "name" is on both sides; rename or drop one before joining');
  });

  it('rejects keys of different kinds, unknown keys and missing keys', () => {
    const r = lazy({ id: { type: 'int', values: [] } });
    expect(() => customers.join(r, { on: 'id' })).toThrow('join: key id is string on the left and int on the right');
    expect(() => customers.join(orders, { on: 'nope' })).toThrow('join (left key): unknown column "nope"');
    expect(() => customers.join(orders, {})).toThrow('join needs `on`');
    expect(() => customers.join(orders, { leftOn: ['id'], rightOn: [] })).toThrow('join needs `on`');
  });

  it('joins empty frames', () => {
    const e = LazyFrame.from(DataFrame.fromColumns({ id: { type: 'string', values: [] }, z: { type: 'int', values: [] } }));
    expect(run(e.join(orders, { on: 'id', how: 'left' }))).toEqualColumns({ id: [], z: [], amount: [] });
    expect(run(customers.join(e, { on: 'id', how: 'left' }))).toEqualColumns({ id: ['c1', 'c2', null, 'c3'], name: ['Ann', 'Bob', 'Nil', 'Cy'], z: [null, null, null, null] });
  });
});
