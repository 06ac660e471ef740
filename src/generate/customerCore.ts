import { STREAM } from './constants';
import { GenContext } from './context';
import { Rng } from './rng';
import { ONLINE_HOURS } from './tables';
import { CITIES, City, ZERO_ZIP_CITIES } from './vocab/places';

/** Channel codes (index into CHANNELS). */
export const ONLINE = 0;
export const MOBILE = 1;
export const STORE = 2;
export const PHONE = 3;

/** Most purchases one customer makes in the history window. */
export const MAX_PURCHASES = 60;

/**
 * The latent profile of one customer, shared by every file: when they registered, how old they
 * are, where they live, how often and how big they buy, when they stopped, how much they use the
 * app and contact support. Everything else about the customer is drawn from it.
 */
export class CustomerCore {
  /** 0-based customer index; the id number is index + 1. */
  index = 0;
  regDay = 0;
  regSecond = 0;
  dobDay = 0;
  /** 0 F, 1 M, 2 X. */
  gender = 0;
  /** Index into CUSTOMER_SEGMENTS (0 Premium, 1 Standard, 2 Basic). */
  segment = 0;
  /** Preferred channel (ONLINE, MOBILE, STORE). */
  channel = 0;
  /** Index into CITIES, or into ZERO_ZIP_CITIES when inZeroZipCity. */
  cityIndex = 0;
  inZeroZipCity = false;
  city: City = CITIES[0];
  zip = 0;
  homeStore = 0;
  /** Number of purchases in the history window. */
  purchases = 0;
  /** First and last day purchases may fall on (inclusive). */
  windowStart = 0;
  windowEnd = 0;
  /** Basket scale (>= 1): bigger and pricier baskets. */
  basket = 1;
  isMember = false;
  appSessions = 0;
  appStart = 0;
  appEnd = 0;
  /** Usual device (index into DEVICE_TYPES). */
  device = 0;
  tickets = 0;
  private readonly rng = new Rng();

  constructor(private readonly ctx: GenContext) {}

  /** Draws the profile of customer `index`. */
  load(index: number): void {
    const ctx = this.ctx;
    const rng = this.rng.reset(ctx.seed, STREAM.core, index);
    const asOf = ctx.asOfDay;
    this.index = index;

    const t = rng.below(100);
    const tenure = t < 4 ? rng.below(31) : t < 10 ? 31 + rng.below(60) : t < 28 ? 91 + rng.below(275) : 366 + rng.below(2900);
    this.regDay = asOf - tenure;
    this.regSecond = rng.pick(ONLINE_HOURS) * 3600 + rng.below(3600);

    const a = rng.below(100);
    const age = a < 16 ? rng.between(18, 24) : a < 50 ? rng.between(25, 39) : a < 77 ? rng.between(40, 54) : rng.between(55, 84);
    this.dobDay = asOf - (age * 365 + Math.floor(age / 4) + rng.below(365));
    // Nobody registered before their sixteenth birthday.
    this.regDay = Math.max(this.regDay, this.dobDay + 16 * 365 + 4);

    const g = rng.below(100);
    this.gender = g < 49 ? 0 : g < 97 ? 1 : 2;
    const s = rng.below(100);
    this.segment = s < 20 ? 0 : s < 65 ? 1 : 2;
    const c = rng.below(100);
    if (age < 25) this.channel = c < 45 ? MOBILE : c < 80 ? ONLINE : STORE;
    else if (age >= 55) this.channel = c < 50 ? STORE : c < 85 ? ONLINE : MOBILE;
    else this.channel = c < 40 ? ONLINE : c < 73 ? STORE : MOBILE;

    this.cityIndex = rng.pick(ctx.cityTable);
    this.zip = CITIES[this.cityIndex].zip + rng.below(20);

    // Purchases: some never buy, many buy once, the rest follow a heavy tail.
    const premium = this.segment === 0;
    const kind = rng.below(100);
    let n: number;
    if (kind < (premium ? 8 : 13)) n = 0;
    else if (kind < (premium ? 33 : 45)) n = 1;
    else {
      const scale = premium ? 5.5 : this.segment === 1 ? 4.5 : 3.5;
      n = Math.min(MAX_PURCHASES, 2 + Math.floor(scale * (rng.pareto2() - 1)));
    }
    this.basket = Math.min(8, rng.pareto2() * (premium ? 1.3 : 1));

    // Lapsed customers stop buying some days before the as-of date.
    const l = rng.below(100);
    let lapse = l < 45 ? 0 : l < 62 ? rng.below(60) : l < 78 ? 60 + rng.below(120) : 180 + rng.below(551);
    this.windowStart = Math.max(this.regDay + 1, ctx.historyStart);
    const span = asOf - this.windowStart + 1;
    if (span <= 0) n = 0;
    else {
      if (n > 1 && span < 731) n = Math.max(1, Math.floor((n * span + 365) / 731));
      lapse = Math.min(lapse, span - 1);
    }
    this.windowEnd = asOf - Math.max(0, lapse);
    this.purchases = n;

    this.isMember = rng.percent(n === 0 ? 25 : Math.min(92, 45 + 8 * n));

    let appPercent = this.channel === MOBILE ? 85 : this.channel === ONLINE ? 50 : 28;
    if (age < 25) appPercent += 10;
    else if (age >= 55) appPercent -= 15;
    const appUser = rng.percent(appPercent);
    const sessions = Math.min(150, 1 + Math.floor((1 + n) * rng.pareto2() * 0.9));
    this.appStart = Math.max(this.regDay, asOf - 364);
    this.appEnd = asOf - Math.min(Math.max(0, lapse), 364);
    this.appSessions = appUser && this.appStart <= this.appEnd ? sessions : 0;
    const d = rng.below(100);
    this.device = this.channel === MOBILE ? (d < 55 ? 0 : 1) : d < 35 ? 0 : d < 65 ? 1 : 2;

    let tickets = 0;
    const trials = Math.min(n, 20) + 1;
    for (let k = 0; k < trials; k++) if (rng.below(100) < 9) tickets++;
    this.tickets = tickets;

    // Dirt: some customers live where zip codes start with 0.
    const relocate = rng.chance32(ctx.dirt.leading_zero_zip);
    const zeroCity = rng.pick(ctx.zeroZipCityTable);
    const zeroZipOffset = rng.below(20);
    this.inZeroZipCity = relocate;
    if (relocate) {
      this.cityIndex = zeroCity;
      this.zip = ZERO_ZIP_CITIES[zeroCity].zip + zeroZipOffset;
    }
    this.city = relocate ? ZERO_ZIP_CITIES[zeroCity] : CITIES[this.cityIndex];
    this.homeStore = ctx.locations.homeStore(rng, this.cityIndex, relocate);
  }
}
