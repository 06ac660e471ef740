import { RunContext } from '../../../src/models/define';
import srcCustomers from '../../../src/models/sources/src_customers';
import { CTX, LiteralRow, byKey, columnOf, customers, daysAgoAt, expectGrain, lazy, rowsOf, run, schemaOf } from '../fixtures';

const build = (rows: readonly LiteralRow[], ctx: RunContext = CTX) => run(srcCustomers.build({ customers: lazy(customers(rows)) }, ctx));

describe('src_customers', () => {
  it('has one row per customer_id: the key is unique and never null, even with duplicate and null ids in the input', () => {
    const out = build([
      { customer_id: 'C1', registration_date: '2024-01-01 00:00:00' },
      { customer_id: null, registration_date: '2024-01-01 00:00:00' },
      { customer_id: 'C1', registration_date: '2024-02-01 00:00:00' },
      { customer_id: 'C2' },
      { customer_id: 'C2' },
      { customer_id: null },
    ]);
    expectGrain(out, srcCustomers.key);
    expect(srcCustomers.key).toEqual(['customer_id']);
    expect(out.numRows).toBe(2);
  });

  it('keeps the 15 input columns in input order, then age_years, days_since_registration, generation_segment and the two missing-contact flags', () => {
    const out = build([{ customer_id: 'C1' }]);
    expect(schemaOf(out)).toEqual({
      customer_id: 'string',
      first_name: 'string',
      last_name: 'string',
      email: 'string',
      phone: 'string',
      date_of_birth: 'date',
      gender: 'string',
      registration_date: 'timestamp',
      customer_segment: 'string',
      preferred_channel: 'string',
      address_line1: 'string',
      city: 'string',
      state: 'string',
      zip_code: 'string',
      country: 'string',
      age_years: 'float64',
      days_since_registration: 'int',
      generation_segment: 'string',
      missing_email_flag: 'int',
      missing_phone_flag: 'int',
    });
  });

  it('drops rows whose customer_id is null', () => {
    const out = build([{ customer_id: null, first_name: 'Nobody' }, { customer_id: 'C1', first_name: 'Ann' }]);
    expect(columnOf(out, 'customer_id')).toEqual(['C1']);
    expect(columnOf(out, 'first_name')).toEqual(['Ann']);
  });

  it('keeps the row with the latest registration_date per customer, comparing the time of day too', () => {
    const out = build([
      { customer_id: 'C1', first_name: 'older', registration_date: '2024-03-01 09:00:00' },
      { customer_id: 'C1', first_name: 'latest', registration_date: '2024-03-01 09:00:01' },
      { customer_id: 'C1', first_name: 'oldest', registration_date: '2023-12-31 23:59:59' },
    ]);
    expect(rowsOf(out)).toMatchObject([{ customer_id: 'C1', first_name: 'latest', registration_date: '2024-03-01 09:00:01' }]);
  });

  it('lets a null registration_date lose to any known registration, even when it comes first in the file', () => {
    const out = build([
      { customer_id: 'C1', first_name: 'no date' },
      { customer_id: 'C1', first_name: 'dated', registration_date: '1999-01-01 00:00:00' },
    ]);
    expect(columnOf(out, 'first_name')).toEqual(['dated']);
  });

  it('keeps the row that comes first in the file when registrations tie, including when both are null', () => {
    const out = build([
      { customer_id: 'C1', first_name: 'first', registration_date: '2024-05-05 10:00:00' },
      { customer_id: 'C2', first_name: 'first null' },
      { customer_id: 'C1', first_name: 'second', registration_date: '2024-05-05 10:00:00' },
      { customer_id: 'C2', first_name: 'second null' },
    ]);
    expect(byKey(out, 'customer_id', 'first_name')).toEqual({ C1: 'first', C2: 'first null' });
  });

  it('keeps the whole winning row, not a mix of duplicate rows', () => {
    const out = build([
      { customer_id: 'C1', email: 'old@x.com', phone: '111', city: 'Boston', registration_date: '2024-01-01 00:00:00' },
      { customer_id: 'C1', email: null, phone: null, city: null, registration_date: '2024-06-01 00:00:00' },
    ]);
    expect(rowsOf(out)).toMatchObject([{ email: null, phone: null, city: null, missing_email_flag: 1, missing_phone_flag: 1 }]);
  });

  it('counts days_since_registration in whole calendar days, ignoring the time of day', () => {
    const out = build([
      { customer_id: 'today-midnight', registration_date: '2025-01-15 00:00:00' },
      { customer_id: 'today-late', registration_date: '2025-01-15 23:59:59' },
      { customer_id: 'yesterday-late', registration_date: '2025-01-14 23:59:59' },
      { customer_id: 'thirty', registration_date: daysAgoAt(30, '10:00:00') },
      { customer_id: 'thirty-one', registration_date: daysAgoAt(31, '00:00:00') },
      { customer_id: 'tomorrow', registration_date: '2025-01-16 00:00:00' },
      { customer_id: 'unknown', registration_date: null },
    ]);
    expect(byKey(out, 'customer_id', 'days_since_registration')).toEqual({
      'today-midnight': 0,
      'today-late': 0,
      'yesterday-late': 1,
      thirty: 30,
      'thirty-one': 31,
      tomorrow: -1,
      unknown: null,
    });
  });

  it('computes age_years as whole days since date_of_birth divided by 365.25', () => {
    const out = build([{ customer_id: 'C1', date_of_birth: '2000-01-15' }]);
    // 2000-01-15 to 2025-01-15 is 25 * 365 + 7 leap days.
    expect(columnOf(out, 'age_years')).toEqual([9132 / 365.25]);
  });

  it('never sees age_years of exactly 25.0 (that is 9131.25 days): 9131 days is 24.9993 (Gen Z) and 9132 days is 25.0021 (Millennial)', () => {
    const out = build([
      { customer_id: '9131 days', date_of_birth: '2000-01-16' },
      { customer_id: '9132 days', date_of_birth: '2000-01-15' },
    ]);
    expect(byKey(out, 'customer_id', 'age_years')).toEqual({ '9131 days': 9131 / 365.25, '9132 days': 9132 / 365.25 });
    expect(byKey(out, 'customer_id', 'generation_segment')).toEqual({ '9131 days': 'Gen Z', '9132 days': 'Millennial' });
  });

  it('keeps a customer in Gen Z on a 25th birthday that spans only 6 leap days (9131 days < 25 * 365.25), per the spec formula', () => {
    const ctx: RunContext = { asOf: '2026-03-01', runTimestamp: '2026-03-01 00:00:00' };
    const out = build([{ customer_id: 'C1', date_of_birth: '2001-03-01' }], ctx);
    expect(rowsOf(out)).toMatchObject([{ age_years: 9131 / 365.25, generation_segment: 'Gen Z' }]);
  });

  it('puts age exactly 40.0 (14610 days) in Gen X and one day younger in Millennial', () => {
    const out = build([
      { customer_id: 'forty', date_of_birth: '1985-01-15' },
      { customer_id: 'day before forty', date_of_birth: '1985-01-16' },
    ]);
    expect(byKey(out, 'customer_id', 'age_years')).toEqual({ forty: 40, 'day before forty': 14609 / 365.25 });
    expect(byKey(out, 'customer_id', 'generation_segment')).toEqual({ forty: 'Gen X', 'day before forty': 'Millennial' });
  });

  it('puts the 55th birthday (20089 days, 55.0021) in Boomer+ and the day before (54.9979) in Gen X', () => {
    const out = build([
      { customer_id: 'fifty-five', date_of_birth: '1970-01-15' },
      { customer_id: 'day before', date_of_birth: '1970-01-16' },
    ]);
    expect(byKey(out, 'customer_id', 'age_years')).toEqual({ 'fifty-five': 20089 / 365.25, 'day before': 20088 / 365.25 });
    expect(byKey(out, 'customer_id', 'generation_segment')).toEqual({ 'fifty-five': 'Boomer+', 'day before': 'Gen X' });
  });

  it('puts a date_of_birth after the as-of date (negative age) in Gen Z', () => {
    const out = build([{ customer_id: 'C1', date_of_birth: '2025-01-16' }]);
    expect(rowsOf(out)).toMatchObject([{ age_years: -1 / 365.25, generation_segment: 'Gen Z' }]);
  });

  it('gives a null age_years and a null generation_segment when date_of_birth is null', () => {
    const out = build([{ customer_id: 'C1', date_of_birth: null }]);
    expect(rowsOf(out)).toMatchObject([{ age_years: null, generation_segment: null }]);
  });

  it('flags a missing email or phone when the field is null or empty, but not when it holds a space', () => {
    const out = build([
      { customer_id: 'null', email: null, phone: null },
      { customer_id: 'empty', email: '', phone: '' },
      { customer_id: 'space', email: ' ', phone: ' ' },
      { customer_id: 'present', email: 'a@b.com', phone: '555-0100' },
    ]);
    expect(byKey(out, 'customer_id', 'missing_email_flag')).toEqual({ null: 1, empty: 1, space: 0, present: 0 });
    expect(byKey(out, 'customer_id', 'missing_phone_flag')).toEqual({ null: 1, empty: 1, space: 0, present: 0 });
  });

  it('keeps strings exactly: zip codes keep leading zeros, no trimming or case folding', () => {
    const out = build([{ customer_id: ' c1 ', zip_code: '02101', city: 'boston ', country: 'USA' }]);
    expect(rowsOf(out)).toMatchObject([{ customer_id: ' c1 ', zip_code: '02101', city: 'boston ', country: 'USA' }]);
  });

  it('gives an empty frame with the full schema for an empty input', () => {
    const out = build([]);
    expect(out.numRows).toBe(0);
    expect(out.columnNames).toHaveLength(20);
  });
});
