/**
 * A layered (Sugiyama-style) layout for a left-to-right graph whose nodes already sit in columns:
 * edges that skip columns get a waypoint in each column they cross, nodes are ordered within
 * columns by the barycentre of their neighbours (a few sweeps each way, to cut crossings), then
 * stacked and centred. Deterministic: ties keep the given order.
 */

/** A node to place: its column and its box size. */
export interface LayoutNode {
  readonly id: string;
  readonly column: number;
  readonly width: number;
  readonly height: number;
}

/** An edge; `to` must be in a later column than `from`. */
export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
}

/** A placed node: top-left corner and size. */
export interface PlacedNode extends LayoutNode {
  readonly x: number;
  readonly y: number;
}

/** An edge's route: from the right middle of `from` through waypoints to the left middle of `to`. */
export interface RoutedEdge extends LayoutEdge {
  /** Start, then a (left, right) pair per crossed column, then the end. */
  readonly points: readonly (readonly [number, number])[];
}

/** The placed graph. */
export interface Layout {
  readonly nodes: ReadonlyMap<string, PlacedNode>;
  readonly edges: readonly RoutedEdge[];
  /** Left edge and width of each column. */
  readonly columns: readonly { readonly x: number; readonly width: number }[];
  readonly width: number;
  readonly height: number;
}

/** Spacing of a layout, in pixels. */
export interface LayoutSpacing {
  readonly columnGap?: number;
  readonly rowGap?: number;
  /** The height a waypoint takes in its column. */
  readonly waypointHeight?: number;
}

interface Slot {
  readonly key: string;
  /** The real node, or null for a waypoint. */
  readonly node: LayoutNode | null;
  readonly height: number;
}

/**
 * Places nodes in their columns and routes the edges.
 * @example layeredLayout([{ id: 'a', column: 0, width: 80, height: 30 }, { id: 'b', column: 1, width: 80, height: 30 }], [{ from: 'a', to: 'b' }])
 */
export function layeredLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], spacing: LayoutSpacing = {}): Layout {
  const columnGap = spacing.columnGap ?? 56;
  const rowGap = spacing.rowGap ?? 14;
  const waypointHeight = spacing.waypointHeight ?? 4;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const columnCount = nodes.reduce((m, n) => Math.max(m, n.column + 1), 0);
  const columns: Slot[][] = Array.from({ length: columnCount }, () => []);
  for (const n of nodes) columns[n.column]!.push({ key: n.id, node: n, height: n.height });

  // Each edge becomes a chain of slot keys, one per column from its start to its end.
  const chains: string[][] = edges.map((e, i) => {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (a === undefined || b === undefined) throw new Error(`edge ${e.from} -> ${e.to} names an unknown node`);
    if (b.column <= a.column) throw new Error(`edge ${e.from} -> ${e.to} must go to a later column (${a.column} -> ${b.column})`);
    const chain = [a.id];
    for (let c = a.column + 1; c < b.column; c++) {
      const key = `~${i}:${c}`;
      columns[c]!.push({ key, node: null, height: waypointHeight });
      chain.push(key);
    }
    chain.push(b.id);
    return chain;
  });
  const left = new Map<string, string[]>();
  const right = new Map<string, string[]>();
  for (const chain of chains) {
    for (let k = 0; k + 1 < chain.length; k++) {
      push(right, chain[k]!, chain[k + 1]!);
      push(left, chain[k + 1]!, chain[k]!);
    }
  }

  const position = new Map<string, number>();
  const renumber = (col: Slot[]): void => col.forEach((s, i) => position.set(s.key, i));
  columns.forEach(renumber);
  const sweep = (col: Slot[], neighbours: Map<string, string[]>): void => {
    const centre = (s: Slot): number => {
      const ns = neighbours.get(s.key) ?? [];
      return ns.length === 0 ? position.get(s.key)! : ns.reduce((a, k) => a + position.get(k)!, 0) / ns.length;
    };
    const keyed = col.map((s) => ({ s, c: centre(s), p: position.get(s.key)! }));
    keyed.sort((a, b) => a.c - b.c || a.p - b.p);
    keyed.forEach((k, i) => (col[i] = k.s));
    renumber(col);
  };
  for (let round = 0; round < 4; round++) {
    for (let c = 1; c < columnCount; c++) sweep(columns[c]!, left);
    for (let c = columnCount - 2; c >= 0; c--) sweep(columns[c]!, right);
  }

  const widths = columns.map((col) => Math.max(0, ...col.map((s) => s.node?.width ?? 0)));
  const xs: number[] = [];
  widths.forEach((w, c) => xs.push(c === 0 ? 0 : xs[c - 1]! + widths[c - 1]! + columnGap));
  const heights = columns.map((col) => col.reduce((h, s) => h + s.height, 0) + rowGap * Math.max(0, col.length - 1));
  const height = Math.max(0, ...heights);
  const placed = new Map<string, PlacedNode>();
  const mid = new Map<string, number>();
  columns.forEach((col, c) => {
    let y = (height - heights[c]!) / 2;
    for (const s of col) {
      mid.set(s.key, y + s.height / 2);
      if (s.node !== null) placed.set(s.key, { ...s.node, x: xs[c]! + (widths[c]! - s.node.width) / 2, y });
      y += s.height + rowGap;
    }
  });
  // Spread the ends of a node's edges over its height, in the order of the other ends.
  const outPort = new Map<number, number>();
  const inPort = new Map<number, number>();
  const spread = (ids: number[], node: PlacedNode, other: (i: number) => number, into: Map<number, number>): void => {
    ids.sort((x, y) => other(x) - other(y) || x - y);
    const step = ids.length < 2 ? 0 : Math.min(7, (node.height * 0.6) / (ids.length - 1));
    ids.forEach((edge, k) => into.set(edge, node.y + node.height / 2 + (k - (ids.length - 1) / 2) * step));
  };
  for (const node of placed.values()) {
    const outs = chains.flatMap((c, i) => (c[0] === node.id ? [i] : []));
    const ins = chains.flatMap((c, i) => (c[c.length - 1] === node.id ? [i] : []));
    spread(outs, node, (i) => mid.get(chains[i]![1]!)!, outPort);
    spread(ins, node, (i) => mid.get(chains[i]![chains[i]!.length - 2]!)!, inPort);
  }
  const routed: RoutedEdge[] = edges.map((e, i) => {
    const chain = chains[i]!;
    const a = placed.get(e.from)!;
    const b = placed.get(e.to)!;
    const points: [number, number][] = [[a.x + a.width, outPort.get(i)!]];
    for (let k = 1; k + 1 < chain.length; k++) {
      const c = a.column + k;
      const y = mid.get(chain[k]!)!;
      points.push([xs[c]!, y], [xs[c]! + widths[c]!, y]);
    }
    points.push([b.x, inPort.get(i)!]);
    return { ...e, points };
  });
  const width = columnCount === 0 ? 0 : xs[columnCount - 1]! + widths[columnCount - 1]!;
  return { nodes: placed, edges: routed, columns: xs.map((x, c) => ({ x, width: widths[c]! })), width, height };
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

/**
 * An SVG path through a route: horizontal-tangent curves between columns, straight lines across
 * the columns an edge passes through.
 */
export function routePath(points: readonly (readonly [number, number])[], fmt: (x: number) => string): string {
  const [first, ...rest] = points;
  if (first === undefined) return '';
  let d = `M${fmt(first[0])} ${fmt(first[1])}`;
  let prev = first;
  rest.forEach((p, i) => {
    // Points alternate: a curve into each waypoint's left side, a line across to its right side.
    const across = i % 2 === 1;
    if (across) d += ` L${fmt(p[0])} ${fmt(p[1])}`;
    else {
      const dx = (p[0] - prev[0]) / 2;
      d += ` C${fmt(prev[0] + dx)} ${fmt(prev[1])} ${fmt(p[0] - dx)} ${fmt(p[1])} ${fmt(p[0])} ${fmt(p[1])}`;
    }
    prev = p;
  });
  return d;
}
