/**
 * Renders expressions and aggregates to Spark SQL with the in-memory engine's semantics
 * (`exec/eval`, `exec/aggregate`): three-valued logic, division always in doubles with null for
 * a zero divisor, whole-day differences, day of week 1 = Sunday, strict text parsing in casts.
 *
 * The SQL assumes the session settings of `SPARK_SESSION_CONF` (naive timestamps in UTC,
 * ANSI mode off).
 */
import { C360Error } from '../../errors';
import { castScalar } from '../exec/eval';
import { AggNode, ExprNode, renderExpr, typeOfExpr } from '../expr';
import { DataType, Schema } from '../types';
import { doubleLiteral, integerLiteral, isPlaceholder, sparkType, sqlIdent, sqlLiteral, sqlString } from './literals';
import { formatValueSql, parseTextSql } from './text';

/** How a column name is written in the SQL (default: a quoted identifier). */
export type ColumnRef = (name: string) => string;

const temporal = (t: DataType | null): boolean => t === 'date' || t === 'timestamp';
const numeric = (t: DataType | null): boolean => t === 'int' || t === 'float64';

/**
 * Renders an expression over an input of the given schema.
 * @example exprToSql(col('a').div(col('b')).node, schema) // try_divide(CAST(`a` AS DOUBLE), CAST(`b` AS DOUBLE))
 */
export function exprToSql(node: ExprNode, schema: Schema, ref: ColumnRef = sqlIdent): string {
  return new ExprRenderer(schema, ref).render(node);
}

/** Renders an aggregate over an input of the given schema. */
export function aggToSql(agg: AggNode, schema: Schema, ref: ColumnRef = sqlIdent): string {
  const r = new ExprRenderer(schema, ref);
  if (agg.fn === 'countAll') return 'count(1)';
  if (agg.arg === null) throw new C360Error(`${agg.fn} needs an argument`);
  const x = r.render(agg.arg);
  switch (agg.fn) {
    case 'count':
      return `count(${x})`;
    case 'countDistinct':
      return `count(DISTINCT ${x})`;
    case 'countIf':
      return `count(CASE WHEN ${x} THEN 1 END)`;
    case 'sum':
      return `sum(${x})`;
    case 'mean':
      return `avg(${x})`;
    case 'min':
      return `min(${x})`;
    case 'max':
      return `max(${x})`;
    case 'collectList':
      return agg.sorted ? `array_sort(collect_list(${x}))` : `collect_list(${x})`;
  }
}

/**
 * SQL converting `x` (of engine type `from`) to `to`, with `cast()`'s semantics in the engine
 * (`castScalar`): text is parsed strictly, dates and timestamps convert to and from day numbers
 * and milliseconds, anything that does not convert is null.
 */
export function castSql(x: string, from: DataType | null, to: DataType): string {
  if (from === to) return x;
  if (from === null) return `CAST(${x} AS ${sparkType(to)})`;
  if (to === 'string') return formatValueSql(x, from);
  if (from === 'string') return parseTextSql(x, to, 'cast');
  if (from === 'list<string>' || to === 'list<string>') return `CAST(NULL AS ${sparkType(to)})`;
  switch (to) {
    case 'float64':
      if (from === 'date') return `CAST(unix_date(${x}) AS DOUBLE)`;
      if (from === 'timestamp') return `CAST(unix_millis(CAST(${x} AS TIMESTAMP)) AS DOUBLE)`;
      if (from === 'bool') return `CASE WHEN ${x} THEN 1D WHEN NOT ${x} THEN 0D END`;
      return `CAST(${x} AS DOUBLE)`;
    case 'int':
      if (from === 'date') return `CAST(unix_date(${x}) AS BIGINT)`;
      if (from === 'timestamp') return `floor(unix_millis(CAST(${x} AS TIMESTAMP)) / 1000D)`;
      if (from === 'bool') return `CASE WHEN ${x} THEN 1L WHEN NOT ${x} THEN 0L END`;
      return `CAST(${x} AS BIGINT)`;
    case 'bool':
      if (from === 'date') return `(unix_date(${x}) <> 0)`;
      if (from === 'timestamp') return `(unix_millis(CAST(${x} AS TIMESTAMP)) <> 0)`;
      return `(${x} <> 0)`;
    case 'date':
      if (from === 'timestamp') return `CAST(${x} AS DATE)`;
      return 'CAST(NULL AS DATE)';
    case 'timestamp':
      if (from === 'date') return `CAST(${x} AS TIMESTAMP_NTZ)`;
      if (from === 'int' || from === 'float64') return `CAST(timestamp_millis(CAST(round(${x} * 1000D) AS BIGINT)) AS TIMESTAMP_NTZ)`;
      return 'CAST(NULL AS TIMESTAMP_NTZ)';
  }
}

class ExprRenderer {
  constructor(
    private readonly schema: Schema,
    private readonly ref: ColumnRef,
  ) {}

  private type(node: ExprNode): DataType | null {
    return typeOfExpr(node, this.schema);
  }

  render(node: ExprNode): string {
    switch (node.op) {
      case 'col':
        this.type(node); // unknown columns fail here, with the engine's message
        return this.ref(node.name);
      case 'lit':
        return sqlLiteral(node.value, node.type);
      case 'arith':
        return this.arith(node.fn, node.left, node.right);
      case 'neg': {
        // The engine computes 0 - x for a column (so 0 stays 0) and -x for a literal.
        if (node.arg.op === 'lit') return node.arg.value === null ? this.render(node.arg) : this.literalOperand({ ...node.arg, value: -(node.arg.value as number) });
        return `(0 - ${this.render(node.arg)})`;
      }
      case 'cmp':
        return this.compare(node.fn, node.left, node.right);
      case 'and':
        return `(${this.render(node.left)} AND ${this.render(node.right)})`;
      case 'or':
        return `(${this.render(node.left)} OR ${this.render(node.right)})`;
      case 'not':
        return `(NOT ${this.render(node.arg)})`;
      case 'isNull':
        return `(${this.render(node.arg)} IS NULL)`;
      case 'isNotNull':
        return `(${this.render(node.arg)} IS NOT NULL)`;
      case 'isIn':
        return this.isIn(node.arg, node.values);
      case 'coalesce':
        return `coalesce(${node.args.map((a) => this.render(a)).join(', ')})`;
      case 'case': {
        const branches = node.branches.map((b) => `WHEN ${this.render(b.when)} THEN ${this.render(b.then)}`).join(' ');
        return `CASE ${branches} ELSE ${this.render(node.otherwise)} END`;
      }
      case 'cast':
        return this.cast(node.arg, node.to);
      case 'datePart':
        return this.datePart(node.part, node.arg);
      case 'daysBetween':
        return `datediff(${this.asDate(node.end, 'daysBetween')}, ${this.asDate(node.start, 'daysBetween')})`;
    }
  }

  /** A numeric literal inside arithmetic: 64-bit, so integer arithmetic never overflows 32 bits. */
  private literalOperand(node: ExprNode & { op: 'lit' }): string {
    if (node.value === null) return node.type === null ? 'NULL' : sqlLiteral(null, node.type);
    if (node.type === 'int') return integerLiteral(Number(node.value), true);
    if (node.type === 'float64') return doubleLiteral(Number(node.value));
    return sqlLiteral(node.value, node.type);
  }

  private operand(node: ExprNode): string {
    return node.op === 'lit' ? this.literalOperand(node) : this.render(node);
  }

  private arith(fn: '+' | '-' | '*' | '/', left: ExprNode, right: ExprNode): string {
    this.type({ op: 'arith', fn, left, right }); // type errors as in the engine
    if (fn !== '/') return `(${this.operand(left)} ${fn} ${this.operand(right)})`;
    return `try_divide(${this.asDouble(left)}, ${this.asDouble(right)})`;
  }

  private asDouble(node: ExprNode): string {
    if (node.op === 'lit') return node.value === null ? 'CAST(NULL AS DOUBLE)' : doubleLiteral(Number(node.value));
    const t = this.type(node);
    const x = this.render(node);
    return t === 'float64' ? x : `CAST(${x} AS DOUBLE)`;
  }

  private compare(fn: string, left: ExprNode, right: ExprNode): string {
    this.type({ op: 'cmp', fn: fn as '==', left, right });
    const lt = this.type(left);
    const rt = this.type(right);
    let l = this.render(left);
    let r = this.render(right);
    // The engine brings both sides to one type: text to the temporal type, date to timestamp.
    if (temporal(lt) && rt === 'string') r = this.castNode(right, lt!);
    else if (lt === 'string' && temporal(rt)) l = this.castNode(left, rt!);
    else if (lt === 'date' && rt === 'timestamp') l = `CAST(${l} AS TIMESTAMP_NTZ)`;
    else if (lt === 'timestamp' && rt === 'date') r = `CAST(${r} AS TIMESTAMP_NTZ)`;
    const op = fn === '==' ? '=' : fn === '!=' ? '<>' : fn;
    return `(${l} ${op} ${r})`;
  }

  private isIn(arg: ExprNode, values: readonly (string | number | boolean)[]): string {
    const t = this.type(arg);
    const x = this.render(arg);
    let items: string[];
    // The engine compares only values of the argument's kind (strings with strings, ...).
    if (t === 'string') items = values.filter((v): v is string => typeof v === 'string').map((v) => sqlString(v));
    else if (t === 'bool') items = values.filter((v): v is boolean => typeof v === 'boolean').map((v) => (v ? 'TRUE' : 'FALSE'));
    else if (t === 'int' || t === 'float64' || t === 'date' || t === 'timestamp') {
      const nums = values.filter((v): v is number => typeof v === 'number');
      items = nums.map((v) => (t === 'date' || t === 'timestamp' ? sqlLiteral(v, t) : Number.isInteger(v) ? integerLiteral(v) : doubleLiteral(v)));
    } else if (t === null) return 'CAST(NULL AS BOOLEAN)';
    else throw new C360Error('isIn does not take lists');
    if (items.length === 0) return `CASE WHEN ${x} IS NULL THEN NULL ELSE FALSE END`;
    return `(${x} IN (${items.join(', ')}))`;
  }

  private cast(arg: ExprNode, to: DataType): string {
    const from = this.type(arg);
    if (arg.op === 'lit') {
      if (arg.value === null || from === null) return sqlLiteral(null, to);
      // A run parameter (`${c360.as_of}`) is known only when the SQL runs: a plain cast.
      if (isPlaceholder(arg.value)) return `CAST(${sqlString(arg.value)} AS ${sparkType(to)})`;
      return sqlLiteral(castScalar(arg.value, from, to), to);
    }
    return castSql(this.render(arg), from, to);
  }

  private castNode(node: ExprNode, to: DataType): string {
    return this.cast(node, to);
  }

  /** The expression as a date (timestamps lose the time of day; text is parsed strictly). */
  private asDate(node: ExprNode, what: string): string {
    const t = this.type(node);
    if (node.op === 'lit' && t === 'string' && !isPlaceholder(node.value)) {
      const v = castScalar(node.value, 'string', 'date');
      if (v === null) throw new C360Error(`${what}: "${String(node.value)}" is not a date`);
      return sqlLiteral(v, 'date');
    }
    if (t === 'date' || t === null) return this.render(node);
    return this.cast(node, 'date');
  }

  private datePart(part: string, arg: ExprNode): string {
    const t = this.type(arg);
    if (t !== null && !temporal(t) && t !== 'string') throw new C360Error(`${part}() needs a date or timestamp, got ${t}: ${renderExpr(arg)}`);
    const x = t === 'string' ? this.cast(arg, 'timestamp') : this.render(arg);
    switch (part) {
      case 'hour':
        return t === 'date' ? `CASE WHEN ${x} IS NOT NULL THEN 0 END` : `hour(${x})`;
      case 'dayOfWeek':
        return `dayofweek(${x})`;
      case 'month':
        return `month(${x})`;
      case 'quarter':
        return `quarter(${x})`;
      case 'year':
        return `year(${x})`;
      default:
        return t === 'date' ? x : `CAST(${x} AS DATE)`;
    }
  }
}
