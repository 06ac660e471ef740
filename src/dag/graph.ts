/**
 * The model graph: inputs resolved to models and input files before anything runs, checked for
 * unknown names, cycles and reads from later layers, and put in run order.
 */
import { C360Error } from '../errors';
import { LAYERS, Layer, Model } from '../models/define';
import { INPUT_FILES, InputFile } from '../schema/inputs';
import { DiscoveredModel, ModelRegistry, compareNames } from './registry';

/** A model with its inputs resolved. */
export interface GraphNode {
  readonly model: Model;
  readonly file: string;
  /** Upstream models it reads, by name (sorted, unique). */
  readonly parents: readonly string[];
  /** Downstream models that read it, by name (sorted, unique). */
  readonly children: readonly string[];
  /** Input files it reads, by declared name (sorted, unique). */
  readonly sources: readonly string[];
}

/** The resolved graph of a registry. */
export interface ModelGraph {
  /** Every model by name. */
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Every model name in run order: layers in order, topological within a layer, alphabetical among independent models. */
  readonly order: readonly string[];
  /** The declared input files the models may read. */
  readonly inputs: readonly InputFile[];
}

/** The layer's position in LAYERS. */
export function layerIndex(layer: Layer): number {
  return LAYERS.indexOf(layer);
}

/**
 * Resolves every model's inputs and orders the models; throws a C360Error naming the model and the
 * input for an unknown source or ref, a read from a later layer, or a cycle (`a --> b --> a`).
 */
export function buildGraph(registry: ModelRegistry, inputs: readonly InputFile[] = INPUT_FILES): ModelGraph {
  const byName = new Map<string, DiscoveredModel>(registry.models.map((d) => [d.model.name, d]));
  const inputNames = inputs.map((f) => f.name);
  const parents = new Map<string, string[]>();
  const sources = new Map<string, string[]>();
  for (const { model, file } of registry.models) {
    const ps = new Set<string>();
    const ss = new Set<string>();
    for (const r of Object.values(model.inputs)) {
      if (r.kind === 'source') {
        if (!inputNames.includes(r.name)) {
          throw new C360Error(`model ${model.name} (${file}) reads source('${r.name}'), which is not an input file${suggest(r.name, inputNames)} (inputs: ${inputNames.join(', ')})`);
        }
        ss.add(r.name);
      } else {
        const up = byName.get(r.name);
        if (up === undefined) throw new C360Error(`model ${model.name} (${file}) reads ref('${r.name}'), which is not a model${suggest(r.name, [...byName.keys()])}`);
        if (layerIndex(up.model.layer) > layerIndex(model.layer)) {
          throw new C360Error(
            `model ${model.name} (layer ${model.layer}) reads ref('${r.name}') from the later layer ${up.model.layer}; a model may read only from its own or earlier layers (${LAYERS.join(' -> ')})`,
          );
        }
        ps.add(r.name);
      }
    }
    parents.set(model.name, [...ps].sort(compareNames));
    sources.set(model.name, [...ss].sort());
  }
  const children = new Map<string, string[]>([...byName.keys()].map((n) => [n, []]));
  for (const [name, ps] of parents) for (const p of ps) children.get(p)!.push(name);
  for (const cs of children.values()) cs.sort(compareNames);

  const cycle = findCycle([...byName.keys()].sort(compareNames), parents);
  if (cycle !== null) throw new C360Error(`the models form a cycle: ${cycle.join(' --> ')} (each arrow points from a model to one that reads it)`);

  const nodes = new Map<string, GraphNode>();
  for (const d of registry.models) {
    const name = d.model.name;
    nodes.set(name, { model: d.model, file: d.file, parents: parents.get(name)!, children: children.get(name)!, sources: sources.get(name)! });
  }
  return { nodes, order: runOrder(nodes), inputs };
}

/** Kahn's algorithm with a ready set ordered by (layer, name). */
function runOrder(nodes: ReadonlyMap<string, GraphNode>): string[] {
  const waiting = new Map<string, number>([...nodes].map(([n, node]) => [n, node.parents.length]));
  const rank = (n: string): [number, string] => [layerIndex(nodes.get(n)!.model.layer), n];
  const before = (a: string, b: string): number => {
    const [la, na] = rank(a);
    const [lb, nb] = rank(b);
    return la - lb || compareNames(na, nb);
  };
  const ready = [...waiting].filter(([, k]) => k === 0).map(([n]) => n);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort(before);
    const next = ready.shift()!;
    order.push(next);
    for (const c of nodes.get(next)!.children) {
      const k = waiting.get(c)! - 1;
      waiting.set(c, k);
      if (k === 0) ready.push(c);
    }
  }
  return order;
}

/** A cycle as a path in data-flow order starting and ending at the same model, or null. */
function findCycle(names: readonly string[], parents: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  // Depth-first along "reads" edges; a model met again while open closes a cycle.
  const visit = (n: string): string[] | null => {
    state.set(n, 'open');
    stack.push(n);
    for (const p of parents.get(n) ?? []) {
      const s = state.get(p);
      if (s === 'open') {
        const reads = stack.slice(stack.indexOf(p)); // p reads ... reads n reads p
        return rotate([...reads].reverse()); // data flows the other way
      }
      if (s === undefined) {
        const found = visit(p);
        if (found !== null) return found;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of names) {
    if (state.has(n)) continue;
    const found = visit(n);
    if (found !== null) return found;
  }
  return null;
}

/** Starts the cycle at its alphabetically first model and closes it. */
function rotate(cycle: readonly string[]): string[] {
  let start = 0;
  cycle.forEach((n, i) => {
    if (compareNames(n, cycle[start]!) < 0) start = i;
  });
  const path = [...cycle.slice(start), ...cycle.slice(0, start)];
  return [...path, path[0]!];
}

/** `; did you mean X?` for the closest candidate within a small edit distance, else ''. */
export function suggest(name: string, candidates: readonly string[]): string {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 3));
  if (best !== null && bestD <= limit) return `; did you mean ${best}?`;
  // A name cut short (`fct_customer_360` for `fct_customer_360_profile`).
  const longer = name.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(name.toLowerCase())) : [];
  return longer.length === 1 ? `; did you mean ${longer[0]}?` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Every model upstream of the given ones (not including them). */
export function ancestorsOf(graph: ModelGraph, names: Iterable<string>): Set<string> {
  return walk(graph, names, (n) => n.parents);
}

/** Every model downstream of the given ones (not including them). */
export function descendantsOf(graph: ModelGraph, names: Iterable<string>): Set<string> {
  return walk(graph, names, (n) => n.children);
}

function walk(graph: ModelGraph, start: Iterable<string>, next: (n: GraphNode) => readonly string[]): Set<string> {
  // A start node is in the result only when another start node reaches it (the graph has no cycles).
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length > 0) {
    const n = todo.pop()!;
    for (const m of next(graph.nodes.get(n)!)) {
      if (seen.has(m)) continue;
      seen.add(m);
      todo.push(m);
    }
  }
  return seen;
}
