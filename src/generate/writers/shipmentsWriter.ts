import { GenContext } from '../context';
import { CsvBuffer } from '../csvBuffer';
import { fieldBytesList, utf8 } from '../csvText';
import { emptyDirtCounts } from '../dirt';
import { IdCounter } from '../idCounter';
import { BOX_SIZES } from '../shipping';
import { CARRIERS, DELIVERY_STATUSES, SERVICE_LEVELS } from '../vocab/commerce';
import { CustomerState, RowWriter } from './rowWriter';

const CARRIER_BYTES = fieldBytesList(CARRIERS);
const SERVICE_BYTES = fieldBytesList(SERVICE_LEVELS);
const STATUS_BYTES = fieldBytesList(DELIVERY_STATUSES);
const BOX_BYTES = fieldBytesList(BOX_SIZES);
const ALPHANUMERIC = utf8('0123456789ABCDEFGHJKLMNPRSTVWXYZ');
const UPS_PREFIX = utf8('1Z');
const USPS_PREFIX = utf8('94');
const encoder = new TextEncoder();

/** logistics/shipments.csv: one parcel per shipped order. */
export class ShipmentsWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();
  private readonly shipmentIds: IdCounter;
  private readonly transactionIds: IdCounter;
  /** The current customer's address as a quoted CSV field. */
  private readonly destination = new Uint8Array(1024);

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {
    this.shipmentIds = new IdCounter('SHP', ctx.widths.shipment);
    this.transactionIds = new IdCounter('TXN', ctx.widths.transaction);
  }

  customer({ core, identity, purchases, shipping: s }: CustomerState): void {
    if (s.count === 0) return;
    const out = this.out;
    const origins = this.ctx.locations.warehouseIdBytes;
    // Always holds commas, so always quoted; addresses hold no quotes.
    const address = `"${identity.address}, ${core.city.name}, ${core.city.state} ${String(core.zip).padStart(5, '0')}"`;
    const destination = this.destination.subarray(0, encoder.encodeInto(address, this.destination).written);
    for (let k = 0; k < s.count; k++) {
      out.raw(this.shipmentIds.at(s.firstShipment + k));
      out.sep();
      out.raw(this.transactionIds.at(purchases.firstTransaction + s.transaction[k]));
      out.sep();
      this.trackingNumber(s.carrier[k], s.trackingA[k], s.trackingB[k]);
      out.sep();
      out.raw(CARRIER_BYTES[s.carrier[k]]);
      out.sep();
      out.raw(SERVICE_BYTES[s.service[k]]);
      out.sep();
      out.raw(origins[s.origin[k]]);
      out.sep();
      out.raw(destination);
      out.sep();
      const grams = s.grams[k];
      out.milli(grams);
      out.sep();
      out.raw(BOX_BYTES[grams < 500 ? 0 : grams < 2000 ? 1 : grams < 5000 ? 2 : grams < 15000 ? 3 : 4]);
      out.sep();
      if (s.shipDay[k] >= 0) out.date(s.shipDay[k]);
      out.sep();
      out.date(s.estimatedDay[k]);
      out.sep();
      if (s.actualDay[k] >= 0) out.date(s.actualDay[k]);
      out.sep();
      out.raw(STATUS_BYTES[s.deliveryStatus[k]]);
      out.sep();
      out.cents(s.costCents[k]);
      out.endRow();
    }
  }

  /** Carrier-shaped tracking numbers: UPS 1Z + 16, FedEx 12 digits, USPS 22 digits, DHL 10 digits. */
  private trackingNumber(carrier: number, a: number, b: number): void {
    const out = this.out;
    if (carrier === 0) {
      out.raw(UPS_PREFIX);
      let x = a;
      for (let k = 0; k < 6; k++) {
        out.byte(ALPHANUMERIC[x & 31]);
        x >>>= 5;
      }
      out.pad(b % 10000000000, 10);
    } else if (carrier === 1) {
      out.pad(a % 1000000, 6);
      out.pad(b % 1000000, 6);
    } else if (carrier === 2) {
      out.raw(USPS_PREFIX);
      out.pad(a, 10);
      out.pad(b, 10);
    } else out.pad(a, 10);
  }
}
