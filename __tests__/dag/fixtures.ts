/**
 * Helpers for the DAG tests: small fake models and data folders written to temp dirs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LazyFrame } from '../../src/engine/plan';
import { InputRef, Layer, Model, RunContext, defineModel, ref, source } from '../../src/models/define';
import { INPUT_FILES } from '../../src/schema/inputs';

/** A model that reads its inputs and returns the first one (or a build of your own). */
export function fakeModel(
  name: string,
  layer: Layer,
  inputs: Record<string, InputRef> = {},
  build?: (inputs: Record<string, LazyFrame>, ctx: RunContext) => LazyFrame,
): Model {
  return defineModel({
    name,
    layer,
    grain: `one row per ${name} row`,
    key: [],
    inputs,
    build: (lazy, ctx) => (build ? build(lazy, ctx) : Object.values(lazy)[0]!),
  });
}

export { ref, source };

const made: string[] = [];

// Every test file that uses these helpers removes its temp folders when it ends.
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test file. */
export function tempDir(prefix = 'c360-dag-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes files (relative path → text) under a folder; returns the folder. */
export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return dir;
}

/** The header line of a declared input file. */
export function header(name: string): string {
  const f = INPUT_FILES.find((x) => x.name === name)!;
  return f.columns.map((c) => c.name).join(',');
}

/**
 * A small data folder with every input file: 3 customers, 4 transactions (one with a bad amount
 * on line 4 of sales/transactions.csv), and headers only elsewhere.
 */
export function smallDataDir(overrides: Record<string, string> = {}): string {
  const files: Record<string, string> = {
    'customer/customers.csv': [
      header('customers'),
      'C1,Ann,Lee,ann@x.com,555,1990-01-01,F,2020-01-01 00:00:00,Premium,online,1 Main,Seattle,WA,98101,USA',
      'C2,Bob,Ray,bob@x.com,556,1980-05-05,M,2021-01-01 00:00:00,Standard,store,2 Main,Portland,OR,97201,USA',
      'C3,Cy,Fox,,557,1970-02-02,M,2022-01-01 00:00:00,Standard,mobile,3 Main,Austin,TX,73301,USA',
    ].join('\n') + '\n',
    'customer/loyalty_program.csv': `${header('loyalty_program')}\n`,
    'customer/support_tickets.csv': `${header('support_tickets')}\n`,
    'customer/app_usage.csv': `${header('app_usage')}\n`,
    'products/products.csv': `${header('products')}\n`,
    'sales/transactions.csv': [
      header('transactions'),
      'T1,C1,2024-01-01 10:00:00,online,S1,card,10,1,0,11,USD,completed',
      'T2,C1,2024-02-01 10:00:00,store,S1,card,20,2,0,22,USD,completed',
      'T3,C2,2024-03-01 10:00:00,store,S1,cash,30,3,0,N/A,USD,completed',
      'T4,C3,2024-04-01 10:00:00,mobile,S2,card,40,4,0,44,USD,cancelled',
    ].join('\n') + '\n',
    'sales/transaction_items.csv': `${header('transaction_items')}\n`,
    ...overrides,
  };
  return writeFiles(tempDir('c360-data-'), files);
}
