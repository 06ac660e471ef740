/**
 * Hash join over factorised keys: the right side is bucketed by key id (counting sort), the
 * left side probes in order. Null keys never match.
 */
import { Column } from '../column';
import { joinKeyIds } from './factorize';

/** Matching row pairs; rightIdx is -1 for an unmatched left row of a left join. */
export interface JoinIndices {
  readonly leftIdx: Int32Array;
  readonly rightIdx: Int32Array;
}

/** Pairs of matching rows, in left order and then right order. */
export function hashJoin(leftKeys: readonly Column[], rightKeys: readonly Column[], how: 'inner' | 'left'): JoinIndices {
  const nl = leftKeys[0]!.length;
  const nr = rightKeys[0]!.length;
  const { left, right, card } = joinKeyIds(leftKeys, rightKeys);
  // Unique right keys (a dimension): one matching row per key, no buckets needed.
  const match = new Int32Array(card).fill(-1);
  let unique = true;
  for (let j = 0; j < nr; j++) {
    const k = right[j]!;
    if (k < 0) continue;
    if (match[k]! >= 0) {
      unique = false;
      break;
    }
    match[k] = j;
  }
  if (unique) return uniqueJoin(left, match, how);
  // Bucket right rows by id (CSR layout), keeping right order inside a bucket.
  const start = new Int32Array(card + 1);
  for (let j = 0; j < nr; j++) {
    const k = right[j]!;
    if (k >= 0) start[k + 1]!++;
  }
  for (let k = 0; k < card; k++) start[k + 1]! += start[k]!;
  const rows = new Int32Array(start[card]!);
  const fill = start.slice(0, card);
  for (let j = 0; j < nr; j++) {
    const k = right[j]!;
    if (k >= 0) rows[fill[k]!++] = j;
  }
  // Count output rows, then fill.
  let total = 0;
  for (let i = 0; i < nl; i++) {
    const k = left[i]!;
    const m = k < 0 ? 0 : start[k + 1]! - start[k]!;
    total += m === 0 && how === 'left' ? 1 : m;
  }
  const leftIdx = new Int32Array(total);
  const rightIdx = new Int32Array(total);
  let o = 0;
  for (let i = 0; i < nl; i++) {
    const k = left[i]!;
    const s = k < 0 ? 0 : start[k]!;
    const e = k < 0 ? 0 : start[k + 1]!;
    if (s === e) {
      if (how === 'left') {
        leftIdx[o] = i;
        rightIdx[o++] = -1;
      }
      continue;
    }
    for (let p = s; p < e; p++) {
      leftIdx[o] = i;
      rightIdx[o++] = rows[p]!;
    }
  }
  return { leftIdx, rightIdx };
}

/** The join when every right key occurs at most once: `match[id]` is its right row or -1. */
function uniqueJoin(left: Int32Array, match: Int32Array, how: 'inner' | 'left'): JoinIndices {
  const nl = left.length;
  if (how === 'left') {
    const leftIdx = new Int32Array(nl);
    const rightIdx = new Int32Array(nl);
    for (let i = 0; i < nl; i++) {
      const k = left[i]!;
      leftIdx[i] = i;
      rightIdx[i] = k < 0 ? -1 : match[k]!;
    }
    return { leftIdx, rightIdx };
  }
  let total = 0;
  for (let i = 0; i < nl; i++) {
    const k = left[i]!;
    if (k >= 0 && match[k]! >= 0) total++;
  }
  const leftIdx = new Int32Array(total);
  const rightIdx = new Int32Array(total);
  let o = 0;
  for (let i = 0; i < nl; i++) {
    const k = left[i]!;
    if (k < 0) continue;
    const j = match[k]!;
    if (j < 0) continue;
    leftIdx[o] = i;
    rightIdx[o++] = j;
  }
  return { leftIdx, rightIdx };
}
