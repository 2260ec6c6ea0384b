/**
 * Result statistics for the exam office and the supervisor: pass rates by occupation, level and
 * component, and score histograms in bins of 10. Pure.
 */
import type { Component, Level } from '../question-bank/types';
import type { CandidateResult } from './candidate-result';
import { ScoringInputInvalid } from './errors';

/** One candidate's result with what it is grouped by. */
export interface StatsRecord {
  occupationCode: string;
  level: Level;
  result: CandidateResult;
}

/**
 * Counts of one group. `sat` excludes 缺考 (absent); `rate` = passed / sat, `null` when nobody sat.
 * 违纪 candidates sat and did not pass.
 */
export interface PassRate {
  candidates: number;
  absent: number;
  violation: number;
  sat: number;
  passed: number;
  rate: number | null;
}

/** A pass-rate row of one occupation × level. */
export interface OccupationLevelRate extends PassRate {
  occupationCode: string;
  level: Level;
}

/** A pass-rate row of one component within an occupation × level: sat = component sat (not absent). */
export interface ComponentRate {
  occupationCode: string;
  level: Level;
  component: Component;
  sat: number;
  passed: number;
  rate: number | null;
}

/** Pass rates at three grains: by occupation, by level, by occupation × level; plus per component. */
export interface PassRateReport {
  byOccupation: (PassRate & { occupationCode: string })[];
  byLevel: (PassRate & { level: Level })[];
  byOccupationLevel: OccupationLevelRate[];
  byComponent: ComponentRate[];
}

const ratio = (passed: number, sat: number): number | null => (sat === 0 ? null : Math.round((passed / sat) * 1e6) / 1e6);

function emptyRate(): PassRate {
  return { candidates: 0, absent: 0, violation: 0, sat: 0, passed: 0, rate: null };
}

function add(r: PassRate, result: CandidateResult): void {
  r.candidates++;
  if (result.status === 'absent') r.absent++;
  else r.sat++;
  if (result.status === 'violation') r.violation++;
  if (result.status === 'pass') r.passed++;
  r.rate = ratio(r.passed, r.sat);
}

/**
 * Pass rates of a set of results. Groups are ordered by occupation code, then level 5 → 1, then component
 * (theory, practical, review). Example: 3 电工 四级 results, one absent, one pass → rate 0.5.
 */
export function passRates(records: Iterable<StatsRecord>): PassRateReport {
  const byOcc = new Map<string, PassRate & { occupationCode: string }>();
  const byLevel = new Map<Level, PassRate & { level: Level }>();
  const byOccLevel = new Map<string, OccupationLevelRate>();
  const byComp = new Map<string, ComponentRate>();
  for (const rec of records) {
    const o = byOcc.get(rec.occupationCode) ?? { occupationCode: rec.occupationCode, ...emptyRate() };
    byOcc.set(rec.occupationCode, o);
    add(o, rec.result);
    const l = byLevel.get(rec.level) ?? { level: rec.level, ...emptyRate() };
    byLevel.set(rec.level, l);
    add(l, rec.result);
    const olKey = `${rec.occupationCode}|${rec.level}`;
    const ol = byOccLevel.get(olKey) ?? { occupationCode: rec.occupationCode, level: rec.level, ...emptyRate() };
    byOccLevel.set(olKey, ol);
    add(ol, rec.result);
    for (const [component, cr] of Object.entries(rec.result.components) as [Component, NonNullable<CandidateResult['components'][Component]>][]) {
      const key = `${olKey}|${component}`;
      const c = byComp.get(key) ?? { occupationCode: rec.occupationCode, level: rec.level, component, sat: 0, passed: 0, rate: null };
      byComp.set(key, c);
      if (cr.attendance === 'absent') continue;
      c.sat++;
      if (cr.passed) c.passed++;
      c.rate = ratio(c.passed, c.sat);
    }
  }
  const compOrder: Record<Component, number> = { theory: 0, practical: 1, review: 2 };
  const cmpOcc = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    byOccupation: [...byOcc.values()].sort((a, b) => cmpOcc(a.occupationCode, b.occupationCode)),
    byLevel: [...byLevel.values()].sort((a, b) => b.level - a.level),
    byOccupationLevel: [...byOccLevel.values()].sort((a, b) => cmpOcc(a.occupationCode, b.occupationCode) || b.level - a.level),
    byComponent: [...byComp.values()].sort(
      (a, b) => cmpOcc(a.occupationCode, b.occupationCode) || b.level - a.level || compOrder[a.component] - compOrder[b.component],
    ),
  };
}

/** One histogram bin: `[from, to)`, except the last which includes the maximum (100 falls in 90–100). */
export interface HistogramBin {
  from: number;
  to: number;
  label: string;
  count: number;
}

/**
 * Histogram of marks in bins of `binWidth` (default 10) over 0..`max` (default 100).
 * Throws `ScoringInputInvalid` for a mark that is not finite or outside 0..max.
 * Example: `scoreHistogram([59.5, 60, 100])` → bin 50–59 has 1, 60–69 has 1, 90–100 has 1.
 */
export function scoreHistogram(marks: Iterable<number>, options: { binWidth?: number; max?: number } = {}): HistogramBin[] {
  const width = options.binWidth ?? 10;
  const max = options.max ?? 100;
  if (!(width > 0 && max > 0)) throw new ScoringInputInvalid('binWidth', '组距和满分应为正数');
  const n = Math.ceil(max / width);
  const bins: HistogramBin[] = Array.from({ length: n }, (_, i) => {
    const from = i * width;
    const to = Math.min(max, (i + 1) * width);
    return { from, to, label: i === n - 1 ? `${from}–${to}` : `${from}–${to - 1}`, count: 0 };
  });
  for (const m of marks) {
    if (!(Number.isFinite(m) && m >= 0 && m <= max)) throw new ScoringInputInvalid('marks', `成绩 ${m} 超出 0–${max}`);
    bins[Math.min(n - 1, Math.floor(m / width))]!.count++;
  }
  return bins;
}

/** Marks of one component across results (sat, not voided), ready for `scoreHistogram`. */
export function componentMarks(records: Iterable<StatsRecord>, component: Component): number[] {
  const out: number[] = [];
  for (const rec of records) {
    const c = rec.result.components[component];
    if (c && c.mark !== null && !c.voided) out.push(c.mark);
  }
  return out;
}
