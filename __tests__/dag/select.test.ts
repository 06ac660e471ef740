import { UsageError } from '../../src/errors';
import { buildGraph } from '../../src/dag/graph';
import { modelRegistry } from '../../src/dag/registry';
import { selectModels } from '../../src/dag/select';
import { fakeModel, ref, source } from './fixtures';

// s1 -> i1 -> f1 -> v1 ; s2 -> f1 ; s3 (alone)
const graph = buildGraph(
  modelRegistry([
    fakeModel('s1', 'sources', { raw: source('customers') }),
    fakeModel('s2', 'sources', { raw: source('transactions') }),
    fakeModel('s3', 'sources', { raw: source('products') }),
    fakeModel('i1', 'intermediates', { a: ref('s1') }),
    fakeModel('f1', 'facts', { a: ref('i1'), b: ref('s2') }),
    fakeModel('v1', 'views', { a: ref('f1') }),
  ]),
);
const selected = (select?: string[], exclude?: string[]) => selectModels(graph, { select, exclude }).selected;

describe('selectModels', () => {
  it('selects every model when nothing is selected', () => {
    expect(selected()).toEqual(['s1', 's2', 's3', 'i1', 'f1', 'v1']);
  });

  it('selects a model by name, with ancestors (+name), with descendants (name+) or both', () => {
    expect(selected(['f1'])).toEqual(['f1']);
    expect(selected(['+f1'])).toEqual(['s1', 's2', 'i1', 'f1']);
    expect(selected(['i1+'])).toEqual(['i1', 'f1', 'v1']);
    expect(selected(['+i1+'])).toEqual(['s1', 'i1', 'f1', 'v1']);
  });

  it('selects a layer, and takes the union of several values or space-separated terms', () => {
    expect(selected(['layer:sources'])).toEqual(['s1', 's2', 's3']);
    expect(selected(['s3', 'v1'])).toEqual(['s3', 'v1']);
    expect(selected(['s3 v1'])).toEqual(['s3', 'v1']);
    expect(selected(['layer:sources+'])).toEqual(['s1', 's2', 's3', 'i1', 'f1', 'v1']);
  });

  it('intersects comma-joined atoms and matches * wildcards', () => {
    expect(selected(['+f1,layer:sources'])).toEqual(['s1', 's2']);
    expect(selected(['s*'])).toEqual(['s1', 's2', 's3']);
  });

  it('subtracts --exclude from the selection', () => {
    expect(selected(undefined, ['layer:sources'])).toEqual(['i1', 'f1', 'v1']);
    expect(selected(['+v1'], ['s2', 'i1+'])).toEqual(['s1']);
  });

  it('runs the unselected upstream models a selected model needs, as dependencies', () => {
    const s = selectModels(graph, { select: ['f1'] });
    expect(s.selected).toEqual(['f1']);
    expect(s.run).toEqual(['s1', 's2', 'i1', 'f1']);
    expect(s.dependencies).toEqual(['s1', 's2', 'i1']);
  });

  it('rejects unknown models and layers with a usage error and a suggestion', () => {
    expect(() => selected(['f2'])).toThrow(UsageError);
    expect(() => selected(['fx1'])).toThrow('unknown model "fx1" in --select; did you mean f1?');
    expect(() => selected(undefined, ['layer:fact'])).toThrow('unknown layer "fact" in --exclude; did you mean facts?');
    expect(() => selected(['tag:x'])).toThrow(UsageError);
  });

  it('rejects a selection that leaves no model', () => {
    expect(() => selected(['s1'], ['s1'])).toThrow('the selection (--select s1 --exclude s1) matches no models');
    expect(() => selected(['layer:dimensions'])).toThrow(UsageError);
  });
});
