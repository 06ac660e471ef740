import { DataFrame } from '../../../src/engine/frame';
import customerAnalyticsC360, { PRODUCT_COLUMNS } from '../../../src/models/views/customer_analytics_c360';
import {
  CTX,
  LiteralRow,
  byKey,
  columnOf,
  customers,
  daysAgoAt,
  expectGrain,
  lazy,
  literalFrame,
  products,
  rowWhere,
  run,
  runModels,
  schemaOf,
  transactionItems,
  transactions,
} from '../fixtures';

/** The profile's schema, as fct_customer_360_profile declares it (built on empty inputs). */
const PROFILE_SCHEMA = runModels({}).fct_customer_360_profile.schema;

/** A profile row as the fact gives a customer with no activity; cases override what they test. */
const BASE: LiteralRow = {
  email: 'someone@x.com',
  days_since_registration: 100,
  total_transactions: 0,
  total_spent: 0,
  channels_used: 0,
  shopping_days: 0,
  preferred_channel_usage: 0,
  transactions_last_90d: 0,
  spent_last_90d: 0,
  total_support_tickets: 0,
  resolved_support_tickets: 0,
  urgent_support_tickets: 0,
  total_app_sessions: 0,
  total_session_minutes: 0,
  total_pages_viewed: 0,
  total_actions_taken: 0,
  unique_device_types: 0,
  app_engagement_score: 0,
  customer_status: 'Never Purchased',
  recency_score: 1,
  frequency_score: 1,
  monetary_score: 1,
  profile_created_at: '2025-01-15 06:29:59',
};

/** Runs the view's build on literal profile rows (each row: BASE, then its own fields). */
function view(rows: readonly LiteralRow[]): DataFrame {
  const profile = literalFrame(
    PROFILE_SCHEMA,
    rows.map((r) => ({ ...BASE, ...r })),
    'fct_customer_360_profile',
  );
  return run(customerAnalyticsC360.build({ profile: lazy(profile) }, CTX));
}

/** The spec's column list of the data product (section 3, views), written out literally. */
const SPEC_COLUMNS = [
  'customer_id',
  'first_name',
  'last_name',
  'email',
  'customer_segment',
  'preferred_channel',
  'generation_segment',
  'age_years',
  'city',
  'state',
  'country',
  'days_since_registration',
  'customer_tenure_segment',
  'loyalty_tier',
  'points_balance',
  'lifetime_value',
  'value_segment',
  'redemption_rate',
  'total_transactions',
  'total_spent',
  'avg_order_value',
  'first_purchase_date',
  'last_purchase_date',
  'channels_used',
  'shopping_days',
  'transactions_last_90d',
  'spent_last_90d',
  'customer_status',
  'recency_score',
  'frequency_score',
  'monetary_score',
  'customer_health_score',
  'total_app_sessions',
  'total_session_minutes',
  'avg_session_duration',
  'app_engagement_score',
  'last_app_use_date',
  'unique_device_types',
  'total_support_tickets',
  'resolved_support_tickets',
  'avg_satisfaction',
  'last_ticket_date',
  'urgent_support_tickets',
  'support_satisfaction_level',
  'is_app_user',
  'is_digital_native',
  'has_urgent_issues',
  'churn_risk_flag',
  'satisfaction_risk_flag',
  'channel_expansion_opportunity',
  'tier_upgrade_opportunity',
  'app_adoption_opportunity',
  'profile_created_at',
  'view_accessed_at',
];

describe('customer_analytics_c360', () => {
  it('has one row per customer with an email: customer_id is unique and never null', () => {
    const out = view([{ customer_id: 'C1' }, { customer_id: 'C2' }, { customer_id: null }, { customer_id: 'C3', email: null }]);
    expectGrain(out, customerAnalyticsC360.key);
    expect(customerAnalyticsC360.key).toEqual(['customer_id']);
    expect(columnOf(out, 'customer_id')).toEqual(['C1', 'C2']);
  });

  it("has exactly the spec's columns, in the spec's order", () => {
    const out = view([{ customer_id: 'C1' }]);
    expect(out.columnNames).toEqual(SPEC_COLUMNS);
    expect([...PRODUCT_COLUMNS]).toEqual(SPEC_COLUMNS);
  });

  it('types the derived columns: segments as text, the health score as a double, flags as integers, run stamps as timestamps', () => {
    expect(schemaOf(view([{ customer_id: 'C1' }]))).toMatchObject({
      customer_tenure_segment: 'string',
      customer_health_score: 'float64',
      support_satisfaction_level: 'string',
      is_app_user: 'int',
      is_digital_native: 'int',
      has_urgent_issues: 'int',
      churn_risk_flag: 'int',
      satisfaction_risk_flag: 'int',
      channel_expansion_opportunity: 'int',
      tier_upgrade_opportunity: 'int',
      app_adoption_opportunity: 'int',
      profile_created_at: 'timestamp',
      view_accessed_at: 'timestamp',
    });
  });

  it('drops customers whose email is null or empty, and keeps an email of a single space (not empty)', () => {
    const out = view([
      { customer_id: 'null', email: null },
      { customer_id: 'empty', email: '' },
      { customer_id: 'space', email: ' ' },
      { customer_id: 'ok', email: 'ok@x.com' },
    ]);
    expect(columnOf(out, 'customer_id')).toEqual(['space', 'ok']);
  });

  it('drops a profile row whose customer_id is null', () => {
    const out = view([{ customer_id: null, email: 'ghost@x.com' }]);
    expect(out.numRows).toBe(0);
  });

  it('bands tenure by days since registration: up to 30 New, up to 90 Recent, up to 365 Established, beyond Veteran, null when unknown', () => {
    const days: [string, number | null][] = [
      ['-1', -1],
      ['0', 0],
      ['30', 30],
      ['31', 31],
      ['90', 90],
      ['91', 91],
      ['365', 365],
      ['366', 366],
      ['null', null],
    ];
    const out = view(days.map(([id, d]) => ({ customer_id: id, days_since_registration: d })));
    expect(byKey(out, 'customer_id', 'customer_tenure_segment')).toEqual({
      '-1': 'New (0-30 days)',
      '0': 'New (0-30 days)',
      '30': 'New (0-30 days)',
      '31': 'Recent (31-90 days)',
      '90': 'Recent (31-90 days)',
      '91': 'Established (3-12 months)',
      '365': 'Established (3-12 months)',
      '366': 'Veteran (1+ years)',
      null: null,
    });
  });

  it('averages the three RFM scores into customer_health_score as a double', () => {
    const out = view([
      { customer_id: 'low', recency_score: 1, frequency_score: 1, monetary_score: 1 },
      { customer_id: 'mixed', recency_score: 5, frequency_score: 2, monetary_score: 4 },
      { customer_id: 'top', recency_score: 5, frequency_score: 5, monetary_score: 5 },
    ]);
    expect(byKey(out, 'customer_id', 'customer_health_score')).toEqual({ low: 1, mixed: 11 / 3, top: 5 });
  });

  it('rates support satisfaction: no tickets No Contact, from 4 Highly Satisfied, from 3 Satisfied, otherwise (including never scored) Needs Attention', () => {
    const out = view([
      { customer_id: 'no tickets', total_support_tickets: 0, avg_satisfaction: null },
      { customer_id: '5', total_support_tickets: 1, avg_satisfaction: 5 },
      { customer_id: '4', total_support_tickets: 1, avg_satisfaction: 4 },
      { customer_id: '3.99', total_support_tickets: 1, avg_satisfaction: 3.99 },
      { customer_id: '3', total_support_tickets: 1, avg_satisfaction: 3 },
      { customer_id: '2.99', total_support_tickets: 1, avg_satisfaction: 2.99 },
      { customer_id: 'never scored', total_support_tickets: 2, avg_satisfaction: null },
    ]);
    expect(byKey(out, 'customer_id', 'support_satisfaction_level')).toEqual({
      'no tickets': 'No Contact',
      '5': 'Highly Satisfied',
      '4': 'Highly Satisfied',
      '3.99': 'Satisfied',
      '3': 'Satisfied',
      '2.99': 'Needs Attention',
      'never scored': 'Needs Attention',
    });
  });

  it('flags satisfaction risk only for a known average below 3: tickets never scored are no risk', () => {
    const out = view([
      { customer_id: '2.99', total_support_tickets: 1, avg_satisfaction: 2.99 },
      { customer_id: '3', total_support_tickets: 1, avg_satisfaction: 3 },
      { customer_id: 'never scored', total_support_tickets: 1, avg_satisfaction: null },
      { customer_id: 'no tickets', total_support_tickets: 0, avg_satisfaction: null },
    ]);
    expect(byKey(out, 'customer_id', 'satisfaction_risk_flag')).toEqual({ '2.99': 1, '3': 0, 'never scored': 0, 'no tickets': 0 });
  });

  it('flags an app user when there is at least one session', () => {
    const out = view([
      { customer_id: '0', total_app_sessions: 0 },
      { customer_id: '1', total_app_sessions: 1 },
    ]);
    expect(byKey(out, 'customer_id', 'is_app_user')).toEqual({ '0': 0, '1': 1 });
  });

  it('flags a digital native when the preferred channel is exactly online or mobile', () => {
    const channels = ['online', 'mobile', 'store', 'Online', 'MOBILE', '', null];
    const out = view(channels.map((c, i) => ({ customer_id: `C${i}`, preferred_channel: c })));
    expect(columnOf(out, 'is_digital_native')).toEqual([1, 1, 0, 0, 0, 0, 0]);
  });

  it('flags urgent issues when there is at least one urgent ticket', () => {
    const out = view([
      { customer_id: '0', total_support_tickets: 3, urgent_support_tickets: 0 },
      { customer_id: '1', total_support_tickets: 3, urgent_support_tickets: 1 },
    ]);
    expect(byKey(out, 'customer_id', 'has_urgent_issues')).toEqual({ '0': 0, '1': 1 });
  });

  it('flags churn risk for At Risk and Churned customers only', () => {
    const statuses = ['Active', 'At Risk', 'Churned', 'Never Purchased'];
    const out = view(statuses.map((s) => ({ customer_id: s, customer_status: s })));
    expect(byKey(out, 'customer_id', 'churn_risk_flag')).toEqual({ Active: 0, 'At Risk': 1, Churned: 1, 'Never Purchased': 0 });
  });

  it('flags a channel expansion opportunity for a single channel and more than 3 transactions, i.e. from 4', () => {
    const out = view([
      { customer_id: '1 channel, 3', channels_used: 1, total_transactions: 3 },
      { customer_id: '1 channel, 4', channels_used: 1, total_transactions: 4 },
      { customer_id: '1 channel, 12', channels_used: 1, total_transactions: 12 },
      { customer_id: '2 channels, 4', channels_used: 2, total_transactions: 4 },
      { customer_id: '0 channels, 0', channels_used: 0, total_transactions: 0 },
    ]);
    expect(byKey(out, 'customer_id', 'channel_expansion_opportunity')).toEqual({
      '1 channel, 3': 0,
      '1 channel, 4': 1,
      '1 channel, 12': 1,
      '2 channels, 4': 0,
      '0 channels, 0': 0,
    });
  });

  it('flags a tier upgrade opportunity for Bronze or Silver with lifetime value above 2000, so exactly 2000 is not one', () => {
    const out = view([
      { customer_id: 'Bronze 2000', loyalty_tier: 'Bronze', lifetime_value: 2000 },
      { customer_id: 'Bronze 2000.01', loyalty_tier: 'Bronze', lifetime_value: 2000.01 },
      { customer_id: 'Silver 9000', loyalty_tier: 'Silver', lifetime_value: 9000 },
      { customer_id: 'Gold 9000', loyalty_tier: 'Gold', lifetime_value: 9000 },
      { customer_id: 'Platinum 9000', loyalty_tier: 'Platinum', lifetime_value: 9000 },
      { customer_id: 'bronze 9000', loyalty_tier: 'bronze', lifetime_value: 9000 },
      { customer_id: 'Silver unknown', loyalty_tier: 'Silver', lifetime_value: null },
      { customer_id: 'no tier 9000', loyalty_tier: null, lifetime_value: 9000 },
    ]);
    expect(byKey(out, 'customer_id', 'tier_upgrade_opportunity')).toEqual({
      'Bronze 2000': 0,
      'Bronze 2000.01': 1,
      'Silver 9000': 1,
      'Gold 9000': 0,
      'Platinum 9000': 0,
      'bronze 9000': 0,
      'Silver unknown': 0,
      'no tier 9000': 0,
    });
  });

  it('flags an app adoption opportunity for an Active customer with no app sessions only', () => {
    const out = view([
      { customer_id: 'active, no app', customer_status: 'Active', total_app_sessions: 0 },
      { customer_id: 'active, app', customer_status: 'Active', total_app_sessions: 1 },
      { customer_id: 'at risk, no app', customer_status: 'At Risk', total_app_sessions: 0 },
      { customer_id: 'never, no app', customer_status: 'Never Purchased', total_app_sessions: 0 },
    ]);
    expect(byKey(out, 'customer_id', 'app_adoption_opportunity')).toEqual({
      'active, no app': 1,
      'active, app': 0,
      'at risk, no app': 0,
      'never, no app': 0,
    });
  });

  it('stamps view_accessed_at with the run timestamp and keeps the profile_created_at of the profile', () => {
    const out = view([{ customer_id: 'C1' }]);
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({ profile_created_at: '2025-01-15 06:29:59', view_accessed_at: CTX.runTimestamp });
  });

  it('passes the profile columns through unchanged', () => {
    const row: LiteralRow = {
      customer_id: 'C1',
      first_name: 'Ann',
      last_name: 'Lee',
      email: 'ann@x.com',
      customer_segment: 'Premium',
      preferred_channel: 'store',
      generation_segment: 'Gen X',
      age_years: 40,
      days_since_registration: 45,
      city: 'Boston',
      state: 'MA',
      country: 'USA',
      loyalty_tier: 'Gold',
      points_balance: 1500,
      lifetime_value: 5000,
      value_segment: 'High Value',
      redemption_rate: 0.25,
      total_transactions: 4,
      total_spent: 1000,
      avg_order_value: 250,
      first_purchase_date: '2024-10-01 09:00:00',
      last_purchase_date: '2024-12-16 18:00:00',
      channels_used: 1,
      shopping_days: 4,
      transactions_last_90d: 3,
      spent_last_90d: 750,
      customer_status: 'Active',
      recency_score: 5,
      frequency_score: 3,
      monetary_score: 5,
      total_app_sessions: 2,
      total_session_minutes: 30,
      avg_session_duration: 15,
      app_engagement_score: 12.5,
      last_app_use_date: '2025-01-01',
      unique_device_types: 1,
      total_support_tickets: 1,
      resolved_support_tickets: 1,
      avg_satisfaction: 4,
      last_ticket_date: '2024-12-20 10:00:00',
      urgent_support_tickets: 0,
    };
    expect(rowWhere(view([row]), 'customer_id', 'C1')).toMatchObject({
      ...row,
      customer_tenure_segment: 'Recent (31-90 days)',
      customer_health_score: 13 / 3,
      support_satisfaction_level: 'Highly Satisfied',
      is_app_user: 1,
      is_digital_native: 0,
      has_urgent_issues: 0,
      churn_risk_flag: 0,
      satisfaction_risk_flag: 0,
      channel_expansion_opportunity: 1,
      tier_upgrade_opportunity: 0,
      app_adoption_opportunity: 0,
    });
  });

  it('builds from the profile of real upstream models: registration 30 days ago (at 10:00) is New and 31 days ago (at 23:59:59) is Recent', () => {
    const outputs = runModels({
      customers: customers([
        { customer_id: 'C1', email: 'a@x.com', preferred_channel: 'mobile', registration_date: daysAgoAt(30, '10:00:00') },
        { customer_id: 'C2', email: 'b@x.com', preferred_channel: 'store', registration_date: daysAgoAt(31, '23:59:59') },
        { customer_id: 'C3', email: '', registration_date: daysAgoAt(1, '00:00:00') },
      ]),
      products: products([{ product_id: 'P1', category: 'Electronics', brand: 'Acme', status: 'active' }]),
      transactions: transactions(
        [1, 2, 3, 4].map((i) => ({ transaction_id: `T${i}`, customer_id: 'C1', transaction_date: daysAgoAt(i, '12:00:00'), channel: 'mobile', total_amount: 300, status: 'completed' })),
      ),
      items: transactionItems([1, 2, 3, 4].map((i) => ({ item_id: `I${i}`, transaction_id: `T${i}`, product_id: 'P1', quantity: 1, unit_price: 300 }))),
    });
    const out = outputs.customer_analytics_c360;
    expectGrain(out, customerAnalyticsC360.key);
    expect(columnOf(out, 'customer_id')).toEqual(['C1', 'C2']);
    expect(rowWhere(out, 'customer_id', 'C1')).toMatchObject({
      days_since_registration: 30,
      customer_tenure_segment: 'New (0-30 days)',
      total_transactions: 4,
      total_spent: 1200,
      customer_status: 'Active',
      recency_score: 5,
      frequency_score: 3,
      monetary_score: 5,
      customer_health_score: 13 / 3,
      support_satisfaction_level: 'No Contact',
      is_digital_native: 1,
      channel_expansion_opportunity: 1,
      app_adoption_opportunity: 1,
      churn_risk_flag: 0,
      profile_created_at: CTX.runTimestamp,
      view_accessed_at: CTX.runTimestamp,
    });
    expect(rowWhere(out, 'customer_id', 'C2')).toMatchObject({
      days_since_registration: 31,
      customer_tenure_segment: 'Recent (31-90 days)',
      customer_status: 'Never Purchased',
      customer_health_score: 1,
      app_adoption_opportunity: 0,
      churn_risk_flag: 0,
    });
  });
});
