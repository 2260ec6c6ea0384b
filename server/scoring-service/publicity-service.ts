/**
 * 公示: the office publishes a batch's results; the public list (name, masked ID, occupation/工种, level,
 * result) runs for 5 working days counted with the working-day calendar; candidates lodge objections
 * (复核: 漏评, 合分错误, 登分错误) during it; the office records each outcome; the publicity closes only
 * after its last day with no objection open. Every step is in the audit trail; the decisions are the pure
 * domain's (`publicityStatus`, `raiseObjection`, `resolveObjection`, `closePublicity`).
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import {
  closePublicity,
  levelName,
  maskIdNumber,
  objectionCategoryName,
  publicityCloseBlockers,
  publicityStatus,
  raiseObjection,
  resolveObjection,
  resultStatusName,
  type Objection,
  type ObjectionCategory,
  type ObjectionOutcome,
  type Publicity,
  type PublicityStatus,
} from '../../scoring';
import type { Level } from '../../question-bank/types';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import type { ObjectionTable, PublicityTable } from '../db/schema';
import { NotFound, StateConflict } from '../errors';
import { chinaDate, isUniqueViolation, loadCalendar, lockBatchForPublish, type BatchRow, type Db, inTransaction } from './common';

/** Working days a publicity runs (H: 5). */
export const PUBLICITY_WORKDAYS = 5;

type PublicityRow = Selectable<PublicityTable>;
type ObjectionRow = Selectable<ObjectionTable>;

/** The domain view of stored rows. */
export function toPublicity(p: PublicityRow, objections: readonly ObjectionRow[]): Publicity {
  return {
    opensOn: p.started_on,
    closesOn: p.ends_on,
    ...(p.status === 'closed' && p.closed_at ? { closedOn: chinaDate(new Date(p.closed_at)) } : {}),
    objections: objections.map(toObjection),
  };
}

function toObjection(o: ObjectionRow): Objection {
  const base = { id: String(o.id), candidateRef: String(o.candidate_id), category: (o.category ?? 'recordingError') as ObjectionCategory, statement: o.text, raisedOn: chinaDate(new Date(o.created_at)) };
  return o.status === 'resolved'
    ? { ...base, status: 'resolved', outcome: (o.outcome ?? 'rejected') as ObjectionOutcome, resolvedOn: chinaDate(new Date(o.resolved_at ?? o.created_at)), note: o.resolution ?? '' }
    : { ...base, status: 'open' };
}

/** The publicity of a batch with its objections, or null. */
export async function loadPublicity(db: Db, batchId: number): Promise<{ row: PublicityRow; objections: ObjectionRow[] } | null> {
  const row = await db.selectFrom('publicities').selectAll().where('batch_id', '=', batchId).executeTakeFirst();
  if (!row) return null;
  const objections = await db.selectFrom('objections').selectAll().where('publicity_id', '=', row.id).orderBy('id').execute();
  return { row, objections };
}

/** Status of a stored publicity today. */
export function statusToday(row: PublicityRow, objections: readonly ObjectionRow[], now: Date): PublicityStatus {
  return publicityStatus(toPublicity(row, objections), chinaDate(now));
}

/**
 * Publish a batch's results: opens today if today is a working day (else the next one) and ends on the
 * 5th working day. Refuses when already published or when some candidate has no result. The answer
 * carries a warning when the calendar had to guess a day (outside the official data and the overrides).
 */
export async function publishResults(db: Db, actor: Actor, batch: BatchRow, now: Date): Promise<{ publicityId: number; startedOn: string; endsOn: string; warning: string | null }> {
  const calendar = await loadCalendar(db);
  const start = calendar.findWorkday(0, chinaDate(now));
  const end = calendar.addWorkdays(start.date, PUBLICITY_WORKDAYS - 1);
  const warning = start.verified && end.verified ? null : `公示期内有日期超出官方节假日数据，按周一至周五推算（${start.date} 至 ${end.date}），请核对工作日调整表`;
  try {
    const id = await inTransaction(db, async (trx) => {
      // Checked in the transaction, with the batch locked on PostgreSQL: marks being written finish first,
      // and a second publish of the same batch sees the first (409, not the unique index's 500).
      await lockBatchForPublish(trx, batch.id);
      await assertPublishable(trx, batch);
      const row = await trx
        .insertInto('publicities')
        .values({ batch_id: batch.id, started_on: start.date, ends_on: end.date, status: 'open', closed_at: null, closed_by: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('batches').set({ status: 'publicity', updated_at: now.toISOString() }).where('id', '=', batch.id).execute();
      await recordAudit(trx, actor, { action: 'scoring.publicity-publish', objectType: 'batch', objectId: batch.id, before: { status: batch.status }, after: { publicityId: row.id, startedOn: start.date, endsOn: end.date, warning } }, now);
      return row.id;
    });
    return { publicityId: id, startedOn: start.date, endsOn: end.date, warning };
  } catch (e) {
    // Two publishes racing on PostgreSQL: the loser meets the unique batch_id.
    if (isUniqueViolation(e)) throw alreadyPublished();
    throw e;
  }
}

const alreadyPublished = () => new StateConflict('ALREADY_PUBLISHED', '本批次成绩已发布公示');

/** Refuse a batch already published or with a candidate still without a result. */
async function assertPublishable(db: Db, batch: BatchRow): Promise<void> {
  const existing = await db.selectFrom('publicities').select('id').where('batch_id', '=', batch.id).executeTakeFirst();
  if (existing) throw alreadyPublished();
  const missing = await db
    .selectFrom('candidates')
    .leftJoin('results', 'results.candidate_id', 'candidates.id')
    .select(['candidates.name'])
    .where('candidates.batch_id', '=', batch.id)
    .where('candidates.status', '!=', 'ineligible')
    .where('results.id', 'is', null)
    .execute();
  if (missing.length > 0) {
    throw new StateConflict('RESULTS_INCOMPLETE', `尚有 ${missing.length} 名考生没有认定结果（${missing.slice(0, 5).map((m) => m.name).join('、')}${missing.length > 5 ? '等' : ''}），请先完成评分并计算结果`, { count: missing.length });
  }
  const any = await db.selectFrom('results').select('id').where('batch_id', '=', batch.id).limit(1).executeTakeFirst();
  if (!any) throw new StateConflict('RESULTS_INCOMPLETE', '本批次没有可公示的认定结果');
}

/**
 * A candidate lodges an objection (异议) during the publicity. Refuses outside the period
 * (`PublicityConflict`), a category other than the three 复核 grounds, or a batch not published.
 */
export async function lodgeObjection(
  db: Db,
  actor: Actor,
  candidateId: number,
  input: { category: ObjectionCategory; statement: string },
  now: Date,
): Promise<number> {
  const c = await db.selectFrom('candidates').select(['id', 'batch_id']).where('id', '=', candidateId).executeTakeFirst();
  if (!c) throw new NotFound('考生', candidateId);
  const pub = await loadPublicity(db, c.batch_id);
  if (!pub) throw new StateConflict('NOT_PUBLISHED', '您的成绩尚未公示，暂不能提出异议');
  // The domain decides: open period only, 复核 grounds only (throws with a Chinese reason otherwise).
  raiseObjection(toPublicity(pub.row, pub.objections), { id: randomUUID(), candidateRef: String(candidateId), ...input }, chinaDate(now));
  return inTransaction(db, async (trx) => {
    // One open objection per candidate and ground: otherwise one candidate could keep the publicity from
    // ever closing by lodging objections faster than the office resolves them.
    const pending = await trx
      .selectFrom('objections')
      .select('id')
      .where('publicity_id', '=', pub.row.id)
      .where('candidate_id', '=', candidateId)
      .where('category', '=', input.category)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (pending) throw new StateConflict('OBJECTION_PENDING', `您已提出的“${objectionCategoryName(input.category)}”异议正在复核中，请等待处理结果后再提出`, { objectionId: pending.id });
    const row = await trx
      .insertInto('objections')
      .values({ publicity_id: pub.row.id, candidate_id: candidateId, text: input.statement, status: 'open', category: input.category, outcome: null, resolution: null, resolved_by: null, created_at: now.toISOString(), resolved_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'scoring.objection-lodge', objectType: 'objection', objectId: row.id, after: { candidateId, category: input.category, statement: input.statement } }, now);
    return row.id;
  });
}

/** The office records the outcome of an objection's 复核 (成立/不成立) with a note. */
export async function resolveObjectionById(
  db: Db,
  actor: Actor,
  objectionId: number,
  input: { outcome: ObjectionOutcome; note: string },
  now: Date,
): Promise<void> {
  const o = await db
    .selectFrom('objections')
    .innerJoin('publicities', 'publicities.id', 'objections.publicity_id')
    .innerJoin('batches', 'batches.id', 'publicities.batch_id')
    .select(['objections.id', 'objections.publicity_id', 'publicities.batch_id', 'batches.organization_id'])
    .where('objections.id', '=', objectionId)
    .executeTakeFirst();
  if (!o || o.organization_id !== actor.organizationId) throw new NotFound('异议', objectionId);
  const pub = (await loadPublicity(db, o.batch_id))!;
  if (pub.row.status === 'closed') throw new StateConflict('PUBLICITY_CLOSED', '公示已结束，不能再处理异议');
  resolveObjection(toPublicity(pub.row, pub.objections), String(objectionId), input, chinaDate(now));
  const before = pub.objections.find((x) => x.id === objectionId)!;
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('objections')
      .set({ status: 'resolved', outcome: input.outcome, resolution: input.note, resolved_by: actor.userId, resolved_at: now.toISOString() })
      .where('id', '=', objectionId)
      .where('status', '=', 'open')
      .execute();
    await recordAudit(trx, actor, { action: 'scoring.objection-resolve', objectType: 'objection', objectId: objectionId, before: { status: before.status }, after: input }, now);
  });
}

/** Close the publicity: only after its last day and with no objection open (`PublicityConflict` lists why not). */
export async function closePublicityOf(db: Db, actor: Actor, batch: BatchRow, now: Date): Promise<void> {
  const pub = await loadPublicity(db, batch.id);
  if (!pub) throw new StateConflict('NOT_PUBLISHED', '本批次成绩尚未发布公示');
  closePublicity(toPublicity(pub.row, pub.objections), chinaDate(now));
  await inTransaction(db, async (trx) => {
    await trx.updateTable('publicities').set({ status: 'closed', closed_at: now.toISOString(), closed_by: actor.userId }).where('id', '=', pub.row.id).execute();
    await trx.updateTable('batches').set({ status: 'closed', updated_at: now.toISOString() }).where('id', '=', batch.id).execute();
    await recordAudit(trx, actor, { action: 'scoring.publicity-close', objectType: 'batch', objectId: batch.id, before: { status: 'open' }, after: { status: 'closed', objections: pub.objections.length } }, now);
  });
}

/** Office view of a batch's publicity with objections and what still blocks closing. */
export async function publicityView(db: Db, batchId: number, now: Date) {
  const pub = await loadPublicity(db, batchId);
  if (!pub) return null;
  const names = pub.objections.length
    ? await db.selectFrom('candidates').select(['id', 'name', 'id_number']).where('id', 'in', pub.objections.map((o) => o.candidate_id)).execute()
    : [];
  const domain = toPublicity(pub.row, pub.objections);
  return {
    id: pub.row.id,
    startedOn: pub.row.started_on,
    endsOn: pub.row.ends_on,
    status: publicityStatus(domain, chinaDate(now)),
    closedAt: pub.row.closed_at,
    blockers: pub.row.status === 'closed' ? [] : publicityCloseBlockers(domain, chinaDate(now)),
    objections: pub.objections.map((o) => objectionView(o, names.find((n) => n.id === o.candidate_id))),
  };
}

/** An objection as shown to the office and to its candidate. */
export function objectionView(o: ObjectionRow, c?: { name: string; id_number: string }) {
  return {
    id: o.id,
    candidateId: o.candidate_id,
    candidateName: c?.name ?? '',
    maskedId: c ? maskIdNumber(c.id_number) : '',
    category: o.category,
    categoryName: o.category ? objectionCategoryName(o.category as ObjectionCategory) : '',
    statement: o.text,
    status: o.status,
    outcome: o.outcome,
    outcomeName: o.outcome === 'upheld' ? '成立' : o.outcome === 'rejected' ? '不成立' : '',
    resolution: o.resolution,
    createdAt: o.created_at,
    resolvedAt: o.resolved_at,
  };
}

/**
 * The public list: every publicity running today (first to last day, not closed), with name, masked ID,
 * occupation/工种, level and result. Nothing else leaves the server.
 */
export async function publicPublicities(db: Db, now: Date) {
  const today = chinaDate(now);
  const pubs = await db
    .selectFrom('publicities')
    .innerJoin('batches', 'batches.id', 'publicities.batch_id')
    .innerJoin('organizations', 'organizations.id', 'batches.organization_id')
    .select(['publicities.id', 'publicities.batch_id', 'publicities.started_on', 'publicities.ends_on', 'batches.name as batch_name', 'organizations.name as org_name'])
    .where('publicities.status', '=', 'open')
    .where('publicities.started_on', '<=', today)
    .where('publicities.ends_on', '>=', today)
    .orderBy('publicities.id')
    .execute();
  const out = [];
  for (const p of pubs) {
    const rows = await db
      .selectFrom('results')
      .innerJoin('candidates', 'candidates.id', 'results.candidate_id')
      .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
      .select(['candidates.name', 'candidates.id_number', 'candidates.level', 'occupations.name as occ', 'occupations.work_type', 'results.status'])
      .where('results.batch_id', '=', p.batch_id)
      .orderBy('candidates.id')
      .execute();
    out.push({
      id: p.id,
      batchName: p.batch_name,
      organization: p.org_name,
      startedOn: p.started_on,
      endsOn: p.ends_on,
      rows: rows.map((r) => ({
        name: r.name,
        maskedId: maskIdNumber(r.id_number),
        occupation: r.occ,
        workType: r.work_type || '--',
        level: levelName(r.level as Level),
        result: resultStatusName(r.status),
      })),
    });
  }
  return out;
}
