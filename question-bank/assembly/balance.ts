/**
 * Equal X/Y/Z coverage: every form should hold the same number of items per importance. Target
 * counts follow the current totals (largest remainder); each move turns one item of an importance a
 * form has too many of into one it lacks — by an unused item of the same cell × type, or by a swap
 * with a form that has the opposite imbalance — choosing the move that disturbs difficulty and
 * discrimination least. When no single move helps (the importance a form lacks shares no cell with the one it
 * has too many of), two replacements in one form chain through the third importance.
 */
import { largestRemainder } from '../blueprint-counts';
import { nearestUnused, type Nearest } from './nearest';
import { enemyFree, inOneForm, place, unplace, type FormState } from './state';

interface Move {
  cost: number;
  f: number;
  s: number;
  v: number;
  /** Swap partner form and slot, −1 for a replacement by unused item v. */
  h: number;
  t: number;
}

/** Balance importance counts; returns the number of moves made. Stops when equal or stuck. */
export function balanceImportance(st: FormState, sP: number, sD: number, maxMoves: number): number {
  const { k, n, pool } = st;
  if (k < 2) return 0;
  const totals = [0, 0, 0].map((_, i) => {
    let t = 0;
    for (let f = 0; f < k; f++) t += st.impCount[f * 3 + i]!;
    return t;
  });
  const target = largestRemainder(n, totals);
  const out: Nearest = { v: -1, dist: Infinity };
  let moves = 0;
  while (moves < maxMoves) {
    let best: Move | null = null;
    for (let f = 0; f < k; f++) {
      for (let a = 0; a < 3; a++) {
        if (st.impCount[f * 3 + a]! <= target[a]!) continue;
        for (let b = 0; b < 3; b++) {
          if (st.impCount[f * 3 + b]! >= target[b]!) continue;
          for (let s = 0; s < n; s++) {
            const u = st.slots[f * n + s]!;
            if (pool.imp[u] !== a || !inOneForm(st, u)) continue;
            const group = pool.groups[st.slotGroup[s]!]!;
            out.v = -1;
            out.dist = best ? best.cost : Infinity;
            nearestUnused(st, f, u, group.byImp[b]!, group.pByImp[b]!, pool.p[u]!, pool.d[u]!, sP, sD, out);
            if (out.v >= 0) best = { cost: out.dist, f, s, v: out.v, h: -1, t: -1 };
            // A swap with a form that has the opposite imbalance fixes two forms at once.
            for (let h = 0; h < k; h++) {
              if (h === f || st.impCount[h * 3 + b]! <= target[b]! || st.impCount[h * 3 + a]! >= target[a]!) continue;
              for (let t = st.groupStart[st.slotGroup[s]!]!; t < st.groupStart[st.slotGroup[s]! + 1]!; t++) {
                const w = st.slots[h * n + t]!;
                if (pool.imp[w] !== b || !inOneForm(st, w)) continue;
                if (!enemyFree(st, h, u, w) || !enemyFree(st, f, w, u)) continue;
                const dp = (pool.p[w]! - pool.p[u]!) / sP;
                const dd = (pool.d[w]! - pool.d[u]!) / sD;
                // Half the cost: one swap does the work of two replacements.
                const cost = (dp * dp + dd * dd) / 2;
                if (!best || cost < best.cost) best = { cost, f, s, v: w, h, t };
              }
            }
          }
        }
      }
    }
    if (!best) {
      // No single move helps; a chain through the third importance may (e.g. Z→Y in a cell without X items,
      // then Y→X in another cell). Only tried when stuck, so banks that balance directly build as before.
      if (moves + 2 <= maxMoves && chainMove(st, sP, sD, target, out)) {
        moves += 2;
        continue;
      }
      break;
    }
    if (best.h < 0) {
      unplace(st, best.f, best.s);
      place(st, best.f, best.s, best.v);
    } else {
      const u = unplace(st, best.f, best.s);
      const w = unplace(st, best.h, best.t);
      place(st, best.f, best.s, w);
      place(st, best.h, best.t, u);
    }
    moves++;
  }
  return moves;
}

/**
 * The cheapest replacement in form f of an item of importance a (not in slot `skip`) by an unused item of
 * importance b from the same cell × type; slot and item in `found` (s, v), or false.
 */
function bestReplacement(st: FormState, f: number, a: number, b: number, sP: number, sD: number, skip: number, out: Nearest, found: { s: number; v: number }): boolean {
  const { n, pool } = st;
  let cost = Infinity;
  found.s = -1;
  for (let s = 0; s < n; s++) {
    if (s === skip) continue;
    const u = st.slots[f * n + s]!;
    if (pool.imp[u] !== a || !inOneForm(st, u)) continue;
    const group = pool.groups[st.slotGroup[s]!]!;
    out.v = -1;
    out.dist = cost;
    nearestUnused(st, f, u, group.byImp[b]!, group.pByImp[b]!, pool.p[u]!, pool.d[u]!, sP, sD, out);
    if (out.v >= 0) {
      cost = out.dist;
      found.s = s;
      found.v = out.v;
    }
  }
  return found.s >= 0;
}

/**
 * Two replacements in one form that has importance a above and c below target: a → b in one slot, then
 * b → c in another (b the third importance, whose count ends where it was). The first is undone when no
 * second exists. True if the chain was made.
 */
function chainMove(st: FormState, sP: number, sD: number, target: number[], out: Nearest): boolean {
  const { k } = st;
  const first = { s: -1, v: -1 };
  const second = { s: -1, v: -1 };
  for (let f = 0; f < k; f++) {
    for (let a = 0; a < 3; a++) {
      if (st.impCount[f * 3 + a]! <= target[a]!) continue;
      for (let c = 0; c < 3; c++) {
        if (c === a || st.impCount[f * 3 + c]! >= target[c]!) continue;
        const b = 3 - a - c;
        if (!bestReplacement(st, f, a, b, sP, sD, -1, out, first)) continue;
        const u = unplace(st, f, first.s);
        place(st, f, first.s, first.v);
        if (bestReplacement(st, f, b, c, sP, sD, first.s, out, second)) {
          unplace(st, f, second.s);
          place(st, f, second.s, second.v);
          return true;
        }
        unplace(st, f, first.s);
        place(st, f, first.s, u);
      }
    }
  }
  return false;
}
