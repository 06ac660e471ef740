/**
 * The C360 pipeline written by hand as DuckDB SQL, for the pipeline benchmark (bench/pipeline.ts).
 * It is the same seven models as src/models (the rules of ../shared/spec/C360_SPEC.md), not a
 * translation generated from them: a DuckDB user would write this.
 *
 * Same work as c360, so neither engine wins by computing less:
 * - every declared column of every input file is parsed with its declared type, so a row with a
 *   value that does not parse (or with the wrong number of fields) is set aside whichever columns
 *   the models read (c360's `validateAll`); the rejects go to `rejects/<file>.csv`;
 * - every model is materialised as a table with all of its columns (c360 keeps every model's
 *   frame), the lists of int_customer_transactions included;
 * - the product is written as CSV in c360's text formats: its column order, dates `YYYY-MM-DD`,
 *   timestamps `YYYY-MM-DD HH:MM:SS`, whole doubles without `.0`, other numbers in full precision,
 *   text cells beginning with = + - @ prefixed with `'` (c360's default spreadsheet safety).
 *
 * Run as a program (one process per run, so its peak RSS is its own):
 *   node pipeline-duckdb.js --data DIR --as-of YYYY-MM-DD --out DIR [--run-timestamp TS]
 *        [--threads N] [--scan views|tables]
 * It prints per-statement timings on stderr and `RESULT <json>` as the last stdout line.
 * Self-contained (node built-ins and @duckdb/node-api only): the benchmark transpiles this one
 * file to plain JavaScript, so DuckDB's runs do not pay for ts-node.
 */
import * as fs from 'fs';
import * as path from 'path';

/** DuckDB column types of the declared inputs (spec section 1): int -> BIGINT, decimal -> DOUBLE. */
type SqlType = 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'DATE' | 'TIMESTAMP';

/** One input file: its path, its declared columns in header order, and the columns the models read. */
export interface DuckInput {
  readonly name: string;
  readonly path: string;
  readonly columns: readonly (readonly [string, SqlType])[];
  /** Columns the models use; null = all. The others are still parsed (validated), never stored. */
  readonly used: readonly string[] | null;
  /** Materialised as a table: the dedupes need the file order (`rowid`). */
  readonly table: boolean;
}

const V = 'VARCHAR';
const I = 'BIGINT';
const D = 'DOUBLE';
const DATE = 'DATE';
const TS = 'TIMESTAMP';

/** The seven input files, written out by hand (the benchmark checks them against src/schema/inputs.ts). */
export const DUCK_INPUTS: readonly DuckInput[] = [
  {
    name: 'customers',
    path: 'customer/customers.csv',
    columns: [
      ['customer_id', V],
      ['first_name', V],
      ['last_name', V],
      ['email', V],
      ['phone', V],
      ['date_of_birth', DATE],
      ['gender', V],
      ['registration_date', TS],
      ['customer_segment', V],
      ['preferred_channel', V],
      ['address_line1', V],
      ['city', V],
      ['state', V],
      ['zip_code', V],
      ['country', V],
    ],
    used: null,
    table: true,
  },
  {
    name: 'loyalty_program',
    path: 'customer/loyalty_program.csv',
    columns: [
      ['customer_id', V],
      ['loyalty_tier', V],
      ['points_balance', I],
      ['points_earned_ytd', I],
      ['points_redeemed_ytd', I],
      ['tier_start_date', DATE],
      ['lifetime_value', D],
    ],
    used: null,
    table: true,
  },
  {
    name: 'support_tickets',
    path: 'customer/support_tickets.csv',
    columns: [
      ['ticket_id', V],
      ['customer_id', V],
      ['created_date', TS],
      ['resolved_date', TS],
      ['category', V],
      ['priority', V],
      ['status', V],
      ['channel', V],
      ['satisfaction_score', I],
    ],
    used: ['customer_id', 'created_date', 'priority', 'status', 'satisfaction_score'],
    table: false,
  },
  {
    name: 'app_usage',
    path: 'customer/app_usage.csv',
    columns: [
      ['usage_id', V],
      ['customer_id', V],
      ['session_date', DATE],
      ['session_start', TS],
      ['session_duration_minutes', I],
      ['pages_viewed', I],
      ['actions_taken', I],
      ['device_type', V],
      ['app_version', V],
    ],
    used: ['customer_id', 'session_date', 'session_duration_minutes', 'pages_viewed', 'actions_taken', 'device_type'],
    table: false,
  },
  {
    name: 'products',
    path: 'products/products.csv',
    columns: [
      ['product_id', V],
      ['product_name', V],
      ['category', V],
      ['subcategory', V],
      ['brand', V],
      ['price', D],
      ['cost', D],
      ['weight_kg', D],
      ['dimensions', V],
      ['color', V],
      ['size', V],
      ['created_date', DATE],
      ['status', V],
    ],
    used: null,
    table: false,
  },
  {
    name: 'transactions',
    path: 'sales/transactions.csv',
    columns: [
      ['transaction_id', V],
      ['customer_id', V],
      ['transaction_date', TS],
      ['channel', V],
      ['store_id', V],
      ['payment_method', V],
      ['subtotal', D],
      ['tax_amount', D],
      ['discount_amount', D],
      ['total_amount', D],
      ['currency', V],
      ['status', V],
    ],
    used: null,
    table: false,
  },
  {
    name: 'transaction_items',
    path: 'sales/transaction_items.csv',
    columns: [
      ['item_id', V],
      ['transaction_id', V],
      ['product_id', V],
      ['quantity', I],
      ['unit_price', D],
      ['line_total', D],
      ['discount_applied', D],
    ],
    used: ['transaction_id', 'product_id', 'quantity', 'unit_price'],
    table: false,
  },
];

/** How the inputs are scanned: `views` (read once, by the model that needs them; unused columns parsed, not kept) or `tables` (every input loaded whole first). */
export type ScanMode = 'views' | 'tables';

/** One statement of the pipeline, named for the timings. */
export interface Statement {
  readonly name: string;
  readonly sql: string;
}

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** `read_csv` of an input with its declared types; bad rows go to `rej_<name>` (store_rejects implies skipping them). */
function readCsvSql(dataDir: string, input: DuckInput): string {
  const cols = input.columns.map(([n, t]) => `${q(n)}: ${q(t)}`).join(', ');
  return (
    `read_csv(${q(path.join(dataDir, ...input.path.split('/')))}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
    `columns = {${cols}}, store_rejects = true, rejects_table = ${q(`rej_${input.name}`)}, rejects_scan = ${q(`rejscan_${input.name}`)})`
  );
}

/**
 * The input relation `in_<name>`: the used columns of the typed scan. The unused columns are named
 * in a `hash(...)` filter that is always true, so DuckDB still parses (and so validates) them:
 * without it the scan skips unprojected columns and keeps rows c360 sets aside.
 */
export function inputStatement(dataDir: string, input: DuckInput, scan: ScanMode): Statement {
  const all = input.columns.map(([n]) => n);
  const used = input.used ?? all;
  const unused = all.filter((c) => !used.includes(c));
  const table = input.table || scan === 'tables';
  const select = table && scan === 'tables' ? '*' : used.map(ident).join(', ');
  const where = select !== '*' && unused.length > 0 ? ` WHERE hash(${unused.map(ident).join(', ')}) IS NOT NULL` : '';
  const kind = table ? 'TABLE' : 'VIEW';
  return { name: `input ${input.name}${table ? '' : ' (view)'}`, sql: `CREATE ${kind} in_${input.name} AS SELECT ${select} FROM ${readCsvSql(dataDir, input)}${where}` };
}

/** `days(as_of, x)`: whole calendar days from the date part of x to the as-of date. */
const days = (x: string): string => `(DATE '__ASOF__' - CAST(${x} AS DATE))`;
/** A double literal (a bare 0.3 is a DECIMAL in DuckDB). */
const dbl = (x: number): string => `CAST(${x} AS DOUBLE)`;
const flag = (cond: string): string => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;

/** The seven models, as `CREATE TABLE` statements, in run order. `__ASOF__` and `__RUNTS__` are replaced by the run's values. */
const MODELS: readonly Statement[] = [
  {
    name: 'src_customers',
    sql: `CREATE TABLE src_customers AS
SELECT *,
  CASE WHEN date_of_birth IS NULL THEN NULL
       WHEN age_years < 25 THEN 'Gen Z' WHEN age_years < 40 THEN 'Millennial' WHEN age_years < 55 THEN 'Gen X' ELSE 'Boomer+' END AS generation_segment,
  ${flag(`email IS NULL OR email = ''`)} AS missing_email_flag,
  ${flag(`phone IS NULL OR phone = ''`)} AS missing_phone_flag
FROM (
  SELECT customer_id, first_name, last_name, email, phone, date_of_birth, gender, registration_date, customer_segment,
    preferred_channel, address_line1, city, state, zip_code, country,
    CAST(${days('date_of_birth')} AS DOUBLE) / ${dbl(365.25)} AS age_years,
    ${days('registration_date')} AS days_since_registration
  FROM in_customers
  WHERE customer_id IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY registration_date DESC NULLS LAST, rowid) = 1
)`,
  },
  {
    name: 'src_loyalty_program',
    sql: `CREATE TABLE src_loyalty_program AS
SELECT customer_id, loyalty_tier, points_balance, points_earned_ytd, points_redeemed_ytd, tier_start_date, lifetime_value,
  points_earned_ytd - points_redeemed_ytd AS net_points_ytd,
  CAST(points_redeemed_ytd AS DOUBLE) / CAST(NULLIF(points_earned_ytd, 0) AS DOUBLE) AS redemption_rate,
  ${days('tier_start_date')} AS days_in_current_tier,
  CASE loyalty_tier WHEN 'Bronze' THEN 1 WHEN 'Silver' THEN 2 WHEN 'Gold' THEN 3 WHEN 'Platinum' THEN 4 ELSE 0 END AS tier_rank,
  CASE WHEN lifetime_value IS NULL THEN NULL WHEN lifetime_value < 1000 THEN 'Low Value' WHEN lifetime_value < 5000 THEN 'Medium Value'
       WHEN lifetime_value < 10000 THEN 'High Value' ELSE 'VIP' END AS value_segment
FROM in_loyalty_program
WHERE customer_id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY tier_start_date DESC NULLS LAST, rowid) = 1`,
  },
  {
    name: 'src_products',
    sql: `CREATE TABLE src_products AS
SELECT product_id, product_name, category, subcategory, brand, price, cost, weight_kg, dimensions, color, size, created_date, status,
  price - cost AS gross_margin,
  (price - cost) / NULLIF(price, 0) AS margin_percent,
  ${days('created_date')} AS days_since_launch,
  CASE WHEN price IS NULL THEN NULL WHEN price < 50 THEN 'Budget' WHEN price < 150 THEN 'Mid-Range' WHEN price < 300 THEN 'Premium' ELSE 'Luxury' END AS price_segment,
  CASE WHEN category IN ('Electronics', 'Computer') THEN 'Technology'
       WHEN category IN ('Apparel', 'Footwear', 'Accessories') THEN 'Fashion'
       WHEN category IN ('Home & Kitchen', 'Home & Garden', 'Home & Office') THEN 'Home'
       WHEN category IN ('Sports & Fitness', 'Health & Nutrition') THEN 'Health & Fitness'
       WHEN category IN ('Beauty', 'Personal Care') THEN 'Beauty & Personal Care'
       ELSE 'Other' END AS category_group
FROM in_products
WHERE status = 'active'`,
  },
  {
    name: 'src_transactions',
    sql: `CREATE TABLE src_transactions AS
SELECT transaction_id, customer_id, transaction_date, channel, store_id, payment_method, subtotal, tax_amount, discount_amount,
  total_amount, currency, status,
  CAST(transaction_date AS DATE) AS transaction_date_only,
  hour(transaction_date) AS transaction_hour,
  dayofweek(transaction_date) + 1 AS day_of_week,
  month(transaction_date) AS transaction_month,
  quarter(transaction_date) AS transaction_quarter,
  year(transaction_date) AS transaction_year,
  CASE WHEN channel IN ('online', 'mobile') THEN 'Digital' WHEN channel = 'store' THEN 'Physical' ELSE 'Other' END AS channel_group,
  ${flag('discount_amount > 0')} AS has_discount,
  CASE WHEN discount_amount > 0 THEN discount_amount / NULLIF(subtotal, 0) ELSE ${dbl(0)} END AS discount_rate,
  CASE WHEN total_amount IS NULL THEN NULL WHEN total_amount < 50 THEN 'Small' WHEN total_amount < 150 THEN 'Medium'
       WHEN total_amount < 300 THEN 'Large' ELSE 'XLarge' END AS order_size_category
FROM in_transactions
WHERE status = 'completed'`,
  },
  {
    name: 'int_customer_transactions',
    sql: `CREATE TABLE int_customer_transactions AS
WITH per_transaction AS (
  SELECT i.transaction_id,
    count(*) AS items_purchased,
    sum(i.quantity) AS total_quantity,
    avg(i.unit_price) AS avg_item_price,
    count(DISTINCT p.category) AS unique_categories,
    count(DISTINCT p.brand) AS unique_brands,
    coalesce(list_sort(list(p.category_group) FILTER (WHERE p.category_group IS NOT NULL)), []) AS purchased_category_groups,
    coalesce(list_sort(list(p.brand) FILTER (WHERE p.brand IS NOT NULL)), []) AS purchased_brands
  FROM in_transaction_items i
  JOIN src_products p ON i.product_id = p.product_id
  GROUP BY i.transaction_id
)
SELECT c.customer_id, c.first_name, c.last_name, c.email, c.customer_segment, c.preferred_channel, c.generation_segment,
  c.age_years, c.days_since_registration,
  t.transaction_id, t.transaction_date, t.channel, t.channel_group, t.total_amount, t.discount_amount, t.order_size_category,
  pt.items_purchased, pt.total_quantity, pt.avg_item_price, pt.unique_categories, pt.unique_brands,
  pt.purchased_category_groups, pt.purchased_brands,
  t.transaction_hour, t.day_of_week, t.transaction_month, t.transaction_quarter, t.transaction_year,
  ${flag('c.preferred_channel = t.channel')} AS used_preferred_channel
FROM src_transactions t
JOIN per_transaction pt ON t.transaction_id = pt.transaction_id
JOIN src_customers c ON t.customer_id = c.customer_id`,
  },
  {
    name: 'fct_customer_360_profile',
    sql: `CREATE TABLE fct_customer_360_profile AS
WITH support AS (
  SELECT customer_id,
    count(*) AS total_support_tickets,
    count(*) FILTER (WHERE status = 'resolved') AS resolved_support_tickets,
    avg(satisfaction_score) AS avg_satisfaction,
    max(created_date) AS last_ticket_date,
    count(*) FILTER (WHERE priority = 'urgent') AS urgent_support_tickets
  FROM in_support_tickets
  GROUP BY customer_id
), app AS (
  SELECT *,
    CAST(coalesce(total_session_minutes, 0) AS DOUBLE) * ${dbl(0.3)}
      + CAST(coalesce(total_pages_viewed, 0) AS DOUBLE) * ${dbl(0.4)}
      + CAST(coalesce(total_actions_taken, 0) AS DOUBLE) * ${dbl(0.3)} AS app_engagement_score
  FROM (
    SELECT customer_id,
      count(*) AS total_app_sessions,
      sum(session_duration_minutes) AS total_session_minutes,
      avg(session_duration_minutes) AS avg_session_duration,
      sum(pages_viewed) AS total_pages_viewed,
      sum(actions_taken) AS total_actions_taken,
      max(session_date) AS last_app_use_date,
      count(DISTINCT device_type) AS unique_device_types
    FROM in_app_usage
    GROUP BY customer_id
  )
), purchases AS (
  SELECT customer_id,
    count(DISTINCT transaction_id) AS total_transactions,
    sum(total_amount) AS total_spent,
    avg(total_amount) AS avg_order_value,
    min(transaction_date) AS first_purchase_date,
    max(transaction_date) AS last_purchase_date,
    count(DISTINCT channel) AS channels_used,
    count(DISTINCT CAST(transaction_date AS DATE)) AS shopping_days,
    sum(used_preferred_channel) AS preferred_channel_usage,
    avg(unique_categories) AS avg_categories_per_order,
    avg(unique_brands) AS avg_brands_per_order,
    sum(items_purchased) AS total_items_purchased,
    count(*) FILTER (WHERE ${days('transaction_date')} <= 90) AS transactions_last_90d,
    sum(CASE WHEN ${days('transaction_date')} <= 90 THEN total_amount END) AS spent_last_90d
  FROM int_customer_transactions
  GROUP BY customer_id
), joined AS (
  SELECT c.customer_id, c.first_name, c.last_name, c.email, c.customer_segment, c.preferred_channel, c.generation_segment,
    c.age_years, c.days_since_registration, c.city, c.state, c.country,
    l.loyalty_tier, l.points_balance, l.lifetime_value, l.tier_rank, l.value_segment, l.redemption_rate, l.days_in_current_tier,
    coalesce(p.total_transactions, 0) AS total_transactions,
    CAST(coalesce(p.total_spent, 0) AS DOUBLE) AS total_spent,
    p.avg_order_value, p.first_purchase_date, p.last_purchase_date,
    coalesce(p.channels_used, 0) AS channels_used,
    coalesce(p.shopping_days, 0) AS shopping_days,
    coalesce(p.preferred_channel_usage, 0) AS preferred_channel_usage,
    coalesce(p.transactions_last_90d, 0) AS transactions_last_90d,
    CAST(coalesce(p.spent_last_90d, 0) AS DOUBLE) AS spent_last_90d,
    coalesce(s.total_support_tickets, 0) AS total_support_tickets,
    coalesce(s.resolved_support_tickets, 0) AS resolved_support_tickets,
    s.avg_satisfaction, s.last_ticket_date,
    coalesce(s.urgent_support_tickets, 0) AS urgent_support_tickets,
    coalesce(a.total_app_sessions, 0) AS total_app_sessions,
    coalesce(a.total_session_minutes, 0) AS total_session_minutes,
    a.avg_session_duration,
    coalesce(a.total_pages_viewed, 0) AS total_pages_viewed,
    coalesce(a.total_actions_taken, 0) AS total_actions_taken,
    a.last_app_use_date,
    coalesce(a.unique_device_types, 0) AS unique_device_types,
    CAST(coalesce(a.app_engagement_score, 0) AS DOUBLE) AS app_engagement_score,
    ${days('p.last_purchase_date')} AS recency
  FROM src_customers c
  LEFT JOIN (SELECT customer_id, loyalty_tier, points_balance, lifetime_value, tier_rank, value_segment, redemption_rate, days_in_current_tier
             FROM src_loyalty_program) l ON c.customer_id = l.customer_id
  LEFT JOIN purchases p ON c.customer_id = p.customer_id
  LEFT JOIN support s ON c.customer_id = s.customer_id
  LEFT JOIN app a ON c.customer_id = a.customer_id
)
SELECT * EXCLUDE (recency),
  CASE WHEN last_purchase_date IS NULL THEN 'Never Purchased' WHEN recency <= 30 THEN 'Active' WHEN recency <= 90 THEN 'At Risk'
       ELSE 'Churned' END AS customer_status,
  CASE WHEN last_purchase_date IS NULL THEN 1 WHEN recency <= 30 THEN 5 WHEN recency <= 60 THEN 4 WHEN recency <= 90 THEN 3
       WHEN recency <= 180 THEN 2 ELSE 1 END AS recency_score,
  CASE WHEN total_transactions = 0 THEN 1 WHEN total_transactions >= 10 THEN 5 WHEN total_transactions >= 5 THEN 4
       WHEN total_transactions >= 3 THEN 3 WHEN total_transactions >= 1 THEN 2 ELSE 1 END AS frequency_score,
  CASE WHEN total_spent = 0 THEN 1 WHEN total_spent >= 1000 THEN 5 WHEN total_spent >= 500 THEN 4 WHEN total_spent >= 200 THEN 3
       WHEN total_spent >= 50 THEN 2 ELSE 1 END AS monetary_score,
  TIMESTAMP '__RUNTS__' AS profile_created_at
FROM joined`,
  },
  {
    name: 'customer_analytics_c360',
    sql: `CREATE TABLE customer_analytics_c360 AS
SELECT customer_id, first_name, last_name, email, customer_segment, preferred_channel, generation_segment, age_years, city, state,
  country, days_since_registration,
  CASE WHEN days_since_registration IS NULL THEN NULL WHEN days_since_registration <= 30 THEN 'New (0-30 days)'
       WHEN days_since_registration <= 90 THEN 'Recent (31-90 days)' WHEN days_since_registration <= 365 THEN 'Established (3-12 months)'
       ELSE 'Veteran (1+ years)' END AS customer_tenure_segment,
  loyalty_tier, points_balance, lifetime_value, value_segment, redemption_rate, total_transactions, total_spent, avg_order_value,
  first_purchase_date, last_purchase_date, channels_used, shopping_days, transactions_last_90d, spent_last_90d, customer_status,
  recency_score, frequency_score, monetary_score,
  CAST(recency_score + frequency_score + monetary_score AS DOUBLE) / ${dbl(3)} AS customer_health_score,
  total_app_sessions, total_session_minutes, avg_session_duration, app_engagement_score, last_app_use_date, unique_device_types,
  total_support_tickets, resolved_support_tickets, avg_satisfaction, last_ticket_date, urgent_support_tickets,
  CASE WHEN total_support_tickets = 0 THEN 'No Contact' WHEN avg_satisfaction >= 4 THEN 'Highly Satisfied'
       WHEN avg_satisfaction >= 3 THEN 'Satisfied' ELSE 'Needs Attention' END AS support_satisfaction_level,
  ${flag('total_app_sessions > 0')} AS is_app_user,
  ${flag(`preferred_channel IN ('online', 'mobile')`)} AS is_digital_native,
  ${flag('urgent_support_tickets > 0')} AS has_urgent_issues,
  ${flag(`customer_status IN ('At Risk', 'Churned')`)} AS churn_risk_flag,
  ${flag('avg_satisfaction IS NOT NULL AND avg_satisfaction < 3')} AS satisfaction_risk_flag,
  ${flag('channels_used = 1 AND total_transactions > 3')} AS channel_expansion_opportunity,
  ${flag(`loyalty_tier IN ('Bronze', 'Silver') AND lifetime_value > 2000`)} AS tier_upgrade_opportunity,
  ${flag(`total_app_sessions = 0 AND customer_status = 'Active'`)} AS app_adoption_opportunity,
  profile_created_at,
  TIMESTAMP '__RUNTS__' AS view_accessed_at
FROM fct_customer_360_profile
WHERE customer_id IS NOT NULL AND email IS NOT NULL AND email <> ''`,
  },
];

/** The pipeline's statements for a run: inputs, then the seven models. */
export function pipelineStatements(options: { readonly dataDir: string; readonly asOf: string; readonly runTimestamp: string; readonly scan: ScanMode }): Statement[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) throw new Error(`--as-of must be YYYY-MM-DD, got ${options.asOf}`);
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(options.runTimestamp)) throw new Error(`--run-timestamp must be YYYY-MM-DD HH:MM:SS, got ${options.runTimestamp}`);
  const inputs = DUCK_INPUTS.map((i) => inputStatement(options.dataDir, i, options.scan));
  const models = MODELS.map((m) => ({ name: m.name, sql: m.sql.replace(/__ASOF__/g, options.asOf).replace(/__RUNTS__/g, options.runTimestamp) }));
  return [...inputs, ...models];
}

/**
 * The SELECT that writes the product in c360's text formats, from the table's column types:
 * text gets the spreadsheet-safety quote, whole doubles lose their `.0` (c360 writes `12`, DuckDB
 * `12.0`), everything else is DuckDB's own CSV text (dates, timestamps, integers, shortest
 * round-trip doubles).
 */
export function productSelect(columns: readonly { readonly name: string; readonly type: string }[]): string {
  const cells = columns.map(({ name, type }) => {
    const c = ident(name);
    if (type === 'VARCHAR') return `CASE WHEN left(${c}, 1) IN ('=', '+', '-', '@') THEN '''' || ${c} ELSE ${c} END AS ${c}`;
    if (type === 'DOUBLE') return `CASE WHEN ${c} = floor(${c}) AND abs(${c}) < 1e15 THEN CAST(CAST(${c} AS BIGINT) AS VARCHAR) ELSE CAST(${c} AS VARCHAR) END AS ${c}`;
    return c;
  });
  return `SELECT ${cells.join(', ')} FROM customer_analytics_c360`;
}

/** What one DuckDB run reports. */
export interface DuckRunResult {
  readonly engine: 'duckdb';
  readonly duckdbVersion: string;
  readonly threads: number;
  readonly scan: ScanMode;
  /** Seconds per statement, in run order (the writes last). */
  readonly steps: readonly { readonly name: string; readonly seconds: number }[];
  readonly productRows: number;
  /** Distinct rejected lines per input file with any. */
  readonly rejected: Record<string, number>;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMB: number;
}

interface Args {
  readonly data: string;
  readonly asOf: string;
  readonly out: string;
  readonly runTimestamp: string;
  readonly threads: number;
  readonly scan: ScanMode;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const need = (name: string): string => {
    const v = get(name);
    if (v === undefined) throw new Error(`--${name} is required`);
    return v;
  };
  const scan = get('scan') ?? 'views';
  if (scan !== 'views' && scan !== 'tables') throw new Error(`--scan must be views or tables, got ${scan}`);
  return {
    data: path.resolve(need('data')),
    asOf: need('as-of'),
    out: path.resolve(need('out')),
    runTimestamp: get('run-timestamp') ?? new Date().toISOString().slice(0, 19).replace('T', ' '),
    threads: Number(get('threads') ?? '2'),
    scan,
  };
}

/** Fails unless each input's header names the declared columns in the declared order (read_csv maps columns by position). */
function checkHeaders(dataDir: string): void {
  for (const input of DUCK_INPUTS) {
    const file = path.join(dataDir, ...input.path.split('/'));
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    fs.closeSync(fd);
    const header = buf
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0]!;
    const want = input.columns.map(([c]) => c).join(',');
    if (header !== want) throw new Error(`${input.path}: header is "${header}", the DuckDB pipeline expects "${want}"`);
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  checkHeaders(args.data);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(args.threads) });
  const conn = await instance.connect();
  const version = String((await conn.runAndReadAll('SELECT version()')).getRows()[0]![0]);
  const steps: { name: string; seconds: number }[] = [];
  const timed = async (name: string, sql: string): Promise<void> => {
    const s0 = process.hrtime.bigint();
    await conn.run(sql);
    const seconds = Number(process.hrtime.bigint() - s0) / 1e9;
    steps.push({ name, seconds });
    process.stderr.write(`  [duckdb] ${name}: ${seconds.toFixed(3)} s\n`);
  };
  for (const s of pipelineStatements({ dataDir: args.data, asOf: args.asOf, runTimestamp: args.runTimestamp, scan: args.scan })) await timed(s.name, s.sql);

  // Write like c360: a staging folder, then one rename per file.
  fs.mkdirSync(args.out, { recursive: true });
  const staging = fs.mkdtempSync(path.join(args.out, '.duckdb-staging-'));
  const described = (await conn.runAndReadAll('DESCRIBE customer_analytics_c360')).getRows();
  const columns = described.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  const productFile = 'customer_analytics_c360.csv';
  await timed('write product', `COPY (${productSelect(columns)}) TO ${q(path.join(staging, productFile))} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
  const productRows = Number((await conn.runAndReadAll('SELECT count(*) FROM customer_analytics_c360')).getRows()[0]![0]);
  const rejected: Record<string, number> = {};
  const moves = [productFile];
  const r0 = process.hrtime.bigint();
  for (const input of DUCK_INPUTS) {
    const exists = (await conn.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE table_name = ${q(`rej_${input.name}`)}`)).getRows()[0]![0];
    if (Number(exists) === 0) continue;
    const n = Number((await conn.runAndReadAll(`SELECT count(DISTINCT line) FROM rej_${input.name}`)).getRows()[0]![0]);
    if (n === 0) continue;
    rejected[input.name] = n;
    const file = path.join('rejects', `${path.posix.basename(input.path, '.csv')}.csv`);
    fs.mkdirSync(path.join(staging, 'rejects'), { recursive: true });
    await conn.run(
      `COPY (SELECT line, column_name AS "column", error_message AS reason, csv_line AS original_line FROM rej_${input.name} ORDER BY line) ` +
        `TO ${q(path.join(staging, file))} (FORMAT csv, HEADER true)`,
    );
    moves.push(file);
  }
  steps.push({ name: 'write rejects', seconds: Number(process.hrtime.bigint() - r0) / 1e9 });
  fs.mkdirSync(path.join(args.out, 'rejects'), { recursive: true });
  for (const f of moves) fs.renameSync(path.join(staging, f), path.join(args.out, f));
  fs.rmSync(staging, { recursive: true, force: true });
  conn.closeSync();

  const c = process.cpuUsage(c0);
  const result: DuckRunResult = {
    engine: 'duckdb',
    duckdbVersion: version,
    threads: args.threads,
    scan: args.scan,
    steps,
    productRows,
    rejected,
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
    cpuSeconds: (c.user + c.system) / 1e6,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
  fs.writeFileSync(path.join(args.out, 'duckdb_results.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
