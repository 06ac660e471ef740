/** The data product: one wide row per contactable customer, with segments, scores, risks and opportunities. */
import { col, when } from '../../engine/expr';
import { defineModel, ref, runTimestamp } from '../define';
import {
  DIGITAL_CHANNELS,
  EXPANSION_MIN_TRANSACTIONS_ABOVE,
  SATISFACTION_LEVELS,
  SATISFACTION_LOW,
  SATISFACTION_NO_CONTACT,
  SATISFACTION_RISK_BELOW,
  STATUS,
  TENURE_SEGMENTS,
  TENURE_SEGMENT_TOP,
  UPGRADE_LIFETIME_VALUE_ABOVE,
  UPGRADE_TIERS,
  banded,
  flag,
} from '../rules';

/** The product's columns, in the spec's order. */
export const PRODUCT_COLUMNS = [
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
] as const;

export default defineModel({
  name: 'customer_analytics_c360',
  layer: 'views',
  grain: 'one row per customer with a customer_id and a non-empty email',
  key: ['customer_id'],
  description: 'The Customer 360 data product for BI, marketing and churn models.',
  inputs: { profile: ref('fct_customer_360_profile') },
  build: ({ profile }, ctx) => {
    const status = col('customer_status');
    const derived = profile
      .filter(col('customer_id').isNotNull().and(col('email').isNotNull()).and(col('email').ne('')))
      .withColumns({
        customer_tenure_segment: when(col('days_since_registration').isNull(), null).otherwise(
          banded(col('days_since_registration'), TENURE_SEGMENTS, 'le', TENURE_SEGMENT_TOP),
        ),
        customer_health_score: col('recency_score').add(col('frequency_score')).add(col('monetary_score')).div(3),
        support_satisfaction_level: when(col('total_support_tickets').eq(0), SATISFACTION_NO_CONTACT).otherwise(
          banded(col('avg_satisfaction'), SATISFACTION_LEVELS, 'ge', SATISFACTION_LOW),
        ),
        is_app_user: flag(col('total_app_sessions').gt(0)),
        is_digital_native: flag(col('preferred_channel').isIn([...DIGITAL_CHANNELS])),
        has_urgent_issues: flag(col('urgent_support_tickets').gt(0)),
        churn_risk_flag: flag(status.isIn([STATUS.atRisk, STATUS.churned])),
        satisfaction_risk_flag: flag(col('avg_satisfaction').isNotNull().and(col('avg_satisfaction').lt(SATISFACTION_RISK_BELOW))),
        channel_expansion_opportunity: flag(col('channels_used').eq(1).and(col('total_transactions').gt(EXPANSION_MIN_TRANSACTIONS_ABOVE))),
        tier_upgrade_opportunity: flag(col('loyalty_tier').isIn([...UPGRADE_TIERS]).and(col('lifetime_value').gt(UPGRADE_LIFETIME_VALUE_ABOVE))),
        app_adoption_opportunity: flag(col('total_app_sessions').eq(0).and(status.eq(STATUS.active))),
        view_accessed_at: runTimestamp(ctx),
      });
    return derived.select(...PRODUCT_COLUMNS);
  },
});
