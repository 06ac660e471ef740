import { C360Error } from '../../src/errors';
import { ancestorsOf, buildGraph, descendantsOf } from '../../src/dag/graph';
import { compareNames, modelRegistry } from '../../src/dag/registry';
import { fakeModel, ref, source } from './fixtures';

const graphOf = (...models: Parameters<typeof modelRegistry>[0]) => buildGraph(modelRegistry(models));

describe('buildGraph', () => {
  it('orders layers first, then upstream before downstream, then alphabetically', () => {
    const g = graphOf(
      fakeModel('v_product', 'views', { f: ref('fct_b') }),
      fakeModel('fct_b', 'facts', { a: ref('src_z'), b: ref('fct_a') }),
      fakeModel('fct_a', 'facts', { a: ref('src_z') }),
      fakeModel('src_z', 'sources', { raw: source('customers') }),
      fakeModel('src_b', 'sources', { raw: source('products') }),
      fakeModel('src_a', 'sources', { raw: source('transactions') }),
      fakeModel('int_x', 'intermediates', { a: ref('src_a') }),
    );
    expect(g.order).toEqual(['src_a', 'src_b', 'src_z', 'int_x', 'fct_a', 'fct_b', 'v_product']);
  });

  it('runs a model after the same-layer model it reads even when its name sorts first', () => {
    const g = graphOf(fakeModel('src_a', 'sources', { b: ref('src_b') }), fakeModel('src_b', 'sources', { raw: source('customers') }), fakeModel('src_c', 'sources', { raw: source('customers') }));
    expect(g.order).toEqual(['src_b', 'src_a', 'src_c']);
  });

  it('sorts numeric prefixes as numbers', () => {
    const g = graphOf(fakeModel('10_last', 'sources', { raw: source('customers') }), fakeModel('2_first', 'sources', { raw: source('customers') }));
    expect(g.order).toEqual(['2_first', '10_last']);
    expect(['b10', 'a', 'b9', 'b09x'].sort(compareNames)).toEqual(['a', 'b9', 'b09x', 'b10']);
  });

  it('names the cycle path with arrows from a model to the one that reads it', () => {
    const two = () => graphOf(fakeModel('a', 'facts', { x: ref('b') }), fakeModel('b', 'facts', { x: ref('a') }));
    expect(two).toThrow(C360Error);
    expect(two).toThrow('the models form a cycle: a --> b --> a (each arrow points from a model to one that reads it)');
    // c reads b, b reads a, a reads c: data flows a --> b --> c --> a.
    const three = () => graphOf(fakeModel('a', 'facts', { x: ref('c') }), fakeModel('c', 'facts', { x: ref('b') }), fakeModel('b', 'facts', { x: ref('a') }), fakeModel('d', 'facts', { x: ref('a') }));
    expect(three).toThrow('the models form a cycle: a --> b --> c --> a');
  });

  it('rejects an unknown ref naming the model and suggesting a close name', () => {
    const run = () => graphOf(fakeModel('src_transactions', 'sources', { raw: source('transactions') }), fakeModel('int_x', 'intermediates', { t: ref('src_transaction') }));
    expect(run).toThrow("model int_x (<inline int_x>) reads ref('src_transaction'), which is not a model; did you mean src_transactions?");
  });

  it('rejects an unknown source naming the model and suggesting a close input', () => {
    const run = () => graphOf(fakeModel('src_x', 'sources', { raw: source('transaction') }));
    expect(run).toThrow("model src_x (<inline src_x>) reads source('transaction'), which is not an input file; did you mean transactions?");
  });

  it('rejects a model that reads from a later layer', () => {
    const run = () => graphOf(fakeModel('src_x', 'sources', { f: ref('fct_y') }), fakeModel('fct_y', 'facts', { raw: source('customers') }));
    expect(run).toThrow("model src_x (layer sources) reads ref('fct_y') from the later layer facts; a model may read only from its own or earlier layers");
  });

  it('finds ancestors and descendants', () => {
    const g = graphOf(
      fakeModel('s1', 'sources', { raw: source('customers') }),
      fakeModel('s2', 'sources', { raw: source('customers') }),
      fakeModel('i1', 'intermediates', { a: ref('s1') }),
      fakeModel('f1', 'facts', { a: ref('i1'), b: ref('s2') }),
    );
    expect([...ancestorsOf(g, ['f1'])].sort()).toEqual(['i1', 's1', 's2']);
    expect([...descendantsOf(g, ['s1'])].sort()).toEqual(['f1', 'i1']);
    expect(g.nodes.get('f1')!.parents).toEqual(['i1', 's2']);
    expect(g.nodes.get('s1')!.children).toEqual(['i1']);
  });
});
