import { civilFromDay, dayFromCivil } from './calendar';
import { FUTURE_DAYS, STREAM } from './constants';
import { Rng, weightTable } from './rng';
import { CATEGORIES, COLOURS, PRODUCT_ADJECTIVES, Season, SEASON_MONTHS, Subcategory } from './vocab/products';
import { PRICE_ENDINGS } from './tables';
import { utf8 } from './csvText';

/** Product status codes. */
export const PRODUCT_STATUS = ['active', 'inactive', 'discontinued'] as const;

const SEASONS: readonly Season[] = ['none', 'winter', 'summer', 'holiday', 'school'];

/** Number of products for a number of customers: 5 * sqrt(N), at least 60, at most 5000. */
export function productCount(customers: number): number {
  return Math.max(60, Math.min(5000, Math.floor(5 * Math.sqrt(customers))));
}

/** Slots of a month's product draw table (a power of two; products fit in 16 bits). */
const PICK_SHIFT = 16;
const PICK_SLOTS = 2 ** (32 - PICK_SHIFT);

/** Width of product id numbers (`PROD000123`). */
export const PRODUCT_ID_WIDTH = 6;
/** Product numbers from here on are never in the catalogue (dirt kind unknown_product_item). */
export const UNKNOWN_PRODUCT_BASE = 990000;

/**
 * The product catalogue: columns of typed arrays, plus, for every month of the sales history,
 * a draw table over the products that were active and launched by then, by popularity
 * (seasonal products weigh more in their season).
 */
export class Catalogue {
  readonly count: number;
  readonly idBytes: Uint8Array[] = [];
  readonly names: string[] = [];
  readonly categories: string[] = [];
  readonly subcategories: Subcategory[] = [];
  readonly brands: string[] = [];
  readonly colours: string[] = [];
  readonly sizes: string[] = [];
  readonly priceCents: Int32Array;
  readonly costCents: Int32Array;
  readonly grams: Int32Array;
  readonly createdDay: Int32Array;
  /** Index into PRODUCT_STATUS. */
  readonly status: Uint8Array;
  /** Products that are not active (inactive or discontinued). */
  readonly notActive: Int32Array;
  private readonly firstDay: number;
  /** Month table index of each day from firstDay. */
  private readonly dayMonth: Uint8Array;
  private readonly monthTables: Uint16Array[] = [];

  constructor(seed: number, customers: number, historyStart: number, asOfDay: number) {
    const n = productCount(customers);
    this.count = n;
    this.priceCents = new Int32Array(n);
    this.costCents = new Int32Array(n);
    this.grams = new Int32Array(n);
    this.createdDay = new Int32Array(n);
    this.status = new Uint8Array(n);
    const season = new Uint8Array(n);
    const popularity = new Int32Array(n);
    const categoryTable = weightTable(CATEGORIES.map((c) => c.weight));
    const rng = new Rng();
    for (let p = 0; p < n; p++) {
      rng.reset(seed, STREAM.products, p);
      // The first products cover every category once, so every category group is on sale.
      const cat = CATEGORIES[p < CATEGORIES.length ? p : rng.pick(categoryTable)];
      const sub = cat.subcategories[rng.below(cat.subcategories.length)];
      const { noun, season: s } = sub.nouns[rng.below(sub.nouns.length)];
      const brand = cat.brands[rng.below(cat.brands.length)];
      const adjective = PRODUCT_ADJECTIVES[rng.below(PRODUCT_ADJECTIVES.length)];
      const style = rng.below(100);
      this.names.push(style < 45 ? `${adjective} ${noun}` : style < 75 ? `${noun} ${adjective}` : `${brand} ${noun}`);
      this.categories.push(cat.name);
      this.subcategories.push(sub);
      this.brands.push(brand);
      this.colours.push(sub.coloured ? COLOURS[rng.below(COLOURS.length)] : '');
      this.sizes.push(sub.sizes[rng.below(sub.sizes.length)]);
      this.idBytes.push(utf8(`PROD${String(p + 1).padStart(PRODUCT_ID_WIDTH, '0')}`));
      // Prices lean cheap: dollars = min + (max - min) * u^3.
      const u = rng.unit();
      const dollars = sub.priceMin + Math.floor((sub.priceMax - sub.priceMin) * u * u * u);
      const ending = PRICE_ENDINGS[rng.below(PRICE_ENDINGS.length)];
      const price = ending === 0 ? dollars * 100 : Math.max(1, dollars - 1) * 100 + ending;
      this.priceCents[p] = price;
      this.costCents[p] = Math.floor((price * (35 + rng.below(36))) / 100);
      this.grams[p] = sub.gramsMin + rng.below(sub.gramsMax - sub.gramsMin + 1);
      season[p] = SEASONS.indexOf(s);
      // Some products are hits; cheaper products sell more often.
      popularity[p] = 1 + Math.floor((600 / (1 + rng.below(40))) * (4000 / (dollars + 40)));
      // Most products launched before the history window; some during it; the first ones early.
      const launchedLate = p >= CATEGORIES.length && rng.below(100) < 18;
      this.createdDay[p] = launchedLate
        ? historyStart + rng.below(asOfDay - 14 - historyStart)
        : historyStart - 30 - rng.below(1500);
      const st = rng.below(100);
      this.status[p] = p < CATEGORIES.length ? 0 : st < 86 ? 0 : st < 93 ? 1 : 2;
    }
    // Small catalogues still get one inactive and one discontinued product.
    if (!this.status.includes(1)) this.status[n - 2] = 1;
    if (!this.status.includes(2)) this.status[n - 1] = 2;
    const notActive: number[] = [];
    for (let p = 0; p < n; p++) if (this.status[p] !== 0) notActive.push(p);
    this.notActive = Int32Array.from(notActive);

    // One popularity table per calendar month of the history (and the future-dirt days).
    this.firstDay = historyStart;
    const lastDay = asOfDay + FUTURE_DAYS + 1;
    this.dayMonth = new Uint8Array(lastDay - historyStart + 1);
    const [y0, m0] = civilFromDay(historyStart);
    let month = 0;
    for (let y = y0, m = m0; ; month++) {
      const start = dayFromCivil(y, m, 1);
      if (start > lastDay) break;
      const next = m === 12 ? dayFromCivil(y + 1, 1, 1) : dayFromCivil(y, m + 1, 1);
      for (let d = Math.max(start, historyStart); d < Math.min(next, lastDay + 1); d++) this.dayMonth[d - historyStart] = month;
      this.buildMonth(m, start, season, popularity);
      if (m === 12) {
        y++;
        m = 1;
      } else m++;
    }
  }

  /** Draws an active product on sale on `day`, by popularity and season. */
  pick(rng: Rng, day: number): number {
    return this.monthTables[this.dayMonth[day - this.firstDay]][rng.next() >>> PICK_SHIFT];
  }

  /**
   * Builds the month's draw table: each product on sale gets slots in proportion to its weight
   * (at least one), so a draw is one random slot.
   */
  private buildMonth(month: number, monthStart: number, season: Uint8Array, popularity: Int32Array): void {
    const ids: number[] = [];
    const weights: number[] = [];
    let total = 0;
    for (let p = 0; p < this.count; p++) {
      if (this.status[p] !== 0 || this.createdDay[p] > monthStart) continue;
      const s = SEASONS[season[p]];
      const weight = popularity[p] * (s === 'none' ? 4 : SEASON_MONTHS[s].includes(month) ? 10 : 1);
      ids.push(p);
      weights.push(weight);
      total += weight;
    }
    const table = new Uint16Array(PICK_SLOTS);
    const spare = PICK_SLOTS - ids.length;
    const slots = weights.map((w) => 1 + Math.floor((w * spare) / total));
    let left = PICK_SLOTS - slots.reduce((a, b) => a + b, 0);
    for (let i = 0; left > 0; i = (i + 1) % slots.length, left--) slots[i]++;
    let at = 0;
    ids.forEach((p, i) => {
      table.fill(p, at, at + slots[i]);
      at += slots[i];
    });
    this.monthTables.push(table);
  }
}
