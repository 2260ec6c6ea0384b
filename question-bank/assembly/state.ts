/**
 * The mutable assignment of pool items to form slots, with running sums so every move is O(1) to
 * evaluate. Slots of a form are laid out group by group: group g owns slots
 * `groupStart[g] … groupStart[g + 1] − 1` of every form.
 */
import type { Pool } from './pool';

/** Assignment of pool items to the slots of k forms, with running sums per form. */
export interface FormState {
  pool: Pool;
  /** Number of forms. */
  k: number;
  /** Slots per form. */
  n: number;
  groupStart: Int32Array;
  slotGroup: Int32Array;
  /** `slots[f * n + s]` = pool index, −1 while empty. */
  slots: Int32Array;
  /** Bit f set ⇔ the item sits in form f. */
  mask: Uint8Array;
  sumP: Float64Array;
  sumD: Float64Array;
  /** `impCount[f * 3 + i]`. */
  impCount: Int32Array;
  /** `enemyCount[f * E + e]`. */
  enemyCount: Int32Array;
}

/** An empty assignment for k forms: every slot −1, sums 0. */
export function createState(pool: Pool, k: number): FormState {
  const groupStart = new Int32Array(pool.groups.length + 1);
  pool.groups.forEach((g, i) => (groupStart[i + 1] = groupStart[i]! + g.count));
  const n = groupStart[pool.groups.length]!;
  const slotGroup = new Int32Array(n);
  for (let g = 0; g < pool.groups.length; g++) slotGroup.fill(g, groupStart[g]!, groupStart[g + 1]!);
  return {
    pool,
    k,
    n,
    groupStart,
    slotGroup,
    slots: new Int32Array(k * n).fill(-1),
    mask: new Uint8Array(pool.items.length),
    sumP: new Float64Array(k),
    sumD: new Float64Array(k),
    impCount: new Int32Array(k * 3),
    enemyCount: new Int32Array(k * Math.max(1, pool.enemyGroups)),
  };
}

/** Put item v into empty slot s of form f. */
export function place(st: FormState, f: number, s: number, v: number): void {
  const { pool } = st;
  st.slots[f * st.n + s] = v;
  st.mask[v]! |= 1 << f;
  st.sumP[f]! += pool.p[v]!;
  st.sumD[f]! += pool.d[v]!;
  st.impCount[f * 3 + pool.imp[v]!]!++;
  const e = pool.enemy[v]!;
  if (e >= 0) st.enemyCount[f * pool.enemyGroups + e]!++;
}

/** Empty slot s of form f, returning the item that was there. */
export function unplace(st: FormState, f: number, s: number): number {
  const { pool } = st;
  const u = st.slots[f * st.n + s]!;
  st.slots[f * st.n + s] = -1;
  st.mask[u]! &= ~(1 << f);
  st.sumP[f]! -= pool.p[u]!;
  st.sumD[f]! -= pool.d[u]!;
  st.impCount[f * 3 + pool.imp[u]!]!--;
  const e = pool.enemy[u]!;
  if (e >= 0) st.enemyCount[f * pool.enemyGroups + e]!--;
  return u;
}

/** Whether item v may join form f once `leaving` (or −1) has left it: no enemy of v stays in f. */
export function enemyFree(st: FormState, f: number, v: number, leaving: number): boolean {
  const e = st.pool.enemy[v]!;
  if (e < 0) return true;
  const present = st.enemyCount[f * st.pool.enemyGroups + e]!;
  return present === 0 || (present === 1 && leaving >= 0 && st.pool.enemy[leaving] === e);
}

/** An item sitting in exactly one form (shared items are frozen: moving them could break overlap limits). */
export function inOneForm(st: FormState, u: number): boolean {
  const m = st.mask[u]!;
  return m !== 0 && (m & (m - 1)) === 0;
}

/** Items shared by forms f and g. */
export function pairOverlap(st: FormState, f: number, g: number): number {
  let shared = 0;
  for (let s = 0; s < st.n; s++) {
    const u = st.slots[f * st.n + s]!;
    if (u >= 0 && st.mask[u]! & (1 << g)) shared++;
  }
  return shared;
}

/** Recompute sums from scratch in slot order, removing drift from many incremental updates. */
export function resum(st: FormState): void {
  for (let f = 0; f < st.k; f++) {
    let sp = 0;
    let sd = 0;
    for (let s = 0; s < st.n; s++) {
      const u = st.slots[f * st.n + s]!;
      sp += st.pool.p[u]!;
      sd += st.pool.d[u]!;
    }
    st.sumP[f] = sp;
    st.sumD[f] = sd;
  }
}
