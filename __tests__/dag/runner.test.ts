import { C360Error } from '../../src/errors';
import * as csvReader from '../../src/io/csv-reader';
import { col } from '../../src/engine/expr';
import { LazyFrame } from '../../src/engine/plan';
import { runPipeline } from '../../src/dag/pipeline';
import { modelRegistry } from '../../src/dag/registry';
import { RunEvent, upstreamScans } from '../../src/dag/runner';
import { buildGraph } from '../../src/dag/graph';
import { openInputs } from '../../src/dag/sources';
import { fakeModel, ref, smallDataDir, source } from './fixtures';

const srcCustomers = fakeModel('src_cust', 'sources', { raw: source('customers') }, ({ raw }) => raw!.select('customer_id', 'email'));
const srcTransactions = fakeModel('src_tx', 'sources', { raw: source('transactions') }, ({ raw }) =>
  raw!.filter(col('status').eq('completed')).select('transaction_id', 'customer_id', 'total_amount'),
);
const intJoined = fakeModel('int_joined', 'intermediates', { t: ref('src_tx'), c: ref('src_cust') }, ({ t, c }) => t!.join(c!, { on: 'customer_id' }));
const registry = modelRegistry([srcCustomers, srcTransactions, intJoined]);

function collect(): { events: RunEvent[]; onEvent: (e: RunEvent) => void } {
  const events: RunEvent[] = [];
  return { events, onEvent: (e) => events.push(e) };
}

describe('runPipeline (single session)', () => {
  it('runs the models layer by layer and records rows in, rows out and seconds', async () => {
    const { results, models } = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry });
    expect(results.success).toBe(true);
    expect(results.models.map((m) => [m.name, m.layer, m.status, m.rows_in, m.rows_out])).toEqual([
      ['src_cust', 'sources', 'success', 3, 3],
      ['src_tx', 'sources', 'success', 3, 2], // 4 rows read, 1 rejected, 1 cancelled
      ['int_joined', 'intermediates', 'success', 5, 2],
    ]);
    expect(results.models.every((m) => m.seconds >= 0 && m.selected)).toBe(true);
    expect(models.int_joined!.values('transaction_id')).toEqual(['T1', 'T2']);
    expect(results.inputs.map((i) => [i.file, i.rows_read, i.rows_rejected])).toEqual([
      ['customer/customers.csv', 3, 0],
      ['sales/transactions.csv', 4, 1],
    ]);
  });

  it('says that an empty layer is empty and goes on', async () => {
    const { events, onEvent } = collect();
    await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry, onEvent });
    const layers = events.filter((e) => e.type.startsWith('layer-') && e.type !== 'layer-end').map((e) => `${e.type} ${'layer' in e ? e.layer : ''}`);
    expect(layers).toEqual(['layer-start sources', 'layer-empty dimensions', 'layer-start intermediates', 'layer-empty facts', 'layer-empty views']);
    const selectedOnly = collect();
    await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry, select: ['src_cust'], onEvent: selectedOnly.onEvent });
    expect(selectedOnly.events.filter((e) => e.type === 'layer-unselected')).toEqual([{ type: 'layer-unselected', layer: 'intermediates' }]);
  });

  it('skips the descendants of a failed model, names the cause, and runs the others', async () => {
    const boom = fakeModel('src_boom', 'sources', { raw: source('customers') }, () => {
      throw new C360Error('no such column "nope"');
    });
    const reader = fakeModel('src_reader', 'sources', { b: ref('src_boom') });
    const later = fakeModel('fct_later', 'facts', { r: ref('src_reader') });
    const { results, models } = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry: modelRegistry([srcCustomers, boom, reader, later]) });
    expect(results.success).toBe(false);
    expect(results.models).toEqual([
      expect.objectContaining({ name: 'src_boom', status: 'error', error: 'no such column "nope"', rows_in: null, rows_out: null }),
      expect.objectContaining({ name: 'src_cust', status: 'success', rows_out: 3 }),
      expect.objectContaining({ name: 'src_reader', status: 'skipped', cause: 'src_boom' }),
      expect.objectContaining({ name: 'fct_later', status: 'skipped', cause: 'src_boom' }),
    ]);
    expect(Object.keys(models)).toEqual(['src_cust']);
  });

  it('records an error thrown while a plan runs, not only while it is built', async () => {
    const broken = { name: 'broken', schema: [{ name: 'customer_id', type: 'string' as const }], load: (): never => { throw new RangeError('disk on fire'); } };
    const bad = fakeModel('src_bad', 'sources', { raw: source('customers') }, ({ raw }) => raw!.join(LazyFrame.scan(broken), { on: 'customer_id' }));
    const after = fakeModel('int_after', 'intermediates', { b: ref('src_bad') });
    const { results } = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry: modelRegistry([bad, after]) });
    expect(results.models).toEqual([
      expect.objectContaining({ name: 'src_bad', status: 'error', error: 'RangeError: disk on fire' }),
      expect.objectContaining({ name: 'int_after', status: 'skipped', cause: 'src_bad' }),
    ]);
  });

  it('runs the unselected models a selection needs and marks them as dependencies', async () => {
    const { results } = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry, select: ['int_joined'] });
    expect(results.models.map((m) => [m.name, m.selected])).toEqual([
      ['src_cust', false],
      ['src_tx', false],
      ['int_joined', true],
    ]);
    expect(results.metadata.selected_models).toEqual(['int_joined']);
    expect(results.metadata.dependency_models).toEqual(['src_cust', 'src_tx']);
  });

  it('reads only the files the selected models need', async () => {
    const data = smallDataDir();
    const { results } = await runPipeline({ dataDir: data, asOf: '2024-12-31', registry, select: ['src_cust'] });
    expect(results.inputs.map((i) => i.file)).toEqual(['customer/customers.csv']);
  });

  it('reads each file once, with the columns of every layer, when later layers are read ahead', async () => {
    // src_tx reads transactions in the sources layer; a facts model reads it again with another column.
    const late = fakeModel('fct_late', 'facts', { raw: source('transactions'), j: ref('int_joined') }, ({ raw }) => raw!.select('transaction_id', 'channel'));
    const reads: string[] = [];
    const parse = jest.spyOn(csvReader, 'readCsv');
    const { models } = await runPipeline({
      dataDir: smallDataDir(),
      asOf: '2024-12-31',
      registry: modelRegistry([srcCustomers, srcTransactions, intJoined, late]),
      onEvent: (e) => {
        if (e.type === 'input-read') reads.push(e.input.name);
      },
    });
    expect(reads.sort()).toEqual(['customers', 'transactions']);
    // Parsed once each: the transactions read already had the facts layer's column.
    expect(parse.mock.calls.map(([o]) => o.label).sort()).toEqual(['customer/customers.csv', 'sales/transactions.csv']);
    parse.mockRestore();
    expect(models.fct_late!.values('channel')).toEqual(['online', 'store', 'mobile']);
  });

  it('records the run in run_results form', async () => {
    const { results } = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', runTimestamp: '2025-01-01 08:00:00', registry, select: ['+int_joined'], badRows: 'keep' });
    expect(results.metadata).toEqual(
      expect.objectContaining({
        engine: 'memory',
        mode: 'single-session',
        as_of: '2024-12-31',
        run_timestamp: '2025-01-01 08:00:00',
        bad_rows: 'keep',
        select: ['+int_joined'],
        exclude: [],
      }),
    );
    expect(results.metadata.c360_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Date.parse(results.metadata.finished_at)).toBeGreaterThanOrEqual(Date.parse(results.metadata.started_at));
    expect(results.summary).toBeNull();
  });
});

describe('runPipeline bad-row policies', () => {
  it('reject: leaves the malformed row out of every model and lists it', async () => {
    const { models, rejects, results } = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry, badRows: 'reject' });
    expect(models.src_tx!.values('transaction_id')).toEqual(['T1', 'T2']);
    expect(rejects).toEqual([
      {
        name: 'transactions',
        file: 'sales/transactions.csv',
        policy: 'reject',
        issues: [expect.objectContaining({ line: 4, column: 'total_amount', reason: 'expected a decimal, got "N/A"', raw: 'T3,C2,2024-03-01 10:00:00,store,S1,cash,30,3,0,N/A,USD,completed' })],
      },
    ]);
    expect(results.inputs[1]).toEqual(expect.objectContaining({ rows_read: 4, rows_rejected: 1, rows_with_issues: 1 }));
  });

  it('keep: keeps the row with the bad field null and logs it', async () => {
    const { models, rejects, results } = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry, badRows: 'keep' });
    expect(models.src_tx!.values('transaction_id')).toEqual(['T1', 'T2', 'T3']);
    expect(models.src_tx!.values('total_amount')).toEqual([11, 22, null]);
    expect(rejects[0]!.policy).toBe('keep');
    expect(rejects[0]!.issues).toHaveLength(1);
    expect(results.inputs[1]).toEqual(expect.objectContaining({ rows_read: 4, rows_rejected: 0, rows_with_issues: 1 }));
  });

  it('fail: stops at the first bad row with file:line:column', async () => {
    const run = runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry, badRows: 'fail' });
    await expect(run).rejects.toThrow(new C360Error('sales/transactions.csv:4:total_amount: expected a decimal, got "N/A"'));
  });

  it('sets a row aside for a bad value in a column no model reads', async () => {
    const onlyIds = fakeModel('src_ids', 'sources', { raw: source('transactions') }, ({ raw }) => raw!.select('transaction_id'));
    const { models } = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry: modelRegistry([onlyIds]) });
    expect(models.src_ids!.values('transaction_id')).toEqual(['T1', 'T2', 'T4']);
  });
});

describe('runPipeline input checks', () => {
  it('names a missing data folder', async () => {
    await expect(runPipeline({ dataDir: './nope', asOf: '2024-12-31', registry })).rejects.toThrow(new C360Error('data folder not found: ./nope'));
  });

  it('names a missing input file and the folder', async () => {
    const data = smallDataDir();
    require('fs').rmSync(require('path').join(data, 'customer', 'customers.csv'));
    await expect(runPipeline({ dataDir: data, asOf: '2024-12-31', registry })).rejects.toThrow(`missing input file customer/customers.csv in ${data}`);
  });

  it('names a missing required column and its file', async () => {
    const data = smallDataDir({ 'customer/customers.csv': 'customer_id,first_name\nC1,Ann\n' });
    await expect(runPipeline({ dataDir: data, asOf: '2024-12-31', registry })).rejects.toThrow('customer/customers.csv: missing required columns "last_name", "email"');
  });

  it('rejects an as-of date that is not a real date', async () => {
    await expect(runPipeline({ dataDir: smallDataDir(), asOf: '2024-02-30', registry })).rejects.toThrow('the as-of date must be a real date written YYYY-MM-DD, got "2024-02-30"');
  });
});

describe('upstreamScans', () => {
  it("lists the columns of each earlier layer's frame that a layer's plans scan, after projection pushdown", () => {
    const wide = fakeModel('int_wide', 'intermediates', { t: ref('src_tx'), c: ref('src_cust') }, ({ t, c }) =>
      t!.join(c!, { on: 'customer_id' }).withColumns({ unused: col('email') }).select('transaction_id', 'total_amount'),
    );
    const next = fakeModel('int_next', 'intermediates', { w: ref('int_wide'), t: ref('src_tx') }, ({ w, t }) => w!.join(t!.select('transaction_id', 'status'), { on: 'transaction_id' }));
    const graph = buildGraph(modelRegistry([srcCustomers, srcTransactions, wide, next]));
    const schemas = new Map([
      ['src_tx', [{ name: 'transaction_id', type: 'string' as const }, { name: 'customer_id', type: 'string' as const }, { name: 'total_amount', type: 'float64' as const }, { name: 'status', type: 'string' as const }]],
      ['src_cust', [{ name: 'customer_id', type: 'string' as const }, { name: 'email', type: 'string' as const }]],
    ]);
    const inputs = openInputs({ dataDir: smallDataDir(), files: graph.inputs, policy: 'reject' });
    const scans = upstreamScans({ graph, inputs, ctx: { asOf: '2024-12-31', runTimestamp: '2025-01-01 00:00:00' } }, ['int_wide', 'int_next'], schemas);
    expect(Object.fromEntries([...scans].map(([k, v]) => [k, [...v].sort()]))).toEqual({
      src_tx: ['customer_id', 'status', 'total_amount', 'transaction_id'],
      src_cust: ['customer_id'],
    });
  });
});
