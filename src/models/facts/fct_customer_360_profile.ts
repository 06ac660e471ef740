/** The customer 360 profile: one row per customer with support, app, purchase and loyalty summaries and RFM scores. */
import { Expr, coalesce, col, count, countIf, daysBetween, when } from '../../engine/expr';
import { asOfDate, defineModel, ref, runTimestamp, source } from '../define';
import {
  ACTIVE_WITHIN_DAYS,
  AT_RISK_WITHIN_DAYS,
  ENGAGEMENT_WEIGHTS,
  FREQUENCY_SCORES,
  MONETARY_SCORES,
  RECENCY_SCORES,
  RECENT_WINDOW_DAYS,
  STATUS,
  banded,
} from '../rules';

export default defineModel({
  name: 'fct_customer_360_profile',
  layer: 'facts',
  grain: 'one row per src_customers row (customer_id)',
  key: ['customer_id'],
  description: 'Customers left-joined to their support, app usage, transaction and loyalty summaries, with status and RFM scores.',
  inputs: {
    customers: ref('src_customers'),
    loyalty: ref('src_loyalty_program'),
    transactions: ref('int_customer_transactions'),
    tickets: source('support_tickets'),
    sessions: source('app_usage'),
  },
  build: ({ customers, loyalty, transactions, tickets, sessions }, ctx) => {
    const asOf = asOfDate(ctx);
    const support = tickets.groupBy('customer_id').agg({
      total_support_tickets: count(),
      resolved_support_tickets: countIf(col('status').eq('resolved')),
      avg_satisfaction: col('satisfaction_score').mean(),
      last_ticket_date: col('created_date').max(),
      urgent_support_tickets: countIf(col('priority').eq('urgent')),
    });
    const app = sessions
      .groupBy('customer_id')
      .agg({
        total_app_sessions: count(),
        total_session_minutes: col('session_duration_minutes').sum(),
        avg_session_duration: col('session_duration_minutes').mean(),
        total_pages_viewed: col('pages_viewed').sum(),
        total_actions_taken: col('actions_taken').sum(),
        last_app_use_date: col('session_date').max(),
        unique_device_types: col('device_type').countDistinct(),
      })
      .withColumns({
        // Over the sums as the profile reports them (a sum of only nulls counts as 0).
        app_engagement_score: coalesce(col('total_session_minutes'), 0)
          .mul(ENGAGEMENT_WEIGHTS.minutes)
          .add(coalesce(col('total_pages_viewed'), 0).mul(ENGAGEMENT_WEIGHTS.pages))
          .add(coalesce(col('total_actions_taken'), 0).mul(ENGAGEMENT_WEIGHTS.actions)),
      });
    const recent = daysBetween(asOf, col('transaction_date')).le(RECENT_WINDOW_DAYS);
    const purchases = transactions.groupBy('customer_id').agg({
      total_transactions: col('transaction_id').countDistinct(),
      total_spent: col('total_amount').sum(),
      avg_order_value: col('total_amount').mean(),
      first_purchase_date: col('transaction_date').min(),
      last_purchase_date: col('transaction_date').max(),
      channels_used: col('channel').countDistinct(),
      shopping_days: col('transaction_date').toDate().countDistinct(),
      preferred_channel_usage: col('used_preferred_channel').sum(),
      avg_categories_per_order: col('unique_categories').mean(),
      avg_brands_per_order: col('unique_brands').mean(),
      total_items_purchased: col('items_purchased').sum(),
      transactions_last_90d: countIf(recent),
      spent_last_90d: when(recent, col('total_amount')).otherwise(null).sum(),
    });
    const member = loyalty.select('customer_id', 'loyalty_tier', 'points_balance', 'lifetime_value', 'tier_rank', 'value_segment', 'redemption_rate', 'days_in_current_tier');

    const joined = customers
      .select(
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
      )
      .join(member, { on: 'customer_id', how: 'left' })
      .join(purchases, { on: 'customer_id', how: 'left' })
      .join(support, { on: 'customer_id', how: 'left' })
      .join(app, { on: 'customer_id', how: 'left' });

    const zero = (name: string): Record<string, Expr> => ({ [name]: coalesce(col(name), 0) });
    const zeroMoney = (name: string): Record<string, Expr> => ({ [name]: coalesce(col(name), 0.0).cast('float64') });
    const recency = daysBetween(asOf, col('last_purchase_date'));
    const totalTransactions = coalesce(col('total_transactions'), 0);
    const totalSpent = coalesce(col('total_spent'), 0);

    return joined.select(
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
      zero('total_transactions'),
      zeroMoney('total_spent'),
      'avg_order_value',
      'first_purchase_date',
      'last_purchase_date',
      zero('channels_used'),
      zero('shopping_days'),
      zero('preferred_channel_usage'),
      zero('transactions_last_90d'),
      zeroMoney('spent_last_90d'),
      zero('total_support_tickets'),
      zero('resolved_support_tickets'),
      'avg_satisfaction',
      'last_ticket_date',
      zero('urgent_support_tickets'),
      zero('total_app_sessions'),
      zero('total_session_minutes'),
      'avg_session_duration',
      zero('total_pages_viewed'),
      zero('total_actions_taken'),
      'last_app_use_date',
      zero('unique_device_types'),
      zeroMoney('app_engagement_score'),
      {
        customer_status: when(col('last_purchase_date').isNull(), STATUS.never)
          .when(recency.le(ACTIVE_WITHIN_DAYS), STATUS.active)
          .when(recency.le(AT_RISK_WITHIN_DAYS), STATUS.atRisk)
          .otherwise(STATUS.churned),
        recency_score: when(col('last_purchase_date').isNull(), 1).otherwise(banded(recency, RECENCY_SCORES, 'le', 1)),
        frequency_score: when(totalTransactions.eq(0), 1).otherwise(banded(totalTransactions, FREQUENCY_SCORES, 'ge', 1)),
        monetary_score: when(totalSpent.eq(0), 1).otherwise(banded(totalSpent, MONETARY_SCORES, 'ge', 1)),
        profile_created_at: runTimestamp(ctx),
      },
    );
  },
});
