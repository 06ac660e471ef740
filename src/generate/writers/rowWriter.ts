import { AppSessions, Tickets } from '../engagement';
import { CsvBuffer } from '../csvBuffer';
import { CustomerCore } from '../customerCore';
import { DirtCounts } from '../dirt';
import { CustomerIdentity } from '../identity';
import { Purchases } from '../purchases';
import { Shipping } from '../shipping';
import { utf8 } from '../csvText';

/** Everything simulated for the current customer (each part only when a writer needs it). */
export interface CustomerState {
  readonly core: CustomerCore;
  readonly identity: CustomerIdentity;
  readonly purchases: Purchases;
  readonly shipping: Shipping;
  readonly app: AppSessions;
  readonly tickets: Tickets;
}

/** The simulations a writer reads (the core profile is always loaded). */
export interface WriterNeeds {
  readonly identity?: boolean;
  readonly purchases?: boolean;
  readonly shipping?: boolean;
  readonly app?: boolean;
  readonly tickets?: boolean;
}

/** Writes the rows of one file: per customer, then once at the end. */
export interface RowWriter {
  /** Dirt written so far, by kind. */
  readonly dirt: DirtCounts;
  /** Writes the rows of the current customer. */
  customer?(state: CustomerState): void;
  /** Writes the rows that come after all customers (or all rows, for catalogue files). */
  finish?(): void;
}

/** Id prefixes, pre-encoded. */
export const PREFIX = {
  customer: utf8('CUST'),
  transaction: utf8('TXN'),
  item: utf8('ITEM'),
  product: utf8('PROD'),
  ticket: utf8('TKT'),
  usage: utf8('USG'),
  shipment: utf8('SHP'),
  event: utf8('EVT'),
  inventory: utf8('INV'),
  supplier: utf8('SUP'),
  region: utf8('REG'),
} as const;

/** Fixed field values, pre-encoded. */
export const BYTES = {
  usa: utf8('USA'),
  usd: utf8('USD'),
  notANumber: utf8('N/A'),
  yes: utf8('true'),
  no: utf8('false'),
} as const;

/** Writes the customer id of a customer number (index + 1). */
export function writeCustomerId(out: CsvBuffer, customerNumber: number, width: number): void {
  out.id(PREFIX.customer, customerNumber, width);
}
