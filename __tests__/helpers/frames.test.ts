import fc from 'fast-check';
import { DataFrame } from '../../src/engine/frame';
import { MIXED, cellArb, frameFromRows, rowsArb, rowsToColumns, sameCell } from './frames';

describe('sameCell', () => {
  it('tells -0 from 0, equates NaN with NaN and compares lists element-wise', () => {
    expect(sameCell(-0, 0)).toBe(false);
    expect(sameCell(NaN, NaN)).toBe(true);
    expect(sameCell(null, null)).toBe(true);
    expect(sameCell(null, 0)).toBe(false);
    expect(sameCell(['a'], ['a'])).toBe(true);
    expect(sameCell(['a'], ['a', 'b'])).toBe(false);
    expect(sameCell('1', 1)).toBe(false);
    expect(sameCell(undefined, null)).toBe(false);
  });
});

describe('toEqualColumns', () => {
  const f = DataFrame.fromColumns({ id: { type: 'string', values: ['a', null] }, n: { type: 'float64', values: [-0, NaN] } });

  it('passes for the same names, order and values', () => {
    expect(f).toEqualColumns({ id: ['a', null], n: [-0, NaN] });
  });

  it('fails on a different value, a signed zero, a missing or reordered column, or a row count', () => {
    expect(f).not.toEqualColumns({ id: ['a', 'b'], n: [-0, NaN] });
    expect(f).not.toEqualColumns({ id: ['a', null], n: [0, NaN] });
    expect(f).not.toEqualColumns({ id: ['a', null] });
    expect(f).not.toEqualColumns({ n: [-0, NaN], id: ['a', null] });
    expect(f).not.toEqualColumns({ id: ['a'], n: [-0] });
  });

  it('explains the first difference', () => {
    expect(() => expect(f).toEqualColumns({ id: ['a', 'z'], n: [-0, NaN] })).toThrow('column id row 1 is null, expected "z"');
  });

  it('fails for something that is not a frame', () => {
    expect({}).not.toEqualColumns({});
  });
});

describe('toHaveSchema', () => {
  it('compares names and types in order', () => {
    const f = DataFrame.fromColumns({ a: { type: 'int', values: [] }, b: { type: 'date', values: [] } });
    expect(f).toHaveSchema({ a: 'int', b: 'date' });
    expect(f).not.toHaveSchema({ b: 'date', a: 'int' });
    expect(f).not.toHaveSchema({ a: 'float64', b: 'date' });
  });
});

describe('rowsArb / frameFromRows', () => {
  it('builds frames whose cells are the generated rows', () => {
    fc.assert(
      fc.property(rowsArb(MIXED, 10), (rows) => {
        expect(frameFromRows(MIXED, rows)).toEqualColumns(rowsToColumns(rows, Object.keys(MIXED)));
      }),
      { numRuns: 50 },
    );
  });

  it('generates nulls and the awkward values', () => {
    const seen = fc.sample(cellArb('float64'), 2000);
    expect(seen.some((v) => v === null)).toBe(true);
    expect(seen.some((v) => typeof v === 'number' && Number.isNaN(v))).toBe(true);
    expect(seen.some((v) => Object.is(v, -0))).toBe(true);
    const strings = fc.sample(cellArb('string'), 2000);
    expect(strings.some((v) => v === '')).toBe(true);
    expect(strings.some((v) => typeof v === 'string' && v.length >= 300)).toBe(true);
  });
});
