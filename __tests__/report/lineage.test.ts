import { buildGraph } from '../../src/dag/graph';
import { discoverModels, modelRegistry } from '../../src/dag/registry';
import { UsageError } from '../../src/errors';
import { LazyFrame } from '../../src/engine/plan';
import { Layer, Model, defineModel, ref, source } from '../../src/models/define';
import { Lineage, LineageFormat, lineageDot, lineageGraph, lineageJson, lineageMermaid, lineageSvg, renderLineage } from '../../src/report/lineage';
import { elements, xmlProblems } from '../charts/fixtures';

const BUILT_IN = lineageGraph(buildGraph(discoverModels()));

function model(name: string, layer: Layer, inputs: Model['inputs']): Model {
  return defineModel({ name, layer, grain: `one row per ${name} row`, key: [], inputs, build: (lazy) => Object.values(lazy)[0] as LazyFrame });
}

/** A small graph with a model that reads another of its own layer. */
const SMALL: Lineage = lineageGraph(
  buildGraph(
    modelRegistry([
      model('src_a', 'sources', { raw: source('customers') }),
      model('src_b', 'sources', { a: ref('src_a') }),
      model('fct_c', 'facts', { b: ref('src_b'), t: source('transactions') }),
    ]),
  ),
);

describe('lineageGraph', () => {
  it('has a node per input file read and per model, input files first', () => {
    expect(BUILT_IN.nodes.map((n) => n.id)).toEqual([
      'source.customers',
      'source.loyalty_program',
      'source.support_tickets',
      'source.app_usage',
      'source.products',
      'source.transactions',
      'source.transaction_items',
      'model.src_customers',
      'model.src_loyalty_program',
      'model.src_products',
      'model.src_transactions',
      'model.int_customer_transactions',
      'model.fct_customer_360_profile',
      'model.customer_analytics_c360',
    ]);
  });

  it('gives input files their path in the data folder and models their layer, grain and file', () => {
    const items = BUILT_IN.nodes.find((n) => n.id === 'source.transaction_items')!;
    expect(items).toEqual({ id: 'source.transaction_items', kind: 'source', name: 'transaction_items', layer: 'inputs', file: 'sales/transaction_items.csv' });
    const view = BUILT_IN.nodes.find((n) => n.id === 'model.customer_analytics_c360')!;
    expect(view.layer).toBe('views');
    expect(view.grain).toMatch(/one row per customer/);
    expect(view.file).toMatch(/^models\/views\/customer_analytics_c360\.(ts|js)$/);
  });

  it('has an edge for every source() and ref()', () => {
    const into = (id: string): string[] => BUILT_IN.edges.filter((e) => e.to === id).map((e) => e.from);
    expect(into('model.int_customer_transactions')).toEqual(['source.transaction_items', 'model.src_customers', 'model.src_products', 'model.src_transactions']);
    expect(into('model.fct_customer_360_profile')).toEqual(['source.support_tickets', 'source.app_usage', 'model.int_customer_transactions', 'model.src_customers', 'model.src_loyalty_program']);
    expect(BUILT_IN.edges).toHaveLength(14);
  });

  it('leaves out input files no model reads', () => {
    expect(SMALL.nodes.filter((n) => n.kind === 'source').map((n) => n.name)).toEqual(['customers', 'transactions']);
  });
});

describe('lineageMermaid', () => {
  it('writes a left-to-right flowchart with a subgraph per layer that has nodes', () => {
    const text = lineageMermaid(SMALL);
    expect(text.split('\n')).toEqual([
      'flowchart LR',
      '  subgraph layer_inputs["input files"]',
      '    source_customers[("customers<br/><small>customer/customers.csv</small>")]',
      '    source_transactions[("transactions<br/><small>sales/transactions.csv</small>")]',
      '  end',
      '  subgraph layer_sources["sources"]',
      '    model_src_a["src_a"]',
      '    model_src_b["src_b"]',
      '  end',
      '  subgraph layer_facts["facts"]',
      '    model_fct_c["fct_c"]',
      '  end',
      '  source_customers --> model_src_a',
      '  model_src_a --> model_src_b',
      '  source_transactions --> model_fct_c',
      '  model_src_b --> model_fct_c',
      '',
    ]);
  });

  it('escapes quotes and angle brackets in labels', () => {
    const odd: Lineage = { nodes: [{ id: 'source.x', kind: 'source', name: 'x', layer: 'inputs', file: 'a "b" <c>.csv' }], edges: [] };
    expect(lineageMermaid(odd)).toContain('a #quot;b#quot; #lt;c#gt;.csv');
  });
});

describe('lineageDot', () => {
  it('writes a digraph with a cluster per layer and an edge per dependency', () => {
    const text = lineageDot(SMALL);
    expect(text.startsWith('digraph lineage {\n  rankdir=LR;')).toBe(true);
    expect(text).toContain('subgraph "cluster_sources" {');
    expect(text).toContain('"source.customers" [label="customers\\ncustomer/customers.csv", shape=cylinder');
    expect(text).toContain('  "model.src_b" -> "model.fct_c";');
    expect(text.trimEnd().endsWith('}')).toBe(true);
  });

  it('escapes quotes and backslashes', () => {
    const odd: Lineage = { nodes: [{ id: 'source.x', kind: 'source', name: 'x', layer: 'inputs', file: 'a\\"b".csv' }], edges: [] };
    expect(lineageDot(odd)).toContain('label="x\\na\\\\\\"b\\".csv"');
  });
});

describe('lineageJson', () => {
  it('round-trips the nodes and edges', () => {
    expect(JSON.parse(lineageJson(BUILT_IN))).toEqual({ nodes: BUILT_IN.nodes, edges: BUILT_IN.edges });
  });
});

describe('lineageSvg', () => {
  const svg = lineageSvg(BUILT_IN);

  it('is a well-formed SVG with a group per node and per edge', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(elements(svg, 'g').filter((g) => g['data-node'] !== undefined)).toHaveLength(BUILT_IN.nodes.length);
    expect(elements(svg, 'g').filter((g) => g.class === 'edge')).toHaveLength(BUILT_IN.edges.length);
    expect(svg).toContain('data-chart="lineage"');
  });

  it('draws the layers as columns, left to right', () => {
    const layers = elements(svg, 'g').filter((g) => g.class === 'layer').map((g) => g['data-layer']);
    expect(layers).toEqual(['inputs', 'sources', 'intermediates', 'facts', 'views']);
    const x = (id: string): number => Number(svgNodeRect(svg, id).x);
    expect(x('source.customers')).toBeLessThan(x('model.src_customers'));
    expect(x('model.src_customers')).toBeLessThan(x('model.int_customer_transactions'));
    expect(x('model.fct_customer_360_profile')).toBeLessThan(x('model.customer_analytics_c360'));
  });

  it('puts a model that reads its own layer in a column after the one it reads', () => {
    const small = lineageSvg(SMALL);
    expect(Number(svgNodeRect(small, 'model.src_a').x)).toBeLessThan(Number(svgNodeRect(small, 'model.src_b').x));
  });

  it('shows notes and marks failed and skipped models', () => {
    const marked = lineageSvg(SMALL, { notes: { 'model.src_a': '12 rows · 0.01 s' }, status: { 'model.src_a': 'success', 'model.src_b': 'error', 'model.fct_c': 'skipped' } });
    expect(marked).toContain('12 rows · 0.01 s');
    expect(svgNodeRect(marked, 'model.src_b')['stroke-width']).toBe('2.5');
    expect(svgNodeRect(marked, 'model.fct_c')['stroke-dasharray']).toBe('5 3');
  });

  it('gives the same bytes for the same graph', () => {
    expect(lineageSvg(BUILT_IN)).toBe(svg);
  });
});

describe('renderLineage', () => {
  it('renders each format', () => {
    const formats: LineageFormat[] = ['mermaid', 'dot', 'svg', 'json'];
    expect(formats.map((f) => renderLineage(SMALL, f).slice(0, 8))).toEqual(['flowchar', 'digraph ', '<svg xml', '{\n  "nod']);
  });

  it('refuses an unknown format with a usage error', () => {
    expect(() => renderLineage(SMALL, 'png' as LineageFormat)).toThrow(UsageError);
  });
});

/** The box (first rect) of a node's group. */
function svgNodeRect(svg: string, id: string): Record<string, string> {
  const at = svg.indexOf(`data-node="${id}"`);
  if (at < 0) throw new Error(`no node ${id}`);
  return elements(svg.slice(at), 'rect')[0]!;
}
