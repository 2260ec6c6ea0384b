/**
 * 主观题 marking of a batch (技师+): an anonymous queue per examiner, two independent markers per answer,
 * the mean, and answers whose spread is above the gap sent to the group leader.
 *
 * Anonymity: an answer is known to examiners only by an opaque id, an HMAC of (attempt, item) under the
 * server secret; without the secret it cannot be traced to an attempt, a seat or a ticket, and the queue
 * never carries identity fields (`buildMarkingQueue` copies fields one by one).
 */
import { createHmac } from 'node:crypto';
import {
  buildMarkingQueue,
  itemKey,
  resolveSubjectiveMark,
  type MarkingQueueEntry,
  type SubjectiveAnswer,
  type SubjectiveMarkingConfig,
} from '../../scoring';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import { Forbidden, NotFound, StateConflict, ValidationFailed } from '../errors';
import { assertNotPublished, isUniqueViolation, parseJson, type Db, inTransaction } from './common';
import { loadPapers, theoryAttempts } from './theory-marks';

/** The opaque id of one answer: HMAC-SHA256(secret, "attempt|item"), 20 url-safe characters. */
export function answerIdOf(secret: string, attemptId: number, key: string): string {
  return createHmac('sha256', secret).update(`subjective|${attemptId}|${key}`).digest('base64url').slice(0, 20);
}

interface StoredAnswer extends SubjectiveAnswer {
  attemptIdNum: number;
}

/** Every non-blank subjective answer of the batch's submitted theory attempts, with its marks so far. */
export async function batchSubjectiveAnswers(db: Db, batchId: number, secret: string): Promise<StoredAnswer[]> {
  const attempts = [...(await theoryAttempts(db, batchId)).values()].filter((a) => a.state === 'submitted' && a.startedAt !== null);
  const papers = await loadPapers(db, attempts.map((a) => a.paperId));
  const withSubjective = attempts.filter((a) => papers.get(a.paperId)?.items.some((i) => i.type === 'subjective'));
  if (withSubjective.length === 0) return [];
  const ids = withSubjective.map((a) => a.attemptId);
  const responses = await db.selectFrom('responses').select(['attempt_id', 'item_key', 'value_json']).where('attempt_id', 'in', ids).execute();
  const marks = await db.selectFrom('subjective_marks').selectAll().where('attempt_id', 'in', ids).orderBy('id').execute();
  const refs = await referencesOf(db, withSubjective.flatMap((a) => papers.get(a.paperId)!.items.filter((i) => i.type === 'subjective')));
  const out: StoredAnswer[] = [];
  for (const a of withSubjective) {
    const paper = papers.get(a.paperId)!;
    for (const item of paper.items) {
      if (item.type !== 'subjective') continue;
      const key = itemKey(item);
      const resp = responses.find((r) => r.attempt_id === a.attemptId && r.item_key === key);
      const text = resp ? parseJson<unknown>(resp.value_json, '') : '';
      if (typeof text !== 'string' || text.trim() === '') continue; // blank: 0 marks, nothing to mark
      const mine = marks.filter((m) => m.attempt_id === a.attemptId && m.item_key === key);
      const leader = mine.find((m) => m.role === 'leader');
      const ref = refs.get(key);
      out.push({
        answerId: answerIdOf(secret, a.attemptId, key),
        attemptIdNum: a.attemptId,
        itemKey: key,
        maxMark: item.marks,
        text,
        ...(ref ? { reference: ref } : {}),
        marks: mine.filter((m) => m.role !== 'leader').map((m) => ({ examinerId: String(m.marker_id), mark: m.mark })),
        ...(leader ? { leader: { examinerId: String(leader.marker_id), mark: leader.mark } } : {}),
      });
    }
  }
  return out;
}

async function referencesOf(db: Db, items: readonly { itemId: string; version: number }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const uids = [...new Set(items.map((i) => i.itemId))];
  if (uids.length === 0) return out;
  const rows = await db.selectFrom('items').select(['item_uid', 'version', 'reference', 'stem']).where('item_uid', 'in', uids).execute();
  for (const r of rows) if (r.reference) out.set(`${r.item_uid}@${r.version}`, r.reference);
  return out;
}

/** The batch duties of an examiner: marker when assigned at all, leader when a group leader. */
export async function examinerDuties(db: Db, batchId: number, userId: number): Promise<{ marker: boolean; leader: boolean }> {
  const rows = await db.selectFrom('staff_assignments').select('duty').where('batch_id', '=', batchId).where('user_id', '=', userId).execute();
  return { marker: rows.some((r) => r.duty === 'examiner' || r.duty === 'leader'), leader: rows.some((r) => r.duty === 'leader') };
}

/** The examiner's anonymous queue (`as`: marker or leader), in an order that does not follow seats. */
export async function markingQueue(
  db: Db,
  batchId: number,
  actor: Actor,
  as: 'marker' | 'leader',
  config: SubjectiveMarkingConfig,
  secret: string,
): Promise<MarkingQueueEntry[]> {
  const duties = await examinerDuties(db, batchId, actor.userId!);
  if (!duties.marker) throw new Forbidden('您未被安排为本批次的考评员');
  if (as === 'leader' && !duties.leader) throw new Forbidden('只有考评组组长可以裁定分差超限的答案');
  const answers = await batchSubjectiveAnswers(db, batchId, secret);
  return buildMarkingQueue(answers, { examinerId: String(actor.userId), role: as }, config, `${batchId}:${actor.userId}:${as}`);
}

/**
 * Record one examiner's mark on an answer. A marker's mark becomes the first or second mark; a leader's
 * mark settles an answer whose spread went above the gap. Refuses: not this batch's examiner, marking the
 * same answer twice, a third marker, a leader mark where none is needed or by one of its markers, a mark
 * outside 0..max. Two examiners racing for the second mark: the database's unique (attempt, item, role)
 * lets one win; the other is told to refresh.
 */
export async function recordSubjectiveMark(
  db: Db,
  batchId: number,
  actor: Actor,
  input: { answerId: string; mark: number; as: 'marker' | 'leader' },
  config: SubjectiveMarkingConfig,
  secret: string,
  now: Date,
): Promise<{ status: string; mark: number | null }> {
  const duties = await examinerDuties(db, batchId, actor.userId!);
  if (!duties.marker) throw new Forbidden('您未被安排为本批次的考评员');
  if (input.as === 'leader' && !duties.leader) throw new Forbidden('只有考评组组长可以裁定分差超限的答案');
  const answers = await batchSubjectiveAnswers(db, batchId, secret);
  const a = answers.find((x) => x.answerId === input.answerId);
  if (!a) throw new NotFound('待评答案', input.answerId);
  if (!(Number.isFinite(input.mark) && input.mark >= 0 && input.mark <= a.maxMark)) {
    throw new ValidationFailed([{ field: 'mark', problem: `评分应在 0–${a.maxMark} 之间` }]);
  }
  const me = String(actor.userId);
  let role: 'first' | 'second' | 'leader';
  if (input.as === 'leader') {
    if (a.marks.some((m) => m.examinerId === me)) throw new Forbidden('您是该答案的评分人，应回避裁定');
    const r = resolveSubjectiveMark({ maxMark: a.maxMark, marks: a.marks }, config, '该答案');
    if (r.status !== 'needsLeader' || a.leader) throw new StateConflict('LEADER_NOT_NEEDED', '该答案不需要（或已完成）组长裁定');
    role = 'leader';
  } else {
    if (a.marks.some((m) => m.examinerId === me)) throw new StateConflict('ALREADY_MARKED', '您已评过该答案，不能重复评分');
    if (a.marks.length >= config.markersRequired) throw new StateConflict('MARKERS_COMPLETE', '该答案已由两位考评员评分');
    role = a.marks.length === 0 ? 'first' : 'second';
  }
  try {
    await inTransaction(db, async (trx) => {
      // Once published, the record is closed: a late mark would change results the public already sees.
      await assertNotPublished(trx, batchId, '本批次成绩已公示，不能再评分');
      const row = await trx
        .insertInto('subjective_marks')
        .values({ attempt_id: a.attemptIdNum, item_key: a.itemKey, marker_id: actor.userId!, role, mark: input.mark, at: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The audit names the answer by its opaque id only: the trail is readable by supervisors too.
      await recordAudit(trx, actor, { action: 'scoring.subjective-mark', objectType: 'subjective_mark', objectId: row.id, after: { answerId: a.answerId, itemKey: a.itemKey, role, mark: input.mark } }, now);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new StateConflict('MARKED_CONCURRENTLY', '该答案刚由其他考评员评分，请刷新评分任务后继续');
    throw e;
  }
  const marks = role === 'leader' ? a.marks : [...a.marks, { examinerId: me, mark: input.mark }];
  const r = resolveSubjectiveMark({ maxMark: a.maxMark, marks, ...(role === 'leader' ? { leader: { examinerId: me, mark: input.mark } } : {}) }, config, '该答案');
  return { status: r.status, mark: r.mark };
}

/** Office overview of subjective marking: counts per status (no answer texts, no identities). */
export async function subjectiveOverview(db: Db, batchId: number, config: SubjectiveMarkingConfig, secret: string) {
  const answers = await batchSubjectiveAnswers(db, batchId, secret);
  const counts = { awaitingMarkers: 0, agreed: 0, needsLeader: 0, leaderDecided: 0 };
  for (const a of answers) counts[resolveSubjectiveMark({ maxMark: a.maxMark, marks: a.marks, ...(a.leader ? { leader: a.leader } : {}) }, config, a.answerId).status]++;
  return { total: answers.length, ...counts };
}
