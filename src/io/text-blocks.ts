/**
 * Reads a file as blocks of whole physical lines of UTF-8 text, with the next read already under
 * way while the caller parses the current block.
 *
 * A block is cut after the last LF byte of what has been read, so a multi-byte character is never
 * split (0x0A never occurs inside a UTF-8 sequence). A leading UTF-8 byte order mark is dropped.
 * Invalid UTF-8 is decoded with U+FFFD replacement characters and the character ranges of the
 * lines that held it are returned, so the caller can report those rows.
 */
import { promises as fs } from 'fs';
import { isAscii, isUtf8 } from 'buffer';

/** Bytes asked of the file system per read. */
export const READ_SIZE = 4 << 20;

/** Free bytes before each chunk read (see `TextBlockReader.readAt`). */
const HEADROOM = 64 << 10;

/** Lines longer than this many bytes are refused (V8 cannot hold much longer strings safely). */
export const MAX_LINE_BYTES = 256 << 20;

/** One block of decoded text. */
export interface TextBlock {
  /** Whole physical lines (each ended by LF), except possibly the last line of the file. */
  readonly text: string;
  /** True for the last block: the text runs to the end of the file. */
  readonly eof: boolean;
  /** [start, end) character offsets, in pairs, of the lines that held invalid UTF-8. */
  readonly invalid: readonly number[];
  /** The block's bytes when they are all ASCII (then character i of `text` is byte i), else null. */
  readonly bytes: Uint8Array | null;
}

/** Thrown by `TextBlockReader.next` when a physical line exceeds `MAX_LINE_BYTES`. */
export class LineTooLongError extends Error {
  constructor() {
    super(`a line is longer than ${MAX_LINE_BYTES >> 20} MB`);
    this.name = 'LineTooLongError';
  }
}

/** A byte window of a file: [start, end). A window that starts after byte 0 has no byte order mark. */
export interface ByteWindow {
  readonly start: number;
  readonly end: number;
}

/** Sequential reader of a file (or of a byte window of it) as text blocks; `close` it when done. */
export class TextBlockReader {
  private position: number;
  private readonly stop: number;
  private inflight: Promise<Buffer> | null = null;
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private first: boolean;
  private done = false;

  private constructor(
    private readonly handle: fs.FileHandle,
    /** Size of the file when it was opened. */
    readonly totalBytes: number,
    private readonly onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined,
    window: ByteWindow | undefined,
  ) {
    this.position = window?.start ?? 0;
    this.stop = window === undefined ? Infinity : window.end;
    this.first = this.position === 0;
  }

  /**
   * Opens a file (errors are the file system's). With a window, only the bytes of [start, end)
   * are read (the window should start at the beginning of a line).
   */
  static async open(path: string, onProgress?: (bytesRead: number, totalBytes: number) => void, window?: ByteWindow): Promise<TextBlockReader> {
    const handle = await fs.open(path, 'r');
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) {
        const err: NodeJS.ErrnoException = new Error(`EISDIR: illegal operation on a directory, read`);
        err.code = 'EISDIR';
        throw err;
      }
      return new TextBlockReader(handle, stat.size, onProgress, window);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** Bytes read so far (for a window: the file offset reached). */
  get bytesRead(): number {
    return this.position;
  }

  /**
   * The next block, holding at least `minBytes` bytes unless the file ends first; null once the
   * last block has been returned.
   */
  async next(minBytes = READ_SIZE): Promise<TextBlock | null> {
    if (this.done) return null;
    for (;;) {
      const chunk = await this.read();
      if (chunk.length === 0) {
        this.done = true;
        return this.decode(this.take(this.pending.length, null), true);
      }
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes < minBytes) continue;
      const lastLf = chunk.lastIndexOf(10);
      if (lastLf === -1) {
        if (this.pendingBytes > MAX_LINE_BYTES) throw new LineTooLongError();
        continue;
      }
      return this.decode(this.take(this.pending.length - 1, chunk.subarray(0, lastLf + 1)), false);
    }
  }

  /** Closes the file. */
  async close(): Promise<void> {
    this.done = true;
    if (this.inflight !== null) await this.inflight.catch(() => undefined);
    await this.handle.close();
  }

  /** Awaits the read under way (or starts one) and starts the next. */
  private async read(): Promise<Buffer> {
    const current = this.inflight ?? this.readAt();
    this.inflight = null;
    const chunk = await current;
    if (chunk.length > 0) {
      this.inflight = this.readAt();
      this.onProgress?.(this.position, this.totalBytes);
    }
    return chunk;
  }

  /**
   * Reads the next chunk into a buffer of its own with `HEADROOM` free bytes before it, where the
   * end of the previous chunk (a partial line) is usually copied rather than copying the chunk.
   */
  private readAt(): Promise<Buffer> {
    const at = this.position;
    const size = Math.max(0, Math.min(READ_SIZE, this.stop - at));
    if (size === 0) return Promise.resolve(Buffer.alloc(0));
    const buf = Buffer.allocUnsafeSlow(HEADROOM + size);
    return this.handle.read(buf, HEADROOM, size, at).then(({ bytesRead }) => {
      this.position = at + bytesRead;
      return buf.subarray(HEADROOM, HEADROOM + bytesRead);
    });
  }

  /** Joins the first `count` pending chunks and `last`, keeping what follows in pending. */
  private take(count: number, last: Buffer | null): Buffer {
    const lastChunk = this.pending[this.pending.length - 1];
    const parts = this.pending.slice(0, count);
    if (last !== null) parts.push(last);
    this.pending.length = 0;
    this.pendingBytes = 0;
    if (last !== null && lastChunk !== undefined && last.length < lastChunk.length) {
      const rest = lastChunk.subarray(last.length);
      this.pending.push(rest);
      this.pendingBytes = rest.length;
    }
    if (parts.length === 1) return parts[0]!;
    const head = parts[0]!;
    if (parts.length === 2 && last !== null && last.byteOffset === HEADROOM && head.length <= HEADROOM) {
      // `last` starts a chunk read by `readAt`: the head goes into the free bytes before it.
      const joined = Buffer.from(last.buffer, HEADROOM - head.length, head.length + last.length);
      head.copy(joined, 0);
      return joined;
    }
    return Buffer.concat(parts);
  }

  private decode(bytes: Buffer, eof: boolean): TextBlock {
    if (this.first) {
      this.first = false;
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    // ASCII is by far the most common case and latin1 decoding of it is a plain copy.
    if (isAscii(bytes)) return { text: bytes.toString('latin1'), eof, invalid: [], bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
    if (isUtf8(bytes)) return { text: bytes.toString('utf8'), eof, invalid: [], bytes: null };
    const parts: string[] = [];
    const invalid: number[] = [];
    let chars = 0;
    for (let b = 0; b < bytes.length; ) {
      const lf = bytes.indexOf(10, b);
      const e = lf === -1 ? bytes.length : lf + 1;
      const line = bytes.subarray(b, e);
      const s = line.toString('utf8');
      if (!isUtf8(line)) invalid.push(chars, chars + s.length);
      parts.push(s);
      chars += s.length;
      b = e;
    }
    return { text: parts.join(''), eof, invalid, bytes: null };
  }
}
