import { STREAM } from './constants';
import { GenContext } from './context';
import { CustomerCore, MAX_PURCHASES } from './customerCore';
import { COMPLETED, isShippedChannel, PENDING, Purchases, REFUNDED, TD } from './purchases';
import { Rng, weightTable } from './rng';
import { DELIVERY_DELAYS, IN_TRANSIT_SCANS } from './tables';
import { CARRIER_HUBS } from './vocab/places';
import { CARRIER_WEIGHTS, SERVICE_BASE_CENTS, SERVICE_LEVEL_WEIGHTS, SERVICE_TRANSIT_DAYS } from './vocab/commerce';

/** Delivery status codes (index into DELIVERY_STATUSES). */
export const PROCESSING = 0;
export const IN_TRANSIT = 1;
export const DELIVERED = 3;
export const DELAYED = 4;
export const RETURNED = 5;
export const LOST = 6;

/** Tracking event codes (index into TRACKING_EVENTS). */
export const EV_LABEL = 0;
export const EV_PICKED_UP = 1;
export const EV_IN_TRANSIT = 2;
export const EV_OUT_FOR_DELIVERY = 3;
export const EV_DELIVERED = 4;
export const EV_EXCEPTION = 5;
export const EV_RETURNED = 6;

/** Parcel box sizes by weight class. */
export const BOX_SIZES: readonly string[] = ['25x18x5 cm', '35x25x15 cm', '45x35x25 cm', '60x40x40 cm', '80x60x50 cm'];

const CARRIER_TABLE = weightTable(CARRIER_WEIGHTS);
const SERVICE_TABLE = weightTable(SERVICE_LEVEL_WEIGHTS);
const MAX_EVENTS = MAX_PURCHASES * 8;
/** Per-kilogram shipping price in cents per service level. */
const PER_KG_CENTS = [50, 75, 100, 150];

/**
 * The parcels of one customer's shipped orders (online, mobile and phone orders that were not
 * cancelled nor future-dated) and their tracking scans, none of them after the as-of date.
 */
export class Shipping {
  count = 0;
  /** Number of this customer's first shipment (ids are `SHP` + number). */
  firstShipment = 1;
  readonly transaction = new Int32Array(MAX_PURCHASES);
  readonly carrier = new Uint8Array(MAX_PURCHASES);
  /** Random digits of the tracking number (two 32-bit draws). */
  readonly trackingA = new Uint32Array(MAX_PURCHASES);
  readonly trackingB = new Uint32Array(MAX_PURCHASES);
  readonly service = new Uint8Array(MAX_PURCHASES);
  readonly origin = new Int32Array(MAX_PURCHASES);
  readonly grams = new Int32Array(MAX_PURCHASES);
  /** -1 when not shipped yet. */
  readonly shipDay = new Int32Array(MAX_PURCHASES);
  readonly estimatedDay = new Int32Array(MAX_PURCHASES);
  /** -1 when not delivered. */
  readonly actualDay = new Int32Array(MAX_PURCHASES);
  readonly deliveryStatus = new Uint8Array(MAX_PURCHASES);
  readonly costCents = new Int32Array(MAX_PURCHASES);

  /** Number of this customer's first tracking event (ids are `EVT` + number). */
  firstEvent = 1;
  eventCount = 0;
  readonly eventShipment = new Int32Array(MAX_EVENTS);
  readonly eventDay = new Int32Array(MAX_EVENTS);
  readonly eventSecond = new Int32Array(MAX_EVENTS);
  readonly eventType = new Uint8Array(MAX_EVENTS);
  /** Index into CARRIER_HUBS, or -1 for the origin warehouse, -2 for the customer's city. */
  readonly eventPlace = new Int32Array(MAX_EVENTS);

  private nextShipment = 1;
  private nextEvent = 1;
  private readonly rng = new Rng();

  constructor(private readonly ctx: GenContext) {}

  /** Simulates the parcels of the customer whose purchases were simulated. */
  simulate(core: CustomerCore, purchases: Purchases): void {
    const ctx = this.ctx;
    const asOf = ctx.asOfDay;
    const rng = this.rng.reset(ctx.seed, STREAM.shipping, core.index);
    const grams = ctx.catalogue.grams;
    this.firstShipment = this.nextShipment;
    this.firstEvent = this.nextEvent;
    let s = 0;
    let e = 0;
    for (let k = 0; k < purchases.count; k++) {
      const status = purchases.status[k];
      if (!isShippedChannel(purchases.channel[k])) continue;
      if (status !== COMPLETED && status !== PENDING && status !== REFUNDED) continue;
      if (purchases.dirt[k] === TD.future) continue;
      const orderDay = purchases.day[k];
      this.transaction[s] = k;
      const carrier = rng.pick(CARRIER_TABLE);
      const service = rng.pick(SERVICE_TABLE);
      this.carrier[s] = carrier;
      this.service[s] = service;
      this.trackingA[s] = rng.next();
      this.trackingB[s] = rng.next();
      this.origin[s] = ctx.locations.originFor(rng, core.city.region);
      let weight = 0;
      const first = purchases.itemStart[k];
      for (let i = first; i < first + purchases.itemCount[k]; i++) {
        const p = purchases.product[i];
        weight += (p >= 0 ? grams[p] : 500) * purchases.quantity[i];
      }
      weight += 150; // packaging
      this.grams[s] = weight;
      const free = service === 0 && purchases.subtotal[k] >= 5000;
      this.costCents[s] = free ? 0 : SERVICE_BASE_CENTS[service] + Math.floor((weight * PER_KG_CENTS[service]) / 1000);

      const transit = SERVICE_TRANSIT_DAYS[service];
      const handling = service === 3 ? 0 : rng.below(2) + (orderDay === asOf ? 1 : 0);
      const shipDay = orderDay + handling;
      const estimated = shipDay + rng.between(transit[0], transit[1]);
      const lost = rng.below(1000) < 5;
      const actual = Math.max(shipDay + 1, estimated + rng.pick(DELIVERY_DELAYS) - 1);
      const scans = rng.pick(IN_TRANSIT_SCANS);
      const hubA = rng.below(CARRIER_HUBS.length);
      const labelSecond = Math.min(86399, purchases.second[k] + 600 + rng.below(7200));
      const pickupDraw = 8 * 3600 + rng.below(9 * 3600);
      const outSecond = 6 * 3600 + rng.below(3 * 3600);
      const deliveredSecond = outSecond + 1800 + rng.below(9 * 3600);
      const returnDays = 3 + rng.below(8);
      this.estimatedDay[s] = estimated;
      // A parcel picked up on the order day is picked up after its label was printed.
      const pickupSecond = shipDay === orderDay ? Math.min(86399, Math.max(pickupDraw, labelSecond + 1800)) : pickupDraw;

      // Label first: every shipment has one (no scan is after the as-of date).
      const ship = status !== PENDING && shipDay <= asOf;
      this.eventShipment[e] = s;
      this.eventDay[e] = orderDay;
      this.eventSecond[e] = labelSecond;
      this.eventType[e] = 0;
      this.eventPlace[e] = -1;
      e++;
      if (!ship) {
        this.shipDay[s] = -1;
        this.actualDay[s] = -1;
        this.deliveryStatus[s] = PROCESSING;
        s++;
        continue;
      }
      this.shipDay[s] = shipDay;
      e = this.event(e, s, shipDay, pickupSecond, 1, -1);
      // In-transit scans fall between shipping and delivery.
      const lastTransitDay = lost ? estimated : actual - 1;
      for (let t = 0; t < scans; t++) {
        const day = Math.min(shipDay + 1 + t, lastTransitDay);
        if (day > asOf || day <= shipDay) break;
        e = this.event(e, s, day, 3600 * (1 + t * 9) + (labelSecond % 3600), 2, (hubA + t) % CARRIER_HUBS.length);
      }
      if (lost) {
        if (estimated + 7 <= asOf) {
          e = this.event(e, s, estimated + 1, pickupSecond, 5, -2);
          this.deliveryStatus[s] = LOST;
        } else this.deliveryStatus[s] = estimated < asOf ? DELAYED : IN_TRANSIT;
        this.actualDay[s] = -1;
      } else if (actual <= asOf) {
        e = this.event(e, s, actual, outSecond, 3, -2);
        e = this.event(e, s, actual, deliveredSecond, 4, -2);
        this.actualDay[s] = actual;
        this.deliveryStatus[s] = DELIVERED;
        if (status === REFUNDED && actual + returnDays <= asOf) {
          e = this.event(e, s, actual + returnDays, pickupSecond, 6, -2);
          this.deliveryStatus[s] = RETURNED;
        }
      } else {
        this.actualDay[s] = -1;
        if (estimated < asOf) {
          e = this.event(e, s, estimated, outSecond, 5, -2);
          this.deliveryStatus[s] = DELAYED;
        } else this.deliveryStatus[s] = IN_TRANSIT;
      }
      s++;
    }
    this.count = s;
    this.eventCount = e;
    this.nextShipment += s;
    this.nextEvent += e;
  }

  private event(e: number, shipment: number, day: number, second: number, type: number, place: number): number {
    this.eventShipment[e] = shipment;
    this.eventDay[e] = day;
    this.eventSecond[e] = second;
    this.eventType[e] = type;
    this.eventPlace[e] = place;
    return e + 1;
  }
}
