/**
 * A single-session run frees frames as it goes: an input file's frame after the last model that
 * reads it, a model's frame after its last reader unless the run keeps it (`keep`).
 */
import * as path from 'path';
import { col } from '../../src/engine/expr';
import { PRODUCT_MODEL, runPipeline } from '../../src/dag/pipeline';
import { modelRegistry } from '../../src/dag/registry';
import { RunEvent } from '../../src/dag/runner';
import { fakeModel, ref, smallDataDir, source } from './fixtures';

const SAMPLE = path.join(__dirname, '..', '..', 'data', 'sample');

const srcCust = fakeModel('src_cust', 'sources', { raw: source('customers') }, ({ raw }) => raw!.select('customer_id', 'email'));
const srcTx = fakeModel('src_tx', 'sources', { raw: source('transactions') }, ({ raw }) =>
  raw!.filter(col('status').eq('completed')).select('transaction_id', 'customer_id', 'total_amount'),
);
const intJoined = fakeModel('int_joined', 'intermediates', { t: ref('src_tx'), c: ref('src_cust') }, ({ t, c }) => t!.join(c!, { on: 'customer_id' }));
const fctCust = fakeModel('fct_cust', 'facts', { c: ref('src_cust'), j: ref('int_joined') }, ({ c }) => c!);
const view = fakeModel('view_cust', 'views', { f: ref('fct_cust') });
const registry = modelRegistry([srcCust, srcTx, intJoined, fctCust, view]);

/** The model ends and releases of a run, as short lines in order. */
function steps(events: readonly RunEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.type === 'model-end') out.push(`end ${e.result.name}`);
    if (e.type === 'frame-released') out.push(`release ${e.kind} ${e.name} after ${e.after}${e.kept.length > 0 ? ` keeping ${e.kept.join(',')}` : ''}`);
  }
  return out;
}

describe('runPipeline frees frames after their last reader', () => {
  it("releases each input file after its last reader, and each model's frame after its last reader unless it is kept", async () => {
    const events: RunEvent[] = [];
    const result = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry, keep: ['view_cust'], onEvent: (e) => events.push(e) });
    expect(result.results.success).toBe(true);
    expect(steps(events)).toEqual([
      'end src_cust',
      'release input customers after src_cust',
      'end src_tx',
      'release input transactions after src_tx',
      'end int_joined',
      'release model src_tx after int_joined',
      'end fct_cust',
      'release model int_joined after fct_cust',
      'release model src_cust after fct_cust',
      'end view_cust',
      'release model fct_cust after view_cust',
    ]);
    expect(Object.keys(result.models)).toEqual(['view_cust']);
    expect(result.models.view_cust!.values('customer_id')).toEqual(['C1', 'C2', 'C3']);
  });

  it('keeps every frame by default, and the models named in keep', async () => {
    const all: RunEvent[] = [];
    const everything = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry, onEvent: (e) => all.push(e) });
    expect(Object.keys(everything.models)).toEqual(['src_cust', 'src_tx', 'int_joined', 'fct_cust', 'view_cust']);
    expect(steps(all).filter((s) => s.startsWith('release model'))).toEqual([]);

    const some: RunEvent[] = [];
    const named = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry, keep: ['int_joined', 'no_such_model'], onEvent: (e) => some.push(e) });
    expect(Object.keys(named.models)).toEqual(['int_joined']);
    expect(named.models.int_joined!.toRows()).toEqual(everything.models.int_joined!.toRows());
    expect(steps(some).filter((s) => s.startsWith('release model'))).toEqual([
      'release model src_tx after int_joined',
      'release model src_cust after fct_cust',
      'release model fct_cust after view_cust',
      'release model view_cust after view_cust',
    ]);
  });

  it('releases the frames a failed model would have read, and keeps nothing of the models skipped', async () => {
    const boom = fakeModel('int_joined', 'intermediates', { t: ref('src_tx'), c: ref('src_cust') }, () => {
      throw new Error('kaput');
    });
    const events: RunEvent[] = [];
    const result = await runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', registry: modelRegistry([srcCust, srcTx, boom, fctCust, view]), keep: 'outputs', onEvent: (e) => events.push(e) });
    expect(result.results.models.map((m) => [m.name, m.status])).toEqual([
      ['src_cust', 'success'],
      ['src_tx', 'success'],
      ['int_joined', 'error'],
      ['fct_cust', 'skipped'],
      ['view_cust', 'skipped'],
    ]);
    expect(steps(events).slice(4)).toEqual(['end int_joined', 'release model src_tx after int_joined', 'end fct_cust', 'release model src_cust after fct_cust', 'end view_cust']);
    expect(result.models).toEqual({});
  });

  it('gives the same product, results, summary and row accounting on the bundled sample when it keeps only the outputs, holding only the key columns the accounting reads', async () => {
    const options = { dataDir: SAMPLE, asOf: '2025-01-15', runTimestamp: '2025-01-15 06:00:00' };
    const all = await runPipeline(options);
    const events: RunEvent[] = [];
    const outputs = await runPipeline({ ...options, keep: 'outputs', onEvent: (e) => events.push(e) });
    expect(Object.keys(outputs.models)).toEqual([PRODUCT_MODEL]);
    expect(outputs.models[PRODUCT_MODEL]!.toRows()).toEqual(all.models[PRODUCT_MODEL]!.toRows());
    const timeless = (r: typeof all.results): unknown => ({
      ...r,
      metadata: { ...r.metadata, started_at: null, finished_at: null, elapsed_seconds: null },
      models: r.models.map((m) => ({ ...m, seconds: null })),
      inputs: r.inputs.map((i) => ({ ...i, seconds: null })),
    });
    expect(timeless(outputs.results)).toEqual(timeless(all.results));
    expect(outputs.results.inputs.every((i) => i.accounting !== undefined)).toBe(true);
    expect(outputs.summary).toEqual(all.summary);
    const productOnly = await runPipeline({ ...options, keep: ['src_products'] });
    expect(Object.keys(productOnly.models)).toEqual(['src_products']);
    expect(productOnly.summary).toEqual(all.summary);
    expect(steps(events).filter((line) => line.startsWith('release model'))).toEqual([
      'release model src_products after int_customer_transactions keeping product_id',
      'release model src_transactions after int_customer_transactions',
      'release model int_customer_transactions after fct_customer_360_profile keeping transaction_id',
      'release model src_customers after fct_customer_360_profile keeping customer_id',
      'release model src_loyalty_program after fct_customer_360_profile',
      'release model fct_customer_360_profile after customer_analytics_c360',
    ]);
  });
});
