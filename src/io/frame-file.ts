/**
 * A compact columnar file for handing frames between processes (the DAG runner's
 * `--separate-sessions` mode): the column buffers are written as they are in memory, so reading
 * one back is a copy, not a parse, and every value round-trips exactly (nulls, NaN, -0, empty
 * strings, any UTF-16 text including lone surrogates, lists, empty frames).
 *
 * Layout (all integers little-endian):
 * ```
 * bytes 0..7    magic "C360FRM1"
 * bytes 8..11   uint32: byte length H of the header
 * bytes 12..    header: UTF-8 JSON (see FrameFileHeader), padded with spaces to a multiple of 8
 * then          the data section: each buffer starts at a multiple of 8 bytes from its start
 * ```
 * Buffers of a column, by type (`validity` is absent when the column has no nulls; a bitmap has
 * bit i set when row i holds a value, as in the engine):
 * - float64, int, date, timestamp: `values` (float64 × rows), `validity`
 * - bool: `values` (uint8 × rows, 0/1), `validity`
 * - string: `codes` (int32 × rows, -1 = null), then the dictionary as a text table
 * - list<string>: `validity`, `offsets` (int32 × (rows + 1): row i holds items
 *   offsets[i]..offsets[i+1]), then the items as a text table
 * A text table is `textOffsets` (int32 × (entries + 1), byte offsets into `textData`) and
 * `textData`, the entries' bytes in `encoding`: `utf8`, or `utf16le` when some entry is not
 * well-formed UTF-16 (a lone surrogate, which UTF-8 cannot carry).
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import { C360Error } from '../errors';
import { BoolColumn, Column, ListColumn, NumericColumn, StringColumn } from '../engine/column';
import { DataFrame } from '../engine/frame';
import { DATA_TYPES, DataType, Field, isNumericType } from '../engine/types';
import { writeAtomically } from './atomic-file';

const MAGIC = 'C360FRM1';
const VERSION = 1;

/** Where one buffer lies in the data section. */
interface BufferRef {
  readonly offset: number;
  readonly length: number;
}

/** The header of a column. */
interface ColumnHeader {
  readonly name: string;
  readonly type: DataType;
  readonly encoding?: 'utf8' | 'utf16le';
  readonly buffers: Record<string, BufferRef>;
}

/** The JSON header of a frame file. */
interface FrameFileHeader {
  readonly version: number;
  readonly numRows: number;
  readonly columns: ColumnHeader[];
}

/** Bytes of a typed array, without copying. */
function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** Encodes strings as a text table. */
function textTable(entries: readonly string[]): { encoding: 'utf8' | 'utf16le'; offsets: Int32Array; data: Uint8Array } {
  const wellFormed = !entries.some((s) => ANY_SURROGATE.test(s) && LONE_SURROGATE.test(s));
  const encoding = wellFormed ? 'utf8' : 'utf16le';
  const offsets = new Int32Array(entries.length + 1);
  let total = 0;
  for (let i = 0; i < entries.length; i++) {
    total += wellFormed ? Buffer.byteLength(entries[i]!, 'utf8') : entries[i]!.length * 2;
    if (total > 0x7fffffff) throw new C360Error('a string column holds more than 2 GB of text, too much for a frame file');
    offsets[i + 1] = total;
  }
  const data = Buffer.allocUnsafe(total);
  for (let i = 0; i < entries.length; i++) data.write(entries[i]!, offsets[i]!, encoding);
  return { encoding, offsets, data };
}

/** The buffers of one column, in the order they are written. */
function columnBuffers(col: Column): { encoding?: 'utf8' | 'utf16le'; buffers: [string, Uint8Array][] } {
  const out: [string, Uint8Array][] = [];
  switch (col.kind) {
    case 'numeric':
    case 'bool':
      out.push(['values', bytesOf(col.values)]);
      if (col.validity !== null) out.push(['validity', col.validity]);
      return { buffers: out };
    case 'string': {
      const t = textTable(col.dict);
      out.push(['codes', bytesOf(col.codes)], ['textOffsets', bytesOf(t.offsets)], ['textData', t.data]);
      return { encoding: t.encoding, buffers: out };
    }
    case 'list': {
      // The file keeps each row's strings (not the dictionary): offsets over a text table of items.
      const validity = col.validity;
      const so = col.offsets;
      const codes = col.codes;
      const offsets = new Int32Array(col.length + 1);
      const items: string[] = [];
      for (let i = 0; i < col.length; i++) {
        if (col.isValid(i)) for (let j = so[i]!; j < so[i + 1]!; j++) items.push(col.dict[codes[j]!]!);
        offsets[i + 1] = items.length;
      }
      const t = textTable(items);
      if (validity !== null) out.push(['validity', validity]);
      out.push(['offsets', bytesOf(offsets)], ['textOffsets', bytesOf(t.offsets)], ['textData', t.data]);
      return { encoding: t.encoding, buffers: out };
    }
  }
}

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * Writes a frame to a frame file, atomically (see `writeAtomically`).
 * @example await writeFrameFile(frame, 'work/facts/fct_customer_orders.c360frame');
 */
export async function writeFrameFile(frame: DataFrame, path: string): Promise<void> {
  if (os.endianness() !== 'LE') throw new C360Error('frame files are little-endian; this machine is big-endian');
  const columns: ColumnHeader[] = [];
  const pieces: Uint8Array[] = [];
  let offset = 0;
  frame.schema.forEach((field, c) => {
    const { encoding, buffers } = columnBuffers(frame.columns[c]!);
    const refs: Record<string, BufferRef> = {};
    for (const [role, bytes] of buffers) {
      refs[role] = { offset, length: bytes.byteLength };
      pieces.push(bytes);
      const padded = align8(bytes.byteLength);
      if (padded > bytes.byteLength) pieces.push(new Uint8Array(padded - bytes.byteLength));
      offset += padded;
    }
    columns.push(encoding === undefined ? { name: field.name, type: field.type, buffers: refs } : { name: field.name, type: field.type, encoding, buffers: refs });
  });
  const header: FrameFileHeader = { version: VERSION, numRows: frame.numRows, columns };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerLength = align8(12 + json.length) - 12;
  const prefix = Buffer.alloc(12 + headerLength, 0x20);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(headerLength, 8);
  json.copy(prefix, 12);
  await writeAtomically(path, async (sink) => {
    await sink.write(prefix);
    for (const piece of pieces) await sink.write(piece);
  });
}

/** Reads a frame written by `writeFrameFile`; throws `C360Error` for a missing or damaged file. */
export async function readFrameFile(path: string): Promise<DataFrame> {
  const cannot = (err: unknown): C360Error => {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    return new C360Error(`cannot read frame file ${path}: ${code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err)}`, { cause: err });
  };
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (err) {
    throw cannot(err);
  }
  // Read piece by piece (the header, then each buffer on its own): a frame file may be larger than
  // the biggest Buffer a single read can fill (2 GiB).
  let header: FrameFileHeader;
  const buffers = new Map<BufferRef, Uint8Array>();
  const damaged = (why: string): C360Error => new C360Error(`${path}: damaged frame file (${why})`);
  try {
    const size = (await handle.stat()).size;
    const prefix = await readAt(handle, 0, Math.min(12, size));
    if (prefix.length < 12 || prefix.toString('latin1', 0, 8) !== MAGIC) throw new C360Error(`${path}: not a c360 frame file`);
    const headerLength = prefix.readUInt32LE(8);
    if (12 + headerLength > size) throw damaged('the header runs past the end');
    try {
      header = parseHeader(JSON.parse((await readAt(handle, 12, headerLength)).toString('utf8')));
    } catch (err) {
      if (err instanceof C360Error) throw new C360Error(`${path}: ${err.message}`);
      throw damaged('the header is not JSON');
    }
    const dataStart = 12 + headerLength;
    for (const h of header.columns) {
      for (const [role, ref] of Object.entries(h.buffers)) {
        if (ref.offset < 0 || ref.length < 0 || dataStart + ref.offset + ref.length > size) throw damaged(`column "${h.name}": buffer ${role} runs past the end`);
        buffers.set(ref, await readAt(handle, dataStart + ref.offset, ref.length));
      }
    }
  } catch (err) {
    throw err instanceof C360Error ? err : cannot(err);
  } finally {
    await handle.close();
  }
  const n = header.numRows;
  const fields: Field[] = [];
  const cols: Column[] = [];
  for (const h of header.columns) {
    const take = (role: string, expected?: number): Uint8Array | null => {
      const ref = h.buffers[role];
      if (ref === undefined) return null;
      if (expected !== undefined && ref.length !== expected) throw damaged(`column "${h.name}": buffer ${role} has ${ref.length} bytes, expected ${expected}`);
      return buffers.get(ref)!;
    };
    const need = (role: string, expected?: number): Uint8Array => {
      const b = take(role, expected);
      if (b === null) throw damaged(`column "${h.name}": buffer ${role} is missing`);
      return b;
    };
    const validity = (): Uint8Array | null => {
      const b = take('validity', (n + 7) >>> 3);
      return b === null ? null : Uint8Array.from(b);
    };
    const texts = (count: number): string[] => {
      const offsets = toInt32(need('textOffsets', (count + 1) * 4));
      const bytes = need('textData');
      const enc = h.encoding === 'utf16le' ? 'utf16le' : 'utf8';
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const out = new Array<string>(count);
      for (let i = 0; i < count; i++) {
        const a = offsets[i]!;
        const b = offsets[i + 1]!;
        if (a < 0 || b < a || b > bytes.length) throw damaged(`column "${h.name}": bad text offsets`);
        out[i] = buf.toString(enc, a, b);
      }
      return out;
    };
    const type = h.type;
    fields.push({ name: h.name, type });
    if (isNumericType(type)) {
      cols.push(new NumericColumn(type, toFloat64(need('values', n * 8)), validity()));
    } else if (type === 'bool') {
      cols.push(new BoolColumn(Uint8Array.from(need('values', n)), validity()));
    } else if (type === 'string') {
      const codes = toInt32(need('codes', n * 4));
      const dictSize = (need('textOffsets').length >>> 2) - 1;
      if (dictSize < 0) throw damaged(`column "${h.name}": empty text offsets`);
      const dict = texts(dictSize);
      for (let i = 0; i < n; i++) if (codes[i]! < -1 || codes[i]! >= dict.length) throw damaged(`column "${h.name}": bad string code`);
      cols.push(new StringColumn(codes, dict));
    } else {
      const bits = validity();
      const offsets = toInt32(need('offsets', (n + 1) * 4));
      for (let i = 0; i < n; i++) if (offsets[i]! < 0 || offsets[i + 1]! < offsets[i]!) throw damaged(`column "${h.name}": bad list offsets`);
      if (offsets[0] !== 0) throw damaged(`column "${h.name}": bad list offsets`);
      const items = texts(offsets[n]!);
      // Items interned into a dictionary; a null row's items (none when written here) are dropped.
      const dict: string[] = [];
      const index = new Map<string, number>();
      const codes = new Int32Array(items.length);
      const rowStart = new Int32Array(n + 1);
      let at = 0;
      for (let i = 0; i < n; i++) {
        if (bits === null || (bits[i >>> 3]! & (1 << (i & 7))) !== 0) {
          for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
            const s = items[j]!;
            let code = index.get(s);
            if (code === undefined) {
              code = dict.length;
              dict.push(s);
              index.set(s, code);
            }
            codes[at++] = code;
          }
        }
        rowStart[i + 1] = at;
      }
      cols.push(new ListColumn(rowStart, at === codes.length ? codes : codes.slice(0, at), dict, bits));
    }
  }
  return new DataFrame(fields, cols, n);
}

/** `length` bytes of the file from `position`, in reads of at most 1 GiB. */
async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(out, done, Math.min(length - done, 1 << 30), position + done);
    if (bytesRead === 0) throw new Error(`the file ended early (${done} of ${length} bytes at ${position})`);
    done += bytesRead;
  }
  return out;
}

/** A copy of the bytes as an Int32Array (copied, since the file buffer may not be aligned). */
function toInt32(b: Uint8Array): Int32Array {
  const out = new Int32Array(b.length >>> 2);
  bytesOf(out).set(b.subarray(0, out.length * 4));
  return out;
}

function toFloat64(b: Uint8Array): Float64Array {
  const out = new Float64Array(b.length >>> 3);
  bytesOf(out).set(b.subarray(0, out.length * 8));
  return out;
}

/** Checks the shape of a parsed header. */
function parseHeader(v: unknown): FrameFileHeader {
  const bad = (why: string): C360Error => new C360Error(`damaged frame file (${why})`);
  if (typeof v !== 'object' || v === null) throw bad('the header is not an object');
  const version = Reflect.get(v, 'version');
  if (version !== VERSION) throw new C360Error(`unsupported frame file version ${String(version)} (this c360 reads version ${VERSION})`);
  const numRows = Reflect.get(v, 'numRows');
  if (typeof numRows !== 'number' || !Number.isSafeInteger(numRows) || numRows < 0) throw bad('numRows');
  const columns = Reflect.get(v, 'columns');
  if (!Array.isArray(columns)) throw bad('columns');
  const out: ColumnHeader[] = columns.map((c: unknown) => {
    if (typeof c !== 'object' || c === null) throw bad('a column is not an object');
    const name = Reflect.get(c, 'name');
    const type = Reflect.get(c, 'type');
    const encoding = Reflect.get(c, 'encoding');
    const buffers = Reflect.get(c, 'buffers');
    const dataType = DATA_TYPES.find((t) => t === type);
    if (typeof name !== 'string' || dataType === undefined) throw bad('a column name or type');
    if (typeof buffers !== 'object' || buffers === null) throw bad(`column "${name}" has no buffers`);
    const refs: Record<string, BufferRef> = {};
    for (const [role, ref] of Object.entries(buffers)) {
      const offset: unknown = typeof ref === 'object' && ref !== null ? Reflect.get(ref, 'offset') : undefined;
      const length: unknown = typeof ref === 'object' && ref !== null ? Reflect.get(ref, 'length') : undefined;
      if (typeof offset !== 'number' || typeof length !== 'number' || !Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || length < 0) {
        throw bad(`column "${name}" buffer ${role}`);
      }
      refs[role] = { offset, length };
    }
    return { name, type: dataType, encoding: encoding === 'utf16le' ? 'utf16le' : 'utf8', buffers: refs };
  });
  return { version: VERSION, numRows, columns: out };
}
