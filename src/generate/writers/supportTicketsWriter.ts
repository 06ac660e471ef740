import { GenContext } from '../context';
import { IdCounter } from '../idCounter';
import { CsvBuffer } from '../csvBuffer';
import { fieldBytesList } from '../csvText';
import { emptyDirtCounts } from '../dirt';
import { TICKET_DIRT } from '../engagement';
import { TICKET_CATEGORIES, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '../vocab/commerce';
import { CustomerState, RowWriter, writeCustomerId } from './rowWriter';

const CATEGORIES = fieldBytesList(TICKET_CATEGORIES);
const PRIORITIES = fieldBytesList(TICKET_PRIORITIES);
const STATUSES = fieldBytesList(TICKET_STATUSES);
const CHANNELS = fieldBytesList(TICKET_CHANNELS);

/** customer/support_tickets.csv: tickets of every customer, oldest first per customer. */
export class SupportTicketsWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();
  private readonly ticketIds: IdCounter;
  private readonly customerIds: IdCounter;

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {
    this.ticketIds = new IdCounter('TKT', ctx.widths.ticket);
    this.customerIds = new IdCounter('CUST', ctx.widths.customer);
  }

  customer({ core, tickets: t }: CustomerState): void {
    const out = this.out;
    const widths = this.ctx.widths;
    for (let k = 0; k < t.count; k++) {
      const kind = t.dirt[k];
      if (kind >= 0) this.dirt[t.selector.kinds[kind]]++;
      out.raw(this.ticketIds.at(t.firstTicket + k));
      out.sep();
      if (kind === TICKET_DIRT.orphan) writeCustomerId(out, t.orphanNumber[k], widths.customer);
      else out.raw(this.customerIds.at(core.index + 1));
      out.sep();
      out.timestamp(t.createdDay[k], t.createdSecond[k]);
      out.sep();
      if (t.resolvedDay[k] >= 0) out.timestamp(t.resolvedDay[k], t.resolvedSecond[k]);
      out.sep();
      out.raw(CATEGORIES[t.category[k]]);
      out.sep();
      out.raw(PRIORITIES[t.priority[k]]);
      out.sep();
      out.raw(STATUSES[t.status[k]]);
      out.sep();
      out.raw(CHANNELS[t.channel[k]]);
      out.sep();
      if (t.score[k] > 0) out.int(t.score[k]);
      out.endRow();
    }
  }
}
