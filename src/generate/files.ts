/**
 * The generated data model: fourteen CSV files in four domain folders. The seven files the
 * pipeline reads carry exactly the spec's columns in the spec's order.
 */

/** Every file the generator writes, in the order they are reported. */
export const GENERATED_FILES = [
  'customers',
  'loyalty_program',
  'support_tickets',
  'app_usage',
  'transactions',
  'transaction_items',
  'regional_sales',
  'products',
  'inventory',
  'suppliers',
  'product_suppliers',
  'shipments',
  'warehouse_locations',
  'tracking_events',
] as const;

/** The name of a generated file (without folder or extension). */
export type GeneratedFileName = (typeof GENERATED_FILES)[number];

/** Folder and header of one generated file. */
export interface FileLayout {
  readonly folder: 'customer' | 'sales' | 'products' | 'logistics';
  readonly columns: readonly string[];
}

/** Folder and columns of every generated file. */
export const FILE_LAYOUTS: Readonly<Record<GeneratedFileName, FileLayout>> = {
  customers: {
    folder: 'customer',
    columns: [
      'customer_id', 'first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'gender', 'registration_date',
      'customer_segment', 'preferred_channel', 'address_line1', 'city', 'state', 'zip_code', 'country',
    ],
  },
  loyalty_program: {
    folder: 'customer',
    columns: ['customer_id', 'loyalty_tier', 'points_balance', 'points_earned_ytd', 'points_redeemed_ytd', 'tier_start_date', 'lifetime_value'],
  },
  support_tickets: {
    folder: 'customer',
    columns: ['ticket_id', 'customer_id', 'created_date', 'resolved_date', 'category', 'priority', 'status', 'channel', 'satisfaction_score'],
  },
  app_usage: {
    folder: 'customer',
    columns: [
      'usage_id', 'customer_id', 'session_date', 'session_start', 'session_duration_minutes', 'pages_viewed', 'actions_taken',
      'device_type', 'app_version',
    ],
  },
  transactions: {
    folder: 'sales',
    columns: [
      'transaction_id', 'customer_id', 'transaction_date', 'channel', 'store_id', 'payment_method', 'subtotal', 'tax_amount',
      'discount_amount', 'total_amount', 'currency', 'status',
    ],
  },
  transaction_items: {
    folder: 'sales',
    columns: ['item_id', 'transaction_id', 'product_id', 'quantity', 'unit_price', 'line_total', 'discount_applied'],
  },
  regional_sales: {
    folder: 'sales',
    columns: ['region_id', 'region_name', 'country', 'sales_date', 'total_revenue', 'total_transactions', 'average_order_value'],
  },
  products: {
    folder: 'products',
    columns: [
      'product_id', 'product_name', 'category', 'subcategory', 'brand', 'price', 'cost', 'weight_kg', 'dimensions', 'color',
      'size', 'created_date', 'status',
    ],
  },
  inventory: {
    folder: 'products',
    columns: [
      'inventory_id', 'product_id', 'location_id', 'stock_quantity', 'reserved_quantity', 'reorder_point', 'max_stock_level',
      'last_updated',
    ],
  },
  suppliers: {
    folder: 'products',
    columns: ['supplier_id', 'supplier_name', 'contact_person', 'email', 'phone', 'address', 'country', 'payment_terms', 'quality_rating'],
  },
  product_suppliers: {
    folder: 'products',
    columns: ['product_id', 'supplier_id', 'is_primary', 'cost_price', 'lead_time_days'],
  },
  shipments: {
    folder: 'logistics',
    columns: [
      'shipment_id', 'transaction_id', 'tracking_number', 'carrier', 'service_level', 'origin_location', 'destination_address',
      'weight_kg', 'dimensions', 'ship_date', 'estimated_delivery', 'actual_delivery', 'delivery_status', 'shipping_cost',
    ],
  },
  warehouse_locations: {
    folder: 'logistics',
    columns: [
      'location_id', 'location_name', 'location_type', 'address', 'city', 'state', 'country', 'capacity_cubic_meters',
      'manager_name',
    ],
  },
  tracking_events: {
    folder: 'logistics',
    columns: ['event_id', 'shipment_id', 'event_timestamp', 'event_type', 'location', 'description', 'carrier_status'],
  },
};

/** The path of a generated file relative to the output folder, e.g. `sales/transactions.csv`. */
export function relativePath(file: GeneratedFileName): string {
  return `${FILE_LAYOUTS[file].folder}/${file}.csv`;
}
