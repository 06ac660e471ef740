/**
 * A compact columnar file for handing frames between processes (the DAG runner's
 * `--separate-sessions` mode): the column buffers are written as they are in memory, so reading
 * one back is a copy, not a parse, and every value round-trips exactly (nulls, NaN, -0, empty
 * strings, any UTF-16 text including lone surrogates, lists, empty frames).
 *
 * Layout (all integers little-endian):
 * ```
 * bytes 0..7        magic "C360FRM2"
 * from byte 8       the buffers, each starting at a multiple of 8 bytes from the file's start
 * then              the header: UTF-8 JSON (see FrameFileHeader)
 * last 12 bytes     uint32: byte length H of the header, then the magic again
 * ```
 * The header comes last so that a frame is written column by column, as it is encoded, and a
 * reader reads only the columns it is asked for.
 * Buffers of a column, by type (`validity` is absent when the column has no nulls; a bitmap has
 * bit i set when row i holds a value, as in the engine):
 * - float64, int, date, timestamp: `values` (float64 × rows), `validity`
 * - bool: `values` (uint8 × rows, 0/1), `validity`
 * - string: `codes` (int32 × rows, -1 = null) into dictionary `dict`
 * - list<string>: `validity`, `offsets` (int32 × (rows + 1): row i holds items
 *   offsets[i]..offsets[i+1], from 0), `codes` (int32 per item) into dictionary `dict`
 * Dictionaries are written once per file however many columns share them. A dictionary is
 * `textOffsets` (int32 × (entries + 1), byte offsets into `textData`) and `textData`, the entries'
 * bytes in `encoding`: `utf8`, or `utf16le` when some entry is not well-formed UTF-16 (a lone
 * surrogate, which UTF-8 cannot carry).
 */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import { C360Error } from '../errors';
import { BoolColumn, Column, ListColumn, NumericColumn, StringColumn } from '../engine/column';
import { DataFrame } from '../engine/frame';
import { DATA_TYPES, DataType, Field, isNumericType } from '../engine/types';
import { ChunkSink, writeAtomically } from './atomic-file';

const MAGIC = 'C360FRM2';
const VERSION = 2;
/** The header length and the magic, at the end of the file. */
const TRAILER = 12;

/** Where one buffer lies in the file. */
interface BufferRef {
  readonly offset: number;
  readonly length: number;
}

/** The header of a column. */
interface ColumnHeader {
  readonly name: string;
  readonly type: DataType;
  /** The dictionary of a string or list column (index into `dictionaries`). */
  readonly dict?: number;
  readonly buffers: Record<string, BufferRef>;
}

/** The header of a dictionary. */
interface DictionaryHeader {
  readonly entries: number;
  readonly encoding: 'utf8' | 'utf16le';
  readonly textOffsets: BufferRef;
  readonly textData: BufferRef;
}

/** The JSON header of a frame file. */
interface FrameFileHeader {
  readonly version: number;
  readonly numRows: number;
  readonly dictionaries: DictionaryHeader[];
  readonly columns: ColumnHeader[];
}

/** Bytes of a typed array, without copying. */
function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** Entries of a dictionary encoded per chunk when written. */
const TEXT_CHUNK = 1 << 16;

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * Writes a frame to a frame file, atomically (see `writeAtomically`), one column at a time: a
 * column still pending a gather is gathered into a copy that is dropped once written, so writing
 * a frame holds at most one extra column.
 * @example await writeFrameFile(frame, 'work/facts/fct_customer_orders.c360');
 */
export async function writeFrameFile(frame: DataFrame, path: string): Promise<void> {
  if (os.endianness() !== 'LE') throw new C360Error('frame files are little-endian; this machine is big-endian');
  await writeAtomically(path, async (sink) => {
    const out = new BufferWriter(sink);
    await out.put(Buffer.from(MAGIC, 'latin1'));
    const dictionaries: DictionaryHeader[] = [];
    const dictIndex = new Map<readonly string[], number>();
    const dictionary = async (entries: readonly string[]): Promise<number> => {
      let k = dictIndex.get(entries);
      if (k === undefined) {
        k = dictionaries.length;
        dictionaries.push(await writeText(entries, out));
        dictIndex.set(entries, k);
      }
      return k;
    };
    const columns: ColumnHeader[] = [];
    const n = frame.numRows;
    for (let c = 0; c < frame.schema.length; c++) {
      const field = frame.schema[c]!;
      const col = frame.columns[c]!.detached();
      const buffers: Record<string, BufferRef> = {};
      let dict: number | undefined;
      switch (col.kind) {
        case 'numeric':
        case 'bool':
          buffers['values'] = await out.put(bytesOf(col.values));
          if (col.validity !== null) buffers['validity'] = await out.put(col.validity);
          break;
        case 'string':
          dict = await dictionary(col.dict);
          buffers['codes'] = await out.put(bytesOf(col.codes));
          break;
        case 'list': {
          dict = await dictionary(col.dict);
          const offsets = col.offsets;
          const first = offsets[0]!;
          const last = offsets[n]!;
          if (col.validity !== null) buffers['validity'] = await out.put(col.validity);
          buffers['offsets'] = await out.put(bytesOf(first === 0 ? offsets : offsets.map((o) => o - first)));
          buffers['codes'] = await out.put(bytesOf(col.codes.subarray(first, last)));
          break;
        }
      }
      columns.push(dict === undefined ? { name: field.name, type: field.type, buffers } : { name: field.name, type: field.type, dict, buffers });
    }
    const header: FrameFileHeader = { version: VERSION, numRows: n, dictionaries, columns };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const trailer = Buffer.alloc(TRAILER);
    trailer.writeUInt32LE(json.length, 0);
    trailer.write(MAGIC, 4, 'latin1');
    await out.write(json);
    await out.write(trailer);
  });
}

/**
 * Writes a dictionary: its byte offsets, then its text, encoded a chunk of entries at a time.
 */
async function writeText(entries: readonly string[], out: BufferWriter): Promise<DictionaryHeader> {
  const wellFormed = !entries.some((s) => ANY_SURROGATE.test(s) && LONE_SURROGATE.test(s));
  const encoding = wellFormed ? 'utf8' : 'utf16le';
  const offsets = new Int32Array(entries.length + 1);
  let total = 0;
  for (let i = 0; i < entries.length; i++) {
    total += wellFormed ? Buffer.byteLength(entries[i]!, 'utf8') : entries[i]!.length * 2;
    if (total > 0x7fffffff) throw new C360Error('a string column holds more than 2 GB of text, too much for a frame file');
    offsets[i + 1] = total;
  }
  const textOffsets = await out.put(bytesOf(offsets));
  const start = out.offset;
  for (let a = 0; a < entries.length; a += TEXT_CHUNK) {
    const b = Math.min(entries.length, a + TEXT_CHUNK);
    const chunk = Buffer.allocUnsafe(offsets[b]! - offsets[a]!);
    for (let i = a; i < b; i++) chunk.write(entries[i]!, offsets[i]! - offsets[a]!, encoding);
    await out.write(chunk);
  }
  const textData = { offset: start, length: out.offset - start };
  await out.pad();
  return { entries: entries.length, encoding, textOffsets, textData };
}

/** Writes a frame file's bytes in order, keeping track of where each buffer lands. */
class BufferWriter {
  /** Bytes written so far. */
  offset = 0;
  constructor(private readonly sink: ChunkSink) {}

  /** Writes bytes as they are (part of a buffer). */
  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.byteLength === 0) return;
    await this.sink.write(bytes);
    this.offset += bytes.byteLength;
  }

  /** Pads with zeros to a multiple of 8 bytes. */
  async pad(): Promise<void> {
    const n = align8(this.offset) - this.offset;
    if (n > 0) await this.write(new Uint8Array(n));
  }

  /** Writes a whole buffer, padded; returns where it lies. */
  async put(bytes: Uint8Array): Promise<BufferRef> {
    const ref = { offset: this.offset, length: bytes.byteLength };
    await this.write(bytes);
    await this.pad();
    return ref;
  }
}

/**
 * Dictionaries read from frame files, shared between the frames read with the same instance: a
 * dictionary whose entries are the same as one read before (from this file or another) is not
 * decoded again, and the string columns of both use one array, so they compare by code.
 */
export class FrameDictionaries {
  private readonly byDigest = new Map<string, string[]>();
  /** Each dictionary created, by itself (to hand out as mutable). */
  private readonly created = new Map<readonly string[], string[]>();

  /** The dictionary with this content digest, if read before. */
  find(digest: string): string[] | undefined {
    return this.byDigest.get(digest);
  }

  /** Records a dictionary decoded by a read. */
  add(digest: string, entries: string[]): void {
    this.byDigest.set(digest, entries);
    this.created.set(entries, entries);
  }

  /**
   * The array itself when `dict` is a dictionary these reads created, for a caller that adopts it
   * (a shared dictionary that grows it in place); undefined otherwise.
   */
  owned(dict: readonly string[]): string[] | undefined {
    return this.created.get(dict);
  }
}

/** What `readFrameFile` reads. */
export interface FrameReadOptions {
  /** Only these columns, in the file's order (default: all). Unknown names are an error. */
  readonly columns?: readonly string[];
  /** Dictionaries shared with other reads (see `FrameDictionaries`). */
  readonly dictionaries?: FrameDictionaries;
}

/** A frame file's schema and row count, from its header alone. */
export async function readFrameSchema(path: string): Promise<{ readonly schema: Field[]; readonly numRows: number }> {
  const { header } = await withFrameFile(path, async () => undefined);
  return { schema: header.columns.map((h) => ({ name: h.name, type: h.type })), numRows: header.numRows };
}

/** Opens a frame file, reads and checks its header, and runs `body`; closes the file. */
async function withFrameFile<T>(
  path: string,
  body: (handle: fs.FileHandle, header: FrameFileHeader, size: number) => Promise<T>,
): Promise<{ header: FrameFileHeader; value: T }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (err) {
    throw cannotRead(path, err);
  }
  try {
    const size = (await handle.stat()).size;
    const magic = size >= 8 ? (await readAt(handle, 0, 8)).toString('latin1') : '';
    if (magic !== MAGIC) {
      if (magic.startsWith('C360FRM')) throw new C360Error(`${path}: unsupported frame file version ${magic.slice(7)} (this c360 reads version ${VERSION}): run the earlier layers again`);
      throw new C360Error(`${path}: not a c360 frame file`);
    }
    if (size < 8 + TRAILER) throw damaged(path, 'no header at the end');
    const trailer = await readAt(handle, size - TRAILER, TRAILER);
    if (trailer.toString('latin1', 4) !== MAGIC) throw damaged(path, 'no header at the end');
    const length = trailer.readUInt32LE(0);
    if (8 + length + TRAILER > size) throw damaged(path, 'the header runs past the start');
    let header: FrameFileHeader;
    try {
      header = parseHeader(JSON.parse((await readAt(handle, size - TRAILER - length, length)).toString('utf8')));
    } catch (err) {
      if (err instanceof C360Error) throw new C360Error(`${path}: ${err.message}`);
      throw damaged(path, 'the header is not JSON');
    }
    const dataEnd = size - TRAILER - length;
    const check = (ref: BufferRef, what: string): void => {
      if (ref.offset < 8 || ref.offset + ref.length > dataEnd) throw damaged(path, `${what} runs past the end`);
    };
    header.dictionaries.forEach((d, k) => {
      check(d.textOffsets, `dictionary ${k}: buffer textOffsets`);
      check(d.textData, `dictionary ${k}: buffer textData`);
    });
    for (const h of header.columns) {
      for (const [role, ref] of Object.entries(h.buffers)) check(ref, `column "${h.name}": buffer ${role}`);
      if (h.dict !== undefined && header.dictionaries[h.dict] === undefined) throw damaged(path, `column "${h.name}": no dictionary ${h.dict}`);
    }
    return { header, value: await body(handle, header, size) };
  } catch (err) {
    throw err instanceof C360Error ? err : cannotRead(path, err);
  } finally {
    await handle.close();
  }
}

function cannotRead(path: string, err: unknown): C360Error {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return new C360Error(`cannot read frame file ${path}: ${code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err)}`, { cause: err });
}

function damaged(path: string, why: string): C360Error {
  return new C360Error(`${path}: damaged frame file (${why})`);
}

/**
 * Reads a frame written by `writeFrameFile` (all its columns, or those of `options.columns`);
 * throws `C360Error` for a missing or damaged file. Each buffer is read straight into the typed
 * array the column keeps.
 */
export async function readFrameFile(path: string, options: FrameReadOptions = {}): Promise<DataFrame> {
  const { value } = await withFrameFile(path, async (handle, header) => {
    const wanted = options.columns === undefined ? null : new Set(options.columns);
    if (options.columns !== undefined) {
      for (const c of options.columns) {
        if (!header.columns.some((h) => h.name === c)) throw new C360Error(`${path}: no column "${c}" in the frame file (columns: ${header.columns.map((h) => h.name).join(', ')})`);
      }
    }
    const n = header.numRows;
    const dicts = new Map<number, string[]>();
    const dictionary = async (k: number): Promise<string[]> => {
      let d = dicts.get(k);
      if (d === undefined) {
        d = await readDictionary(handle, header.dictionaries[k]!, path, options.dictionaries);
        dicts.set(k, d);
      }
      return d;
    };
    const fields: Field[] = [];
    const cols: Column[] = [];
    for (const h of header.columns) {
      if (wanted !== null && !wanted.has(h.name)) continue;
      const bad = (why: string): C360Error => damaged(path, `column "${h.name}": ${why}`);
      const ref = (role: string, expected?: number): BufferRef | undefined => {
        const r = h.buffers[role];
        if (r !== undefined && expected !== undefined && r.length !== expected) throw bad(`buffer ${role} has ${r.length} bytes, expected ${expected}`);
        return r;
      };
      const need = (role: string, expected?: number): BufferRef => {
        const r = ref(role, expected);
        if (r === undefined) throw bad(`buffer ${role} is missing`);
        return r;
      };
      const validity = async (): Promise<Uint8Array | null> => {
        const r = ref('validity', (n + 7) >>> 3);
        return r === undefined ? null : readInto(handle, r, new Uint8Array(r.length));
      };
      const int32s = async (r: BufferRef): Promise<Int32Array> => {
        if (r.length % 4 !== 0) throw bad('a buffer of int32 has a length that is not a multiple of 4');
        const a = new Int32Array(r.length >>> 2);
        await readInto(handle, r, bytesOf(a));
        return a;
      };
      const dictOf = async (): Promise<string[]> => {
        if (h.dict === undefined) throw bad('no dictionary');
        return dictionary(h.dict);
      };
      const type = h.type;
      fields.push({ name: h.name, type });
      if (isNumericType(type)) {
        const values = new Float64Array(n);
        await readInto(handle, need('values', n * 8), bytesOf(values));
        cols.push(new NumericColumn(type, values, await validity()));
      } else if (type === 'bool') {
        const values = new Uint8Array(n);
        await readInto(handle, need('values', n), values);
        cols.push(new BoolColumn(values, await validity()));
      } else if (type === 'string') {
        const codes = await int32s(need('codes', n * 4));
        const dict = await dictOf();
        for (let i = 0; i < n; i++) if (codes[i]! < -1 || codes[i]! >= dict.length) throw bad('bad string code');
        cols.push(new StringColumn(codes, dict));
      } else {
        const bits = await validity();
        const offsets = await int32s(need('offsets', (n + 1) * 4));
        if (offsets[0] !== 0) throw bad('bad list offsets');
        for (let i = 0; i < n; i++) if (offsets[i + 1]! < offsets[i]!) throw bad('bad list offsets');
        const codes = await int32s(need('codes', offsets[n]! * 4));
        const dict = await dictOf();
        for (let j = 0; j < codes.length; j++) if (codes[j]! < 0 || codes[j]! >= dict.length) throw bad('bad list item code');
        cols.push(new ListColumn(offsets, codes, dict, bits));
      }
    }
    return new DataFrame(fields, cols, n);
  });
  return value;
}

/** Reads and decodes a dictionary, or finds it among those read before. */
async function readDictionary(handle: fs.FileHandle, d: DictionaryHeader, path: string, shared: FrameDictionaries | undefined): Promise<string[]> {
  if (d.textOffsets.length !== (d.entries + 1) * 4) throw damaged(path, 'a dictionary has the wrong number of offsets');
  const offsets = new Int32Array(d.entries + 1);
  await readInto(handle, d.textOffsets, bytesOf(offsets));
  const bytes = await readInto(handle, d.textData, Buffer.allocUnsafe(d.textData.length));
  let digest = '';
  if (shared !== undefined) {
    digest = createHash('sha1').update(d.encoding).update(bytesOf(offsets)).update(bytes).digest('hex');
    const known = shared.find(digest);
    if (known !== undefined) return known;
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // ASCII text decodes faster as latin1, with the same result.
  let ascii = d.encoding === 'utf8';
  for (let i = 0; ascii && i < buf.length; i++) if (buf[i]! >= 0x80) ascii = false;
  const enc = ascii ? 'latin1' : d.encoding;
  const out = new Array<string>(d.entries);
  if (offsets[0] !== 0) throw damaged(path, 'bad text offsets');
  for (let i = 0; i < d.entries; i++) {
    const a = offsets[i]!;
    const b = offsets[i + 1]!;
    if (b < a || b > buf.length) throw damaged(path, 'bad text offsets');
    out[i] = buf.toString(enc, a, b);
  }
  shared?.add(digest, out);
  return out;
}

/** Reads `ref` into `target` (exactly `ref.length` bytes), in reads of at most 1 GiB. */
async function readInto<T extends Uint8Array>(handle: fs.FileHandle, ref: BufferRef, target: T): Promise<T> {
  let done = 0;
  while (done < ref.length) {
    const { bytesRead } = await handle.read(target, done, Math.min(ref.length - done, 1 << 30), ref.offset + done);
    if (bytesRead === 0) throw new Error(`the file ended early (${done} of ${ref.length} bytes at ${ref.offset})`);
    done += bytesRead;
  }
  return target;
}

/** `length` bytes of the file from `position`. */
async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  return readInto(handle, { offset: position, length }, Buffer.allocUnsafe(length));
}

/** Checks the shape of a parsed header. */
function parseHeader(v: unknown): FrameFileHeader {
  const bad = (why: string): C360Error => new C360Error(`damaged frame file (${why})`);
  if (typeof v !== 'object' || v === null) throw bad('the header is not an object');
  const version = Reflect.get(v, 'version');
  if (version !== VERSION) throw new C360Error(`unsupported frame file version ${String(version)} (this c360 reads version ${VERSION})`);
  const numRows = Reflect.get(v, 'numRows');
  if (typeof numRows !== 'number' || !Number.isSafeInteger(numRows) || numRows < 0) throw bad('numRows');
  const bufferRef = (ref: unknown, what: string): BufferRef => {
    const offset: unknown = typeof ref === 'object' && ref !== null ? Reflect.get(ref, 'offset') : undefined;
    const length: unknown = typeof ref === 'object' && ref !== null ? Reflect.get(ref, 'length') : undefined;
    if (typeof offset !== 'number' || typeof length !== 'number' || !Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || length < 0) throw bad(what);
    return { offset, length };
  };
  const dictionaries = Reflect.get(v, 'dictionaries');
  if (!Array.isArray(dictionaries)) throw bad('dictionaries');
  const dicts: DictionaryHeader[] = dictionaries.map((d: unknown, k) => {
    if (typeof d !== 'object' || d === null) throw bad(`dictionary ${k} is not an object`);
    const entries = Reflect.get(d, 'entries');
    if (typeof entries !== 'number' || !Number.isSafeInteger(entries) || entries < 0) throw bad(`dictionary ${k} entries`);
    return {
      entries,
      encoding: Reflect.get(d, 'encoding') === 'utf16le' ? 'utf16le' : 'utf8',
      textOffsets: bufferRef(Reflect.get(d, 'textOffsets'), `dictionary ${k} textOffsets`),
      textData: bufferRef(Reflect.get(d, 'textData'), `dictionary ${k} textData`),
    };
  });
  const columns = Reflect.get(v, 'columns');
  if (!Array.isArray(columns)) throw bad('columns');
  const out: ColumnHeader[] = columns.map((c: unknown) => {
    if (typeof c !== 'object' || c === null) throw bad('a column is not an object');
    const name = Reflect.get(c, 'name');
    const type = Reflect.get(c, 'type');
    const dict = Reflect.get(c, 'dict');
    const buffers = Reflect.get(c, 'buffers');
    const dataType = DATA_TYPES.find((t) => t === type);
    if (typeof name !== 'string' || dataType === undefined) throw bad('a column name or type');
    if (typeof buffers !== 'object' || buffers === null) throw bad(`column "${name}" has no buffers`);
    if (dict !== undefined && (typeof dict !== 'number' || !Number.isSafeInteger(dict) || dict < 0)) throw bad(`column "${name}" dictionary`);
    const refs: Record<string, BufferRef> = {};
    for (const [role, ref] of Object.entries(buffers)) refs[role] = bufferRef(ref, `column "${name}" buffer ${role}`);
    return dict === undefined ? { name, type: dataType, buffers: refs } : { name, type: dataType, dict, buffers: refs };
  });
  return { version: VERSION, numRows, dictionaries: dicts, columns: out };
}
