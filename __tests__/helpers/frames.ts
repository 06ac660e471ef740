/**
 * Test helpers for frames: the `toEqualColumns` / `toHaveSchema` matchers and fast-check
 * arbitraries that build random frames together with the same data as row objects.
 */
import fc from 'fast-check';
import { DataFrame, Row } from '../../src/engine/frame';
import { LazyFrame } from '../../src/engine/plan';
import { CellValue, DataType, Field, MS_PER_DAY } from '../../src/engine/types';

/** Expected columns of a frame: name → values in row order (null for null). */
export type ExpectedColumns = Record<string, readonly CellValue[]>;

declare global {
  // Jest's matcher types live in the global `jest` namespace; this augments them (the type
  // parameters must match @types/jest's declaration exactly).
  namespace jest {
    interface Matchers<R, T = {}> {
      /**
       * The frame has exactly these columns, in this order, with these values. Numbers compare
       * with `Object.is` (so NaN equals NaN and -0 differs from 0); lists compare element-wise.
       */
      toEqualColumns(expected: ExpectedColumns): R;
      /** The frame's schema is exactly these names and types, in this order. */
      toHaveSchema(expected: Record<string, DataType>): R;
    }
  }
}

/** True when two cells are the same value (NaN equals NaN, -0 differs from 0). */
export function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => x === b[i]);
  }
  return Object.is(a, b);
}

function show(v: CellValue | undefined): string {
  if (v === undefined) return '(missing)';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  return JSON.stringify(v);
}

function columnsOf(frame: DataFrame): ExpectedColumns {
  const out: Record<string, CellValue[]> = {};
  for (const name of frame.columnNames) out[name] = frame.values(name);
  return out;
}

function showColumns(cols: ExpectedColumns): string {
  return Object.entries(cols)
    .map(([name, values]) => `  ${name}: [${values.map(show).join(', ')}]`)
    .join('\n');
}

expect.extend({
  toEqualColumns(received: unknown, expected: ExpectedColumns) {
    if (!(received instanceof DataFrame)) {
      return { pass: false, message: () => `expected a DataFrame, got ${this.utils.printReceived(received)}` };
    }
    const actual = columnsOf(received);
    const problems: string[] = [];
    const names = received.columnNames;
    const wanted = Object.keys(expected);
    if (names.join('\u0000') !== wanted.join('\u0000')) problems.push(`columns are [${names.join(', ')}], expected [${wanted.join(', ')}]`);
    for (const name of wanted) {
      const got = actual[name];
      const want = expected[name]!;
      if (got === undefined) continue;
      if (got.length !== want.length) {
        problems.push(`column ${name} has ${got.length} rows, expected ${want.length}`);
        continue;
      }
      const row = want.findIndex((v, i) => !sameCell(got[i], v));
      if (row >= 0) problems.push(`column ${name} row ${row} is ${show(got[row])}, expected ${show(want[row])}`);
    }
    const pass = problems.length === 0;
    return {
      pass,
      message: () =>
        pass
          ? `expected the frame not to equal\n${showColumns(expected)}`
          : `${problems.join('\n')}\n\nexpected:\n${showColumns(expected)}\nreceived:\n${showColumns(actual)}`,
    };
  },
  toHaveSchema(received: unknown, expected: Record<string, DataType>) {
    if (!(received instanceof DataFrame) && !(received instanceof LazyFrame)) {
      return { pass: false, message: () => `expected a DataFrame or LazyFrame, got ${this.utils.printReceived(received)}` };
    }
    const got = received.schema.map((f) => `${f.name} ${f.type}`).join(', ');
    const want = Object.entries(expected)
      .map(([n, t]) => `${n} ${t}`)
      .join(', ');
    const pass = got === want;
    return { pass, message: () => (pass ? `expected the schema not to be (${want})` : `schema is (${got}), expected (${want})`) };
  },
});

/** Runs a lazy frame synchronously (every test source is in memory). */
export function run(lf: LazyFrame): DataFrame {
  return lf.collectSync();
}

/** A lazy view of literal columns. */
export function lazy(spec: Parameters<typeof DataFrame.fromColumns>[0]): LazyFrame {
  return LazyFrame.from(DataFrame.fromColumns(spec));
}

/** Column-wise form of row objects, in the given column order. */
export function rowsToColumns(rows: readonly Row[], names: readonly string[]): ExpectedColumns {
  const out: Record<string, CellValue[]> = {};
  for (const n of names) out[n] = rows.map((r) => r[n] ?? null);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Random frames for property tests.

/** A few strings chosen to collide often and to cover the awkward cases. */
export const AWKWARD_STRINGS: readonly string[] = ['a', 'b', 'B', '', ' ', 'é', 'e\u0301', '日本', '😀', 'a\u0000b', 'x'.repeat(300)];

/** A few doubles that collide often and cover NaN, signed zeros and infinities. */
export const AWKWARD_DOUBLES: readonly number[] = [0, -0, NaN, 1, -1, 0.5, 2.5, -7.25, 1e300, -1e-300, Infinity, -Infinity];

function nullable<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.option(arb, { nil: null, freq: 4 });
}

/** Values of one type: small domains so that keys repeat, with nulls. */
export function cellArb(type: DataType): fc.Arbitrary<CellValue> {
  switch (type) {
    case 'string':
      return nullable(fc.oneof({ arbitrary: fc.constantFrom(...AWKWARD_STRINGS), weight: 4 }, { arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }), weight: 1 }));
    case 'int':
      return nullable(fc.integer({ min: -3, max: 3 }));
    case 'float64':
      return nullable(fc.oneof({ arbitrary: fc.constantFrom(...AWKWARD_DOUBLES), weight: 3 }, { arbitrary: fc.double(), weight: 1 }));
    case 'bool':
      return nullable(fc.boolean());
    case 'date':
      return nullable(fc.oneof(fc.constantFrom(-1, 0, 59, 19_723, 19_724), fc.integer({ min: -800_000, max: 800_000 })));
    case 'timestamp':
      return nullable(
        fc.oneof(
          fc.constantFrom(0, -1, MS_PER_DAY - 1, 19_723 * MS_PER_DAY + 3_600_000),
          fc.integer({ min: -100_000 * MS_PER_DAY, max: 100_000 * MS_PER_DAY }),
        ),
      );
    case 'list<string>':
      return nullable(fc.array(fc.constantFrom(...AWKWARD_STRINGS), { maxLength: 3 }));
  }
}

/** Fields of a schema written as a name → type record. */
export function fieldsOf(schema: Record<string, DataType>): Field[] {
  return Object.entries(schema).map(([name, type]) => ({ name, type }));
}

/** Builds a frame from a schema and row objects (missing keys are null). */
export function frameFromRows(schema: Record<string, DataType>, rows: readonly Row[]): DataFrame {
  return DataFrame.fromRows(fieldsOf(schema), rows);
}

/** Random rows of a schema, from zero up to `maxRows` rows (build the frame with `frameFromRows`). */
export function rowsArb(schema: Record<string, DataType>, maxRows = 25): fc.Arbitrary<Row[]> {
  const cells: Record<string, fc.Arbitrary<CellValue>> = {};
  for (const [name, type] of Object.entries(schema)) cells[name] = cellArb(type);
  return fc.array(fc.record(cells), { maxLength: maxRows });
}

/** The schema most property tests use: two keys, a number, a flag, a text, a date and a timestamp. */
export const MIXED: Record<string, DataType> = { k: 'string', g: 'int', x: 'float64', b: 'bool', s: 'string', d: 'date', t: 'timestamp' };

/** Settings shared by the property tests (modest, so the suite stays fast). */
export const PROPERTY_RUNS = { numRuns: 150 };
