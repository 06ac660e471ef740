/**
 * The typed column builders behind the CSV reader: each declared column gets a slot that turns
 * field text into values with the engine's strict parsers (common number, date and timestamp
 * shapes are read in place by `field-parsers`, with the same results) and appends them to a
 * builder: the engine's numeric, bool and list builders, and `StringDictionaryBuilder` for strings.
 */
import { BoolBuilder, Column, ListBuilder, NumericBuilder } from '../engine/column';
import { parseBool, parseDate, parseDecimal, parseInteger, parseTimestamp } from '../engine/parse';
import { DataType } from '../engine/types';
import { dateAt, decimalAt, integerAt, timestampAt } from './field-parsers';
import { StringDictionaryBuilder } from './string-dictionary';

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
  private readonly numbers: (NumericBuilder | null)[];
  private readonly bools: (BoolBuilder | null)[];
  private readonly lists: (ListBuilder | null)[];

  constructor(readonly fields: readonly SinkField[]) {
    this.kinds = Uint8Array.from(fields.map((f) => kindOf(f.type)));
    this.strings = fields.map((f) => (f.build && f.type === 'string' ? new StringDictionaryBuilder() : null));
    this.numbers = fields.map((f) =>
      f.build && (f.type === 'float64' || f.type === 'int' || f.type === 'date' || f.type === 'timestamp') ? new NumericBuilder(f.type, 1 << 14) : null,
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

  /** The built columns, one per slot (null for check-only slots). */
  finish(): (Column | null)[] {
    return this.fields.map((_, i) => this.strings[i]?.finish() ?? this.numbers[i]?.finish() ?? this.bools[i]?.finish() ?? this.lists[i]?.finish() ?? null);
  }
}
