import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DIRT_KINDS, generate, GENERATED_FILES, relativePath } from '../../src/generate';
import {
  ALL_BANDS,
  bands,
  column,
  daysBetween,
  field,
  Generated,
  generateAndRead,
  hashFiles,
  isDecimal,
  isRealDate,
  isRealTimestamp,
  sortedBands,
  tempDir,
} from './generatedData';

const AS_OF = '2025-01-15';

/** The spec's columns of the seven files the pipeline reads (spec section 1), in order. */
const SPEC_COLUMNS = {
  customers: [
    'customer_id', 'first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'gender', 'registration_date',
    'customer_segment', 'preferred_channel', 'address_line1', 'city', 'state', 'zip_code', 'country',
  ],
  loyalty_program: ['customer_id', 'loyalty_tier', 'points_balance', 'points_earned_ytd', 'points_redeemed_ytd', 'tier_start_date', 'lifetime_value'],
  support_tickets: ['ticket_id', 'customer_id', 'created_date', 'resolved_date', 'category', 'priority', 'status', 'channel', 'satisfaction_score'],
  app_usage: ['usage_id', 'customer_id', 'session_date', 'session_start', 'session_duration_minutes', 'pages_viewed', 'actions_taken', 'device_type', 'app_version'],
  products: ['product_id', 'product_name', 'category', 'subcategory', 'brand', 'price', 'cost', 'weight_kg', 'dimensions', 'color', 'size', 'created_date', 'status'],
  transactions: [
    'transaction_id', 'customer_id', 'transaction_date', 'channel', 'store_id', 'payment_method', 'subtotal', 'tax_amount',
    'discount_amount', 'total_amount', 'currency', 'status',
  ],
  transaction_items: ['item_id', 'transaction_id', 'product_id', 'quantity', 'unit_price', 'line_total', 'discount_applied'],
} as const;

/** The columns of the seven other files. */
const OTHER_COLUMNS = {
  regional_sales: ['region_id', 'region_name', 'country', 'sales_date', 'total_revenue', 'total_transactions', 'average_order_value'],
  inventory: ['inventory_id', 'product_id', 'location_id', 'stock_quantity', 'reserved_quantity', 'reorder_point', 'max_stock_level', 'last_updated'],
  suppliers: ['supplier_id', 'supplier_name', 'contact_person', 'email', 'phone', 'address', 'country', 'payment_terms', 'quality_rating'],
  product_suppliers: ['product_id', 'supplier_id', 'is_primary', 'cost_price', 'lead_time_days'],
  shipments: [
    'shipment_id', 'transaction_id', 'tracking_number', 'carrier', 'service_level', 'origin_location', 'destination_address',
    'weight_kg', 'dimensions', 'ship_date', 'estimated_delivery', 'actual_delivery', 'delivery_status', 'shipping_cost',
  ],
  warehouse_locations: ['location_id', 'location_name', 'location_type', 'address', 'city', 'state', 'country', 'capacity_cubic_meters', 'manager_name'],
  tracking_events: ['event_id', 'shipment_id', 'event_timestamp', 'event_type', 'location', 'description', 'carrier_status'],
} as const;

const CATEGORY_GROUPS: Record<string, string> = {
  Electronics: 'Technology', Computer: 'Technology',
  Apparel: 'Fashion', Footwear: 'Fashion', Accessories: 'Fashion',
  'Home & Kitchen': 'Home', 'Home & Garden': 'Home', 'Home & Office': 'Home',
  'Sports & Fitness': 'Health & Fitness', 'Health & Nutrition': 'Health & Fitness',
  Beauty: 'Beauty & Personal Care', 'Personal Care': 'Beauty & Personal Care',
};

let clean: Generated;
let dirty: Generated;

beforeAll(async () => {
  clean = await generateAndRead('clean', { customers: 2000, seed: 7, asOf: AS_OF, dirtyRate: 0, workers: 0 });
  dirty = await generateAndRead('dirty', { customers: 2000, seed: 7, asOf: AS_OF, dirtyRate: 0.05, workers: 0 });
});

afterAll(() => {
  for (const g of [clean, dirty]) if (g !== undefined) fs.rmSync(g.dir, { recursive: true, force: true });
});

function ids(g: Generated, file: keyof Generated['tables'], name: string): Set<string> {
  return new Set(column(g.tables[file], name));
}

describe('generate', () => {
  it('writes byte-identical files for the same arguments', async () => {
    const again = tempDir('again');
    try {
      await generate({ customers: 2000, seed: 7, asOf: AS_OF, dirtyRate: 0, outDir: again, workers: 0 });
      expect(hashFiles(again)).toEqual(hashFiles(clean.dir));
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });

  it('writes other data for another seed or another as-of date', async () => {
    const [a, b, c] = [tempDir('s1'), tempDir('s2'), tempDir('s3')];
    try {
      await generate({ customers: 200, seed: 1, asOf: AS_OF, outDir: a });
      await generate({ customers: 200, seed: 2, asOf: AS_OF, outDir: b });
      await generate({ customers: 200, seed: 1, asOf: '2024-06-30', outDir: c });
      const [ha, hb, hc] = [hashFiles(a), hashFiles(b), hashFiles(c)];
      expect(ha['customer/customers.csv']).not.toEqual(hb['customer/customers.csv']);
      expect(ha['sales/transactions.csv']).not.toEqual(hb['sales/transactions.csv']);
      expect(ha['sales/transactions.csv']).not.toEqual(hc['sales/transactions.csv']);
    } finally {
      for (const d of [a, b, c]) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('writes the same bytes under another time zone (TZ=Asia/Kolkata)', () => {
    const dir = tempDir('tz');
    try {
      const script = `require(${JSON.stringify(path.resolve(__dirname, '../../src/generate'))})
        .generate({ customers: 2000, seed: 7, asOf: '${AS_OF}', dirtyRate: 0, outDir: ${JSON.stringify(dir)}, workers: 0 })
        .catch((e) => { console.error(e); process.exit(1); });`;
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
        env: { ...process.env, TZ: 'Asia/Kolkata' },
        cwd: path.resolve(__dirname, '../..'),
        stdio: 'pipe',
      });
      expect(hashFiles(dir)).toEqual(hashFiles(clean.dir));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes the spec's columns, in the spec's order, for the seven files the pipeline reads", () => {
    for (const [file, columns] of Object.entries(SPEC_COLUMNS)) {
      expect([file, clean.tables[file as keyof typeof SPEC_COLUMNS].header]).toEqual([file, [...columns]]);
    }
  });

  it("writes the issue's columns for the other seven files", () => {
    for (const [file, columns] of Object.entries(OTHER_COLUMNS)) {
      expect([file, clean.tables[file as keyof typeof OTHER_COLUMNS].header]).toEqual([file, [...columns]]);
    }
  });

  it("lays the fourteen files out in the spec's four domain folders", () => {
    const files = GENERATED_FILES.map((f) => relativePath(f)).sort();
    expect(files).toEqual([
      'customer/app_usage.csv', 'customer/customers.csv', 'customer/loyalty_program.csv', 'customer/support_tickets.csv',
      'logistics/shipments.csv', 'logistics/tracking_events.csv', 'logistics/warehouse_locations.csv',
      'products/inventory.csv', 'products/product_suppliers.csv', 'products/products.csv', 'products/suppliers.csv',
      'sales/regional_sales.csv', 'sales/transaction_items.csv', 'sales/transactions.csv',
    ]);
    for (const f of files) expect(fs.existsSync(path.join(clean.dir, f))).toBe(true);
    const leftovers = fs.readdirSync(clean.dir, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('reports the rows and bytes of every file it wrote', () => {
    expect(clean.result.files.map((f) => f.file)).toEqual([...GENERATED_FILES]);
    for (const f of clean.result.files) {
      expect([f.file, f.rows]).toEqual([f.file, clean.tables[f.file].rows.length]);
      expect([f.file, f.bytes]).toEqual([f.file, fs.statSync(path.join(clean.dir, f.path)).size]);
    }
    expect(clean.result.files.find((f) => f.file === 'customers')?.rows).toBe(2000);
  });

  it('writes RFC 4180 CSV: LF line ends, a header line, every row as wide as the header', () => {
    for (const file of GENERATED_FILES) {
      const t = clean.tables[file];
      expect([file, t.errors]).toEqual([file, []]);
      expect(t.text.includes('\r')).toBe(false);
      expect(t.text.endsWith('\n')).toBe(true);
      const short = t.rows.filter((r) => r.length !== t.header.length);
      expect([file, short.length]).toEqual([file, 0]);
    }
    // Quoting only where needed: a quoted field holds a comma, a quote or a line break.
    const needless: string[] = [];
    for (const file of GENERATED_FILES) {
      for (const m of clean.tables[file].text.matchAll(/(?:^|,)"((?:[^"]|"")*)"(?=,|\n)/gm)) if (!/[",\r\n]/.test(m[1])) needless.push(m[0]);
    }
    expect(needless).toEqual([]);
  });

  it('writes typed values: dates, timestamps, money with two decimals, whole numbers', () => {
    const c = clean.tables;
    expect(column(c.customers, 'date_of_birth').every(isRealDate)).toBe(true);
    expect(column(c.customers, 'registration_date').every(isRealTimestamp)).toBe(true);
    expect(column(c.customers, 'zip_code').every((z) => /^\d{5}$/.test(z))).toBe(true);
    expect(column(c.transactions, 'transaction_date').every(isRealTimestamp)).toBe(true);
    for (const name of ['subtotal', 'tax_amount', 'discount_amount', 'total_amount']) {
      expect(column(c.transactions, name).every((v) => isDecimal(v, 2))).toBe(true);
    }
    for (const name of ['unit_price', 'line_total', 'discount_applied']) {
      expect(column(c.transaction_items, name).every((v) => isDecimal(v, 2))).toBe(true);
    }
    expect(column(c.transaction_items, 'quantity').every((v) => /^[1-9]\d*$/.test(v))).toBe(true);
    expect(column(c.loyalty_program, 'lifetime_value').every((v) => isDecimal(v, 2))).toBe(true);
    expect(column(c.loyalty_program, 'tier_start_date').every(isRealDate)).toBe(true);
    expect(column(c.support_tickets, 'created_date').every(isRealTimestamp)).toBe(true);
    expect(column(c.support_tickets, 'resolved_date').every((v) => v === '' || isRealTimestamp(v))).toBe(true);
    expect(column(c.app_usage, 'session_date').every(isRealDate)).toBe(true);
    expect(column(c.products, 'price').every((v) => isDecimal(v, 2))).toBe(true);
    expect(column(c.products, 'created_date').every(isRealDate)).toBe(true);
    expect(column(c.customers, 'customer_id').every((v) => /^CUST\d{7}$/.test(v))).toBe(true);
    expect(column(c.transactions, 'transaction_id').every((v) => /^TXN\d+$/.test(v))).toBe(true);
    expect(column(c.transaction_items, 'item_id').every((v) => /^ITEM\d+$/.test(v))).toBe(true);
    expect(column(c.products, 'product_id').every((v) => /^PROD\d+$/.test(v))).toBe(true);
  });

  it('resolves every foreign key in clean data, and keys are unique and never null', () => {
    const customers = column(clean.tables.customers, 'customer_id');
    expect(new Set(customers).size).toBe(customers.length);
    expect(customers.includes('')).toBe(false);
    const keyed: [keyof Generated['tables'], string][] = [
      ['transactions', 'transaction_id'], ['transaction_items', 'item_id'], ['products', 'product_id'], ['support_tickets', 'ticket_id'],
      ['app_usage', 'usage_id'], ['shipments', 'shipment_id'], ['tracking_events', 'event_id'], ['suppliers', 'supplier_id'],
      ['warehouse_locations', 'location_id'], ['inventory', 'inventory_id'], ['loyalty_program', 'customer_id'],
    ];
    for (const [file, key] of keyed) {
      const values = column(clean.tables[file], key);
      expect([file, new Set(values).size, values.includes('')]).toEqual([file, values.length, false]);
    }
    const refs: [keyof Generated['tables'], string, keyof Generated['tables'], string][] = [
      ['loyalty_program', 'customer_id', 'customers', 'customer_id'],
      ['support_tickets', 'customer_id', 'customers', 'customer_id'],
      ['app_usage', 'customer_id', 'customers', 'customer_id'],
      ['transactions', 'customer_id', 'customers', 'customer_id'],
      ['transaction_items', 'transaction_id', 'transactions', 'transaction_id'],
      ['transaction_items', 'product_id', 'products', 'product_id'],
      ['product_suppliers', 'product_id', 'products', 'product_id'],
      ['product_suppliers', 'supplier_id', 'suppliers', 'supplier_id'],
      ['inventory', 'product_id', 'products', 'product_id'],
      ['inventory', 'location_id', 'warehouse_locations', 'location_id'],
      ['shipments', 'transaction_id', 'transactions', 'transaction_id'],
      ['shipments', 'origin_location', 'warehouse_locations', 'location_id'],
      ['tracking_events', 'shipment_id', 'shipments', 'shipment_id'],
    ];
    for (const [file, name, target, key] of refs) {
      const known = ids(clean, target, key);
      const missing = column(clean.tables[file], name).filter((v) => !known.has(v));
      expect([`${file}.${name}`, missing.length]).toEqual([`${file}.${name}`, 0]);
    }
    const stores = ids(clean, 'warehouse_locations', 'location_id');
    expect(column(clean.tables.transactions, 'store_id').filter((s) => s !== '' && !stores.has(s))).toEqual([]);
    // Every transaction has items, of active products only.
    const withItems = ids(clean, 'transaction_items', 'transaction_id');
    expect(column(clean.tables.transactions, 'transaction_id').filter((t) => !withItems.has(t))).toEqual([]);
    const get = field(clean.tables.products);
    const active = new Set(clean.tables.products.rows.filter((r) => get(r, 'status') === 'active').map((r) => get(r, 'product_id')));
    expect(column(clean.tables.transaction_items, 'product_id').filter((p) => !active.has(p))).toEqual([]);
  });

  it('keeps amounts consistent and positive: total = subtotal + tax - discount, and the items add up', () => {
    const items = new Map<string, { gross: number; discount: number }>();
    const it = field(clean.tables.transaction_items);
    const cents = (v: string): number => Math.round(Number(v) * 100);
    const badLines: string[] = [];
    for (const r of clean.tables.transaction_items.rows) {
      const unit = cents(it(r, 'unit_price'));
      const qty = Number(it(r, 'quantity'));
      const off = cents(it(r, 'discount_applied'));
      if (cents(it(r, 'line_total')) !== unit * qty - off || unit <= 0 || off < 0 || off >= unit * qty) badLines.push(r.join(','));
      const agg = items.get(it(r, 'transaction_id')) ?? { gross: 0, discount: 0 };
      agg.gross += unit * qty;
      agg.discount += off;
      items.set(it(r, 'transaction_id'), agg);
    }
    expect(badLines).toEqual([]);
    const t = field(clean.tables.transactions);
    const badTotals: string[] = [];
    for (const r of clean.tables.transactions.rows) {
      const [sub, tax, disc, total] = ['subtotal', 'tax_amount', 'discount_amount', 'total_amount'].map((n) => cents(t(r, n)));
      const agg = items.get(t(r, 'transaction_id'));
      if (total !== sub + tax - disc || total <= 0 || tax < 0 || agg?.gross !== sub || agg.discount !== disc) badTotals.push(r.join(','));
    }
    expect(badTotals).toEqual([]);
  });

  it('dates purchases over about two years up to the as-of date, never after it, in clean data', () => {
    const dates = column(clean.tables.transactions, 'transaction_date').map((d) => d.slice(0, 10)).sort();
    expect(daysBetween(dates[dates.length - 1], AS_OF)).toBeGreaterThanOrEqual(0);
    expect(daysBetween(dates[0], AS_OF)).toBeGreaterThan(700);
    expect(daysBetween(dates[0], AS_OF)).toBeLessThanOrEqual(730);
    for (const [file, name] of [['support_tickets', 'created_date'], ['app_usage', 'session_date'], ['tracking_events', 'event_timestamp']] as const) {
      expect(column(clean.tables[file], name).filter((d) => daysBetween(d.slice(0, 10), AS_OF) < 0)).toEqual([]);
    }
    // Seasonal peak: November and December sell more per day than February.
    const byMonth = new Map<string, number>();
    for (const d of dates) byMonth.set(d.slice(5, 7), (byMonth.get(d.slice(5, 7)) ?? 0) + 1);
    expect((byMonth.get('12') ?? 0) / 31).toBeGreaterThan((byMonth.get('02') ?? 0) / 28);
  });

  it('gives every customer status, score band, value segment, generation and tenure segment', () => {
    expect(sortedBands(bands(clean.tables, AS_OF))).toEqual(ALL_BANDS);
    expect(new Set(column(clean.tables.loyalty_program, 'loyalty_tier'))).toEqual(new Set(['Bronze', 'Silver', 'Gold', 'Platinum']));
  });

  it('makes spend heavy-tailed: a few big spenders, many one-off buyers, some who never buy', () => {
    const perCustomer = new Map<string, number>();
    for (const id of column(clean.tables.transactions, 'customer_id')) perCustomer.set(id, (perCustomer.get(id) ?? 0) + 1);
    const counts = column(clean.tables.customers, 'customer_id').map((id) => perCustomer.get(id) ?? 0);
    const never = counts.filter((n) => n === 0).length / counts.length;
    const once = counts.filter((n) => n === 1).length / counts.length;
    expect(never).toBeGreaterThan(0.05);
    expect(once).toBeGreaterThan(0.25);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(15);
    // The top 10% of buyers bring far more than 10% of the revenue.
    const tx = field(clean.tables.transactions);
    const spend = new Map<string, number>();
    for (const r of clean.tables.transactions.rows) spend.set(tx(r, 'customer_id'), (spend.get(tx(r, 'customer_id')) ?? 0) + Number(tx(r, 'total_amount')));
    const sorted = [...spend.values()].sort((a, b) => b - a);
    const top = sorted.slice(0, Math.ceil(sorted.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / sorted.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.3);
  });

  it('uses the documented values: statuses, channels, tiers, priorities, product categories in every group', () => {
    const c = clean.tables;
    expect(new Set(column(c.transactions, 'channel'))).toEqual(new Set(['online', 'mobile', 'store', 'phone']));
    expect(new Set(column(c.transactions, 'currency'))).toEqual(new Set(['USD']));
    expect([...new Set(column(c.transactions, 'status'))].every((s) => ['completed', 'pending'].includes(s))).toBe(true);
    expect(new Set(column(c.products, 'status'))).toEqual(new Set(['active', 'inactive', 'discontinued']));
    expect(new Set(column(c.support_tickets, 'priority'))).toEqual(new Set(['low', 'medium', 'high', 'urgent']));
    expect(column(c.support_tickets, 'status')).toContain('resolved');
    expect([...new Set(column(c.support_tickets, 'satisfaction_score'))].sort()).toEqual(['', '1', '2', '3', '4', '5']);
    const p = field(c.products);
    const groups = new Set(c.products.rows.filter((r) => p(r, 'status') === 'active').map((r) => CATEGORY_GROUPS[p(r, 'category')] ?? 'Other'));
    expect([...groups].sort()).toEqual(['Beauty & Personal Care', 'Fashion', 'Health & Fitness', 'Home', 'Other', 'Technology']);
    expect(new Set(column(c.products, 'category'))).toEqual(new Set([...Object.keys(CATEGORY_GROUPS), 'Toys & Games', 'Books', 'Pet Supplies', 'Bags & Luggage']));
    // Resolved and closed tickets are scored in clean data; open ones are not.
    const t = field(c.support_tickets);
    const inconsistent = c.support_tickets.rows.filter((r) => {
      const done = ['resolved', 'closed'].includes(t(r, 'status'));
      return (t(r, 'satisfaction_score') !== '') !== done || (t(r, 'resolved_date') !== '') !== done;
    });
    expect(inconsistent).toEqual([]);
  });

  it('mixes in every kind of dirt at rate 0.05, and counts it', () => {
    for (const kind of DIRT_KINDS) expect([kind, dirty.result.dirt[kind] > 0]).toEqual([kind, true]);
    expect(clean.result.dirt).toEqual(Object.fromEntries(DIRT_KINDS.map((k) => [k, 0])));
    const d = dirty.tables;
    const found: Record<string, boolean> = {};

    const cu = field(d.customers);
    const registrations = new Map<string, Set<string>>();
    for (const r of d.customers.rows) {
      const id = cu(r, 'customer_id');
      registrations.set(id, (registrations.get(id) ?? new Set()).add(cu(r, 'registration_date')));
    }
    found.duplicate_customer = [...registrations.entries()].some(([id, regs]) => id !== '' && regs.size > 1);
    found.null_id = column(d.customers, 'customer_id').includes('') && column(d.loyalty_program, 'customer_id').includes('');
    found.missing_email = d.customers.rows.some((r) => cu(r, 'customer_id') !== '' && cu(r, 'email') === '');
    found.impossible_date =
      column(d.customers, 'date_of_birth').some((v) => !isRealDate(v)) &&
      d.transactions.rows.some((r) => r.length === 12 && !isRealTimestamp(r[2]));
    found.name_with_comma_or_quote = d.customers.rows.some((r) => /[,"]/.test(cu(r, 'first_name') + cu(r, 'last_name')));
    found.non_ascii_name = d.customers.rows.some((r) => /[^\x00-\x7f]/.test(cu(r, 'first_name') + cu(r, 'last_name')));
    found.leading_zero_zip = column(d.customers, 'zip_code').some((z) => z.startsWith('0'));

    const customerIds = ids(dirty, 'customers', 'customer_id');
    const tx = field(d.transactions);
    found.orphan_transaction = d.transactions.rows.some((r) => !customerIds.has(tx(r, 'customer_id')));
    found.orphan_ticket = column(d.support_tickets, 'customer_id').some((c) => !customerIds.has(c));
    found.cancelled_transaction = column(d.transactions, 'status').includes('cancelled');
    found.refunded_transaction = column(d.transactions, 'status').includes('refunded');
    found.non_numeric_amount =
      d.transactions.rows.some((r) => r.length === 12 && Number.isNaN(Number(tx(r, 'total_amount')))) &&
      column(d.loyalty_program, 'lifetime_value').some((v) => Number.isNaN(Number(v)));
    found.short_row = d.transactions.rows.some((r) => r.length < 12) && d.transaction_items.rows.some((r) => r.length < 7);
    found.future_transaction = d.transactions.rows.some((r) => isRealTimestamp(tx(r, 'transaction_date')) && daysBetween(AS_OF, tx(r, 'transaction_date').slice(0, 10)) > 0);
    const withItems = ids(dirty, 'transaction_items', 'transaction_id');
    found.transaction_without_items = column(d.transactions, 'transaction_id').some((t) => !withItems.has(t));

    const p = field(d.products);
    const status = new Map(d.products.rows.map((r) => [p(r, 'product_id'), p(r, 'status')] as const));
    const itemProducts = column(d.transaction_items, 'product_id');
    found.inactive_product_item = itemProducts.some((id) => status.has(id) && status.get(id) !== 'active');
    found.unknown_product_item = itemProducts.some((id) => !status.has(id));

    const tk = field(d.support_tickets);
    found.unscored_ticket = d.support_tickets.rows.some((r) => tk(r, 'status') === 'resolved' && tk(r, 'satisfaction_score') === '');
    const lo = field(d.loyalty_program);
    const members = new Map<string, number>();
    for (const r of d.loyalty_program.rows) if (lo(r, 'customer_id') !== '') members.set(lo(r, 'customer_id'), (members.get(lo(r, 'customer_id')) ?? 0) + 1);
    found.duplicate_loyalty_member = [...members.values()].some((n) => n > 1);

    expect(Object.keys(found).sort()).toEqual([...DIRT_KINDS].sort());
    for (const kind of DIRT_KINDS) expect([kind, found[kind]]).toEqual([kind, true]);
    // Even dirty files stay RFC 4180: quotes balance, and only short rows are narrower than the header.
    for (const file of GENERATED_FILES) expect([file, d[file].errors]).toEqual([file, []]);
  });

  it('fails cleanly when a file cannot be written, leaving no .tmp file behind', async () => {
    const dir = tempDir('blocked');
    try {
      fs.mkdirSync(path.join(dir, 'sales', 'transactions.csv', 'in-the-way'), { recursive: true });
      await expect(generate({ customers: 50, asOf: AS_OF, outDir: dir, workers: 0 })).rejects.toMatchObject({
        name: 'C360Error',
        message: expect.stringMatching(/^could not write the data to /),
      });
      fs.writeFileSync(path.join(dir, 'a-file'), 'not a folder');
      await expect(generate({ customers: 5, asOf: AS_OF, outDir: path.join(dir, 'a-file') })).rejects.toThrow(/cannot create the output folder/);
      const leftovers = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
      expect(leftovers).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad options with a UsageError', async () => {
    const dir = tempDir('bad');
    try {
      await expect(generate({ customers: 0, asOf: AS_OF, outDir: dir })).rejects.toThrow(/customers must be a whole number/);
      await expect(generate({ customers: 10, asOf: '2024-02-30', outDir: dir })).rejects.toMatchObject({ name: 'UsageError' });
      await expect(generate({ customers: 10, asOf: AS_OF, outDir: dir, dirtyRate: 1.5 })).rejects.toThrow(/dirty rate/);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
