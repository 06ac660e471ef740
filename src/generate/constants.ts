/** Numbers that shape the generated history. */

/** Days of purchase history before the as-of date (about two years). */
export const HISTORY_DAYS = 730;
/** Days after the as-of date that future-dated dirt may reach. */
export const FUTURE_DAYS = 30;

/** Independent random streams; each entity of each stream has its own generator state. */
export const STREAM = {
  core: 1,
  identity: 2,
  customerDirt: 3,
  purchases: 4,
  purchaseDirt: 5,
  shipping: 6,
  app: 7,
  tickets: 8,
  loyalty: 9,
  loyaltyDirt: 10,
  products: 20,
  locations: 21,
  suppliers: 22,
  productSuppliers: 23,
  inventory: 24,
} as const;
