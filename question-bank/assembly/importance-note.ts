/**
 * Why the forms of a set differ in X/Y/Z counts, in words for the office (the set page and the quality
 * report PDF say the same thing): rebuilding helps when the set came from the balancing before
 * `snake-swap-pair/2`; otherwise the bank lacks spare items in the cells that hold the missing level.
 */
import type { FormStats } from './types';

/** Algorithm versions whose importance balancing could not chain replacements across cells. */
const BEFORE_CHAINED_BALANCING = new Set(['snake-swap-pair/1']);

/**
 * The note for a set, or null when every importance level has the same count in every form.
 * Example: `importanceNote(stats, 'snake-swap-pair/1')` → `'各卷 X/Y/Z 要素题量最多相差 1 题。本组试卷由旧版…'`.
 */
export function importanceNote(stats: readonly Pick<FormStats, 'importance'>[], algorithmVersion: string): string | null {
  let gap = 0;
  for (const k of ['X', 'Y', 'Z'] as const) {
    const counts = stats.map((s) => s.importance[k]);
    if (counts.length) gap = Math.max(gap, Math.max(...counts) - Math.min(...counts));
  }
  if (gap === 0) return null;
  const why = BEFORE_CHAINED_BALANCING.has(algorithmVersion)
    ? '本组试卷由旧版组卷算法组出（缺少的要素等级与多出的要素等级不在同一单元时无法调整），重新组卷即可使各卷一致。'
    : '题库中缺少可替换的试题：缺少该要素等级的试卷，在含有该等级鉴定点的单元里已没有未用的试题（或只剩与卷内试题互斥的试题）。请补充这些单元的试题，或允许共用试题后重新组卷。';
  return `各卷 X/Y/Z 要素题量最多相差 ${gap} 题。${why}`;
}
