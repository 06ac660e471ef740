import { UNKNOWN_PRODUCT_BASE, PRODUCT_ID_WIDTH } from '../catalogue';
import { GenContext } from '../context';
import { IdCounter } from '../idCounter';
import { CsvBuffer } from '../csvBuffer';
import { emptyDirtCounts } from '../dirt';
import { ID, ITEM_DIRT, TD } from '../purchases';
import { CustomerState, PREFIX, RowWriter } from './rowWriter';

/** sales/transaction_items.csv: the lines of every transaction (none for dirt "without items"). */
export class TransactionItemsWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();
  private readonly itemIds: IdCounter;
  private readonly transactionIds: IdCounter;

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {
    this.itemIds = new IdCounter('ITEM', ctx.widths.item);
    this.transactionIds = new IdCounter('TXN', ctx.widths.transaction);
  }

  customer({ purchases: p }: CustomerState): void {
    const out = this.out;
    const productIds = this.ctx.catalogue.idBytes;
    for (let k = 0; k < p.count; k++) {
      if (p.dirt[k] === TD.noItems) continue;
      const txn = p.firstTransaction + k;
      const first = p.itemStart[k];
      const last = first + p.itemCount[k];
      for (let i = first; i < last; i++) {
        const kind = p.itemDirt[i];
        if (kind >= 0) this.dirt[ITEM_DIRT[kind]]++;
        out.raw(this.itemIds.at(p.firstItem + i));
        out.sep();
        out.raw(this.transactionIds.at(txn));
        out.sep();
        const product = p.product[i];
        if (product >= 0) out.raw(productIds[product]);
        else out.id(PREFIX.product, UNKNOWN_PRODUCT_BASE - 1 - product, PRODUCT_ID_WIDTH);
        out.sep();
        const qty = p.quantity[i];
        const unit = p.unitPrice[i];
        const off = p.discountApplied[i];
        out.int(qty);
        out.sep();
        out.cents(unit);
        out.sep();
        out.cents(unit * qty - off);
        if (kind !== ID.shortRow) {
          out.sep();
          out.cents(off);
        }
        out.endRow();
      }
    }
  }
}
