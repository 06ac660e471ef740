import { LayoutNode, layeredLayout, routePath } from '../../src/charts/layeredLayout';

const box = (id: string, column: number): LayoutNode => ({ id, column, width: 80, height: 30 });

describe('layeredLayout', () => {
  it('puts the columns left to right with the gap between them', () => {
    const layout = layeredLayout([box('a', 0), box('b', 1)], [{ from: 'a', to: 'b' }], { columnGap: 50 });
    expect(layout.columns).toEqual([
      { x: 0, width: 80 },
      { x: 130, width: 80 },
    ]);
    expect(layout.width).toBe(210);
  });

  it('routes an edge that skips a column through a waypoint in it', () => {
    const layout = layeredLayout([box('a', 0), box('m', 1), box('b', 2)], [{ from: 'a', to: 'b' }]);
    const points = layout.edges[0]!.points;
    expect(points).toHaveLength(4);
    // Across the middle column at one height.
    expect(points[1]![1]).toBe(points[2]![1]);
    expect(points[1]![0]).toBe(layout.columns[1]!.x);
    expect(points[2]![0]).toBe(layout.columns[1]!.x + layout.columns[1]!.width);
  });

  it('orders nodes to uncross edges', () => {
    // a1 -> b2 and a2 -> b1 cross in the given order; the sweeps swap b1 and b2.
    const layout = layeredLayout([box('a1', 0), box('a2', 0), box('b1', 1), box('b2', 1)], [
      { from: 'a1', to: 'b2' },
      { from: 'a2', to: 'b1' },
    ]);
    expect(layout.nodes.get('b2')!.y).toBeLessThan(layout.nodes.get('b1')!.y);
  });

  it('keeps the given order when nothing is gained by moving', () => {
    const layout = layeredLayout([box('x', 0), box('y', 0), box('z', 0)], []);
    const ys = ['x', 'y', 'z'].map((id) => layout.nodes.get(id)!.y);
    expect(ys).toEqual([...ys].sort((p, q) => p - q));
  });

  it('refuses an edge that does not go to a later column', () => {
    expect(() => layeredLayout([box('a', 1), box('b', 1)], [{ from: 'a', to: 'b' }])).toThrow(/later column/);
    expect(() => layeredLayout([box('a', 0)], [{ from: 'a', to: 'nope' }])).toThrow(/unknown node/);
  });

  it('spreads the edges that end at one node over its height', () => {
    const layout = layeredLayout([box('a', 0), box('b', 0), box('c', 1)], [
      { from: 'a', to: 'c' },
      { from: 'b', to: 'c' },
    ]);
    const ends = layout.edges.map((e) => e.points[e.points.length - 1]![1]);
    expect(ends[0]).not.toBe(ends[1]);
  });
});

describe('routePath', () => {
  it('curves between columns and runs straight across a waypoint', () => {
    const d = routePath(
      [
        [0, 0],
        [10, 10],
        [20, 10],
        [30, 0],
      ],
      String,
    );
    expect(d).toBe('M0 0 C5 0 5 10 10 10 L20 10 C25 10 25 0 30 0');
  });
});
