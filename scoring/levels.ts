/** Display names of the five 职业技能等级 (code 5 五级/初级工 … 1 一级/高级技师), as printed on certificates. */
import type { Level } from '../question-bank/types';
import { ScoringInputInvalid } from './errors';

const NAMES: Record<Level, string> = {
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
};

/** Levels in report column order: 五级 … 一级. */
export const LEVELS_LOW_TO_HIGH: readonly Level[] = [5, 4, 3, 2, 1];

/** True for 1..5. */
export function isLevel(value: unknown): value is Level {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/**
 * Certificate name of a level. Example: `levelName(4) === '四级/中级工'`.
 * Throws `ScoringInputInvalid` for anything but 1..5 (a level read from JSON may be anything).
 */
export function levelName(level: Level): string {
  if (!isLevel(level)) throw new ScoringInputInvalid('level', `等级 ${String(level)} 应为 1–5`);
  return NAMES[level];
}

/** Short name used in table headers: `levelShortName(5) === '五级'`. */
export function levelShortName(level: Level): string {
  return levelName(level).split('/')[0]!;
}
