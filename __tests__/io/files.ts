/**
 * Temporary files for the io tests: one folder per test file, removed afterwards.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A temporary folder for a test file; call `cleanup` in `afterAll`. */
export function tempFolder(prefix: string): { dir: string; file: (name: string, content?: string | Uint8Array) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `c360-${prefix}-`));
  let n = 0;
  return {
    dir,
    file(name, content) {
      const p = path.join(dir, `${n++}-${name}`);
      if (content !== undefined) fs.writeFileSync(p, content);
      return p;
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
