import type { Component, Level } from '../../../question-bank/types';

/** All levels, lowest first as they appear on forms (五级 … 一级). */
export const LEVELS: readonly Level[] = [5, 4, 3, 2, 1];

/** Full level names as printed on certificates, e.g. `LEVEL_LABELS[4] === '四级/中级工'`. */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
};

/** Short level names used as form column headers, e.g. `LEVEL_SHORT[5] === '五级'`. */
export const LEVEL_SHORT: Readonly<Record<Level, string>> = { 5: '五级', 4: '四级', 3: '三级', 2: '二级', 1: '一级' };

/** Chinese names of the assessment components. */
export const COMPONENT_LABELS: Readonly<Record<Component, string>> = {
  theory: '理论知识考试',
  practical: '技能操作考核',
  review: '综合评审',
};

/**
 * Components every candidate of `level` must take (H): theory and practical for all levels, plus
 * 综合评审 for 二级/技师 and 一级/高级技师. Example: `requiredComponents(2)` → theory, practical, review.
 */
export function requiredComponents(level: Level): Component[] {
  return level <= 2 ? ['theory', 'practical', 'review'] : ['theory', 'practical'];
}

/**
 * Read a level as people write it: `4`, `'4'`, `'四级'`, `'中级工'`, `'四级/中级工'`, `'中级'`.
 * Returns `null` when it is none of those.
 */
export function parseLevel(raw: unknown): Level | null {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 1 && raw <= 5 ? (raw as Level) : null;
  if (typeof raw !== 'string') return null;
  const s = raw.trim().replace(/\s+/g, '').replace('／', '/');
  if (/^[1-5]$/.test(s)) return Number(s) as Level;
  for (const level of LEVELS) {
    const [short, title] = LEVEL_LABELS[level].split('/') as [string, string];
    // '中级' for '中级工', '高级技师' must not be read as '技师': compare whole words only.
    if (s === LEVEL_LABELS[level] || s === short || s === title || s === title.replace(/工$/, '')) return level;
  }
  return null;
}
