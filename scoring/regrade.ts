/**
 * Regrading after a key correction (答案更正): a replay of the stored responses against corrected
 * papers, as a dry run. Nothing is written here; the caller shows the plan, and on confirmation
 * stores the corrected keys (`correctedPapers`) and the new totals in one transaction.
 */
import type { Paper, PaperItem } from '../question-bank/types';
import { entryOf, markAttempt, type ByItem, type ExaminerMarks, type Responses } from './attempt-marking';
import { ScoringInputInvalid } from './errors';
import { itemKey, type GradeState } from './item-grading';
import { cleanMark } from './rounding';

/**
 * A corrected key for one item version, wherever it appears. For 判断/单选 a key of two labels
 * accepts either (the usual fix for an ambiguous item); accepting every option voids the item for
 * everyone who answered it.
 */
export interface KeyCorrection {
  itemId: string;
  version: number;
  key: string[];
  reason?: string;
}

/** One stored attempt: which paper it was sat on, the responses and the examiners' final marks. */
export interface StoredAttempt {
  attemptId: string;
  paperId: string;
  responses: Responses;
  examinerMarks?: ExaminerMarks;
}

/** An item whose mark changes in one attempt. */
export interface RegradeItemChange {
  itemKey: string;
  oldMark: number;
  newMark: number;
  oldState: GradeState;
  newState: GradeState;
}

/** An attempt whose marking changes: old and new totals and the items behind the change. */
export interface RegradeChange {
  attemptId: string;
  paperId: string;
  oldTotal: number;
  newTotal: number;
  delta: number;
  items: RegradeItemChange[];
}

/**
 * The dry-run result. `changed` lists exactly the attempts where at least one item mark changes
 * (in input order); every other attempt is only counted in `unchangedCount`. `correctedPapers` holds
 * the new versions of the affected papers (paperId → Paper) for the caller to store on confirmation.
 */
export interface RegradePlan {
  changed: RegradeChange[];
  unchangedCount: number;
  correctedPapers: Map<string, Paper>;
}

function labelsOf(item: PaperItem): readonly string[] {
  return item.optionLabels.length > 0 ? item.optionLabels : item.type === 'judge' ? ['T', 'F'] : [];
}

function checkCorrection(c: KeyCorrection, item: PaperItem): void {
  const field = `keyCorrections.${itemKey(c)}`;
  if (item.type === 'subjective') throw new ScoringInputInvalid(field, '主观题没有标准答案选项，不能更正答案');
  if (c.key.length === 0) throw new ScoringInputInvalid(field, '更正后的答案不能为空');
  if (new Set(c.key).size !== c.key.length) throw new ScoringInputInvalid(field, '更正后的答案有重复选项');
  const allowed = labelsOf(item);
  const bad = c.key.filter((l) => !allowed.includes(l));
  if (bad.length > 0) throw new ScoringInputInvalid(field, `选项 ${bad.join('、')} 不是本题的选项`);
}

/**
 * Plan a regrade: apply `keyCorrections` to the papers (paperId → Paper as sat), re-mark every attempt
 * on an affected paper with both keys, and list the attempts whose marks change.
 *
 * Throws `ScoringInputInvalid` when a correction names an item version on none of the papers, is given
 * twice, is empty or uses labels the item lacks, or targets a subjective item; and when an attempt names
 * an unknown paper. Input papers are not modified.
 *
 * Example: `regrade({ P1: paper }, [{ itemId: 'q7', version: 1, key: ['C'] }], attempts).changed`
 * → `[{ attemptId: 'a2', oldTotal: 71, newTotal: 72, delta: 1, items: [...] }]`.
 */
export function regrade(
  papersOld: ByItem<Paper>,
  keyCorrections: readonly KeyCorrection[],
  attempts: Iterable<StoredAttempt>,
): RegradePlan {
  const byItem = new Map<string, KeyCorrection>();
  for (const c of keyCorrections) {
    const id = itemKey(c);
    if (byItem.has(id)) throw new ScoringInputInvalid(`keyCorrections.${id}`, '同一题目版本给出了两次更正');
    byItem.set(id, c);
  }
  const used = new Set<string>();
  const paperIds = papersOld instanceof Map ? [...papersOld.keys()] : Object.keys(papersOld);
  const correctedPapers = new Map<string, Paper>();
  for (const paperId of paperIds) {
    const paper = entryOf(papersOld, paperId)!;
    let touched = false;
    const items = paper.items.map((item) => {
      const id = itemKey(item);
      const c = byItem.get(id);
      if (!c) return item;
      checkCorrection(c, item);
      used.add(id);
      touched = true;
      return { ...item, key: [...c.key] };
    });
    if (touched) correctedPapers.set(paperId, { ...paper, items });
  }
  const unused = [...byItem.keys()].filter((id) => !used.has(id));
  if (unused.length > 0) {
    throw new ScoringInputInvalid('keyCorrections', `以下题目版本不在任何试卷中：${unused.join('、')}`, { unused });
  }

  const changed: RegradeChange[] = [];
  let unchangedCount = 0;
  for (const attempt of attempts) {
    const oldPaper = entryOf(papersOld, attempt.paperId);
    if (!oldPaper) throw new ScoringInputInvalid(`attempts.${attempt.attemptId}.paperId`, `试卷 ${attempt.paperId} 不存在`);
    const newPaper = correctedPapers.get(attempt.paperId);
    if (!newPaper) {
      unchangedCount++;
      continue;
    }
    const before = markAttempt(oldPaper, attempt.responses, attempt.examinerMarks);
    const after = markAttempt(newPaper, attempt.responses, attempt.examinerMarks);
    const items: RegradeItemChange[] = [];
    before.items.forEach((old, i) => {
      const now = after.items[i]!;
      if (old.mark !== now.mark) {
        items.push({ itemKey: old.itemKey, oldMark: old.mark, newMark: now.mark, oldState: old.state, newState: now.state });
      }
    });
    if (items.length === 0) {
      unchangedCount++;
      continue;
    }
    changed.push({
      attemptId: attempt.attemptId,
      paperId: attempt.paperId,
      oldTotal: before.total,
      newTotal: after.total,
      delta: cleanMark(after.total - before.total),
      items,
    });
  }
  return { changed, unchangedCount, correctedPapers };
}
