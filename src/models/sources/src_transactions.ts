/** Staged transactions: completed ones, with calendar parts, channel group and discount measures. */
import { col, when } from '../../engine/expr';
import { defineModel, source } from '../define';
import { DIGITAL_CHANNELS, ORDER_SIZES, ORDER_SIZE_TOP, PHYSICAL_CHANNEL, banded, flag } from '../rules';

export default defineModel({
  name: 'src_transactions',
  layer: 'sources',
  grain: 'one row per completed transaction',
  key: ['transaction_id'],
  description: "Transactions with status 'completed', with date parts, channel group, discount flag and rate, order size.",
  inputs: { transactions: source('transactions') },
  build: ({ transactions }) => {
    const date = col('transaction_date');
    const discount = col('discount_amount');
    return transactions.filter(col('status').eq('completed')).withColumns({
      transaction_date_only: date.toDate(),
      transaction_hour: date.hour(),
      day_of_week: date.dayOfWeek(),
      transaction_month: date.month(),
      transaction_quarter: date.quarter(),
      transaction_year: date.year(),
      channel_group: when(col('channel').isIn([...DIGITAL_CHANNELS]), 'Digital').when(col('channel').eq(PHYSICAL_CHANNEL), 'Physical').otherwise('Other'),
      has_discount: flag(discount.gt(0)),
      // Null when the subtotal is 0 (division by zero gives null).
      discount_rate: when(discount.gt(0), discount.div(col('subtotal'))).otherwise(0),
      order_size_category: when(col('total_amount').isNull(), null).otherwise(banded(col('total_amount'), ORDER_SIZES, 'lt', ORDER_SIZE_TOP)),
    });
  },
});
