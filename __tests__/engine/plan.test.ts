import { coalesce, col, count, countIf, lit, when } from '../../src/engine/expr';
import { DataFrame } from '../../src/engine/frame';
import { LazyFrame, ScanSource, explainPlan, frameSource, optimize, postOrder } from '../../src/engine/plan';
import { lazy, run } from '../helpers/frames';

/** A scan source that records the columns each load asks for. */
function spySource(frame: DataFrame, name: string): { source: ScanSource; calls: string[][] } {
  const calls: string[][] = [];
  const source: ScanSource = {
    name,
    schema: frame.schema,
    load: (columns) => {
      calls.push([...columns]);
      return frame.select(columns);
    },
  };
  return { source, calls };
}

const customersFrame = DataFrame.fromColumns({
  id: { type: 'string', values: ['c1', 'c2', 'c3', null] },
  age: { type: 'int', values: [17, 30, null, 52] },
  city: { type: 'string', values: ['Oslo', 'Rome', 'Oslo', 'Lima'] },
  vip: { type: 'bool', values: [false, true, null, true] },
  note: { type: 'string', values: ['x', 'y', 'z', 'w'] },
});
const customers = LazyFrame.from(customersFrame, 'customers');

describe('LazyFrame.filter', () => {
  it('keeps only the rows where the predicate is true (null counts as false)', () => {
    expect(run(customers.filter(col('age').ge(18)).select('id'))).toEqualColumns({ id: ['c2', null] });
    expect(run(customers.filter(col('vip')).select('id'))).toEqualColumns({ id: ['c2', null] });
    expect(run(customers.filter(col('vip').not()).select('id'))).toEqualColumns({ id: ['c1'] });
  });

  it('keeps all rows for lit(true) and none for lit(null)', () => {
    expect(run(customers.filter(lit(true))).numRows).toBe(4);
    expect(run(customers.filter(lit(null))).numRows).toBe(0);
  });

  it('composes with another filter', () => {
    expect(run(customers.filter(col('city').eq('Oslo')).filter(col('age').lt(20)).select('id'))).toEqualColumns({ id: ['c1'] });
  });

  it('rejects a predicate that is not boolean, at once', () => {
    expect(() => customers.filter(col('age'))).toThrow('filter needs a boolean expression, got int: age');
    expect(() => customers.filter(col('nope').eq(1))).toThrow('unknown column "nope"');
  });
});

describe('LazyFrame.select', () => {
  it('keeps named columns and computes named expressions, in the given order', () => {
    const out = run(customers.select('city', { next: col('age').add(1), adult: col('age').ge(18) }, 'id'));
    expect(out).toHaveSchema({ city: 'string', next: 'int', adult: 'bool', id: 'string' });
    expect(out).toEqualColumns({ city: ['Oslo', 'Rome', 'Oslo', 'Lima'], next: [18, 31, null, 53], adult: [false, true, null, true], id: ['c1', 'c2', 'c3', null] });
  });

  it('types an untyped null as string', () => {
    expect(run(customers.select({ n: null }))).toHaveSchema({ n: 'string' });
  });

  it('rejects unknown columns and duplicate names', () => {
    expect(() => customers.select('zz')).toThrow('select: unknown column "zz"');
    expect(() => customers.select('id', { id: lit(1) })).toThrow('select: column "id" is named twice');
  });
});

describe('LazyFrame.withColumns', () => {
  it('replaces columns in place and appends new ones; every expression sees the input columns', () => {
    const out = run(customers.withColumns({ age: col('age').mul(2), older: col('age').add(1) }).select('age', 'older'));
    expect(out).toEqualColumns({ age: [34, 60, null, 104], older: [18, 31, null, 53] });
    expect(customers.withColumns({ age: col('age').cast('string'), z: lit(1) }).columns).toEqual(['id', 'age', 'city', 'vip', 'note', 'z']);
  });

  it('computes a segment with when/otherwise', () => {
    const seg = when(col('age').lt(18), 'minor').when(col('age').lt(50), 'adult').otherwise('senior');
    expect(run(customers.withColumn('seg', seg).select('seg'))).toEqualColumns({ seg: ['minor', 'adult', 'senior', 'senior'] });
  });

  it('runs when a replaced column is only read by another new column', () => {
    const lf = customers.withColumns({ age: col('age').cast('float64'), adult: col('age').ge(18) }).select('adult');
    expect(run(lf)).toEqualColumns({ adult: [false, true, null, true] });
  });

  it('runs when a replaced column changes type and another column of the input is kept', () => {
    const lf = customers.withColumns({ vip: col('vip').cast('string'), grown: col('vip').isNull() }).select('id', 'grown');
    expect(run(lf)).toEqualColumns({ id: ['c1', 'c2', 'c3', null], grown: [false, false, true, false] });
  });

  it('rejects type errors at once', () => {
    expect(() => customers.withColumns({ bad: col('city').add(1) })).toThrow('arithmetic "+" needs numbers, got string');
  });
});

describe('LazyFrame.drop / LazyFrame.rename', () => {
  it('drops and renames columns', () => {
    expect(customers.drop('note', 'vip').columns).toEqual(['id', 'age', 'city']);
    expect(run(customers.rename({ id: 'customer_id' }).select('customer_id'))).toEqualColumns({ customer_id: ['c1', 'c2', 'c3', null] });
  });

  it('rejects unknown columns', () => {
    expect(() => customers.drop('zz')).toThrow('drop: unknown column "zz"');
    expect(() => customers.rename({ zz: 'a' })).toThrow('rename: unknown column "zz"');
  });
});

describe('LazyFrame.groupBy', () => {
  it('aggregates per group with SQL null semantics', () => {
    const out = run(
      customers.groupBy('city').agg({ n: count(), ages: col('age').count(), total: col('age').sum(), avg: col('age').mean(), vips: countIf(col('vip')), ids: col('id').collectList() }),
    );
    expect(out).toEqualColumns({
      city: ['Oslo', 'Rome', 'Lima'],
      n: [2, 1, 1],
      ages: [1, 1, 1],
      total: [17, 30, 52],
      avg: [17, 30, 52],
      vips: [0, 1, 1],
      ids: [['c1', 'c3'], ['c2'], []],
    });
  });

  it('aggregates the whole frame with no keys', () => {
    expect(run(customers.groupBy().agg({ n: count(), oldest: col('age').max() }))).toEqualColumns({ n: [4], oldest: [52] });
  });

  it('rejects unknown keys, duplicate names and bad aggregates', () => {
    expect(() => customers.groupBy('zz')).toThrow('groupBy: unknown column "zz"');
    expect(() => customers.groupBy('city').agg({ city: count() })).toThrow('agg: column "city" is named twice');
    expect(() => customers.groupBy('city').agg({ s: col('city').sum() })).toThrow('sum needs numbers, got string');
  });
});

describe('LazyFrame.limit', () => {
  it('keeps the first n rows', () => {
    expect(run(customers.limit(2).select('id'))).toEqualColumns({ id: ['c1', 'c2'] });
    expect(run(customers.limit(0)).numRows).toBe(0);
    expect(run(customers.limit(100)).numRows).toBe(4);
  });

  it('limits after a sort', () => {
    expect(run(customers.sort({ column: 'age', descending: true }).limit(2).select('id'))).toEqualColumns({ id: [null, 'c2'] });
  });

  it('rejects negative or fractional counts', () => {
    expect(() => customers.limit(-1)).toThrow('limit needs a whole number >= 0, got -1');
    expect(() => customers.limit(1.5)).toThrow('limit needs a whole number >= 0');
  });
});

describe('LazyFrame.union', () => {
  const more = lazy({ city: { type: 'string', values: ['Kyiv'] }, id: { type: 'string', values: ['c9'] } });

  it('matches columns by name and keeps the first frame order', () => {
    expect(run(customers.select('id', 'city').union(more))).toEqualColumns({ id: ['c1', 'c2', 'c3', null, 'c9'], city: ['Oslo', 'Rome', 'Oslo', 'Lima', 'Kyiv'] });
  });

  it('unions several frames, including empty ones', () => {
    const empty = lazy({ id: { type: 'string', values: [] }, city: { type: 'string', values: [] } });
    expect(run(more.union(empty, more))).toEqualColumns({ city: ['Kyiv', 'Kyiv'], id: ['c9', 'c9'] });
  });

  it('rejects frames whose names or types differ', () => {
    const wrong = lazy({ id: { type: 'int', values: [] }, city: { type: 'string', values: [] } });
    expect(() => customers.select('id', 'city').union(wrong)).toThrow('union: schemas differ');
    expect(() => customers.union(more)).toThrow('union: schemas differ');
  });

  it('runs when a filtered input reads a column the union does not output', () => {
    const a = customers.select('id', 'city', 'age').filter(col('age').gt(20));
    const b = lazy({ id: { type: 'string', values: ['c9'] }, city: { type: 'string', values: ['Kyiv'] }, age: { type: 'int', values: [1] } });
    expect(run(a.union(b).select('id'))).toEqualColumns({ id: ['c2', null, 'c9'] });
  });

  it('aggregates a union without reading any of its columns', () => {
    const b = lazy({ id: { type: 'string', values: ['c9'] }, city: { type: 'string', values: ['Kyiv'] } });
    expect(run(customers.select('id', 'city').filter(col('city').eq('Oslo')).union(b).groupBy().agg({ n: count() }))).toEqualColumns({ n: [3] });
  });
});

describe('LazyFrame.collect', () => {
  it('loads asynchronous sources', async () => {
    const source: ScanSource = { name: 'async', schema: customersFrame.schema, load: async (columns) => customersFrame.select(columns) };
    const out = await LazyFrame.scan(source).filter(col('city').eq('Rome')).select('id').collect();
    expect(out).toEqualColumns({ id: ['c2'] });
  });

  it('refuses an asynchronous source in collectSync', () => {
    const source: ScanSource = { name: 'slow', schema: customersFrame.schema, load: async (columns) => customersFrame.select(columns) };
    expect(() => LazyFrame.scan(source).collectSync()).toThrow('collectSync: source slow loads asynchronously; use collect()');
  });

  it('runs a plan over an empty frame', () => {
    const empty = LazyFrame.from(DataFrame.empty(customersFrame.schema));
    const out = run(empty.filter(col('age').gt(1)).withColumn('a2', col('age').mul(2)).sort('a2').dedupe({ partitionBy: ['city'] }).limit(5).select('id', 'a2'));
    expect(out).toEqualColumns({ id: [], a2: [] });
  });
});

describe('projection pushdown', () => {
  it('loads only the columns a plan needs, once per scan', () => {
    const { source, calls } = spySource(customersFrame, 'customers');
    const lf = LazyFrame.scan(source)
      .filter(col('age').gt(18))
      .withColumns({ label: coalesce(col('city'), 'n/a'), unused: col('note') })
      .select('id', 'label');
    expect(run(lf)).toEqualColumns({ id: ['c2', null], label: ['Rome', 'Lima'] });
    expect(calls).toEqual([['id', 'age', 'city']]);
  });

  it('shows the pruned scans in explain()', () => {
    const { source } = spySource(customersFrame, 'customers');
    const lf = LazyFrame.scan(source).filter(col('age').gt(18)).select('id');
    expect(lf.explain()).toBe(['#1 Select id', '  #2 Filter (age > 18)', '    #3 Scan customers columns=[id, age]'].join('\n'));
    expect(lf.explain({ optimized: false })).toContain('Scan customers columns=[id, age, city, vip, note]');
  });

  it('loads only the join keys and the needed columns on each side of a join', () => {
    const l = spySource(customersFrame, 'customers');
    const orders = DataFrame.fromColumns({ id: { type: 'string', values: ['c2', 'c2'] }, amount: { type: 'float64', values: [1, 2] }, sku: { type: 'string', values: ['s', 't'] } });
    const r = spySource(orders, 'orders');
    const lf = LazyFrame.scan(l.source)
      .join(LazyFrame.scan(r.source), { on: 'id' })
      .groupBy('city')
      .agg({ total: col('amount').sum() });
    expect(run(lf)).toEqualColumns({ city: ['Rome'], total: [3] });
    expect(l.calls).toEqual([['id', 'city']]);
    expect(r.calls).toEqual([['id', 'amount']]);
    expect(lf.explain()).toContain('Scan orders columns=[id, amount]');
  });

  it('loads one column to count rows when no column is read', () => {
    const { source, calls } = spySource(customersFrame, 'customers');
    expect(run(LazyFrame.scan(source).groupBy().agg({ n: count() }))).toEqualColumns({ n: [4] });
    expect(calls).toEqual([['id']]);
  });

  it('loads a shared scan once with the union of the columns both uses need', () => {
    const { source, calls } = spySource(customersFrame, 'customers');
    const base = LazyFrame.scan(source);
    const ages = base.select('id', 'age');
    const cities = base.select('id', 'city').rename({ id: 'cid' });
    const lf = ages.join(cities, { leftOn: ['id'], rightOn: ['cid'] }).select('age', 'city');
    expect(run(lf)).toEqualColumns({ age: [17, 30, null], city: ['Oslo', 'Rome', 'Oslo'] });
    expect(calls).toEqual([['id', 'age', 'city']]);
    expect(lf.explain()).toContain('(see #');
  });

  it('keeps the sort and dedupe keys that the output does not show', () => {
    const { source, calls } = spySource(customersFrame, 'customers');
    const lf = LazyFrame.scan(source)
      .dedupe({ partitionBy: ['city'], orderBy: [{ column: 'age', descending: true }] })
      .sort({ column: 'vip', nulls: 'last' })
      .select('id');
    expect(run(lf)).toEqualColumns({ id: ['c1', 'c2', null] });
    expect(calls).toEqual([['id', 'age', 'city', 'vip']]);
    expect(lf.explain()).toContain('Dedupe partition=[city] order=[age desc] keep first');
    expect(lf.explain()).toContain('Sort vip nulls last');
  });

  it('drops aggregates and computed columns nobody reads', () => {
    const { source, calls } = spySource(customersFrame, 'customers');
    const lf = LazyFrame.scan(source)
      .groupBy('city')
      .agg({ n: count(), notes: col('note').countDistinct() })
      .select('city', 'n');
    expect(run(lf)).toEqualColumns({ city: ['Oslo', 'Rome', 'Lima'], n: [2, 1, 1] });
    expect(calls).toEqual([['city']]);
    expect(lf.explain()).toContain('Aggregate keys=[city] n=count(*)');
    expect(lf.explain()).not.toContain('countDistinct');
  });

  it('loads every column a union input needs', () => {
    const a = spySource(customersFrame, 'a');
    const b = spySource(customersFrame, 'b');
    const lf = LazyFrame.scan(a.source)
      .filter(col('vip'))
      .union(LazyFrame.scan(b.source))
      .select('id');
    expect(run(lf).numRows).toBe(6);
    expect(a.calls).toEqual([['id', 'vip']]);
    expect(b.calls).toEqual([['id']]);
  });
});

describe('optimize / postOrder / explainPlan', () => {
  it('visits children before parents, each node once', () => {
    const base = customers.select('id');
    const lf = base.union(base);
    const kinds = postOrder(lf.plan).map((n) => n.kind);
    expect(kinds).toEqual(['scan', 'select', 'union']);
  });

  it('keeps the output schema of the root', () => {
    const lf = customers.withColumns({ x: lit(1) }).filter(col('x').eq(1));
    expect(optimize(lf.plan).schema.map((f) => f.name)).toEqual(lf.columns);
  });

  it('renders every kind of node', () => {
    const lf = customers
      .filter(col('age').gt(1))
      .withColumns({ a: lit(1) })
      .join(lazy({ id: { type: 'string', values: [] } }), { on: 'id', how: 'left' })
      .dedupe({ partitionBy: ['id'] })
      .sort({ column: 'age', descending: true })
      .limit(3)
      .union(customers.filter(col('age').gt(1)).withColumns({ a: lit(1) }))
      .select('id', { b: col('a').add(1) });
    const text = explainPlan(lf.plan);
    for (const part of ['Select id, b=(a + 1)', 'Union (2 inputs)', 'Limit 3', 'Sort age desc', 'Dedupe partition=[id] order=[] keep first', 'Join left on id', 'WithColumns a=1', 'Filter (age > 1)', 'Scan customers']) {
      expect(text).toContain(part);
    }
  });
});

describe('frameSource', () => {
  it('loads the asked columns of a frame', () => {
    const s = frameSource(customersFrame, 'c');
    const f = s.load(['city', 'id']);
    expect(f instanceof DataFrame && f.columnNames).toEqual(['city', 'id']);
    expect(s.name).toBe('c');
  });
});
