import * as fs from 'fs';
import { once } from 'events';

/** Bytes the stream may buffer before `write` asks the caller to wait for 'drain'. */
const HIGH_WATER_MARK = 8 << 20;

/**
 * One output file, written through `<path>.tmp` and renamed to `<path>` when complete.
 * Writers hand it whole chunks; `blocked` turns true when the stream wants the caller to wait.
 */
export class FileSink {
  blocked = false;
  private readonly stream: fs.WriteStream;
  private failure: Error | undefined;

  constructor(readonly path: string) {
    this.stream = fs.createWriteStream(`${path}.tmp`, { highWaterMark: HIGH_WATER_MARK });
    this.stream.on('error', (err: Error) => {
      this.failure = err;
    });
  }

  /** Queues a chunk; it must not be modified until `written` is called (once it is on disk). */
  write(chunk: Uint8Array, written?: () => void): void {
    if (!this.stream.write(chunk, written)) this.blocked = true;
  }

  /** Resolves when the stream's buffer has drained (at once when it is not blocked). */
  async drain(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (!this.blocked) return;
    await once(this.stream, 'drain');
    this.blocked = false;
  }

  /** Finishes the file, renames it into place and returns its size in bytes. */
  async close(): Promise<number> {
    if (this.failure !== undefined) throw this.failure;
    const closed = once(this.stream, 'close');
    this.stream.end();
    await closed;
    if (this.failure !== undefined) throw this.failure;
    await fs.promises.rename(`${this.path}.tmp`, this.path);
    return this.stream.bytesWritten;
  }

  /** Stops writing and removes the temporary file (used when generation fails). */
  async abort(): Promise<void> {
    this.stream.destroy();
    await fs.promises.rm(`${this.path}.tmp`, { force: true });
  }
}
