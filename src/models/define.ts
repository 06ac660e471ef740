/**
 * How a model is declared: its name, layer, grain, inputs and a pure build function over lazy
 * frames. The DAG runner discovers these definitions; nothing here runs anything.
 */
import { Expr, lit } from '../engine/expr';
import { LazyFrame } from '../engine/plan';
import { DataTest } from '../quality/tests';

/** The layers, in the order they run. A model may read only from its own or earlier layers. */
export const LAYERS = ['sources', 'dimensions', 'intermediates', 'facts', 'views'] as const;

/** A layer name. */
export type Layer = (typeof LAYERS)[number];

/** A reference to a raw input file (`source('transactions')`) or another model (`ref('src_transactions')`). */
export type InputRef = { readonly kind: 'source'; readonly name: string } | { readonly kind: 'model'; readonly name: string };

/** A raw input file, by its declared name (see `schema/inputs`). */
export function source(name: string): InputRef {
  return { kind: 'source', name };
}

/** Another model's output, by model name. */
export function ref(name: string): InputRef {
  return { kind: 'model', name };
}

/** What a model may know about its run besides its inputs. */
export interface RunContext {
  /** The as-of date, `YYYY-MM-DD`: every "today" of the rules. */
  readonly asOf: string;
  /** The run's timestamp as naive wall-clock text, `YYYY-MM-DD HH:MM:SS`. */
  readonly runTimestamp: string;
}

/** A model definition. */
export interface Model<I extends Record<string, InputRef> = Record<string, InputRef>> {
  readonly name: string;
  readonly layer: Layer;
  /** One sentence: what one row is. */
  readonly grain: string;
  /** Columns that identify a row (unique and not null); empty when rows have no key. */
  readonly key: readonly string[];
  readonly inputs: I;
  /** A one-line description for docs and lineage. */
  readonly description?: string;
  /** Data tests of the output, besides the key's unique + not_null (which every keyed model gets). */
  readonly tests?: readonly DataTest[];
  /** Builds the model's plan from its inputs; pure: reads nothing else. */
  build(inputs: { readonly [K in keyof I]: LazyFrame }, ctx: RunContext): LazyFrame;
}

/** Declares a model (identity function that fixes the types). */
export function defineModel<I extends Record<string, InputRef>>(model: Model<I>): Model<I> {
  return model;
}

/** The as-of date as a date literal. */
export function asOfDate(ctx: RunContext): Expr {
  return lit(ctx.asOf).cast('date');
}

/** The run timestamp as a timestamp literal. */
export function runTimestamp(ctx: RunContext): Expr {
  return lit(ctx.runTimestamp).cast('timestamp');
}
