/** Staged loyalty membership: one row per member, latest tier start wins. */
import { col, daysBetween, when } from '../../engine/expr';
import { asOfDate, defineModel, source } from '../define';
import { TIER_RANKS, VALUE_SEGMENTS, VALUE_SEGMENT_TOP, banded } from '../rules';

const tierRank = Object.entries(TIER_RANKS)
  .reduce((c, [tier, rank]) => c.when(col('loyalty_tier').eq(tier), rank), when(col('loyalty_tier').isNull(), 0))
  .otherwise(0);

export default defineModel({
  name: 'src_loyalty_program',
  layer: 'sources',
  grain: 'one row per customer_id (latest tier_start_date; ties: first in file)',
  key: ['customer_id'],
  description: 'Loyalty members with net points, redemption rate, tier rank and value segment.',
  inputs: { loyalty: source('loyalty_program') },
  build: ({ loyalty }, ctx) =>
    loyalty
      .filter(col('customer_id').isNotNull())
      .dedupe({ partitionBy: ['customer_id'], orderBy: [{ column: 'tier_start_date', descending: true, nulls: 'last' }] })
      .select('customer_id', 'loyalty_tier', 'points_balance', 'points_earned_ytd', 'points_redeemed_ytd', 'tier_start_date', 'lifetime_value', {
        net_points_ytd: col('points_earned_ytd').sub(col('points_redeemed_ytd')),
        // Division by zero (or by null) gives null.
        redemption_rate: col('points_redeemed_ytd').div(col('points_earned_ytd')),
        days_in_current_tier: daysBetween(asOfDate(ctx), col('tier_start_date')),
        tier_rank: tierRank,
        value_segment: when(col('lifetime_value').isNull(), null).otherwise(banded(col('lifetime_value'), VALUE_SEGMENTS, 'lt', VALUE_SEGMENT_TOP)),
      }),
});
