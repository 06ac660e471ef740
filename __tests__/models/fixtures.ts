/**
 * Fixtures for the model tests: input frames from partial row objects (unspecified columns are
 * null; dates and timestamps written as text), a fixed run context, a runner of the whole model
 * chain, readable output rows and the grain check every model test makes.
 */
import { formatDate, formatTimestamp } from '../../src/engine/format';
import { DataFrame, Row } from '../../src/engine/frame';
import { parseDate, parseTimestamp } from '../../src/engine/parse';
import { LazyFrame } from '../../src/engine/plan';
import { CellValue, Field, Schema } from '../../src/engine/types';
import { RunContext } from '../../src/models/define';
import fctCustomer360Profile from '../../src/models/facts/fct_customer_360_profile';
import intCustomerTransactions from '../../src/models/intermediates/int_customer_transactions';
import srcCustomers from '../../src/models/sources/src_customers';
import srcLoyaltyProgram from '../../src/models/sources/src_loyalty_program';
import srcProducts from '../../src/models/sources/src_products';
import srcTransactions from '../../src/models/sources/src_transactions';
import customerAnalyticsC360 from '../../src/models/views/customer_analytics_c360';
import { inputFile } from '../../src/schema/inputs';

/** The as-of date of every model test. */
export const AS_OF = '2025-01-15';

/** The run context of every model test. */
export const CTX: RunContext = { asOf: AS_OF, runTimestamp: '2025-01-15 06:30:00' };

/** A literal cell: text (also for dates and timestamps), a number or null. */
export type LiteralCell = string | number | null;

/** A partial input row: any subset of the file's columns. */
export type LiteralRow = Readonly<Record<string, LiteralCell>>;

function day(text: string): number {
  const d = parseDate(text);
  if (d === undefined) throw new Error(`fixture: "${text}" is not a date (YYYY-MM-DD)`);
  return d;
}

function instant(text: string): number {
  const t = parseTimestamp(text);
  if (t === undefined) throw new Error(`fixture: "${text}" is not a timestamp`);
  return t;
}

function toCell(field: Field, v: LiteralCell, file: string): CellValue {
  if (v === null) return null;
  switch (field.type) {
    case 'date':
      if (typeof v !== 'string') throw new Error(`fixture ${file}.${field.name}: write dates as text`);
      return day(v);
    case 'timestamp':
      if (typeof v !== 'string') throw new Error(`fixture ${file}.${field.name}: write timestamps as text`);
      return instant(v);
    case 'int':
    case 'float64':
      if (typeof v !== 'number') throw new Error(`fixture ${file}.${field.name}: expected a number, got ${JSON.stringify(v)}`);
      return v;
    default:
      if (typeof v !== 'string') throw new Error(`fixture ${file}.${field.name}: expected text, got ${JSON.stringify(v)}`);
      return v;
  }
}

/**
 * A frame of a schema from partial rows. A column a row does not name is null; a name that is
 * not in the schema is an error (typos fail). `label` names the frame in error messages.
 */
export function literalFrame(schema: Schema, rows: readonly LiteralRow[], label: string): DataFrame {
  const known = new Set(schema.map((f) => f.name));
  const converted = rows.map((r) => {
    for (const k of Object.keys(r)) if (!known.has(k)) throw new Error(`fixture: ${label} has no column "${k}"`);
    const row: Row = {};
    for (const f of schema) row[f.name] = toCell(f, r[f.name] ?? null, label);
    return row;
  });
  return DataFrame.fromRows(schema, converted);
}

/** A full input frame with the declared schema of an input file, from partial rows. */
export function inputFrame(file: string, rows: readonly LiteralRow[]): DataFrame {
  return literalFrame(
    inputFile(file).columns.map((c) => ({ name: c.name, type: c.type })),
    rows,
    file,
  );
}

/** customers.csv rows. */
export const customers = (rows: readonly LiteralRow[]): DataFrame => inputFrame('customers', rows);
/** loyalty_program.csv rows. */
export const loyaltyProgram = (rows: readonly LiteralRow[]): DataFrame => inputFrame('loyalty_program', rows);
/** support_tickets.csv rows. */
export const supportTickets = (rows: readonly LiteralRow[]): DataFrame => inputFrame('support_tickets', rows);
/** app_usage.csv rows. */
export const appUsage = (rows: readonly LiteralRow[]): DataFrame => inputFrame('app_usage', rows);
/** products.csv rows. */
export const products = (rows: readonly LiteralRow[]): DataFrame => inputFrame('products', rows);
/** transactions.csv rows. */
export const transactions = (rows: readonly LiteralRow[]): DataFrame => inputFrame('transactions', rows);
/** transaction_items.csv rows. */
export const transactionItems = (rows: readonly LiteralRow[]): DataFrame => inputFrame('transaction_items', rows);

/** The date `n` days before the as-of date (after it when n < 0), as `YYYY-MM-DD`. */
export function daysAgo(n: number, asOf: string = AS_OF): string {
  return formatDate(day(asOf) - n);
}

/** A timestamp `n` days before the as-of date at a time of day (`HH:MM:SS`). */
export function daysAgoAt(n: number, time: string, asOf: string = AS_OF): string {
  return `${daysAgo(n, asOf)} ${time}`;
}

/** Runs a lazy frame built by a model. */
export function run(lf: LazyFrame): DataFrame {
  return lf.collectSync();
}

/** A lazy scan of a literal frame. */
export function lazy(frame: DataFrame): LazyFrame {
  return LazyFrame.from(frame);
}

/** The raw inputs of a run; any left out is empty. */
export interface RawInputs {
  readonly customers?: DataFrame;
  readonly loyalty?: DataFrame;
  readonly tickets?: DataFrame;
  readonly sessions?: DataFrame;
  readonly products?: DataFrame;
  readonly transactions?: DataFrame;
  readonly items?: DataFrame;
}

/** Every model's output of one run. */
export interface ModelOutputs {
  readonly src_customers: DataFrame;
  readonly src_loyalty_program: DataFrame;
  readonly src_products: DataFrame;
  readonly src_transactions: DataFrame;
  readonly int_customer_transactions: DataFrame;
  readonly fct_customer_360_profile: DataFrame;
  readonly customer_analytics_c360: DataFrame;
}

/** Runs the seven models in layer order on literal inputs, each model's `build` fed the outputs it refers to. */
export function runModels(raw: RawInputs, ctx: RunContext = CTX): ModelOutputs {
  const or = (frame: DataFrame | undefined, file: string): LazyFrame => lazy(frame ?? inputFrame(file, []));
  const src_customers = run(srcCustomers.build({ customers: or(raw.customers, 'customers') }, ctx));
  const src_loyalty_program = run(srcLoyaltyProgram.build({ loyalty: or(raw.loyalty, 'loyalty_program') }, ctx));
  const src_products = run(srcProducts.build({ products: or(raw.products, 'products') }, ctx));
  const src_transactions = run(srcTransactions.build({ transactions: or(raw.transactions, 'transactions') }, ctx));
  const int_customer_transactions = run(
    intCustomerTransactions.build(
      { transactions: lazy(src_transactions), items: or(raw.items, 'transaction_items'), products: lazy(src_products), customers: lazy(src_customers) },
      ctx,
    ),
  );
  const fct_customer_360_profile = run(
    fctCustomer360Profile.build(
      {
        customers: lazy(src_customers),
        loyalty: lazy(src_loyalty_program),
        transactions: lazy(int_customer_transactions),
        tickets: or(raw.tickets, 'support_tickets'),
        sessions: or(raw.sessions, 'app_usage'),
      },
      ctx,
    ),
  );
  const customer_analytics_c360 = run(customerAnalyticsC360.build({ profile: lazy(fct_customer_360_profile) }, ctx));
  return { src_customers, src_loyalty_program, src_products, src_transactions, int_customer_transactions, fct_customer_360_profile, customer_analytics_c360 };
}

/** A cell as a test reads it: dates and timestamps as text, everything else as is. */
export type ReadableCell = string | number | boolean | readonly string[] | null;

function readable(frame: DataFrame, name: string, v: CellValue): ReadableCell {
  if (v === null) return null;
  const t = frame.typeOf(name);
  if (t === 'date') return formatDate(v as number);
  if (t === 'timestamp') return formatTimestamp(v as number);
  return v;
}

/** The rows of a frame as objects, dates and timestamps as text. */
export function rowsOf(frame: DataFrame): Record<string, ReadableCell>[] {
  return frame.toRows().map((r) => {
    const out: Record<string, ReadableCell> = {};
    for (const name of frame.columnNames) out[name] = readable(frame, name, r[name] ?? null);
    return out;
  });
}

/** One column's values in row order, dates and timestamps as text. */
export function columnOf(frame: DataFrame, name: string): ReadableCell[] {
  return frame.values(name).map((v) => readable(frame, name, v));
}

/** The row whose `key` column equals `id` (fails when there is not exactly one). */
export function rowWhere(frame: DataFrame, key: string, id: string): Record<string, ReadableCell> {
  const found = rowsOf(frame).filter((r) => r[key] === id);
  if (found.length !== 1) throw new Error(`expected one row with ${key} = ${id}, found ${found.length}`);
  return found[0]!;
}

/** A map from the key column to another column, for tables of edge cases. */
export function byKey(frame: DataFrame, key: string, column: string): Record<string, ReadableCell> {
  const out: Record<string, ReadableCell> = {};
  for (const r of rowsOf(frame)) out[String(r[key])] = r[column] ?? null;
  return out;
}

/** The frame's schema as `name: type` pairs, in order. */
export function schemaOf(frame: DataFrame | LazyFrame): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of frame.schema) out[f.name] = f.type;
  return out;
}

/** The grain check of every model: the key columns are never null and no two rows share a key. */
export function expectGrain(frame: DataFrame, key: readonly string[]): void {
  expect(key.length).toBeGreaterThan(0);
  const seen = new Map<string, number>();
  const nullRows: number[] = [];
  const duplicates: string[] = [];
  for (let i = 0; i < frame.numRows; i++) {
    const values = key.map((k) => frame.get(i, k));
    if (values.some((v) => v === null)) nullRows.push(i);
    const k = JSON.stringify(values);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else duplicates.push(`${k} (rows ${first} and ${i})`);
  }
  expect({ nullKeyRows: nullRows, duplicateKeys: duplicates }).toEqual({ nullKeyRows: [], duplicateKeys: [] });
}
