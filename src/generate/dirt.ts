import { threshold32 } from './rng';

/**
 * The kinds of dirt `--dirty RATE` mixes into the data. Each kind strikes an eligible row or
 * entity with probability RATE times its multiplier (DIRT_MULTIPLIERS), so RATE 0 gives clean
 * data and no kind ever appears.
 */
export const DIRT_KINDS = [
  'duplicate_customer',
  'duplicate_loyalty_member',
  'null_id',
  'missing_email',
  'orphan_transaction',
  'orphan_ticket',
  'cancelled_transaction',
  'refunded_transaction',
  'inactive_product_item',
  'unknown_product_item',
  'transaction_without_items',
  'unscored_ticket',
  'non_numeric_amount',
  'impossible_date',
  'short_row',
  'name_with_comma_or_quote',
  'non_ascii_name',
  'leading_zero_zip',
  'future_transaction',
] as const;

/** One kind of dirt. */
export type DirtKind = (typeof DIRT_KINDS)[number];

/** How many rows or entities of each dirt kind were written. */
export type DirtCounts = Record<DirtKind, number>;

/** Per-entity probability of each kind, as a multiple of the dirty rate. */
export const DIRT_MULTIPLIERS: Readonly<Record<DirtKind, number>> = {
  duplicate_customer: 1,
  duplicate_loyalty_member: 0.5,
  null_id: 0.5,
  missing_email: 1,
  orphan_transaction: 1,
  orphan_ticket: 1,
  cancelled_transaction: 1,
  refunded_transaction: 1,
  inactive_product_item: 1,
  unknown_product_item: 0.5,
  transaction_without_items: 0.5,
  unscored_ticket: 3,
  non_numeric_amount: 0.1,
  impossible_date: 0.1,
  short_row: 0.1,
  name_with_comma_or_quote: 1,
  non_ascii_name: 1,
  leading_zero_zip: 1,
  future_transaction: 0.2,
};

/** Zero counts for every kind. */
export function emptyDirtCounts(): DirtCounts {
  const counts = {} as DirtCounts;
  for (const kind of DIRT_KINDS) counts[kind] = 0;
  return counts;
}

/** Adds `more` into `into`. */
export function addDirtCounts(into: DirtCounts, more: DirtCounts): void {
  for (const kind of DIRT_KINDS) into[kind] += more[kind];
}

/** The 32-bit threshold of every kind at a dirty rate (see `Rng.chance32`). */
export function dirtThresholds(rate: number): Readonly<Record<DirtKind, number>> {
  const t = {} as Record<DirtKind, number>;
  for (const kind of DIRT_KINDS) t[kind] = threshold32(rate * DIRT_MULTIPLIERS[kind]);
  return t;
}

/**
 * Chooses at most one dirt kind per row from a single 32-bit draw: kind k strikes when the draw
 * falls in its slice of the cumulative thresholds, so kinds exclude each other on one row and
 * each keeps its own probability (until their sum reaches 1).
 */
export class DirtSelector {
  /** A draw at or above this strikes no kind. */
  readonly total: number;
  private readonly cuts: Float64Array;

  constructor(
    readonly kinds: readonly DirtKind[],
    thresholds: Readonly<Record<DirtKind, number>>,
  ) {
    this.cuts = new Float64Array(kinds.length);
    let sum = 0;
    kinds.forEach((kind, i) => {
      sum = Math.min(4294967296, sum + thresholds[kind]);
      this.cuts[i] = sum;
    });
    this.total = sum;
  }

  /** The index in `kinds` of the kind a draw strikes, or -1 for none. */
  choose(draw: number): number {
    if (draw >= this.total) return -1;
    const cuts = this.cuts;
    for (let k = 0; k < cuts.length; k++) if (draw < cuts[k]) return k;
    return -1;
  }
}
