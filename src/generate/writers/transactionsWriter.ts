import { civilFromDay } from '../calendar';
import { GenContext } from '../context';
import { IdCounter } from '../idCounter';
import { CsvBuffer } from '../csvBuffer';
import { fieldBytesList } from '../csvText';
import { emptyDirtCounts } from '../dirt';
import { IMPOSSIBLE_MONTH_DAYS, TD, TRANSACTION_DIRT } from '../purchases';
import { CHANNELS, PAYMENT_METHODS, TRANSACTION_STATUSES } from '../vocab/commerce';
import { BYTES, CustomerState, RowWriter, writeCustomerId } from './rowWriter';

const CHANNEL_BYTES = fieldBytesList(CHANNELS);
const PAYMENT_BYTES = fieldBytesList(PAYMENT_METHODS);
const STATUS_BYTES = fieldBytesList(TRANSACTION_STATUSES);
const IMPOSSIBLE_BYTES = fieldBytesList(IMPOSSIBLE_MONTH_DAYS);

/** sales/transactions.csv: one row per purchase, grouped by customer, oldest first. */
export class TransactionsWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();
  private readonly transactionIds: IdCounter;
  private readonly customerIds: IdCounter;

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {
    this.transactionIds = new IdCounter('TXN', ctx.widths.transaction);
    this.customerIds = new IdCounter('CUST', ctx.widths.customer);
  }

  customer({ core, purchases: p }: CustomerState): void {
    const out = this.out;
    const widths = this.ctx.widths;
    const storeIds = this.ctx.locations.storeIdBytes;
    for (let k = 0; k < p.count; k++) {
      const kind = p.dirt[k];
      if (kind >= 0) this.dirt[TRANSACTION_DIRT[kind]]++;
      out.raw(this.transactionIds.at(p.firstTransaction + k));
      out.sep();
      if (kind === TD.orphan) writeCustomerId(out, p.dirtDetail[k], widths.customer);
      else out.raw(this.customerIds.at(core.index + 1));
      out.sep();
      if (kind === TD.badDate) {
        out.int(civilFromDay(p.day[k])[0]);
        out.raw(IMPOSSIBLE_BYTES[p.dirtDetail[k]]);
        out.ascii(' 12:00:00');
      } else out.timestamp(p.day[k], p.second[k]);
      out.sep();
      out.raw(CHANNEL_BYTES[p.channel[k]]);
      out.sep();
      if (p.store[k] >= 0) out.raw(storeIds[p.store[k]]);
      out.sep();
      out.raw(PAYMENT_BYTES[p.payment[k]]);
      out.sep();
      out.cents(p.subtotal[k]);
      out.sep();
      out.cents(p.tax[k]);
      out.sep();
      out.cents(p.discount[k]);
      out.sep();
      if (kind === TD.badAmount) out.raw(BYTES.notANumber);
      else out.cents(p.total(k));
      out.sep();
      out.raw(BYTES.usd);
      if (kind !== TD.shortRow) {
        out.sep();
        out.raw(STATUS_BYTES[p.status[k]]);
      }
      out.endRow();
    }
  }
}
