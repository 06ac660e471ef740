/**
 * Finding the display functions of the tslab kernel this process runs in. A notebook cell's
 * `require('tslab')` is redirected by the kernel to its own copy, but a library's is not, and a
 * second copy of tslab cannot reach the kernel. So c360 looks for the copy the kernel has already
 * loaded (its `dist/jupyter.js` is in the module cache) and takes `display` from the module next to
 * it. Outside tslab nothing is found and nothing is loaded: tslab is not a dependency of c360.
 */
import * as path from 'path';

/** The part of tslab's `display` that c360 uses. */
export interface TslabDisplay {
  html(s: string): void;
  svg(s: string): void;
  text(s: string): void;
}

/** Module ids of tslab's kernel module, with either path separator. */
const KERNEL_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

/**
 * The running tslab kernel's `display`, or null outside a tslab kernel.
 * @example findTslabDisplay()?.html('<b>hello</b>')
 */
export function findTslabDisplay(cache: NodeJS.Dict<NodeModule> = require.cache): TslabDisplay | null {
  for (const id of Object.keys(cache)) {
    if (!KERNEL_MODULE.test(id)) continue;
    let mod: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      mod = require(path.join(path.dirname(id), 'public.js')) as unknown;
    } catch {
      continue;
    }
    const d = typeof mod === 'object' && mod !== null && 'display' in mod ? mod.display : undefined;
    if (isDisplay(d)) return d;
  }
  return null;
}

function isDisplay(x: unknown): x is TslabDisplay {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Record<string, unknown>;
  return typeof d.html === 'function' && typeof d.svg === 'function' && typeof d.text === 'function';
}
