import { STREAM } from '../constants';
import { GenContext } from '../context';
import { IdCounter } from '../idCounter';
import { CsvBuffer } from '../csvBuffer';
import { fieldBytesList, utf8 } from '../csvText';
import { civilFromDay } from '../calendar';
import { DirtSelector, emptyDirtCounts } from '../dirt';
import { IMPOSSIBLE_MONTH_DAYS } from '../purchases';
import { Rng } from '../rng';
import { CHANNELS } from '../vocab/commerce';
import { CUSTOMER_SEGMENTS } from '../vocab/people';
import { BYTES, CustomerState, RowWriter } from './rowWriter';

const GENDERS = fieldBytesList(['F', 'M', 'X']);
const SEGMENTS = fieldBytesList(CUSTOMER_SEGMENTS);
const CHANNEL_BYTES = fieldBytesList(CHANNELS);
const DIRT = { duplicate: 0, nullId: 1, missingEmail: 2, badDate: 3 } as const;

/** customer/customers.csv: one row per customer, plus duplicate and null-id rows as dirt. */
export class CustomersWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();
  private readonly rng = new Rng();
  private readonly selector: DirtSelector;
  private readonly customerIds: IdCounter;

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {
    this.customerIds = new IdCounter('CUST', ctx.widths.customer);
    this.selector = new DirtSelector(['duplicate_customer', 'null_id', 'missing_email', 'impossible_date'], ctx.dirt);
  }

  customer({ core, identity }: CustomerState): void {
    const ctx = this.ctx;
    let kind = -1;
    let regDay = core.regDay;
    let regSecond = core.regSecond;
    if (this.selector.total > 0) {
      const rng = this.rng.reset(ctx.seed, STREAM.customerDirt, core.index);
      kind = this.selector.choose(rng.next());
      regDay = core.regDay - 30 - rng.below(700);
      regSecond = rng.below(86400);
    }
    if (identity.nameDirt !== 'none') this.dirt[identity.nameDirt]++;
    if (core.inZeroZipCity) this.dirt.leading_zero_zip++;
    if (kind === DIRT.nullId) {
      this.row(core, identity, false, core.regDay, core.regSecond, false, false);
      this.dirt.null_id++;
    }
    this.row(core, identity, true, core.regDay, core.regSecond, kind === DIRT.missingEmail, kind === DIRT.badDate);
    if (kind === DIRT.missingEmail) this.dirt.missing_email++;
    if (kind === DIRT.badDate) this.dirt.impossible_date++;
    if (kind === DIRT.duplicate) {
      // The same customer again, as registered earlier (an older CRM record).
      this.row(core, identity, true, regDay, regSecond, false, false);
      this.dirt.duplicate_customer++;
    }
  }

  private row(
    core: CustomerState['core'],
    identity: CustomerState['identity'],
    withId: boolean,
    regDay: number,
    regSecond: number,
    noEmail: boolean,
    badBirthDate: boolean,
  ): void {
    const out = this.out;
    if (withId) out.raw(this.customerIds.at(core.index + 1));
    out.sep();
    out.text(identity.firstName);
    out.sep();
    out.text(identity.lastName);
    out.sep();
    if (!noEmail) out.ascii(identity.email);
    out.sep();
    out.ascii(identity.phone);
    out.sep();
    if (badBirthDate) {
      out.int(civilFromDay(core.dobDay)[0]);
      out.raw(utf8(IMPOSSIBLE_MONTH_DAYS[core.index % 2]));
    } else out.date(core.dobDay);
    out.sep();
    out.raw(GENDERS[core.gender]);
    out.sep();
    out.timestamp(regDay, regSecond);
    out.sep();
    out.raw(SEGMENTS[core.segment]);
    out.sep();
    out.raw(CHANNEL_BYTES[core.channel]);
    out.sep();
    out.text(identity.address);
    out.sep();
    out.text(core.city.name);
    out.sep();
    out.ascii(core.city.state);
    out.sep();
    out.pad(core.zip, 5);
    out.sep();
    out.raw(BYTES.usa);
    out.endRow();
  }
}
