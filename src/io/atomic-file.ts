/**
 * Atomic file output: everything is written to `<path>.tmp-<pid>-<random>` in the same folder,
 * which is renamed over `path` only when the whole content has been written. On any error the
 * temporary file is removed and the error rethrown, so an existing file at `path` is never left
 * half-written. (The data is not fsync'ed: a machine crash may lose a just-renamed file, but a
 * reader never sees a partial one.)
 */
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import { C360Error } from '../errors';

/** Sequential writer handed to the producer of an atomic file. */
export interface ChunkSink {
  /** Writes the text (as UTF-8) or bytes; resolves when the file system has taken them. */
  write(chunk: string | Uint8Array): Promise<void>;
}

/**
 * Writes a file atomically: `produce` writes the content through the sink (each write is awaited,
 * which is the backpressure); the file appears at `path` only when `produce` resolves.
 * File system errors become a `C360Error` naming the path (the original is its `cause`); errors
 * thrown by `produce` are rethrown as they are.
 */
export async function writeAtomically(path: string, produce: (sink: ChunkSink) => Promise<void>): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temp, 'wx');
  } catch (err) {
    throw writeError(path, err);
  }
  let closed = false;
  try {
    const sink: ChunkSink = {
      async write(chunk) {
        try {
          if (typeof chunk === 'string') await handle.write(chunk, null, 'utf8');
          else await handle.write(chunk);
        } catch (err) {
          throw writeError(path, err);
        }
      },
    };
    await produce(sink);
    closed = true;
    await handle.close();
    await fs.rename(temp, path).catch((err: unknown) => {
      throw writeError(path, err);
    });
  } catch (err) {
    if (!closed) await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** A file system error while writing, as one sentence naming the file. */
function writeError(path: string, err: unknown): Error {
  if (err instanceof C360Error) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  const why: Record<string, string> = {
    ENOENT: 'its folder does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    ENOTDIR: 'a folder on its path is a file',
    EISDIR: 'it is a directory',
  };
  if (why[code] === undefined) return err instanceof Error ? err : new Error(String(err));
  return new C360Error(`cannot write ${path}: ${why[code]}`, { cause: err });
}
