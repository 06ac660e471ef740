/**
 * The business constants of the C360 rules (spec section 3), in one typed module that the
 * models and the docs both read. Bands are ordered: the first that matches wins.
 */
import { Expr, ExprLike, when } from '../engine/expr';

/** A band: values below (or at most) a bound get a label. */
export interface Band<L extends string | number> {
  readonly bound: number;
  readonly label: L;
}

/** Age in years below which a customer belongs to a generation; older: 'Boomer+'. */
export const GENERATIONS: readonly Band<string>[] = [
  { bound: 25, label: 'Gen Z' },
  { bound: 40, label: 'Millennial' },
  { bound: 55, label: 'Gen X' },
];
export const GENERATION_OLDEST = 'Boomer+';

/** Days in a year for age_years. */
export const DAYS_PER_YEAR = 365.25;

/** Loyalty tier ranks; any other tier (or none) ranks 0. */
export const TIER_RANKS: Readonly<Record<string, number>> = { Bronze: 1, Silver: 2, Gold: 3, Platinum: 4 };

/** Lifetime value below which a member is in a segment; above all: 'VIP'. */
export const VALUE_SEGMENTS: readonly Band<string>[] = [
  { bound: 1000, label: 'Low Value' },
  { bound: 5000, label: 'Medium Value' },
  { bound: 10000, label: 'High Value' },
];
export const VALUE_SEGMENT_TOP = 'VIP';

/** Price below which a product is in a segment; above all: 'Luxury'. */
export const PRICE_SEGMENTS: readonly Band<string>[] = [
  { bound: 50, label: 'Budget' },
  { bound: 150, label: 'Mid-Range' },
  { bound: 300, label: 'Premium' },
];
export const PRICE_SEGMENT_TOP = 'Luxury';

/** Product categories by category group (exact, case-sensitive); any other: 'Other'. */
export const CATEGORY_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Technology: ['Electronics', 'Computer'],
  Fashion: ['Apparel', 'Footwear', 'Accessories'],
  Home: ['Home & Kitchen', 'Home & Garden', 'Home & Office'],
  'Health & Fitness': ['Sports & Fitness', 'Health & Nutrition'],
  'Beauty & Personal Care': ['Beauty', 'Personal Care'],
};
export const CATEGORY_GROUP_OTHER = 'Other';

/** Channels by channel group; any other: 'Other'. */
export const DIGITAL_CHANNELS = ['online', 'mobile'] as const;
export const PHYSICAL_CHANNEL = 'store';

/** Order total below which an order is in a size category; above all: 'XLarge'. */
export const ORDER_SIZES: readonly Band<string>[] = [
  { bound: 50, label: 'Small' },
  { bound: 150, label: 'Medium' },
  { bound: 300, label: 'Large' },
];
export const ORDER_SIZE_TOP = 'XLarge';

/** Days since the last purchase at most which a customer is Active / At Risk; beyond: Churned. */
export const ACTIVE_WITHIN_DAYS = 30;
export const AT_RISK_WITHIN_DAYS = 90;

/** Customer statuses. */
export const STATUS = { active: 'Active', atRisk: 'At Risk', churned: 'Churned', never: 'Never Purchased' } as const;

/** Recency score by days since the last purchase (at most); beyond all, or no purchase: 1. */
export const RECENCY_SCORES: readonly Band<number>[] = [
  { bound: 30, label: 5 },
  { bound: 60, label: 4 },
  { bound: 90, label: 3 },
  { bound: 180, label: 2 },
];

/** Frequency score by number of transactions (at least); none: 1. */
export const FREQUENCY_SCORES: readonly Band<number>[] = [
  { bound: 10, label: 5 },
  { bound: 5, label: 4 },
  { bound: 3, label: 3 },
  { bound: 1, label: 2 },
];

/** Monetary score by total spent (at least); below all: 1. */
export const MONETARY_SCORES: readonly Band<number>[] = [
  { bound: 1000, label: 5 },
  { bound: 500, label: 4 },
  { bound: 200, label: 3 },
  { bound: 50, label: 2 },
];

/** The window of "recent" transactions, in days (future-dated ones included). */
export const RECENT_WINDOW_DAYS = 90;

/** App engagement weights of the summed minutes, pages and actions. */
export const ENGAGEMENT_WEIGHTS = { minutes: 0.3, pages: 0.4, actions: 0.3 } as const;

/** Tenure segments by days since registration (at most); beyond all: 'Veteran (1+ years)'. */
export const TENURE_SEGMENTS: readonly Band<string>[] = [
  { bound: 30, label: 'New (0-30 days)' },
  { bound: 90, label: 'Recent (31-90 days)' },
  { bound: 365, label: 'Established (3-12 months)' },
];
export const TENURE_SEGMENT_TOP = 'Veteran (1+ years)';

/** Average satisfaction at least which tickets count as Highly Satisfied / Satisfied. */
export const SATISFACTION_LEVELS: readonly Band<string>[] = [
  { bound: 4, label: 'Highly Satisfied' },
  { bound: 3, label: 'Satisfied' },
];
export const SATISFACTION_LOW = 'Needs Attention';
export const SATISFACTION_NO_CONTACT = 'No Contact';
/** Average satisfaction below which a customer is a satisfaction risk. */
export const SATISFACTION_RISK_BELOW = 3;

/** Tier upgrade: these tiers with lifetime value above the bound. */
export const UPGRADE_TIERS = ['Bronze', 'Silver'] as const;
export const UPGRADE_LIFETIME_VALUE_ABOVE = 2000;

/** Channel expansion: a single channel and more than this many transactions. */
export const EXPANSION_MIN_TRANSACTIONS_ABOVE = 3;

/** CASE over bands: `x < bound` (or `<=`, `>=`) for each band in order, else `otherwise`. */
export function banded<L extends string | number>(x: Expr, bands: readonly Band<L>[], cmp: 'lt' | 'le' | 'ge', otherwise: ExprLike): Expr {
  const test = (b: Band<L>): Expr => (cmp === 'lt' ? x.lt(b.bound) : cmp === 'le' ? x.le(b.bound) : x.ge(b.bound));
  const [first, ...rest] = bands;
  if (first === undefined) throw new Error('banded needs at least one band');
  return rest.reduce((c, b) => c.when(test(b), b.label), when(test(first), first.label)).otherwise(otherwise);
}

/** 1 when the condition is true, else 0 (null counts as false). */
export function flag(cond: Expr): Expr {
  return when(cond, 1).otherwise(0);
}
