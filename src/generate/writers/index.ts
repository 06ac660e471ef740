import { GenContext } from '../context';
import { CsvBuffer } from '../csvBuffer';
import { GeneratedFileName } from '../files';
import { AppUsageWriter } from './appUsageWriter';
import {
  InventoryWriter,
  ProductSuppliersWriter,
  ProductsWriter,
  SuppliersWriter,
  WarehouseLocationsWriter,
} from './catalogueWriters';
import { CustomersWriter } from './customersWriter';
import { LoyaltyWriter } from './loyaltyWriter';
import { RegionalSalesWriter } from './regionalSalesWriter';
import { RowWriter, WriterNeeds } from './rowWriter';
import { ShipmentsWriter } from './shipmentsWriter';
import { SupportTicketsWriter } from './supportTicketsWriter';
import { TrackingEventsWriter } from './trackingEventsWriter';
import { TransactionItemsWriter } from './transactionItemsWriter';
import { TransactionsWriter } from './transactionsWriter';

/** How to write one file: what it reads, how costly it is, how to build its writer. */
export interface WriterSpec {
  /** Simulations the writer reads; absent for catalogue files (written without customers). */
  readonly needs?: WriterNeeds;
  /** CPU cost per customer, relative (measured: formatting plus the writer's own simulation), to balance threads. */
  readonly cost: number;
  readonly create: (ctx: GenContext, out: CsvBuffer) => RowWriter;
}

/** The writer of every generated file. */
export const WRITERS: Readonly<Record<GeneratedFileName, WriterSpec>> = {
  customers: { needs: { identity: true }, cost: 9, create: (c, o) => new CustomersWriter(c, o) },
  loyalty_program: { needs: { purchases: true }, cost: 2, create: (c, o) => new LoyaltyWriter(c, o) },
  support_tickets: { needs: { tickets: true }, cost: 5, create: (c, o) => new SupportTicketsWriter(c, o) },
  app_usage: { needs: { app: true }, cost: 10, create: (c, o) => new AppUsageWriter(c, o) },
  transactions: { needs: { purchases: true }, cost: 5, create: (c, o) => new TransactionsWriter(c, o) },
  transaction_items: { needs: { purchases: true }, cost: 18, create: (c, o) => new TransactionItemsWriter(c, o) },
  regional_sales: { needs: { purchases: true }, cost: 0.5, create: (c, o) => new RegionalSalesWriter(c, o) },
  products: { cost: 0, create: (c, o) => new ProductsWriter(c, o) },
  inventory: { cost: 0, create: (c, o) => new InventoryWriter(c, o) },
  suppliers: { cost: 0, create: (c, o) => new SuppliersWriter(c, o) },
  product_suppliers: { cost: 0, create: (c, o) => new ProductSuppliersWriter(c, o) },
  shipments: { needs: { identity: true, purchases: true, shipping: true }, cost: 10, create: (c, o) => new ShipmentsWriter(c, o) },
  warehouse_locations: { cost: 0, create: (c, o) => new WarehouseLocationsWriter(c, o) },
  tracking_events: { needs: { purchases: true, shipping: true }, cost: 14, create: (c, o) => new TrackingEventsWriter(c, o) },
};
