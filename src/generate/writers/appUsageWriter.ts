import { GenContext } from '../context';
import { IdCounter } from '../idCounter';
import { CsvBuffer } from '../csvBuffer';
import { fieldBytesList } from '../csvText';
import { emptyDirtCounts } from '../dirt';
import { appVersion, RELEASES_BACK } from '../engagement';
import { DEVICE_TYPES } from '../vocab/commerce';
import { CustomerState, RowWriter } from './rowWriter';

const DEVICES = fieldBytesList(DEVICE_TYPES);
const VERSIONS = fieldBytesList(Array.from({ length: RELEASES_BACK + 2 }, (_, k) => appVersion(k)));

/** customer/app_usage.csv: app sessions of every app user, oldest first per customer. */
export class AppUsageWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();
  private readonly usageIds: IdCounter;
  private readonly customerIds: IdCounter;

  constructor(
    ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {
    this.usageIds = new IdCounter('USG', ctx.widths.usage);
    this.customerIds = new IdCounter('CUST', ctx.widths.customer);
  }

  customer({ core, app }: CustomerState): void {
    const out = this.out;
    for (let k = 0; k < app.count; k++) {
      out.raw(this.usageIds.at(app.firstUsage + k));
      out.sep();
      out.raw(this.customerIds.at(core.index + 1));
      out.sep();
      out.date(app.day[k]);
      out.sep();
      out.timestamp(app.day[k], app.second[k]);
      out.sep();
      out.int(app.minutes[k]);
      out.sep();
      out.int(app.pages[k]);
      out.sep();
      out.int(app.actions[k]);
      out.sep();
      out.raw(DEVICES[app.device[k]]);
      out.sep();
      out.raw(VERSIONS[app.release[k]]);
      out.endRow();
    }
  }
}
