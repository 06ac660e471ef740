import { PRODUCT_STATUS } from '../catalogue';
import { STREAM } from '../constants';
import { GenContext } from '../context';
import { CsvBuffer } from '../csvBuffer';
import { emptyDirtCounts } from '../dirt';
import { Rng } from '../rng';
import {
  LOCATION_TYPES,
  PAYMENT_TERMS,
  SUPPLIER_COUNTRIES,
  SUPPLIER_PREFIXES,
  SUPPLIER_SUFFIXES,
} from '../vocab/commerce';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from '../vocab/people';
import { STREETS } from '../vocab/places';
import { BYTES, PREFIX, RowWriter } from './rowWriter';

/** Number of suppliers for a catalogue of `products` products. */
export function supplierCount(products: number): number {
  return Math.max(8, Math.floor(products / 20));
}

/** products/products.csv: the catalogue, every category group, some inactive or discontinued. */
export class ProductsWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {}

  finish(): void {
    const c = this.ctx.catalogue;
    const out = this.out;
    for (let p = 0; p < c.count; p++) {
      out.raw(c.idBytes[p]);
      out.sep();
      out.text(c.names[p]);
      out.sep();
      out.text(c.categories[p]);
      out.sep();
      out.text(c.subcategories[p].name);
      out.sep();
      out.text(c.brands[p]);
      out.sep();
      out.cents(c.priceCents[p]);
      out.sep();
      out.cents(c.costCents[p]);
      out.sep();
      out.milli(c.grams[p]);
      out.sep();
      // Packed size in centimetres, from the weight (heavier products are bigger).
      const side = 8 + Math.floor(Math.sqrt(c.grams[p]) / 2);
      out.ascii(`${side}x${Math.max(4, Math.floor((side * 2) / 3))}x${Math.max(2, Math.floor(side / 3))} cm`);
      out.sep();
      out.text(c.colours[p]);
      out.sep();
      out.text(c.sizes[p]);
      out.sep();
      out.date(c.createdDay[p]);
      out.sep();
      out.ascii(PRODUCT_STATUS[c.status[p]]);
      out.endRow();
    }
  }
}

/** products/suppliers.csv: the retailer's suppliers. */
export class SuppliersWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {}

  finish(): void {
    const out = this.out;
    const rng = new Rng();
    const n = supplierCount(this.ctx.catalogue.count);
    for (let s = 0; s < n; s++) {
      rng.reset(this.ctx.seed, STREAM.suppliers, s);
      const prefix = SUPPLIER_PREFIXES[rng.below(SUPPLIER_PREFIXES.length)];
      const name = `${prefix} ${SUPPLIER_SUFFIXES[rng.below(SUPPLIER_SUFFIXES.length)]}`;
      const firstPool = rng.below(2) === 0 ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES;
      const first = firstPool[rng.below(firstPool.length)];
      const last = LAST_NAMES[rng.below(LAST_NAMES.length)];
      const country = SUPPLIER_COUNTRIES[rng.below(SUPPLIER_COUNTRIES.length)];
      const slug = prefix.toLowerCase();
      out.id(PREFIX.supplier, s + 1, 4);
      out.sep();
      out.text(name);
      out.sep();
      out.text(`${first} ${last}`);
      out.sep();
      out.text(`${first.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}@${slug}-supply.example.com`);
      out.sep();
      out.ascii(`${country.phone}-555-${String(1000 + rng.below(9000))}`);
      out.sep();
      out.text(`${1 + rng.below(999)} ${STREETS[rng.below(STREETS.length)]} Industrial Park, Unit ${1 + rng.below(60)}`);
      out.sep();
      out.text(country.name);
      out.sep();
      out.text(PAYMENT_TERMS[rng.below(PAYMENT_TERMS.length)]);
      out.sep();
      out.tenths(25 + rng.below(26));
      out.endRow();
    }
  }
}

/** products/product_suppliers.csv: one to three suppliers per product, one of them primary. */
export class ProductSuppliersWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {}

  finish(): void {
    const out = this.out;
    const c = this.ctx.catalogue;
    const suppliers = supplierCount(c.count);
    const rng = new Rng();
    for (let p = 0; p < c.count; p++) {
      rng.reset(this.ctx.seed, STREAM.productSuppliers, p);
      const links = 1 + rng.below(3);
      const first = rng.below(suppliers);
      for (let l = 0; l < links; l++) {
        const supplier = (first + l) % suppliers;
        out.raw(c.idBytes[p]);
        out.sep();
        out.id(PREFIX.supplier, supplier + 1, 4);
        out.sep();
        out.raw(l === 0 ? BYTES.yes : BYTES.no);
        out.sep();
        out.cents(Math.floor((c.costCents[p] * (95 + rng.below(11))) / 100));
        out.sep();
        out.int(3 + rng.below(58));
        out.endRow();
      }
    }
  }
}

/** logistics/warehouse_locations.csv: warehouses, distribution centres and stores. */
export class WarehouseLocationsWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {}

  finish(): void {
    const out = this.out;
    const l = this.ctx.locations;
    for (const site of [...l.warehouses, ...l.stores]) {
      out.ascii(site.id);
      out.sep();
      out.text(site.name);
      out.sep();
      out.ascii(LOCATION_TYPES[site.type]);
      out.sep();
      out.text(site.address);
      out.sep();
      out.text(site.city.name);
      out.sep();
      out.ascii(site.city.state);
      out.sep();
      out.raw(BYTES.usa);
      out.sep();
      out.int(site.capacity);
      out.sep();
      out.text(site.manager);
      out.endRow();
    }
  }
}

/** products/inventory.csv: stock of every product in one to three warehouses. */
export class InventoryWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {}

  finish(): void {
    const out = this.out;
    const c = this.ctx.catalogue;
    const warehouses = this.ctx.locations.warehouseIdBytes;
    const asOf = this.ctx.asOfDay;
    const rng = new Rng();
    let row = 0;
    for (let p = 0; p < c.count; p++) {
      rng.reset(this.ctx.seed, STREAM.inventory, p);
      const sites = Math.min(warehouses.length, 1 + rng.below(3));
      const first = rng.below(warehouses.length);
      for (let s = 0; s < sites; s++) {
        const active = c.status[p] === 0;
        const reorder = 10 + rng.below(191);
        const max = reorder * (5 + rng.below(6));
        const stock = active ? rng.below(max + 1) : rng.below(6);
        out.id(PREFIX.inventory, ++row, 7);
        out.sep();
        out.raw(c.idBytes[p]);
        out.sep();
        out.raw(warehouses[(first + s) % warehouses.length]);
        out.sep();
        out.int(stock);
        out.sep();
        out.int(Math.floor((stock * rng.below(21)) / 100));
        out.sep();
        out.int(reorder);
        out.sep();
        out.int(max);
        out.sep();
        out.timestamp(asOf - rng.below(4), rng.below(86400));
        out.endRow();
      }
    }
  }
}
