/** Percentiles of a sample (nearest rank), in the sample's unit. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Round to one decimal (ms figures in the JSON line). */
export const r1 = (x: number) => Math.round(x * 10) / 10;
