/**
 * Scales: value → pixel maps and "nice" axis ticks.
 */

/** A linear map from a domain to a pixel range. */
export interface LinearScale {
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  (value: number): number;
}

/** A linear scale; a zero-width domain maps everything to the start of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const f = (v: number): number => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0));
  return Object.assign(f, { domain, range });
}

/**
 * Round tick values covering [0, max] (or [min, max]): steps of 1, 2, 2.5 or 5 times a power of
 * ten, about `count` of them. The last tick is at or above max.
 * @example niceTicks(0, 87, 5) // [0, 20, 40, 60, 80, 100]
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return max === min ? niceTicks(min, min === 0 ? 1 : min + Math.abs(min), count) : [];
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const first = Math.floor(min / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    // Multiply rather than accumulate, so ticks stay exact multiples of the step.
    const t = Number((first + i * step).toPrecision(12));
    ticks.push(t);
    if (t >= max - 1e-9) break;
  }
  return ticks;
}

/** Evenly spaced bands for categories: `start(i)` is the left (or top) edge of band i. */
export interface BandScale {
  readonly bandwidth: number;
  readonly step: number;
  start(index: number): number;
  center(index: number): number;
}

/** Bands over a pixel range with an inner padding (share of a step left empty between bands). */
export function bandScale(count: number, range: readonly [number, number], padding = 0.25): BandScale {
  const [r0, r1] = range;
  const step = count === 0 ? 0 : (r1 - r0) / (count + padding);
  const bandwidth = step * (1 - padding);
  const offset = r0 + step * padding;
  return {
    bandwidth,
    step,
    start: (i) => offset + i * step,
    center: (i) => offset + i * step + bandwidth / 2,
  };
}
