import { runPipeline } from '../../src/dag/pipeline';
import { errorFailures, runPipelineTests, withDataTests } from '../../src/quality/pipeline-tests';
import { testErrorSentence, testLines, testSummaryLine } from '../../src/quality/format';
import { header, smallDataDir, tempDir, writeFiles } from '../dag/fixtures';

const AS_OF = '2024-12-31';

/** A models folder with one view that declares a failing row-count test and a passing accepted-values test. */
function modelsWithTests(): string {
  return writeFiles(tempDir(), {
    'views/zz_checked.js': [
      "exports.default = { name: 'zz_checked', layer: 'views', grain: 'one row per customer', key: ['customer_id'],",
      "  inputs: { p: { kind: 'model', name: 'customer_analytics_c360' } },",
      "  tests: [{ kind: 'row_count', min: 5, severity: 'error' }, { kind: 'accepted_values', column: 'customer_status', values: ['Never Purchased', 'Churned', 'Active', 'At Risk'], severity: 'error' }],",
      "  build: ({ p }) => p.select('customer_id', 'customer_status') };",
    ].join('\n'),
  });
}

describe('runPipelineTests', () => {
  it('runs the key tests of every model that ran and the validation rules of every input file', async () => {
    const result = await runPipeline({ dataDir: smallDataDir(), asOf: AS_OF, keepInputs: true });
    const tests = await runPipelineTests(result, { asOf: AS_OF });
    const targets = new Set(tests.map((t) => t.target));
    for (const model of Object.keys(result.models)) expect(targets).toContain(model);
    for (const file of ['customer/customers.csv', 'sales/transactions.csv', 'sales/transaction_items.csv']) expect(targets).toContain(file);
    expect(tests).toContainEqual(expect.objectContaining({ target: 'customer_analytics_c360', test: 'unique(customer_id)', status: 'pass', severity: 'error' }));
    expect(tests).toContainEqual(expect.objectContaining({ target: 'customer_analytics_c360', test: 'expression(email is not null and not empty)', status: 'pass' }));
    expect(tests).toContainEqual(expect.objectContaining({ target: 'sales/transactions.csv', test: 'expression(total_amount > 0)', status: 'pass', severity: 'warn' }));
    expect(errorFailures(tests)).toEqual([]);
  });

  it('warns about implausible dates, non-positive amounts, duplicate keys and orphan foreign keys in the inputs, with their keys', async () => {
    const data = smallDataDir({
      'customer/customers.csv': [
        header('customers'),
        'C1,Ann,Lee,ann@x.com,555,1850-01-01,F,2020-01-01 00:00:00,Premium,online,1 Main,Seattle,WA,98101,USA',
        'C1,Ann,Lee,ann@x.com,555,1990-01-01,F,2026-06-01 00:00:00,Premium,online,1 Main,Seattle,WA,98101,USA',
      ].join('\n'),
      'sales/transactions.csv': `${header('transactions')}\nT1,C1,2024-01-01 10:00:00,online,S1,card,10,1,0,0,USD,completed\nT2,C7,2024-01-01 10:00:00,online,S1,card,10,1,0,5,USD,completed\n`,
    });
    const result = await runPipeline({ dataDir: data, asOf: AS_OF, keepInputs: true });
    const failed = (await runPipelineTests(result, { asOf: AS_OF })).filter((t) => t.status === 'fail');
    expect(failed.map((t) => `${t.severity} ${t.target}: ${t.test}: ${t.examples.join('; ')}`)).toEqual([
      'warn customer/customers.csv: unique(customer_id): C1, 2',
      'warn customer/customers.csv: expression(date_of_birth between 1900-01-01 and 2025-12-31): C1',
      'warn customer/customers.csv: expression(registration_date between 1900-01-01 and 2025-12-31): C1',
      'warn sales/transactions.csv: expression(total_amount > 0): T1',
      'warn sales/transactions.csv: relationships(customer_id -> customers.customer_id): T2, C7',
    ]);
  });

  it('leaves out the input tests whose columns the run did not keep', async () => {
    const result = await runPipeline({ dataDir: smallDataDir(), asOf: AS_OF });
    const tests = await runPipelineTests(result, { asOf: AS_OF });
    expect(tests.some((t) => t.test.startsWith('expression(date_of_birth'))).toBe(false);
    expect(tests).toContainEqual(expect.objectContaining({ target: 'customer/customers.csv', test: 'unique(customer_id)' }));
  });
});

describe('withDataTests', () => {
  it('runs the tests a model declares and marks the run failed when one of severity error fails', async () => {
    const result = await withDataTests(await runPipeline({ dataDir: smallDataDir(), asOf: AS_OF, modelDirs: [modelsWithTests()], keepInputs: true }), { asOf: AS_OF });
    expect(result.results.success).toBe(false);
    expect(errorFailures(result.results.tests)).toEqual([expect.objectContaining({ target: 'zz_checked', test: 'row_count(5..∞)', message: '2 rows, expected 5 to any number' })]);
    expect(result.results.tests).toContainEqual(expect.objectContaining({ target: 'zz_checked', test: 'accepted_values(customer_status: Never Purchased, Churned, Active, At Risk)', status: 'pass' }));
    expect(testErrorSentence(result.results.tests)).toBe('a data test of severity error failed: zz_checked: row_count(5..∞): 2 rows, expected 5 to any number');
    const lines = testLines(result.results.tests);
    expect(lines[0]).toBe('ERROR zz_checked: row_count(5..∞): 2 rows, expected 5 to any number, e.g. 2 rows');
    expect(lines[lines.length - 1]).toBe(testSummaryLine(result.results.tests));
    expect(testSummaryLine(result.results.tests)).toMatch(/^Data tests: \d+ passed, 0 warnings, 1 error \(\d+ tests\)$/);
  });

  it('keeps a run successful when only warnings fail', async () => {
    const data = smallDataDir({ 'sales/transactions.csv': `${header('transactions')}\nT1,C1,2024-01-01 10:00:00,online,S1,card,10,1,0,-3,USD,completed\n` });
    const result = await withDataTests(await runPipeline({ dataDir: data, asOf: AS_OF, keepInputs: true }), { asOf: AS_OF });
    expect(result.results.success).toBe(true);
    expect(result.results.tests.filter((t) => t.status === 'fail').map((t) => t.severity)).toEqual(['warn']);
  });
});
