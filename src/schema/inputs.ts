/**
 * The declared schemas of the seven input files the pipeline reads (spec section 1).
 * Types are declared, never inferred from the data.
 */
import { DataType } from '../engine/types';

/** A declared input column. */
export interface InputColumn {
  readonly name: string;
  readonly type: DataType;
  /** A required column must be in the header; an optional one becomes all null when absent. */
  readonly required: boolean;
}

/** A declared input file. */
export interface InputFile {
  /** The name models use: `source('transactions')`. */
  readonly name: string;
  /** Path inside the data folder, with forward slashes. */
  readonly path: string;
  /** The key column (unique in a clean export), when it has one. */
  readonly key: string;
  readonly columns: readonly InputColumn[];
}

const cols = (spec: string): InputColumn[] =>
  spec
    .trim()
    .split(/\s*,\s*/)
    .map((part) => {
      const [name, type] = part.split(':') as [string, DataType];
      return { name, type, required: true };
    });

/** The seven input files, in the order a run reads them. */
export const INPUT_FILES: readonly InputFile[] = [
  {
    name: 'customers',
    path: 'customer/customers.csv',
    key: 'customer_id',
    columns: cols(`customer_id:string, first_name:string, last_name:string, email:string, phone:string, date_of_birth:date,
      gender:string, registration_date:timestamp, customer_segment:string, preferred_channel:string, address_line1:string,
      city:string, state:string, zip_code:string, country:string`),
  },
  {
    name: 'loyalty_program',
    path: 'customer/loyalty_program.csv',
    key: 'customer_id',
    columns: cols(`customer_id:string, loyalty_tier:string, points_balance:int, points_earned_ytd:int, points_redeemed_ytd:int,
      tier_start_date:date, lifetime_value:float64`),
  },
  {
    name: 'support_tickets',
    path: 'customer/support_tickets.csv',
    key: 'ticket_id',
    columns: cols(`ticket_id:string, customer_id:string, created_date:timestamp, resolved_date:timestamp, category:string,
      priority:string, status:string, channel:string, satisfaction_score:int`),
  },
  {
    name: 'app_usage',
    path: 'customer/app_usage.csv',
    key: 'usage_id',
    columns: cols(`usage_id:string, customer_id:string, session_date:date, session_start:timestamp,
      session_duration_minutes:int, pages_viewed:int, actions_taken:int, device_type:string, app_version:string`),
  },
  {
    name: 'products',
    path: 'products/products.csv',
    key: 'product_id',
    columns: cols(`product_id:string, product_name:string, category:string, subcategory:string, brand:string, price:float64,
      cost:float64, weight_kg:float64, dimensions:string, color:string, size:string, created_date:date, status:string`),
  },
  {
    name: 'transactions',
    path: 'sales/transactions.csv',
    key: 'transaction_id',
    columns: cols(`transaction_id:string, customer_id:string, transaction_date:timestamp, channel:string, store_id:string,
      payment_method:string, subtotal:float64, tax_amount:float64, discount_amount:float64, total_amount:float64,
      currency:string, status:string`),
  },
  {
    name: 'transaction_items',
    path: 'sales/transaction_items.csv',
    key: 'item_id',
    columns: cols(`item_id:string, transaction_id:string, product_id:string, quantity:int, unit_price:float64,
      line_total:float64, discount_applied:float64`),
  },
];

/** The declared input file of that name; throws when unknown. */
export function inputFile(name: string): InputFile {
  const f = INPUT_FILES.find((x) => x.name === name);
  if (f === undefined) throw new Error(`unknown input "${name}" (inputs: ${INPUT_FILES.map((x) => x.name).join(', ')})`);
  return f;
}
