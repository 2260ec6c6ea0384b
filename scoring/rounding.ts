/**
 * Rounding of derived marks. Chinese score sheets round 四舍五入 (half away from zero; marks are never
 * negative so this is "half up"). Binary floating point makes `72.25 * 10` exact but `1.005 * 100`
 * come out as 100.4999…, so a tiny tolerance is added before rounding: marks are sums and means of
 * human-entered figures with at most a few decimals, never values that legitimately sit 1e-9 below a half.
 */

/** How a mean or a weighted mark is rounded: to 0, 1 or 2 decimals, half up. Default: 1 decimal. */
export type Rounding = { decimals: 0 | 1 | 2 };

/** Default rounding of component marks: half up to 1 decimal (四舍五入保留一位小数). */
export const DEFAULT_ROUNDING: Rounding = { decimals: 1 };

const TOLERANCE = 1e-9;

/**
 * Round half up (half away from zero) to `rounding.decimals`.
 * Example: `roundMark(72.25, { decimals: 1 }) === 72.3`, `roundMark(71.5, { decimals: 0 }) === 72`.
 */
export function roundMark(value: number, rounding: Rounding = DEFAULT_ROUNDING): number {
  const factor = 10 ** rounding.decimals;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.floor(scaled + 0.5 + TOLERANCE * Math.max(1, scaled)) / factor;
  return value < 0 ? -rounded : rounded;
}

/**
 * Remove floating-point noise from a sum of marks (0.1 + 0.2 → 0.3) without changing its meaning:
 * rounds to 6 decimals, far finer than any mark anybody writes down.
 */
export function cleanMark(value: number): number {
  const v = Math.round(value * 1e6) / 1e6;
  return Object.is(v, -0) ? 0 : v;
}

/** Sum of marks with the noise removed. Example: `sumMarks([0.1, 0.2]) === 0.3`. */
export function sumMarks(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return cleanMark(total);
}
