/**
 * Theory marks (理论知识考试) derived from the record: the paper as pinned (`papers.content_json`, with its
 * multi-choice rule), each attempt's stored responses and the examiners' final marks of subjective items.
 * Nothing here stores a total: every read marks the attempt again, so a corrected key is simply a new
 * paper (see `regrade-service.ts`).
 */
import {
  finalSubjectiveMarks,
  itemKey,
  markAttempt,
  type AttemptMarking,
  type ItemResponse,
  type SubjectiveMarkingConfig,
  type SubjectiveMarkRecord,
} from '../../scoring';
import type { Paper } from '../../question-bank/types';
import { chunks, parseJson, type Db } from './common';

/** The theory attempt of a candidate as the exam room left it. */
export interface TheoryAttempt {
  attemptId: number;
  candidateId: number;
  paperId: number;
  state: string;
  startedAt: string | null;
  submittedAt: string | null;
  violation: string | null;
  sittingDate: string;
}

/**
 * What the theory exam gives for one candidate:
 * - `absent`: no attempt, or an attempt never started (缺考);
 * - `violation`: the room recorded a 违纪 category on the attempt;
 * - `open`: started but not submitted yet;
 * - `marked`: submitted, with the marking (which may still wait for subjective marks: `marking.status`).
 */
export type TheoryOutcome =
  | { kind: 'absent'; attempt: TheoryAttempt | null }
  | { kind: 'violation'; attempt: TheoryAttempt; category: string }
  | { kind: 'open'; attempt: TheoryAttempt }
  | { kind: 'marked'; attempt: TheoryAttempt; marking: AttemptMarking };

/** Papers by id, parsed once. Throws nothing: an unknown id is simply missing from the map. */
export async function loadPapers(db: Db, ids: Iterable<number>): Promise<Map<number, Paper>> {
  const out = new Map<number, Paper>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('papers').select(['id', 'content_json']).where('id', 'in', part).execute();
    for (const r of rows) out.set(r.id, JSON.parse(r.content_json) as Paper);
  }
  return out;
}

/**
 * The latest theory attempt of each candidate of a batch (sittings of component `theory`), keyed by
 * candidate id. Optionally restricted to some candidates.
 */
export async function theoryAttempts(db: Db, batchId: number, candidateIds?: readonly number[]): Promise<Map<number, TheoryAttempt>> {
  let q = db
    .selectFrom('attempts')
    .innerJoin('sittings', 'sittings.id', 'attempts.sitting_id')
    .select([
      'attempts.id', 'attempts.candidate_id', 'attempts.paper_id', 'attempts.state', 'attempts.started_at', 'attempts.submitted_at',
      'attempts.violation_category', 'sittings.date',
    ])
    .where('sittings.batch_id', '=', batchId)
    .where('sittings.component', '=', 'theory')
    .orderBy('attempts.id');
  if (candidateIds) {
    if (candidateIds.length === 0) return new Map();
    q = q.where('attempts.candidate_id', 'in', [...candidateIds]);
  }
  const out = new Map<number, TheoryAttempt>();
  for (const r of await q.execute()) {
    // A later attempt (a reserve paper after an incident) replaces an earlier one.
    out.set(r.candidate_id, {
      attemptId: r.id, candidateId: r.candidate_id, paperId: r.paper_id, state: r.state, startedAt: r.started_at,
      submittedAt: r.submitted_at, violation: r.violation_category, sittingDate: r.date,
    });
  }
  return out;
}

/** Stored responses of attempts: attemptId → itemKey → response (canonical labels or text). */
export async function responsesOf(db: Db, attemptIds: readonly number[]): Promise<Map<number, Record<string, ItemResponse>>> {
  const out = new Map<number, Record<string, ItemResponse>>();
  for (const id of attemptIds) out.set(id, Object.create(null) as Record<string, ItemResponse>);
  for (const part of chunks(attemptIds)) {
    const rows = await db.selectFrom('responses').select(['attempt_id', 'item_key', 'value_json']).where('attempt_id', 'in', part).execute();
    for (const r of rows) {
      const value = parseJson<ItemResponse | null>(r.value_json, null);
      // An empty choice or blank text is "unanswered", which is what absence means to markAttempt.
      if (value === null || (Array.isArray(value) && value.length === 0)) continue;
      out.get(r.attempt_id)![r.item_key] = value;
    }
  }
  return out;
}

/** Subjective marks of attempts: attemptId → itemKey → record (markers' marks and the leader's). */
export async function subjectiveRecordsOf(
  db: Db,
  attempts: readonly { attemptId: number; paper: Paper }[],
): Promise<Map<number, Map<string, SubjectiveMarkRecord>>> {
  const out = new Map<number, Map<string, SubjectiveMarkRecord>>();
  const ids = attempts.filter((a) => a.paper.items.some((i) => i.type === 'subjective')).map((a) => a.attemptId);
  if (ids.length === 0) return out;
  const maxMarks = new Map<number, Map<string, number>>();
  for (const a of attempts) maxMarks.set(a.attemptId, new Map(a.paper.items.filter((i) => i.type === 'subjective').map((i) => [itemKey(i), i.marks])));
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('subjective_marks').selectAll().where('attempt_id', 'in', part).orderBy('id').execute();
    for (const r of rows) {
      const max = maxMarks.get(r.attempt_id)?.get(r.item_key);
      if (max === undefined) continue;
      const byItem = out.get(r.attempt_id) ?? new Map<string, SubjectiveMarkRecord>();
      out.set(r.attempt_id, byItem);
      const rec = byItem.get(r.item_key) ?? { maxMark: max, marks: [] };
      const mark = { examinerId: String(r.marker_id), mark: r.mark };
      byItem.set(r.item_key, r.role === 'leader' ? { ...rec, leader: mark } : { ...rec, marks: [...rec.marks, mark] });
    }
  }
  return out;
}

/**
 * Theory outcome of every candidate of a batch that has an attempt (candidates without one are absent;
 * the caller knows who is registered). Marks are derived now from responses, the pinned paper and the
 * final subjective marks.
 */
export async function theoryOutcomes(
  db: Db,
  batchId: number,
  subjective: SubjectiveMarkingConfig,
  candidateIds?: readonly number[],
): Promise<Map<number, TheoryOutcome>> {
  const attempts = await theoryAttempts(db, batchId, candidateIds);
  const out = new Map<number, TheoryOutcome>();
  const submitted: TheoryAttempt[] = [];
  for (const a of attempts.values()) {
    if (a.startedAt === null || a.state === 'lobby') out.set(a.candidateId, { kind: 'absent', attempt: a });
    else if (a.violation) out.set(a.candidateId, { kind: 'violation', attempt: a, category: a.violation });
    else if (a.state !== 'submitted') out.set(a.candidateId, { kind: 'open', attempt: a });
    else submitted.push(a);
  }
  const papers = await loadPapers(db, submitted.map((a) => a.paperId));
  const responses = await responsesOf(db, submitted.map((a) => a.attemptId));
  const records = await subjectiveRecordsOf(db, submitted.flatMap((a) => (papers.has(a.paperId) ? [{ attemptId: a.attemptId, paper: papers.get(a.paperId)! }] : [])));
  for (const a of submitted) {
    const paper = papers.get(a.paperId);
    if (!paper) throw new Error(`paper ${a.paperId} of attempt ${a.attemptId} is missing`);
    const rec = records.get(a.attemptId);
    const finals = rec ? finalSubjectiveMarks(rec, subjective).marks : undefined;
    out.set(a.candidateId, { kind: 'marked', attempt: a, marking: markAttempt(paper, responses.get(a.attemptId)!, finals) });
  }
  return out;
}
