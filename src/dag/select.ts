/**
 * Model selection as set algebra over the graph, in dbt's syntax:
 * `name`, `+name` (with its ancestors), `name+` (with its descendants), `+name+`, `layer:NAME`
 * (also with `+`), `*` wildcards in names; several values (or space-separated terms) are a union,
 * `a,b` is an intersection, and `--exclude` takes the same syntax and subtracts.
 *
 * Models are computed in memory, so a selected model's unselected ancestors still have to run:
 * they run as dependencies (reported with `selected: false`, and written only with --write-all).
 * An excluded model that a selected model reads therefore still runs, as a dependency.
 */
import { UsageError } from '../errors';
import { LAYERS } from '../models/define';
import { ModelGraph, ancestorsOf, descendantsOf, suggest } from './graph';

/** What a selection asks for and what has to run for it. */
export interface Selection {
  /** The models the user selected, in run order. */
  readonly selected: readonly string[];
  /** The models to run: the selected ones and the upstream models they need, in run order. */
  readonly run: readonly string[];
  /** Models that run only because a selected model reads them (not selected themselves), in run order. */
  readonly dependencies: readonly string[];
}

/** Selection options, as given on the command line. */
export interface SelectOptions {
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
}

/**
 * Resolves `--select` and `--exclude` to the models to run; unknown names are a UsageError.
 * With no `select` every model is selected.
 * @example selectModels(graph, { select: ['+fct_customer_360_profile'], exclude: ['layer:sources'] })
 */
export function selectModels(graph: ModelGraph, options: SelectOptions = {}): Selection {
  const terms = (values: readonly string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(/\s+/)).filter((t) => t !== '');
  const selectTerms = terms(options.select);
  let chosen = selectTerms.length === 0 ? new Set(graph.order) : union(selectTerms.map((t) => matchTerm(graph, t, '--select')));
  const excluded = union(terms(options.exclude).map((t) => matchTerm(graph, t, '--exclude')));
  chosen = new Set([...chosen].filter((n) => !excluded.has(n)));
  if (chosen.size === 0) {
    const what = [selectTerms.length > 0 ? `--select ${selectTerms.join(' ')}` : '', excluded.size > 0 ? `--exclude ${terms(options.exclude).join(' ')}` : ''].filter((x) => x !== '');
    throw new UsageError(`the selection (${what.join(' ')}) matches no models`);
  }
  const needed = new Set([...chosen, ...ancestorsOf(graph, chosen)]);
  return {
    selected: graph.order.filter((n) => chosen.has(n)),
    run: graph.order.filter((n) => needed.has(n)),
    dependencies: graph.order.filter((n) => needed.has(n) && !chosen.has(n)),
  };
}

function union(sets: readonly Set<string>[]): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}

/** One term: atoms joined by commas (intersection). */
function matchTerm(graph: ModelGraph, term: string, flag: string): Set<string> {
  const parts = term.split(',').filter((p) => p !== '');
  const sets = parts.map((p) => matchAtom(graph, p, flag));
  if (sets.length === 0) return new Set();
  return new Set([...sets[0]!].filter((x) => sets.every((s) => s.has(x))));
}

/** One atom: `[+]method[+]` where method is a model name (with `*` wildcards) or `layer:NAME`. */
function matchAtom(graph: ModelGraph, atom: string, flag: string): Set<string> {
  const m = /^(\+?)(.*?)(\+?)$/.exec(atom)!;
  const withAncestors = m[1] === '+';
  const withDescendants = m[3] === '+';
  const body = m[2]!;
  if (body === '') throw new UsageError(`${flag} "${atom}" names no model`);
  let base: Set<string>;
  if (body.startsWith('layer:')) {
    const layer = body.slice('layer:'.length);
    if (!(LAYERS as readonly string[]).includes(layer)) throw new UsageError(`unknown layer "${layer}" in ${flag}${suggest(layer, LAYERS)} (layers: ${LAYERS.join(', ')})`);
    base = new Set(graph.order.filter((n) => graph.nodes.get(n)!.model.layer === layer));
  } else if (body.includes(':')) {
    throw new UsageError(`unknown selector "${body}" in ${flag}; use a model name or layer:NAME`);
  } else if (body.includes('*')) {
    const re = new RegExp(`^${body.split('*').map(escapeRegExp).join('.*')}$`);
    base = new Set(graph.order.filter((n) => re.test(n)));
    if (base.size === 0) throw new UsageError(`${flag} "${body}" matches no model`);
  } else {
    if (!graph.nodes.has(body)) throw new UsageError(`unknown model "${body}" in ${flag}${suggest(body, graph.order)}`);
    base = new Set([body]);
  }
  const out = new Set(base);
  if (withAncestors) for (const a of ancestorsOf(graph, base)) out.add(a);
  if (withDescendants) for (const d of descendantsOf(graph, base)) out.add(d);
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
