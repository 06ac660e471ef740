/**
 * The input files of a run: checked before anything runs, read once each (only the columns the
 * models use, every column still validated), the bad-row policy applied, and offered to models
 * as scan sources.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { C360Error } from '../errors';
import { StringColumn } from '../engine/column';
import { SharedDictionary } from '../engine/dictionary';
import { DataFrame } from '../engine/frame';
import { ScanSource } from '../engine/plan';
import { RowIssue, readCsv } from '../io/csv-reader';
import { InputFile } from '../schema/inputs';
import { InputResult, roundSeconds } from './results';

/** What happens to a row that does not fit the declared schema (spec section 1). */
export type BadRowPolicy = 'reject' | 'fail' | 'keep';

/** The bad-row policies, default first. */
export const BAD_ROW_POLICIES: readonly BadRowPolicy[] = ['reject', 'fail', 'keep'];

/** The problems found in one input file. */
export interface InputIssues {
  readonly name: string;
  readonly file: string;
  readonly policy: BadRowPolicy;
  /** Every problem, in file order (a row with two bad fields has two). */
  readonly issues: readonly RowIssue[];
}

/** Progress and outcome of reading input files. */
export type InputEvent =
  | { readonly type: 'input-progress'; readonly file: string; readonly bytesRead: number; readonly totalBytes: number }
  | { readonly type: 'input-read'; readonly input: InputResult };

/** The input files of one process: read on demand, then served to scans from memory. */
export interface InputCatalog {
  /** A scan source over the file; `read` must have loaded the columns a plan asks for. */
  source(name: string): ScanSource;
  /** True for scan sources made by `source`. */
  owns(source: ScanSource): string | null;
  /** Reads the file (once; again only when more columns are asked for) and applies the bad-row policy. */
  read(name: string, columns: readonly string[]): Promise<void>;
  /**
   * Starts reading the file in the background (when it is not read or being read yet), so that
   * parsing overlaps other work; a later `read` waits for it and throws its error, if any. A file
   * that was only prefetched, never read, is not in `results`, `issues` or `retained`.
   */
  prefetch(name: string, columns: readonly string[]): void;
  /** Waits until no read or prefetch is running (a run ends with it, so no parsing outlives it). */
  settle(): Promise<void>;
  /** Rows a model sees from the file (after the policy). */
  rows(name: string): number;
  /** Drops the file's frame from memory. */
  release(name: string): void;
  /** Accounting of every file read (asked for by `read`), in declaration order. */
  results(): InputResult[];
  /** Problems of every file read that had any, in declaration order. */
  issues(): InputIssues[];
  /** The `retain` columns of every file read (after the bad-row policy), kept after `release`. */
  retained(): Record<string, DataFrame>;
}

/** Checks that the data folder and the named files exist; throws a C360Error naming what is missing. */
export function checkInputFiles(dataDir: string, files: readonly InputFile[]): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dataDir);
  } catch {
    throw new C360Error(`data folder not found: ${dataDir}`);
  }
  if (!stat.isDirectory()) throw new C360Error(`data folder not found: ${dataDir} is a file, not a folder`);
  for (const f of files) {
    const p = path.join(dataDir, ...f.path.split('/'));
    if (!fs.existsSync(p)) throw new C360Error(`missing input file ${f.path} in ${dataDir}`);
  }
}

/** The key columns of the files that other files also have: the ids the files are joined on. */
export function joinKeys(files: readonly InputFile[]): string[] {
  const keys = new Set<string>();
  for (const f of files) {
    const key = f.columns.find((c) => c.name === f.key);
    if (key === undefined || key.type !== 'string') continue;
    if (files.some((o) => o !== f && o.columns.some((c) => c.name === f.key && c.type === 'string'))) keys.add(f.key);
  }
  return [...keys];
}

/** `file:line:column: reason` (no column part for a problem with the whole row). */
export function describeIssue(file: string, issue: RowIssue): string {
  return `${file}:${issue.line}${issue.column === null ? '' : `:${issue.column}`}: ${issue.reason}`;
}

interface Loaded {
  /** Null once released. */
  frame: DataFrame | null;
  readonly rowsKept: number;
  readonly result: InputResult;
  readonly issues: readonly RowIssue[];
  /** Rows kept (for `reject`), as indices into the reader's frame; null = all. */
  readonly keep: Int32Array | null;
  /** The `retain` columns of the rows kept. */
  readonly retained: DataFrame;
}

/**
 * Opens the input files of a data folder under a bad-row policy.
 * @example const inputs = openInputs({ dataDir: './data', files: INPUT_FILES, policy: 'reject' });
 */
export function openInputs(options: {
  readonly dataDir: string;
  readonly files: readonly InputFile[];
  readonly policy: BadRowPolicy;
  readonly onEvent?: (e: InputEvent) => void;
  /**
   * Columns of each file (by declared name) to keep for the caller after the models are done with
   * the file (row accounting, data tests); they are read along with the first read's columns.
   */
  readonly retain?: Readonly<Record<string, readonly string[]>>;
  /**
   * String columns (by name) whose values are encoded into one dictionary across every file that
   * has them, so that joins, group-bys and dedupes on them compare codes. Default: the key column
   * of each file that other files also have (the ids files join on).
   */
  readonly sharedKeys?: readonly string[];
  /**
   * Dictionaries to start the shared keys from (key → dictionary), such as those of frames read
   * from earlier layers' files, so the files' ids get the codes those frames use. The other keys
   * start empty.
   */
  readonly sharedDictionaries?: ReadonlyMap<string, SharedDictionary>;
}): InputCatalog {
  const { dataDir, files, policy } = options;
  const retain = options.retain ?? {};
  const shared = new Map<string, SharedDictionary>((options.sharedKeys ?? joinKeys(files)).map((k) => [k, options.sharedDictionaries?.get(k) ?? new SharedDictionary()]));
  /** The frame with its shared-key string columns re-encoded into the run's shared dictionaries. */
  const unify = (frame: DataFrame): DataFrame => {
    if (!frame.schema.some((f) => f.type === 'string' && shared.has(f.name))) return frame;
    const columns = frame.schema.map((f, i) => {
      const c = frame.columns[i]!;
      const dict = shared.get(f.name);
      return dict !== undefined && c instanceof StringColumn ? dict.encode(c) : c;
    });
    return new DataFrame(frame.schema, columns, frame.numRows);
  };
  const emit = options.onEvent ?? ((): void => undefined);
  const loaded = new Map<string, Loaded>();
  const inflight = new Map<string, Promise<void>>();
  /** Errors of prefetches no read has collected yet. */
  const prefetchErrors = new Map<string, unknown>();
  /** Files a `read` asked for (what the accounting reports). */
  const requested = new Set<string>();
  const untrack = (name: string, p: Promise<void>): void => {
    if (inflight.get(name) === p) inflight.delete(name);
  };
  const reported = (name: string): Loaded | undefined => (requested.has(name) ? loaded.get(name) : undefined);
  const sources = new Map<string, ScanSource>();
  const owners = new Map<ScanSource, string>();
  const declared = (name: string): InputFile => {
    const f = files.find((x) => x.name === name);
    if (f === undefined) throw new C360Error(`unknown input "${name}" (inputs: ${files.map((x) => x.name).join(', ')})`);
    return f;
  };

  async function readFile(file: InputFile, columns: readonly string[]): Promise<{ frame: DataFrame; issues: RowIssue[]; rowsRead: number; bytes: number; seconds: number }> {
    const t0 = performance.now();
    const { frame, issues, rowsRead, bytes } = await readCsv({
      path: path.join(dataDir, ...file.path.split('/')),
      label: file.path,
      schema: file.columns,
      columns: file.columns.filter((c) => columns.includes(c.name)).map((c) => c.name),
      // Every column is checked so the rows set aside do not depend on which columns the models read.
      validateAll: true,
      onProgress: (bytesRead, totalBytes) => emit({ type: 'input-progress', file: file.path, bytesRead, totalBytes }),
    });
    return { frame: unify(frame), issues, rowsRead, bytes, seconds: (performance.now() - t0) / 1000 };
  }

  async function readNow(name: string, columns: readonly string[]): Promise<void> {
    const file = declared(name);
    const prior = loaded.get(name);
    if (prior !== undefined) {
      const have = prior.frame;
      if (have !== null && columns.every((c) => have.has(c))) return;
      // Released, or more columns than the first read: read again; the issues are the same (every column is validated).
      const wanted = [...new Set([...(have?.columnNames ?? []), ...columns])];
      const again = await readFile(file, wanted);
      prior.frame = prior.keep === null ? again.frame : again.frame.take(prior.keep);
      return;
    }
    const kept = (retain[name] ?? []).filter((c) => file.columns.some((f) => f.name === c));
    const { frame, issues, rowsRead, bytes, seconds } = await readFile(file, [...new Set([...columns, ...kept])]);
    if (policy === 'fail' && issues.length > 0) throw new C360Error(describeIssue(file.path, issues[0]!));
    const bad = new Uint8Array(rowsRead);
    let badRows = 0;
    for (const i of issues) {
      if (bad[i.row] === 0) badRows++;
      bad[i.row] = 1;
    }
    let keep: Int32Array | null = null;
    if (policy === 'reject' && badRows > 0) {
      keep = new Int32Array(rowsRead - badRows);
      let k = 0;
      for (let r = 0; r < rowsRead; r++) if (bad[r] === 0) keep[k++] = r;
    }
    const result: InputResult = {
      name,
      file: file.path,
      rows_read: rowsRead,
      rows_rejected: policy === 'reject' ? badRows : 0,
      rows_with_issues: badRows,
      bytes,
      seconds: roundSeconds(seconds),
    };
    const used = keep === null ? frame : frame.take(keep);
    loaded.set(name, { frame: used, rowsKept: rowsRead - result.rows_rejected, result, issues, keep, retained: used.select(file.columns.filter((f) => kept.includes(f.name)).map((f) => f.name)) });
    emit({ type: 'input-read', input: result });
  }

  const catalog: InputCatalog = {
    source(name) {
      const file = declared(name);
      let s = sources.get(name);
      if (s === undefined) {
        s = {
          name: file.path,
          schema: file.columns.map((c) => ({ name: c.name, type: c.type })),
          load: async (columns) => {
            await catalog.read(name, columns);
            return loaded.get(name)!.frame!.select(columns);
          },
        };
        sources.set(name, s);
        owners.set(s, name);
      }
      return s;
    },
    owns(s) {
      return owners.get(s) ?? null;
    },
    async read(name, columns) {
      const pending = inflight.get(name);
      if (pending !== undefined) await pending.catch(() => undefined);
      requested.add(name);
      if (prefetchErrors.has(name)) {
        const err = prefetchErrors.get(name);
        prefetchErrors.delete(name);
        throw err;
      }
      const p = readNow(name, columns);
      inflight.set(name, p);
      try {
        await p;
      } finally {
        untrack(name, p);
      }
    },
    prefetch(name, columns) {
      declared(name);
      if (loaded.has(name) || inflight.has(name)) return;
      const p = readNow(name, columns);
      inflight.set(name, p);
      p.then(
        () => untrack(name, p),
        (err: unknown) => {
          untrack(name, p);
          prefetchErrors.set(name, err);
        },
      );
    },
    async settle() {
      while (inflight.size > 0) await Promise.allSettled([...inflight.values()]);
    },
    rows(name) {
      const l = loaded.get(name);
      if (l === undefined) throw new C360Error(`input ${name} has not been read`);
      return l.rowsKept;
    },
    release(name) {
      const drop = (): void => {
        const l = loaded.get(name);
        if (l !== undefined) l.frame = null;
      };
      drop();
      // A prefetch still running would store its frame after this: drop it when it lands.
      const pending = inflight.get(name);
      if (pending !== undefined) pending.then(drop, () => undefined);
    },
    results() {
      return files.filter((f) => reported(f.name) !== undefined).map((f) => reported(f.name)!.result);
    },
    issues() {
      return files
        .filter((f) => (reported(f.name)?.issues.length ?? 0) > 0)
        .map((f) => ({ name: f.name, file: f.path, policy, issues: reported(f.name)!.issues }));
    },
    retained() {
      return Object.fromEntries(files.filter((f) => reported(f.name) !== undefined).map((f) => [f.name, reported(f.name)!.retained]));
    },
  };
  return catalog;
}
