/**
 * 缺考 / 违纪 of a component recorded by the office (practical and review have no attempt row; a theory
 * exam sat on paper neither). One record per candidate × component; removing it is audited too.
 */
import { z } from 'zod';
import { componentName } from '../../scoring';
import type { Component } from '../../question-bank/types';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import { StateConflict } from '../errors';
import { assertNotPublished, parseJson, type CandidateRow, type Db, inTransaction } from './common';
import { component as componentSchema } from '../exam-admin/common';

/** Body of a 缺考/违纪 record. */
export const outcomeBody = z.object({
  component: componentSchema,
  attendance: z.enum(['absent', 'violation']),
  reason: z.string().trim().min(2, '请写明情况（如 未到场、携带手机，违反考场规则）').max(300),
});

/** Record (or replace) 缺考/违纪 of one component; refused once the examiners have scored it. */
export async function recordOutcome(db: Db, actor: Actor, c: CandidateRow, body: z.infer<typeof outcomeBody>, now: Date): Promise<void> {
  if (!parseJson<string[]>(c.components_json, []).includes(body.component)) throw new StateConflict('NOT_SITTING', `该考生本批次不参加${componentName(body.component as Component)}`);
  if (body.component !== 'theory') {
    const scored = await db.selectFrom('examiner_marks').select('id').where('candidate_id', '=', c.id).limit(1).executeTakeFirst();
    if (scored) throw new StateConflict('ALREADY_SCORED', '考评员已为该考生评分，不能再记为缺考或违纪；如确有违纪请先由考评组长核实');
  }
  const before = await db.selectFrom('component_outcomes').selectAll().where('candidate_id', '=', c.id).where('component', '=', body.component).executeTakeFirst();
  await inTransaction(db, async (trx) => {
    // Once published the record is closed (except through an objection); checked where the write happens.
    await assertNotPublished(trx, c.batch_id, '本批次成绩已公示，不能再修改考场记录');
    if (before) await trx.updateTable('component_outcomes').set({ attendance: body.attendance, reason: body.reason, recorded_by: actor.userId, at: now.toISOString() }).where('id', '=', before.id).execute();
    else await trx.insertInto('component_outcomes').values({ candidate_id: c.id, component: body.component, attendance: body.attendance, reason: body.reason, recorded_by: actor.userId, at: now.toISOString() }).execute();
    await recordAudit(trx, actor, { action: 'scoring.outcome-record', objectType: 'candidate', objectId: c.id, before: before ? { component: before.component, attendance: before.attendance, reason: before.reason } : null, after: body }, now);
  });
}

/** Remove a 缺考/违纪 record (entered by mistake). */
export async function removeOutcome(db: Db, actor: Actor, c: CandidateRow, component: Component, now: Date): Promise<void> {
  const before = await db.selectFrom('component_outcomes').selectAll().where('candidate_id', '=', c.id).where('component', '=', component).executeTakeFirst();
  if (!before) throw new StateConflict('NO_RECORD', '没有该科目的缺考/违纪记录');
  await inTransaction(db, async (trx) => {
    await assertNotPublished(trx, c.batch_id, '本批次成绩已公示，不能再修改考场记录');
    await trx.deleteFrom('component_outcomes').where('id', '=', before.id).execute();
    await recordAudit(trx, actor, { action: 'scoring.outcome-remove', objectType: 'candidate', objectId: c.id, before: { component, attendance: before.attendance, reason: before.reason } }, now);
  });
}

/** The records of a batch. */
export async function batchOutcomes(db: Db, batchId: number) {
  return db
    .selectFrom('component_outcomes')
    .innerJoin('candidates', 'candidates.id', 'component_outcomes.candidate_id')
    .select(['component_outcomes.candidate_id', 'component_outcomes.component', 'component_outcomes.attendance', 'component_outcomes.reason', 'component_outcomes.at', 'candidates.name'])
    .where('candidates.batch_id', '=', batchId)
    .orderBy('component_outcomes.id')
    .execute();
}
