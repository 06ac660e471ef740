import {
  ExprNode,
  coalesce,
  col,
  count,
  countIf,
  daysBetween,
  lit,
  referencedColumns,
  renderAgg,
  renderExpr,
  toNode,
  typeOfAgg,
  typeOfExpr,
  unifyTypes,
  when,
} from '../../src/engine/expr';
import { Schema } from '../../src/engine/types';

const schema: Schema = [
  { name: 'i', type: 'int' },
  { name: 'f', type: 'float64' },
  { name: 's', type: 'string' },
  { name: 'b', type: 'bool' },
  { name: 'd', type: 'date' },
  { name: 't', type: 'timestamp' },
  { name: 'l', type: 'list<string>' },
];
const typeOf = (n: ExprNode): string | null => typeOfExpr(n, schema);

describe('toNode', () => {
  it('turns JS literals into typed literals', () => {
    expect(toNode('x')).toEqual({ op: 'lit', value: 'x', type: 'string' });
    expect(toNode(3)).toEqual({ op: 'lit', value: 3, type: 'int' });
    expect(toNode(3.5)).toEqual({ op: 'lit', value: 3.5, type: 'float64' });
    expect(toNode(true)).toEqual({ op: 'lit', value: true, type: 'bool' });
    expect(toNode(null)).toEqual({ op: 'lit', value: null, type: null });
  });

  it('types NaN and infinities as float64', () => {
    expect(toNode(NaN)).toMatchObject({ type: 'float64' });
    expect(toNode(Infinity)).toMatchObject({ type: 'float64' });
  });

  it('passes expressions through', () => {
    expect(toNode(col('a'))).toEqual({ op: 'col', name: 'a' });
  });
});

describe('lit', () => {
  it('makes a typed null when given a type', () => {
    expect(lit(null, 'date').node).toEqual({ op: 'lit', value: null, type: 'date' });
    expect(lit(5, 'float64').node).toEqual({ op: 'lit', value: 5, type: 'float64' });
  });
});

describe('Expr', () => {
  it('builds arithmetic, comparison and logic nodes', () => {
    const e = col('i').add(1).mul(col('f')).gt(2).and(col('b').not()).or(col('s').isNull());
    expect(renderExpr(e.node)).toBe('(((((i + 1) * f) > 2) and not b) or s is null)');
  });

  it('renders every comparison and arithmetic operator', () => {
    const parts = [col('i').eq(1), col('i').ne(1), col('i').lt(1), col('i').le(1), col('i').gt(1), col('i').ge(1), col('i').sub(1), col('i').div(2), col('i').neg()];
    expect(parts.map((p) => renderExpr(p.node))).toEqual(['(i == 1)', '(i != 1)', '(i < 1)', '(i <= 1)', '(i > 1)', '(i >= 1)', '(i - 1)', '(i / 2)', '-i']);
  });

  it('copies the isIn list so later changes to the array do not leak in', () => {
    const values = ['a'];
    const e = col('s').isIn(values);
    values.push('b');
    expect(e.node).toEqual({ op: 'isIn', arg: { op: 'col', name: 's' }, values: ['a'] });
  });

  it('builds date parts', () => {
    const t = col('t');
    expect([t.hour(), t.dayOfWeek(), t.month(), t.quarter(), t.year(), t.toDate()].map((e) => renderExpr(e.node))).toEqual(['hour(t)', 'dayOfWeek(t)', 'month(t)', 'quarter(t)', 'year(t)', 'date(t)']);
  });
});

describe('when', () => {
  it('collects branches in order and defaults otherwise to null', () => {
    const e = when(col('i').lt(0), 'neg').when(col('i').eq(0), 'zero').otherwise();
    expect(renderExpr(e.node)).toBe("case when (i < 0) then 'neg' when (i == 0) then 'zero' else null end");
  });

  it('does not share branches between builders forked from one prefix', () => {
    const base = when(col('i').lt(0), 'a');
    const one = base.when(col('i').eq(0), 'b').otherwise('c');
    const two = base.otherwise('d');
    expect(renderExpr(two.node)).toBe("case when (i < 0) then 'a' else 'd' end");
    expect(renderExpr(one.node)).toContain("'b'");
  });
});

describe('coalesce', () => {
  it('needs at least one argument', () => {
    expect(() => coalesce()).toThrow('coalesce needs at least one argument');
  });
});

describe('typeOfExpr', () => {
  it('types columns and literals', () => {
    expect(typeOf(col('d').node)).toBe('date');
    expect(typeOf(lit(null).node)).toBeNull();
  });

  it('names the known columns when a column is unknown', () => {
    expect(() => typeOf(col('zz').node)).toThrow('unknown column "zz" (columns: i, f, s, b, d, t, l)');
  });

  it('gives int for int arithmetic, float64 when a float is involved, and float64 for every division', () => {
    expect(typeOf(col('i').add(col('i')).node)).toBe('int');
    expect(typeOf(col('i').mul(1.5).node)).toBe('float64');
    expect(typeOf(col('i').div(col('i')).node)).toBe('float64');
    expect(typeOf(col('i').add(null).node)).toBe('int');
    expect(typeOf(lit(null).neg().node)).toBe('int');
    expect(typeOf(col('f').neg().node)).toBe('float64');
  });

  it('rejects arithmetic on non-numbers', () => {
    expect(() => typeOf(col('s').add(1).node)).toThrow('arithmetic "+" needs numbers, got string in (s + 1)');
    expect(() => typeOf(col('d').sub(1).node)).toThrow('needs numbers, got date');
    expect(() => typeOf(col('b').neg().node)).toThrow('negation needs a number, got bool');
  });

  it('allows comparisons of like types, numbers with numbers, and dates with timestamps or text', () => {
    expect(typeOf(col('i').lt(col('f')).node)).toBe('bool');
    expect(typeOf(col('d').lt(col('t')).node)).toBe('bool');
    expect(typeOf(col('d').ge('2024-01-01').node)).toBe('bool');
    expect(typeOf(col('s').eq(null).node)).toBe('bool');
  });

  it('rejects comparisons of unrelated types', () => {
    expect(() => typeOf(col('s').eq(1).node)).toThrow('cannot compare string with int in (s == 1)');
    expect(() => typeOf(col('b').eq(col('i')).node)).toThrow('cannot compare bool with int');
  });

  it('requires booleans for and, or and not', () => {
    expect(typeOf(col('b').and(null).node)).toBe('bool');
    expect(() => typeOf(col('b').and(col('i')).node)).toThrow('"and" needs booleans, got int');
    expect(() => typeOf(col('s').not().node)).toThrow('"not" needs booleans, got string');
  });

  it('unifies coalesce and when/otherwise branches', () => {
    expect(typeOf(coalesce(col('i'), col('f')).node)).toBe('float64');
    expect(typeOf(coalesce(null, col('s')).node)).toBe('string');
    expect(typeOf(coalesce(col('d'), col('t')).node)).toBe('timestamp');
    expect(typeOf(when(col('b'), 1).otherwise(2.5).node)).toBe('float64');
    expect(typeOf(when(col('b'), null).otherwise(null).node)).toBeNull();
    expect(() => typeOf(coalesce(col('s'), 1).node)).toThrow('coalesce: cannot mix string and int');
    expect(() => typeOf(when(col('i'), 1).otherwise(2).node)).toThrow('a when() condition must be boolean, got int');
  });

  it('types casts, date parts and daysBetween', () => {
    expect(typeOf(col('s').cast('date').node)).toBe('date');
    expect(typeOf(col('t').hour().node)).toBe('int');
    expect(typeOf(col('t').toDate().node)).toBe('date');
    expect(typeOf(daysBetween(col('t'), col('d')).node)).toBe('int');
    expect(typeOf(daysBetween(col('d'), '2024-01-01').node)).toBe('int');
    expect(() => typeOf(col('i').year().node)).toThrow('year() needs a date or timestamp, got int');
    expect(() => typeOf(daysBetween(col('i'), col('d')).node)).toThrow('daysBetween needs dates or timestamps, got int');
  });

  it('types isIn, isNull and isNotNull as bool', () => {
    expect(typeOf(col('s').isIn(['a']).node)).toBe('bool');
    expect(typeOf(col('l').isNull().node)).toBe('bool');
    expect(typeOf(col('l').isNotNull().node)).toBe('bool');
  });
});

describe('unifyTypes', () => {
  it('finds the common type or explains the conflict', () => {
    expect(unifyTypes(null, 'int', 'x')).toBe('int');
    expect(unifyTypes('int', null, 'x')).toBe('int');
    expect(unifyTypes('int', 'float64', 'x')).toBe('float64');
    expect(unifyTypes('timestamp', 'date', 'x')).toBe('timestamp');
    expect(() => unifyTypes('bool', 'string', 'here')).toThrow('here: cannot mix bool and string');
  });
});

describe('typeOfAgg', () => {
  it('types counts as int, sum by its input, mean as float64, min/max as their input', () => {
    expect(typeOfAgg(count().node, schema)).toBe('int');
    expect(typeOfAgg(col('s').count().node, schema)).toBe('int');
    expect(typeOfAgg(col('s').countDistinct().node, schema)).toBe('int');
    expect(typeOfAgg(countIf(col('b')).node, schema)).toBe('int');
    expect(typeOfAgg(col('i').sum().node, schema)).toBe('int');
    expect(typeOfAgg(col('f').sum().node, schema)).toBe('float64');
    expect(typeOfAgg(col('i').mean().node, schema)).toBe('float64');
    expect(typeOfAgg(col('d').min().node, schema)).toBe('date');
    expect(typeOfAgg(col('s').max().node, schema)).toBe('string');
    expect(typeOfAgg(col('s').collectList().node, schema)).toBe('list<string>');
  });

  it('rejects aggregates of the wrong type', () => {
    expect(() => typeOfAgg(col('s').sum().node, schema)).toThrow('sum needs numbers, got string');
    expect(() => typeOfAgg(col('d').mean().node, schema)).toThrow('mean needs numbers, got date');
    expect(() => typeOfAgg(col('b').min().node, schema)).toThrow('min does not take bool');
    expect(() => typeOfAgg(col('i').collectList().node, schema)).toThrow('collectList needs strings, got int');
  });
});

describe('referencedColumns', () => {
  it('finds every column an expression reads', () => {
    const e = when(col('a').gt(col('b')), coalesce(col('c'), 1))
      .otherwise(daysBetween(col('d'), col('e')))
      .isIn([1])
      .or(col('f').cast('bool').not())
      .and(col('g').toDate().isNotNull());
    expect([...referencedColumns(e.node)].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('finds nothing in a literal', () => {
    expect(referencedColumns(lit(1).node).size).toBe(0);
  });
});

describe('renderExpr', () => {
  it('renders every node kind', () => {
    const e = coalesce(col('s').cast('int'), lit(null), daysBetween(col('t'), col('d'))).isIn([1, 'a']);
    expect(renderExpr(e.node)).toBe("coalesce(cast(s as int), null, daysBetween(t, d)) in (1, 'a')");
    expect(renderExpr(col('s').isNotNull().node)).toBe('s is not null');
  });
});

describe('renderAgg', () => {
  it('renders count(*), sorted lists and plain aggregates', () => {
    expect(renderAgg(count().node)).toBe('count(*)');
    expect(renderAgg(col('s').collectList({ sorted: true }).node)).toBe('sortedList(s)');
    expect(renderAgg(col('s').collectList().node)).toBe('collectList(s)');
    expect(renderAgg(col('x').sum().node)).toBe('sum(x)');
    expect(renderAgg(countIf(col('b')).node)).toBe('countIf(b)');
  });
});
