import * as path from 'path';
import { C360Error } from '../../src/errors';
import { BUILT_IN_MODELS_ROOT, discoverModels, modelFiles } from '../../src/dag/registry';
import { tempDir, writeFiles } from './fixtures';

/** A model file in plain CommonJS that needs nothing from c360. */
function jsModel(name: string, layer: string, inputs: string, build = '(inputs) => Object.values(inputs)[0]'): string {
  return `exports.default = { name: '${name}', layer: '${layer}', grain: 'one row per thing', key: [], inputs: ${inputs}, build: ${build} };\n`;
}

describe('discoverModels', () => {
  it('finds the built-in models in their layer folders, with dimensions empty', () => {
    const { models } = discoverModels();
    const names = models.map((m) => `${m.model.layer}/${m.model.name}`);
    expect(names).toEqual([
      'sources/src_customers',
      'sources/src_loyalty_program',
      'sources/src_products',
      'sources/src_transactions',
      'intermediates/int_customer_transactions',
      'facts/fct_customer_360_profile',
      'views/customer_analytics_c360',
    ]);
    expect(models.every((m) => m.builtIn && m.file.startsWith(BUILT_IN_MODELS_ROOT))).toBe(true);
  });

  it("adds the models of a user's folder written as .js files", () => {
    const dir = writeFiles(tempDir(), {
      'dimensions/dim_city.js': jsModel('dim_city', 'dimensions', "{ c: { kind: 'model', name: 'src_customers' } }"),
      'views/my_view.js': jsModel('my_view', 'views', "{ d: { kind: 'model', name: 'dim_city' } }"),
    });
    const { models } = discoverModels({ modelDirs: [dir] });
    const mine = models.filter((m) => !m.builtIn);
    expect(mine.map((m) => m.model.name)).toEqual(['dim_city', 'my_view']);
    expect(mine[0]!.file).toBe(path.join(dir, 'dimensions', 'dim_city.js'));
    expect(models.map((m) => m.model.name).indexOf('dim_city')).toBe(4); // after the four sources
  });

  it('discovers only user models when the built-in ones are left out', () => {
    const dir = writeFiles(tempDir(), { 'sources/src_a.js': jsModel('src_a', 'sources', "{ raw: { kind: 'source', name: 'customers' } }") });
    expect(discoverModels({ modelDirs: [dir], builtIn: false }).models.map((m) => m.model.name)).toEqual(['src_a']);
  });

  it('skips declaration files, tests, maps and files starting with an underscore', () => {
    const dir = writeFiles(tempDir(), {
      'sources/src_a.js': '',
      'sources/src_a.js.map': '',
      'sources/src_a.d.ts': '',
      'sources/src_a.test.js': '',
      'sources/_helpers.js': '',
      'sources/notes.md': '',
    });
    expect(modelFiles(path.join(dir, 'sources')).map((f) => path.basename(f))).toEqual(['src_a.js']);
  });

  it('rejects a user model with the name of a built-in one, naming both files', () => {
    const dir = writeFiles(tempDir(), { 'sources/src_customers.js': jsModel('src_customers', 'sources', "{ raw: { kind: 'source', name: 'customers' } }") });
    const run = () => discoverModels({ modelDirs: [dir] });
    expect(run).toThrow(C360Error);
    expect(run).toThrow(
      `two models are named src_customers: the user model in ${path.join(dir, 'sources', 'src_customers.js')} has the name of the built-in model in ${path.join(BUILT_IN_MODELS_ROOT, 'sources', 'src_customers')}`,
    );
  });

  it('rejects a file that does not export a model, or one in the wrong layer folder', () => {
    const notModel = writeFiles(tempDir(), { 'facts/x.js': 'exports.default = { name: "x" };\n' });
    expect(() => discoverModels({ modelDirs: [notModel], builtIn: false })).toThrow(`${path.join(notModel, 'facts', 'x.js')} does not export a model: \`layer\` must be one of`);
    const misplaced = writeFiles(tempDir(), { 'facts/src_y.js': jsModel('src_y', 'sources', '{}') });
    expect(() => discoverModels({ modelDirs: [misplaced], builtIn: false })).toThrow('model src_y declares layer sources but its file is in the facts folder');
  });

  it('accepts a module that exports the model itself (module.exports = model)', () => {
    const dir = writeFiles(tempDir(), { 'sources/src_b.js': jsModel('src_b', 'sources', "{ raw: { kind: 'source', name: 'customers' } }").replace('exports.default =', 'module.exports =') });
    expect(discoverModels({ modelDirs: [dir], builtIn: false }).models[0]!.model.name).toBe('src_b');
  });

  it('rejects a missing models folder', () => {
    expect(() => discoverModels({ modelDirs: ['/nonexistent/models'] })).toThrow('models folder not found: /nonexistent/models');
  });
});
