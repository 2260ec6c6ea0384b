/**
 * The parallelism measure shared by the search and the final statistics: relative spread between
 * forms, (max − min) / max(|mean|, floor).
 */
import type { FormState } from './state';

/** Means below this (in the statistic's own unit per item) are treated as this, see `ParallelDeviation`. */
export const MEAN_FLOOR = 0.01;

/** (max − min) / max(|mean|, floor) of `values`; 0 for fewer than two values or no spread. */
export function relativeSpread(values: ArrayLike<number>, floor: number): number {
  if (values.length < 2) return 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
  }
  if (max === min) return 0;
  return (max - min) / Math.max(Math.abs(sum / values.length), floor);
}

/** Deviation of the current state, as `ParallelDeviation` would report it for the built papers. */
export interface StateDeviation {
  meanDifficulty: number;
  meanDiscrimination: number;
  importance: number;
  largest: number;
  meanDifficultySpread: number;
}

/** Deviation of the search state from its running sums (cheap: called after every move for progress). */
export function stateDeviation(st: FormState): StateDeviation {
  const { k, n } = st;
  const floor = MEAN_FLOOR * n;
  const meanDifficulty = relativeSpread(st.sumP, floor);
  const meanDiscrimination = relativeSpread(st.sumD, floor);
  let importance = 0;
  const counts = new Float64Array(k);
  for (let i = 0; i < 3; i++) {
    for (let f = 0; f < k; f++) counts[f] = st.impCount[f * 3 + i]!;
    importance = Math.max(importance, relativeSpread(counts, 0));
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let f = 0; f < k; f++) {
    lo = Math.min(lo, st.sumP[f]! / n);
    hi = Math.max(hi, st.sumP[f]! / n);
  }
  return {
    meanDifficulty,
    meanDiscrimination,
    importance,
    largest: Math.max(meanDifficulty, meanDiscrimination, importance),
    meanDifficultySpread: k > 1 && n > 0 ? hi - lo : 0,
  };
}
