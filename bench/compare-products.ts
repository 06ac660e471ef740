/**
 * Cell-by-cell comparison of two product CSV files, for the pipeline benchmark: no engine wins by
 * computing less (or differently).
 *
 *   node -r ts-node/register/transpile-only bench/compare-products.ts A.csv B.csv [--key customer_id]
 *        [--ignore profile_created_at,view_accessed_at] [--rel 1e-9]
 *
 * Rows are matched by the key column (so row order does not matter; a key seen twice is reported).
 * The headers must be equal, in order. Two cells are equal when:
 * - their texts are equal; or
 * - both are empty (null; an empty string and a null read the same in CSV); or
 * - both are numbers within `rel` of each other, relative to the larger magnitude (summation order
 *   differs between engines), unless either text has a leading zero (`02101` is a string, not 2101);
 * - both are timestamps equal after `T` → space and dropping a zero fraction;
 * - both are text equal after removing the spreadsheet-safety quote (`'=x` → `=x`), counted apart
 *   as a writer difference.
 * The run-timestamp columns are ignored by default. Streams file A into a map of its rows (one
 * string per row), then streams B against it: memory is about the size of file A.
 */
import * as fs from 'fs';
import { StringDecoder } from 'string_decoder';

/** Options of `compareProducts`. */
export interface CompareOptions {
  /** The key column (default customer_id). */
  readonly key?: string;
  /** Columns not compared (default the two run timestamps). */
  readonly ignore?: readonly string[];
  /** Relative tolerance of numbers (default 1e-9). */
  readonly rel?: number;
  /** How many differing cells to describe (default 10). */
  readonly maxExamples?: number;
}

/** What `compareProducts` found. */
export interface CompareResult {
  /** True when the headers, the keys and every compared cell are equal. */
  readonly equal: boolean;
  readonly rowsA: number;
  readonly rowsB: number;
  readonly columns: number;
  /** Null when the headers are equal, else what differs. */
  readonly headerDifference: string | null;
  readonly duplicateKeysA: number;
  readonly duplicateKeysB: number;
  /** Keys in A only, and in B only. */
  readonly onlyInA: number;
  readonly onlyInB: number;
  readonly cellsCompared: number;
  /** Cells whose texts were identical. */
  readonly cellsIdentical: number;
  /** Cells equal as numbers within the tolerance but written differently (e.g. `12` and `12.0`, or the last digit). */
  readonly cellsNumericTolerance: number;
  /** Largest relative difference among numeric cells that were not identical. */
  readonly maxRelativeDifference: number;
  /** Cells equal only after the timestamp or spreadsheet-quote normalisation. */
  readonly cellsNormalised: number;
  readonly cellsDiffering: number;
  /** Differing cells per column. */
  readonly differingByColumn: Record<string, number>;
  readonly examples: readonly string[];
  readonly ignored: readonly string[];
}

/** Yields the records of a CSV file (RFC 4180: quoted fields may hold commas, quotes, line breaks). */
export async function* csvRecords(file: string): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotePending = false; // a quote seen inside quotes: either an escaped quote or the end
  let rowHasData = false;
  let first = true;
  const out: string[][] = [];
  const consume = (text: string): void => {
    let i = 0;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) i = 1;
      first = false;
    }
    const n = text.length;
    while (i < n) {
      if (inQuotes) {
        if (quotePending) {
          quotePending = false;
          if (text.charCodeAt(i) === 34) {
            field += '"';
            i++;
            continue;
          }
          inQuotes = false;
          continue; // re-read this character outside quotes
        }
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          i = n;
        } else {
          field += text.slice(i, q);
          quotePending = true;
          i = q + 1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 44) {
        fields.push(field);
        field = '';
        rowHasData = true;
        i++;
      } else if (c === 10) {
        if (rowHasData || field !== '') {
          fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
          out.push(fields);
        }
        fields = [];
        field = '';
        rowHasData = false;
        i++;
      } else if (c === 34 && field === '') {
        inQuotes = true;
        rowHasData = true;
        i++;
      } else {
        // A run of plain characters up to the next comma, line feed or quote.
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 44 || d === 10) break;
          j++;
        }
        field += text.slice(i, j);
        i = j;
      }
    }
  };
  for await (const chunk of stream) {
    consume(decoder.write(chunk as Buffer));
    while (out.length > 0) yield out.shift()!;
  }
  consume(decoder.end());
  if (quotePending) inQuotes = false;
  if (rowHasData || field !== '') {
    fields.push(field);
    out.push(fields);
  }
  while (out.length > 0) yield out.shift()!;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const LEADING_ZERO = /^[+-]?0\d/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/;
const SAFE_QUOTED = /^'[=+\-@]/;
/** Field separator inside a stored row (never in CSV text of these products). */
const SEP = '\u0001';

function timestampKey(s: string): string | null {
  const m = TIMESTAMP.exec(s);
  if (m === null) return null;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return `${m[1]} ${m[2]}${frac === '.' ? '' : frac}`;
}

type CellVerdict = 'identical' | 'numeric' | 'normalised' | 'different';

function compareCell(a: string, b: string, rel: number, maxRel: { value: number }): CellVerdict {
  if (a === b) return 'identical';
  if (NUMBER.test(a) && NUMBER.test(b) && !LEADING_ZERO.test(a) && !LEADING_ZERO.test(b)) {
    const x = Number(a);
    const y = Number(b);
    const scale = Math.max(Math.abs(x), Math.abs(y));
    const d = scale === 0 ? 0 : Math.abs(x - y) / scale;
    if (d <= rel) {
      if (d > maxRel.value) maxRel.value = d;
      return 'numeric';
    }
    return 'different';
  }
  const ta = timestampKey(a);
  if (ta !== null && ta === timestampKey(b)) return 'normalised';
  const ua = SAFE_QUOTED.test(a) ? a.slice(1) : a;
  const ub = SAFE_QUOTED.test(b) ? b.slice(1) : b;
  if (ua === ub) return 'normalised';
  return 'different';
}

/**
 * Compares two product CSV files cell by cell, rows matched by key.
 * @example const r = await compareProducts('c360/customer_analytics_c360.csv', 'duckdb/customer_analytics_c360.csv');
 */
export async function compareProducts(fileA: string, fileB: string, options: CompareOptions = {}): Promise<CompareResult> {
  const keyName = options.key ?? 'customer_id';
  const ignore = options.ignore ?? ['profile_created_at', 'view_accessed_at'];
  const rel = options.rel ?? 1e-9;
  const maxExamples = options.maxExamples ?? 10;
  const examples: string[] = [];

  const rowsOfA = new Map<string, string>();
  let headerA: string[] = [];
  let rowsA = 0;
  let duplicateKeysA = 0;
  let keyIndex = -1;
  for await (const rec of csvRecords(fileA)) {
    if (rowsA === 0 && headerA.length === 0) {
      headerA = rec;
      keyIndex = headerA.indexOf(keyName);
      if (keyIndex < 0) throw new Error(`${fileA}: no key column ${keyName}`);
      continue;
    }
    rowsA++;
    const key = rec[keyIndex] ?? '';
    if (rowsOfA.has(key)) duplicateKeysA++;
    else rowsOfA.set(key, rec.join(SEP));
  }

  let headerB: string[] = [];
  let rowsB = 0;
  let duplicateKeysB = 0;
  let onlyInB = 0;
  let cellsCompared = 0;
  let cellsIdentical = 0;
  let cellsNumericTolerance = 0;
  let cellsNormalised = 0;
  let cellsDiffering = 0;
  const maxRel = { value: 0 };
  const differingByColumn: Record<string, number> = {};
  const seenB = new Set<string>();
  let headerDifference: string | null = null;
  let compareCols: number[] = [];
  let bIndexOf: number[] = [];
  let keyIndexB = -1;
  for await (const rec of csvRecords(fileB)) {
    if (headerB.length === 0) {
      headerB = rec;
      keyIndexB = headerB.indexOf(keyName);
      if (keyIndexB < 0) throw new Error(`${fileB}: no key column ${keyName}`);
      if (headerA.join(',') !== headerB.join(',')) {
        const missing = headerA.filter((c) => !headerB.includes(c));
        const extra = headerB.filter((c) => !headerA.includes(c));
        headerDifference = `columns differ: only in A [${missing.join(', ')}], only in B [${extra.join(', ')}]${missing.length === 0 && extra.length === 0 ? ' (same columns, another order)' : ''}`;
      }
      compareCols = headerA.map((_, i) => i).filter((i) => !ignore.includes(headerA[i]!) && headerB.includes(headerA[i]!));
      bIndexOf = headerA.map((c) => headerB.indexOf(c));
      continue;
    }
    rowsB++;
    const key = rec[keyIndexB] ?? '';
    if (seenB.has(key)) {
      duplicateKeysB++;
      continue;
    }
    seenB.add(key);
    const stored = rowsOfA.get(key);
    if (stored === undefined) {
      onlyInB++;
      if (examples.length < maxExamples) examples.push(`key ${key}: only in B`);
      continue;
    }
    const recA = stored.split(SEP);
    for (const i of compareCols) {
      const a = recA[i] ?? '';
      const b = rec[bIndexOf[i]!] ?? '';
      cellsCompared++;
      const v = compareCell(a, b, rel, maxRel);
      if (v === 'identical') cellsIdentical++;
      else if (v === 'numeric') cellsNumericTolerance++;
      else if (v === 'normalised') cellsNormalised++;
      else {
        cellsDiffering++;
        const col = headerA[i]!;
        differingByColumn[col] = (differingByColumn[col] ?? 0) + 1;
        if (examples.length < maxExamples) examples.push(`key ${key}, ${col}: A "${a}" vs B "${b}"`);
      }
    }
  }
  let onlyInA = 0;
  for (const key of rowsOfA.keys()) {
    if (!seenB.has(key)) {
      onlyInA++;
      if (examples.length < maxExamples) examples.push(`key ${key}: only in A`);
    }
  }
  const equal = headerDifference === null && duplicateKeysA === 0 && duplicateKeysB === 0 && onlyInA === 0 && onlyInB === 0 && cellsDiffering === 0 && rowsA === rowsB;
  return {
    equal,
    rowsA,
    rowsB,
    columns: headerA.length,
    headerDifference,
    duplicateKeysA,
    duplicateKeysB,
    onlyInA,
    onlyInB,
    cellsCompared,
    cellsIdentical,
    cellsNumericTolerance,
    maxRelativeDifference: maxRel.value,
    cellsNormalised,
    cellsDiffering,
    differingByColumn,
    examples,
    ignored: ignore.filter((c) => headerA.includes(c)),
  };
}

/** One line: equal or not, and why. */
export function describeComparison(r: CompareResult): string {
  const base = `${r.rowsA.toLocaleString('en-US')} vs ${r.rowsB.toLocaleString('en-US')} rows, ${r.cellsCompared.toLocaleString('en-US')} cells compared`;
  if (r.equal) {
    const notes: string[] = [];
    if (r.cellsNumericTolerance > 0) notes.push(`${r.cellsNumericTolerance.toLocaleString('en-US')} numbers written differently or within 1e-9 (max rel. diff ${r.maxRelativeDifference.toExponential(1)})`);
    if (r.cellsNormalised > 0) notes.push(`${r.cellsNormalised.toLocaleString('en-US')} cells equal after timestamp/spreadsheet-quote normalisation`);
    return `equal: ${base}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`;
  }
  const why: string[] = [];
  if (r.headerDifference !== null) why.push(r.headerDifference);
  if (r.onlyInA > 0 || r.onlyInB > 0) why.push(`${r.onlyInA} keys only in A, ${r.onlyInB} only in B`);
  if (r.duplicateKeysA > 0 || r.duplicateKeysB > 0) why.push(`duplicate keys: ${r.duplicateKeysA} in A, ${r.duplicateKeysB} in B`);
  if (r.cellsDiffering > 0) {
    const cols = Object.entries(r.differingByColumn)
      .sort((x, y) => y[1] - x[1])
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    why.push(`${r.cellsDiffering.toLocaleString('en-US')} cells differ (${cols})`);
  }
  return `NOT EQUAL: ${base}; ${why.join('; ')}`;
}

async function main(argv: readonly string[]): Promise<void> {
  const files = argv.filter((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1]!.startsWith('--')));
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (files.length !== 2) {
    process.stderr.write('usage: compare-products.ts A.csv B.csv [--key customer_id] [--ignore a,b] [--rel 1e-9]\n');
    process.exitCode = 2;
    return;
  }
  const ignore = get('ignore');
  const rel = get('rel');
  const r = await compareProducts(files[0]!, files[1]!, {
    key: get('key'),
    ignore: ignore === undefined ? undefined : ignore.split(',').filter((s) => s !== ''),
    rel: rel === undefined ? undefined : Number(rel),
  });
  process.stdout.write(`${describeComparison(r)}\n`);
  for (const e of r.examples) process.stdout.write(`  ${e}\n`);
  process.exitCode = r.equal ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
