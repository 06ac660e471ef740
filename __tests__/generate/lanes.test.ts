import { GENERATED_FILES } from '../../src/generate/files';
import { laneCost, planLanes } from '../../src/generate/lanes';
import { WRITERS } from '../../src/generate/writers';

const customerFiles = GENERATED_FILES.filter((f) => WRITERS[f].needs !== undefined);

describe('planLanes', () => {
  it.each([1, 2, 3, 4, 16])('puts every file in exactly one of at most %i lanes', (lanes) => {
    const plan = planLanes(customerFiles, lanes);
    expect(plan.length).toBeLessThanOrEqual(lanes);
    expect(plan.every((l) => l.length > 0)).toBe(true);
    expect(plan.flat().sort()).toEqual([...customerFiles].sort());
  });

  it('splits the big files over two lanes and plans the same way every time', () => {
    const plan = planLanes(customerFiles, 2);
    expect(plan).toEqual(planLanes(customerFiles, 2));
    const lane = (file: string): number => plan.findIndex((l) => (l as string[]).includes(file));
    expect(lane('transaction_items')).not.toBe(lane('tracking_events'));
  });

  it('gives the calling thread (lane 0) more work when worker threads start late, and all of it when they start too late', () => {
    const size = (plan: string[][]): number[] => plan.map((l) => l.length);
    const late = planLanes(customerFiles, 2, 1000);
    expect(late).toEqual([customerFiles]);
    const early = planLanes(customerFiles, 2, 0);
    expect(early.length).toBe(2);
    const someWhat = planLanes(customerFiles, 2, 10);
    expect(size(someWhat).reduce((a, b) => a + b, 0)).toBe(customerFiles.length);
    expect(laneCost(someWhat[0])).toBeGreaterThan(laneCost(someWhat[1]));
    expect(Math.abs(laneCost(early[0]) - laneCost(early[1]))).toBeLessThan(Math.abs(laneCost(someWhat[0]) - laneCost(someWhat[1])));
  });
});
