/**
 * Property tests: each kernel against a naive row-by-row reference (`helpers/reference`) on
 * random frames with nulls, duplicate keys, NaN, -0, empty strings, unicode and long strings.
 */
import fc from 'fast-check';
import { Agg, AggNode, CmpOp, DatePart, Expr, ExprNode, Scalar, col, count, countIf, typeOfExpr } from '../../src/engine/expr';
import { evalExpr, selectTrue } from '../../src/engine/exec/eval';
import { SortKey } from '../../src/engine/exec/order';
import { DataFrame, Row } from '../../src/engine/frame';
import { LazyFrame } from '../../src/engine/plan';
import { DataType } from '../../src/engine/types';
import { AWKWARD_DOUBLES, AWKWARD_STRINGS, MIXED, PROPERTY_RUNS, fieldsOf, frameFromRows, rowsArb, rowsToColumns, run } from '../helpers/frames';
import { refAggregate, refDedupe, refEval, refFilter, refJoin, refSort } from '../helpers/reference';

const mixedSchema = fieldsOf(MIXED);

// ---------------------------------------------------------------------------------------------
// Random well-typed expressions over MIXED.

const c = (name: string): ExprNode => ({ op: 'col', name });
const lit = (value: Scalar | null, type: DataType | null): ExprNode => ({ op: 'lit', value, type });

/** Expressions by result type (a type alias, not an interface, so fc.letrec can type `tie`). */
type Typed = {
  num: ExprNode;
  bool: ExprNode;
  str: ExprNode;
  date: ExprNode;
  ts: ExprNode;
};

const CMP: readonly CmpOp[] = ['==', '!=', '<', '<=', '>', '>='];
const PARTS: readonly DatePart[] = ['hour', 'dayOfWeek', 'month', 'quarter', 'year'];
const IN_VALUES: readonly Scalar[] = [0, -0, 1, 2, NaN, 2.5, 'a', '', 'é', '😀'];

const exprs = fc.letrec<Typed>((tie) => {
  const opts = { maxDepth: 3, depthIdentifier: 'expr' };
  const temporal = fc.oneof(opts, tie('date'), tie('ts'));
  const anyExpr = fc.oneof(opts, tie('num'), tie('str'), tie('date'), tie('bool'));
  return {
    num: fc.oneof(
      opts,
      // The first choice is the leaf that fast-check falls back to at the maximum depth.
      fc.oneof(
        fc.constantFrom(c('g'), c('x')),
        fc.integer({ min: -3, max: 3 }).map((v) => lit(v, 'int')),
        fc.constantFrom(...AWKWARD_DOUBLES).map((v) => lit(v, 'float64')),
        fc.constantFrom(lit(null, 'int'), lit(null, null)),
      ),
      fc.tuple(fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const), tie('num'), tie('num')).map(([fn, left, right]): ExprNode => ({ op: 'arith', fn, left, right })),
      tie('num').map((arg): ExprNode => ({ op: 'neg', arg })),
      fc.tuple(tie('num'), tie('num')).map((args): ExprNode => ({ op: 'coalesce', args })),
      fc.tuple(tie('bool'), tie('num'), tie('num')).map(([when, then, otherwise]): ExprNode => ({ op: 'case', branches: [{ when, then }], otherwise })),
      fc.tuple(fc.constantFrom(...PARTS), temporal).map(([part, arg]): ExprNode => ({ op: 'datePart', part, arg })),
      fc.tuple(temporal, temporal).map(([end, start]): ExprNode => ({ op: 'daysBetween', end, start })),
      fc.oneof(tie('num'), tie('bool')).map((arg): ExprNode => ({ op: 'cast', arg, to: 'int' })),
    ),
    bool: fc.oneof(
      opts,
      fc.oneof(fc.constant(c('b')), fc.constantFrom(lit(true, 'bool'), lit(false, 'bool'), lit(null, 'bool'), lit(null, null))),
      fc.tuple(fc.constantFrom(...CMP), tie('num'), tie('num')).map(([fn, left, right]): ExprNode => ({ op: 'cmp', fn, left, right })),
      fc.tuple(fc.constantFrom(...CMP), tie('str'), tie('str')).map(([fn, left, right]): ExprNode => ({ op: 'cmp', fn, left, right })),
      fc.tuple(fc.constantFrom(...CMP), temporal, temporal).map(([fn, left, right]): ExprNode => ({ op: 'cmp', fn, left, right })),
      fc.tuple(fc.constantFrom('and' as const, 'or' as const), tie('bool'), tie('bool')).map(([op, left, right]): ExprNode => ({ op, left, right })),
      tie('bool').map((arg): ExprNode => ({ op: 'not', arg })),
      fc.tuple(fc.constantFrom('isNull' as const, 'isNotNull' as const), anyExpr).map(([op, arg]): ExprNode => ({ op, arg })),
      fc.tuple(fc.oneof(tie('num'), tie('str')), fc.subarray([...IN_VALUES])).map(([arg, values]): ExprNode => ({ op: 'isIn', arg, values })),
      fc.tuple(tie('bool'), tie('bool'), tie('bool')).map(([when, then, otherwise]): ExprNode => ({ op: 'case', branches: [{ when, then }], otherwise })),
    ),
    str: fc.oneof(
      opts,
      fc.oneof(fc.constantFrom(c('k'), c('s')), fc.constantFrom(...AWKWARD_STRINGS).map((v) => lit(v, 'string')), fc.constant(lit(null, null))),
      fc.tuple(tie('str'), tie('str'), tie('str')).map((args): ExprNode => ({ op: 'coalesce', args })),
      fc.tuple(tie('bool'), tie('str'), tie('bool'), tie('str'), tie('str')).map(
        ([w1, t1, w2, t2, otherwise]): ExprNode => ({
          op: 'case',
          branches: [
            { when: w1, then: t1 },
            { when: w2, then: t2 },
          ],
          otherwise,
        }),
      ),
      tie('num').map((arg): ExprNode => ({ op: 'cast', arg, to: 'string' })),
    ),
    date: fc.oneof(
      opts,
      fc.oneof(fc.constant(c('d')), fc.constantFrom(lit(0, 'date'), lit(19_723, 'date'), lit(-1, 'date'), lit(null, 'date'))),
      tie('ts').map((arg): ExprNode => ({ op: 'datePart', part: 'date', arg })),
      tie('ts').map((arg): ExprNode => ({ op: 'cast', arg, to: 'date' })),
      fc.tuple(tie('date'), tie('date')).map((args): ExprNode => ({ op: 'coalesce', args })),
    ),
    ts: fc.oneof(
      opts,
      fc.oneof(fc.constant(c('t')), fc.constantFrom(lit(0, 'timestamp'), lit(-1, 'timestamp'), lit(1_704_067_200_000, 'timestamp'), lit(null, 'timestamp'))),
      tie('date').map((arg): ExprNode => ({ op: 'cast', arg, to: 'timestamp' })),
    ),
  };
});

const anyTypedExpr = fc.oneof(exprs.num, exprs.bool, exprs.str, exprs.date, exprs.ts);

/** A one-column frame of an evaluated column, for the matcher. */
function resultFrame(frame: DataFrame, node: ExprNode): DataFrame {
  const column = evalExpr(node, frame);
  return new DataFrame([{ name: 'r', type: column.type }], [column], frame.numRows);
}

describe('evalExpr (property)', () => {
  it('agrees with a row-by-row evaluation for random expressions on random frames', () => {
    fc.assert(
      fc.property(rowsArb(MIXED), anyTypedExpr, (rows, node) => {
        const frame = frameFromRows(MIXED, rows);
        const out = resultFrame(frame, node);
        expect(out.schema[0]!.type).toBe(typeOfExpr(node, mixedSchema) ?? 'string');
        expect(out).toEqualColumns({ r: rows.map((r) => refEval(node, r, mixedSchema)) });
      }),
      { ...PROPERTY_RUNS, numRuns: 400 },
    );
  });
});

describe('filter (property)', () => {
  it('keeps exactly the rows where a random predicate is true, in order', () => {
    fc.assert(
      fc.property(rowsArb(MIXED), exprs.bool, (rows, predicate) => {
        const frame = frameFromRows(MIXED, rows);
        const expected = rowsToColumns(refFilter(rows, predicate, mixedSchema), Object.keys(MIXED));
        expect(frame.take(selectTrue(predicate, frame))).toEqualColumns(expected);
        expect(run(LazyFrame.from(frame).filter(new Expr(predicate)))).toEqualColumns(expected);
      }),
      PROPERTY_RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Joins.

const LEFT: Record<string, DataType> = { k: 'string', g: 'int', x: 'float64', lv: 'int' };
const RIGHT: Record<string, DataType> = { rk: 'string', rg: 'int', rx: 'float64', rv: 'string' };
const KEY_SETS: readonly [string[], string[]][] = [
  [['k'], ['rk']],
  [['g'], ['rg']],
  [['x'], ['rx']],
  [['k', 'g'], ['rk', 'rg']],
  [['g', 'x', 'k'], ['rg', 'rx', 'rk']],
];

describe('join (property)', () => {
  it('matches a nested-loop join: inner and left, one or more keys, same or different key names', () => {
    fc.assert(
      fc.property(
        rowsArb(LEFT, 20),
        rowsArb(RIGHT, 20),
        fc.constantFrom(...KEY_SETS),
        fc.constantFrom('inner' as const, 'left' as const),
        fc.boolean(),
        (leftRows, rightRows, [leftOn, rightOn], how, sameNames) => {
          const left = LazyFrame.from(frameFromRows(LEFT, leftRows));
          let right = LazyFrame.from(frameFromRows(RIGHT, rightRows));
          let rows = rightRows;
          let rOn = rightOn;
          let rightColumns = Object.keys(RIGHT);
          if (sameNames) {
            const mapping: Record<string, string> = {};
            rightOn.forEach((k, i) => (mapping[k] = leftOn[i]!));
            right = right.rename(mapping);
            rows = rightRows.map((r) => {
              const out: Row = {};
              for (const [name, v] of Object.entries(r)) out[mapping[name] ?? name] = v;
              return out;
            });
            rOn = leftOn;
            rightColumns = right.columns;
          }
          const out = run(sameNames ? left.join(right, { on: leftOn, how }) : left.join(right, { leftOn, rightOn, how }));
          const expected = refJoin(leftRows, rows, leftOn, rOn, how, rightColumns);
          expect(out).toEqualColumns(rowsToColumns(expected, out.columnNames));
          expect(out.columnNames).toEqual([...Object.keys(LEFT), ...rightColumns.filter((n) => !leftOn.includes(n))]);
        },
      ),
      PROPERTY_RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// groupBy + agg.

const AGGS: Record<string, Agg> = {
  n: count(),
  ns: col('s').count(),
  dx: col('x').countDistinct(),
  dk: col('k').countDistinct(),
  sx: col('x').sum(),
  sg: col('g').sum(),
  mx: col('x').mean(),
  mg: col('g').mean(),
  minx: col('x').min(),
  maxx: col('x').max(),
  mins: col('s').min(),
  maxs: col('s').max(),
  mind: col('d').min(),
  maxt: col('t').max(),
  ib: countIf(col('b')),
  ig: countIf(col('g').gt(0).and(col('b').not())),
  ls: col('s').collectList(),
  lss: col('k').collectList({ sorted: true }),
};

describe('groupBy + agg (property)', () => {
  it('matches a naive grouping for every aggregate, with keys of every type', () => {
    fc.assert(
      fc.property(rowsArb(MIXED), fc.subarray(['k', 'g', 'x', 'b', 'd', 's']), fc.subarray(Object.keys(AGGS), { minLength: 1 }), (rows, keys, aggNames) => {
        const frame = frameFromRows(MIXED, rows);
        const chosen: Record<string, Agg> = {};
        for (const name of aggNames) chosen[name] = AGGS[name]!;
        const out = run(LazyFrame.from(frame).groupBy(...keys).agg(chosen));
        const list: { name: string; agg: AggNode }[] = aggNames.map((name) => ({ name, agg: AGGS[name]!.node }));
        const expected = refAggregate(rows, keys, list, mixedSchema);
        expect(out).toEqualColumns(rowsToColumns(expected, [...keys, ...aggNames]));
      }),
      PROPERTY_RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Sort and dedupe.

const sortKeyArb: fc.Arbitrary<SortKey> = fc.record({
  column: fc.constantFrom(...Object.keys(MIXED)),
  descending: fc.boolean(),
  nulls: fc.constantFrom<('first' | 'last' | undefined)[]>(undefined, 'first', 'last'),
}).map((k) => (k.nulls === undefined ? { column: k.column, descending: k.descending } : { column: k.column, descending: k.descending, nulls: k.nulls }));

describe('sort (property)', () => {
  it('matches a stable sort of the rows', () => {
    fc.assert(
      fc.property(rowsArb(MIXED, 40), fc.array(sortKeyArb, { minLength: 1, maxLength: 3 }), (rows, keys) => {
        const frame = frameFromRows(MIXED, rows);
        expect(run(LazyFrame.from(frame).sort(...keys))).toEqualColumns(rowsToColumns(refSort(rows, keys), Object.keys(MIXED)));
      }),
      PROPERTY_RUNS,
    );
  });
});

describe('dedupe (property)', () => {
  it('keeps row_number() = 1 per partition, ties in input order, rows in input order', () => {
    fc.assert(
      fc.property(rowsArb(MIXED, 40), fc.subarray(['k', 'g', 'x', 'b']), fc.array(sortKeyArb, { maxLength: 2 }), (rows, partitionBy, orderBy) => {
        const frame = frameFromRows(MIXED, rows);
        expect(run(LazyFrame.from(frame).dedupe({ partitionBy, orderBy }))).toEqualColumns(rowsToColumns(refDedupe(rows, partitionBy, orderBy), Object.keys(MIXED)));
      }),
      PROPERTY_RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Limit and union.

describe('limit and union (property)', () => {
  it('limit keeps a prefix and union appends rows matched by name', () => {
    fc.assert(
      fc.property(rowsArb(MIXED, 15), rowsArb(MIXED, 15), fc.nat({ max: 20 }), (a, b, n) => {
        const names = Object.keys(MIXED);
        const fa = LazyFrame.from(frameFromRows(MIXED, a));
        const fb = LazyFrame.from(frameFromRows(MIXED, b)).select(...[...names].reverse());
        expect(run(fa.limit(n))).toEqualColumns(rowsToColumns(a.slice(0, n), names));
        expect(run(fa.union(fb))).toEqualColumns(rowsToColumns([...a, ...b], names));
      }),
      PROPERTY_RUNS,
    );
  });
});

describe('a pipeline (property)', () => {
  it('filter, derive, join, group and sort together agree with the references', () => {
    fc.assert(
      fc.property(rowsArb(MIXED, 20), rowsArb({ k: 'string', w: 'float64' }, 10), exprs.bool, (rows, rightRows, predicate) => {
        const frame = frameFromRows(MIXED, rows);
        const right = frameFromRows({ k: 'string', w: 'float64' }, rightRows);
        const lf = LazyFrame.from(frame)
          .filter(new Expr(predicate))
          .withColumn('y', col('x').mul(2))
          .join(LazyFrame.from(right), { on: 'k', how: 'left' })
          .groupBy('k')
          .agg({ n: count(), sy: col('y').sum(), mw: col('w').max() })
          .sort({ column: 'n', descending: true }, 'k');
        const kept = refFilter(rows, predicate, mixedSchema).map((r) => ({ ...r, y: r.x === null ? null : (r.x as number) * 2 }));
        const joined = refJoin(kept, rightRows, ['k'], ['k'], 'left', ['k', 'w']);
        const schema = [...mixedSchema, { name: 'y', type: 'float64' as const }, { name: 'w', type: 'float64' as const }];
        const grouped = refAggregate(
          joined,
          ['k'],
          [
            { name: 'n', agg: count().node },
            { name: 'sy', agg: col('y').sum().node },
            { name: 'mw', agg: col('w').max().node },
          ],
          schema,
        );
        const expected = refSort(grouped, [{ column: 'n', descending: true }, { column: 'k' }]);
        expect(run(lf)).toEqualColumns(rowsToColumns(expected, ['k', 'n', 'sy', 'mw']));
      }),
      PROPERTY_RUNS,
    );
  });
});
