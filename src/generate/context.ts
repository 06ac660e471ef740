import { civilFromDay, dayFromCivil, weekday } from './calendar';
import { Catalogue } from './catalogue';
import { FUTURE_DAYS, HISTORY_DAYS } from './constants';
import { DateTable } from './dateTable';
import { dirtThresholds, DirtKind } from './dirt';
import { Locations } from './locations';
import { Rng, weightTable } from './rng';
import { CITIES, ZERO_ZIP_CITIES } from './vocab/places';

/** The validated inputs of one generation; everything the data depends on. */
export interface GenerateSettings {
  /** Number of customers (>= 1). */
  readonly customers: number;
  /** 32-bit unsigned seed. */
  readonly seed: number;
  /** The as-of date, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** The as-of date as a day number. */
  readonly asOfDay: number;
  /** Dirt rate in [0, 1]. */
  readonly dirtyRate: number;
}



/** Widths of the zero-padded numbers in generated ids. */
export interface IdWidths {
  readonly customer: number;
  readonly transaction: number;
  readonly item: number;
  readonly ticket: number;
  readonly usage: number;
  readonly shipment: number;
  readonly event: number;
}

const MONTH_WEIGHTS = [80, 80, 90, 95, 100, 100, 105, 110, 95, 100, 140, 170];
const WEEKDAY_WEIGHTS = [110, 95, 95, 95, 100, 105, 120];

/**
 * Everything shared by the row writers of one generation: settings, id widths, the seasonal
 * calendar, the product catalogue, stores and warehouses, dirt thresholds. It is rebuilt from
 * the settings alone (in every worker), so every thread sees the same world.
 */
export class GenContext {
  readonly customers: number;
  readonly seed: number;
  readonly asOfDay: number;
  readonly historyStart: number;
  readonly widths: IdWidths;
  readonly dates: DateTable;
  readonly dirt: Readonly<Record<DirtKind, number>>;
  readonly catalogue: Catalogue;
  readonly locations: Locations;
  /** Draw table of CITIES by population. */
  readonly cityTable = weightTable(CITIES.map((c) => c.weight));
  /** Draw table of ZERO_ZIP_CITIES by population. */
  readonly zeroZipCityTable = weightTable(ZERO_ZIP_CITIES.map((c) => c.weight));
  /** First day of the as-of date's year (for year-to-date loyalty points). */
  readonly yearStart: number;
  /** Calendar month (1-12) of each day from historyStart to the last future-dirt day. */
  readonly monthOfDay: Uint8Array;
  /** Cumulative seasonal weight: dayWeightSum[k] = sum of weights of days historyStart..historyStart+k-1. */
  private readonly dayWeightSum: Float64Array;
  /** For each slot j, the day whose cumulative weight range holds j / DAY_INDEX_SLOTS of the total. */
  private readonly dayIndex: Int32Array;

  constructor(readonly settings: GenerateSettings) {
    this.customers = settings.customers;
    this.seed = settings.seed;
    this.asOfDay = settings.asOfDay;
    this.historyStart = settings.asOfDay - HISTORY_DAYS;
    const cw = Math.max(7, String(2 * settings.customers).length);
    this.widths = { customer: cw, transaction: cw + 2, item: cw + 3, ticket: cw + 2, usage: cw + 3, shipment: cw + 2, event: cw + 3 };
    this.dates = new DateTable(settings.asOfDay - 40000, settings.asOfDay + FUTURE_DAYS + 60);
    this.dirt = dirtThresholds(settings.dirtyRate);
    this.dayWeightSum = seasonalWeights(this.historyStart, settings.asOfDay);
    this.dayIndex = cumulativeIndex(this.dayWeightSum, DAY_INDEX_SLOTS);
    this.yearStart = dayFromCivil(civilFromDay(settings.asOfDay)[0], 1, 1);
    this.monthOfDay = new Uint8Array(HISTORY_DAYS + FUTURE_DAYS + 2);
    for (let d = 0; d < this.monthOfDay.length; d++) this.monthOfDay[d] = civilFromDay(this.historyStart + d)[1];
    this.catalogue = new Catalogue(settings.seed, settings.customers, this.historyStart, settings.asOfDay);
    this.locations = new Locations(settings.seed, settings.customers);
  }

  /** Draws a purchase day in [from, to] (within the history window), weighted by season and weekday. */
  sampleDay(rng: Rng, from: number, to: number): number {
    const sums = this.dayWeightSum;
    const lo = sums[from - this.historyStart];
    const target = lo + Math.floor((rng.next() * (sums[to - this.historyStart + 1] - lo)) / 4294967296);
    // The day k with sums[k] <= target < sums[k + 1]: start from the index, then step.
    let k = this.dayIndex[Math.floor((target * DAY_INDEX_SLOTS) / sums[sums.length - 1])];
    while (k > 0 && sums[k] > target) k--;
    while (sums[k + 1] <= target) k++;
    return this.historyStart + k;
  }

  /** Calendar month (1-12) of a day in the history window or the future-dirt days. */
  monthOf(day: number): number {
    return this.monthOfDay[day - this.historyStart];
  }

  /** A customer id that does not exist (for orphan dirt): beyond the last customer. */
  orphanCustomerNumber(rng: Rng): number {
    return this.customers + 1 + rng.below(this.customers);
  }
}

/** Slots of the index into the cumulative day weights. */
const DAY_INDEX_SLOTS = 4096;

/** index[j] = the k with sums[k] <= j * total / slots < sums[k + 1] (clamped to the last k). */
function cumulativeIndex(sums: Float64Array, slots: number): Int32Array {
  const total = sums[sums.length - 1];
  const index = new Int32Array(slots + 1);
  let k = 0;
  for (let j = 0; j <= slots; j++) {
    const at = (j * total) / slots;
    while (k < sums.length - 2 && sums[k + 1] <= at) k++;
    index[j] = k;
  }
  return index;
}

/** Seasonal weight of each day from `first` to `last`, summed cumulatively (integers, exact). */
function seasonalWeights(first: number, last: number): Float64Array {
  const sums = new Float64Array(last - first + 2);
  const special = new Map<number, number>();
  const [y0] = civilFromDay(first);
  const [y1] = civilFromDay(last);
  for (let y = y0; y <= y1; y++) {
    const nov1 = dayFromCivil(y, 11, 1);
    const thanksgiving = nov1 + ((4 - weekday(nov1) + 7) % 7) + 21;
    special.set(thanksgiving + 1, 300); // Black Friday
    special.set(thanksgiving + 2, 180);
    special.set(thanksgiving + 4, 250); // Cyber Monday
    for (let d = dayFromCivil(y, 12, 10); d <= dayFromCivil(y, 12, 22); d++) special.set(d, 130);
    special.set(dayFromCivil(y, 7, 10), 180); // mid-summer sale
    special.set(dayFromCivil(y, 7, 11), 180);
  }
  for (let d = first; d <= last; d++) {
    const [, month] = civilFromDay(d);
    const w = Math.floor((MONTH_WEIGHTS[month - 1] * WEEKDAY_WEIGHTS[weekday(d)] * (special.get(d) ?? 100)) / 100);
    sums[d - first + 1] = sums[d - first] + w;
  }
  return sums;
}
