/**
 * Renders a logical plan to one Spark SQL query (a `WITH` clause of one named subquery per plan
 * node, shared sub-plans once) with the in-memory engine's semantics:
 *
 * - joins are USING-style (equal-named right keys are not repeated); null keys never match;
 * - dedupe is `row_number() OVER (PARTITION BY ... ORDER BY ..., <row order>) = 1`, so ties keep
 *   the earliest row, as in memory;
 * - the row order the engine keeps (file order of a scan, left-then-right order of a join, first
 *   appearance of a group, ...) is carried as a column `__c360_order` only through the parts of
 *   the plan whose result depends on it (dedupe, sort, limit, or an output that asks for it);
 * - aggregates with no keys give one row even over no input;
 * - every computed column gets the engine's type (`int` is BIGINT, untyped nulls are STRING).
 */
import { C360Error } from '../../errors';
import { AggNode, ExprNode, renderAgg, renderExpr, typeOfAgg, typeOfExpr } from '../expr';
import { SortKey } from '../exec/order';
import { PlanNode, ScanSource, optimize, postOrder } from '../plan';
import { DataType, Schema } from '../types';
import { aggToSql, exprToSql } from './expr-sql';
import { sparkType, sqlComment, sqlIdent } from './literals';

/** The column that carries the engine's row order where a result depends on it. */
export const ORDER_COLUMN = '__c360_order';

/** How `toSparkSql` names inputs and what it adds to the output. */
export interface SparkSqlOptions {
  /** The SQL relation a scan reads (default: the source name as a quoted identifier). */
  readonly relation?: (source: ScanSource) => string;
  /**
   * The column of a scanned relation that gives its row order (e.g. the line order of a file),
   * or undefined when it has none. A plan that needs the order of a scan without one is an error.
   */
  readonly orderColumn?: (source: ScanSource) => string | undefined;
  /**
   * Column sets on which a scanned relation is known to be unique (e.g. a model's declared key),
   * so a join on them keeps the left row order alone.
   */
  readonly uniqueKeys?: (source: ScanSource) => readonly (readonly string[])[] | undefined;
  /** Add the row order as a last column `__c360_order` (so a later query can break ties as the engine does). */
  readonly exposeOrder?: boolean;
  /** End with `ORDER BY` the engine's row order, so the rows come in the engine's order. */
  readonly sortRows?: boolean;
  /** Apply the engine's optimizer (projection pushdown) first; default true. */
  readonly optimize?: boolean;
  /** Indent of the query's lines (default none). */
  readonly indent?: string;
}

/**
 * Renders a plan to a Spark SQL query with the engine's semantics.
 * @example toSparkSql(lf.plan, { relation: (s) => sqlIdent(`input_${s.name}`) })
 */
export function toSparkSql(plan: PlanNode, options: SparkSqlOptions = {}): string {
  const root = options.optimize === false ? plan : optimize(plan);
  return new PlanRenderer(root, options).render();
}

/**
 * The scans whose row order the plan's result depends on (through a dedupe, sort or limit, or
 * all of them that reach the output when `exposeOrder`/`sortRows` is set).
 */
export function scansNeedingOrder(plan: PlanNode, options: Pick<SparkSqlOptions, 'exposeOrder' | 'sortRows' | 'optimize' | 'uniqueKeys'> = {}): ScanSource[] {
  const root = options.optimize === false ? plan : optimize(plan);
  const need = orderNeeds(root, options.exposeOrder === true || options.sortRows === true, options.uniqueKeys);
  const out: ScanSource[] = [];
  for (const n of postOrder(root)) if (n.kind === 'scan' && need.has(n) && !out.includes(n.source)) out.push(n.source);
  return out;
}

/** The nodes whose output must carry the row order. */
function orderNeeds(root: PlanNode, atRoot: boolean, uniqueKeys?: SparkSqlOptions['uniqueKeys']): Set<PlanNode> {
  const need = new Set<PlanNode>();
  if (atRoot) need.add(root);
  const order = postOrder(root);
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    const needed = need.has(n);
    switch (n.kind) {
      case 'scan':
        break;
      case 'dedupe':
      case 'limit':
        need.add(n.input); // ties and "the first n" follow the input's order
        break;
      case 'sort':
        if (needed) need.add(n.input); // a stable sort: ties keep the input's order
        break;
      case 'join':
        if (needed) {
          need.add(n.left);
          if (!uniqueOn(n.right, n.rightOn, uniqueKeys)) need.add(n.right);
        }
        break;
      case 'union':
        if (needed) n.inputs.forEach((c) => need.add(c));
        break;
      default:
        if (needed) need.add(n.input);
    }
  }
  return need;
}

/**
 * True when the rows of `n` are unique on `keys` (at most one row per key value), so a join on
 * them matches each left row at most once: grouped or deduplicated by a subset of the keys, or
 * such a result filtered or projected with the key columns passed through.
 */
export function uniqueOn(n: PlanNode, keys: readonly string[], uniqueKeys?: SparkSqlOptions['uniqueKeys']): boolean {
  const ks = new Set(keys);
  const inner = (m: PlanNode, k: readonly string[]): boolean => uniqueOn(m, k, uniqueKeys);
  switch (n.kind) {
    case 'scan':
      return (uniqueKeys?.(n.source) ?? []).some((set) => set.length > 0 && set.every((k) => ks.has(k)));
    case 'aggregate':
      return n.keys.every((k) => ks.has(k));
    case 'dedupe':
      return n.partitionBy.every((k) => ks.has(k)) || inner(n.input, keys);
    case 'filter':
    case 'sort':
    case 'limit':
      return inner(n.input, keys);
    case 'select':
    case 'withColumns': {
      const computed = new Map(n.exprs.map((e) => [e.name, e.expr]));
      const inputKeys: string[] = [];
      for (const k of keys) {
        const e = computed.get(k);
        if (e === undefined) {
          if (n.kind === 'select') return false;
          inputKeys.push(k);
        } else if (e.op === 'col') inputKeys.push(e.name);
        else return false;
      }
      return inner(n.input, inputKeys);
    }
    default:
      return false;
  }
}

/** One ORDER BY key with explicit null placement (the engine's defaults are Spark's). */
function sortKeySql(k: SortKey, ref: (c: string) => string): string {
  const desc = k.descending === true;
  const nulls = k.nulls ?? (desc ? 'last' : 'first');
  return `${ref(k.column)} ${desc ? 'DESC' : 'ASC'} NULLS ${nulls.toUpperCase()}`;
}

class PlanRenderer {
  private readonly names = new Map<PlanNode, string>();
  private readonly ctes: string[] = [];
  private readonly need: Set<PlanNode>;
  private readonly pad: string;

  constructor(
    private readonly root: PlanNode,
    private readonly options: SparkSqlOptions,
  ) {
    this.need = orderNeeds(root, options.exposeOrder === true || options.sortRows === true, options.uniqueKeys);
    this.pad = options.indent ?? '';
  }

  render(): string {
    for (const n of postOrder(this.root)) this.add(n);
    const rootName = this.names.get(this.root)!;
    const cols = this.root.schema.map((f) => sqlIdent(f.name));
    if (this.options.exposeOrder === true) cols.push(sqlIdent(ORDER_COLUMN));
    const lines: string[] = [];
    if (this.ctes.length > 0) lines.push(`WITH ${this.ctes.join(',\n')}`);
    lines.push(`SELECT ${cols.join(', ')}`, `FROM ${rootName}`);
    if (this.options.sortRows === true) lines.push(`ORDER BY ${sqlIdent(ORDER_COLUMN)}`);
    return lines.map((l) => l.replace(/^/gm, this.pad)).join('\n');
  }

  private add(n: PlanNode): void {
    const name = `${n.kind === 'withColumns' ? 'with_columns' : n.kind}_${this.names.size + 1}`;
    const body = this.body(n);
    this.names.set(n, name);
    const comment = `-- ${sqlComment(describe(n))}`;
    this.ctes.push(`${comment}\n${name} AS (\n${indent(body, '  ')}\n)`);
  }

  private input(n: PlanNode): string {
    const name = this.names.get(n);
    if (name === undefined) throw new C360Error('internal: a plan node was rendered before its input');
    return name;
  }

  private keepsOrder(n: PlanNode): boolean {
    return this.need.has(n);
  }

  /** The columns of an input passed through unchanged (with the order column when this node keeps it). */
  private passThrough(n: PlanNode, schema: Schema = n.schema): string[] {
    const cols = schema.map((f) => sqlIdent(f.name));
    if (this.keepsOrder(n)) cols.push(sqlIdent(ORDER_COLUMN));
    return cols;
  }

  private body(n: PlanNode): string {
    const o = sqlIdent(ORDER_COLUMN);
    switch (n.kind) {
      case 'scan': {
        const relation = this.options.relation?.(n.source) ?? sqlIdent(n.source.name);
        const cols = n.columns.map((c) => sqlIdent(c));
        if (this.keepsOrder(n)) {
          const orderCol = this.options.orderColumn?.(n.source);
          if (orderCol === undefined) {
            throw new C360Error(`the plan depends on the row order of ${n.source.name} (a dedupe, sort or limit), but that input has no order column on Spark`);
          }
          cols.push(`${sqlIdent(orderCol)} AS ${o}`);
        }
        return `SELECT ${cols.join(', ')}\nFROM ${relation}`;
      }
      case 'filter':
        return `SELECT ${this.passThrough(n).join(', ')}\nFROM ${this.input(n.input)}\nWHERE ${exprToSql(n.predicate, n.input.schema)}`;
      case 'select':
      case 'withColumns': {
        const computed = new Map(n.exprs.map((e) => [e.name, e.expr]));
        const cols = n.schema.map((f) => {
          const e = computed.get(f.name);
          return e === undefined ? sqlIdent(f.name) : projection(f.name, e, n.input.schema);
        });
        if (this.keepsOrder(n)) cols.push(o);
        return `SELECT ${cols.join(',\n       ')}\nFROM ${this.input(n.input)}`;
      }
      case 'join': {
        const leftNames = new Set(n.left.schema.map((f) => f.name));
        const cols = n.schema.map((f) => `${leftNames.has(f.name) ? 'l' : 'r'}.${sqlIdent(f.name)}`);
        // Left rows in order, each one's matches in right order; with at most one match, the left order alone.
        if (this.keepsOrder(n)) cols.push(this.keepsOrder(n.right) ? `named_struct('l', l.${o}, 'r', r.${o}) AS ${o}` : `l.${o}`);
        const on = n.leftOn.map((k, i) => `l.${sqlIdent(k)} = r.${sqlIdent(n.rightOn[i]!)}`).join(' AND ');
        const how = n.how === 'left' ? 'LEFT JOIN' : 'JOIN';
        return `SELECT ${cols.join(', ')}\nFROM ${this.input(n.left)} l\n${how} ${this.input(n.right)} r ON ${on}`;
      }
      case 'aggregate': {
        const cols = [...n.keys.map((k) => sqlIdent(k)), ...n.aggs.map((a) => aggregateColumn(a.name, a.agg, n.input.schema))];
        if (this.keepsOrder(n)) cols.push(`min(${o}) AS ${o}`); // groups in order of first appearance
        const groupBy = n.keys.length === 0 ? '' : `\nGROUP BY ${n.keys.map((k) => sqlIdent(k)).join(', ')}`;
        return `SELECT ${cols.join(',\n       ')}\nFROM ${this.input(n.input)}${groupBy}`;
      }
      case 'dedupe': {
        const partition = n.partitionBy.length === 0 ? '' : `PARTITION BY ${n.partitionBy.map((k) => sqlIdent(k)).join(', ')} `;
        const orderBy = [...n.orderBy.map((k) => sortKeySql(k, sqlIdent)), `${o} ASC`].join(', ');
        const rn = sqlIdent('__c360_rn');
        return [
          `SELECT ${this.passThrough(n).join(', ')}`,
          `FROM (`,
          `  SELECT *, row_number() OVER (${partition}ORDER BY ${orderBy}) AS ${rn}`,
          `  FROM ${this.input(n.input)}`,
          `) ranked`,
          `WHERE ${rn} = 1`,
        ].join('\n');
      }
      case 'sort': {
        // Rows of a query have no order in SQL: a sort gives the rows their rank (ties keep the input order).
        const cols = n.schema.map((f) => sqlIdent(f.name));
        const keys = [...n.keys.map((k) => sortKeySql(k, sqlIdent)), `${o} ASC`].join(', ');
        if (this.keepsOrder(n)) cols.push(`row_number() OVER (ORDER BY ${keys}) AS ${o}`);
        return `SELECT ${cols.join(', ')}\nFROM ${this.input(n.input)}`;
      }
      case 'limit':
        return `SELECT ${this.passThrough(n).join(', ')}\nFROM ${this.input(n.input)}\nORDER BY ${o}\nLIMIT ${n.n}`;
      case 'union': {
        const parts = n.inputs.map((c, i) => {
          const cols = n.schema.map((f) => sqlIdent(f.name));
          if (this.keepsOrder(n)) cols.push(`named_struct('i', ${i}, 'o', row_number() OVER (ORDER BY ${o})) AS ${o}`);
          return `SELECT ${cols.join(', ')} FROM ${this.input(c)}`;
        });
        return parts.join('\nUNION ALL\n');
      }
    }
  }
}

/** A computed column with the engine's type. */
function projection(name: string, e: ExprNode, schema: Schema): string {
  if (e.op === 'col' && e.name === name) return sqlIdent(name);
  const t = typeOfExpr(e, schema);
  return `${typed(exprToSql(e, schema), t, e)} AS ${sqlIdent(name)}`;
}

/** Wraps SQL whose Spark type may differ from the engine type (32-bit ints, untyped nulls) in a cast. */
function typed(sql: string, t: DataType | null, e: ExprNode): string {
  if (t === null) return `CAST(${sql} AS STRING)`;
  if (t === 'int' && e.op !== 'col') return `CAST(${sql} AS BIGINT)`;
  return sql;
}

function aggregateColumn(name: string, agg: AggNode, schema: Schema): string {
  const sql = aggToSql(agg, schema);
  // min/max of a computed whole number (a 32-bit INT in Spark, e.g. hour()) get the engine's BIGINT.
  const widen = (agg.fn === 'min' || agg.fn === 'max') && agg.arg !== null && agg.arg.op !== 'col' && typeOfAgg(agg, schema) === 'int';
  return `${widen ? `CAST(${sql} AS BIGINT)` : sql} AS ${sqlIdent(name)}`;
}

function indent(text: string, pad: string): string {
  return text.replace(/^/gm, pad);
}

function renderSortKey(k: SortKey): string {
  return `${k.column}${k.descending ? ' desc' : ''}${k.nulls ? ` nulls ${k.nulls}` : ''}`;
}

/** A one-line description of a plan node for the comment above its subquery. */
function describe(n: PlanNode): string {
  switch (n.kind) {
    case 'scan':
      return `scan ${n.source.name}`;
    case 'filter':
      return `filter ${renderExpr(n.predicate)}`;
    case 'select':
      return `select ${n.schema.length} columns`;
    case 'withColumns':
      return `with columns ${n.exprs.map((e) => e.name).join(', ')}`;
    case 'join':
      return `${n.how} join on ${n.leftOn.map((k, i) => (k === n.rightOn[i] ? k : `${k} = ${n.rightOn[i]}`)).join(', ')}`;
    case 'aggregate':
      return `group by ${n.keys.join(', ') || '(all rows)'}: ${n.aggs.map((a) => `${a.name} = ${renderAgg(a.agg)}`).join(', ')}`;
    case 'dedupe':
      return `dedupe by ${n.partitionBy.join(', ')} keeping the first by ${n.orderBy.map(renderSortKey).join(', ') || 'row order'}`;
    case 'sort':
      return `sort by ${n.keys.map(renderSortKey).join(', ')}`;
    case 'limit':
      return `limit ${n.n}`;
    case 'union':
      return `union of ${n.inputs.length} inputs`;
  }
}

/** The Spark column definitions of a schema (`name TYPE, ...`). */
export function sparkSchema(schema: Schema): string {
  return schema.map((f) => `${sqlIdent(f.name)} ${sparkType(f.type)}`).join(', ');
}
