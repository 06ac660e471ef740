import { FUTURE_DAYS, STREAM } from './constants';
import { GenContext } from './context';
import { CustomerCore, MAX_PURCHASES, MOBILE, ONLINE, PHONE, STORE } from './customerCore';
import { DirtKind, DirtSelector } from './dirt';
import { Rng, weightTable } from './rng';
import { BASKET_SIZES, MOBILE_HOURS, OFFICE_HOURS, ONLINE_HOURS, PROMO_PERCENTS, QUANTITIES, STORE_HOURS } from './tables';
import { PAYMENT_WEIGHTS_BY_CHANNEL } from './vocab/commerce';

/** Transaction status codes (index into TRANSACTION_STATUSES). */
export const COMPLETED = 0;
export const PENDING = 1;
export const CANCELLED = 2;
export const REFUNDED = 3;

/** Dirt kinds a transaction row may carry (index stored in `Purchases.dirt`). */
export const TRANSACTION_DIRT: readonly DirtKind[] = [
  'orphan_transaction',
  'cancelled_transaction',
  'refunded_transaction',
  'transaction_without_items',
  'future_transaction',
  'non_numeric_amount',
  'impossible_date',
  'short_row',
];
/** Index of each transaction dirt kind in TRANSACTION_DIRT. */
export const TD = { orphan: 0, cancelled: 1, refunded: 2, noItems: 3, future: 4, badAmount: 5, badDate: 6, shortRow: 7 } as const;

/** Dirt kinds an item row may carry (index stored in `Purchases.itemDirt`). */
export const ITEM_DIRT: readonly DirtKind[] = ['inactive_product_item', 'unknown_product_item', 'short_row'];
/** Index of each item dirt kind in ITEM_DIRT. */
export const ID = { inactive: 0, unknown: 1, shortRow: 2 } as const;

const MAX_ITEMS_PER_TRANSACTION = 16;
const HOURS_BY_CHANNEL = [ONLINE_HOURS, MOBILE_HOURS, STORE_HOURS, OFFICE_HOURS];
const PAYMENTS_BY_CHANNEL = PAYMENT_WEIGHTS_BY_CHANNEL.map((w) => weightTable(w));

/**
 * One customer's purchase history: transactions (columns of typed arrays, reused from customer
 * to customer) and their items, with amounts in integer cents. Transaction and item numbers run
 * on across customers, so the simulation must see every customer in order.
 */
export class Purchases {
  count = 0;
  /** Number of this customer's first transaction (transaction ids are `TXN` + number). */
  firstTransaction = 1;
  readonly day = new Int32Array(MAX_PURCHASES);
  readonly second = new Int32Array(MAX_PURCHASES);
  readonly channel = new Uint8Array(MAX_PURCHASES);
  readonly status = new Uint8Array(MAX_PURCHASES);
  readonly store = new Int32Array(MAX_PURCHASES);
  readonly payment = new Uint8Array(MAX_PURCHASES);
  readonly subtotal = new Int32Array(MAX_PURCHASES);
  readonly discount = new Int32Array(MAX_PURCHASES);
  readonly tax = new Int32Array(MAX_PURCHASES);
  readonly itemStart = new Int32Array(MAX_PURCHASES);
  readonly itemCount = new Int32Array(MAX_PURCHASES);
  /** Index into TRANSACTION_DIRT, or -1. */
  readonly dirt = new Int8Array(MAX_PURCHASES);
  /** Dirt detail: the orphan customer number, or the impossible-date variant. */
  readonly dirtDetail = new Int32Array(MAX_PURCHASES);

  /** Number of this customer's first item (item ids are `ITEM` + number). */
  firstItem = 1;
  itemTotal = 0;
  /** Catalogue index of each item's product, or -(code + 1) for an unknown product. */
  readonly product = new Int32Array(MAX_PURCHASES * MAX_ITEMS_PER_TRANSACTION);
  readonly quantity = new Int32Array(MAX_PURCHASES * MAX_ITEMS_PER_TRANSACTION);
  readonly unitPrice = new Int32Array(MAX_PURCHASES * MAX_ITEMS_PER_TRANSACTION);
  readonly discountApplied = new Int32Array(MAX_PURCHASES * MAX_ITEMS_PER_TRANSACTION);
  /** Index into ITEM_DIRT, or -1. */
  readonly itemDirt = new Int8Array(MAX_PURCHASES * MAX_ITEMS_PER_TRANSACTION);

  /** Sum of completed, not future-dated totals (cents). */
  completedCents = 0;
  /** The same, from January 1 of the as-of year. */
  yearToDateCents = 0;

  private nextTransaction = 1;
  private nextItem = 1;
  private readonly rng = new Rng();
  private readonly dirtRng = new Rng();
  private readonly transactionDirt: DirtSelector;
  private readonly itemDirtSelector: DirtSelector;
  private readonly dirty: boolean;

  constructor(private readonly ctx: GenContext) {
    this.transactionDirt = new DirtSelector(TRANSACTION_DIRT, ctx.dirt);
    this.itemDirtSelector = new DirtSelector(ITEM_DIRT, ctx.dirt);
    this.dirty = this.transactionDirt.total > 0 || this.itemDirtSelector.total > 0;
  }

  /** Simulates the purchases of the customer whose core is loaded. */
  simulate(core: CustomerCore): void {
    const ctx = this.ctx;
    const catalogue = ctx.catalogue;
    const prices = catalogue.priceCents;
    const rng = this.rng.reset(ctx.seed, STREAM.purchases, core.index);
    const dirtRng = this.dirtRng;
    if (this.dirty) dirtRng.reset(ctx.seed, STREAM.purchaseDirt, core.index);
    const n = core.purchases;
    this.count = n;
    this.firstTransaction = this.nextTransaction;
    this.firstItem = this.nextItem;
    this.nextTransaction += n;
    this.completedCents = 0;
    this.yearToDateCents = 0;

    const days = this.day;
    for (let k = 0; k < n; k++) {
      const d = ctx.sampleDay(rng, core.windowStart, core.windowEnd);
      let j = k;
      while (j > 0 && days[j - 1] > d) {
        days[j] = days[j - 1];
        j--;
      }
      days[j] = d;
    }

    const asOf = ctx.asOfDay;
    const extraItems = Math.floor((core.basket - 1) / 2);
    const upsell = (core.basket - 1) / (core.basket + 2);
    const taxBp = core.city.taxBp;
    let item = 0;
    for (let k = 0; k < n; k++) {
      const day = days[k];
      const r = rng.below(100);
      const channel = r < 70 ? core.channel : r < 99 ? (core.channel + 1 + rng.below(2)) % 3 : PHONE;
      this.channel[k] = channel;
      this.store[k] = channel === STORE ? (rng.below(100) < 85 ? core.homeStore : rng.below(ctx.locations.stores.length)) : -1;
      this.payment[k] = rng.pick(PAYMENTS_BY_CHANNEL[channel]);
      this.second[k] = rng.pick(HOURS_BY_CHANNEL[channel]) * 3600 + rng.below(3600);
      this.status[k] = day >= asOf - 2 && rng.below(100) < 40 ? PENDING : COMPLETED;

      const month = ctx.monthOf(day);
      const promoPercent = month >= 11 ? 35 : 18;
      const lines = Math.min(MAX_ITEMS_PER_TRANSACTION, rng.pick(BASKET_SIZES) + 1 + extraItems);
      this.itemStart[k] = item;
      this.itemCount[k] = lines;
      let subtotal = 0;
      let discount = 0;
      for (let l = 0; l < lines; l++, item++) {
        let p = catalogue.pick(rng, day);
        if (rng.unit() < upsell) {
          const q = catalogue.pick(rng, day);
          if (prices[q] > prices[p]) p = q;
        }
        const many = rng.pick(QUANTITIES) + 1;
        const promo = rng.below(100) < promoPercent ? PROMO_PERCENTS[rng.below(PROMO_PERCENTS.length)] : 0;
        let unit = prices[p];
        // Several of a cheap thing; rarely two of an expensive one.
        const qty = unit < 3000 ? many : unit < 15000 ? Math.min(many, 2) : 1;
        let kind = -1;
        if (this.dirty) {
          kind = this.itemDirtSelector.choose(dirtRng.next());
          if (kind === ID.inactive) {
            p = catalogue.notActive[dirtRng.below(catalogue.notActive.length)];
            unit = prices[p];
          } else if (kind === ID.unknown) p = -1 - dirtRng.below(9000);
        }
        const gross = unit * qty;
        const off = promo === 0 ? 0 : Math.floor((gross * promo) / 100);
        this.product[item] = p;
        this.quantity[item] = qty;
        this.unitPrice[item] = unit;
        this.discountApplied[item] = off;
        this.itemDirt[item] = kind;
        subtotal += gross;
        discount += off;
      }
      this.subtotal[k] = subtotal;
      this.discount[k] = discount;
      const tax = Math.floor(((subtotal - discount) * taxBp + 5000) / 10000);
      this.tax[k] = tax;

      let kind = -1;
      if (this.dirty) {
        kind = this.transactionDirt.choose(dirtRng.next());
        if (kind === TD.orphan) this.dirtDetail[k] = ctx.orphanCustomerNumber(dirtRng);
        else if (kind === TD.cancelled) this.status[k] = CANCELLED;
        else if (kind === TD.refunded) this.status[k] = REFUNDED;
        else if (kind === TD.future) days[k] = asOf + 1 + dirtRng.below(FUTURE_DAYS);
        else if (kind === TD.badDate) this.dirtDetail[k] = dirtRng.below(IMPOSSIBLE_MONTH_DAYS.length);
      }
      this.dirt[k] = kind;
      if (this.status[k] === COMPLETED && kind !== TD.future) {
        const total = subtotal + tax - discount;
        this.completedCents += total;
        if (day >= ctx.yearStart) this.yearToDateCents += total;
      }
    }
    this.itemTotal = item;
    this.nextItem += item;
  }

  /** Total amount of transaction k in cents. */
  total(k: number): number {
    return this.subtotal[k] + this.tax[k] - this.discount[k];
  }
}

/** Month-day suffixes that make a date impossible (dirt kind impossible_date). */
export const IMPOSSIBLE_MONTH_DAYS: readonly string[] = ['-02-30', '-02-31', '-04-31', '-06-31', '-09-31', '-11-31', '-13-01', '-00-12'];

/** Whether a channel ships to the customer (online, mobile and phone orders do). */
export function isShippedChannel(channel: number): boolean {
  return channel === ONLINE || channel === MOBILE || channel === PHONE;
}

