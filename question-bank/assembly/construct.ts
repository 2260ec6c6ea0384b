/**
 * First feasible assignment: check the bank can support the forms at all, then per cell take a
 * seeded random sample of non-enemy items, sort it by difficulty and deal it to the forms in snake
 * order (already close to parallel); enemy items and, if allowed, shared items fill what is left.
 */
import { shuffled, type Rng } from '../random';
import { BlueprintUnsatisfiable, type ShortCell } from './errors';
import type { Pool, PoolGroup } from './pool';
import { enemyFree, place, type FormState } from './state';

/** Distinct items of a group that can be placed: enemy-group members count at most once per form. */
function placeable(pool: Pool, g: PoolGroup, k: number): number {
  let free = 0;
  const perEnemy = new Map<number, number>();
  for (const i of g.members) {
    const e = pool.enemy[i]!;
    if (e < 0) free++;
    else perEnemy.set(e, (perEnemy.get(e) ?? 0) + 1);
  }
  for (const c of perEnemy.values()) free += Math.min(c, k);
  return free;
}

/**
 * Throws `BlueprintUnsatisfiable` listing every short cell when the bank cannot possibly fill all
 * forms: a cell is short when it has fewer placeable items than count × forms minus the overlap it
 * may use (at most the whole allowance of k(k−1)/2 × maxOverlap, and never below count), or when
 * the short cells together need more shared items than the allowance.
 */
export function checkSupply(pool: Pool, k: number, maxOverlap: number): void {
  const allowance = ((k * (k - 1)) / 2) * maxOverlap;
  const short: ShortCell[] = [];
  const needsSharing: ShortCell[] = [];
  let overlapNeeded = 0;
  for (const g of pool.groups) {
    const available = placeable(pool, g, k);
    const full = g.count * k;
    const needed = full - Math.min(g.count * (k - 1), allowance);
    if (available < needed) short.push({ cell: g.cell, type: g.type, needed, available });
    if (available < full) {
      overlapNeeded += full - available;
      needsSharing.push({ cell: g.cell, type: g.type, needed: full, available });
    }
  }
  if (short.length > 0) {
    throw new BlueprintUnsatisfiable(short, { forms: k, overlapNeeded, overlapAllowed: allowance, reason: 'supply' });
  }
  if (overlapNeeded > allowance) {
    throw new BlueprintUnsatisfiable(needsSharing, { forms: k, overlapNeeded, overlapAllowed: allowance, reason: 'overlap' });
  }
}

/**
 * Fill every slot of `st`. Throws `BlueprintUnsatisfiable` (reason 'enemies') for the cells still
 * short when enemy groups or the overlap limit leave no legal item; never leaves a slot empty.
 */
export function construct(st: FormState, rng: Rng, maxOverlap: number): void {
  const { pool, k } = st;
  const G = pool.groups.length;
  const filled = new Int32Array(k * G);
  const put = (f: number, g: number, v: number) => {
    place(st, f, st.groupStart[g]! + filled[f * G + g]!, v);
    filled[f * G + g]!++;
  };
  const leftovers: number[][] = [];
  for (let g = 0; g < G; g++) {
    const group = pool.groups[g]!;
    const order = shuffled(Array.from(group.members), rng);
    const free = order.filter((i) => pool.enemy[i]! < 0);
    leftovers.push(order.filter((i) => pool.enemy[i]! >= 0));
    const picked = free.slice(0, group.count * k).sort((a, b) => pool.p[a]! - pool.p[b]! || a - b);
    // Snake order over a seeded rotation of the forms: no form always gets the easiest item.
    const rot = rng.int(k);
    picked.forEach((v, i) => {
      const pos = i % k;
      const f = (Math.floor(i / k) % 2 === 0 ? pos : k - 1 - pos) + rot;
      put(f % k, g, v);
    });
  }
  for (let g = 0; g < G; g++) {
    const c = pool.groups[g]!.count;
    for (const v of leftovers[g]!) {
      let best = -1;
      for (let f = 0; f < k; f++) {
        const room = c - filled[f * G + g]!;
        if (room > 0 && enemyFree(st, f, v, -1) && (best < 0 || room > c - filled[best * G + g]!)) best = f;
      }
      if (best >= 0) put(best, g, v);
    }
  }
  if (maxOverlap > 0) share(st, filled, maxOverlap);
  const short: ShortCell[] = [];
  for (let g = 0; g < G; g++) {
    const group = pool.groups[g]!;
    let empty = 0;
    for (let f = 0; f < k; f++) empty += group.count - filled[f * G + g]!;
    if (empty === 0) continue;
    let distinct = 0;
    for (const i of group.members) if (st.mask[i] !== 0) distinct++;
    const allowance = ((k * (k - 1)) / 2) * maxOverlap;
    short.push({ cell: group.cell, type: group.type, needed: group.count * k - Math.min(group.count * (k - 1), allowance), available: distinct });
  }
  if (short.length > 0) {
    throw new BlueprintUnsatisfiable(short, { forms: k, overlapNeeded: 0, overlapAllowed: ((k * (k - 1)) / 2) * maxOverlap, reason: 'enemies' });
  }
}

/** Fill remaining slots with items already in other forms, keeping every pair within `maxOverlap`. */
function share(st: FormState, filled: Int32Array, maxOverlap: number): void {
  const { pool, k } = st;
  const G = pool.groups.length;
  const pairs = new Int32Array(k * k);
  for (let g = 0; g < G; g++) {
    const group = pool.groups[g]!;
    for (let f = 0; f < k; f++) {
      while (filled[f * G + g]! < group.count) {
        let best = -1;
        let bestLoad = Infinity;
        for (const u of group.members) {
          const m = st.mask[u]!;
          if (m === 0 || m & (1 << f) || !enemyFree(st, f, u, -1)) continue;
          let load = 0;
          let ok = true;
          for (let h = 0; h < k; h++) {
            if (!(m & (1 << h))) continue;
            if (pairs[f * k + h]! >= maxOverlap) ok = false;
            load += pairs[f * k + h]!;
          }
          if (ok && load < bestLoad) [best, bestLoad] = [u, load];
        }
        if (best < 0) break;
        for (let h = 0; h < k; h++) {
          if (st.mask[best]! & (1 << h)) {
            pairs[f * k + h]!++;
            pairs[h * k + f]!++;
          }
        }
        place(st, f, st.groupStart[g]! + filled[f * G + g]!, best);
        filled[f * G + g]!++;
      }
    }
  }
}
