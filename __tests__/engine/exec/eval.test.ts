import { NumericColumn, columnFrom } from '../../../src/engine/column';
import { Expr, coalesce, col, daysBetween, lit, when } from '../../../src/engine/expr';
import { castColumn, castScalar, evalExpr, selectTrue } from '../../../src/engine/exec/eval';
import { DataFrame } from '../../../src/engine/frame';
import { parseTimestamp } from '../../../src/engine/parse';
import { MS_PER_DAY } from '../../../src/engine/types';
import '../../helpers/frames';

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

const ts = (s: string): number => parseTimestamp(s)!;
const day = (s: string): number => ts(s) / MS_PER_DAY;

/** Every pair of three-valued booleans: (a, b) over true, false, null. */
const truth = DataFrame.fromColumns({
  a: { type: 'bool', values: [true, true, true, false, false, false, null, null, null] },
  b: { type: 'bool', values: [true, false, null, true, false, null, true, false, null] },
});

describe('evalExpr: arithmetic', () => {
  const f = DataFrame.fromColumns({
    i: { type: 'int', values: [6, null, -3, 0] },
    j: { type: 'int', values: [3, 2, null, 0] },
    x: { type: 'float64', values: [1.5, 2, null, -0.5] },
  });

  it('adds, subtracts and multiplies ints to ints, propagating nulls', () => {
    const out = evaluate(f, { add: col('i').add(col('j')), sub: col('i').sub(1), mul: col('i').mul(col('j')) });
    expect(out).toHaveSchema({ add: 'int', sub: 'int', mul: 'int' });
    expect(out).toEqualColumns({ add: [9, null, null, 0], sub: [5, null, -4, -1], mul: [18, null, null, 0] });
  });

  it('gives float64 when a float64 is involved', () => {
    const out = evaluate(f, { r: col('i').mul(col('x')) });
    expect(out).toHaveSchema({ r: 'float64' });
    expect(out).toEqualColumns({ r: [9, null, null, -0] });
  });

  it('always divides to float64', () => {
    const out = evaluate(f, { r: col('i').div(col('j')) });
    expect(out).toHaveSchema({ r: 'float64' });
    expect(out).toEqualColumns({ r: [2, null, null, null] });
  });

  it('gives null when dividing by zero, including negative zero and a zero literal', () => {
    const g = DataFrame.fromColumns({ n: { type: 'float64', values: [1, 0, -1, NaN] }, d: { type: 'float64', values: [0, -0, 2, 0] } });
    expect(evaluate(g, { byCol: col('n').div(col('d')), byLit: col('n').div(0), litByLit: lit(1).div(0) })).toEqualColumns({
      byCol: [null, null, -0.5, null],
      byLit: [null, null, null, null],
      litByLit: [null, null, null, null],
    });
  });

  it('gives null for arithmetic with a null literal', () => {
    expect(evaluate(f, { r: col('i').add(null), s: lit(null, 'int').mul(col('x')) })).toEqualColumns({ r: [null, null, null, null], s: [null, null, null, null] });
  });

  it('folds literal arithmetic', () => {
    expect(evaluate(f, { r: lit(2).add(3).mul(lit(1.5)) })).toEqualColumns({ r: [7.5, 7.5, 7.5, 7.5] });
  });

  it('lets NaN and infinities flow through as values', () => {
    const g = DataFrame.fromColumns({ x: { type: 'float64', values: [NaN, Infinity, -Infinity] } });
    expect(evaluate(g, { r: col('x').add(1), s: col('x').mul(0) })).toEqualColumns({ r: [NaN, Infinity, -Infinity], s: [NaN, NaN, NaN] });
  });

  it('never gives negative zero for ints', () => {
    const g = DataFrame.fromColumns({ i: { type: 'int', values: [0, 5] } });
    expect(evaluate(g, { mul: col('i').mul(-3), neg: col('i').neg(), litNeg: lit(0).neg() })).toEqualColumns({ mul: [0, -15], neg: [0, -5], litNeg: [0, 0] });
  });

  it('negates doubles exactly, giving -0 for 0 and 0 for -0', () => {
    const g = DataFrame.fromColumns({ x: { type: 'float64', values: [0, -0, 2.5, null, NaN] } });
    expect(evaluate(g, { neg: col('x').neg() })).toEqualColumns({ neg: [-0, 0, -2.5, null, NaN] });
    expect(evaluate(g, { neg: lit(0.5).neg() })).toEqualColumns({ neg: [-0.5, -0.5, -0.5, -0.5, -0.5] });
  });

  it('keeps a null slot null after a negation', () => {
    const g = DataFrame.fromColumns({ i: { type: 'int', values: [null, 1] } });
    expect(evaluate(g, { neg: col('i').neg() })).toEqualColumns({ neg: [null, -1] });
  });
});

describe('evalExpr: comparisons', () => {
  it('gives null when either side is null', () => {
    const f = DataFrame.fromColumns({ a: { type: 'int', values: [1, null, 3] }, b: { type: 'int', values: [1, 2, null] } });
    expect(evaluate(f, { eq: col('a').eq(col('b')), lt: col('a').lt(2), withNull: col('a').eq(null) })).toEqualColumns({
      eq: [true, null, null],
      lt: [true, null, false],
      withNull: [null, null, null],
    });
  });

  it('compares ints with doubles by value', () => {
    const f = DataFrame.fromColumns({ a: { type: 'int', values: [1, 2] }, b: { type: 'float64', values: [1.0, 2.5] } });
    expect(evaluate(f, { eq: col('a').eq(col('b')), lt: col('a').lt(col('b')) })).toEqualColumns({ eq: [true, false], lt: [false, true] });
  });

  it('treats negative zero as equal to zero', () => {
    const f = DataFrame.fromColumns({ x: { type: 'float64', values: [-0, 0] } });
    expect(evaluate(f, { eq: col('x').eq(0), lt: col('x').lt(0), ge: col('x').ge(-0) })).toEqualColumns({ eq: [true, true], lt: [false, false], ge: [true, true] });
  });

  it('treats NaN as equal to NaN and larger than every number (Spark semantics)', () => {
    const f = DataFrame.fromColumns({ x: { type: 'float64', values: [NaN, NaN, 1, Infinity] }, y: { type: 'float64', values: [NaN, 1, NaN, NaN] } });
    expect(
      evaluate(f, { eq: col('x').eq(col('y')), ne: col('x').ne(col('y')), lt: col('x').lt(col('y')), le: col('x').le(col('y')), gt: col('x').gt(col('y')), ge: col('x').ge(col('y')) }),
    ).toEqualColumns({
      eq: [true, false, false, false],
      ne: [false, true, true, true],
      lt: [false, false, true, true],
      le: [true, false, true, true],
      gt: [false, true, false, false],
      ge: [true, true, false, false],
    });
    expect(evaluate(f, { gtBig: col('x').gt(1e308), eqNaN: col('x').eq(NaN) })).toEqualColumns({ gtBig: [true, true, false, true], eqNaN: [true, true, false, false] });
  });

  it('compares strings by code unit, against a literal and across dictionaries', () => {
    const f = DataFrame.fromColumns({ s: { type: 'string', values: ['b', 'B', null, 'é', ''] }, t: { type: 'string', values: ['b', 'b', 'x', 'e', 'a'] } });
    expect(evaluate(f, { eqLit: col('s').eq('b'), ltLit: col('s').lt('a'), litFirst: lit('c').gt(col('s')), eqCol: col('s').eq(col('t')), gtCol: col('s').gt(col('t')) })).toEqualColumns({
      eqLit: [true, false, null, false, false],
      ltLit: [false, true, null, false, true],
      litFirst: [true, true, null, false, true],
      eqCol: [true, false, null, false, false],
      gtCol: [false, false, null, true, false],
    });
  });

  it('compares a string column with itself through shared codes', () => {
    const f = DataFrame.fromColumns({ s: { type: 'string', values: ['a', null, 'b'] } });
    expect(evaluate(f, { eq: col('s').eq(col('s')), ne: col('s').ne(col('s')), le: col('s').le(col('s')) })).toEqualColumns({ eq: [true, null, true], ne: [false, null, false], le: [true, null, true] });
  });

  it('compares very long strings that differ only at the end', () => {
    const long = 'x'.repeat(100_000);
    const f = DataFrame.fromColumns({ s: { type: 'string', values: [`${long}a`, `${long}b`] } });
    expect(evaluate(f, { eq: col('s').eq(`${long}a`), lt: col('s').lt(`${long}b`) })).toEqualColumns({ eq: [true, false], lt: [true, false] });
  });

  it('compares dates with date text, and dates with timestamps at midnight', () => {
    const f = DataFrame.fromColumns({
      d: { type: 'date', values: [day('2024-01-01'), day('2024-03-01'), null] },
      t: { type: 'timestamp', values: [ts('2024-01-01 00:00:00'), ts('2024-02-29 23:59:59'), ts('2024-01-01 00:00:00')] },
    });
    expect(evaluate(f, { geText: col('d').ge('2024-02-01'), eqTs: col('d').eq(col('t')), gtTs: col('d').gt(col('t')), badText: col('d').lt('not a date') })).toEqualColumns({
      geText: [false, true, null],
      eqTs: [true, false, null],
      gtTs: [false, true, null],
      badText: [null, null, null],
    });
  });

  it('compares booleans with false before true', () => {
    expect(evaluate(truth, { eq: col('a').eq(col('b')), lt: col('a').lt(true) })).toEqualColumns({
      eq: [true, false, null, false, true, null, null, null, null],
      lt: [false, false, false, true, true, true, null, null, null],
    });
  });

  it('folds comparisons of two literals', () => {
    const f = DataFrame.fromColumns({ i: { type: 'int', values: [1, 2] } });
    expect(evaluate(f, { a: lit('a').lt('b'), b: lit(2).eq(2.0), c: lit(null).eq(1) })).toEqualColumns({ a: [true, true], b: [true, true], c: [null, null] });
  });
});

describe('evalExpr: and / or / not', () => {
  it('follows three-valued logic for and', () => {
    expect(evaluate(truth, { r: col('a').and(col('b')) })).toEqualColumns({ r: [true, false, null, false, false, false, null, false, null] });
  });

  it('follows three-valued logic for or', () => {
    expect(evaluate(truth, { r: col('a').or(col('b')) })).toEqualColumns({ r: [true, true, true, true, false, null, true, null, null] });
  });

  it('keeps null under not', () => {
    expect(evaluate(truth, { r: col('a').not() })).toEqualColumns({ r: [false, false, false, true, true, true, null, null, null] });
  });

  it('combines columns with literal true, false and null', () => {
    expect(evaluate(truth, { andNull: col('a').and(null), orNull: col('a').or(null), andTrue: col('a').and(true), orFalse: col('a').or(false), notNull: lit(null, 'bool').not() })).toEqualColumns({
      andNull: [null, null, null, false, false, false, null, null, null],
      orNull: [true, true, true, null, null, null, null, null, null],
      andTrue: [true, true, true, false, false, false, null, null, null],
      orFalse: [true, true, true, false, false, false, null, null, null],
      notNull: [null, null, null, null, null, null, null, null, null],
    });
  });
});

describe('evalExpr: isNull / isNotNull', () => {
  it('never gives null, and does not count NaN or empty text as null', () => {
    const f = DataFrame.fromColumns({ x: { type: 'float64', values: [NaN, null, 0] }, s: { type: 'string', values: ['', null, 'a'] }, l: { type: 'list<string>', values: [[], null, ['a']] } });
    expect(evaluate(f, { x: col('x').isNull(), s: col('s').isNotNull(), l: col('l').isNull(), lit: lit(null).isNull() })).toEqualColumns({
      x: [false, true, false],
      s: [true, false, true],
      l: [false, true, false],
      lit: [true, true, true],
    });
  });
});

describe('evalExpr: isIn', () => {
  it('gives null for a null value, and true or false otherwise', () => {
    const f = DataFrame.fromColumns({ s: { type: 'string', values: ['a', null, 'c', ''] }, i: { type: 'int', values: [1, null, 3, 0] }, b: { type: 'bool', values: [true, null, false, true] } });
    expect(evaluate(f, { s: col('s').isIn(['a', '']), i: col('i').isIn([1, 0]), b: col('b').isIn([false]), none: col('s').isIn([]) })).toEqualColumns({
      s: [true, null, false, true],
      i: [true, null, false, true],
      b: [false, null, true, false],
      none: [false, null, false, false],
    });
  });

  it('ignores list values of another type', () => {
    const f = DataFrame.fromColumns({ s: { type: 'string', values: ['1'] }, i: { type: 'int', values: [1] } });
    expect(evaluate(f, { s: col('s').isIn([1]), i: col('i').isIn(['1']) })).toEqualColumns({ s: [false], i: [false] });
  });

  it('matches NaN with NaN and zero with negative zero', () => {
    const f = DataFrame.fromColumns({ x: { type: 'float64', values: [NaN, -0, 1] } });
    expect(evaluate(f, { r: col('x').isIn([NaN, 0]) })).toEqualColumns({ r: [true, true, false] });
  });

  it('works on literals', () => {
    const f = DataFrame.fromColumns({ i: { type: 'int', values: [1] } });
    expect(evaluate(f, { a: lit('x').isIn(['x']), b: lit(null).isIn(['x']) })).toEqualColumns({ a: [true], b: [null] });
  });
});

describe('evalExpr: coalesce', () => {
  it('takes the first non-null argument per row', () => {
    const f = DataFrame.fromColumns({ a: { type: 'string', values: [null, 'a1', null, null] }, b: { type: 'string', values: ['b0', 'b1', null, ''] } });
    expect(evaluate(f, { r: coalesce(col('a'), col('b'), 'z') })).toEqualColumns({ r: ['b0', 'a1', 'z', ''] });
  });

  it('gives null when every argument is null', () => {
    const f = DataFrame.fromColumns({ a: { type: 'int', values: [null, null] } });
    expect(evaluate(f, { r: coalesce(col('a'), null) })).toEqualColumns({ r: [null, null] });
  });

  it('widens int and float64 to float64, and date and timestamp to timestamp', () => {
    const f = DataFrame.fromColumns({
      i: { type: 'int', values: [1, null] },
      x: { type: 'float64', values: [2.5, 3.5] },
      d: { type: 'date', values: [1, null] },
      t: { type: 'timestamp', values: [5, 6] },
    });
    const out = evaluate(f, { n: coalesce(col('i'), col('x')), w: coalesce(col('d'), col('t')) });
    expect(out).toHaveSchema({ n: 'float64', w: 'timestamp' });
    expect(out).toEqualColumns({ n: [1, 3.5], w: [MS_PER_DAY, 6] });
  });

  it('keeps NaN, which is not null', () => {
    const f = DataFrame.fromColumns({ x: { type: 'float64', values: [NaN] } });
    expect(evaluate(f, { r: coalesce(col('x'), 0) })).toEqualColumns({ r: [NaN] });
  });
});

describe('evalExpr: list columns', () => {
  const f = DataFrame.fromColumns({ a: { type: 'list<string>', values: [null, ['x'], null] }, b: { type: 'list<string>', values: [['y', 'z'], ['w'], null] } });

  it('picks lists in coalesce and when/otherwise', () => {
    expect(evaluate(f, { co: coalesce(col('a'), col('b')), pick: when(col('a').isNull(), col('b')).otherwise(col('a')) })).toEqualColumns({
      co: [['y', 'z'], ['x'], null],
      pick: [['y', 'z'], ['x'], null],
    });
  });

  it('formats lists as JSON text', () => {
    expect(evaluate(f, { s: col('b').cast('string') })).toEqualColumns({ s: ['["y","z"]', '["w"]', null] });
  });

  it('refuses isIn over a list', () => {
    expect(() => evalExpr(col('a').isIn(['x']).node, f)).toThrow('isIn does not take lists');
  });
});

describe('evalExpr: when / otherwise', () => {
  const f = DataFrame.fromColumns({ n: { type: 'int', values: [-5, 0, 7, null, 20] } });

  it('takes the first branch whose condition is true', () => {
    const e = when(col('n').lt(0), 'neg').when(col('n').lt(10), 'small').when(col('n').lt(100), 'big').otherwise('unknown');
    expect(evaluate(f, { r: e })).toEqualColumns({ r: ['neg', 'small', 'small', 'unknown', 'big'] });
  });

  it('skips branches whose condition is null and defaults to null', () => {
    expect(evaluate(f, { r: when(col('n').gt(0), 1).otherwise() })).toEqualColumns({ r: [null, null, 1, null, 1] });
  });

  it('returns values of the widened type from columns', () => {
    const out = evaluate(f, { r: when(col('n').gt(0), col('n')).otherwise(0.5) });
    expect(out).toHaveSchema({ r: 'float64' });
    expect(out).toEqualColumns({ r: [0.5, 0.5, 7, 0.5, 20] });
  });

  it('handles literal conditions', () => {
    expect(evaluate(f, { always: when(lit(true), 'y').otherwise('n'), never: when(lit(null, 'bool'), 'y').otherwise('n') })).toEqualColumns({
      always: ['y', 'y', 'y', 'y', 'y'],
      never: ['n', 'n', 'n', 'n', 'n'],
    });
  });

  it('lets a later true branch win only when earlier ones are not true', () => {
    const e = when(col('n').isNull(), 'missing').when(lit(true), 'present').otherwise('never');
    expect(evaluate(f, { r: e })).toEqualColumns({ r: ['present', 'present', 'present', 'missing', 'present'] });
  });
});

describe('evalExpr: cast', () => {
  it('parses text to numbers, giving null for unparseable text', () => {
    const f = DataFrame.fromColumns({ s: { type: 'string', values: ['12', ' 7 ', '1.9', '-0.5', 'abc', '', null, '1e3', 'NaN'] } });
    const out = evaluate(f, { i: col('s').cast('int'), x: col('s').cast('float64') });
    expect(out).toEqualColumns({
      i: [12, 7, 1, 0, null, null, null, 1000, null],
      x: [12, 7, 1.9, -0.5, null, null, null, 1000, null],
    });
  });

  it('parses text to booleans, dates and timestamps', () => {
    const f = DataFrame.fromColumns({ s: { type: 'string', values: ['true', '2024-02-29', '2024-02-30', '2024-01-01 10:30:00', 'x'] } });
    expect(evaluate(f, { b: col('s').cast('bool'), d: col('s').cast('date'), t: col('s').cast('timestamp') })).toEqualColumns({
      b: [true, null, null, null, null],
      d: [null, day('2024-02-29'), null, day('2024-01-01'), null],
      t: [null, ts('2024-02-29'), null, ts('2024-01-01 10:30:00'), null],
    });
  });

  it('formats values as text', () => {
    const f = DataFrame.fromColumns({
      i: { type: 'int', values: [3, null] },
      x: { type: 'float64', values: [2.5, NaN] },
      d: { type: 'date', values: [0, 1] },
      t: { type: 'timestamp', values: [1500, null] },
      b: { type: 'bool', values: [true, false] },
    });
    expect(evaluate(f, { i: col('i').cast('string'), x: col('x').cast('string'), d: col('d').cast('string'), t: col('t').cast('string'), b: col('b').cast('string') })).toEqualColumns({
      i: ['3', null],
      x: ['2.5', 'NaN'],
      d: ['1970-01-01', '1970-01-02'],
      t: ['1970-01-01 00:00:01.500', null],
      b: ['true', 'false'],
    });
  });

  it('truncates doubles to ints toward zero, without negative zero', () => {
    const f = DataFrame.fromColumns({ x: { type: 'float64', values: [2.9, -2.9, -0.5, null] } });
    expect(evaluate(f, { i: col('x').cast('int') })).toEqualColumns({ i: [2, -2, 0, null] });
  });

  it('converts between dates and timestamps', () => {
    const f = DataFrame.fromColumns({ t: { type: 'timestamp', values: [ts('2024-01-01 23:59:59'), ts('1969-12-31 12:00:00')] }, d: { type: 'date', values: [day('2024-01-01'), null] } });
    expect(evaluate(f, { d: col('t').cast('date'), t: col('d').cast('timestamp') })).toEqualColumns({ d: [day('2024-01-01'), -1], t: [ts('2024-01-01'), null] });
  });

  it('converts timestamps to and from numbers as seconds, both ways', () => {
    const f = DataFrame.fromColumns({ t: { type: 'timestamp', values: [1500, -1500] }, s: { type: 'float64', values: [1.5, -1.5] }, i: { type: 'int', values: [2, -2] } });
    expect(evaluate(f, { asInt: col('t').cast('int'), asFloat: col('t').cast('float64'), fromFloat: col('s').cast('timestamp'), fromInt: col('i').cast('timestamp') })).toEqualColumns({
      asInt: [1, -2],
      asFloat: [1.5, -1.5],
      fromFloat: [1500, -1500],
      fromInt: [2000, -2000],
    });
  });

  it('converts booleans to numbers and numbers to booleans', () => {
    const f = DataFrame.fromColumns({ b: { type: 'bool', values: [true, false, null] }, x: { type: 'float64', values: [0, -0, 3] } });
    expect(evaluate(f, { i: col('b').cast('int'), x: col('b').cast('float64'), back: col('x').cast('bool') })).toEqualColumns({ i: [1, 0, null], x: [1, 0, null], back: [false, false, true] });
  });

  it('gives null for a cast without a meaning', () => {
    const f = DataFrame.fromColumns({ i: { type: 'int', values: [1] }, b: { type: 'bool', values: [true] } });
    expect(evaluate(f, { d: col('i').cast('date'), t: col('b').cast('timestamp') })).toEqualColumns({ d: [null], t: [null] });
  });

  it('casts literals', () => {
    const f = DataFrame.fromColumns({ i: { type: 'int', values: [1] } });
    expect(evaluate(f, { a: lit('42').cast('int'), b: lit('x').cast('int'), c: lit(null).cast('date') })).toEqualColumns({ a: [42], b: [null], c: [null] });
  });
});

describe('evalExpr: date parts', () => {
  const f = DataFrame.fromColumns({
    t: { type: 'timestamp', values: [ts('2024-01-07 00:00:00'), ts('2024-01-13 23:59:59.999'), ts('2024-04-01 13:05:00'), ts('1969-12-31 23:30:00'), null, ts('2023-12-31 06:00:00')] },
  });

  it('reads the hour of the naive wall clock', () => {
    expect(evaluate(f, { r: col('t').hour() })).toEqualColumns({ r: [0, 23, 13, 23, null, 6] });
  });

  it('numbers days of the week from 1 = Sunday to 7 = Saturday', () => {
    expect(evaluate(f, { r: col('t').dayOfWeek() })).toEqualColumns({ r: [1, 7, 2, 4, null, 1] });
  });

  it('reads month, quarter and year', () => {
    expect(evaluate(f, { m: col('t').month(), q: col('t').quarter(), y: col('t').year() })).toEqualColumns({
      m: [1, 1, 4, 12, null, 12],
      q: [1, 1, 2, 4, null, 4],
      y: [2024, 2024, 2024, 1969, null, 2023],
    });
  });

  it('gives the date of a timestamp, also before 1970', () => {
    const out = evaluate(f, { d: col('t').toDate() });
    expect(out).toHaveSchema({ d: 'date' });
    expect(out).toEqualColumns({ d: [day('2024-01-07'), day('2024-01-13'), day('2024-04-01'), -1, null, day('2023-12-31')] });
  });

  it('reads parts of dates, with hour 0', () => {
    const g = DataFrame.fromColumns({ d: { type: 'date', values: [day('2024-02-29'), day('1900-03-01'), null] } });
    expect(evaluate(g, { h: col('d').hour(), w: col('d').dayOfWeek(), m: col('d').month(), q: col('d').quarter(), y: col('d').year(), d: col('d').toDate() })).toEqualColumns({
      h: [0, 0, null],
      w: [5, 5, null],
      m: [2, 3, null],
      q: [1, 1, null],
      y: [2024, 1900, null],
      d: [day('2024-02-29'), day('1900-03-01'), null],
    });
  });

  it('reads parts of literals', () => {
    const g = DataFrame.fromColumns({ i: { type: 'int', values: [1] } });
    expect(evaluate(g, { y: lit(day('2030-06-15'), 'date').year(), q: lit(day('2030-06-15'), 'date').quarter(), n: lit(null, 'timestamp').month() })).toEqualColumns({ y: [2030], q: [2], n: [null] });
  });
});

describe('evalExpr: date parts over many rows', () => {
  // Every day of 2023-2024 (a range that the kernel tabulates once per day), twice, with nulls.
  const days = Array.from({ length: 2 * 731 }, (_, i) => day('2023-01-01') + (i % 731));
  const values = days.map((d, i) => (i % 97 === 0 ? null : d));
  const f = DataFrame.fromColumns({ d: { type: 'date', values }, t: { type: 'timestamp', values: values.map((d) => (d === null ? null : d * MS_PER_DAY + 5 * 3_600_000)) } });
  const utc = (d: number): Date => new Date(d * MS_PER_DAY);

  it('gives the same year, month and quarter as a calendar for every day of the range', () => {
    const want = (fn: (x: Date) => number): (number | null)[] => values.map((d) => (d === null ? null : fn(utc(d))));
    expect(evaluate(f, { y: col('d').year(), m: col('t').month(), q: col('t').quarter() })).toEqualColumns({
      y: want((x) => x.getUTCFullYear()),
      m: want((x) => x.getUTCMonth() + 1),
      q: want((x) => Math.floor(x.getUTCMonth() / 3) + 1),
    });
  });

  it('agrees with a calendar far apart in time, where each row is computed on its own', () => {
    const far = [day('0001-01-01'), day('1582-10-15'), day('1900-02-28'), day('2000-02-29'), day('2099-12-31'), day('9999-12-31'), -719_468, 2_932_896];
    expect(far.every((d) => Number.isInteger(d))).toBe(true);
    const g = DataFrame.fromColumns({ d: { type: 'date', values: far } });
    const cal = (d: number): Date => {
      const x = new Date(0);
      x.setUTCFullYear(1970, 0, 1 + d);
      return x;
    };
    expect(evaluate(g, { y: col('d').year(), m: col('d').month(), q: col('d').quarter() })).toEqualColumns({
      y: far.map((d) => cal(d).getUTCFullYear()),
      m: far.map((d) => cal(d).getUTCMonth() + 1),
      q: far.map((d) => Math.floor(cal(d).getUTCMonth() / 3) + 1),
    });
  });

  it('gives empty columns on an empty frame', () => {
    const g = DataFrame.fromColumns({ t: { type: 'timestamp', values: [] } });
    expect(evaluate(g, { y: col('t').year(), h: col('t').hour(), w: col('t').dayOfWeek() })).toEqualColumns({ y: [], h: [], w: [] });
  });
});

describe('evalExpr: daysBetween', () => {
  it('counts whole calendar days, dropping the time of day', () => {
    const f = DataFrame.fromColumns({
      end: { type: 'timestamp', values: [ts('2024-01-02 00:10:00'), ts('2024-01-01 23:59:59'), ts('2024-03-01 00:00:00'), null, ts('1970-01-01 00:00:00')] },
      start: { type: 'timestamp', values: [ts('2024-01-01 23:50:00'), ts('2024-01-01 00:00:00'), ts('2024-02-01 12:00:00'), ts('2024-01-01 00:00:00'), ts('1969-12-31 23:59:59')] },
    });
    expect(evaluate(f, { r: daysBetween(col('end'), col('start')) })).toEqualColumns({ r: [1, 0, 29, null, 1] });
  });

  it('is negative when the start is after the end', () => {
    const f = DataFrame.fromColumns({ a: { type: 'date', values: [day('2024-01-01')] }, b: { type: 'date', values: [day('2024-01-31')] } });
    expect(evaluate(f, { r: daysBetween(col('a'), col('b')) })).toEqualColumns({ r: [-30] });
  });

  it('mixes dates, timestamps and date text', () => {
    const f = DataFrame.fromColumns({ d: { type: 'date', values: [day('2024-01-10'), null] }, t: { type: 'timestamp', values: [ts('2024-01-01 18:00:00'), ts('2024-01-01 18:00:00')] } });
    expect(evaluate(f, { dt: daysBetween(col('d'), col('t')), lit: daysBetween('2024-12-31', col('d')), text: daysBetween(col('d'), '2024-01-01 23:00:00') })).toEqualColumns({
      dt: [9, null],
      lit: [356, null],
      text: [9, null],
    });
  });

  it('gives null for date text that does not parse, in a literal as in a column', () => {
    const f = DataFrame.fromColumns({ d: { type: 'date', values: [day('2024-01-01'), null] } });
    expect(evaluate(f, { bad: daysBetween('soon', col('d')), padded: daysBetween(' 2024-01-03 ', col('d')) })).toEqualColumns({ bad: [null, null], padded: [2, null] });
  });

  it('gives null for unparseable date text in a column', () => {
    const f = DataFrame.fromColumns({ s: { type: 'string', values: ['2024-01-05', 'soon', null] }, d: { type: 'date', values: [day('2024-01-01'), day('2024-01-01'), day('2024-01-01')] } });
    expect(evaluate(f, { r: daysBetween(col('s'), col('d')) })).toEqualColumns({ r: [4, null, null] });
  });
});

describe('evalExpr: literals and shapes', () => {
  it('repeats a literal to the frame length', () => {
    const f = DataFrame.fromColumns({ i: { type: 'int', values: [1, 2, 3] } });
    expect(evaluate(f, { s: lit('x'), n: lit(null), b: lit(false) })).toEqualColumns({ s: ['x', 'x', 'x'], n: [null, null, null], b: [false, false, false] });
  });

  it('gives empty columns on an empty frame', () => {
    const f = DataFrame.fromColumns({ i: { type: 'int', values: [] }, s: { type: 'string', values: [] } });
    expect(evaluate(f, { a: col('i').add(1).gt(0).and(col('s').eq('x')), b: coalesce(col('s'), 'z'), c: when(col('i').gt(0), 'p').otherwise('q'), d: col('i').div(0) })).toEqualColumns({ a: [], b: [], c: [], d: [] });
  });

  it('evaluates over one row', () => {
    const f = DataFrame.fromColumns({ i: { type: 'int', values: [4] } });
    expect(evaluate(f, { r: col('i').mul(col('i')).sub(1).div(3) })).toEqualColumns({ r: [5] });
  });

  it('handles an all-null column in every operator', () => {
    const f = DataFrame.fromColumns({ i: { type: 'int', values: [null, null] }, s: { type: 'string', values: [null, null] }, b: { type: 'bool', values: [null, null] } });
    expect(
      evaluate(f, {
        add: col('i').add(1),
        cmp: col('s').eq('a'),
        and: col('b').and(true),
        or: col('b').or(true),
        isIn: col('s').isIn(['a']),
        co: coalesce(col('s'), col('s')),
        year: col('i').cast('date').year(),
        cnt: col('s').isNull(),
      }),
    ).toEqualColumns({
      add: [null, null],
      cmp: [null, null],
      and: [null, null],
      or: [true, true],
      isIn: [null, null],
      co: [null, null],
      year: [null, null],
      cnt: [true, true],
    });
  });

  it('lets an untyped null from coalesce or when/otherwise take the type of its surroundings', () => {
    const f = DataFrame.fromColumns({ x: { type: 'float64', values: [1, 2] }, b: { type: 'bool', values: [true, null] }, s: { type: 'string', values: ['a', null] } });
    expect(
      evaluate(f, {
        add: col('x').add(coalesce(null, null)),
        cmp: col('x').lt(when(col('b'), null).otherwise(null)),
        or: col('b').or(coalesce(null)),
        neg: coalesce(null, null).neg(),
        alone: coalesce(null, null),
      }),
    ).toEqualColumns({ add: [null, null], cmp: [null, null], or: [true, null], neg: [null, null], alone: [null, null] });
  });

  it('rejects a non-boolean filter', () => {
    const f = DataFrame.fromColumns({ i: { type: 'int', values: [1] } });
    expect(() => selectTrue(col('i').node, f)).toThrow('a filter needs a boolean expression, got int: i');
  });
});

describe('selectTrue', () => {
  it('returns the rows where the predicate is true, treating null as false', () => {
    expect(Array.from(selectTrue(col('a').and(col('b')).node, truth))).toEqual([0]);
    expect(Array.from(selectTrue(col('a').or(col('b')).node, truth))).toEqual([0, 1, 2, 3, 6]);
  });

  it('keeps every row for literal true and none for literal false or null', () => {
    expect(Array.from(selectTrue(lit(true).node, truth))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(selectTrue(lit(false).node, truth).length).toBe(0);
    expect(selectTrue(lit(null).node, truth).length).toBe(0);
  });

  it('selects present or null rows of string, numeric and boolean columns, alone or after another test', () => {
    const f = DataFrame.fromColumns({
      s: { type: 'string', values: ['a', null, '', null, 'b'] },
      v: { type: 'float64', values: [null, 1, NaN, null, 2] },
      b: { type: 'bool', values: [true, false, null, true, true] },
      full: { type: 'int', values: [1, 2, 3, 4, 5] },
    });
    const rows = (e: Expr): number[] => Array.from(selectTrue(e.node, f));
    expect(rows(col('s').isNotNull())).toEqual([0, 2, 4]);
    expect(rows(col('s').isNull())).toEqual([1, 3]);
    expect(rows(col('v').isNotNull())).toEqual([1, 2, 4]);
    expect(rows(col('b').isNull())).toEqual([2]);
    expect(rows(col('full').isNotNull())).toEqual([0, 1, 2, 3, 4]);
    expect(rows(col('full').isNull())).toEqual([]);
    expect(rows(col('b').and(col('s').isNull()))).toEqual([3]);
    expect(rows(col('full').gt(1).and(col('v').isNotNull()).and(col('full').isNotNull()))).toEqual([1, 2, 4]);
  });

  it('keeps nothing on an empty frame', () => {
    const f = DataFrame.fromColumns({ b: { type: 'bool', values: [] } });
    expect(selectTrue(col('b').node, f).length).toBe(0);
    expect(selectTrue(lit(true).node, f).length).toBe(0);
  });
});

describe('castScalar', () => {
  it('returns null and same-type values unchanged', () => {
    expect(castScalar(null, 'string', 'int')).toBeNull();
    expect(castScalar('a', 'string', 'string')).toBe('a');
  });

  it('trims text before parsing', () => {
    expect(castScalar(' 2.5\t', 'string', 'float64')).toBe(2.5);
    expect(castScalar(' TRUE ', 'string', 'bool')).toBe(true);
  });

  it('gives null for text that is not a value of the target type', () => {
    expect(castScalar('12abc', 'string', 'int')).toBeNull();
    expect(castScalar('maybe', 'string', 'bool')).toBeNull();
    expect(castScalar('2024-13-01', 'string', 'date')).toBeNull();
    expect(castScalar('x', 'string', 'list<string>')).toBeNull();
  });
});

describe('castColumn', () => {
  it('returns the same column for the same type', () => {
    const c = columnFrom('int', [1]);
    expect(castColumn(c, 'int')).toBe(c);
  });

  it('converts each dictionary entry of a text column once and keeps nulls', () => {
    const c = castColumn(columnFrom('string', ['1', 'x', '1', null]), 'int') as NumericColumn;
    expect([0, 1, 2, 3].map((i) => c.get(i))).toEqual([1, null, 1, null]);
  });

  it('interns the text form of numbers', () => {
    const c = castColumn(columnFrom('int', [1, 1, null, 2]), 'string');
    expect([0, 1, 2, 3].map((i) => c.get(i))).toEqual(['1', '1', null, '2']);
  });
});
