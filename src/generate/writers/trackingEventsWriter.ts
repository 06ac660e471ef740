import { GenContext } from '../context';
import { CsvBuffer } from '../csvBuffer';
import { csvField, utf8 } from '../csvText';
import { emptyDirtCounts } from '../dirt';
import { IdCounter } from '../idCounter';
import { TRACKING_EVENTS } from '../vocab/commerce';
import { CARRIER_HUBS, CITIES, ZERO_ZIP_CITIES } from '../vocab/places';
import { CustomerState, RowWriter } from './rowWriter';

/** Every place a scan happens, as `City, ST`. */
function place(name: string, state: string): string {
  return `${name}, ${state}`;
}

/**
 * The end of a row after the timestamp, `,event_type,location,description,carrier_status`, for
 * every event type at every place (places are few: hubs, warehouses, customer cities).
 */
function rowTails(places: readonly string[]): Uint8Array[][] {
  return TRACKING_EVENTS.map((e) => places.map((p) => utf8(`,${csvField(e.type)},${csvField(p)},${csvField(e.description)},${csvField(e.code)}`)));
}

const HUB_TAILS = rowTails(CARRIER_HUBS);
const CITY_TAILS = rowTails(CITIES.map((c) => place(c.name, c.state)));
const ZERO_ZIP_TAILS = rowTails(ZERO_ZIP_CITIES.map((c) => place(c.name, c.state)));

/** logistics/tracking_events.csv: carrier scans of every parcel, in time order per parcel. */
export class TrackingEventsWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();
  private readonly warehouseTails: Uint8Array[][];
  private readonly eventIds: IdCounter;
  private readonly shipmentIds: IdCounter;

  constructor(
    ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {
    this.warehouseTails = rowTails(ctx.locations.warehouses.map((w) => place(w.city.name, w.city.state)));
    this.eventIds = new IdCounter('EVT', ctx.widths.event);
    this.shipmentIds = new IdCounter('SHP', ctx.widths.shipment);
  }

  customer({ core, shipping: s }: CustomerState): void {
    if (s.eventCount === 0) return;
    const out = this.out;
    const homeTails = core.inZeroZipCity ? ZERO_ZIP_TAILS : CITY_TAILS;
    for (let e = 0; e < s.eventCount; e++) {
      const shipment = s.eventShipment[e];
      const type = s.eventType[e];
      out.raw(this.eventIds.at(s.firstEvent + e));
      out.sep();
      out.raw(this.shipmentIds.at(s.firstShipment + shipment));
      out.sep();
      out.timestamp(s.eventDay[e], s.eventSecond[e]);
      const at = s.eventPlace[e];
      out.raw(at >= 0 ? HUB_TAILS[type][at] : at === -1 ? this.warehouseTails[type][s.origin[shipment]] : homeTails[type][core.cityIndex]);
      out.endRow();
    }
  }
}
