/**
 * Theory marking (理论知识考试): a paper plus one candidate's stored responses (and, for 主观题, the
 * examiners' final marks) give per-item grades and a total. Nothing is stored here; the total is
 * always derived from the inputs so a changed key can be replayed (see `regrade`).
 */
import type { Paper } from '../question-bank/types';
import { ScoringInputInvalid } from './errors';
import { gradePrepared, prepareItem, type GradeState, type ItemGrade, type ItemResponse, type PreparedItem } from './item-grading';
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

/** Every key of `source` must be an item of the paper (a mismatched paper is corrupt data). */
function checkKnownKeys<T>(source: ByItem<T>, known: Set<string>, field: string): void {
  if (source instanceof Map) {
    for (const key of source.keys()) if (!known.has(key)) throw new ScoringInputInvalid(`${field}.${key}`, '试卷中没有这道题');
    return;
  }
  // for…in over own keys avoids allocating Object.keys() for every one of 10,000 attempts.
  for (const key in source) {
    if (Object.prototype.hasOwnProperty.call(source, key) && !known.has(key)) {
      throw new ScoringInputInvalid(`${field}.${key}`, '试卷中没有这道题');
    }
  }
}

const prepared_ = new WeakMap<Paper, { items: PreparedItem[]; keys: Set<string>; maxTotal: number }>();

/**
 * A paper prepared once per paper object (10,000 attempts share one paper): item keys and the fixed
 * outcomes of every item. Throws `ScoringInputInvalid` when a paper holds the same item version twice
 * or an item has non-positive marks.
 */
function preparePaper(paper: Paper): { items: PreparedItem[]; keys: Set<string>; maxTotal: number } {
  let cached = prepared_.get(paper);
  if (!cached) {
    const items = paper.items.map(prepareItem);
    const keys = new Set(items.map((p) => p.key));
    if (keys.size !== items.length) {
      const all = items.map((p) => p.key);
      const dup = all.find((k, i) => all.indexOf(k) !== i);
      throw new ScoringInputInvalid(`paper.items.${dup}`, '同一题目在试卷中出现两次');
    }
    cached = { items, keys, maxTotal: cleanMark(paper.items.reduce((s, i) => s + i.marks, 0)) };
    prepared_.set(paper, cached);
  }
  return cached;
}

/**
 * Mark one theory attempt against `paper` with the paper's multi-choice rule (`paper.spec.multiRule`).
 * Responses and examiner marks are keyed by `itemKey(item)` (`q7@1`). A paper object is treated as
 * immutable (as a released paper is): its prepared form is cached per object, so a corrected key must
 * come as a new paper object, as `regrade` builds it. Objective grades are shared frozen values.
 *
 * Throws `ScoringInputInvalid` when a response or examiner mark names an item not on the paper (a
 * mismatched paper is corrupt data, not a wrong answer) or when `gradeItem` rejects a response.
 *
 * Example: `markAttempt(paper, { 'q1@1': ['T'], 'q2@1': ['B'], 'q3@1': '答：…' }, { 'q3@1': 8 }).total`.
 */
export function markAttempt(paper: Paper, responses: Responses, examinerMarks?: ExaminerMarks): AttemptMarking {
  const prepared = preparePaper(paper);
  checkKnownKeys(responses, prepared.keys, 'responses');
  if (examinerMarks) checkKnownKeys(examinerMarks, prepared.keys, 'examinerMarks');
  const counts: Record<GradeState, number> = { correct: 0, partial: 0, wrong: 0, unanswered: 0, needsMarking: 0 };
  const items: ItemGrade[] = [];
  const pendingItems: string[] = [];
  let total = 0;
  for (const p of prepared.items) {
    const grade = gradePrepared(p, entryOf(responses, p.key), paper.spec.multiRule, entryOf(examinerMarks, p.key));
    items.push(grade);
    counts[grade.state]++;
    total += grade.mark;
    if (grade.state === 'needsMarking') pendingItems.push(p.key);
  }
  return {
    items,
    total: cleanMark(total),
    maxTotal: prepared.maxTotal,
    status: pendingItems.length > 0 ? 'needsMarking' : 'complete',
    pendingItems,
    counts,
  };
}
