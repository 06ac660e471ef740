/** Staged CRM customers: one row per customer, latest registration wins. */
import { col, daysBetween, when } from '../../engine/expr';
import { asOfDate, defineModel, source } from '../define';
import { DAYS_PER_YEAR, GENERATIONS, GENERATION_OLDEST, banded, flag } from '../rules';

export default defineModel({
  name: 'src_customers',
  layer: 'sources',
  grain: 'one row per customer_id (latest registration_date; ties: first in file)',
  key: ['customer_id'],
  description: 'CRM customers, deduplicated, with age, tenure, generation and missing-contact flags.',
  inputs: { customers: source('customers') },
  build: ({ customers }, ctx) => {
    const asOf = asOfDate(ctx);
    const age = daysBetween(asOf, col('date_of_birth')).div(DAYS_PER_YEAR);
    return customers
      .filter(col('customer_id').isNotNull())
      .dedupe({ partitionBy: ['customer_id'], orderBy: [{ column: 'registration_date', descending: true, nulls: 'last' }] })
      .withColumns({
        age_years: age,
        days_since_registration: daysBetween(asOf, col('registration_date')),
        generation_segment: when(col('date_of_birth').isNull(), null).otherwise(banded(age, GENERATIONS, 'lt', GENERATION_OLDEST)),
        missing_email_flag: flag(col('email').isNull().or(col('email').eq(''))),
        missing_phone_flag: flag(col('phone').isNull().or(col('phone').eq(''))),
      });
  },
});
