/** Transactions enriched with their items, products and customer: one row per completed transaction with items. */
import { col, count } from '../../engine/expr';
import { defineModel, ref, source } from '../define';
import { flag } from '../rules';

export default defineModel({
  name: 'int_customer_transactions',
  layer: 'intermediates',
  grain: 'one row per completed transaction of a known customer with at least one item of an active product',
  key: ['transaction_id'],
  description: 'Per-transaction item aggregates (items, quantity, categories, brands) joined to the customer.',
  inputs: {
    transactions: ref('src_transactions'),
    items: source('transaction_items'),
    products: ref('src_products'),
    customers: ref('src_customers'),
  },
  build: ({ transactions, items, products, customers }) => {
    // Items of active products, aggregated per transaction (the inner join drops the others).
    const perTransaction = items
      .select('transaction_id', 'product_id', 'quantity', 'unit_price')
      .join(products.select('product_id', 'category', 'brand', 'category_group'), { on: 'product_id' })
      .groupBy('transaction_id')
      .agg({
        items_purchased: count(),
        total_quantity: col('quantity').sum(),
        avg_item_price: col('unit_price').mean(),
        unique_categories: col('category').countDistinct(),
        unique_brands: col('brand').countDistinct(),
        purchased_category_groups: col('category_group').collectList({ sorted: true }),
        purchased_brands: col('brand').collectList({ sorted: true }),
      });
    const customer = customers.select(
      'customer_id',
      'first_name',
      'last_name',
      'email',
      'customer_segment',
      'preferred_channel',
      'generation_segment',
      'age_years',
      'days_since_registration',
    );
    return transactions
      .select(
        'transaction_id',
        'customer_id',
        'transaction_date',
        'channel',
        'channel_group',
        'total_amount',
        'discount_amount',
        'order_size_category',
        'transaction_hour',
        'day_of_week',
        'transaction_month',
        'transaction_quarter',
        'transaction_year',
      )
      .join(perTransaction, { on: 'transaction_id' })
      .join(customer, { on: 'customer_id' })
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
        'transaction_id',
        'transaction_date',
        'channel',
        'channel_group',
        'total_amount',
        'discount_amount',
        'order_size_category',
        'items_purchased',
        'total_quantity',
        'avg_item_price',
        'unique_categories',
        'unique_brands',
        'purchased_category_groups',
        'purchased_brands',
        'transaction_hour',
        'day_of_week',
        'transaction_month',
        'transaction_quarter',
        'transaction_year',
        { used_preferred_channel: flag(col('preferred_channel').eq(col('channel'))) },
      );
  },
});
