/**
 * Local search on difficulty and discrimination. Objective Φ = Σ_f (r_f² + q_f²) where r_f, q_f are
 * form f's difficulty and discrimination sums minus the mean over forms, scaled by that mean: Φ
 * falls as the largest relative deviation falls. Two moves keep counts per cell, type and importance:
 * replace an item by an unused one (exact nearest neighbour to the ideal change), or swap two items
 * between forms. Best improvement each step; shared items never move.
 */
import { stateDeviation } from './deviation';
import { nearestUnused, type Nearest } from './nearest';
import { enemyFree, inOneForm, place, unplace, type FormState } from './state';

/** Relative deviation below which further search buys nothing measurable (float noise ~1e-16). */
export const DEVIATION_FLOOR = 1e-12;

/** Improving moves allowed across all search phases; `iterations` counts them as they are made. */
export interface SearchBudget {
  /** Improving moves made so far across all phases. */
  iterations: number;
  max: number;
}

/** Φ-scaled residuals of every form: r (difficulty) and q (discrimination). */
export function residuals(st: FormState, sP: number, sD: number): { r: Float64Array; q: Float64Array; phi: number } {
  const { k } = st;
  let mp = 0;
  let md = 0;
  for (let f = 0; f < k; f++) {
    mp += st.sumP[f]!;
    md += st.sumD[f]!;
  }
  mp /= k;
  md /= k;
  const r = new Float64Array(k);
  const q = new Float64Array(k);
  let phi = 0;
  for (let f = 0; f < k; f++) {
    r[f] = (st.sumP[f]! - mp) / sP;
    q[f] = (st.sumD[f]! - md) / sD;
    phi += r[f]! * r[f]! + q[f]! * q[f]!;
  }
  return { r, q, phi };
}

/** Run improving moves until none is left, the budget is spent or the floor is reached. */
export function refine(st: FormState, sP: number, sD: number, budget: SearchBudget, onMove: () => void): void {
  const { k, n, pool } = st;
  if (k < 2) return;
  const keep = 1 - 1 / k;
  const out: Nearest = { v: -1, dist: Infinity };
  while (budget.iterations < budget.max) {
    const dev = stateDeviation(st);
    if (Math.max(dev.meanDifficulty, dev.meanDiscrimination) <= DEVIATION_FLOOR) break;
    const { r, q, phi } = residuals(st, sP, sD);
    // Replacing in form f changes its sums by δ and the mean by δ/k: ΔΦ = 2δ·r_f + δ²(1 − 1/k) per
    // statistic, smallest at δ* = −r_f / (1 − 1/k); so seek the δ nearest δ*.
    let bestGain = -phi * 1e-9;
    let bf = -1;
    let bs = -1;
    let bv = -1;
    let bh = -1;
    let bt = -1;
    for (let f = 0; f < k; f++) {
      const tpS = -r[f]! / keep;
      const tdS = -q[f]! / keep;
      const ideal = tpS * tpS + tdS * tdS;
      for (let s = 0; s < n; s++) {
        const u = st.slots[f * n + s]!;
        if (!inOneForm(st, u)) continue;
        const group = pool.groups[st.slotGroup[s]!]!;
        const i = pool.imp[u]!;
        out.v = -1;
        out.dist = ideal + bestGain / keep;
        if (out.dist <= 0) continue;
        nearestUnused(st, f, u, group.byImp[i]!, group.pByImp[i]!, pool.p[u]! + tpS * sP, pool.d[u]! + tdS * sD, sP, sD, out);
        if (out.v >= 0) {
          bestGain = keep * (out.dist - ideal);
          [bf, bs, bv, bh, bt] = [f, s, out.v, -1, -1];
        }
      }
    }
    for (let f = 0; f < k; f++) {
      for (let h = f + 1; h < k; h++) {
        const dr = r[f]! - r[h]!;
        const dq = q[f]! - q[h]!;
        for (let s = 0; s < n; s++) {
          const u = st.slots[f * n + s]!;
          if (!inOneForm(st, u)) continue;
          const g = st.slotGroup[s]!;
          for (let t = st.groupStart[g]!; t < st.groupStart[g + 1]!; t++) {
            const w = st.slots[h * n + t]!;
            if (pool.imp[w] !== pool.imp[u] || !inOneForm(st, w)) continue;
            const dp = (pool.p[w]! - pool.p[u]!) / sP;
            const dd = (pool.d[w]! - pool.d[u]!) / sD;
            // Swapping moves form f by δ and form h by −δ; the mean stays.
            const gain = 2 * (dp * dr + dd * dq) + 2 * (dp * dp + dd * dd);
            if (gain < bestGain && enemyFree(st, h, u, w) && enemyFree(st, f, w, u)) {
              bestGain = gain;
              [bf, bs, bv, bh, bt] = [f, s, w, h, t];
            }
          }
        }
      }
    }
    if (bf < 0) break;
    if (bh < 0) {
      unplace(st, bf, bs);
      place(st, bf, bs, bv);
    } else {
      const u = unplace(st, bf, bs);
      const w = unplace(st, bh, bt);
      place(st, bf, bs, w);
      place(st, bh, bt, u);
    }
    budget.iterations++;
    onMove();
  }
}
