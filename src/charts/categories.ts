/**
 * The product's categories in business order, with their colours and the labels of nulls. The
 * orders come from the rules module, so a renamed band shows up here without an edit.
 */
import { STATUS, TIER_RANKS, VALUE_SEGMENTS, VALUE_SEGMENT_TOP } from '../models/rules';

/** Customer statuses, from the best to none. */
export const STATUS_ORDER: readonly string[] = [STATUS.active, STATUS.atRisk, STATUS.churned, STATUS.never];

/** Status colours: green, amber, red, grey. */
export const STATUS_COLORS: Readonly<Record<string, string>> = {
  [STATUS.active]: '#2e9d5b',
  [STATUS.atRisk]: '#e8a33d',
  [STATUS.churned]: '#d1495b',
  [STATUS.never]: '#9aa5b1',
};

/** Value segments from the lowest band to the top. */
export const VALUE_SEGMENT_ORDER: readonly string[] = [...VALUE_SEGMENTS.map((b) => b.label), VALUE_SEGMENT_TOP];

/** Value segment colours: light to dark blue (an ordered scale). */
export const VALUE_SEGMENT_COLORS: readonly string[] = ['#bdd7ee', '#6baed6', '#2171b5', '#08306b'];

/** Loyalty tiers by rank. */
export const TIER_ORDER: readonly string[] = Object.entries(TIER_RANKS)
  .sort((a, b) => a[1] - b[1])
  .map(([tier]) => tier);

/** The colour of a category without a colour of its own, and of null ("none"). */
export const OTHER_COLOR = '#b8c2cc';

/** Label of a null category, e.g. customers without a loyalty record. */
export const NONE_LABEL: Readonly<Record<string, string>> = {
  customer_status: 'Unknown',
  loyalty_tier: 'No tier',
  value_segment: 'No loyalty record',
  customer_segment: 'No segment',
};

/** A category's display label. */
export function categoryLabel(column: string, value: string | number | null): string {
  return value === null ? (NONE_LABEL[column] ?? '(none)') : String(value);
}

/** The colour of value segment `label` (ordered blues), grey for others and none. */
export function valueSegmentColor(label: string | number | null): string {
  const i = typeof label === 'string' ? VALUE_SEGMENT_ORDER.indexOf(label) : -1;
  return i < 0 ? OTHER_COLOR : VALUE_SEGMENT_COLORS[Math.min(i, VALUE_SEGMENT_COLORS.length - 1)]!;
}
