/**
 * CASE and COALESCE kernels (src/engine/exec/case.ts): each fast path against hand-computed
 * results, and random chains against the naive row-by-row reference.
 */
import fc from 'fast-check';
import { NumericColumn, StringColumn } from '../../../src/engine/column';
import { Expr, ExprNode, coalesce, col, lit, when } from '../../../src/engine/expr';
import { evalExpr } from '../../../src/engine/exec/eval';
import { DataFrame } from '../../../src/engine/frame';
import { CellValue, DataType } from '../../../src/engine/types';
import { AWKWARD_DOUBLES, AWKWARD_STRINGS, MIXED, PROPERTY_RUNS, fieldsOf, frameFromRows, rowsArb } from '../../helpers/frames';
import { refEval } from '../../helpers/reference';

/** Evaluates named expressions over a frame into a frame of their results. */
function evaluate(frame: DataFrame, exprs: Record<string, Expr>): DataFrame {
  const names = Object.keys(exprs);
  const cols = names.map((n) => evalExpr(exprs[n]!.node, frame));
  return new DataFrame(
    names.map((n, i) => ({ name: n, type: cols[i]!.type })),
    cols,
    frame.numRows,
  );
}

/** The distinct non-null values in order of first appearance. */
function firstAppearance(values: readonly CellValue[]): CellValue[] {
  const seen: CellValue[] = [];
  for (const v of values) if (v !== null && !seen.includes(v)) seen.push(v);
  return seen;
}

const x = col('x');
const nums = DataFrame.fromColumns({
  x: { type: 'float64', values: [null, 10, 49.99, 50, 149, 150, 299.5, 300, 1e9, NaN, -0, -Infinity] },
});

describe('CASE over bands of one numeric column', () => {
  it('takes the first band whose `<` holds, with nulls guarded and NaN above every bound', () => {
    const bands = when(x.isNull(), null).otherwise(when(x.lt(50), 'Small').when(x.lt(150), 'Medium').when(x.lt(300), 'Large').otherwise('XLarge'));
    expect(evaluate(nums, { r: bands })).toEqualColumns({
      r: [null, 'Small', 'Small', 'Medium', 'Medium', 'Large', 'Large', 'XLarge', 'XLarge', 'XLarge', 'Small', 'Small'],
    });
  });

  it('sends null rows to ELSE when no branch tests for null', () => {
    const bands = when(x.le(50), 1).when(x.le(300), 2).otherwise(3);
    expect(evaluate(nums, { r: bands })).toEqualColumns({ r: [3, 1, 1, 1, 2, 2, 2, 2, 3, 3, 1, 1] });
  });

  it('handles falling `>=` and `>` bounds, where NaN passes every test', () => {
    const ge = when(x.ge(300), 'a').when(x.ge(50), 'b').otherwise('c');
    const gt = when(x.gt(300), 1.5).when(x.gt(50), 2.5).otherwise(null);
    expect(evaluate(nums, { ge, gt })).toEqualColumns({
      ge: ['c', 'c', 'c', 'b', 'b', 'b', 'b', 'a', 'a', 'a', 'c', 'c'],
      gt: [null, null, null, null, 2.5, 2.5, 2.5, 2.5, 1.5, 1.5, null, null],
    });
  });

  it('takes the first matching branch when the bounds are not in order', () => {
    const r = when(x.lt(300), 'under 300').when(x.lt(50), 'never').otherwise('other');
    expect(evaluate(nums, { r })).toEqualColumns({
      r: ['other', 'under 300', 'under 300', 'under 300', 'under 300', 'under 300', 'under 300', 'other', 'other', 'other', 'under 300', 'under 300'],
    });
  });

  it('mixes == with bands on one subject, and treats -0 as equal to 0', () => {
    const r = when(x.eq(0), 0).when(x.ge(150), 2).when(x.ne(10), 1).otherwise(-1);
    expect(evaluate(nums, { r })).toEqualColumns({ r: [-1, -1, 1, 1, 1, 2, 2, 2, 2, 2, 0, 1] });
  });

  it('reads literals on the left as flipped comparisons', () => {
    const r = when(lit(50).gt(x), 'low').when(lit(300).le(x), 'high').otherwise('mid');
    expect(evaluate(nums, { r })).toEqualColumns({ r: ['mid', 'low', 'low', 'mid', 'mid', 'mid', 'mid', 'high', 'high', 'high', 'low', 'low'] });
  });

  it('compares an expression subject once for all its bands (a shared or a rebuilt subject)', () => {
    const f = DataFrame.fromColumns({ a: { type: 'int', values: [1, 5, null, 12] }, b: { type: 'int', values: [0, 1, 2, null] } });
    const shared = col('a').add(col('b'));
    const r = when(shared.ge(10), 'big').when(col('a').add(col('b')).ge(5), 'mid').otherwise('small');
    expect(evaluate(f, { r })).toEqualColumns({ r: ['small', 'mid', 'small', 'small'] });
  });

  it('compares dates with date literals and timestamps with date literals', () => {
    const f = DataFrame.fromColumns({
      d: { type: 'date', values: [19_000, 19_723, null, 20_000] },
      t: { type: 'timestamp', values: [19_723 * 86_400_000 - 1, 19_723 * 86_400_000, null, 0] },
    });
    const d = when(col('d').lt(lit(19_723, 'date')), 'before').when(col('d').isNull(), 'none').otherwise('after');
    const t = when(col('t').ge(lit(19_723, 'date')), 1).otherwise(0);
    expect(evaluate(f, { d, t })).toEqualColumns({ d: ['before', 'after', 'none', 'after'], t: [0, 1, 0, 0] });
  });

  it('falls back to a full comparison for a NaN bound (NaN equals only NaN)', () => {
    const r = when(x.eq(NaN), 'nan').when(x.lt(NaN), 'number').otherwise('null');
    expect(evaluate(nums, { r })).toEqualColumns({
      r: ['null', 'number', 'number', 'number', 'number', 'number', 'number', 'number', 'number', 'nan', 'number', 'number'],
    });
  });
});

describe('CASE over one string column', () => {
  const f = DataFrame.fromColumns({ ch: { type: 'string', values: ['online', 'store', null, 'mobile', 'phone', '', 'store'] } });
  const ch = col('ch');

  it('decides each dictionary entry once: IS NULL, IN, = and ordering tests in branch order', () => {
    const r = when(ch.isNull(), 'none').when(ch.isIn(['online', 'mobile']), 'Digital').when(ch.eq('store'), 'Physical').when(ch.lt('p'), 'early').otherwise('Other');
    expect(evaluate(f, { r })).toEqualColumns({ r: ['Digital', 'Physical', 'none', 'Digital', 'Other', 'early', 'Physical'] });
  });

  it('maps to numbers, with a literal on the left flipped and a null row falling to ELSE', () => {
    const r = when(lit('p').lt(ch), 1).when(ch.ne('online'), 2).otherwise(3);
    expect(evaluate(f, { r })).toEqualColumns({ r: [3, 1, 3, 2, 1, 2, 1] });
  });

  it('builds the result dictionary in first-appearance order with only the values used', () => {
    const out = evalExpr(when(ch.eq('store'), 'S').when(ch.eq('online'), 'O').when(ch.eq('nowhere'), 'N').otherwise('other').node, f) as StringColumn;
    expect(out.dict).toEqual(['O', 'S', 'other']);
  });
});

describe('CASE with column results and generic conditions', () => {
  const f = DataFrame.fromColumns({
    flag: { type: 'bool', values: [true, false, null, true, false] },
    n: { type: 'int', values: [1, null, 3, null, 5] },
    y: { type: 'float64', values: [0.5, 1.5, null, 3.5, -0] },
    s: { type: 'string', values: ['a', null, 'c', 'a', 'e'] },
    t: { type: 'string', values: ['z', 'y', null, 'x', 'z'] },
  });

  it('gathers numeric column results with their nulls, and unifies int with float64', () => {
    const r = when(col('flag'), col('n')).otherwise(col('y'));
    const out = evaluate(f, { r });
    expect(out).toHaveSchema({ r: 'float64' });
    expect(out).toEqualColumns({ r: [1, 1.5, null, null, -0] });
  });

  it('remaps string column results through their dictionaries, first appearance first', () => {
    const node = when(col('flag'), col('s')).when(col('n').isNotNull(), col('t')).otherwise('none').node;
    const out = evalExpr(node, f) as StringColumn;
    expect(evaluate(f, { r: new Expr(node) })).toEqualColumns({ r: ['a', 'none', null, 'a', 'z'] });
    expect(out.dict).toEqual(['a', 'none', 'z']);
  });

  it('treats null conditions of and/or as false', () => {
    const r = when(col('flag').and(col('n').gt(0)), 'both').when(col('flag').or(col('y').gt(1)), 'either').otherwise('neither');
    expect(evaluate(f, { r })).toEqualColumns({ r: ['both', 'either', 'neither', 'either', 'neither'] });
  });

  it('takes a constant condition for every undecided row', () => {
    const r = when(col('n').isNull(), 0).when(lit(null, 'bool').and(lit(true)), 1).when(lit(true), 2).otherwise(3);
    expect(evaluate(f, { r })).toEqualColumns({ r: [2, 0, 2, 0, 2] });
  });

  it('gives booleans from boolean branches', () => {
    const r = when(col('n').gt(2), col('flag')).otherwise(lit(null, 'bool'));
    expect(evaluate(f, { r })).toEqualColumns({ r: [null, null, null, null, false] });
  });
});

describe('flag(cond): 0 or 1 from the condition', () => {
  const flag = (c: Expr): Expr => when(c, 1).otherwise(0);

  it('is 1 where the condition is true and 0 where it is false or null', () => {
    const f = DataFrame.fromColumns({ b: { type: 'bool', values: [true, false, null] }, v: { type: 'float64', values: [1, null, -1] } });
    const out = evaluate(f, { fb: flag(col('b')), fv: flag(col('v').gt(0)), fnull: flag(col('v').isNull()) });
    expect(out).toHaveSchema({ fb: 'int', fv: 'int', fnull: 'int' });
    expect(out).toEqualColumns({ fb: [1, 0, 0], fv: [1, 0, 0], fnull: [0, 1, 0] });
  });

  it('compares two string columns with different dictionaries through the dictionaries', () => {
    const f = DataFrame.fromColumns({
      a: { type: 'string', values: ['online', 'store', null, 'mobile', 'store'] },
      b: { type: 'string', values: ['store', 'store', 'online', null, 'web'] },
    });
    expect(evaluate(f, { eq: flag(col('a').eq(col('b'))), ne: col('a').ne(col('b')) })).toEqualColumns({
      eq: [0, 1, 0, 0, 0],
      ne: [true, false, null, null, true],
    });
  });
});

describe('COALESCE', () => {
  const f = DataFrame.fromColumns({
    i: { type: 'int', values: [1, null, 3, null] },
    v: { type: 'float64', values: [null, -0, NaN, null] },
    none: { type: 'float64', values: [null, null, null, null] },
    full: { type: 'int', values: [4, 3, 2, 1] },
    s: { type: 'string', values: [null, 'b', null, 'a'] },
  });

  it('copies a numeric column with its nulls filled by a literal', () => {
    const out = evaluate(f, { i0: coalesce(col('i'), 0), v9: coalesce(col('v'), 9), iHalf: coalesce(col('i'), 0.5), none: coalesce(col('none'), 7) });
    expect(out).toHaveSchema({ i0: 'int', v9: 'float64', iHalf: 'float64', none: 'float64' });
    expect(out).toEqualColumns({ i0: [1, 0, 3, 0], v9: [9, -0, NaN, 9], iHalf: [1, 0.5, 3, 0.5], none: [7, 7, 7, 7] });
    expect((evalExpr(coalesce(col('i'), 0).node, f) as NumericColumn).validity).toBeNull();
  });

  it('returns a column without nulls as it is, cast when needed', () => {
    expect(evaluate(f, { a: coalesce(col('full'), 0), b: coalesce(col('full'), col('v')) })).toEqualColumns({ a: [4, 3, 2, 1], b: [4, 3, 2, 1] });
  });

  it('goes on to the next argument after a null literal', () => {
    expect(evaluate(f, { r: coalesce(col('i'), null, col('v'), 5) })).toEqualColumns({ r: [1, -0, 3, 5] });
    expect(evaluate(f, { r: coalesce(col('i'), null) })).toEqualColumns({ r: [1, null, 3, null] });
  });

  it('fills strings, with the dictionary in first-appearance order', () => {
    const out = evalExpr(coalesce(col('s'), 'none').node, f) as StringColumn;
    expect(evaluate(f, { r: coalesce(col('s'), 'none') })).toEqualColumns({ r: ['none', 'b', 'none', 'a'] });
    expect(out.dict).toEqual(['none', 'b', 'a']);
  });

  it('keeps nulls where every argument is null', () => {
    expect(evaluate(f, { r: coalesce(col('none'), col('i')), s: coalesce(col('s'), lit(null, 'string')) })).toEqualColumns({
      r: [1, null, 3, null],
      s: [null, 'b', null, 'a'],
    });
  });
});

describe('CASE and COALESCE on empty and all-null frames', () => {
  const empty = DataFrame.fromColumns({ x: { type: 'float64', values: [] }, s: { type: 'string', values: [] } });
  const nulls = DataFrame.fromColumns({ x: { type: 'float64', values: [null, null, null] }, s: { type: 'string', values: [null, null, null] } });
  const exprs = {
    band: when(x.isNull(), 'none').otherwise(when(x.lt(1), 'low').otherwise('high')),
    num: when(x.ge(1), 2).when(col('s').eq('a'), 1).otherwise(0),
    str: when(col('s').isIn(['a']), col('s')).otherwise('other'),
    co: coalesce(x, 0),
    coS: coalesce(col('s'), 'z'),
  };

  it('gives empty columns of the right types on an empty frame', () => {
    const out = evaluate(empty, exprs);
    expect(out).toHaveSchema({ band: 'string', num: 'int', str: 'string', co: 'float64', coS: 'string' });
    expect(out).toEqualColumns({ band: [], num: [], str: [], co: [], coS: [] });
  });

  it('sends every row of all-null columns to the null branch or ELSE', () => {
    expect(evaluate(nulls, exprs)).toEqualColumns({
      band: ['none', 'none', 'none'],
      num: [0, 0, 0],
      str: ['other', 'other', 'other'],
      co: [0, 0, 0],
      coS: ['z', 'z', 'z'],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Random chains against the row-by-row reference.

const mixedSchema = fieldsOf(MIXED);
const c = (name: string): ExprNode => ({ op: 'col', name });
const L = (value: CellValue, type: DataType | null): ExprNode => ({ op: 'lit', value, type });
const CMP = ['==', '!=', '<', '<=', '>', '>='] as const;
/** One shared expression subject (and a structurally equal rebuild of it). */
const SUM: ExprNode = { op: 'arith', fn: '+', left: c('x'), right: c('g') };
const sumRebuilt = (): ExprNode => ({ op: 'arith', fn: '+', left: c('x'), right: c('g') });

const numLit = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map((v) => L(v, 'int')),
  fc.constantFrom(...AWKWARD_DOUBLES).map((v) => L(v, 'float64')),
);

/** A condition of one of the shapes the kernels recognise, or a generic one. */
const condArb: fc.Arbitrary<ExprNode> = fc.oneof(
  // a numeric subject against a literal, either way round
  fc
    .tuple(fc.constantFrom(c('x'), c('g'), SUM), fc.constantFrom(...CMP), numLit, fc.boolean())
    .map(([s, fn, v, flip]): ExprNode => (flip ? { op: 'cmp', fn, left: v, right: s } : { op: 'cmp', fn, left: s, right: v })),
  fc.tuple(fc.constantFrom(...CMP), numLit).map(([fn, v]): ExprNode => ({ op: 'cmp', fn, left: sumRebuilt(), right: v })),
  fc.tuple(fc.constantFrom(...CMP), fc.constantFrom(-1, 0, 19_723)).map(([fn, v]): ExprNode => ({ op: 'cmp', fn, left: c('d'), right: L(v, 'date') })),
  fc.tuple(fc.constantFrom('isNull' as const, 'isNotNull' as const), fc.constantFrom(c('x'), c('g'), c('k'), c('b'), SUM, L(null, null), L(1, 'int'))).map(([op, arg]): ExprNode => ({ op, arg })),
  // a string subject
  fc
    .tuple(fc.constantFrom(c('k'), c('s')), fc.constantFrom(...CMP), fc.constantFrom(...AWKWARD_STRINGS), fc.boolean())
    .map(([s, fn, v, flip]): ExprNode => (flip ? { op: 'cmp', fn, left: L(v, 'string'), right: s } : { op: 'cmp', fn, left: s, right: L(v, 'string') })),
  fc.tuple(fc.constantFrom(c('k'), c('s')), fc.subarray([...AWKWARD_STRINGS, 1])).map(([arg, values]): ExprNode => ({ op: 'isIn', arg, values })),
  // generic
  fc.constantFrom<ExprNode>(c('b'), L(true, 'bool'), L(false, 'bool'), L(null, 'bool'), { op: 'and', left: c('b'), right: { op: 'cmp', fn: '>', left: c('x'), right: L(0, 'int') } }),
  fc.constantFrom<ExprNode>({ op: 'cmp', fn: '==', left: c('k'), right: c('s') }, { op: 'isIn', arg: c('g'), values: [0, -0, 1, NaN] }),
);

/** Results of one type family. */
const numResult = fc.oneof(numLit, fc.constantFrom(L(null, null), L(null, 'int'), c('x'), c('g'), SUM));
const strResult = fc.oneof(
  fc.constantFrom(...AWKWARD_STRINGS).map((v) => L(v, 'string')),
  fc.constantFrom(L(null, null), c('k'), c('s')),
);

function caseArb(result: fc.Arbitrary<ExprNode>): fc.Arbitrary<ExprNode> {
  const branches = fc.array(fc.record({ when: condArb, then: result }), { minLength: 1, maxLength: 5 });
  const flat = fc.tuple(branches, result).map(([bs, otherwise]): ExprNode => ({ op: 'case', branches: bs, otherwise }));
  // a CASE nested as the ELSE of another (as `when(x.isNull(), null).otherwise(banded(...))`)
  const nested = fc.tuple(branches, flat).map(([bs, otherwise]): ExprNode => ({ op: 'case', branches: bs, otherwise }));
  return fc.oneof(flat, nested);
}

/** A banded chain on one subject: sorted bounds for the monotone path, or shuffled. */
const bandedArb: fc.Arbitrary<ExprNode> = fc
  .tuple(
    fc.constantFrom(c('x'), c('g'), SUM),
    fc.constantFrom('<', '<=', '>', '>=', '==') as fc.Arbitrary<(typeof CMP)[number]>,
    fc.array(fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom(0.5, -0, 1e300, -Infinity)), { minLength: 1, maxLength: 5 }),
    fc.constantFrom('sorted', 'shuffled'),
    fc.boolean(),
    fc.array(numResult, { minLength: 6, maxLength: 6 }),
  )
  .map(([subject, fn, bounds, order, nullGuard, results]): ExprNode => {
    const bs = order === 'sorted' ? [...bounds].sort((a, b) => (fn === '>' || fn === '>=' ? b - a : a - b)) : bounds;
    const branches = bs.map((v, i) => ({ when: { op: 'cmp', fn, left: subject, right: L(v, Number.isInteger(v) ? 'int' : 'float64') } as ExprNode, then: results[i]! }));
    const chain: ExprNode = { op: 'case', branches, otherwise: results[5]! };
    return nullGuard ? { op: 'case', branches: [{ when: { op: 'isNull', arg: subject }, then: L(null, null) }], otherwise: chain } : chain;
  });

const coalesceArb = fc.oneof(
  fc.array(fc.oneof(numResult, fc.constantFrom(c('x'), c('g'))), { minLength: 1, maxLength: 4 }),
  fc.array(strResult, { minLength: 1, maxLength: 4 }),
).map((args): ExprNode => ({ op: 'coalesce', args }));

/** The result of evalExpr against the reference, and a string result's dictionary against first appearance. */
function agreesWithReference(rows: Parameters<typeof frameFromRows>[1], node: ExprNode): void {
  const frame = frameFromRows(MIXED, rows);
  const column = evalExpr(node, frame);
  const got = Array.from({ length: frame.numRows }, (_, i) => column.get(i));
  const want = rows.map((r) => refEval(node, r, mixedSchema));
  expect(new DataFrame([{ name: 'r', type: column.type }], [column], frame.numRows)).toEqualColumns({ r: want });
  if (column.kind === 'string') expect(column.dict).toEqual(firstAppearance(got));
}

describe('CASE and COALESCE (property)', () => {
  it('agree with a row-by-row evaluation for random chains with numeric results', () => {
    fc.assert(
      fc.property(rowsArb(MIXED, 40), caseArb(numResult), (rows, node) => agreesWithReference(rows, node)),
      { ...PROPERTY_RUNS, numRuns: 300 },
    );
  });

  it('agree with a row-by-row evaluation for random chains with string results', () => {
    fc.assert(
      fc.property(rowsArb(MIXED, 40), caseArb(strResult), (rows, node) => agreesWithReference(rows, node)),
      { ...PROPERTY_RUNS, numRuns: 300 },
    );
  });

  it('agree with a row-by-row evaluation for banded chains, sorted or not, with a null guard or not', () => {
    fc.assert(
      fc.property(rowsArb(MIXED, 40), bandedArb, (rows, node) => agreesWithReference(rows, node)),
      { ...PROPERTY_RUNS, numRuns: 300 },
    );
  });

  it('coalesce agrees with a row-by-row evaluation', () => {
    fc.assert(
      fc.property(rowsArb(MIXED, 40), coalesceArb, (rows, node) => agreesWithReference(rows, node)),
      { ...PROPERTY_RUNS, numRuns: 300 },
    );
  });
});
