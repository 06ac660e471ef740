import * as fs from 'fs';
import * as path from 'path';
import { C360Error } from '../../src/errors';
import { formatValidationReport, validateData, validationSummary } from '../../src/validate';
import { header, smallDataDir, tempDir } from '../dag/fixtures';

const AS_OF = '2024-12-31';

describe('validateData', () => {
  it('reports each file present, with its rows, header, malformed rows (file:line:column), null rates and tests', async () => {
    const report = await validateData({ dataDir: smallDataDir(), asOf: AS_OF });
    expect(report.files.map((f) => [f.file, f.status])).toEqual([
      ['customer/customers.csv', 'ok'],
      ['customer/loyalty_program.csv', 'ok'],
      ['customer/support_tickets.csv', 'ok'],
      ['customer/app_usage.csv', 'ok'],
      ['products/products.csv', 'ok'],
      ['sales/transactions.csv', 'ok'],
      ['sales/transaction_items.csv', 'ok'],
    ]);
    const tx = report.files.find((f) => f.name === 'transactions')!;
    expect(tx).toMatchObject({ rows: 4, malformedRows: 1, problemsByColumn: { total_amount: 1 }, problems: [{ line: 4, column: 'total_amount', reason: 'expected a decimal, got "N/A"' }] });
    expect(tx.header).toEqual({ columns: header('transactions').split(','), missing: [], duplicates: [], extra: [], inOrder: true, bom: false });
    const customers = report.files.find((f) => f.name === 'customers')!;
    expect(customers.nullRates.find((r) => r.column === 'email')).toEqual({ column: 'email', nulls: 1, rate: 1 / 3 });
    expect(report.counts).toEqual({ present: 7, missing: 0, unreadable: 0, malformedRows: 1, warnings: 0, errors: 0 });
    expect(report.ok).toBe(true);
  });

  it('reports missing files and files that cannot be used, with the reason in one sentence', async () => {
    const data = smallDataDir({
      'customer/customers.csv': 'customer_id,first_name\nC1,Ann\n',
      'products/products.csv': '',
    });
    fs.rmSync(path.join(data, 'sales', 'transaction_items.csv'));
    const report = await validateData({ dataDir: data, asOf: AS_OF });
    const byName = Object.fromEntries(report.files.map((f) => [f.name, f]));
    expect(byName.transaction_items).toMatchObject({ status: 'missing', rows: 0 });
    expect(byName.products).toMatchObject({ status: 'unreadable', error: 'products/products.csv: the file is empty (no header line)', header: null });
    expect(byName.customers!.status).toBe('unreadable');
    expect(byName.customers!.error).toMatch(/^customer\/customers\.csv: missing required columns "last_name", "email", /);
    expect(byName.customers!.header?.missing).toContain('email');
    expect(report.counts).toMatchObject({ present: 6, missing: 1, unreadable: 2 });
    expect(report.ok).toBe(false);
    // The relationships tests whose parent cannot be read are left out; the others run.
    expect(byName.transactions!.tests.map((t) => t.test)).not.toContain('relationships(customer_id -> customers.customer_id)');
    expect(byName.transactions!.tests.map((t) => t.test)).toContain('unique(transaction_id)');
  });

  it('notes extra columns, another column order and a byte order mark, which a run accepts', async () => {
    const data = smallDataDir({ 'sales/transaction_items.csv': `\uFEFFnote,product_id,item_id,transaction_id,quantity,unit_price,line_total,discount_applied\nhi,P1,I1,T1,1,10,10,0\n` });
    const report = await validateData({ dataDir: data, asOf: AS_OF });
    const items = report.files.find((f) => f.name === 'transaction_items')!;
    expect(items.status).toBe('ok');
    expect(items.header).toMatchObject({ extra: ['note'], inOrder: false, bom: true, missing: [], duplicates: [] });
  });

  it('finds duplicate keys and orphan foreign keys among the rows a run would use', async () => {
    const data = smallDataDir({
      'customer/support_tickets.csv': `${header('support_tickets')}\nK1,C1,2024-01-01 10:00:00,,billing,high,open,email,4\nK1,C9,2024-01-02 10:00:00,,billing,high,open,email,5\n`,
    });
    const report = await validateData({ dataDir: data, asOf: AS_OF });
    const tickets = report.files.find((f) => f.name === 'support_tickets')!;
    const failed = tickets.tests.filter((t) => t.status === 'fail').map((t) => `${t.severity} ${t.test}: ${t.examples.join('; ')}`);
    expect(failed).toEqual(['warn unique(ticket_id): K1, 2', 'warn relationships(customer_id -> customers.customer_id): K1, C9']);
    expect(report.counts.warnings).toBe(2);
    expect(report.ok).toBe(true);
  });

  it('lists the first problems of a file and counts them all', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `T${i},C1,2024-01-01 10:00:00,online,S1,card,x,1,0,11,USD,completed`);
    const data = smallDataDir({ 'sales/transactions.csv': `${header('transactions')}\n${rows.join('\n')}\n` });
    const report = await validateData({ dataDir: data, asOf: AS_OF, maxProblems: 3 });
    const tx = report.files.find((f) => f.name === 'transactions')!;
    expect(tx.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(tx.problemsByColumn).toEqual({ subtotal: 25 });
    expect(formatValidationReport(report)).toContain('    ... and 22 more problems\n');
  });

  it('throws one sentence when the data folder does not exist', async () => {
    const dir = path.join(tempDir(), 'nope');
    await expect(validateData({ dataDir: dir, asOf: AS_OF })).rejects.toThrow(new C360Error(`data folder not found: ${dir}`));
  });
});

describe('formatValidationReport', () => {
  it('prints a block per file with file:line:column problems, null rates and failed tests, then one summary line', async () => {
    const data = smallDataDir({ 'customer/app_usage.csv': `${header('app_usage')}\nU1,C9,2024-01-01,2024-01-01 10:00:00,5,3,1,ios,1.0\n` });
    fs.rmSync(path.join(data, 'products', 'products.csv'));
    const report = await validateData({ dataDir: data, asOf: AS_OF });
    const text = formatValidationReport(report);
    expect(text).toContain('sales/transactions.csv: 4 rows, 1 malformed\n  header: 12 columns, as declared\n  malformed rows (left out by a run): 1 (total_amount: 1)\n    sales/transactions.csv:4:total_amount: expected a decimal, got "N/A"\n');
    expect(text).toContain('products/products.csv: MISSING\n');
    expect(text).toContain('  nulls: email 33.3% (1); other columns none\n');
    expect(text).toContain('  WARN  customer/app_usage.csv: relationships(customer_id -> customers.customer_id): 1 failing rows, e.g. U1, C9\n');
    expect(text.endsWith(`${validationSummary(report)}\n`)).toBe(true);
    expect(validationSummary(report)).toBe(`Validated ${data} as of ${AS_OF}: 7 files, 1 missing, 0 unreadable, 1 malformed row, 1 warning, 0 errors`);
  });
});
