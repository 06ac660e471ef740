import { Rng, streamState, threshold32, weightTable } from '../../src/generate/rng';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('Rng', () => {
  it('repeats the same sequence for the same seed, stream and entity', () => {
    expect(draws(new Rng().reset(42, 4, 17), 50)).toEqual(draws(new Rng().reset(42, 4, 17), 50));
  });

  it('gives other sequences for another seed, stream or entity', () => {
    const base = draws(new Rng().reset(42, 4, 17), 8);
    expect(draws(new Rng().reset(43, 4, 17), 8)).not.toEqual(base);
    expect(draws(new Rng().reset(42, 5, 17), 8)).not.toEqual(base);
    expect(draws(new Rng().reset(42, 4, 18), 8)).not.toEqual(base);
  });

  it('pins the sequence, so data stays the same across releases and machines', () => {
    expect(draws(new Rng().reset(1, 1, 0), 4)).toEqual([2630549596, 921663725, 450432237, 2543173040]);
    expect(streamState(1, 1, 0)).not.toBe(streamState(1, 1, 1));
  });

  it('draws unsigned 32-bit values and uniform integers in range', () => {
    const rng = new Rng().reset(7, 1, 1);
    const counts = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100000; i++) {
      const v = rng.next();
      if (!Number.isInteger(v) || v < 0 || v >= 2 ** 32) outside++;
      counts[rng.below(10)]++;
      const b = rng.between(3, 5);
      const u = rng.unit();
      if (b < 3 || b > 5 || !(u > 0 && u < 1) || rng.pareto2() < 1) outside++;
    }
    expect(outside).toBe(0);
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(600);
  });

  it('turns probabilities into thresholds that strike about that often', () => {
    expect(threshold32(0)).toBe(0);
    expect(threshold32(1)).toBe(2 ** 32);
    const rng = new Rng().reset(7, 2, 2);
    const t = threshold32(0.25);
    let hits = 0;
    for (let i = 0; i < 40000; i++) if (rng.chance32(t)) hits++;
    expect(Math.abs(hits - 10000)).toBeLessThan(500);
  });
});

describe('weightTable', () => {
  it('holds each index as often as its weight', () => {
    expect(Array.from(weightTable([2, 0, 3]))).toEqual([0, 0, 2, 2, 2]);
    expect(weightTable(new Array<number>(300).fill(1))).toBeInstanceOf(Uint16Array);
  });
});
