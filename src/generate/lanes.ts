import { GeneratedFileName } from './files';
import { WRITERS } from './writers';

/** Per-customer cost of the shared simulations, on the scale of WriterSpec.cost. */
const SIMULATION_COST = { identity: 2, purchases: 13, shipping: 5 } as const;
/** Plans with at most this many candidate assignments are searched exhaustively. */
const EXHAUSTIVE_LIMIT = 200_000;

/** Estimated per-customer cost of writing `files` in one thread (writers plus the simulations they need). */
export function laneCost(files: readonly GeneratedFileName[]): number {
  let cost = 0;
  let identity = false;
  let purchases = false;
  let shipping = false;
  for (const f of files) {
    const spec = WRITERS[f];
    cost += spec.cost;
    identity ||= spec.needs?.identity === true;
    purchases ||= spec.needs?.purchases === true;
    shipping ||= spec.needs?.shipping === true;
  }
  return (
    cost + (identity ? SIMULATION_COST.identity : 0) + (purchases ? SIMULATION_COST.purchases : 0) + (shipping ? SIMULATION_COST.shipping : 0)
  );
}

/** Cost units per customer of a whole generation (all files, one thread), to convert seconds into units. */
export const UNITS_PER_CUSTOMER = laneCost(Object.keys(WRITERS) as GeneratedFileName[]);

/**
 * Splits files over `lanes` threads so that the lane finishing last finishes as early as
 * possible (a lane that already simulates what a file needs takes it more cheaply). Lane 0 is
 * the calling thread; the others are worker threads that start `workerStart` cost units late.
 * Small problems are searched exhaustively, larger ones greedily (costliest file first, to the
 * lane it makes cheapest). Deterministic; empty lanes are dropped.
 */
export function planLanes(files: readonly GeneratedFileName[], lanes: number, workerStart = 0): GeneratedFileName[][] {
  const count = Math.max(1, Math.min(lanes, files.length));
  const plan = count ** files.length <= EXHAUSTIVE_LIMIT ? searchPlan(files, count, workerStart) : greedyPlan(files, count, workerStart);
  return plan.filter((lane) => lane.length > 0);
}

function finish(lane: readonly GeneratedFileName[], index: number, workerStart: number): number {
  return lane.length === 0 ? 0 : laneCost(lane) + (index === 0 ? 0 : workerStart);
}

function worstLane(plan: readonly (readonly GeneratedFileName[])[], workerStart: number): number {
  return Math.max(...plan.map((lane, i) => finish(lane, i, workerStart)));
}

function searchPlan(files: readonly GeneratedFileName[], lanes: number, workerStart: number): GeneratedFileName[][] {
  let best: GeneratedFileName[][] = [[...files]];
  let bestCost = worstLane(best, workerStart);
  const assignment = new Array<number>(files.length).fill(0);
  const total = lanes ** files.length;
  for (let code = 0; code < total; code++) {
    let rest = code;
    for (let f = 0; f < files.length; f++) {
      assignment[f] = rest % lanes;
      rest = Math.floor(rest / lanes);
    }
    // Lane numbers are interchangeable: only plans whose lanes open in order are looked at.
    let open = 0;
    let canonical = true;
    for (const lane of assignment) {
      if (lane > open) {
        canonical = false;
        break;
      }
      if (lane === open) open++;
    }
    if (!canonical) continue;
    const plan: GeneratedFileName[][] = Array.from({ length: lanes }, () => []);
    files.forEach((file, f) => plan[assignment[f]].push(file));
    const cost = worstLane(plan, workerStart);
    if (cost < bestCost - 1e-9) {
      best = plan;
      bestCost = cost;
    }
  }
  return best;
}

function greedyPlan(files: readonly GeneratedFileName[], lanes: number, workerStart: number): GeneratedFileName[][] {
  const plan: GeneratedFileName[][] = Array.from({ length: lanes }, () => []);
  const ordered = [...files].sort((a, b) => WRITERS[b].cost - WRITERS[a].cost);
  for (const file of ordered) {
    let best = 0;
    let bestCost = Infinity;
    plan.forEach((lane, i) => {
      const cost = finish([...lane, file], i, workerStart);
      if (cost < bestCost) {
        best = i;
        bestCost = cost;
      }
    });
    plan[best].push(file);
  }
  return plan;
}
