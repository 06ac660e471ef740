import srcLoyaltyProgram from '../../../src/models/sources/src_loyalty_program';
import { CTX, LiteralRow, byKey, columnOf, daysAgo, expectGrain, lazy, loyaltyProgram, rowsOf, run, schemaOf } from '../fixtures';

const build = (rows: readonly LiteralRow[]) => run(srcLoyaltyProgram.build({ loyalty: lazy(loyaltyProgram(rows)) }, CTX));

describe('src_loyalty_program', () => {
  it('has one row per customer_id: the key is unique and never null, even with duplicate and null ids in the input', () => {
    const out = build([
      { customer_id: 'C1', tier_start_date: '2024-01-01' },
      { customer_id: 'C1', tier_start_date: '2024-06-01' },
      { customer_id: null, tier_start_date: '2024-06-01' },
      { customer_id: 'C2' },
      { customer_id: 'C2' },
    ]);
    expectGrain(out, srcLoyaltyProgram.key);
    expect(srcLoyaltyProgram.key).toEqual(['customer_id']);
    expect(out.numRows).toBe(2);
  });

  it('has the seven input columns, then net_points_ytd, redemption_rate, days_in_current_tier, tier_rank and value_segment', () => {
    expect(schemaOf(build([{ customer_id: 'C1' }]))).toEqual({
      customer_id: 'string',
      loyalty_tier: 'string',
      points_balance: 'int',
      points_earned_ytd: 'int',
      points_redeemed_ytd: 'int',
      tier_start_date: 'date',
      lifetime_value: 'float64',
      net_points_ytd: 'int',
      redemption_rate: 'float64',
      days_in_current_tier: 'int',
      tier_rank: 'int',
      value_segment: 'string',
    });
  });

  it('drops rows whose customer_id is null', () => {
    const out = build([{ customer_id: null, loyalty_tier: 'Gold' }, { customer_id: 'C1', loyalty_tier: 'Bronze' }]);
    expect(rowsOf(out)).toMatchObject([{ customer_id: 'C1', loyalty_tier: 'Bronze' }]);
  });

  it('keeps the row with the latest tier_start_date per customer', () => {
    const out = build([
      { customer_id: 'C1', loyalty_tier: 'Bronze', tier_start_date: '2023-01-01' },
      { customer_id: 'C1', loyalty_tier: 'Gold', tier_start_date: '2024-07-01' },
      { customer_id: 'C1', loyalty_tier: 'Silver', tier_start_date: '2024-06-30' },
    ]);
    expect(rowsOf(out)).toMatchObject([{ customer_id: 'C1', loyalty_tier: 'Gold', tier_start_date: '2024-07-01' }]);
  });

  it('lets a null tier_start_date lose to any known date, even when it comes first in the file', () => {
    const out = build([
      { customer_id: 'C1', loyalty_tier: 'Platinum', tier_start_date: null },
      { customer_id: 'C1', loyalty_tier: 'Bronze', tier_start_date: '2001-01-01' },
    ]);
    expect(columnOf(out, 'loyalty_tier')).toEqual(['Bronze']);
  });

  it('keeps the row that comes first in the file when tier_start_dates tie, including when both are null', () => {
    const out = build([
      { customer_id: 'C1', loyalty_tier: 'Silver', tier_start_date: '2024-02-02' },
      { customer_id: 'C2', loyalty_tier: 'Gold' },
      { customer_id: 'C1', loyalty_tier: 'Gold', tier_start_date: '2024-02-02' },
      { customer_id: 'C2', loyalty_tier: 'Bronze' },
    ]);
    expect(byKey(out, 'customer_id', 'loyalty_tier')).toEqual({ C1: 'Silver', C2: 'Gold' });
  });

  it('computes net_points_ytd as earned minus redeemed, null when either is null', () => {
    const out = build([
      { customer_id: 'both', points_earned_ytd: 500, points_redeemed_ytd: 800 },
      { customer_id: 'no earned', points_earned_ytd: null, points_redeemed_ytd: 10 },
      { customer_id: 'no redeemed', points_earned_ytd: 10, points_redeemed_ytd: null },
    ]);
    expect(byKey(out, 'customer_id', 'net_points_ytd')).toEqual({ both: -300, 'no earned': null, 'no redeemed': null });
  });

  it('computes redemption_rate as redeemed / earned, null when earned is 0 or null (or redeemed is null)', () => {
    const out = build([
      { customer_id: 'quarter', points_earned_ytd: 400, points_redeemed_ytd: 100 },
      { customer_id: 'none redeemed', points_earned_ytd: 400, points_redeemed_ytd: 0 },
      { customer_id: 'over', points_earned_ytd: 3, points_redeemed_ytd: 4 },
      { customer_id: 'earned zero', points_earned_ytd: 0, points_redeemed_ytd: 50 },
      { customer_id: 'zero over zero', points_earned_ytd: 0, points_redeemed_ytd: 0 },
      { customer_id: 'earned null', points_earned_ytd: null, points_redeemed_ytd: 50 },
      { customer_id: 'redeemed null', points_earned_ytd: 50, points_redeemed_ytd: null },
    ]);
    expect(byKey(out, 'customer_id', 'redemption_rate')).toEqual({
      quarter: 0.25,
      'none redeemed': 0,
      over: 4 / 3,
      'earned zero': null,
      'zero over zero': null,
      'earned null': null,
      'redeemed null': null,
    });
  });

  it('counts days_in_current_tier in calendar days from tier_start_date to the as-of date, null when unknown', () => {
    const out = build([
      { customer_id: 'today', tier_start_date: daysAgo(0) },
      { customer_id: 'thirty', tier_start_date: daysAgo(30) },
      { customer_id: 'future', tier_start_date: daysAgo(-2) },
      { customer_id: 'unknown', tier_start_date: null },
    ]);
    expect(byKey(out, 'customer_id', 'days_in_current_tier')).toEqual({ today: 0, thirty: 30, future: -2, unknown: null });
  });

  it('ranks Bronze 1, Silver 2, Gold 3, Platinum 4, and any other tier (other case, unknown, empty, null) 0', () => {
    const out = build([
      { customer_id: 'Bronze', loyalty_tier: 'Bronze' },
      { customer_id: 'Silver', loyalty_tier: 'Silver' },
      { customer_id: 'Gold', loyalty_tier: 'Gold' },
      { customer_id: 'Platinum', loyalty_tier: 'Platinum' },
      { customer_id: 'gold', loyalty_tier: 'gold' },
      { customer_id: 'Diamond', loyalty_tier: 'Diamond' },
      { customer_id: 'empty', loyalty_tier: '' },
      { customer_id: 'null', loyalty_tier: null },
    ]);
    expect(byKey(out, 'customer_id', 'tier_rank')).toEqual({ Bronze: 1, Silver: 2, Gold: 3, Platinum: 4, gold: 0, Diamond: 0, empty: 0, null: 0 });
  });

  it('bands lifetime_value: below 1000 Low, from 1000 Medium, from 5000 High, from 10000 VIP, null when unknown', () => {
    const ltv: [string, number | null][] = [
      ['0', 0],
      ['999.99', 999.99],
      ['1000', 1000],
      ['4999.99', 4999.99],
      ['5000', 5000],
      ['9999.99', 9999.99],
      ['10000', 10000],
      ['250000', 250000],
      ['null', null],
    ];
    const out = build(ltv.map(([id, v]) => ({ customer_id: id, lifetime_value: v })));
    expect(byKey(out, 'customer_id', 'value_segment')).toEqual({
      '0': 'Low Value',
      '999.99': 'Low Value',
      '1000': 'Medium Value',
      '4999.99': 'Medium Value',
      '5000': 'High Value',
      '9999.99': 'High Value',
      '10000': 'VIP',
      '250000': 'VIP',
      null: null,
    });
  });

  it('passes the loyalty columns through unchanged', () => {
    const out = build([
      { customer_id: 'C1', loyalty_tier: 'Gold', points_balance: 1200, points_earned_ytd: 300, points_redeemed_ytd: 100, tier_start_date: '2024-03-03', lifetime_value: 4321.5 },
    ]);
    expect(rowsOf(out)).toEqual([
      {
        customer_id: 'C1',
        loyalty_tier: 'Gold',
        points_balance: 1200,
        points_earned_ytd: 300,
        points_redeemed_ytd: 100,
        tier_start_date: '2024-03-03',
        lifetime_value: 4321.5,
        net_points_ytd: 200,
        redemption_rate: 100 / 300,
        days_in_current_tier: 318,
        tier_rank: 3,
        value_segment: 'Medium Value',
      },
    ]);
  });
});
