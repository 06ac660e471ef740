import { HISTORY_DAYS } from '../constants';
import { GenContext } from '../context';
import { CsvBuffer } from '../csvBuffer';
import { fieldBytesList } from '../csvText';
import { emptyDirtCounts } from '../dirt';
import { COMPLETED, TD } from '../purchases';
import { REGIONS } from '../vocab/places';
import { BYTES, CustomerState, PREFIX, RowWriter } from './rowWriter';

const REGION_NAMES = fieldBytesList(REGIONS);

/**
 * sales/regional_sales.csv: completed sales per region and day of the history window, summed
 * from the transactions themselves (one row per region and day with sales).
 */
export class RegionalSalesWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();
  private readonly revenue = new Float64Array((HISTORY_DAYS + 1) * REGIONS.length);
  private readonly count = new Int32Array((HISTORY_DAYS + 1) * REGIONS.length);

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {}

  customer({ core, purchases: p }: CustomerState): void {
    const start = this.ctx.historyStart;
    const region = core.city.region;
    for (let k = 0; k < p.count; k++) {
      if (p.status[k] !== COMPLETED || p.dirt[k] === TD.future) continue;
      const at = (p.day[k] - start) * REGIONS.length + region;
      this.revenue[at] += p.total(k);
      this.count[at]++;
    }
  }

  finish(): void {
    const out = this.out;
    for (let d = 0; d <= HISTORY_DAYS; d++) {
      for (let r = 0; r < REGIONS.length; r++) {
        const at = d * REGIONS.length + r;
        const n = this.count[at];
        if (n === 0) continue;
        const cents = this.revenue[at];
        out.id(PREFIX.region, r + 1, 2);
        out.sep();
        out.raw(REGION_NAMES[r]);
        out.sep();
        out.raw(BYTES.usa);
        out.sep();
        out.date(this.ctx.historyStart + d);
        out.sep();
        out.cents(cents);
        out.sep();
        out.int(n);
        out.sep();
        out.cents(Math.floor((2 * cents + n) / (2 * n)));
        out.endRow();
      }
    }
  }
}
