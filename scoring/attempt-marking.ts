/**
 * Theory marking (理论知识考试): a paper plus one candidate's stored responses (and, for 主观题, the
 * examiners' final marks) give per-item grades and a total. Nothing is stored here; the total is
 * always derived from the inputs so a changed key can be replayed (see `regrade`).
 */
import type { Paper } from '../question-bank/types';
import { ScoringInputInvalid } from './errors';
import { gradeItem, type GradeState, type ItemGrade, type ItemResponse } from './item-grading';
import { sumMarks } from './rounding';

/** itemId → value, as a `Map` or a plain record (JSON from the database). */
export type ByItem<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

/** A candidate's responses keyed by `PaperItem.itemId`. Items absent from it are unanswered. */
export type Responses = ByItem<ItemResponse>;

/** Examiners' final marks for subjective items, keyed by `PaperItem.itemId` (see `resolveSubjectiveMark`). */
export type ExaminerMarks = ByItem<number>;

/**
 * A marked attempt. `status` is `needsMarking` while any subjective answer lacks its examiner mark;
 * `total` then counts only what is marked so far. `counts` tallies item states (for the result page).
 */
export interface AttemptMarking {
  items: ItemGrade[];
  total: number;
  maxTotal: number;
  status: 'complete' | 'needsMarking';
  pendingItems: string[];
  counts: Record<GradeState, number>;
}

/** Read one entry of a Map or a record without touching the prototype chain. */
export function entryOf<T>(source: ByItem<T> | undefined, key: string): T | undefined {
  if (source === undefined) return undefined;
  if (source instanceof Map) return source.get(key);
  const rec = source as Readonly<Record<string, T>>;
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

function keysOf<T>(source: ByItem<T>): Iterable<string> {
  return source instanceof Map ? source.keys() : Object.keys(source);
}

const itemIdsOf = new WeakMap<Paper, Set<string>>();

function paperItemIds(paper: Paper): Set<string> {
  let ids = itemIdsOf.get(paper);
  if (!ids) {
    ids = new Set(paper.items.map((i) => i.itemId));
    itemIdsOf.set(paper, ids);
  }
  return ids;
}

/**
 * Mark one theory attempt against `paper` with the paper's multi-choice rule (`paper.spec.multiRule`).
 *
 * Throws `ScoringInputInvalid` when a response or examiner mark names an item not on the paper (a
 * mismatched paper is corrupt data, not a wrong answer) or when `gradeItem` rejects a response.
 *
 * Example: `markAttempt(paper, { q1: ['T'], q2: ['B'], q3: '答：…' }, { q3: 8 }).total`.
 */
export function markAttempt(paper: Paper, responses: Responses, examinerMarks?: ExaminerMarks): AttemptMarking {
  const ids = paperItemIds(paper);
  for (const key of keysOf(responses)) {
    if (!ids.has(key)) throw new ScoringInputInvalid(`responses.${key}`, '试卷中没有这道题');
  }
  if (examinerMarks) {
    for (const key of keysOf(examinerMarks)) {
      if (!ids.has(key)) throw new ScoringInputInvalid(`examinerMarks.${key}`, '试卷中没有这道题');
    }
  }
  const counts: Record<GradeState, number> = { correct: 0, partial: 0, wrong: 0, unanswered: 0, needsMarking: 0 };
  const items: ItemGrade[] = [];
  const pendingItems: string[] = [];
  for (const item of paper.items) {
    const grade = gradeItem(item, entryOf(responses, item.itemId), paper.spec.multiRule, entryOf(examinerMarks, item.itemId));
    items.push(grade);
    counts[grade.state]++;
    if (grade.state === 'needsMarking') pendingItems.push(item.itemId);
  }
  return {
    items,
    total: sumMarks(items.map((g) => g.mark)),
    maxTotal: sumMarks(paper.items.map((i) => i.marks)),
    status: pendingItems.length > 0 ? 'needsMarking' : 'complete',
    pendingItems,
    counts,
  };
}
