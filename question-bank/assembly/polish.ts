/**
 * Pair polishing. Single replacements stall once a form is within the spacing of the bank's
 * difficulty/discrimination values (~1e-4 relative); two replacements made together reach the
 * spacing of all pair sums, orders of magnitude finer. Per form, with the mean of all forms as a
 * fixed target: list every legal single replacement (δp, δd), sort by δp, and for each move find the
 * partner whose sum lands nearest the needed change (exact, pruned like `nearestUnused`).
 */
import { lowerBound } from './nearest';
import { enemyFree, inOneForm, place, unplace, type FormState } from './state';

/** The move list's buffers, kept per assembly: polishing runs up to 3 × 4 times and the list reaches ~35 000 moves. */
interface Moves {
  slotOf: Int32Array;
  inOf: Int32Array;
  dps: Float64Array;
  dds: Float64Array;
  sdp: Float64Array;
  sdd: Float64Array;
}
const movesOf = new WeakMap<FormState, Moves>();

function movesFor(st: FormState, cap: number): Moves {
  const have = movesOf.get(st);
  if (have && have.slotOf.length >= cap) return have;
  const moves = {
    slotOf: new Int32Array(cap),
    inOf: new Int32Array(cap),
    dps: new Float64Array(cap),
    dds: new Float64Array(cap),
    sdp: new Float64Array(cap),
    sdd: new Float64Array(cap),
  };
  movesOf.set(st, moves);
  return moves;
}

/** Move form f's sums as close as possible to (tP, tD) with ≤ 2 replacements; true if it improved. */
export function polishForm(st: FormState, f: number, tP: number, tD: number, sP: number, sD: number): boolean {
  const { n, pool } = st;
  const r = (st.sumP[f]! - tP) / sP;
  const q = (st.sumD[f]! - tD) / sD;
  let cap = 0;
  for (let s = 0; s < n; s++) {
    const u = st.slots[f * n + s]!;
    cap += pool.groups[st.slotGroup[s]!]!.byImp[pool.imp[u]!]!.length;
  }
  const { slotOf, inOf, dps, dds, sdp: sortedDp, sdd: sortedDd } = movesFor(st, cap);
  let m = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let s = 0; s < n; s++) {
    const u = st.slots[f * n + s]!;
    if (!inOneForm(st, u)) continue;
    const group = pool.groups[st.slotGroup[s]!]!;
    const list = group.byImp[pool.imp[u]!]!;
    for (let j = 0; j < list.length; j++) {
      const v = list[j]!;
      if (st.mask[v] !== 0 || !enemyFree(st, f, v, u)) continue;
      const dp = (pool.p[v]! - pool.p[u]!) / sP;
      slotOf[m] = s;
      inOf[m] = v;
      dps[m] = dp;
      dds[m] = (pool.d[v]! - pool.d[u]!) / sD;
      if (dp < lo) lo = dp;
      if (dp > hi) hi = dp;
      m++;
    }
  }
  if (m === 0) return false;
  const order = sortByKey(dps, m, lo, hi);
  // Views of length m, so the binary search below sees only this call's moves.
  const sdp = sortedDp.subarray(0, m);
  const sdd = sortedDd.subarray(0, m);
  for (let i = 0; i < m; i++) {
    sdp[i] = dps[order[i]!]!;
    sdd[i] = dds[order[i]!]!;
  }
  let best = (r * r + q * q) * (1 - 1e-9);
  let ba = -1;
  let bb = -1;
  for (let a = 0; a < m; a++) {
    // Single replacement a alone.
    const ra = r + sdp[a]!;
    const qa = q + sdd[a]!;
    const single = ra * ra + qa * qa;
    if (single < best) [best, ba, bb] = [single, a, -1];
    const want = -ra;
    const start = lowerBound(sdp, want);
    for (let dir = 1; dir >= -1; dir -= 2) {
      for (let b = dir > 0 ? start : start - 1; b >= 0 && b < m; b += dir) {
        const ep = sdp[b]! - want;
        const ep2 = ep * ep;
        if (ep2 >= best) break;
        const eq = sdd[b]! + qa;
        const dist = ep2 + eq * eq;
        if (dist < best && compatible(st, slotOf, inOf, order[a]!, order[b]!)) [best, ba, bb] = [dist, a, b];
      }
    }
  }
  if (ba < 0) return false;
  for (const x of bb < 0 ? [ba] : [ba, bb]) {
    const i = order[x]!;
    unplace(st, f, slotOf[i]!);
    place(st, f, slotOf[i]!, inOf[i]!);
  }
  return true;
}

/**
 * Two replacements can be made together: different slots, different incoming items, and the incoming
 * items not enemies of each other. Each move alone is legal, so the form holds no other enemy of
 * either incoming item (removing a second item cannot add one).
 */
function compatible(st: FormState, slotOf: Int32Array, inOf: Int32Array, a: number, b: number): boolean {
  if (slotOf[a] === slotOf[b] || inOf[a] === inOf[b]) return false;
  const ea = st.pool.enemy[inOf[a]!]!;
  return ea < 0 || ea !== st.pool.enemy[inOf[b]!];
}

/**
 * Indexes 0..m−1 ordered by `key` ascending (ties by index): counting sort into buckets over
 * [lo, hi], then insertion sort inside each bucket — linear time for the near-uniform keys here,
 * where a comparator sort of 35 000 indexes was the polish's largest cost.
 */
function sortByKey(key: Float64Array, m: number, lo: number, hi: number): Int32Array {
  const buckets = Math.max(1, m >> 2);
  const width = hi > lo ? (hi - lo) / buckets : 1;
  const bucketOf = (i: number) => Math.min(buckets - 1, Math.floor((key[i]! - lo) / width));
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < m; i++) start[bucketOf(i) + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const next = start.slice(0, buckets);
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[next[bucketOf(i)]!++] = i;
  for (let b = 0; b < buckets; b++) {
    for (let x = start[b]! + 1; x < start[b + 1]!; x++) {
      const i = order[x]!;
      const k = key[i]!;
      let y = x - 1;
      while (y >= start[b]! && (key[order[y]!]! > k || (key[order[y]!]! === k && order[y]! > i))) {
        order[y + 1] = order[y]!;
        y--;
      }
      order[y + 1] = i;
    }
  }
  return order;
}
