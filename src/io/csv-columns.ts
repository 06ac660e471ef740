/**
 * The typed column builders behind the CSV reader: each declared column gets a slot that turns
 * field text into values with the engine's strict parsers (common number, date and timestamp
 * shapes are read in place by `field-parsers`, with the same results) and appends them to a
 * builder: the engine's numeric, bool and list builders, and `StringDictionaryBuilder` for strings.
 */
import { BoolBuilder, Column, ListBuilder, NumericColumn, allocBitmap } from '../engine/column';
import { parseBool, parseDate, parseDecimal, parseInteger, parseTimestamp } from '../engine/parse';
import { DataType, NumericType } from '../engine/types';
import { dateAt, dateIn, decimalAt, decimalIn, integerAt, integerIn, timestampAt, timestampIn } from './field-parsers';
import { PackedDictionary, StringDictionaryBuilder } from './string-dictionary';

/**
 * One built column as typed arrays (transferable) and plain values: what a byte range of a
 * parallel read posts back. A string column's dictionary stays packed.
 */
export type ColumnPart =
  | { readonly kind: 'string'; readonly codes: Int32Array; readonly dict: PackedDictionary }
  | { readonly kind: 'numeric'; readonly type: NumericType; readonly values: Float64Array; readonly validity: Uint8Array | null }
  | { readonly kind: 'bool'; readonly values: Uint8Array; readonly validity: Uint8Array | null }
  | { readonly kind: 'list'; readonly values: readonly (readonly string[] | null)[] };

const KIND_STRING = 0;
const KIND_FLOAT = 1;
const KIND_INT = 2;
const KIND_DATE = 3;
const KIND_TIMESTAMP = 4;
const KIND_BOOL = 5;
const KIND_LIST = 6;

function kindOf(type: DataType): number {
  switch (type) {
    case 'string':
      return KIND_STRING;
    case 'float64':
      return KIND_FLOAT;
    case 'int':
      return KIND_INT;
    case 'date':
      return KIND_DATE;
    case 'timestamp':
      return KIND_TIMESTAMP;
    case 'bool':
      return KIND_BOOL;
    default:
      return KIND_LIST;
  }
}

/** What a valid value of each type looks like, for messages. */
const EXPECTED: Record<DataType, string> = {
  string: 'a string',
  float64: 'a decimal',
  int: 'an integer',
  date: 'a date (YYYY-MM-DD)',
  timestamp: 'a timestamp (YYYY-MM-DD HH:MM:SS)',
  bool: 'a boolean (true/false)',
  'list<string>': 'a JSON array of strings',
};

const MAX_QUOTED_VALUE = 60;

/** The reason given for a field that is not a valid value of its type, e.g. `expected a decimal, got "N/A"`. */
export function badValueReason(type: DataType, text: string): string {
  const shown = text.length > MAX_QUOTED_VALUE ? `${text.slice(0, MAX_QUOTED_VALUE)}…` : text;
  return `expected ${EXPECTED[type]}, got ${JSON.stringify(shown)}`;
}

function parseList(s: string): readonly string[] | undefined {
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    return undefined;
  }
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const item of v) {
    if (typeof item !== 'string') return undefined;
    out.push(item);
  }
  return out;
}

/**
 * A numeric column under construction (the engine's `NumericBuilder`, with a part that shares the
 * builder's arrays rather than copying them: a range of a parallel read transfers them).
 */
class NumbersBuilder {
  private values: Float64Array;
  /** Validity (bit set = present), made at the first null. */
  private bits: Uint8Array | null = null;
  private n = 0;

  constructor(
    readonly type: NumericType,
    capacity: number,
  ) {
    this.values = new Float64Array(Math.max(16, capacity));
  }

  append(v: number): void {
    const n = this.n;
    if (n === this.values.length) this.grow();
    this.values[n] = v;
    if (this.bits !== null) this.bits[n >>> 3]! |= 1 << (n & 7);
    this.n = n + 1;
  }

  appendNull(): void {
    if (this.n === this.values.length) this.grow();
    if (this.bits === null) {
      const bits = allocBitmap(this.values.length);
      // Every value so far is present.
      const whole = this.n >>> 3;
      bits.fill(0xff, 0, whole);
      for (let i = whole << 3; i < this.n; i++) bits[i >>> 3]! |= 1 << (i & 7);
      this.bits = bits;
    }
    this.n++;
  }

  /** The column: arrays of exactly its length. */
  finish(): NumericColumn {
    return new NumericColumn(this.type, this.values.slice(0, this.n), this.bits === null ? null : this.bits.slice(0, (this.n + 7) >>> 3));
  }

  /** The values and validity as views of the builder's arrays (not to be appended to afterwards). */
  part(): { readonly values: Float64Array; readonly validity: Uint8Array | null } {
    return { values: this.values.subarray(0, this.n), validity: this.bits === null ? null : this.bits.subarray(0, (this.n + 7) >>> 3) };
  }

  private grow(): void {
    const values = new Float64Array(this.values.length * 2);
    values.set(this.values);
    this.values = values;
    if (this.bits !== null) {
      const bits = allocBitmap(values.length);
      bits.set(this.bits);
      this.bits = bits;
    }
  }
}

/** A declared column as the sink sees it. */
export interface SinkField {
  readonly type: DataType;
  /** False for a column that is only checked (values parsed, nothing stored). */
  readonly build: boolean;
}

/**
 * Builds one typed column per slot from field text. Every slot must receive exactly one value
 * (or null) per row. An empty text is null for every type; any other text that is not a valid
 * value of the slot's type is stored as null and reported by `put` returning false.
 */
export class ColumnSink {
  private readonly kinds: Uint8Array;
  private readonly strings: (StringDictionaryBuilder | null)[];
  private readonly numbers: (NumbersBuilder | null)[];
  private readonly bools: (BoolBuilder | null)[];
  private readonly lists: (ListBuilder | null)[];

  /** `capacity`: about how many rows to expect (the builders grow as needed). */
  constructor(
    readonly fields: readonly SinkField[],
    capacity = 1 << 14,
  ) {
    this.kinds = Uint8Array.from(fields.map((f) => kindOf(f.type)));
    this.strings = fields.map((f) => (f.build && f.type === 'string' ? new StringDictionaryBuilder(capacity) : null));
    this.numbers = fields.map((f) =>
      f.build && (f.type === 'float64' || f.type === 'int' || f.type === 'date' || f.type === 'timestamp') ? new NumbersBuilder(f.type, capacity) : null,
    );
    this.bools = fields.map((f) => (f.build && f.type === 'bool' ? new BoolBuilder() : null));
    this.lists = fields.map((f) => (f.build && f.type === 'list<string>' ? new ListBuilder() : null));
  }

  /** Appends a null to a slot. */
  putNull(slot: number): void {
    switch (this.kinds[slot]) {
      case KIND_STRING:
        this.strings[slot]?.appendNull();
        break;
      case KIND_BOOL:
        this.bools[slot]?.appendNull();
        break;
      case KIND_LIST:
        this.lists[slot]?.appendNull();
        break;
      default:
        this.numbers[slot]?.appendNull();
    }
  }

  /** Appends the value of a non-empty field text; returns false (after appending null) when it is not valid. */
  put(slot: number, s: string): boolean {
    return this.putRange(slot, s, 0, s.length);
  }

  /**
   * Appends the value of the non-empty field t[start, end); returns false (after appending null)
   * when it is not valid. Numbers, dates and timestamps of the common shapes are read in place
   * (see field-parsers); anything else is cut out and given to the engine's parser.
   */
  putRange(slot: number, t: string, start: number, end: number): boolean {
    let v: number;
    switch (this.kinds[slot]) {
      case KIND_STRING:
        this.strings[slot]?.appendRange(t, start, end);
        return true;
      case KIND_FLOAT:
        v = decimalAt(t, start, end);
        if (v !== v) v = parseDecimal(t.substring(start, end)) ?? NaN;
        break;
      case KIND_INT:
        v = integerAt(t, start, end);
        if (v !== v) v = parseInteger(t.substring(start, end)) ?? NaN;
        break;
      case KIND_DATE:
        v = dateAt(t, start, end);
        if (v !== v) v = parseDate(t.substring(start, end)) ?? NaN;
        break;
      case KIND_TIMESTAMP:
        v = timestampAt(t, start, end);
        if (v !== v) v = parseTimestamp(t.substring(start, end)) ?? NaN;
        break;
      case KIND_BOOL: {
        const b = parseBool(t.substring(start, end));
        const builder = this.bools[slot];
        if (builder) {
          if (b === undefined) builder.appendNull();
          else builder.append(b);
        }
        return b !== undefined;
      }
      default: {
        const list = parseList(t.substring(start, end));
        const builder = this.lists[slot];
        if (builder) {
          if (list === undefined) builder.appendNull();
          else builder.append(list);
        }
        return list !== undefined;
      }
    }
    // The engine parsers never return NaN for a valid text, so NaN means "not valid" here.
    const builder = this.numbers[slot];
    if (builder) {
      if (v !== v) builder.appendNull();
      else builder.append(v);
    }
    return v === v;
  }

  /**
   * `putRange` of the field t[start, end) of a block of ASCII text, read from its bytes `b`
   * (character i of t is byte i of b).
   */
  putBytes(slot: number, b: Uint8Array, t: string, start: number, end: number): boolean {
    let v: number;
    switch (this.kinds[slot]) {
      case KIND_STRING:
        this.strings[slot]?.appendBytes(b, start, end);
        return true;
      case KIND_FLOAT:
        v = decimalIn(b, start, end);
        if (v !== v) v = parseDecimal(t.substring(start, end)) ?? NaN;
        break;
      case KIND_INT:
        v = integerIn(b, start, end);
        if (v !== v) v = parseInteger(t.substring(start, end)) ?? NaN;
        break;
      case KIND_DATE:
        v = dateIn(b, start, end);
        if (v !== v) v = parseDate(t.substring(start, end)) ?? NaN;
        break;
      case KIND_TIMESTAMP:
        v = timestampIn(b, start, end);
        if (v !== v) v = parseTimestamp(t.substring(start, end)) ?? NaN;
        break;
      default:
        return this.putRange(slot, t, start, end);
    }
    const builder = this.numbers[slot];
    if (builder) {
      if (v !== v) builder.appendNull();
      else builder.append(v);
    }
    return v === v;
  }

  /** The built columns, one per slot (null for check-only slots). */
  finish(): (Column | null)[] {
    return this.fields.map((_, i) => this.strings[i]?.finish() ?? this.numbers[i]?.finish() ?? this.bools[i]?.finish() ?? this.lists[i]?.finish() ?? null);
  }

  /** The built columns as parts, string dictionaries packed, one per slot (null for check-only slots). */
  finishParts(): (ColumnPart | null)[] {
    return this.fields.map((_, i): ColumnPart | null => {
      const s = this.strings[i];
      if (s) return { kind: 'string', ...s.finishPacked() };
      const num = this.numbers[i];
      if (num) return { kind: 'numeric', type: num.type, ...num.part() };
      const b = this.bools[i];
      if (b) {
        const c = b.finish();
        return { kind: 'bool', values: c.values, validity: c.validity };
      }
      const l = this.lists[i];
      return l ? { kind: 'list', values: l.finish().values } : null;
    });
  }
}
