/**
 * Nearest unused replacement: in a group's items of one importance (sorted by difficulty), the item v
 * closest to a wanted (difficulty, discrimination) point in the scaled metric, that is unused and may
 * join form f when u leaves. Scans outward from a binary search and stops as soon as the difficulty
 * distance alone exceeds the best found, so it is exact and usually touches a handful of items.
 */
import { enemyFree, type FormState } from './state';

/** Result slot reused across calls (the search is synchronous), to avoid allocating per probe. */
export interface Nearest {
  v: number;
  dist: number;
}

/** Index of the first element ≥ x in ascending `a`. */
export function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Search `list` / `plist` for the best v ≠ used with dist < `out.dist` (the caller's bound);
 * updates `out` when found. `sP`, `sD` scale difficulty and discrimination.
 */
export function nearestUnused(
  st: FormState,
  f: number,
  u: number,
  list: Int32Array,
  plist: Float64Array,
  tp: number,
  td: number,
  sP: number,
  sD: number,
  out: Nearest,
): void {
  const { mask, pool } = st;
  const d = pool.d;
  const start = lowerBound(plist, tp);
  for (let j = start; j < list.length; j++) {
    const dp = (plist[j]! - tp) / sP;
    const dp2 = dp * dp;
    if (dp2 >= out.dist) break;
    const v = list[j]!;
    if (mask[v] !== 0) continue;
    const dd = (d[v]! - td) / sD;
    const dist = dp2 + dd * dd;
    if (dist < out.dist && enemyFree(st, f, v, u)) {
      out.dist = dist;
      out.v = v;
    }
  }
  for (let j = start - 1; j >= 0; j--) {
    const dp = (plist[j]! - tp) / sP;
    const dp2 = dp * dp;
    if (dp2 >= out.dist) break;
    const v = list[j]!;
    if (mask[v] !== 0) continue;
    const dd = (d[v]! - td) / sD;
    const dist = dp2 + dd * dd;
    if (dist < out.dist && enemyFree(st, f, v, u)) {
      out.dist = dist;
      out.v = v;
    }
  }
}
