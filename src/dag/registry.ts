/**
 * Model discovery: every model file in the layer folders of the built-in models root and of the
 * users' models folders, found without a hand-kept list. Returns a value; nothing global.
 */
import * as fs from 'fs';
import * as path from 'path';
import { C360Error } from '../errors';
import { LAYERS, Layer, Model } from '../models/define';

/** A model together with where it came from. */
export interface DiscoveredModel {
  readonly model: Model;
  /** The file that declared it (absolute), or a label such as `<inline>` for models given as values. */
  readonly file: string;
  /** True for the models that ship with c360. */
  readonly builtIn: boolean;
}

/** The models a run may use, in layer order then name order. */
export interface ModelRegistry {
  readonly models: readonly DiscoveredModel[];
}

/** Where to look for models. */
export interface DiscoverOptions {
  /** Users' models folders, laid out like the built-in one (`DIR/<layer>/*.js`). */
  readonly modelDirs?: readonly string[];
  /** Include the models that ship with c360 (default true). */
  readonly builtIn?: boolean;
}

/** The folder of the built-in models (`src/models` under ts-node/jest, `dist/models` when compiled). */
export const BUILT_IN_MODELS_ROOT = path.join(__dirname, '..', 'models');

const RUNNING_FROM_TS = __filename.endsWith('.ts');

/**
 * Finds every model in the built-in models folder and the given users' folders.
 * @example discoverModels({ modelDirs: ['./my_models'] }).models.map((m) => m.model.name)
 */
export function discoverModels(options: DiscoverOptions = {}): ModelRegistry {
  const found: DiscoveredModel[] = [];
  if (options.builtIn !== false) found.push(...scanRoot(BUILT_IN_MODELS_ROOT, true));
  for (const dir of options.modelDirs ?? []) {
    const root = path.resolve(dir);
    if (!isDirectory(root)) throw new C360Error(`models folder not found: ${dir}`);
    const models = scanRoot(root, false);
    if (models.length === 0) throw new C360Error(`no model files in ${dir} (expected files in its layer folders: ${LAYERS.join(', ')})`);
    found.push(...models);
  }
  return registryOf(found);
}

/**
 * A registry of models given as values (for tests and notebooks); names must be unique.
 * @example modelRegistry([srcA, fctB])
 */
export function modelRegistry(models: readonly Model[]): ModelRegistry {
  return registryOf(models.map((model) => ({ model: checkModel(model, `<model ${String(model.name)}>`, null), file: `<inline ${model.name}>`, builtIn: false })));
}

function registryOf(found: readonly DiscoveredModel[]): ModelRegistry {
  const byName = new Map<string, DiscoveredModel>();
  for (const d of found) {
    const prior = byName.get(d.model.name);
    if (prior !== undefined) {
      const what = prior.builtIn && !d.builtIn ? `the user model in ${d.file} has the name of the built-in model in ${prior.file}` : `${prior.file} and ${d.file} both declare it`;
      throw new C360Error(`two models are named ${d.model.name}: ${what}; rename one of them`);
    }
    byName.set(d.model.name, d);
  }
  const models = [...byName.values()].sort((a, b) => LAYERS.indexOf(a.model.layer) - LAYERS.indexOf(b.model.layer) || compareNames(a.model.name, b.model.name));
  return { models };
}

/**
 * Orders names alphabetically with digit runs compared as numbers (`2_x` before `10_x`).
 * Code-unit order otherwise, so the result does not depend on the locale.
 */
export function compareNames(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = BigInt(x);
      const ny = BigInt(y);
      if (nx !== ny) return nx < ny ? -1 : 1;
      if (x.length !== y.length) return x.length - y.length;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Model files of one folder: `.js`/`.ts` (not `.d.ts`, tests, maps, or names starting with `_` or `.`); one per stem. */
export function modelFiles(dir: string): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile());
  const byStem = new Map<string, string>();
  for (const e of entries.map((x) => x.name).sort()) {
    const m = /^(.*)\.(js|ts|cjs|cts)$/.exec(e);
    if (m === null) continue;
    const stem = m[1]!;
    if (e.endsWith('.d.ts') || e.endsWith('.d.cts') || /\.(test|spec)$/.test(stem) || stem.startsWith('_') || stem.startsWith('.')) continue;
    const prior = byStem.get(stem);
    // A folder with both x.js and x.ts (a compiled-in-place project): take the one this process runs.
    if (prior === undefined || isTs(e) === RUNNING_FROM_TS) byStem.set(stem, e);
  }
  return [...byStem.values()].map((f) => path.join(dir, f));
}

function isTs(file: string): boolean {
  return file.endsWith('.ts') || file.endsWith('.cts');
}

function scanRoot(root: string, builtIn: boolean): DiscoveredModel[] {
  const out: DiscoveredModel[] = [];
  for (const layer of LAYERS) {
    const dir = path.join(root, layer);
    if (!isDirectory(dir)) continue;
    for (const file of modelFiles(dir)) out.push({ model: loadModelFile(file, layer), file, builtIn });
  }
  return out;
}

/** Requires a model file and checks its default export. */
export function loadModelFile(file: string, layer: Layer | null): Model {
  if (isTs(file)) enableTypeScript(file);
  let mod: unknown;
  try {
    mod = require(file) as unknown;
  } catch (e) {
    throw new C360Error(`cannot load model file ${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, { cause: e });
  }
  const exported = isObject(mod) && 'default' in mod ? mod.default : mod;
  return checkModel(exported, file, layer);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** Checks that a value is a model definition (and in the expected layer); returns it typed. */
export function checkModel(x: unknown, where: string, layer: Layer | null): Model {
  const bad = (what: string): never => {
    throw new C360Error(`${where} does not export a model: ${what} (declare it with \`export default defineModel({...})\`)`);
  };
  if (!isObject(x)) return bad('its default export is not an object');
  if (typeof x.name !== 'string' || !/^[A-Za-z0-9_]+$/.test(x.name)) return bad('`name` must be letters, digits and underscores');
  if (typeof x.layer !== 'string' || !(LAYERS as readonly string[]).includes(x.layer)) return bad(`\`layer\` must be one of ${LAYERS.join(', ')}`);
  if (layer !== null && x.layer !== layer) {
    throw new C360Error(`${where}: model ${x.name} declares layer ${x.layer} but its file is in the ${layer} folder; move the file or fix the layer`);
  }
  if (typeof x.grain !== 'string' || x.grain.trim() === '') return bad('`grain` must say what one row is');
  if (!Array.isArray(x.key) || !x.key.every((k) => typeof k === 'string')) return bad('`key` must be a list of column names');
  if (!isObject(x.inputs)) return bad('`inputs` must be an object of source(...) and ref(...)');
  for (const [alias, r] of Object.entries(x.inputs)) {
    if (!isObject(r) || (r.kind !== 'source' && r.kind !== 'model') || typeof r.name !== 'string') return bad(`input "${alias}" is not a source(...) or ref(...)`);
  }
  if (typeof x.build !== 'function') return bad('`build` must be a function');
  return x as unknown as Model;
}

/** Lets `require` load a TypeScript model file (ts-node, transpile only), or explains what is missing. */
function enableTypeScript(file: string): void {
  if (RUNNING_FROM_TS) return; // already under ts-node or jest: .ts files load
  if (require.extensions['.ts'] !== undefined) return;
  let register: ((opts: Record<string, unknown>) => unknown) | null = null;
  try {
    const tsNode = require('ts-node') as { register?: (opts: Record<string, unknown>) => unknown };
    register = tsNode.register ?? null;
  } catch {
    register = null;
  }
  if (register === null) throw new C360Error(`model file ${file} is TypeScript: install ts-node next to c360 or compile your models to .js`);
  register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
}
