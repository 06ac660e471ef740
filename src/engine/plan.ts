/**
 * LazyFrame: a logical plan built with a fluent API, validated as it is built (unknown columns
 * and type errors fail at once), optimised (projection pushdown into scans), then run by the
 * vectorised kernels in `exec/`.
 */
import { C360Error } from '../errors';
import { Agg, AggNode, Expr, ExprLike, ExprNode, referencedColumns, renderAgg, renderExpr, toNode, typeOfAgg, typeOfExpr } from './expr';
import { DataFrame, describeSchema } from './frame';
import { aggregate } from './exec/aggregate';
import { evalExpr, selectTrue } from './exec/eval';
import { hashJoin } from './exec/join';
import { SortKey, dedupeIndices, sortIndices } from './exec/order';
import { Column } from './column';
import { Field, Schema } from './types';

/** Where a scan gets its rows: it is asked for only the columns the plan needs. */
export interface ScanSource {
  /** A name for explain() and messages (e.g. the file). */
  readonly name: string;
  readonly schema: Schema;
  /** Loads the named columns (in schema order). */
  load(columns: readonly string[]): DataFrame | Promise<DataFrame>;
}

/** A named expression of a projection. */
export interface NamedExpr {
  readonly name: string;
  readonly expr: ExprNode;
}

/** The logical plan. Every node carries its output schema. */
export type PlanNode =
  | { readonly kind: 'scan'; readonly schema: Schema; readonly source: ScanSource; readonly columns: readonly string[] }
  | { readonly kind: 'filter'; readonly schema: Schema; readonly input: PlanNode; readonly predicate: ExprNode }
  | { readonly kind: 'select'; readonly schema: Schema; readonly input: PlanNode; readonly exprs: readonly NamedExpr[] }
  | { readonly kind: 'withColumns'; readonly schema: Schema; readonly input: PlanNode; readonly exprs: readonly NamedExpr[] }
  | {
      readonly kind: 'join';
      readonly schema: Schema;
      readonly left: PlanNode;
      readonly right: PlanNode;
      readonly leftOn: readonly string[];
      readonly rightOn: readonly string[];
      readonly how: 'inner' | 'left';
    }
  | { readonly kind: 'aggregate'; readonly schema: Schema; readonly input: PlanNode; readonly keys: readonly string[]; readonly aggs: readonly { name: string; agg: AggNode }[] }
  | { readonly kind: 'dedupe'; readonly schema: Schema; readonly input: PlanNode; readonly partitionBy: readonly string[]; readonly orderBy: readonly SortKey[] }
  | { readonly kind: 'sort'; readonly schema: Schema; readonly input: PlanNode; readonly keys: readonly SortKey[] }
  | { readonly kind: 'limit'; readonly schema: Schema; readonly input: PlanNode; readonly n: number }
  | { readonly kind: 'union'; readonly schema: Schema; readonly inputs: readonly PlanNode[] };

/** Join options: the key columns (same names on both sides, or `leftOn`/`rightOn`) and the kind. */
export interface JoinOptions {
  readonly on?: string | readonly string[];
  readonly leftOn?: readonly string[];
  readonly rightOn?: readonly string[];
  readonly how?: 'inner' | 'left';
}

/** Dedupe options: keep the first row of each partition by the order. */
export interface DedupeOptions {
  readonly partitionBy: readonly string[];
  readonly orderBy?: readonly SortKey[];
}

function need(schema: Schema, name: string, where: string): Field {
  const f = schema.find((x) => x.name === name);
  if (f === undefined) throw new C360Error(`${where}: unknown column "${name}" (columns: ${schema.map((x) => x.name).join(', ')})`);
  return f;
}

function exprField(name: string, e: ExprNode, schema: Schema): Field {
  return { name, type: typeOfExpr(e, schema) ?? 'string' };
}

/** An in-memory frame as a scan source. */
export function frameSource(frame: DataFrame, name = 'frame'): ScanSource {
  return { name, schema: frame.schema, load: (columns) => frame.select(columns) };
}

/** A lazy, immutable query over one or more sources. */
export class LazyFrame {
  constructor(readonly plan: PlanNode) {}

  /** A scan of a source (all its columns; the optimizer prunes them). */
  static scan(source: ScanSource): LazyFrame {
    return new LazyFrame({ kind: 'scan', schema: source.schema, source, columns: source.schema.map((f) => f.name) });
  }

  /** A lazy view of an in-memory frame. */
  static from(frame: DataFrame, name?: string): LazyFrame {
    return LazyFrame.scan(frameSource(frame, name));
  }

  /** Output schema. */
  get schema(): Schema {
    return this.plan.schema;
  }

  /** Output column names. */
  get columns(): string[] {
    return this.plan.schema.map((f) => f.name);
  }

  /** Keeps the rows where the predicate is true (null counts as false). */
  filter(predicate: Expr): LazyFrame {
    const t = typeOfExpr(predicate.node, this.schema);
    if (t !== 'bool' && t !== null) throw new C360Error(`filter needs a boolean expression, got ${t}: ${renderExpr(predicate.node)}`);
    return new LazyFrame({ kind: 'filter', schema: this.schema, input: this.plan, predicate: predicate.node });
  }

  /**
   * Projects columns: names keep columns as they are, objects name new expressions.
   * @example lf.select('customer_id', { total: col('a').add(col('b')) })
   */
  select(...items: (string | Record<string, ExprLike>)[]): LazyFrame {
    const exprs: NamedExpr[] = [];
    for (const item of items) {
      if (typeof item === 'string') {
        need(this.schema, item, 'select');
        exprs.push({ name: item, expr: { op: 'col', name: item } });
      } else for (const [name, e] of Object.entries(item)) exprs.push({ name, expr: toNode(e) });
    }
    const names = new Set<string>();
    for (const e of exprs) {
      if (names.has(e.name)) throw new C360Error(`select: column "${e.name}" is named twice`);
      names.add(e.name);
    }
    return new LazyFrame({ kind: 'select', schema: exprs.map((e) => exprField(e.name, e.expr, this.schema)), input: this.plan, exprs });
  }

  /**
   * Adds or replaces columns. All expressions see the input columns (not each other);
   * a replaced column keeps its position, new ones are appended in order.
   */
  withColumns(columns: Record<string, ExprLike>): LazyFrame {
    const exprs = Object.entries(columns).map(([name, e]) => ({ name, expr: toNode(e) }));
    const fields = [...this.schema];
    for (const e of exprs) {
      const f = exprField(e.name, e.expr, this.schema);
      const i = fields.findIndex((x) => x.name === e.name);
      if (i >= 0) fields[i] = f;
      else fields.push(f);
    }
    return new LazyFrame({ kind: 'withColumns', schema: fields, input: this.plan, exprs });
  }

  /** Adds or replaces one column. */
  withColumn(name: string, e: ExprLike): LazyFrame {
    return this.withColumns({ [name]: e });
  }

  /** Drops columns. */
  drop(...names: string[]): LazyFrame {
    names.forEach((n) => need(this.schema, n, 'drop'));
    return this.select(...this.columns.filter((c) => !names.includes(c)));
  }

  /** Renames columns by a map of old → new names, keeping their order. */
  rename(mapping: Record<string, string>): LazyFrame {
    Object.keys(mapping).forEach((n) => need(this.schema, n, 'rename'));
    return this.select(...this.columns.map((c) => (mapping[c] === undefined ? c : { [mapping[c]!]: new Expr({ op: 'col', name: c }) })));
  }

  /**
   * Joins another frame on key columns. With equal key names the right keys are not repeated;
   * any other column name present on both sides is an error (rename first).
   */
  join(other: LazyFrame, options: JoinOptions): LazyFrame {
    const on = options.on === undefined ? undefined : typeof options.on === 'string' ? [options.on] : options.on;
    const leftOn = on ?? options.leftOn;
    const rightOn = on ?? options.rightOn;
    if (leftOn === undefined || rightOn === undefined || leftOn.length === 0 || leftOn.length !== rightOn.length) {
      throw new C360Error('join needs `on`, or `leftOn` and `rightOn` of equal length');
    }
    const how = options.how ?? 'inner';
    leftOn.forEach((k, i) => {
      const l = need(this.schema, k, 'join (left key)');
      const r = need(other.schema, rightOn[i]!, 'join (right key)');
      if ((l.type === 'string') !== (r.type === 'string')) throw new C360Error(`join: key ${k} is ${l.type} on the left and ${r.type} on the right`);
    });
    const dropRight = new Set(rightOn.filter((k, i) => leftOn[i] === k));
    const fields: Field[] = [...this.schema];
    for (const f of other.schema) {
      if (dropRight.has(f.name)) continue;
      if (fields.some((x) => x.name === f.name)) throw new C360Error(`join: column "${f.name}" is on both sides; rename or drop one before joining`);
      fields.push(f);
    }
    return new LazyFrame({ kind: 'join', schema: fields, left: this.plan, right: other.plan, leftOn: [...leftOn], rightOn: [...rightOn], how });
  }

  /** Starts a grouped aggregation. @example lf.groupBy('customer_id').agg({ n: count() }) */
  groupBy(...keys: string[]): GroupBy {
    keys.forEach((k) => need(this.schema, k, 'groupBy'));
    return new GroupBy(this, keys);
  }

  /** Keeps the first row of each partition by the order (row_number() = 1); ties keep the earliest row. */
  dedupe(options: DedupeOptions): LazyFrame {
    options.partitionBy.forEach((k) => need(this.schema, k, 'dedupe'));
    const orderBy = options.orderBy ?? [];
    orderBy.forEach((k) => need(this.schema, k.column, 'dedupe'));
    return new LazyFrame({ kind: 'dedupe', schema: this.schema, input: this.plan, partitionBy: [...options.partitionBy], orderBy: [...orderBy] });
  }

  /** Sorts rows (stable). Strings are column names in ascending order. */
  sort(...keys: (string | SortKey)[]): LazyFrame {
    const ks = keys.map((k) => (typeof k === 'string' ? { column: k } : k));
    ks.forEach((k) => need(this.schema, k.column, 'sort'));
    return new LazyFrame({ kind: 'sort', schema: this.schema, input: this.plan, keys: ks });
  }

  /** The first n rows. */
  limit(n: number): LazyFrame {
    if (!Number.isInteger(n) || n < 0) throw new C360Error(`limit needs a whole number >= 0, got ${n}`);
    return new LazyFrame({ kind: 'limit', schema: this.schema, input: this.plan, n });
  }

  /** Rows of this frame followed by the others' (matched by column name; types must agree). */
  union(...others: LazyFrame[]): LazyFrame {
    for (const o of others) {
      const same = o.schema.length === this.schema.length && this.schema.every((f) => o.schema.some((g) => g.name === f.name && g.type === f.type));
      if (!same) throw new C360Error(`union: schemas differ: (${describeSchema(this.schema)}) and (${describeSchema(o.schema)})`);
    }
    const aligned = others.map((o) => (o.columns.join() === this.columns.join() ? o : o.select(...this.columns)));
    return new LazyFrame({ kind: 'union', schema: this.schema, inputs: [this.plan, ...aligned.map((o) => o.plan)] });
  }

  /** Runs the plan. */
  async collect(): Promise<DataFrame> {
    const plan = optimize(this.plan);
    const loaded = new Map<PlanNode, DataFrame>();
    for (const node of postOrder(plan)) if (node.kind === 'scan') loaded.set(node, await node.source.load(node.columns));
    return run(plan, loaded);
  }

  /** Runs the plan synchronously; every source must load synchronously (in-memory frames do). */
  collectSync(): DataFrame {
    const plan = optimize(this.plan);
    const loaded = new Map<PlanNode, DataFrame>();
    for (const node of postOrder(plan)) {
      if (node.kind !== 'scan') continue;
      const f = node.source.load(node.columns);
      if (f instanceof Promise) throw new C360Error(`collectSync: source ${node.source.name} loads asynchronously; use collect()`);
      loaded.set(node, f);
    }
    return run(plan, loaded);
  }

  /** The plan as indented text; `optimized: true` shows it after projection pushdown. */
  explain(options: { optimized?: boolean } = {}): string {
    return explainPlan(options.optimized === false ? this.plan : optimize(this.plan));
  }
}

/** A grouping waiting for its aggregates. */
export class GroupBy {
  constructor(
    private readonly frame: LazyFrame,
    private readonly keys: readonly string[],
  ) {}
  /** One row per group: the keys, then the named aggregates. */
  agg(aggs: Record<string, Agg>): LazyFrame {
    const list = Object.entries(aggs).map(([name, a]) => ({ name, agg: a.node }));
    const fields: Field[] = this.keys.map((k) => need(this.frame.schema, k, 'groupBy'));
    for (const a of list) {
      if (fields.some((f) => f.name === a.name)) throw new C360Error(`agg: column "${a.name}" is named twice`);
      fields.push({ name: a.name, type: typeOfAgg(a.agg, this.frame.schema) });
    }
    return new LazyFrame({ kind: 'aggregate', schema: fields, input: this.frame.plan, keys: this.keys, aggs: list });
  }
}

function children(n: PlanNode): readonly PlanNode[] {
  switch (n.kind) {
    case 'scan':
      return [];
    case 'join':
      return [n.left, n.right];
    case 'union':
      return n.inputs;
    default:
      return [n.input];
  }
}

/** Every node once, children before parents. */
export function postOrder(root: PlanNode): PlanNode[] {
  const seen = new Set<PlanNode>();
  const out: PlanNode[] = [];
  const visit = (n: PlanNode): void => {
    if (seen.has(n)) return;
    seen.add(n);
    children(n).forEach(visit);
    out.push(n);
  };
  visit(root);
  return out;
}

/**
 * Projection pushdown over the plan DAG: each node learns the union of the columns its parents
 * need, drops computed columns nobody reads, and scans load only what is needed.
 * Shared sub-plans stay shared.
 */
export function optimize(root: PlanNode): PlanNode {
  const order = postOrder(root);
  const required = new Map<PlanNode, Set<string>>();
  const want = (n: PlanNode, cols: Iterable<string>): void => {
    let s = required.get(n);
    if (s === undefined) required.set(n, (s = new Set()));
    for (const c of cols) s.add(c);
  };
  want(root, root.schema.map((f) => f.name));
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    const R = required.get(n) ?? new Set<string>();
    switch (n.kind) {
      case 'scan':
        break;
      case 'filter':
        want(n.input, [...R, ...referencedColumns(n.predicate)]);
        break;
      case 'select':
        want(n.input, []);
        for (const e of n.exprs) if (R.has(e.name)) want(n.input, referencedColumns(e.expr));
        break;
      case 'withColumns': {
        const computed = new Set(n.exprs.map((e) => e.name));
        want(n.input, [...R].filter((c) => !computed.has(c)));
        for (const e of n.exprs) if (R.has(e.name)) want(n.input, referencedColumns(e.expr));
        break;
      }
      case 'join': {
        const leftNames = new Set(n.left.schema.map((f) => f.name));
        want(n.left, [...[...R].filter((c) => leftNames.has(c)), ...n.leftOn]);
        const rightNames = new Set(n.right.schema.map((f) => f.name));
        want(n.right, [...[...R].filter((c) => rightNames.has(c) && !leftNames.has(c)), ...n.rightOn]);
        break;
      }
      case 'aggregate':
        want(n.input, n.keys);
        for (const a of n.aggs) if (R.has(a.name) && a.agg.arg !== null) want(n.input, referencedColumns(a.agg.arg));
        break;
      case 'dedupe':
        want(n.input, [...R, ...n.partitionBy, ...n.orderBy.map((k) => k.column)]);
        break;
      case 'sort':
        want(n.input, [...R, ...n.keys.map((k) => k.column)]);
        break;
      case 'limit':
        want(n.input, R);
        break;
      case 'union':
        n.inputs.forEach((c) => want(c, R));
        break;
    }
  }
  const rewritten = new Map<PlanNode, PlanNode>();
  const get = (n: PlanNode): PlanNode => rewritten.get(n)!;
  const keep = (schema: Schema, R: Set<string>): Schema => schema.filter((f) => R.has(f.name));
  for (const n of order) {
    const R = required.get(n) ?? new Set<string>();
    let out: PlanNode;
    switch (n.kind) {
      case 'scan': {
        let cols = n.schema.filter((f) => R.has(f.name)).map((f) => f.name);
        if (cols.length === 0 && n.schema.length > 0) cols = [n.schema[0]!.name];
        out = { ...n, columns: cols, schema: n.schema.filter((f) => cols.includes(f.name)) };
        break;
      }
      case 'filter': {
        const input = get(n.input);
        out = { ...n, input, schema: input.schema };
        break;
      }
      case 'select': {
        const exprs = n.exprs.filter((e) => R.has(e.name));
        out = { ...n, input: get(n.input), exprs, schema: keep(n.schema, R) };
        break;
      }
      case 'withColumns': {
        const input = get(n.input);
        const exprs = n.exprs.filter((e) => R.has(e.name));
        // Exactly the required columns: an input column whose replacement was pruned (because only
        // another expression reads it) must not pass through under the replacement's type.
        out = { ...n, input, exprs, schema: keep(n.schema, R) };
        break;
      }
      case 'join': {
        const left = get(n.left);
        const right = get(n.right);
        const names = new Set([...left.schema.map((f) => f.name), ...right.schema.map((f) => f.name)]);
        out = { ...n, left, right, schema: n.schema.filter((f) => names.has(f.name)) };
        break;
      }
      case 'aggregate': {
        const aggs = n.aggs.filter((a) => R.has(a.name));
        const names = new Set([...n.keys, ...aggs.map((a) => a.name)]);
        out = { ...n, input: get(n.input), aggs, schema: n.schema.filter((f) => names.has(f.name)) };
        break;
      }
      case 'union': {
        const inputs = n.inputs.map(get);
        // Not inputs[0]'s schema: an input may carry extra columns (a filter's predicate column)
        // that the other inputs do not have.
        out = { ...n, inputs, schema: keep(n.schema, R) };
        break;
      }
      default: {
        const input = get(n.input);
        out = { ...n, input, schema: input.schema };
      }
    }
    rewritten.set(n, out);
  }
  return get(root);
}

function run(root: PlanNode, loaded: Map<PlanNode, DataFrame>): DataFrame {
  const results = new Map<PlanNode, DataFrame>(loaded);
  for (const n of postOrder(root)) {
    if (results.has(n)) continue;
    results.set(n, step(n, (c) => results.get(c)!));
  }
  return results.get(root)!;
}

function step(n: PlanNode, input: (c: PlanNode) => DataFrame): DataFrame {
  switch (n.kind) {
    case 'scan':
      throw new C360Error(`scan ${n.source.name} was not loaded`);
    case 'filter': {
      const f = input(n.input);
      return f.take(selectTrue(n.predicate, f));
    }
    case 'select': {
      const f = input(n.input);
      return new DataFrame(n.schema, n.exprs.map((e) => evalExpr(e.expr, f)), f.numRows);
    }
    case 'withColumns': {
      const f = input(n.input);
      const computed = new Map<string, Column>(n.exprs.map((e) => [e.name, evalExpr(e.expr, f)]));
      return new DataFrame(n.schema, n.schema.map((fl) => computed.get(fl.name) ?? f.column(fl.name)), f.numRows);
    }
    case 'join': {
      const l = input(n.left);
      const r = input(n.right);
      const { leftIdx, rightIdx } = hashJoin(n.leftOn.map((k) => l.column(k)), n.rightOn.map((k) => r.column(k)), n.how);
      const lt = l.take(leftIdx);
      // Gather only the right-side columns the output keeps (same-name keys come from the left).
      const rt = r.select(r.columnNames.filter((c) => !l.has(c) && n.schema.some((f) => f.name === c))).take(rightIdx);
      return new DataFrame(n.schema, n.schema.map((fl) => (lt.has(fl.name) ? lt.column(fl.name) : rt.column(fl.name))), leftIdx.length);
    }
    case 'aggregate': {
      const f = input(n.input);
      return aggregate(f, n.keys, n.aggs);
    }
    case 'dedupe': {
      const f = input(n.input);
      return f.take(dedupeIndices(f, n.partitionBy, n.orderBy));
    }
    case 'sort': {
      const f = input(n.input);
      return f.take(sortIndices(f, n.keys));
    }
    case 'limit':
      return input(n.input).head(n.n);
    case 'union': {
      const frames = n.inputs.map(input);
      return DataFrame.concat(frames.map((f) => f.select(n.schema.map((x) => x.name))));
    }
  }
}

function renderSortKey(k: SortKey): string {
  return `${k.column}${k.descending ? ' desc' : ''}${k.nulls ? ` nulls ${k.nulls}` : ''}`;
}

/** The plan as an indented tree, one node per line. Shared sub-plans are printed once and referenced. */
export function explainPlan(root: PlanNode): string {
  const lines: string[] = [];
  const ids = new Map<PlanNode, number>();
  const visit = (n: PlanNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    const seen = ids.get(n);
    if (seen !== undefined) {
      lines.push(`${pad}-> (see #${seen})`);
      return;
    }
    const id = ids.size + 1;
    ids.set(n, id);
    let text: string;
    switch (n.kind) {
      case 'scan':
        text = `Scan ${n.source.name} columns=[${n.columns.join(', ')}]`;
        break;
      case 'filter':
        text = `Filter ${renderExpr(n.predicate)}`;
        break;
      case 'select':
        text = `Select ${n.exprs.map((e) => (e.expr.op === 'col' && e.expr.name === e.name ? e.name : `${e.name}=${renderExpr(e.expr)}`)).join(', ')}`;
        break;
      case 'withColumns':
        text = `WithColumns ${n.exprs.map((e) => `${e.name}=${renderExpr(e.expr)}`).join(', ')}`;
        break;
      case 'join':
        text = `Join ${n.how} on ${n.leftOn.map((k, i) => (k === n.rightOn[i] ? k : `${k}=${n.rightOn[i]}`)).join(', ')}`;
        break;
      case 'aggregate':
        text = `Aggregate keys=[${n.keys.join(', ')}] ${n.aggs.map((a) => `${a.name}=${renderAgg(a.agg)}`).join(', ')}`;
        break;
      case 'dedupe':
        text = `Dedupe partition=[${n.partitionBy.join(', ')}] order=[${n.orderBy.map(renderSortKey).join(', ')}] keep first`;
        break;
      case 'sort':
        text = `Sort ${n.keys.map(renderSortKey).join(', ')}`;
        break;
      case 'limit':
        text = `Limit ${n.n}`;
        break;
      case 'union':
        text = `Union (${n.inputs.length} inputs)`;
        break;
    }
    lines.push(`${pad}#${id} ${text}`);
    children(n).forEach((c) => visit(c, depth + 1));
  };
  visit(root, 0);
  return lines.join('\n');
}
