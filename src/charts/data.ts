/**
 * What charts read from a frame: grouped counts and sums computed by the engine, and category
 * orders that put the business order first (from `models/rules`), then any other value, then null.
 */
import { C360Error } from '../errors';
import { Agg, col, count } from '../engine/expr';
import { DataFrame } from '../engine/frame';
import { LazyFrame } from '../engine/plan';

/** Throws a clear error when the frame lacks a column a chart reads. */
export function requireColumns(frame: DataFrame, names: readonly string[], chart: string): void {
  const missing = names.filter((n) => !frame.has(n));
  if (missing.length > 0) {
    throw new C360Error(`${chart} needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the frame has: ${frame.columnNames.join(', ')})`);
  }
}

/** One group of a grouped aggregate: its key values and its aggregates. */
export interface GroupRow {
  readonly keys: readonly (string | number | null)[];
  readonly values: Readonly<Record<string, number | null>>;
}

/** Groups a frame by key columns and computes aggregates with the engine (one row per group). */
export function aggregateBy(frame: DataFrame, keys: readonly string[], aggs: Readonly<Record<string, Agg>>): GroupRow[] {
  const out = LazyFrame.from(frame).groupBy(...keys).agg(aggs).collectSync();
  const rows: GroupRow[] = [];
  for (let i = 0; i < out.numRows; i++) {
    const values: Record<string, number | null> = {};
    for (const name of Object.keys(aggs)) {
      const v = out.get(i, name);
      values[name] = typeof v === 'number' ? v : null;
    }
    rows.push({ keys: keys.map((k) => keyValue(out.get(i, k))), values });
  }
  return rows;
}

function keyValue(v: unknown): string | number | null {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return null;
}

/** Rows per value of a column: value → count (null is a value). */
export function countBy(frame: DataFrame, column: string): Map<string | number | null, number> {
  return new Map(aggregateBy(frame, [column], { n: count() }).map((g) => [g.keys[0]!, g.values.n ?? 0]));
}

/** Sum of a numeric column per value of a key column (nulls count as 0). */
export function sumBy(frame: DataFrame, key: string, value: string): Map<string | number | null, number> {
  return new Map(aggregateBy(frame, [key], { total: col(value).sum() }).map((g) => [g.keys[0]!, g.values.total ?? 0]));
}

/**
 * The categories to show: the known ones in their order (all of them, or only those present),
 * then other present values in code-unit order, then null when present.
 */
export function orderCategories<K extends string | number | null>(present: Iterable<K>, known: readonly K[], options: { keepAbsent?: boolean } = {}): K[] {
  const seen = new Set(present);
  const first = known.filter((k) => options.keepAbsent === true || seen.has(k));
  const others = [...seen].filter((k): k is K => k !== null && !known.includes(k)).sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  const tail = seen.has(null as K) && !known.includes(null as K) ? [null as K] : [];
  return [...first, ...others, ...tail];
}
