import { weightTable } from './rng';

/** Draw tables for small discrete distributions used across the generator. */

/** Hour of day of store purchases. */
export const STORE_HOURS = weightTable([0, 0, 0, 0, 0, 0, 0, 0, 1, 5, 8, 10, 12, 12, 11, 11, 12, 13, 14, 12, 9, 5, 0, 0]);
/** Hour of day of online purchases, registrations and tickets by e-mail. */
export const ONLINE_HOURS = weightTable([3, 2, 1, 1, 1, 2, 4, 6, 8, 9, 10, 10, 11, 10, 9, 9, 10, 11, 13, 15, 16, 14, 9, 5]);
/** Hour of day of mobile purchases and app sessions. */
export const MOBILE_HOURS = weightTable([4, 2, 1, 1, 1, 2, 5, 9, 10, 8, 7, 8, 11, 9, 7, 7, 9, 12, 14, 16, 17, 16, 12, 7]);
/** Hour of day of phone orders and support work. */
export const OFFICE_HOURS = weightTable([0, 0, 0, 0, 0, 0, 0, 1, 6, 10, 12, 12, 10, 11, 12, 11, 10, 8, 5, 2, 1, 0, 0, 0]);

/** Number of items in a basket (index + 1): mean about 3.1. */
export const BASKET_SIZES = weightTable([28, 22, 16, 11, 8, 5, 4, 3, 2, 1]);
/** Quantity of one line (index + 1). */
export const QUANTITIES = weightTable([78, 14, 5, 2, 1]);
/** Promotion discount percent of a discounted line. */
export const PROMO_PERCENTS: readonly number[] = [10, 15, 20, 25];

/** Cents endings of prices. */
export const PRICE_ENDINGS: readonly number[] = [99, 99, 99, 99, 99, 99, 99, 0, 0, 49, 95];

/** Satisfaction score (index + 1) by how well a ticket went: [good, average, poor]. */
export const SATISFACTION_BY_OUTCOME = [
  weightTable([2, 3, 10, 35, 50]),
  weightTable([6, 10, 24, 35, 25]),
  weightTable([25, 25, 25, 15, 10]),
];

/** Resolution time range in hours per ticket priority (low, medium, high, urgent). */
export const RESOLUTION_HOURS: readonly (readonly [number, number])[] = [[8, 120], [4, 72], [2, 36], [1, 12]];

/** Number of in-transit scans of a parcel. */
export const IN_TRANSIT_SCANS = weightTable([40, 45, 15]);
/** Delivery delay in days against the estimate (index - 1: one day early to three late). */
export const DELIVERY_DELAYS = weightTable([12, 70, 10, 5, 3]);
