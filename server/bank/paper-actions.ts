/**
 * The lifecycle steps of a paper as functions on a transaction, so the HTTP routes and the demo seeder go
 * through exactly the same checks: approve (never by the set's builder), release to a sitting (sets the
 * sitting's paper and counts exposure), mark used, archive. Each writes its 台账 row and audit row in the
 * caller's transaction.
 */
import type { Kysely, Selectable } from 'kysely';
import { DomainError, type Paper } from '../../question-bank';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import type { Database, PaperTable } from '../db/schema';
import { NotFound, StateConflict } from '../errors';
import { addLedger, nextPaperStatus, type LedgerEvent, type PaperEvent } from './paper-lifecycle';
import { loadPaper, paperState } from './paper-store';

/** The builder of a set may not approve its papers (四眼原则: a second office user checks them). */
export class SelfApproval extends DomainError {
  constructor() {
    super('SELF_APPROVAL', '组卷人不能审核自己组出的试卷，请由另一位考务管理员审核', 'forbidden');
  }
}

const LEDGER_EVENT: Record<PaperEvent, LedgerEvent> = { approve: 'approved', release: 'released', use: 'used', archive: 'archived' };

/** Options of a step: the sitting (release), a note for the 台账. */
export interface StepOptions {
  sittingId?: number;
  note?: string;
}

/**
 * Apply `event` to paper `id` in `trx`: check the status (`PAPER_STATE`), the approver (`SelfApproval`), the
 * sitting of a release (`NotFound`, `SITTING_*`, `ALREADY_RELEASED`), then update, write the 台账 and the audit
 * trail. Returns the updated paper row.
 * Example: `await db.transaction().execute((trx) => paperStep(trx, actor, now, 7, 'approve'))`.
 */
export async function paperStep(
  trx: Kysely<Database>,
  actor: Actor,
  now: Date,
  id: number,
  event: PaperEvent,
  opts: StepOptions = {},
): Promise<Selectable<PaperTable>> {
  const { paper, set, content } = await loadPaper(trx, id);
  if (event === 'approve' && set.created_by === actor.userId) throw new SelfApproval();
  const status = nextPaperStatus(paper.status, event);
  let sittingId: number | null = opts.sittingId ?? null;
  let extra: Record<string, unknown> = {};
  if (event === 'release') {
    if (sittingId === null) throw new StateConflict('SITTING_REQUIRED', '请选择要发放到的考试场次');
    extra = await releaseToSitting(trx, actor, id, set.id, content, set.occupation_id, set.level, sittingId);
  }
  if (event === 'use' && sittingId === null) {
    const last = await trx.selectFrom('paper_ledger').select('sitting_id').where('paper_id', '=', id).where('event', '=', 'released').orderBy('id', 'desc').limit(1).executeTakeFirst();
    sittingId = last?.sitting_id ?? null;
  }
  const row = await trx
    .updateTable('papers')
    .set({ status, ...(event === 'approve' && { approved_by: actor.userId, approved_at: now.toISOString() }) })
    .where('id', '=', id)
    .where('status', '=', paper.status)
    .returningAll()
    .executeTakeFirst();
  // Someone else moved the paper between our read and this write.
  if (!row) throw new StateConflict('PAPER_STATE', '试卷状态已被他人更改，请刷新后重试', { id });
  await addLedger(trx, { paperId: id, event: LEDGER_EVENT[event], sittingId, actorId: actor.userId, note: opts.note ?? '', at: now.toISOString() });
  await recordAudit(trx, actor, { action: `paper.${event}`, objectType: 'paper', objectId: id, before: paperState(paper), after: { ...paperState(row), ...extra } }, now);
  return row;
}

/**
 * Point the sitting's slot for the paper's occupation × level at this paper and count one more exposure for
 * every item on it. Refuses another organization's sitting (`NotFound`), a sitting of another component, one already open or closed, one whose batch has no
 * candidates of this occupation × level, and a slot that already has a paper.
 */
async function releaseToSitting(
  trx: Kysely<Database>,
  actor: Actor,
  paperId: number,
  paperSetId: number,
  content: Paper,
  occupationId: number,
  level: number,
  sittingId: number,
): Promise<Record<string, unknown>> {
  const sitting = await trx
    .selectFrom('sittings')
    .innerJoin('batches', 'batches.id', 'sittings.batch_id')
    .selectAll('sittings')
    .select('batches.organization_id')
    .where('sittings.id', '=', sittingId)
    .executeTakeFirst();
  // Another organization's sitting is reported as not found, as its batches are (existence not disclosed).
  if (!sitting || sitting.organization_id !== actor.organizationId) throw new NotFound('考试场次', sittingId);
  if (sitting.component !== content.spec.component) {
    throw new StateConflict('SITTING_COMPONENT', '该场次的考核方式与试卷不一致', { sitting: sitting.component, paper: content.spec.component });
  }
  if (sitting.status !== 'scheduled') throw new StateConflict('SITTING_NOT_SCHEDULED', '只能向尚未开考的场次发放试卷', { status: sitting.status });
  const entry = await trx
    .selectFrom('batch_entries')
    .select('id')
    .where('batch_id', '=', sitting.batch_id)
    .where('occupation_id', '=', occupationId)
    .where('level', '=', level)
    .executeTakeFirst();
  if (!entry) throw new StateConflict('SITTING_NO_ENTRY', '该场次所属批次没有这个职业等级的考生', { sittingId });
  const slot = await trx
    .selectFrom('sitting_papers')
    .selectAll()
    .where('sitting_id', '=', sittingId)
    .where('occupation_id', '=', occupationId)
    .where('level', '=', level)
    .executeTakeFirst();
  if (slot?.paper_id === paperId) throw new StateConflict('ALREADY_RELEASED', '这份试卷已发放到该场次');
  if (slot && slot.paper_id !== null) throw new StateConflict('SITTING_HAS_PAPER', '该场次的这个职业等级已有发放的试卷', { paperId: slot.paper_id });
  if (slot) {
    await trx.updateTable('sitting_papers').set({ paper_id: paperId, paper_set_id: paperSetId }).where('id', '=', slot.id).execute();
  } else {
    await trx.insertInto('sitting_papers').values({ sitting_id: sittingId, occupation_id: occupationId, level, paper_set_id: paperSetId, paper_id: paperId }).execute();
  }
  const uids = [...new Set(content.items.map((it) => it.itemId))];
  for (let i = 0; i < uids.length; i += 500) {
    await trx.updateTable('items').set((eb) => ({ exposure: eb('exposure', '+', 1) })).where('item_uid', 'in', uids.slice(i, i + 500)).execute();
  }
  return { sittingId, exposedItems: uids.length };
}
