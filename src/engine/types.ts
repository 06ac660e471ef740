/**
 * Column types of the engine and their physical storage.
 *
 * - `string`: dictionary-encoded; an Int32Array of codes into a string dictionary.
 * - `float64`, `int`: a Float64Array (`int` holds whole numbers, exact up to 2^53).
 * - `bool`: a Uint8Array of 0/1.
 * - `date`: a Float64Array of whole days since 1970-01-01.
 * - `timestamp`: a Float64Array of milliseconds since 1970-01-01 00:00:00 of a naive wall clock
 *   (no zone: the value is read and written as the digits it was given).
 * - `list<string>`: an array of string arrays.
 * Nulls live in a validity bitmap (bit set = value present); no bitmap means no nulls.
 */
export type DataType = 'string' | 'float64' | 'int' | 'bool' | 'date' | 'timestamp' | 'list<string>';

/** Every type, in a fixed order (for validation and docs). */
export const DATA_TYPES: readonly DataType[] = ['string', 'float64', 'int', 'bool', 'date', 'timestamp', 'list<string>'];

/** Types stored as a Float64Array. */
export type NumericType = 'float64' | 'int' | 'date' | 'timestamp';

/** True when the type is stored as a Float64Array. */
export function isNumericType(t: DataType): t is NumericType {
  return t === 'float64' || t === 'int' || t === 'date' || t === 'timestamp';
}

/** A named, typed field of a schema. */
export interface Field {
  readonly name: string;
  readonly type: DataType;
}

/** The ordered fields of a frame. */
export type Schema = readonly Field[];

/** A JS value of a cell, as returned by `DataFrame.get` and `toRows`. */
export type CellValue = string | number | boolean | readonly string[] | null;

/** Milliseconds in one day. */
export const MS_PER_DAY = 86_400_000;
