/**
 * 人工认定: the exam office records its own eligibility decision for a candidate the rules judged ineligible
 * (or could not judge on the facts given: missing certificate data, an organization type the defaults do not
 * cover), with a reason and the 申报依据 it accepted, and can withdraw it (back to the rules' verdict).
 * Both are audited with before/after and refused once the candidate's ticket is issued or the batch is no
 * longer open for registrations.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-trail';
import type { Actor } from '../auth/actor';
import { StateConflict } from '../errors';
import { actorOf, requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';
import { storedVerdict, type EligibilityRecord, type ManualDecision } from './candidate-eligibility';
import { showCandidate, type PublicCandidate } from './candidate-records';
import { assertBatchOpen, batchParam, loadBatch, parseJson, type BatchRow, type Db } from './common';

const candidateParam = batchParam.extend({ candidateId: z.coerce.number().int().positive().max(2_147_483_647) });

/** Body of a manual decision. */
export const manualDecisionBody = z
  .object({
    eligible: z.boolean({ error: '请选择认定结果（符合或不符合申报条件）' }),
    reason: z.string({ error: '请填写认定理由' }).trim().min(2, '请填写认定理由（至少 2 个字）').max(500, '认定理由不超过 500 字'),
    basis: z.string().trim().max(500, '申报依据不超过 500 字').default(''),
  })
  .refine((b) => !b.eligible || b.basis.length > 0, { message: '认定为符合申报条件时须填写申报依据', path: ['basis'] });

/**
 * Refuse a decision the candidate's state no longer allows: batch past registration (409
 * BATCH_CLOSED_FOR_CHANGES), ticket issued (409 TICKET_ALREADY_ISSUED), or a seated candidate who would
 * become ineligible (409 CANDIDATE_SEATED: the seat must be cleared first, as for a change of level).
 */
function assertDecidable(batch: BatchRow, c: PublicCandidate, becomesEligible: boolean): void {
  assertBatchOpen(batch, 'registration');
  if (c.seat?.ticketIssued) {
    throw new StateConflict('TICKET_ALREADY_ISSUED', `考生 ${c.name} 的准考证已发放，申报资格不能再人工认定或撤销`, { candidateId: c.id });
  }
  if (c.seat && !becomesEligible) {
    throw new StateConflict('CANDIDATE_SEATED', `考生 ${c.name} 已编排座位，不能改为不符合申报条件；请先清除其座位`, { candidateId: c.id });
  }
}

/** The stored record; rows written before eligibility_json existed (or by other tools) read their verdict from the row. */
async function loadRecord(db: Db, id: number): Promise<EligibilityRecord> {
  const row = await db.selectFrom('candidates').select(['eligibility_json', 'status', 'eligibility_basis']).where('id', '=', id).executeTakeFirstOrThrow();
  const r = parseJson<Partial<EligibilityRecord>>(row.eligibility_json, {});
  if (typeof r.eligible === 'boolean') return r as EligibilityRecord;
  return { declared: '', explicit: {}, facts: {}, problems: [], asOf: '', ...r, eligible: row.status !== 'ineligible', basis: row.eligibility_basis };
}

/** What the audit shows of a candidate's eligibility. */
const auditView = (c: PublicCandidate) => ({ eligible: c.eligible, rulesEligible: c.rulesEligible, eligibilityBasis: c.eligibilityBasis, manualDecision: c.manualDecision });

/**
 * Routes mounted at `/batches`: `PUT /:id/candidates/:candidateId/eligibility-decision` (record or replace a
 * 人工认定) and `DELETE` of the same path (withdraw it). Answer `{ candidate }` as the list shows it.
 */
export function candidateDecisionRoutes(deps: AppDeps) {
  const { db } = deps;
  const write = async (actor: Actor, batchId: number, candidateId: number, action: string, next: (r: EligibilityRecord) => EligibilityRecord) => {
    const rec = next(await loadRecord(db, candidateId));
    const before = await showCandidate(db, batchId, candidateId, deps.now());
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('candidates').set({ eligibility_json: JSON.stringify(rec), ...storedVerdict(rec) }).where('id', '=', candidateId).execute();
      const after = await showCandidate(trx, batchId, candidateId, deps.now());
      await recordAudit(trx, actor, { action, objectType: 'candidate', objectId: candidateId, before: auditView(before), after: auditView(after) }, deps.now());
    });
    return showCandidate(db, batchId, candidateId, deps.now());
  };

  return new Hono<AppEnv>()
    .put('/:id/candidates/:candidateId/eligibility-decision', requireRole('admin'), validate('param', candidateParam), validate('json', manualDecisionBody), async (c) => {
      const actor = actorOf(c);
      const { id, candidateId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      const current = await showCandidate(db, batch.id, candidateId, deps.now());
      const b = c.req.valid('json');
      assertDecidable(batch, current, b.eligible);
      const manual: ManualDecision = { eligible: b.eligible, reason: b.reason, basis: b.basis, byUserId: actor.userId, byName: actor.name, at: deps.now().toISOString() };
      const candidate = await write(actor, batch.id, candidateId, 'candidate.eligibility-decide', (r) => ({ ...r, manual }));
      return c.json({ candidate });
    })
    .delete('/:id/candidates/:candidateId/eligibility-decision', requireRole('admin'), validate('param', candidateParam), async (c) => {
      const actor = actorOf(c);
      const { id, candidateId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      const current = await showCandidate(db, batch.id, candidateId, deps.now());
      if (!current.manualDecision) throw new StateConflict('NO_MANUAL_DECISION', `考生 ${current.name} 没有人工认定记录，无需撤销`, { candidateId });
      assertDecidable(batch, current, current.rulesEligible);
      const candidate = await write(actor, batch.id, candidateId, 'candidate.eligibility-withdraw', ({ manual: _dropped, ...r }) => r);
      return c.json({ candidate });
    });
}
