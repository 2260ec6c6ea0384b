/**
 * Theory marking (理论知识考试): a paper plus one candidate's stored responses (and, for 主观题, the
 * examiners' final marks) give per-item grades and a total. Nothing is stored here; the total is
 * always derived from the inputs so a changed key can be replayed (see `regrade`).
 */
import type { Paper } from '../question-bank/types';
import { ScoringInputInvalid } from './errors';
import { gradeItem, itemKey, type GradeState, type ItemGrade, type ItemResponse } from './item-grading';
import { cleanMark } from './rounding';

/** itemKey (`${itemId}@${version}`) → value, as a `Map` or a plain record (JSON from the database). */
export type ByItem<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

/** A candidate's responses keyed by `itemKey(item)`. Items absent from it are unanswered. */
export type Responses = ByItem<ItemResponse>;

/** Examiners' final marks for subjective items, keyed by `itemKey(item)` (see `finalSubjectiveMarks`). */
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

const keysOf_ = new WeakMap<Paper, { keys: string[]; set: Set<string> }>();

/**
 * Item keys of a paper in paper order, computed once per paper object (10,000 attempts share one
 * paper). Throws `ScoringInputInvalid` when a paper holds the same item version twice.
 */
function paperItemKeys(paper: Paper): { keys: string[]; set: Set<string> } {
  let cached = keysOf_.get(paper);
  if (!cached) {
    const keys = paper.items.map(itemKey);
    const set = new Set(keys);
    if (set.size !== keys.length) {
      const dup = keys.find((k, i) => keys.indexOf(k) !== i);
      throw new ScoringInputInvalid(`paper.items.${dup}`, '同一题目在试卷中出现两次');
    }
    cached = { keys, set };
    keysOf_.set(paper, cached);
  }
  return cached;
}

/**
 * Mark one theory attempt against `paper` with the paper's multi-choice rule (`paper.spec.multiRule`).
 * Responses and examiner marks are keyed by `itemKey(item)` (`q7@1`).
 *
 * Throws `ScoringInputInvalid` when a response or examiner mark names an item not on the paper (a
 * mismatched paper is corrupt data, not a wrong answer) or when `gradeItem` rejects a response.
 *
 * Example: `markAttempt(paper, { 'q1@1': ['T'], 'q2@1': ['B'], 'q3@1': '答：…' }, { 'q3@1': 8 }).total`.
 */
export function markAttempt(paper: Paper, responses: Responses, examinerMarks?: ExaminerMarks): AttemptMarking {
  const { keys, set } = paperItemKeys(paper);
  for (const key of keysOf(responses)) {
    if (!set.has(key)) throw new ScoringInputInvalid(`responses.${key}`, '试卷中没有这道题');
  }
  if (examinerMarks) {
    for (const key of keysOf(examinerMarks)) {
      if (!set.has(key)) throw new ScoringInputInvalid(`examinerMarks.${key}`, '试卷中没有这道题');
    }
  }
  const counts: Record<GradeState, number> = { correct: 0, partial: 0, wrong: 0, unanswered: 0, needsMarking: 0 };
  const items: ItemGrade[] = [];
  const pendingItems: string[] = [];
  let total = 0;
  let maxTotal = 0;
  paper.items.forEach((item, i) => {
    const key = keys[i]!;
    const grade = gradeItem(item, entryOf(responses, key), paper.spec.multiRule, entryOf(examinerMarks, key));
    items.push(grade);
    counts[grade.state]++;
    total += grade.mark;
    maxTotal += item.marks;
    if (grade.state === 'needsMarking') pendingItems.push(key);
  });
  return {
    items,
    total: cleanMark(total),
    maxTotal: cleanMark(maxTotal),
    status: pendingItems.length > 0 ? 'needsMarking' : 'complete',
    pendingItems,
    counts,
  };
}
