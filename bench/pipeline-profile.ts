/**
 * Summarises V8 CPU profiles (`node --cpu-prof`) of a c360 run: where the time goes, by part of
 * the pipeline (CSV framing, dictionary encoding, field parsing, joins, aggregation, writing, GC,
 * ...), by function (self time, and inclusive time), with each function's source file and line
 * (mapped back to src/*.ts through dist's source maps when they can be read).
 *
 * Self time of a built-in (a sample in `indexOf`, `slice`, a typed-array constructor: no script
 * URL) is charged to the nearest JavaScript caller, so "CSV framing" includes the
 * `String.prototype.indexOf` calls that the framing code makes.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Measurement } from './pipeline-measure';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A part of the pipeline, by source file of the code that ran. */
interface Part {
  readonly label: string;
  readonly test: RegExp;
}

/** First match wins; tested against the file's path relative to dist (e.g. `io/csv-framing.js`). */
const PARTS: readonly Part[] = [
  { label: 'CSV framing / line & field splitting (io/csv-framing, io/text-blocks)', test: /^io\/(csv-framing|text-blocks)\./ },
  { label: 'dictionary encoding of strings (io/string-dictionary)', test: /^io\/string-dictionary\./ },
  { label: 'field parsing: numbers, dates, timestamps (io/field-parsers, engine/parse)', test: /^(io\/field-parsers|engine\/parse)\./ },
  { label: 'CSV reader: row loop, column sinks, validation (io/csv-reader, io/csv-columns)', test: /^io\/(csv-reader|csv-columns)\./ },
  { label: 'hash keys / factorize (engine/exec/factorize)', test: /^engine\/exec\/factorize\./ },
  { label: 'joins (engine/exec/join)', test: /^engine\/exec\/join\./ },
  { label: 'aggregation (engine/exec/aggregate)', test: /^engine\/exec\/aggregate\./ },
  { label: 'sort / dedupe (engine/exec/order)', test: /^engine\/exec\/order\./ },
  { label: 'expression evaluation (engine/exec/eval, engine/expr)', test: /^engine\/(exec\/eval|expr)\./ },
  { label: 'other kernels (engine/exec/*)', test: /^engine\/exec\// },
  { label: 'columns & frames: take, select, builders (engine/column, engine/frame)', test: /^engine\/(column|frame)\./ },
  { label: 'plans & optimizer (engine/plan)', test: /^engine\/plan\./ },
  { label: 'writing the product (io/csv-writer, engine/format, io/atomic-file)', test: /^(io\/(csv-writer|atomic-file)|engine\/format)\./ },
  { label: 'runner, models, summary (dag, models, report, cli, quality)', test: /^(dag|models|report|cli|quality|schema|charts)\// },
  { label: 'other c360 code', test: /^[a-z]/ },
];

const GC = '(garbage collector)';
const IDLE = new Set(['(idle)', '(program)', '(root)']);

/** The file of a frame: `dist-relative/path.js`, `node:...`, `node_modules/...`, or '' (built-in). */
function fileOf(url: string, distRoot: string): string {
  if (url === '') return '';
  let p = url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
  if (p.startsWith('node:')) return p;
  const nm = p.indexOf('/node_modules/');
  if (nm >= 0) return `node_modules/${p.slice(nm + 14)}`;
  const root = distRoot.endsWith('/') ? distRoot : `${distRoot}/`;
  if (p.startsWith(root)) p = p.slice(root.length);
  return p;
}

function partOf(file: string, fn: string): string {
  if (fn === GC) return 'garbage collection';
  if (IDLE.has(fn)) return 'idle / program (waiting on I/O, V8 compiler, not attributed)';
  if (file.startsWith('node:')) return 'Node.js internals (fs, streams, module loading)';
  if (file.startsWith('node_modules/')) return 'dependencies (yargs, papaparse, ...)';
  for (const p of PARTS) if (p.test.test(file)) return p.label;
  return file === '' ? 'built-ins without a JavaScript caller' : `other: ${file}`;
}

interface SourceMapper {
  /** `src/x.ts:line` of a dist position (0-based line and column as in profiles), or null. */
  at(file: string, line: number, column: number): string | null;
}

interface SourceMapConsumerLike {
  originalPositionFor(pos: { line: number; column: number }): { source: string | null; line: number | null };
}

/** Maps dist positions to src through the `.js.map` files, when the source-map package loads. */
function sourceMapper(distRoot: string): SourceMapper {
  let Consumer: (new (raw: string) => SourceMapConsumerLike) | null = null;
  try {
    // A dependency of the test tooling, not of c360: used only when it is there.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Consumer = (require('source-map') as { SourceMapConsumer: new (raw: string) => SourceMapConsumerLike }).SourceMapConsumer;
  } catch {
    Consumer = null;
  }
  const cache = new Map<string, SourceMapConsumerLike | null>();
  return {
    at(file, line, column) {
      if (!file.endsWith('.js') || file.startsWith('node') || Consumer === null) return null;
      let c = cache.get(file);
      if (c === undefined) {
        const mapFile = path.join(distRoot, `${file}.map`);
        c = fs.existsSync(mapFile) ? new Consumer(fs.readFileSync(mapFile, 'utf8')) : null;
        cache.set(file, c);
      }
      if (c === null) return null;
      const pos = c.originalPositionFor({ line: line + 1, column });
      if (pos.source === null || pos.line === null) return null;
      const src = path.normalize(path.join(path.dirname(file), pos.source)).replace(/^(\.\.\/)+/, '');
      return `${src}:${pos.line}`;
    },
  };
}

interface Row {
  readonly key: string;
  readonly name: string;
  readonly where: string;
  ms: number;
}

/** Options of `summariseProfiles`. */
export interface SummaryOptions {
  /** The dist folder the profiled run loaded (to make paths relative and map them to src). */
  readonly distRoot: string;
  readonly title: string;
  /** The profiled run's measurement, to print wall and CPU. */
  readonly measurement?: Measurement;
  /** Rows in the function tables (default 30). */
  readonly top?: number;
}

/** Summarises one or more `.cpuprofile` files (the main thread's and any worker's) as markdown. */
export function summariseProfiles(files: readonly string[], options: SummaryOptions): string {
  const top = options.top ?? 30;
  const mapper = sourceMapper(options.distRoot);
  const lines: string[] = [`## ${options.title}`, ''];
  if (options.measurement !== undefined) {
    const m = options.measurement;
    lines.push(
      `Profiled run (under --cpu-prof, sampling every 0.5 ms, which slows it a little): wall ${m.wallSeconds.toFixed(1)} s, CPU ${m.cpuSeconds.toFixed(1)} s (user ${m.userSeconds.toFixed(1)}, sys ${m.sysSeconds.toFixed(1)}), peak RSS ${m.maxRssMB.toFixed(0)} MB, load ${m.loadStart.toFixed(1)} → ${m.loadEnd.toFixed(1)}.`,
      '',
    );
  }
  for (const file of files) {
    const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    const byId = new Map<number, ProfileNode>();
    const parent = new Map<number, number>();
    for (const n of prof.nodes) {
      byId.set(n.id, n);
      for (const c of n.children ?? []) parent.set(c, n.id);
    }
    // Sample durations: the time until the next sample (the last sample gets the mean).
    const total = (prof.endTime - prof.startTime) / 1000;
    const deltas = prof.timeDeltas;
    const meanDelta = deltas.length > 0 ? deltas.reduce((a, b) => a + b, 0) / deltas.length : 0;
    const selfMs = new Map<number, number>();
    for (let i = 0; i < prof.samples.length; i++) {
      const d = (i + 1 < deltas.length ? deltas[i + 1]! : meanDelta) / 1000;
      const id = prof.samples[i]!;
      selfMs.set(id, (selfMs.get(id) ?? 0) + d);
    }
    const frameFile = (n: ProfileNode): string => fileOf(n.callFrame.url, options.distRoot);
    // The nearest node with a script (built-ins are charged to it).
    const owner = (id: number): ProfileNode => {
      const n = byId.get(id)!;
      const fn = n.callFrame.functionName;
      if (fn === GC || IDLE.has(fn)) return n;
      let cur: number | undefined = id;
      while (cur !== undefined) {
        const c: ProfileNode = byId.get(cur)!;
        if (c.callFrame.url !== '') return c;
        cur = parent.get(cur);
      }
      return n;
    };
    const nameOf = (n: ProfileNode): string => n.callFrame.functionName || '(anonymous)';
    const whereOf = (n: ProfileNode): string => {
      const f = frameFile(n);
      if (f === '') return '(built-in)';
      return mapper.at(f, n.callFrame.lineNumber, n.callFrame.columnNumber) ?? `${f}:${n.callFrame.lineNumber + 1}`;
    };
    const keyOf = (n: ProfileNode): string => `${nameOf(n)}@${n.callFrame.url}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;

    const parts = new Map<string, number>();
    const selfRows = new Map<string, Row>();
    const builtinRows = new Map<string, Row>();
    let sampled = 0;
    for (const [id, ms] of selfMs) {
      sampled += ms;
      const raw = byId.get(id)!;
      const o = owner(id);
      const part = partOf(frameFile(o), o.callFrame.functionName);
      parts.set(part, (parts.get(part) ?? 0) + ms);
      const k = keyOf(o);
      let r = selfRows.get(k);
      if (r === undefined) selfRows.set(k, (r = { key: k, name: nameOf(o), where: whereOf(o), ms: 0 }));
      r.ms += ms;
      if (raw.callFrame.url === '' && raw !== o) {
        const bk = `${nameOf(raw)} ← ${nameOf(o)}`;
        let b = builtinRows.get(bk);
        if (b === undefined) builtinRows.set(bk, (b = { key: bk, name: bk, where: whereOf(o), ms: 0 }));
        b.ms += ms;
      }
    }
    // Inclusive time: each sample counts once for every distinct function on its stack.
    const inclusive = new Map<string, Row>();
    for (const [id, ms] of selfMs) {
      const seen = new Set<string>();
      let cur: number | undefined = id;
      while (cur !== undefined) {
        const n: ProfileNode = byId.get(cur)!;
        if (n.callFrame.url !== '' && frameFile(n).endsWith('.js') && !frameFile(n).startsWith('node')) {
          const k = keyOf(n);
          if (!seen.has(k)) {
            seen.add(k);
            let r = inclusive.get(k);
            if (r === undefined) inclusive.set(k, (r = { key: k, name: nameOf(n), where: whereOf(n), ms: 0 }));
            r.ms += ms;
          }
        }
        cur = parent.get(cur);
      }
    }

    const pct = (ms: number): string => `${((100 * ms) / sampled).toFixed(1)}%`;
    const s = (ms: number): string => (ms / 1000).toFixed(2);
    lines.push(`### ${path.basename(file)}: ${(total / 1000).toFixed(1)} s profiled, ${(sampled / 1000).toFixed(1)} s in samples`, '');
    lines.push('**By part of the pipeline** (self time; built-ins charged to their JavaScript caller):', '', '| part | seconds | share |', '|---|---|---|');
    for (const [label, ms] of [...parts].sort((a, b) => b[1] - a[1])) lines.push(`| ${label} | ${s(ms)} | ${pct(ms)} |`);
    lines.push('');
    lines.push(`**Top ${top} functions by self time** (built-ins included in their caller):`, '', '| function | source | self s | share |', '|---|---|---|---|');
    for (const r of [...selfRows.values()].sort((a, b) => b.ms - a.ms).slice(0, top)) lines.push(`| \`${r.name}\` | ${r.where} | ${s(r.ms)} | ${pct(r.ms)} |`);
    lines.push('');
    lines.push('**Top built-ins by self time** (built-in ← its JavaScript caller):', '', '| built-in ← caller | caller source | self s | share |', '|---|---|---|---|');
    for (const r of [...builtinRows.values()].sort((a, b) => b.ms - a.ms).slice(0, 15)) lines.push(`| \`${r.name}\` | ${r.where} | ${s(r.ms)} | ${pct(r.ms)} |`);
    lines.push('');
    lines.push(`**Top ${top} c360 functions by inclusive time** (self + callees):`, '', '| function | source | inclusive s | share |', '|---|---|---|---|');
    const ours = [...inclusive.values()].filter((r) => !r.where.startsWith('node_modules'));
    for (const r of ours.sort((a, b) => b.ms - a.ms).slice(0, top)) lines.push(`| \`${r.name}\` | ${r.where} | ${s(r.ms)} | ${pct(r.ms)} |`);
    lines.push('');
  }
  return lines.join('\n');
}
