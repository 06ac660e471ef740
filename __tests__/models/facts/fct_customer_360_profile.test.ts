import { DataFrame } from '../../../src/engine/frame';
import fctCustomer360Profile from '../../../src/models/facts/fct_customer_360_profile';
import {
  CTX,
  LiteralRow,
  RawInputs,
  appUsage,
  byKey,
  customers,
  daysAgo,
  daysAgoAt,
  expectGrain,
  loyaltyProgram,
  products,
  rowWhere,
  runModels,
  schemaOf,
  supportTickets,
  transactionItems,
  transactions,
} from '../fixtures';

/** A purchase: one completed transaction with one item of the active product P1. */
interface Purchase {
  readonly id: string;
  readonly customer: string;
  readonly date: string | null;
  readonly amount?: number | null;
  readonly channel?: string | null;
}

interface Scenario {
  readonly customers: readonly LiteralRow[];
  readonly purchases?: readonly Purchase[];
  readonly loyalty?: readonly LiteralRow[];
  readonly tickets?: readonly LiteralRow[];
  readonly sessions?: readonly LiteralRow[];
  /** Raw transactions and items added to those of the purchases. */
  readonly transactions?: readonly LiteralRow[];
  readonly items?: readonly LiteralRow[];
}

function inputs(s: Scenario): RawInputs {
  const purchases = s.purchases ?? [];
  return {
    customers: customers(s.customers),
    products: products([{ product_id: 'P1', category: 'Electronics', brand: 'Acme', price: 10, status: 'active' }]),
    transactions: transactions([
      ...purchases.map((p) => ({
        transaction_id: p.id,
        customer_id: p.customer,
        transaction_date: p.date,
        channel: p.channel === undefined ? 'online' : p.channel,
        total_amount: p.amount === undefined ? 100 : p.amount,
        status: 'completed',
      })),
      ...(s.transactions ?? []),
    ]),
    items: transactionItems([...purchases.map((p) => ({ item_id: `I-${p.id}`, transaction_id: p.id, product_id: 'P1', quantity: 1, unit_price: 10 })), ...(s.items ?? [])]),
    loyalty: loyaltyProgram(s.loyalty ?? []),
    tickets: supportTickets(s.tickets ?? []),
    sessions: appUsage(s.sessions ?? []),
  };
}

const profile = (s: Scenario): DataFrame => runModels(inputs(s)).fct_customer_360_profile;

/** One customer per case, each with one purchase `days` days before the as-of date at noon. */
function lastPurchaseCases(days: readonly number[], time = '12:00:00'): Scenario {
  return {
    customers: days.map((d) => ({ customer_id: String(d), email: `${d}@x.com` })),
    purchases: days.map((d) => ({ id: `T${d}`, customer: String(d), date: daysAgoAt(d, time) })),
  };
}

/** `n` purchases of `amount` each for a customer. */
function purchasesOf(customer: string, n: number, amount = 100): Purchase[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${customer}-T${i}`, customer, date: daysAgoAt(10 + i, '09:00:00'), amount }));
}

const SPEC_COLUMNS = [
  'customer_id',
  'first_name',
  'last_name',
  'email',
  'customer_segment',
  'preferred_channel',
  'generation_segment',
  'age_years',
  'days_since_registration',
  'city',
  'state',
  'country',
  'loyalty_tier',
  'points_balance',
  'lifetime_value',
  'tier_rank',
  'value_segment',
  'redemption_rate',
  'days_in_current_tier',
  'total_transactions',
  'total_spent',
  'avg_order_value',
  'first_purchase_date',
  'last_purchase_date',
  'channels_used',
  'shopping_days',
  'preferred_channel_usage',
  'transactions_last_90d',
  'spent_last_90d',
  'total_support_tickets',
  'resolved_support_tickets',
  'avg_satisfaction',
  'last_ticket_date',
  'urgent_support_tickets',
  'total_app_sessions',
  'total_session_minutes',
  'avg_session_duration',
  'total_pages_viewed',
  'total_actions_taken',
  'last_app_use_date',
  'unique_device_types',
  'app_engagement_score',
  'customer_status',
  'recency_score',
  'frequency_score',
  'monetary_score',
  'profile_created_at',
];

describe('fct_customer_360_profile', () => {
  it('has one row per src_customers row: customer_id is unique and never null, whatever the other inputs hold', () => {
    const outputs = runModels(
      inputs({
        customers: [{ customer_id: 'C1' }, { customer_id: 'C1' }, { customer_id: null }, { customer_id: 'C2' }],
        purchases: [...purchasesOf('C1', 3), { id: 'TX', customer: 'C404', date: daysAgoAt(1, '10:00:00') }],
        loyalty: [{ customer_id: 'C1', loyalty_tier: 'Gold' }, { customer_id: 'C1', loyalty_tier: 'Silver' }, { customer_id: 'C404', loyalty_tier: 'Gold' }],
        tickets: [
          { ticket_id: 'K1', customer_id: 'C1' },
          { ticket_id: 'K2', customer_id: 'C1' },
          { ticket_id: 'K3', customer_id: 'C404' },
          { ticket_id: 'K4', customer_id: null },
        ],
        sessions: [
          { usage_id: 'U1', customer_id: 'C2' },
          { usage_id: 'U2', customer_id: 'C2' },
          { usage_id: 'U3', customer_id: 'C404' },
          { usage_id: 'U4', customer_id: null },
        ],
      }),
    );
    const out = outputs.fct_customer_360_profile;
    expectGrain(out, fctCustomer360Profile.key);
    expect(fctCustomer360Profile.key).toEqual(['customer_id']);
    expect(out.values('customer_id')).toEqual(outputs.src_customers.values('customer_id'));
    // Duplicates upstream neither multiply nor lose a customer's activity.
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({ total_transactions: 3, total_support_tickets: 2, loyalty_tier: 'Gold', total_app_sessions: 0 });
    expect(rowWhere(out, 'customer_id', 'C2')).toMatchObject({ total_transactions: 0, total_support_tickets: 0, loyalty_tier: null, total_app_sessions: 2 });
  });

  it('has the columns of the spec, in order, with counts as integers and money and engagement as doubles', () => {
    const out = profile({ customers: [{ customer_id: 'C1' }] });
    expect(out.columnNames).toEqual(SPEC_COLUMNS);
    expect(schemaOf(out)).toMatchObject({
      total_transactions: 'int',
      total_spent: 'float64',
      avg_order_value: 'float64',
      first_purchase_date: 'timestamp',
      last_purchase_date: 'timestamp',
      spent_last_90d: 'float64',
      total_support_tickets: 'int',
      avg_satisfaction: 'float64',
      last_ticket_date: 'timestamp',
      total_app_sessions: 'int',
      total_session_minutes: 'int',
      last_app_use_date: 'date',
      app_engagement_score: 'float64',
      recency_score: 'int',
      frequency_score: 'int',
      monetary_score: 'int',
      profile_created_at: 'timestamp',
    });
  });

  it('gives a customer with no transactions, tickets, sessions or loyalty row zero counts and sums, null averages, dates and loyalty fields, Never Purchased and scores of 1', () => {
    const out = profile({
      customers: [{ customer_id: 'C1', first_name: 'Ann', last_name: 'Lee', email: 'ann@x.com', city: 'Boston', state: 'MA', country: 'USA', date_of_birth: '1985-01-15', registration_date: daysAgoAt(400, '08:00:00') }],
    });
    expect(rowWhere(out, 'customer_id', 'C1')).toEqual({
      customer_id: 'C1',
      first_name: 'Ann',
      last_name: 'Lee',
      email: 'ann@x.com',
      customer_segment: null,
      preferred_channel: null,
      generation_segment: 'Gen X',
      age_years: 40,
      days_since_registration: 400,
      city: 'Boston',
      state: 'MA',
      country: 'USA',
      loyalty_tier: null,
      points_balance: null,
      lifetime_value: null,
      tier_rank: null,
      value_segment: null,
      redemption_rate: null,
      days_in_current_tier: null,
      total_transactions: 0,
      total_spent: 0,
      avg_order_value: null,
      first_purchase_date: null,
      last_purchase_date: null,
      channels_used: 0,
      shopping_days: 0,
      preferred_channel_usage: 0,
      transactions_last_90d: 0,
      spent_last_90d: 0,
      total_support_tickets: 0,
      resolved_support_tickets: 0,
      avg_satisfaction: null,
      last_ticket_date: null,
      urgent_support_tickets: 0,
      total_app_sessions: 0,
      total_session_minutes: 0,
      avg_session_duration: null,
      total_pages_viewed: 0,
      total_actions_taken: 0,
      last_app_use_date: null,
      unique_device_types: 0,
      app_engagement_score: 0,
      customer_status: 'Never Purchased',
      recency_score: 1,
      frequency_score: 1,
      monetary_score: 1,
      profile_created_at: CTX.runTimestamp,
    });
  });

  it('marks a customer whose last purchase was 30 days ago as Active and 31 days ago as At Risk, 90 days as At Risk and 91 days as Churned', () => {
    const out = profile(lastPurchaseCases([0, 30, 31, 60, 61, 90, 91, 180, 181, 1000]));
    expect(byKey(out, 'customer_id', 'customer_status')).toEqual({
      '0': 'Active',
      '30': 'Active',
      '31': 'At Risk',
      '60': 'At Risk',
      '61': 'At Risk',
      '90': 'At Risk',
      '91': 'Churned',
      '180': 'Churned',
      '181': 'Churned',
      '1000': 'Churned',
    });
  });

  it('scores recency 5 up to 30 days, 4 up to 60, 3 up to 90, 2 up to 180, else 1', () => {
    const out = profile(lastPurchaseCases([0, 30, 31, 60, 61, 90, 91, 180, 181, 1000]));
    expect(byKey(out, 'customer_id', 'recency_score')).toEqual({
      '0': 5,
      '30': 5,
      '31': 4,
      '60': 4,
      '61': 3,
      '90': 3,
      '91': 2,
      '180': 2,
      '181': 1,
      '1000': 1,
    });
  });

  it('ignores the time of day: a purchase at 23:59:59 the day before the as-of date is 1 day ago, and one at 23:59:59 31 days before is 31 days ago', () => {
    const late = profile(lastPurchaseCases([1, 30, 31, 90, 91], '23:59:59'));
    const early = profile(lastPurchaseCases([1, 30, 31, 90, 91], '00:00:00'));
    for (const out of [late, early]) {
      expect(byKey(out, 'customer_id', 'customer_status')).toEqual({ '1': 'Active', '30': 'Active', '31': 'At Risk', '90': 'At Risk', '91': 'Churned' });
      expect(byKey(out, 'customer_id', 'recency_score')).toEqual({ '1': 5, '30': 5, '31': 4, '90': 3, '91': 2 });
    }
  });

  it('treats a future-dated last purchase (negative days) as Active with recency 5, and counts it in the last 90 days', () => {
    const out = profile({ customers: [{ customer_id: 'C1' }], purchases: [{ id: 'T1', customer: 'C1', date: daysAgoAt(-3, '10:00:00'), amount: 40 }] });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({
      customer_status: 'Active',
      recency_score: 5,
      transactions_last_90d: 1,
      spent_last_90d: 40,
      last_purchase_date: daysAgoAt(-3, '10:00:00'),
    });
  });

  it('counts transactions of the last 90 days: 90 days ago (even at 23:59:59 or 00:00:00) is in, 91 days ago is out, future-dated ones are in', () => {
    const out = profile({
      customers: [{ customer_id: 'C1' }],
      purchases: [
        { id: 'T90-late', customer: 'C1', date: daysAgoAt(90, '23:59:59'), amount: 1 },
        { id: 'T90-early', customer: 'C1', date: daysAgoAt(90, '00:00:00'), amount: 2 },
        { id: 'T91', customer: 'C1', date: daysAgoAt(91, '23:59:59'), amount: 4 },
        { id: 'T-future', customer: 'C1', date: daysAgoAt(-100, '12:00:00'), amount: 8 },
        { id: 'T0', customer: 'C1', date: daysAgoAt(0, '12:00:00'), amount: 16 },
      ],
    });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({ total_transactions: 5, total_spent: 31, transactions_last_90d: 4, spent_last_90d: 27 });
  });

  it('gives spent_last_90d 0.0 to a customer whose purchases are all older than 90 days', () => {
    const out = profile({ customers: [{ customer_id: 'C1' }], purchases: [{ id: 'T1', customer: 'C1', date: daysAgoAt(91, '12:00:00'), amount: 70 }] });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({ total_spent: 70, transactions_last_90d: 0, spent_last_90d: 0, customer_status: 'Churned' });
  });

  it('scores frequency by total transactions: 0 -> 1, 1-2 -> 2, 3-4 -> 3, 5-9 -> 4, 10 or more -> 5', () => {
    const counts = [0, 1, 2, 3, 4, 5, 9, 10, 11];
    const out = profile({
      customers: counts.map((n) => ({ customer_id: String(n) })),
      purchases: counts.flatMap((n) => purchasesOf(String(n), n)),
    });
    expect(byKey(out, 'customer_id', 'total_transactions')).toEqual({ '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '9': 9, '10': 10, '11': 11 });
    expect(byKey(out, 'customer_id', 'frequency_score')).toEqual({ '0': 1, '1': 2, '2': 2, '3': 3, '4': 3, '5': 4, '9': 4, '10': 5, '11': 5 });
  });

  it('scores monetary value: exactly 1000.00 spent -> 5, 999.99 -> 4, 500 -> 4, 200 -> 3, 50 -> 2, 49.99 -> 1, 0 -> 1', () => {
    const totals: [string, number][] = [
      ['1000', 1000],
      ['999.99', 999.99],
      ['500', 500],
      ['499.99', 499.99],
      ['200', 200],
      ['199.99', 199.99],
      ['50', 50],
      ['49.99', 49.99],
      ['0.01', 0.01],
      ['0', 0],
      ['-20', -20],
    ];
    const out = profile({
      customers: [...totals.map(([id]) => ({ customer_id: id })), { customer_id: 'never' }],
      purchases: totals.map(([id, amount]) => ({ id: `T${id}`, customer: id, date: daysAgoAt(5, '10:00:00'), amount })),
    });
    expect(byKey(out, 'customer_id', 'monetary_score')).toEqual({
      '1000': 5,
      '999.99': 4,
      '500': 4,
      '499.99': 3,
      '200': 3,
      '199.99': 2,
      '50': 2,
      '49.99': 1,
      '0.01': 1,
      '0': 1,
      '-20': 1,
      never: 1,
    });
  });

  it('scores a total of exactly 1000.00 made of several orders as 5', () => {
    const out = profile({ customers: [{ customer_id: 'C1' }], purchases: purchasesOf('C1', 4, 250) });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({ total_spent: 1000, avg_order_value: 250, monetary_score: 5, frequency_score: 3 });
  });

  it('summarises purchases: distinct transactions, total and average spent, first and last purchase, channels, shopping days and preferred-channel use', () => {
    const out = profile({
      customers: [{ customer_id: 'C1', preferred_channel: 'store' }],
      purchases: [
        { id: 'T1', customer: 'C1', date: '2025-01-10 09:00:00', amount: 100, channel: 'store' },
        { id: 'T2', customer: 'C1', date: '2025-01-10 18:30:00', amount: 50, channel: 'online' },
        { id: 'T3', customer: 'C1', date: '2024-12-01 12:00:00', amount: 30, channel: 'store' },
        { id: 'T4', customer: 'C1', date: '2024-11-20 12:00:00', amount: null, channel: null },
      ],
    });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({
      total_transactions: 4,
      total_spent: 180,
      avg_order_value: 60,
      first_purchase_date: '2024-11-20 12:00:00',
      last_purchase_date: '2025-01-10 18:30:00',
      channels_used: 2,
      shopping_days: 3,
      preferred_channel_usage: 2,
      transactions_last_90d: 4,
      spent_last_90d: 180,
      customer_status: 'Active',
      recency_score: 5,
      frequency_score: 3,
      monetary_score: 2,
    });
  });

  it('counts only transactions that reach int_customer_transactions: not completed, without items or with only inactive products do not count', () => {
    const out = profile({
      customers: [{ customer_id: 'C1' }],
      transactions: [
        { transaction_id: 'pending', customer_id: 'C1', transaction_date: daysAgoAt(1, '10:00:00'), total_amount: 500, status: 'pending' },
        { transaction_id: 'no items', customer_id: 'C1', transaction_date: daysAgoAt(1, '10:00:00'), total_amount: 500, status: 'completed' },
        { transaction_id: 'inactive', customer_id: 'C1', transaction_date: daysAgoAt(1, '10:00:00'), total_amount: 500, status: 'completed' },
      ],
      items: [
        { item_id: 'I1', transaction_id: 'pending', product_id: 'P1', quantity: 1 },
        { item_id: 'I2', transaction_id: 'inactive', product_id: 'P-unknown', quantity: 1 },
      ],
    });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({ total_transactions: 0, total_spent: 0, customer_status: 'Never Purchased', monetary_score: 1 });
  });

  it('leaves last_purchase_date null, so the status Never Purchased, when the only counted transaction has a null date', () => {
    const out = profile({ customers: [{ customer_id: 'C1' }], purchases: [{ id: 'T1', customer: 'C1', date: null }] });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({
      total_transactions: 1,
      total_spent: 100,
      last_purchase_date: null,
      shopping_days: 0,
      transactions_last_90d: 0,
      customer_status: 'Never Purchased',
      recency_score: 1,
      frequency_score: 2,
    });
  });

  it("summarises support tickets: counts, exact 'resolved' and 'urgent', the mean of the known scores and the latest created_date", () => {
    const out = profile({
      customers: [{ customer_id: 'C1' }, { customer_id: 'C2' }],
      tickets: [
        { ticket_id: 'K1', customer_id: 'C1', status: 'resolved', priority: 'urgent', satisfaction_score: 5, created_date: '2024-12-01 10:00:00' },
        { ticket_id: 'K2', customer_id: 'C1', status: 'Resolved', priority: 'URGENT', satisfaction_score: 2, created_date: '2025-01-02 23:59:59' },
        { ticket_id: 'K3', customer_id: 'C1', status: 'open', priority: 'high', satisfaction_score: null, created_date: null },
        { ticket_id: 'K4', customer_id: 'C2', status: null, priority: null, satisfaction_score: null, created_date: '2024-01-01 00:00:00' },
      ],
    });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({
      total_support_tickets: 3,
      resolved_support_tickets: 1,
      avg_satisfaction: 3.5,
      last_ticket_date: '2025-01-02 23:59:59',
      urgent_support_tickets: 1,
    });
    expect(rowWhere(out, 'customer_id', 'C2')).toMatchObject({
      total_support_tickets: 1,
      resolved_support_tickets: 0,
      avg_satisfaction: null,
      last_ticket_date: '2024-01-01 00:00:00',
      urgent_support_tickets: 0,
    });
  });

  it('summarises app sessions: counts, sums and mean skipping nulls, the latest session date, distinct non-null device types and the weighted engagement score', () => {
    const out = profile({
      customers: [{ customer_id: 'C1' }],
      sessions: [
        { usage_id: 'U1', customer_id: 'C1', session_date: '2025-01-10', session_duration_minutes: 10, pages_viewed: 5, actions_taken: 3, device_type: 'ios' },
        { usage_id: 'U2', customer_id: 'C1', session_date: '2025-01-12', session_duration_minutes: 20, pages_viewed: 7, actions_taken: null, device_type: 'ios' },
        { usage_id: 'U3', customer_id: 'C1', session_date: null, session_duration_minutes: null, pages_viewed: null, actions_taken: 2, device_type: 'android' },
        { usage_id: 'U4', customer_id: 'C1', session_date: '2024-12-31', session_duration_minutes: 0, pages_viewed: 0, actions_taken: 0, device_type: null },
      ],
    });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({
      total_app_sessions: 4,
      total_session_minutes: 30,
      avg_session_duration: 10,
      total_pages_viewed: 12,
      total_actions_taken: 5,
      last_app_use_date: '2025-01-12',
      unique_device_types: 2,
      app_engagement_score: 30 * 0.3 + 12 * 0.4 + 5 * 0.3,
    });
  });

  it('computes the engagement score from the defaulted sums, so sessions whose pages are all null still score 0.3 * minutes + 0.3 * actions', () => {
    const out = profile({
      customers: [{ customer_id: 'C1' }],
      sessions: [{ usage_id: 'U1', customer_id: 'C1', session_date: '2025-01-10', session_duration_minutes: 10, pages_viewed: null, actions_taken: 4 }],
    });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({
      total_app_sessions: 1,
      total_session_minutes: 10,
      total_pages_viewed: 0,
      total_actions_taken: 4,
      app_engagement_score: 10 * 0.3 + 0 * 0.4 + 4 * 0.3,
    });
  });

  it('takes the loyalty fields from the deduplicated membership (latest tier_start_date)', () => {
    const out = profile({
      customers: [{ customer_id: 'C1' }],
      loyalty: [
        { customer_id: 'C1', loyalty_tier: 'Bronze', points_balance: 10, lifetime_value: 100, points_earned_ytd: 10, points_redeemed_ytd: 0, tier_start_date: '2023-01-01' },
        { customer_id: 'C1', loyalty_tier: 'Gold', points_balance: 900, lifetime_value: 5000, points_earned_ytd: 200, points_redeemed_ytd: 50, tier_start_date: daysAgo(45) },
      ],
    });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({
      loyalty_tier: 'Gold',
      points_balance: 900,
      lifetime_value: 5000,
      tier_rank: 3,
      value_segment: 'High Value',
      redemption_rate: 0.25,
      days_in_current_tier: 45,
    });
  });

  it('keeps a member with a null tier: tier_rank 0, not null', () => {
    const out = profile({ customers: [{ customer_id: 'C1' }], loyalty: [{ customer_id: 'C1', loyalty_tier: null }] });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({ loyalty_tier: null, tier_rank: 0, value_segment: null });
  });

  it('takes the customer columns from the deduplicated customer (latest registration)', () => {
    const out = profile({
      customers: [
        { customer_id: 'C1', first_name: 'Old', city: 'Austin', registration_date: '2020-01-01 00:00:00' },
        { customer_id: 'C1', first_name: 'New', city: 'Denver', registration_date: '2024-12-16 00:00:00' },
      ],
    });
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({ first_name: 'New', city: 'Denver', days_since_registration: 30 });
  });

  it('stamps profile_created_at with the run timestamp', () => {
    const out = profile({ customers: [{ customer_id: 'C1' }, { customer_id: 'C2' }] });
    expect(byKey(out, 'customer_id', 'profile_created_at')).toEqual({ C1: '2025-01-15 06:30:00', C2: '2025-01-15 06:30:00' });
  });
});
