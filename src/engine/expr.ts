/**
 * Expressions: a small typed AST with a fluent builder. The same AST is evaluated by the
 * in-memory kernels (`exec/eval`) and rendered to Spark SQL (`sql/`).
 */
import { C360Error } from '../errors';
import { CellValue, DataType, Schema } from './types';

/** Arithmetic operators. */
export type ArithOp = '+' | '-' | '*' | '/';
/** Comparison operators. */
export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
/** Parts of a date or timestamp. `dayOfWeek` is 1 = Sunday ... 7 = Saturday; `date` is the date of a timestamp. */
export type DatePart = 'hour' | 'dayOfWeek' | 'month' | 'quarter' | 'year' | 'date';
/** A scalar literal usable in `isIn` lists and comparisons. */
export type Scalar = string | number | boolean;

/** The expression tree. */
export type ExprNode =
  | { readonly op: 'col'; readonly name: string }
  | { readonly op: 'lit'; readonly value: CellValue; readonly type: DataType | null }
  | { readonly op: 'arith'; readonly fn: ArithOp; readonly left: ExprNode; readonly right: ExprNode }
  | { readonly op: 'cmp'; readonly fn: CmpOp; readonly left: ExprNode; readonly right: ExprNode }
  | { readonly op: 'and' | 'or'; readonly left: ExprNode; readonly right: ExprNode }
  | { readonly op: 'not' | 'isNull' | 'isNotNull' | 'neg'; readonly arg: ExprNode }
  | { readonly op: 'coalesce'; readonly args: readonly ExprNode[] }
  | { readonly op: 'case'; readonly branches: readonly { readonly when: ExprNode; readonly then: ExprNode }[]; readonly otherwise: ExprNode }
  | { readonly op: 'isIn'; readonly arg: ExprNode; readonly values: readonly Scalar[] }
  | { readonly op: 'cast'; readonly arg: ExprNode; readonly to: DataType }
  | { readonly op: 'datePart'; readonly part: DatePart; readonly arg: ExprNode }
  | { readonly op: 'daysBetween'; readonly end: ExprNode; readonly start: ExprNode };

/** Aggregate functions. */
export type AggFn = 'countAll' | 'count' | 'countDistinct' | 'countIf' | 'sum' | 'mean' | 'min' | 'max' | 'collectList';

/** An aggregate over a group. */
export interface AggNode {
  readonly fn: AggFn;
  /** The aggregated expression (absent for count(*)). */
  readonly arg: ExprNode | null;
  /** collectList only: sort the list (for stable output). */
  readonly sorted?: boolean;
}

/** Something that can stand where an expression is expected: an Expr or a literal. */
export type ExprLike = Expr | Scalar | null;

/** Converts an expression-like value to a node (literals become `lit`). */
export function toNode(e: ExprLike): ExprNode {
  if (e instanceof Expr) return e.node;
  return litNode(e);
}

function litNode(v: Scalar | null): ExprNode {
  if (v === null) return { op: 'lit', value: null, type: null };
  if (typeof v === 'string') return { op: 'lit', value: v, type: 'string' };
  if (typeof v === 'boolean') return { op: 'lit', value: v, type: 'bool' };
  return { op: 'lit', value: v, type: Number.isInteger(v) ? 'int' : 'float64' };
}

/** A column expression with a fluent API. Immutable; every method returns a new Expr. */
export class Expr {
  constructor(readonly node: ExprNode) {}

  /** this + other */
  add(o: ExprLike): Expr {
    return new Expr({ op: 'arith', fn: '+', left: this.node, right: toNode(o) });
  }
  /** this - other */
  sub(o: ExprLike): Expr {
    return new Expr({ op: 'arith', fn: '-', left: this.node, right: toNode(o) });
  }
  /** this * other */
  mul(o: ExprLike): Expr {
    return new Expr({ op: 'arith', fn: '*', left: this.node, right: toNode(o) });
  }
  /** this / other (always float64; null when other is 0). */
  div(o: ExprLike): Expr {
    return new Expr({ op: 'arith', fn: '/', left: this.node, right: toNode(o) });
  }
  /** -this */
  neg(): Expr {
    return new Expr({ op: 'neg', arg: this.node });
  }
  /** this = other (null when either side is null). */
  eq(o: ExprLike): Expr {
    return this.cmp('==', o);
  }
  /** this <> other */
  ne(o: ExprLike): Expr {
    return this.cmp('!=', o);
  }
  /** this < other */
  lt(o: ExprLike): Expr {
    return this.cmp('<', o);
  }
  /** this <= other */
  le(o: ExprLike): Expr {
    return this.cmp('<=', o);
  }
  /** this > other */
  gt(o: ExprLike): Expr {
    return this.cmp('>', o);
  }
  /** this >= other */
  ge(o: ExprLike): Expr {
    return this.cmp('>=', o);
  }
  private cmp(fn: CmpOp, o: ExprLike): Expr {
    return new Expr({ op: 'cmp', fn, left: this.node, right: toNode(o) });
  }
  /** Three-valued AND. */
  and(o: ExprLike): Expr {
    return new Expr({ op: 'and', left: this.node, right: toNode(o) });
  }
  /** Three-valued OR. */
  or(o: ExprLike): Expr {
    return new Expr({ op: 'or', left: this.node, right: toNode(o) });
  }
  /** NOT this (null stays null). */
  not(): Expr {
    return new Expr({ op: 'not', arg: this.node });
  }
  /** True where the value is null. */
  isNull(): Expr {
    return new Expr({ op: 'isNull', arg: this.node });
  }
  /** True where the value is present. */
  isNotNull(): Expr {
    return new Expr({ op: 'isNotNull', arg: this.node });
  }
  /** True where the value equals one of the literals (null when the value is null). */
  isIn(values: readonly Scalar[]): Expr {
    return new Expr({ op: 'isIn', arg: this.node, values: [...values] });
  }
  /** Converts to another type; text that does not parse becomes null. */
  cast(to: DataType): Expr {
    return new Expr({ op: 'cast', arg: this.node, to });
  }
  /** Hour of a timestamp (0-23). */
  hour(): Expr {
    return this.part('hour');
  }
  /** Day of week, 1 = Sunday ... 7 = Saturday. */
  dayOfWeek(): Expr {
    return this.part('dayOfWeek');
  }
  /** Month (1-12). */
  month(): Expr {
    return this.part('month');
  }
  /** Quarter (1-4). */
  quarter(): Expr {
    return this.part('quarter');
  }
  /** Year. */
  year(): Expr {
    return this.part('year');
  }
  /** The date of a timestamp. */
  toDate(): Expr {
    return this.part('date');
  }
  private part(part: DatePart): Expr {
    return new Expr({ op: 'datePart', part, arg: this.node });
  }
  /** Sum of the values of a group (nulls skipped; null when all are null). */
  sum(): Agg {
    return new Agg({ fn: 'sum', arg: this.node });
  }
  /** Mean of the non-null values of a group. */
  mean(): Agg {
    return new Agg({ fn: 'mean', arg: this.node });
  }
  /** Smallest non-null value of a group. */
  min(): Agg {
    return new Agg({ fn: 'min', arg: this.node });
  }
  /** Largest non-null value of a group. */
  max(): Agg {
    return new Agg({ fn: 'max', arg: this.node });
  }
  /** Number of non-null values of a group. */
  count(): Agg {
    return new Agg({ fn: 'count', arg: this.node });
  }
  /** Number of distinct non-null values of a group. */
  countDistinct(): Agg {
    return new Agg({ fn: 'countDistinct', arg: this.node });
  }
  /** The non-null string values of a group as a list (duplicates kept); `sorted` sorts it. */
  collectList(options: { sorted?: boolean } = {}): Agg {
    return new Agg({ fn: 'collectList', arg: this.node, sorted: options.sorted ?? false });
  }
}

/** An aggregate expression, used in `groupBy(...).agg({...})`. */
export class Agg {
  constructor(readonly node: AggNode) {}
}

/** A column reference. @example col('total_amount').gt(0) */
export function col(name: string): Expr {
  return new Expr({ op: 'col', name });
}

/** A literal; `lit(null, 'int')` is a typed null. */
export function lit(value: Scalar | null, type?: DataType): Expr {
  const n = litNode(value);
  return type === undefined ? new Expr(n) : new Expr({ op: 'lit', value, type });
}

/** The first non-null argument. */
export function coalesce(...args: ExprLike[]): Expr {
  if (args.length === 0) throw new C360Error('coalesce needs at least one argument');
  return new Expr({ op: 'coalesce', args: args.map(toNode) });
}

/** Whole days from `start` to `end` (time of day dropped; negative when start is after end). */
export function daysBetween(end: ExprLike, start: ExprLike): Expr {
  return new Expr({ op: 'daysBetween', end: toNode(end), start: toNode(start) });
}

/** count(*): rows of a group. */
export function count(): Agg {
  return new Agg({ fn: 'countAll', arg: null });
}

/** Rows of a group where the predicate is true. */
export function countIf(predicate: Expr): Agg {
  return new Agg({ fn: 'countIf', arg: predicate.node });
}

/** A CASE expression under construction; finish it with `otherwise`. */
export class CaseBuilder {
  constructor(private readonly branches: readonly { when: ExprNode; then: ExprNode }[]) {}
  /** Adds a branch, tried after the earlier ones. */
  when(cond: Expr, then: ExprLike): CaseBuilder {
    return new CaseBuilder([...this.branches, { when: cond.node, then: toNode(then) }]);
  }
  /** The value when no branch matches (null by default). */
  otherwise(value: ExprLike = null): Expr {
    return new Expr({ op: 'case', branches: this.branches, otherwise: toNode(value) });
  }
}

/**
 * Starts a CASE expression: the first branch whose condition is true gives the value.
 * @example when(col('age').lt(25), 'Gen Z').when(col('age').lt(40), 'Millennial').otherwise('Boomer+')
 */
export function when(cond: Expr, then: ExprLike): CaseBuilder {
  return new CaseBuilder([{ when: cond.node, then: toNode(then) }]);
}

/** Names of the columns an expression reads. */
export function referencedColumns(node: ExprNode, out: Set<string> = new Set()): Set<string> {
  switch (node.op) {
    case 'col':
      out.add(node.name);
      break;
    case 'lit':
      break;
    case 'arith':
    case 'cmp':
    case 'and':
    case 'or':
      referencedColumns(node.left, out);
      referencedColumns(node.right, out);
      break;
    case 'not':
    case 'isNull':
    case 'isNotNull':
    case 'neg':
    case 'isIn':
    case 'cast':
    case 'datePart':
      referencedColumns(node.arg, out);
      break;
    case 'coalesce':
      node.args.forEach((a) => referencedColumns(a, out));
      break;
    case 'case':
      node.branches.forEach((b) => {
        referencedColumns(b.when, out);
        referencedColumns(b.then, out);
      });
      referencedColumns(node.otherwise, out);
      break;
    case 'daysBetween':
      referencedColumns(node.end, out);
      referencedColumns(node.start, out);
      break;
  }
  return out;
}

const isNum = (t: DataType | null): boolean => t === 'int' || t === 'float64';

/** The common type of two branch types (int + float64 → float64; null adopts the other). */
export function unifyTypes(a: DataType | null, b: DataType | null, what: string): DataType | null {
  if (a === null) return b;
  if (b === null || a === b) return a;
  if (isNum(a) && isNum(b)) return 'float64';
  if ((a === 'date' && b === 'timestamp') || (a === 'timestamp' && b === 'date')) return 'timestamp';
  throw new C360Error(`${what}: cannot mix ${a} and ${b}`);
}

/** The result type of an expression over a schema (null for an untyped null literal). */
export function typeOfExpr(node: ExprNode, schema: Schema): DataType | null {
  switch (node.op) {
    case 'col': {
      const f = schema.find((x) => x.name === node.name);
      if (f === undefined) throw new C360Error(`unknown column "${node.name}" (columns: ${schema.map((x) => x.name).join(', ')})`);
      return f.type;
    }
    case 'lit':
      return node.type;
    case 'arith': {
      const l = typeOfExpr(node.left, schema);
      const r = typeOfExpr(node.right, schema);
      for (const t of [l, r]) if (t !== null && !isNum(t)) throw new C360Error(`arithmetic "${node.fn}" needs numbers, got ${t} in ${renderExpr(node)}`);
      if (node.fn === '/') return 'float64';
      return l === 'float64' || r === 'float64' ? 'float64' : 'int';
    }
    case 'neg': {
      const t = typeOfExpr(node.arg, schema);
      if (t !== null && !isNum(t)) throw new C360Error(`negation needs a number, got ${t}`);
      return t ?? 'int';
    }
    case 'cmp': {
      const l = typeOfExpr(node.left, schema);
      const r = typeOfExpr(node.right, schema);
      comparable(l, r, node);
      return 'bool';
    }
    case 'and':
    case 'or':
    case 'not': {
      const args = 'arg' in node ? [node.arg] : [node.left, node.right];
      for (const a of args) {
        const t = typeOfExpr(a, schema);
        if (t !== null && t !== 'bool') throw new C360Error(`"${node.op}" needs booleans, got ${t} in ${renderExpr(node)}`);
      }
      return 'bool';
    }
    case 'isNull':
    case 'isNotNull':
      typeOfExpr(node.arg, schema);
      return 'bool';
    case 'isIn':
      typeOfExpr(node.arg, schema);
      return 'bool';
    case 'coalesce':
      return node.args.reduce<DataType | null>((t, a) => unifyTypes(t, typeOfExpr(a, schema), 'coalesce'), null);
    case 'case': {
      let t: DataType | null = null;
      for (const b of node.branches) {
        const c = typeOfExpr(b.when, schema);
        if (c !== null && c !== 'bool') throw new C360Error(`a when() condition must be boolean, got ${c}`);
        t = unifyTypes(t, typeOfExpr(b.then, schema), 'when/otherwise');
      }
      return unifyTypes(t, typeOfExpr(node.otherwise, schema), 'when/otherwise');
    }
    case 'cast':
      typeOfExpr(node.arg, schema);
      return node.to;
    case 'datePart': {
      const t = typeOfExpr(node.arg, schema);
      if (t !== null && t !== 'date' && t !== 'timestamp') throw new C360Error(`${node.part}() needs a date or timestamp, got ${t}`);
      return node.part === 'date' ? 'date' : 'int';
    }
    case 'daysBetween': {
      for (const a of [node.end, node.start]) {
        const t = typeOfExpr(a, schema);
        if (t !== null && t !== 'date' && t !== 'timestamp' && t !== 'string') throw new C360Error(`daysBetween needs dates or timestamps, got ${t}`);
      }
      return 'int';
    }
  }
}

function comparable(l: DataType | null, r: DataType | null, node: ExprNode): void {
  if (l === null || r === null || l === r) return;
  if (isNum(l) && isNum(r)) return;
  const temporal = (t: DataType): boolean => t === 'date' || t === 'timestamp';
  if (temporal(l) && temporal(r)) return;
  if ((temporal(l) && r === 'string') || (l === 'string' && temporal(r))) return;
  throw new C360Error(`cannot compare ${l} with ${r} in ${renderExpr(node)}`);
}

/** The result type of an aggregate over a schema. */
export function typeOfAgg(agg: AggNode, schema: Schema): DataType {
  const t = agg.arg === null ? null : typeOfExpr(agg.arg, schema);
  switch (agg.fn) {
    case 'countAll':
    case 'count':
    case 'countDistinct':
    case 'countIf':
      return 'int';
    case 'mean':
      if (t !== null && !isNum(t)) throw new C360Error(`mean needs numbers, got ${t}`);
      return 'float64';
    case 'sum':
      if (t !== null && !isNum(t)) throw new C360Error(`sum needs numbers, got ${t}`);
      return t === 'int' ? 'int' : 'float64';
    case 'min':
    case 'max':
      if (t === 'list<string>' || t === 'bool') throw new C360Error(`${agg.fn} does not take ${t}`);
      return t ?? 'int';
    case 'collectList':
      if (t !== null && t !== 'string') throw new C360Error(`collectList needs strings, got ${t}`);
      return 'list<string>';
  }
}

/** A readable text form of an expression, used by explain() and error messages. */
export function renderExpr(node: ExprNode): string {
  switch (node.op) {
    case 'col':
      return node.name;
    case 'lit':
      return node.value === null ? 'null' : typeof node.value === 'string' ? `'${node.value}'` : String(node.value);
    case 'arith':
    case 'cmp':
      return `(${renderExpr(node.left)} ${node.fn} ${renderExpr(node.right)})`;
    case 'and':
    case 'or':
      return `(${renderExpr(node.left)} ${node.op} ${renderExpr(node.right)})`;
    case 'not':
      return `not ${renderExpr(node.arg)}`;
    case 'neg':
      return `-${renderExpr(node.arg)}`;
    case 'isNull':
      return `${renderExpr(node.arg)} is null`;
    case 'isNotNull':
      return `${renderExpr(node.arg)} is not null`;
    case 'isIn':
      return `${renderExpr(node.arg)} in (${node.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ')})`;
    case 'coalesce':
      return `coalesce(${node.args.map(renderExpr).join(', ')})`;
    case 'case':
      return `case ${node.branches.map((b) => `when ${renderExpr(b.when)} then ${renderExpr(b.then)}`).join(' ')} else ${renderExpr(node.otherwise)} end`;
    case 'cast':
      return `cast(${renderExpr(node.arg)} as ${node.to})`;
    case 'datePart':
      return `${node.part}(${renderExpr(node.arg)})`;
    case 'daysBetween':
      return `daysBetween(${renderExpr(node.end)}, ${renderExpr(node.start)})`;
  }
}

/** A readable text form of an aggregate. */
export function renderAgg(agg: AggNode): string {
  if (agg.fn === 'countAll') return 'count(*)';
  const arg = agg.arg === null ? '' : renderExpr(agg.arg);
  return agg.fn === 'collectList' && agg.sorted ? `sortedList(${arg})` : `${agg.fn}(${arg})`;
}
