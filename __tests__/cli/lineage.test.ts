import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import yargs from 'yargs';
import lineage, { lineageCommand } from '../../src/cli/commands/lineage';

/** A stream that collects what is written to it. */
function sink(): NodeJS.WritableStream & { text: string } {
  const s = { text: '', write: (chunk: string) => ((s.text += chunk), true) };
  return s as unknown as NodeJS.WritableStream & { text: string };
}

/** Parses a `c360 lineage ...` command line with the command module alone (as main.ts would); returns the error, if any. */
async function parse(args: string[]): Promise<string | null> {
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await yargs(args)
      .command(lineage)
      .strict()
      .exitProcess(false)
      .fail((msg: string | null, err: Error | undefined) => {
        throw new Error(msg ?? err?.message ?? 'failed');
      })
      .parseAsync();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    spy.mockRestore();
  }
}

describe('lineageCommand', () => {
  it('prints the graph as a Mermaid flowchart by default', () => {
    const out = sink();
    lineageCommand({ format: 'mermaid' }, out);
    expect(out.text.startsWith('flowchart LR\n')).toBe(true);
    expect(out.text).toContain('  model_fct_customer_360_profile --> model_customer_analytics_c360\n');
  });

  it('prints JSON nodes and edges', () => {
    const out = sink();
    lineageCommand({ format: 'json' }, out);
    const parsed = JSON.parse(out.text) as { nodes: { id: string }[]; edges: unknown[] };
    expect(parsed.nodes).toHaveLength(14);
    expect(parsed.edges).toHaveLength(14);
  });

  it('writes to a file with --out and says where', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'c360-lineage-')), 'lineage.svg');
    const out = sink();
    lineageCommand({ format: 'svg', out: file }, out);
    expect(fs.readFileSync(file, 'utf8').startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(out.text).toMatch(/^Wrote .*lineage\.svg \(7 models, svg\)\n$/);
  });

  it('includes the models of a users’ models folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c360-lineage-models-'));
    fs.mkdirSync(path.join(dir, 'views'));
    fs.writeFileSync(
      path.join(dir, 'views', 'vw_vip.js'),
      "module.exports = { name: 'vw_vip', layer: 'views', grain: 'one row per VIP', key: [], inputs: { p: { kind: 'model', name: 'customer_analytics_c360' } }, build: (i) => i.p };\n",
    );
    const out = sink();
    lineageCommand({ format: 'dot', models: [dir] }, out);
    expect(out.text).toContain('"model.customer_analytics_c360" -> "model.vw_vip";');
  });
});

describe('lineage command module', () => {
  it('accepts each format', async () => {
    for (const format of ['mermaid', 'dot', 'svg', 'json']) expect(await parse(['lineage', '--format', format])).toBeNull();
  });

  it('refuses an unknown format', async () => {
    expect(await parse(['lineage', '--format', 'png'])).toMatch(/Invalid values:[\s\S]*format/);
  });
});
