/**
 * Naive, row-by-row reference implementations of the engine's semantics, written independently
 * of the kernels (row objects, nested loops, JS Date in UTC) for the property tests to compare
 * against. Slow and obvious on purpose.
 */
import { AggNode, ExprNode, typeOfExpr } from '../../src/engine/expr';
import { Row } from '../../src/engine/frame';
import { SortKey } from '../../src/engine/exec/order';
import { CellValue, MS_PER_DAY, Schema } from '../../src/engine/types';

/** Spark's total order of doubles: NaN is above every number and equal to itself; -0 equals 0. */
export function compareNumbers(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an && bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders two non-null values of one type (strings by UTF-16 code units). */
export function compareValues(a: CellValue, b: CellValue): number {
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = typeof a === 'string' ? a : JSON.stringify(a);
  const y = typeof b === 'string' ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Equality of grouping keys: null equals null, NaN equals NaN, -0 equals 0. */
export function sameKey(a: CellValue, b: CellValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') return compareValues(a, b) === 0;
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameKeys(a: readonly CellValue[], b: readonly CellValue[]): boolean {
  return a.every((v, i) => sameKey(v, b[i]!));
}

/** Ints have no negative zero. */
function normInt(v: number): number {
  return v === 0 ? 0 : v;
}

function utc(ms: number): Date {
  return new Date(ms);
}

function dayOf(v: number, type: string): number {
  if (type === 'date') return v;
  const d = utc(v);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime() / MS_PER_DAY;
}

function msOf(v: number, type: string): number {
  return type === 'date' ? v * MS_PER_DAY : v;
}

/** Evaluates an expression on one row with SQL semantics. */
export function refEval(node: ExprNode, row: Row, schema: Schema): CellValue {
  const ev = (n: ExprNode): CellValue => refEval(n, row, schema);
  const typeOf = (n: ExprNode): string | null => typeOfExpr(n, schema);
  switch (node.op) {
    case 'col':
      return row[node.name] ?? null;
    case 'lit':
      return node.value;
    case 'arith': {
      const a = ev(node.left);
      const b = ev(node.right);
      if (a === null || b === null) return null;
      const x = a as number;
      const y = b as number;
      if (node.fn === '/') return y === 0 ? null : x / y;
      const r = node.fn === '+' ? x + y : node.fn === '-' ? x - y : x * y;
      return typeOf(node) === 'int' ? normInt(r) : r;
    }
    case 'neg': {
      const a = ev(node.arg);
      if (a === null) return null;
      return typeOf(node) === 'int' ? normInt(-(a as number)) : -(a as number);
    }
    case 'cmp': {
      let a = ev(node.left);
      let b = ev(node.right);
      if (a === null || b === null) return null;
      const lt = typeOf(node.left);
      const rt = typeOf(node.right);
      if (lt !== rt && (lt === 'date' || lt === 'timestamp') && (rt === 'date' || rt === 'timestamp')) {
        a = msOf(a as number, lt);
        b = msOf(b as number, rt!);
      }
      const c = compareValues(a, b);
      switch (node.fn) {
        case '==':
          return c === 0;
        case '!=':
          return c !== 0;
        case '<':
          return c < 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        default:
          return c >= 0;
      }
    }
    case 'and': {
      const a = ev(node.left);
      const b = ev(node.right);
      if (a === false || b === false) return false;
      return a === null || b === null ? null : true;
    }
    case 'or': {
      const a = ev(node.left);
      const b = ev(node.right);
      if (a === true || b === true) return true;
      return a === null || b === null ? null : false;
    }
    case 'not': {
      const a = ev(node.arg);
      return a === null ? null : !a;
    }
    case 'isNull':
      return ev(node.arg) === null;
    case 'isNotNull':
      return ev(node.arg) !== null;
    case 'isIn': {
      const a = ev(node.arg);
      if (a === null) return null;
      return node.values.some((v) => typeof v === typeof a && sameKey(v, a));
    }
    case 'coalesce': {
      const t = typeOf(node);
      for (const a of node.args) {
        const v = ev(a);
        if (v !== null) return t === 'timestamp' && typeOf(a) === 'date' ? (v as number) * MS_PER_DAY : v;
      }
      return null;
    }
    case 'case': {
      for (const b of node.branches) if (ev(b.when) === true) return ev(b.then);
      return ev(node.otherwise);
    }
    case 'cast': {
      const v = ev(node.arg);
      if (v === null) return null;
      const from = typeOf(node.arg);
      if (from === node.to) return v;
      if (node.to === 'string' && (from === 'int' || from === 'float64')) return Object.is(v, -0) ? '-0' : String(v);
      if (node.to === 'float64' && (from === 'int' || from === 'bool')) return Number(v);
      if (node.to === 'int' && from === 'bool') return v ? 1 : 0;
      if (node.to === 'int' && from === 'float64') return normInt(Math.trunc(v as number));
      if (node.to === 'timestamp' && from === 'date') return (v as number) * MS_PER_DAY;
      if (node.to === 'date' && from === 'timestamp') return dayOf(v as number, 'timestamp');
      throw new Error(`reference: no cast from ${from} to ${node.to}`);
    }
    case 'datePart': {
      const v = ev(node.arg);
      if (v === null) return null;
      const t = typeOf(node.arg)!;
      const d = utc(msOf(v as number, t));
      switch (node.part) {
        case 'hour':
          return d.getUTCHours();
        case 'dayOfWeek':
          return d.getUTCDay() + 1;
        case 'month':
          return d.getUTCMonth() + 1;
        case 'quarter':
          return Math.ceil((d.getUTCMonth() + 1) / 3);
        case 'year':
          return d.getUTCFullYear();
        case 'date':
          return dayOf(v as number, t);
      }
      throw new Error('unreachable');
    }
    case 'daysBetween': {
      const e = ev(node.end);
      const s = ev(node.start);
      if (e === null || s === null) return null;
      return dayOf(e as number, typeOf(node.end)!) - dayOf(s as number, typeOf(node.start)!);
    }
  }
}

/** The rows where the predicate is true. */
export function refFilter(rows: readonly Row[], predicate: ExprNode, schema: Schema): Row[] {
  return rows.filter((r) => refEval(predicate, r, schema) === true);
}

/** Inner or left join by nested loops: left order, then right order; null keys never match. */
export function refJoin(left: readonly Row[], right: readonly Row[], leftOn: readonly string[], rightOn: readonly string[], how: 'inner' | 'left', rightColumns: readonly string[]): Row[] {
  const out: Row[] = [];
  const dropped = new Set(rightOn.filter((k, i) => leftOn[i] === k));
  const kept = rightColumns.filter((c) => !dropped.has(c));
  for (const l of left) {
    let matched = false;
    for (const r of right) {
      const hit = leftOn.every((k, i) => {
        const a = l[k] ?? null;
        const b = r[rightOn[i]!] ?? null;
        return a !== null && b !== null && sameKey(a, b);
      });
      if (!hit) continue;
      matched = true;
      const row: Row = { ...l };
      for (const c of kept) row[c] = r[c] ?? null;
      out.push(row);
    }
    if (!matched && how === 'left') {
      const row: Row = { ...l };
      for (const c of kept) row[c] = null;
      out.push(row);
    }
  }
  return out;
}

/** Groups of row indices by key values (null keys group together), in order of first appearance. */
export function refGroups(rows: readonly Row[], keys: readonly string[]): number[][] {
  const groups: { key: CellValue[]; rows: number[] }[] = [];
  rows.forEach((r, i) => {
    const key = keys.map((k) => r[k] ?? null);
    const g = groups.find((x) => sameKeys(x.key, key));
    if (g === undefined) groups.push({ key, rows: [i] });
    else g.rows.push(i);
  });
  if (keys.length === 0) return [rows.map((_, i) => i)];
  return groups.map((g) => g.rows);
}

function refAgg(agg: AggNode, rows: readonly Row[], members: readonly number[], schema: Schema): CellValue {
  if (agg.fn === 'countAll') return members.length;
  const vals = members.map((i) => refEval(agg.arg!, rows[i]!, schema));
  const present = vals.filter((v): v is Exclude<CellValue, null> => v !== null);
  switch (agg.fn) {
    case 'count':
      return present.length;
    case 'countIf':
      return vals.filter((v) => v === true).length;
    case 'countDistinct': {
      const distinct: CellValue[] = [];
      for (const v of present) if (!distinct.some((d) => sameKey(d, v))) distinct.push(v);
      return distinct.length;
    }
    case 'sum':
    case 'mean': {
      if (present.length === 0) return null;
      let s = 0;
      for (const v of present) s += v as number;
      return agg.fn === 'sum' ? s : s / present.length;
    }
    case 'min':
    case 'max': {
      let best: CellValue = null;
      for (const v of present) {
        if (best === null) best = v;
        else {
          const c = compareValues(v, best);
          if (agg.fn === 'min' ? c < 0 : c > 0) best = v;
        }
      }
      return best;
    }
    case 'collectList': {
      const list = present.map((v) => v as string);
      return agg.sorted ? list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : list;
    }
  }
}

/** groupBy(keys).agg(aggs): one row per group in order of first appearance; keys from each group's first row. */
export function refAggregate(rows: readonly Row[], keys: readonly string[], aggs: readonly { name: string; agg: AggNode }[], schema: Schema): Row[] {
  return refGroups(rows, keys).map((members) => {
    const out: Row = {};
    for (const k of keys) out[k] = rows[members[0]!]![k] ?? null;
    for (const a of aggs) out[a.name] = refAgg(a.agg, rows, members, schema);
    return out;
  });
}

/** Compares two rows by sort keys (nulls first ascending and last descending unless told). */
export function refCompareRows(a: Row, b: Row, keys: readonly SortKey[]): number {
  for (const k of keys) {
    const x = a[k.column] ?? null;
    const y = b[k.column] ?? null;
    const nullsFirst = (k.nulls ?? (k.descending ? 'last' : 'first')) === 'first';
    let c: number;
    if (x === null || y === null) c = x === y ? 0 : (x === null) === nullsFirst ? -1 : 1;
    else c = k.descending ? -compareValues(x, y) : compareValues(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

/** Stable sort of the rows. */
export function refSort(rows: readonly Row[], keys: readonly SortKey[]): Row[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((p, q) => refCompareRows(p.row, q.row, keys) || p.i - q.i)
    .map((p) => p.row);
}

/** row_number() over (partition by P order by O) = 1, ties to the earliest row, rows kept in input order. */
export function refDedupe(rows: readonly Row[], partitionBy: readonly string[], orderBy: readonly SortKey[]): Row[] {
  const keep: number[] = [];
  for (const members of refGroups(rows, partitionBy)) {
    if (members.length === 0) continue;
    const ranked = [...members].sort((p, q) => refCompareRows(rows[p]!, rows[q]!, orderBy) || p - q);
    keep.push(ranked[0]!);
  }
  return keep.sort((a, b) => a - b).map((i) => rows[i]!);
}
