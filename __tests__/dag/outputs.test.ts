import * as fs from 'fs';
import * as path from 'path';
import { C360Error } from '../../src/errors';
import { writeOutputs } from '../../src/dag/outputs';
import { runPipeline } from '../../src/dag/pipeline';
import { modelRegistry } from '../../src/dag/registry';
import { fakeModel, smallDataDir, source, tempDir } from './fixtures';

const srcTx = fakeModel('src_tx', 'sources', { raw: source('transactions') }, ({ raw }) => raw!.select('transaction_id', 'total_amount'));
const srcCust = fakeModel('src_cust', 'sources', { raw: source('customers') }, ({ raw }) => raw!.select('customer_id', 'email'));
const registry = modelRegistry([srcTx, srcCust]);
const read = (...p: string[]) => fs.readFileSync(path.join(...p), 'utf8');

describe('writeOutputs', () => {
  it('writes a rejects file per input file with the line, column, reason and original line', async () => {
    const out = tempDir();
    const result = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry });
    const written = await writeOutputs(result, { outDir: out });
    expect(written.rejects).toEqual([path.join(out, 'rejects', 'transactions.csv')]);
    expect(read(out, 'rejects', 'transactions.csv')).toBe(
      'line,column,reason,original_line\n4,total_amount,"expected a decimal, got ""N/A""","T3,C2,2024-03-01 10:00:00,store,S1,cash,30,3,0,N/A,USD,completed"\n',
    );
  });

  it('writes every model with writeAll, in the chosen format, and run_results.json', async () => {
    const out = tempDir();
    const result = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry });
    const written = await writeOutputs(result, { outDir: out, format: 'jsonl', writeAll: true });
    expect(written.product).toBeNull();
    expect(written.models).toEqual([path.join(out, 'src_cust.jsonl'), path.join(out, 'src_tx.jsonl')]);
    expect(read(out, 'src_tx.jsonl').split('\n')[0]).toBe('{"transaction_id":"T1","total_amount":11}');
    const json = JSON.parse(read(out, 'run_results.json'));
    expect(json.success).toBe(true);
    expect(json.models.map((m: { name: string; status: string }) => `${m.name}:${m.status}`)).toEqual(['src_cust:success', 'src_tx:success']);
    expect(json.inputs[1]).toEqual(expect.objectContaining({ file: 'sales/transactions.csv', rows_read: 4, rows_rejected: 1 }));
    expect(fs.readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('leaves the previous outputs byte-identical when the run failed, writing only run_results.json', async () => {
    const out = tempDir();
    await writeOutputs(await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry }), { outDir: out, writeAll: true });
    const before = read(out, 'src_cust.csv');
    const rejectsBefore = read(out, 'rejects', 'transactions.csv');
    const boom = fakeModel('src_tx', 'sources', { raw: source('transactions') }, () => {
      throw new C360Error('broken');
    });
    const failed = await runPipeline({ dataDir: smallDataDir({ 'sales/transactions.csv': 'nothing,useful\n' }), asOf: '2024-12-31', registry: modelRegistry([boom, srcCust]) });
    expect(failed.results.success).toBe(false);
    const written = await writeOutputs(failed, { outDir: out, writeAll: true });
    expect(written.models).toEqual([]);
    expect(read(out, 'src_cust.csv')).toBe(before);
    expect(read(out, 'rejects', 'transactions.csv')).toBe(rejectsBefore);
    expect(JSON.parse(read(out, 'run_results.json')).success).toBe(false);
  });

  it('removes the rejects file of an input that a later run read without problems', async () => {
    const out = tempDir();
    await writeOutputs(await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry }), { outDir: out });
    expect(fs.existsSync(path.join(out, 'rejects', 'transactions.csv'))).toBe(true);
    const clean = smallDataDir({ 'sales/transactions.csv': `${read(smallDataDir(), 'sales', 'transactions.csv').replace('N/A', '33')}` });
    await writeOutputs(await runPipeline({ dataDir: clean, asOf: '2024-12-31', registry }), { outDir: out });
    expect(fs.existsSync(path.join(out, 'rejects'))).toBe(false);
  });

  it('escapes formula-like text cells in CSV unless safeCsv is off', async () => {
    const data = smallDataDir({
      'customer/customers.csv': 'customer_id,first_name,last_name,email,phone,date_of_birth,gender,registration_date,customer_segment,preferred_channel,address_line1,city,state,zip_code,country\n=C1,A,B,@x,,,,,,,,,,,\n',
    });
    const result = await runPipeline({ dataDir: data, asOf: '2024-12-31', registry, select: ['src_cust'] });
    const safe = tempDir();
    await writeOutputs(result, { outDir: safe, writeAll: true });
    expect(read(safe, 'src_cust.csv')).toBe("customer_id,email\n'=C1,'@x\n");
    const raw = tempDir();
    await writeOutputs(result, { outDir: raw, writeAll: true, safeCsv: false });
    expect(read(raw, 'src_cust.csv')).toBe('customer_id,email\n=C1,@x\n');
  });
});
