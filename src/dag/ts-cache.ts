/**
 * Development only (running from .ts, e.g. under jest): a disk cache in front of ts-node for the
 * separate sessions' child processes, loaded with `-r` after `ts-node/register/transpile-only`.
 * Each child would otherwise transpile the whole engine again; with the cache a child starts in a
 * fraction of the time. Entries are keyed by the file's path and text and the tsconfig's text,
 * so an edit is never served stale. Compiled runs (`dist/`) never load this.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A module as Node's loader hands it to an extension handler. */
interface CompilingModule extends NodeJS.Module {
  _compile(code: string, filename: string): unknown;
}

type ExtensionHandler = (m: CompilingModule, filename: string) => void;

/** The cache folder (one per user). */
export const TS_CACHE_DIR = path.join(os.tmpdir(), `c360-ts-cache-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function save(file: string, code: string): void {
  try {
    fs.mkdirSync(TS_CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/** Wraps the registered `.ts` handler with the cache; does nothing when none is registered. */
export function installTsCache(): void {
  const handlers = require.extensions as unknown as Record<string, ExtensionHandler | undefined>;
  const transpile = handlers['.ts'];
  if (transpile === undefined) return;
  const project = process.env.TS_NODE_PROJECT;
  const config = (project === undefined ? null : readOrNull(project)) ?? '';
  handlers['.ts'] = (m, filename) => {
    const text = readOrNull(filename);
    if (text === null) return transpile(m, filename);
    const key = createHash('sha1').update(filename).update('\0').update(text).update('\0').update(config).digest('hex');
    const entry = path.join(TS_CACHE_DIR, `${key}.js`);
    const cached = readOrNull(entry);
    if (cached !== null) {
      m._compile(cached, filename);
      return;
    }
    const compile = m._compile;
    m._compile = function (this: CompilingModule, code: string, file: string): unknown {
      save(entry, code);
      return compile.call(this, code, file);
    };
    transpile(m, filename);
  };
}

installTsCache();
