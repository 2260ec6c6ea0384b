/**
 * First feasible assignment: check the bank can support the forms at all, then per cell take a
 * seeded random sample of non-enemy items, sort it by difficulty and deal it to the forms in snake
 * order (already close to parallel); enemy items and, if allowed, shared items fill what is left.
 */
import { shuffled, type Rng } from '../random';
import { BlueprintUnsatisfiable, type ShortCell } from './errors';
import { placeEnemies } from './enemy-placement';
import type { Pool, PoolGroup } from './pool';
import { enemyFree, inOneForm, place, unplace, type FormState } from './state';

/** Distinct items of a group that can be placed: enemy-group members count at most once per form. */
function placeable(pool: Pool, g: PoolGroup, k: number): number {
  let free = 0;
  const perEnemy = new Map<number, number>();
  for (let j = 0; j < g.members.length; j++) {
    const e = pool.enemy[g.members[j]!]!;
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
 * Fill every slot of `st`: enemy items first where a cell needs them (exact search in
 * `placeEnemies`, greedy if that gives up), then a seeded sample of free items dealt in snake order
 * of difficulty, then leftover enemy items,
 * ejection repairs (move the enemy blocking an item elsewhere), and shared items within
 * `maxOverlap`. Throws `BlueprintUnsatisfiable` (reason 'enemies') for the cells still short, with
 * needed = slots to fill with distinct items and available = distinct items placed; never leaves a
 * slot empty.
 */
export function construct(st: FormState, rng: Rng, maxOverlap: number): void {
  const { pool, k } = st;
  const G = pool.groups.length;
  const filled = new Int32Array(k * G);
  const put = (f: number, g: number, v: number) => {
    place(st, f, st.groupStart[g]! + filled[f * G + g]!, v);
    filled[f * G + g]!++;
  };
  const room = (f: number, g: number) => pool.groups[g]!.count - filled[f * G + g]!;
  const frees: number[][] = [];
  const enemies: number[][] = [];
  for (let g = 0; g < G; g++) {
    const order = shuffled(pool.groups[g]!.members, rng);
    const free: number[] = [];
    const enemy: number[] = [];
    for (let j = 0; j < order.length; j++) (pool.enemy[order[j]!]! < 0 ? free : enemy).push(order[j]!);
    frees.push(free);
    enemies.push(enemy);
  }
  // Cells with too few free items need enemy items: place those first, exactly if the search can,
  // else greedily into the form with most room.
  const need = new Int32Array(G);
  for (let g = 0; g < G; g++) need[g] = Math.max(0, pool.groups[g]!.count * k - frees[g]!.length);
  if (need.some((x) => x > 0) && !placeEnemies(st, enemies, need, filled)) {
    for (let g = 0; g < G; g++) {
      let left = need[g]!;
      for (const v of enemies[g]!) {
        if (left <= 0) break;
        const f = roomiest(st, g, v, room);
        if (f >= 0) {
          put(f, g, v);
          left--;
        }
      }
    }
  }
  for (let g = 0; g < G; g++) {
    let left = 0;
    for (let f = 0; f < k; f++) left += room(f, g);
    const picked = frees[g]!.slice(0, left).sort((a, b) => (pool.p[a]! < pool.p[b]! ? -1 : pool.p[a]! > pool.p[b]! ? 1 : a - b));
    // Snake order over a seeded rotation of the forms (no form always gets the easiest item),
    // skipping forms already full.
    const rot = rng.int(k);
    let i = 0;
    for (const v of picked) {
      for (;;) {
        const pos = i % k;
        const f = ((Math.floor(i / k) % 2 === 0 ? pos : k - 1 - pos) + rot) % k;
        i++;
        if (room(f, g) > 0) {
          put(f, g, v);
          break;
        }
      }
    }
  }
  for (let g = 0; g < G; g++) {
    for (const v of enemies[g]!) {
      if (st.mask[v] !== 0) continue;
      const f = roomiest(st, g, v, room);
      if (f >= 0) put(f, g, v);
    }
  }
  for (let g = 0; g < G; g++) {
    for (let f = 0; f < k; f++) {
      while (room(f, g) > 0) {
        const v = ejectFor(st, f, g);
        if (v < 0) break;
        put(f, g, v);
      }
    }
  }
  if (maxOverlap > 0) share(st, filled, maxOverlap);
  const short: ShortCell[] = [];
  for (let g = 0; g < G; g++) {
    const group = pool.groups[g]!;
    let empty = 0;
    for (let f = 0; f < k; f++) empty += room(f, g);
    if (empty === 0) continue;
    let distinct = 0;
    let uses = 0;
    for (const i of group.members) {
      if (st.mask[i] === 0) continue;
      distinct++;
      for (let m = st.mask[i]!; m; m &= m - 1) uses++;
    }
    short.push({ cell: group.cell, type: group.type, needed: group.count * k - (uses - distinct), available: distinct });
  }
  if (short.length > 0) {
    throw new BlueprintUnsatisfiable(short, { forms: k, overlapNeeded: 0, overlapAllowed: ((k * (k - 1)) / 2) * maxOverlap, reason: 'enemies' });
  }
}

/** The form with most room in group g that v's enemies leave open, −1 if none. */
function roomiest(st: FormState, g: number, v: number, room: (f: number, g: number) => number): number {
  let best = -1;
  for (let f = 0; f < st.k; f++) {
    if (room(f, g) > 0 && enemyFree(st, f, v, -1) && (best < 0 || room(f, g) > room(best, g))) best = f;
  }
  return best;
}

/**
 * Make room for an unused item of group g in form f whose enemy w sits in f: replace w by an unused
 * item of w's cell that fits f, or swap w with an item of another form that has no enemy of w. Returns the
 * item that may now be placed, or −1.
 */
function ejectFor(st: FormState, f: number, g: number): number {
  const { pool, n, k } = st;
  for (const v of pool.groups[g]!.members) {
    if (st.mask[v] !== 0 || enemyFree(st, f, v, -1)) continue;
    const e = pool.enemy[v]!;
    let sw = -1;
    for (let s = 0; s < n; s++) {
      const u = st.slots[f * n + s]!;
      if (u >= 0 && pool.enemy[u] === e) sw = s;
    }
    if (sw < 0 || !inOneForm(st, st.slots[f * n + sw]!)) continue;
    const gw = st.slotGroup[sw]!;
    const w = st.slots[f * n + sw]!;
    for (const y of pool.groups[gw]!.members) {
      if (st.mask[y] === 0 && y !== v && pool.enemy[y] !== e && enemyFree(st, f, y, w)) {
        unplace(st, f, sw);
        place(st, f, sw, y);
        return v;
      }
    }
    for (let h = 0; h < k; h++) {
      if (h === f || st.enemyCount[h * pool.enemyGroups + e]! > 0) continue;
      for (let t = st.groupStart[gw]!; t < st.groupStart[gw + 1]!; t++) {
        const x = st.slots[h * n + t]!;
        if (x < 0 || !inOneForm(st, x) || pool.enemy[x] === e || !enemyFree(st, f, x, w)) continue;
        unplace(st, f, sw);
        unplace(st, h, t);
        place(st, f, sw, x);
        place(st, h, t, w);
        return v;
      }
    }
  }
  return -1;
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
