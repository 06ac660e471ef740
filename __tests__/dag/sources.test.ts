import { C360Error } from '../../src/errors';
import * as csvReader from '../../src/io/csv-reader';
import { StringColumn } from '../../src/engine/column';
import { joinKeys, openInputs } from '../../src/dag/sources';
import { INPUT_FILES } from '../../src/schema/inputs';
import { smallDataDir } from './fixtures';

describe('openInputs', () => {
  it('shares the dictionary of the ids the files join on: customer_id, product_id and transaction_id', () => {
    expect(joinKeys(INPUT_FILES).sort()).toEqual(['customer_id', 'product_id', 'transaction_id']);
  });

  it('encodes a shared id column of every file into one dictionary, keeping each file its own values', async () => {
    const catalog = openInputs({ dataDir: smallDataDir(), files: INPUT_FILES, policy: 'reject' });
    const customers = await catalog.source('customers').load(['customer_id', 'email']);
    const transactions = await catalog.source('transactions').load(['transaction_id', 'customer_id', 'status']);
    const a = customers.column('customer_id') as StringColumn;
    const b = transactions.column('customer_id') as StringColumn;
    expect(a.dict).toBe(b.dict);
    // Columns that are not join keys keep a dictionary of their own.
    expect((customers.column('email') as StringColumn).dict).not.toBe((transactions.column('status') as StringColumn).dict);
    // Values are unchanged by the re-encoding.
    expect(customers.values('customer_id')).toEqual(['C1', 'C2', 'C3']);
    expect(transactions.values('customer_id')).toEqual(['C1', 'C1', 'C3']); // T3 rejected: its total is N/A
    expect(transactions.values('transaction_id')).toEqual(['T1', 'T2', 'T4']);
    expect([...a.dict].sort()).toEqual(['C1', 'C2', 'C3']);
  });

  it('shares nothing when asked for no shared keys', async () => {
    const catalog = openInputs({ dataDir: smallDataDir(), files: INPUT_FILES, policy: 'reject', sharedKeys: [] });
    const customers = await catalog.source('customers').load(['customer_id']);
    const transactions = await catalog.source('transactions').load(['customer_id']);
    expect((customers.column('customer_id') as StringColumn).dict).not.toBe((transactions.column('customer_id') as StringColumn).dict);
  });

  it('reads a prefetched file once, in the background, and serves it to the next read', async () => {
    const events: string[] = [];
    const catalog = openInputs({
      dataDir: smallDataDir(),
      files: INPUT_FILES,
      policy: 'reject',
      onEvent: (e) => {
        if (e.type === 'input-read') events.push(e.input.name);
      },
    });
    catalog.prefetch('transactions', ['transaction_id', 'total_amount']);
    catalog.prefetch('transactions', ['transaction_id', 'total_amount']);
    await catalog.read('transactions', ['transaction_id']);
    expect(events).toEqual(['transactions']);
    expect(catalog.rows('transactions')).toBe(3);
    const frame = await catalog.source('transactions').load(['transaction_id', 'total_amount']);
    expect(frame.values('total_amount')).toEqual([11, 22, 44]);
    expect(events).toEqual(['transactions']);
  });

  it('reports the error of a failed prefetch from the read that needs the file, without parsing it again', async () => {
    const parse = jest.spyOn(csvReader, 'readCsv');
    const catalog = openInputs({ dataDir: smallDataDir(), files: INPUT_FILES, policy: 'fail' });
    catalog.prefetch('transactions', ['transaction_id']);
    await expect(catalog.read('transactions', ['transaction_id'])).rejects.toThrow(/sales\/transactions\.csv:4:total_amount: expected a decimal, got "N\/A"/);
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
    await expect(catalog.read('transactions', ['transaction_id'])).rejects.toThrow(C360Error);
  });

  it('drops a prefetched frame released before it lands, and does not report a file no read asked for', async () => {
    const catalog = openInputs({ dataDir: smallDataDir(), files: INPUT_FILES, policy: 'reject' });
    catalog.prefetch('transactions', ['transaction_id']);
    catalog.release('transactions');
    await catalog.settle();
    expect(catalog.results()).toEqual([]);
    expect(catalog.issues()).toEqual([]);
    expect(catalog.retained()).toEqual({});
    // Read after all, it is read again and reported.
    await catalog.read('transactions', ['transaction_id']);
    expect(catalog.results().map((r) => [r.name, r.rows_read, r.rows_rejected])).toEqual([['transactions', 4, 1]]);
  });
});
