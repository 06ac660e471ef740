/** Test helpers: run the generator into a temporary folder and read its files back. */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Papa from 'papaparse';
import { generate, GENERATED_FILES, GeneratedFileName, relativePath } from '../../src/generate';
import type { GenerateOptions, GenerateResult } from '../../src/generate';

/** One parsed CSV file: header and rows, as strings. */
export interface Table {
  readonly header: string[];
  readonly rows: string[][];
  /** Parse errors reported by papaparse. */
  readonly errors: string[];
  readonly text: string;
}

/** A generated data set, read back. */
export interface Generated {
  readonly dir: string;
  readonly result: GenerateResult;
  readonly tables: Record<GeneratedFileName, Table>;
}

/** A new empty temporary folder. */
export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `c360-gen-${label}-`));
}

/** Parses CSV text strictly enough for the tests (papaparse, no header handling). */
export function parseCsv(text: string): Table {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter: ',', newline: '\n' });
  const [header = [], ...rows] = parsed.data;
  return { header, rows, errors: parsed.errors.map((e) => `${e.code} row ${e.row}: ${e.message}`), text };
}

/** Generates into a new temporary folder and reads every file back. */
export async function generateAndRead(label: string, options: Omit<GenerateOptions, 'outDir'>): Promise<Generated> {
  const dir = tempDir(label);
  const result = await generate({ ...options, outDir: dir });
  const tables = {} as Record<GeneratedFileName, Table>;
  for (const file of GENERATED_FILES) tables[file] = parseCsv(fs.readFileSync(path.join(dir, relativePath(file)), 'utf8'));
  return { dir, result, tables };
}

/** SHA-256 of every generated file, keyed by relative path. */
export function hashFiles(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of GENERATED_FILES) {
    const rel = relativePath(file);
    hashes[rel] = createHash('sha256').update(fs.readFileSync(path.join(dir, rel))).digest('hex');
  }
  return hashes;
}

/** Column accessor: the values of one column of a table. */
export function column(table: Table, name: string): string[] {
  const at = table.header.indexOf(name);
  if (at < 0) throw new Error(`no column ${name}`);
  return table.rows.map((r) => r[at] ?? '');
}

/** A function reading a named field of a row of `table`. */
export function field(table: Table): (row: string[], name: string) => string {
  const index = new Map(table.header.map((h, i) => [h, i] as const));
  return (row, name) => {
    const at = index.get(name);
    if (at === undefined) throw new Error(`no column ${name}`);
    return row[at] ?? '';
  };
}

/** Whole days from `from` (YYYY-MM-DD...) to `to` (YYYY-MM-DD), by UTC calendar dates. */
export function daysBetween(from: string, to: string): number {
  const a = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const b = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
  return Math.round((b - a) / 86400000);
}

/** True when the text is a real calendar date YYYY-MM-DD. */
export function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** True when the text is a real timestamp YYYY-MM-DD HH:MM:SS. */
export function isRealTimestamp(text: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  return m !== null && isRealDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 60;
}

/** True when the text is a plain decimal with exactly `places` decimals. */
export function isDecimal(text: string, places: number): boolean {
  return new RegExp(`^-?\\d+\\.\\d{${places}}$`).test(text);
}

/** The bands of the spec's segments that occur in a data set (computed with plain code, not the pipeline). */
export interface Bands {
  readonly status: Set<string>;
  readonly recency: Set<number>;
  readonly frequency: Set<number>;
  readonly monetary: Set<number>;
  readonly valueSegment: Set<string>;
  readonly generation: Set<string>;
  readonly tenure: Set<string>;
}

/** Which customer status, score bands, value segments, generations and tenure segments occur at `asOf`. */
export function bands(tables: Record<GeneratedFileName, Table>, asOf: string): Bands {
  const tx = field(tables.transactions);
  const spend = new Map<string, number>();
  const count = new Map<string, number>();
  const last = new Map<string, string>();
  for (const r of tables.transactions.rows) {
    if (r.length !== tables.transactions.header.length || tx(r, 'status') !== 'completed') continue;
    const id = tx(r, 'customer_id');
    const day = tx(r, 'transaction_date').slice(0, 10);
    const amount = Number(tx(r, 'total_amount'));
    if (!isRealDate(day) || Number.isNaN(amount)) continue;
    spend.set(id, (spend.get(id) ?? 0) + amount);
    count.set(id, (count.get(id) ?? 0) + 1);
    if ((last.get(id) ?? '') < day) last.set(id, day);
  }
  const result: Bands = {
    status: new Set(),
    recency: new Set(),
    frequency: new Set(),
    monetary: new Set(),
    valueSegment: new Set(),
    generation: new Set(),
    tenure: new Set(),
  };
  const cu = field(tables.customers);
  for (const row of tables.customers.rows) {
    const id = cu(row, 'customer_id');
    if (id === '') continue;
    const l = last.get(id);
    const r = l === undefined ? undefined : daysBetween(l, asOf);
    result.status.add(r === undefined ? 'Never Purchased' : r <= 30 ? 'Active' : r <= 90 ? 'At Risk' : 'Churned');
    result.recency.add(r === undefined ? 0 : r <= 30 ? 5 : r <= 60 ? 4 : r <= 90 ? 3 : r <= 180 ? 2 : 1);
    const n = count.get(id) ?? 0;
    result.frequency.add(n === 0 ? 1 : n >= 10 ? 5 : n >= 5 ? 4 : n >= 3 ? 3 : 2);
    const s = spend.get(id) ?? 0;
    result.monetary.add(s === 0 ? 0 : s >= 1000 ? 5 : s >= 500 ? 4 : s >= 200 ? 3 : s >= 50 ? 2 : 1);
    const dob = cu(row, 'date_of_birth');
    if (isRealDate(dob)) {
      const age = daysBetween(dob, asOf) / 365.25;
      result.generation.add(age < 25 ? 'Gen Z' : age < 40 ? 'Millennial' : age < 55 ? 'Gen X' : 'Boomer+');
    }
    const t = daysBetween(cu(row, 'registration_date').slice(0, 10), asOf);
    result.tenure.add(t <= 30 ? 'New' : t <= 90 ? 'Recent' : t <= 365 ? 'Established' : 'Veteran');
  }
  for (const v of column(tables.loyalty_program, 'lifetime_value').map(Number)) {
    if (!Number.isNaN(v)) result.valueSegment.add(v < 1000 ? 'Low Value' : v < 5000 ? 'Medium Value' : v < 10000 ? 'High Value' : 'VIP');
  }
  return result;
}

/** Every band, as `bands` returns them when all occur. */
export const ALL_BANDS = {
  status: ['Active', 'At Risk', 'Churned', 'Never Purchased'],
  recency: [0, 1, 2, 3, 4, 5],
  frequency: [1, 2, 3, 4, 5],
  monetary: [0, 1, 2, 3, 4, 5],
  valueSegment: ['High Value', 'Low Value', 'Medium Value', 'VIP'],
  generation: ['Boomer+', 'Gen X', 'Gen Z', 'Millennial'],
  tenure: ['Established', 'New', 'Recent', 'Veteran'],
} as const;

/** The bands as sorted arrays, to compare with ALL_BANDS. */
export function sortedBands(b: Bands): Record<keyof Bands, (string | number)[]> {
  const sort = (s: Set<string> | Set<number>): (string | number)[] => [...s].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return {
    status: sort(b.status),
    recency: sort(b.recency),
    frequency: sort(b.frequency),
    monetary: sort(b.monetary),
    valueSegment: sort(b.valueSegment),
    generation: sort(b.generation),
    tenure: sort(b.tenure),
  };
}
