/** Staged product catalogue: active products with margins, segments and category groups. */
import { col, daysBetween, when } from '../../engine/expr';
import { asOfDate, defineModel, source } from '../define';
import { CATEGORY_GROUPS, CATEGORY_GROUP_OTHER, PRICE_SEGMENTS, PRICE_SEGMENT_TOP, banded } from '../rules';

const categoryGroup = Object.entries(CATEGORY_GROUPS)
  .reduce((c, [group, categories]) => c.when(col('category').isIn(categories), group), when(col('category').isNull(), CATEGORY_GROUP_OTHER))
  .otherwise(CATEGORY_GROUP_OTHER);

export default defineModel({
  name: 'src_products',
  layer: 'sources',
  grain: 'one row per active product',
  key: ['product_id'],
  description: "Products with status 'active', with gross margin, margin percent, price segment and category group.",
  inputs: { products: source('products') },
  build: ({ products }, ctx) =>
    products.filter(col('status').eq('active')).withColumns({
      gross_margin: col('price').sub(col('cost')),
      // Null when price is 0 (division by zero gives null).
      margin_percent: col('price').sub(col('cost')).div(col('price')),
      days_since_launch: daysBetween(asOfDate(ctx), col('created_date')),
      price_segment: when(col('price').isNull(), null).otherwise(banded(col('price'), PRICE_SEGMENTS, 'lt', PRICE_SEGMENT_TOP)),
      category_group: categoryGroup,
    }),
});
