/**
 * Checks an answer against the item it is for, and turns it into the stored form: choice answers as
 * canonical option labels in the item's own order (so equal answers are stored equally), subjective
 * answers as text. What scoring reads (`scoring/item-grading`) is exactly what is stored here.
 */
import type { AnswerValue } from '../realtime/contract';
import { REFUSALS, RoomRefused } from './errors';
import type { LoadedPaper } from './paper-cache';

/**
 * The stored JSON of `value` for `item`, or a refusal: `UNKNOWN_ITEM` (not in this paper),
 * `INVALID_ANSWER` (wrong shape, unknown or repeated label, several labels for a single-answer item).
 * Example: `storedAnswer(paper, 'q1@1', ['B', 'A'])` → `'["A","B"]'` for a 多选题 with labels A–D.
 */
export function storedAnswer(paper: LoadedPaper, item: string, value: AnswerValue): string {
  const i = paper.index.get(item);
  if (i === undefined) throw REFUSALS.unknownItem(item);
  const type = paper.types[i]!;
  if (type === 'subjective') {
    if (typeof value !== 'string') throw new RoomRefused('INVALID_ANSWER', '主观题的答案应为文字');
    return JSON.stringify(value);
  }
  if (!Array.isArray(value)) throw new RoomRefused('INVALID_ANSWER', '选择题的答案应为选项');
  const labels = paper.labels[i]!;
  const chosen = new Set<string>();
  for (const v of value) {
    if (!labels.includes(v)) throw new RoomRefused('INVALID_ANSWER', `选项 ${v.slice(0, 8)} 不属于这道题`);
    if (chosen.has(v)) throw new RoomRefused('INVALID_ANSWER', `选项 ${v} 重复`);
    chosen.add(v);
  }
  if ((type === 'single' || type === 'judge') && chosen.size > 1) throw new RoomRefused('INVALID_ANSWER', '这道题只能选择一个答案');
  return JSON.stringify(labels.filter((l) => chosen.has(l)));
}
