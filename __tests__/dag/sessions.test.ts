import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from '../../src/errors';
import { runPipeline } from '../../src/dag/pipeline';
import { RunEvent } from '../../src/dag/runner';
import { smallDataDir, tempDir, writeFiles } from './fixtures';

/** A users' models folder of plain .js models; fct_f throws while `marker` exists. */
function modelsDir(marker: string): string {
  const model = (name: string, layer: string, inputs: string, build: string): string =>
    `exports.default = { name: '${name}', layer: '${layer}', grain: 'one row per ${name} row', key: [], inputs: ${inputs}, build: ${build} };\n`;
  return writeFiles(tempDir('c360-models-'), {
    'sources/src_c.js': model('src_c', 'sources', "{ raw: { kind: 'source', name: 'customers' } }", "({ raw }) => raw.select('customer_id', 'email')"),
    'sources/src_t.js': model('src_t', 'sources', "{ raw: { kind: 'source', name: 'transactions' } }", "({ raw }) => raw.select('transaction_id', 'customer_id', 'total_amount')"),
    'facts/fct_f.js': model(
      'fct_f',
      'facts',
      "{ t: { kind: 'model', name: 'src_t' }, c: { kind: 'model', name: 'src_c' } }",
      `({ t, c }) => { if (require('fs').existsSync(${JSON.stringify(marker)})) throw new Error('marker present'); return t.join(c, { on: 'customer_id' }).sort('transaction_id'); }`,
    ),
    'views/v_out.js': model('v_out', 'views', "{ f: { kind: 'model', name: 'fct_f' } }", "({ f }) => f.select('transaction_id', 'email', 'total_amount')"),
  });
}

const rowsOf = (models: Record<string, { toRows(): unknown }>) => Object.fromEntries(Object.entries(models).map(([k, v]) => [k, v.toRows()]));
const stable = (r: { name: string; status: string; rows_in: number | null; rows_out: number | null; cause?: string }) => [r.name, r.status, r.rows_in, r.rows_out, r.cause];

describe('runPipeline with separate sessions', () => {
  it('gives the same models, results and rejects as a single session', async () => {
    const data = smallDataDir();
    const models = modelsDir(path.join(tempDir(), 'absent'));
    const base = { dataDir: data, asOf: '2024-12-31', runTimestamp: '2025-01-01 00:00:00', modelDirs: [models], builtInModels: false };
    const single = await runPipeline(base);
    const events: RunEvent[] = [];
    const work = path.join(tempDir(), 'work');
    const separate = await runPipeline({ ...base, separateSessions: true, workDir: work, onEvent: (e) => events.push(e) });
    expect(separate.results.metadata.mode).toBe('separate-sessions');
    expect(rowsOf(separate.models)).toEqual(rowsOf(single.models));
    expect(Object.keys(separate.models)).toEqual(['src_c', 'src_t', 'fct_f', 'v_out']);
    expect(separate.results.models.map(stable)).toEqual(single.results.models.map(stable));
    expect(separate.results.inputs.map((i) => [i.file, i.rows_read, i.rows_rejected])).toEqual(single.results.inputs.map((i) => [i.file, i.rows_read, i.rows_rejected]));
    expect(separate.rejects).toEqual(single.rejects);
    expect(fs.readdirSync(path.join(work, 'facts')).sort()).toEqual(['fct_f.c360', 'job.json', 'result.json']);
    expect(events.filter((e) => e.type === 'layer-empty').map((e) => 'layer' in e && e.layer)).toEqual(['dimensions', 'intermediates']);
    expect(events.filter((e) => e.type === 'model-end')).toHaveLength(4);
  });

  it("frees each upstream frame in a layer's process after its last reader there, keeping only the layer's outputs", async () => {
    const models = modelsDir(path.join(tempDir(), 'absent'));
    const events: RunEvent[] = [];
    const base = { dataDir: smallDataDir(), asOf: '2024-12-31', runTimestamp: '2025-01-01 00:00:00', modelDirs: [models], builtInModels: false };
    const separate = await runPipeline({ ...base, separateSessions: true, workDir: path.join(tempDir(), 'work'), onEvent: (e) => events.push(e) });
    expect(separate.results.success).toBe(true);
    const released = events.flatMap((e) => (e.type === 'frame-released' ? [`${e.kind} ${e.name} after ${e.after}`] : []));
    expect(released).toEqual(['input customers after src_c', 'input transactions after src_t', 'model src_c after fct_f', 'model src_t after fct_f', 'model fct_f after v_out']);
  });

  it('gives the same product, summary and row accounting as a single session on the bundled sample, from the kept input columns the layers wrote', async () => {
    const options = { dataDir: path.join(__dirname, '..', '..', 'data', 'sample'), asOf: '2025-01-15', runTimestamp: '2025-01-15 06:00:00', keep: 'outputs' as const };
    const single = await runPipeline(options);
    const work = path.join(tempDir(), 'work');
    const separate = await runPipeline({ ...options, separateSessions: true, workDir: work });
    const accounting = (r: typeof single.results): unknown => r.inputs.map((i) => [i.file, i.accounting]);
    expect(separate.models.customer_analytics_c360!.toRows()).toEqual(single.models.customer_analytics_c360!.toRows());
    expect(separate.summary).toEqual(single.summary);
    expect(single.results.inputs.every((i) => i.accounting !== undefined)).toBe(true);
    expect(accounting(separate.results)).toEqual(accounting(single.results));
    expect(fs.readdirSync(path.join(work, 'intermediates')).filter((f) => f.startsWith('input-'))).toEqual(['input-transaction_items.c360']);
    // A work folder whose layers did not write the kept columns: the files are read again.
    for (const layer of ['sources', 'intermediates', 'facts', 'views']) {
      const result = path.join(work, layer, 'result.json');
      const outcome = JSON.parse(fs.readFileSync(result, 'utf8')) as { retained?: unknown };
      delete outcome.retained;
      fs.writeFileSync(result, JSON.stringify(outcome));
    }
    const resumed = await runPipeline({ ...options, separateSessions: true, workDir: work, resume: true });
    expect(resumed.results.metadata.resumed_from).toBeNull();
    expect(accounting(resumed.results)).toEqual(accounting(single.results));
  });

  it('reads back only the outputs the caller keeps', async () => {
    const models = modelsDir(path.join(tempDir(), 'absent'));
    const base = { dataDir: smallDataDir(), asOf: '2024-12-31', runTimestamp: '2025-01-01 00:00:00', modelDirs: [models], builtInModels: false };
    const single = await runPipeline(base);
    const separate = await runPipeline({ ...base, separateSessions: true, workDir: path.join(tempDir(), 'work'), keep: ['v_out'] });
    expect(separate.results.success).toBe(true);
    expect(Object.keys(separate.models)).toEqual(['v_out']);
    expect(separate.models.v_out!.toRows()).toEqual(single.models.v_out!.toRows());
  });

  it('resumes from the first failed layer, reusing the outputs of the layers before it', async () => {
    const data = smallDataDir();
    const marker = path.join(tempDir(), 'fail-now');
    fs.writeFileSync(marker, '');
    const models = modelsDir(marker);
    const work = path.join(tempDir(), 'work');
    const base = { dataDir: data, asOf: '2024-12-31', modelDirs: [models], builtInModels: false, workDir: work };
    const failed = await runPipeline({ ...base, separateSessions: true });
    expect(failed.results.success).toBe(false);
    expect(failed.results.models.map((m) => [m.name, m.status, m.cause ?? m.error ?? null])).toEqual([
      ['src_c', 'success', null],
      ['src_t', 'success', null],
      ['fct_f', 'error', 'Error: marker present'],
      ['v_out', 'skipped', 'fct_f'],
    ]);

    fs.rmSync(marker);
    const events: RunEvent[] = [];
    const resumed = await runPipeline({ ...base, resume: true, onEvent: (e) => events.push(e) });
    expect(resumed.results.success).toBe(true);
    expect(resumed.results.metadata.resumed_from).toBe('facts');
    expect(resumed.results.metadata.run_timestamp).toBe(failed.results.metadata.run_timestamp);
    expect(resumed.results.models.map((m) => [m.name, m.status, m.reused === true])).toEqual([
      ['src_c', 'success', true],
      ['src_t', 'success', true],
      ['fct_f', 'success', false],
      ['v_out', 'success', false],
    ]);
    expect(events.filter((e) => e.type === 'layer-reused').map((e) => 'layer' in e && e.layer)).toEqual(['sources']);
    expect(events.filter((e) => e.type === 'layer-start').map((e) => 'layer' in e && e.layer)).toEqual(['facts', 'views']);
    expect(resumed.models.v_out!.values('transaction_id')).toEqual(['T1', 'T2', 'T4']);
    expect(resumed.results.inputs.map((i) => i.file)).toEqual(['customer/customers.csv', 'sales/transactions.csv']);

    await expect(runPipeline({ ...base, asOf: '2025-01-01', resume: true })).rejects.toThrow(
      `cannot resume: the previous run in ${work} used as_of "2024-12-31", this one "2025-01-01"`,
    );
  });

  it('refuses to resume when the work folder holds no previous run', async () => {
    const run = runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', modelDirs: [modelsDir('/nonexistent')], builtInModels: false, workDir: tempDir(), resume: true });
    await expect(run).rejects.toThrow(UsageError);
  });

  it('stops the run with the layer process error for a bad row under --bad-rows fail', async () => {
    const run = runPipeline({ dataDir: smallDataDir(), asOf: '2024-12-31', modelDirs: [modelsDir('/nonexistent')], builtInModels: false, workDir: tempDir(), separateSessions: true, badRows: 'fail' });
    await expect(run).rejects.toThrow('sales/transactions.csv:4:total_amount: expected a decimal, got "N/A"');
  });
});

