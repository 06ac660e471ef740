/**
 * Model lineage: the input files and models of a resolved graph as nodes and edges, and renderers
 * to Mermaid, Graphviz DOT, JSON and SVG (a layered layout with the layers as columns).
 */
import * as path from 'path';
import { UsageError } from '../errors';
import { ModelGraph } from '../dag/graph';
import { BUILT_IN_MODELS_ROOT } from '../dag/registry';
import { LAYERS, Layer } from '../models/define';
import { layeredLayout, routePath } from '../charts/layeredLayout';
import { group, num, svgDocument, tag, text, textWidth, tooltip } from '../charts/svg';
import { INK, TYPE } from '../charts/theme';

/** The column a node sits in: the input files, then the model layers. */
export type LineageLayer = 'inputs' | Layer;

/** The columns, left to right. */
export const LINEAGE_LAYERS: readonly LineageLayer[] = ['inputs', ...LAYERS];

/** An input file or a model. */
export interface LineageNode {
  /** `source.<name>` for an input file, `model.<name>` for a model (unique, like dbt's unique_id). */
  readonly id: string;
  readonly kind: 'source' | 'model';
  readonly name: string;
  readonly layer: LineageLayer;
  /** An input file's path in the data folder; a model's file (relative to the package for built-in models, else as discovered). */
  readonly file: string;
  /** Models only: what one row is. */
  readonly grain?: string;
  /** Models only: the one-line description, when the model has one. */
  readonly description?: string;
}

/** Data flows from `from` to `to` (ids). */
export interface LineageEdge {
  readonly from: string;
  readonly to: string;
}

/** The lineage graph: nodes in column order (input files in declaration order, models in run order). */
export interface Lineage {
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
}

/** The lineage output formats of `c360 lineage`. */
export const LINEAGE_FORMATS = ['mermaid', 'dot', 'svg', 'json'] as const;

/** A lineage output format. */
export type LineageFormat = (typeof LINEAGE_FORMATS)[number];

/**
 * The lineage of a resolved model graph: every input file some model reads, every model, and an
 * edge for each `source(...)` and `ref(...)`.
 * @example lineageGraph(buildGraph(discoverModels()))
 */
export function lineageGraph(graph: ModelGraph): Lineage {
  const read = new Set([...graph.nodes.values()].flatMap((n) => n.sources));
  const nodes: LineageNode[] = graph.inputs
    .filter((f) => read.has(f.name))
    .map((f) => ({ id: sourceId(f.name), kind: 'source', name: f.name, layer: 'inputs', file: f.path }));
  const edges: LineageEdge[] = [];
  const inputOrder = new Map(graph.inputs.map((f, i) => [f.name, i]));
  for (const name of graph.order) {
    const node = graph.nodes.get(name)!;
    const m = node.model;
    nodes.push({
      id: modelId(name),
      kind: 'model',
      name,
      layer: m.layer,
      file: modelFile(node.file),
      grain: m.grain,
      ...(m.description === undefined ? {} : { description: m.description }),
    });
    const sources = [...node.sources].sort((a, b) => (inputOrder.get(a) ?? 0) - (inputOrder.get(b) ?? 0));
    for (const s of sources) edges.push({ from: sourceId(s), to: modelId(name) });
    for (const p of node.parents) edges.push({ from: modelId(p), to: modelId(name) });
  }
  return { nodes, edges };
}

/** The id of an input file's node. */
export function sourceId(name: string): string {
  return `source.${name}`;
}

/** The id of a model's node. */
export function modelId(name: string): string {
  return `model.${name}`;
}

/** Built-in model files relative to the package (`models/sources/src_customers.js`); others as given. */
function modelFile(file: string): string {
  const root = path.dirname(BUILT_IN_MODELS_ROOT);
  const rel = path.relative(root, file);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  return (inside ? rel : file).split(path.sep).join('/');
}

/** The title of a column. */
export function layerTitle(layer: LineageLayer): string {
  return layer === 'inputs' ? 'input files' : layer;
}

/** The lineage in the given format (text; SVG is a standalone document). */
export function renderLineage(lineage: Lineage, format: LineageFormat): string {
  switch (format) {
    case 'mermaid':
      return lineageMermaid(lineage);
    case 'dot':
      return lineageDot(lineage);
    case 'svg':
      return lineageSvg(lineage);
    case 'json':
      return lineageJson(lineage);
    default:
      throw new UsageError(`the lineage format must be one of ${LINEAGE_FORMATS.join(', ')}, got "${String(format)}"`);
  }
}

/** Nodes grouped by column, in column order; empty columns left out. */
export function nodesByLayer(lineage: Lineage): [LineageLayer, LineageNode[]][] {
  return LINEAGE_LAYERS.map((layer): [LineageLayer, LineageNode[]] => [layer, lineage.nodes.filter((n) => n.layer === layer)]).filter(([, ns]) => ns.length > 0);
}

/**
 * A Mermaid flowchart, left to right, one subgraph per column; input files are drawn as cylinders.
 * @example c360 lineage --format mermaid > lineage.mmd
 */
export function lineageMermaid(lineage: Lineage): string {
  const id = (nodeId: string): string => nodeId.replace(/[^A-Za-z0-9_]/g, '_');
  const label = (s: string): string => s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
  const lines = ['flowchart LR'];
  for (const [layer, nodes] of nodesByLayer(lineage)) {
    lines.push(`  subgraph layer_${layer}["${layerTitle(layer)}"]`);
    for (const n of nodes) {
      lines.push(n.kind === 'source' ? `    ${id(n.id)}[("${label(n.name)}<br/><small>${label(n.file)}</small>")]` : `    ${id(n.id)}["${label(n.name)}"]`);
    }
    lines.push('  end');
  }
  for (const e of lineage.edges) lines.push(`  ${id(e.from)} --> ${id(e.to)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A Graphviz digraph, left to right, one cluster per column.
 * @example c360 lineage --format dot | dot -Tpng > lineage.png
 */
export function lineageDot(lineage: Lineage): string {
  const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  const lines = [
    'digraph lineage {',
    '  rankdir=LR;',
    '  graph [fontname="Helvetica", fontsize=11, nodesep=0.25, ranksep=0.6];',
    '  node [shape=box, style="rounded,filled", fillcolor="#eef4fb", color="#9fb3c8", fontname="Helvetica", fontsize=11];',
    '  edge [color="#829ab1", arrowsize=0.7];',
  ];
  for (const [layer, nodes] of nodesByLayer(lineage)) {
    lines.push(`  subgraph ${q(`cluster_${layer}`)} {`);
    lines.push(`    label=${q(layerTitle(layer))}; style=dashed; color="#cbd2d9";`);
    for (const n of nodes) {
      const attrs = n.kind === 'source' ? `label=${q(`${n.name}\n${n.file}`)}, shape=cylinder, fillcolor="#f5f7fa"` : `label=${q(n.name)}, tooltip=${q(n.grain ?? n.name)}`;
      lines.push(`    ${q(n.id)} [${attrs}];`);
    }
    lines.push('  }');
  }
  for (const e of lineage.edges) lines.push(`  ${q(e.from)} -> ${q(e.to)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The lineage as JSON (`{ nodes, edges }`, two-space indent). */
export function lineageJson(lineage: Lineage): string {
  return `${JSON.stringify({ nodes: lineage.nodes, edges: lineage.edges }, null, 2)}\n`;
}

/** How a model ended in a run, for colouring its box. */
export type LineageStatus = 'success' | 'error' | 'skipped';

/** Extras drawn on the lineage SVG. */
export interface LineageSvgOptions {
  /** A second line of text per node id (e.g. `1,976 rows · 0.04 s`); input files show their path by default. */
  readonly notes?: Readonly<Record<string, string>>;
  /** Run status per node id: failed models get a red border, skipped ones a dashed one. */
  readonly status?: Readonly<Record<string, LineageStatus>>;
  readonly title?: string;
}

/** Box colours (fill, border) per column. */
const LAYER_COLORS: Readonly<Record<LineageLayer, readonly [string, string]>> = {
  inputs: ['#f5f7fa', '#9aa5b1'],
  sources: ['#e3effa', '#7ba7d1'],
  dimensions: ['#efe7f8', '#a58bc7'],
  intermediates: ['#e3f4ec', '#6fb592'],
  facts: ['#fdf0dc', '#d9a550'],
  views: ['#fde6e4', '#d97a70'],
};

const STATUS_STROKE: Readonly<Record<LineageStatus, string>> = { success: '', error: '#c62828', skipped: '#7b8794' };

/**
 * The lineage as a standalone SVG: one column per layer (a layer whose models read each other
 * gets several), input files at the left, edges as curves with arrowheads.
 * @example fs.writeFileSync('lineage.svg', lineageSvg(lineageGraph(graph)))
 */
export function lineageSvg(lineage: Lineage, options: LineageSvgOptions = {}): string {
  const groups = nodesByLayer(lineage);
  const byId = new Map(lineage.nodes.map((n) => [n.id, n]));
  const note = (n: LineageNode): string | undefined => options.notes?.[n.id] ?? (n.kind === 'source' ? n.file : undefined);
  // Column of each node: its layer's first column plus its depth among same-layer parents.
  const column = new Map<string, number>();
  const layerColumns: { layer: LineageLayer; first: number; count: number }[] = [];
  let next = 0;
  for (const [layer, nodes] of groups) {
    let deepest = 0;
    for (const n of nodes) {
      const sameLayer = lineage.edges.filter((e) => e.to === n.id && byId.get(e.from)?.layer === layer).map((e) => column.get(e.from));
      const c = sameLayer.reduce<number>((m, pc) => Math.max(m, (pc ?? next) + 1), next);
      column.set(n.id, c);
      deepest = Math.max(deepest, c - next);
    }
    layerColumns.push({ layer, first: next, count: deepest + 1 });
    next += deepest + 1;
  }
  const boxes = lineage.nodes.map((n) => {
    const sub = note(n);
    const width = Math.max(110, textWidth(n.name, TYPE.label, true) + 32, sub === undefined ? 0 : textWidth(sub, TYPE.small) + 28);
    return { id: n.id, column: column.get(n.id)!, width: Math.ceil(width), height: sub === undefined ? 28 : 40 };
  });
  const layout = layeredLayout(boxes, lineage.edges, { columnGap: 64, rowGap: 14 });
  const pad = 16;
  const headerHeight = (options.title === undefined ? 0 : 30) + 30;
  const ox = pad + 8;
  const oy = pad + headerHeight;
  const width = layout.width + 2 * ox;
  const height = layout.height + oy + pad + 8;
  const body: string[] = [];
  if (options.title !== undefined) body.push(text(pad, pad + TYPE.title - 2, options.title, { 'font-size': TYPE.title, 'font-weight': 700, fill: INK.text }));
  const bands = layerColumns.map(({ layer, first, count }) => {
    const x0 = layout.columns[first]!.x + ox - 8;
    const last = layout.columns[first + count - 1]!;
    const x1 = last.x + last.width + ox + 8;
    return group(
      [
        tag('rect', { x: x0, y: oy - 26, width: x1 - x0, height: layout.height + 34, rx: 6, fill: '#fbfcfd', stroke: INK.grid }),
        text((x0 + x1) / 2, oy - 10, layerTitle(layer), { 'font-size': TYPE.label, 'font-weight': 600, fill: INK.muted, 'text-anchor': 'middle' }),
      ],
      { class: 'layer', 'data-layer': layer },
    );
  });
  body.push(group(bands, { class: 'layers' }));
  const edges = layout.edges.map((e) => {
    const pts = e.points.map(([x, y]): [number, number] => [x + ox, y + oy]);
    const [ex, ey] = pts[pts.length - 1]!;
    return group(
      [
        tag('path', { d: routePath(pts, num), fill: 'none', stroke: '#829ab1', 'stroke-width': 1.3 }),
        tag('path', { d: `M${num(ex - 7)} ${num(ey - 4)} L${num(ex)} ${num(ey)} L${num(ex - 7)} ${num(ey + 4)} Z`, fill: '#829ab1' }),
      ],
      { class: 'edge', 'data-from': e.from, 'data-to': e.to },
    );
  });
  body.push(group(edges, { class: 'edges' }));
  const nodes = lineage.nodes.map((n) => {
    const p = layout.nodes.get(n.id)!;
    const [fill, stroke] = LAYER_COLORS[n.layer];
    const status = options.status?.[n.id];
    const x = p.x + ox;
    const y = p.y + oy;
    const sub = note(n);
    const hint = n.kind === 'source' ? `input file ${n.file}` : [`${n.name} (${n.layer})`, n.grain, n.description, n.file, status === undefined ? undefined : `status: ${status}`].filter((s) => s !== undefined).join('\n');
    const parts = [
      tag(
        'rect',
        {
          x,
          y,
          width: p.width,
          height: p.height,
          rx: n.kind === 'source' ? 2 : 7,
          fill,
          stroke: status === undefined || status === 'success' ? stroke : STATUS_STROKE[status],
          'stroke-width': status === 'error' ? 2.5 : 1.2,
          'stroke-dasharray': status === 'skipped' ? '5 3' : undefined,
        },
        tooltip(hint),
      ),
      text(x + p.width / 2, y + (sub === undefined ? 18 : 17), n.name, { 'font-size': TYPE.label, 'font-weight': 600, fill: INK.text, 'text-anchor': 'middle' }),
    ];
    if (sub !== undefined) parts.push(text(x + p.width / 2, y + 31, sub, { 'font-size': TYPE.small, fill: INK.muted, 'text-anchor': 'middle' }));
    return group(parts, { class: `node node-${n.kind}`, 'data-node': n.id, 'data-status': status });
  });
  body.push(group(nodes, { class: 'nodes' }));
  return svgDocument(
    {
      width: Math.ceil(width),
      height: Math.ceil(height),
      title: options.title ?? 'Model lineage',
      description: `${lineage.nodes.length} nodes, ${lineage.edges.length} edges: ${lineage.edges.map((e) => `${e.from} -> ${e.to}`).join(', ')}`,
      name: 'lineage',
    },
    body,
  );
}
