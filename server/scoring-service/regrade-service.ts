/**
 * 答案更正 and regrading: a corrected key for an item version is replayed over every stored attempt on a
 * paper that pins it. The dry run lists exactly the attempts whose marks change (old and new totals, the
 * items behind it); applying stores the corrected papers, recomputes the stored results of the affected
 * candidates, and writes one audit row — but only if the plan is still the one the office was shown.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { finalSubjectiveMarks, regrade, type KeyCorrection, type RegradePlan, type StoredAttempt } from '../../scoring';
import type { Paper } from '../../question-bank/types';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import { StateConflict } from '../errors';
import { chunks, type Db, inTransaction } from './common';
import { computeResults, storeResults } from './results-service';
import { policyOf, scoringPlanOf } from './scoring-plan';
import { responsesOf, subjectiveRecordsOf } from './theory-marks';
import { reviseItem, rowDraft } from '../bank/item-store';

/** Body of preview and apply; `expect` is the preview's fingerprint (apply only). */
export const regradeBody = z.object({
  corrections: z
    .array(z.object({ itemId: z.string().trim().min(1).max(100), version: z.number().int().positive().max(2_147_483_647), key: z.array(z.string().trim().min(1).max(4)).min(1).max(10), reason: z.string().trim().max(200).optional() }))
    .min(1, '请至少更正一道题')
    .max(50),
  expect: z.string().max(100).optional(),
});

interface AttemptInfo {
  attemptId: number;
  candidateId: number;
  candidateName: string;
  batchId: number;
  batchName: string;
  publicity: string | null;
}

/** A plan with what the office needs to read it, and a fingerprint of exactly the listed changes. */
export interface RegradePreview {
  plan: RegradePlan;
  changed: (RegradePlan['changed'][number] & { candidateName: string; batchName: string; batchId: number })[];
  unchangedCount: number;
  papers: number[];
  fingerprint: string;
  locked: { batchId: number; batchName: string }[];
  /** The keys as they were, per corrected item version (for the audit and the page). */
  oldKeys: Record<string, string[]>;
}

/**
 * Papers that pin any corrected item version and that this organization may correct: those its own
 * attempts or sittings use, and those nobody has sat yet. A paper only another organization's candidates
 * sat is theirs to correct (paperId → Paper as stored).
 */
async function affectedPapers(db: Db, organizationId: number, corrections: readonly KeyCorrection[]): Promise<Map<string, Paper>> {
  const wanted = new Set(corrections.map((c) => `${c.itemId}@${c.version}`));
  const pinning = new Map<string, Paper>();
  const rows = await db.selectFrom('papers').select(['id', 'content_json']).execute();
  for (const r of rows) {
    const paper = JSON.parse(r.content_json) as Paper;
    if (paper.items.some((i) => wanted.has(`${i.itemId}@${i.version}`))) pinning.set(String(r.id), paper);
  }
  const sat = new Set<number>();
  const ours = new Set<number>();
  for (const part of chunks([...pinning.keys()].map(Number))) {
    const used = await db
      .selectFrom('attempts')
      .innerJoin('candidates', 'candidates.id', 'attempts.candidate_id')
      .innerJoin('batches', 'batches.id', 'candidates.batch_id')
      .select(['attempts.paper_id', 'batches.organization_id'])
      .distinct()
      .where('attempts.paper_id', 'in', part)
      .execute();
    for (const u of used) {
      sat.add(u.paper_id);
      if (u.organization_id === organizationId) ours.add(u.paper_id);
    }
    const released = await db
      .selectFrom('sitting_papers')
      .innerJoin('sittings', 'sittings.id', 'sitting_papers.sitting_id')
      .innerJoin('batches', 'batches.id', 'sittings.batch_id')
      .select('sitting_papers.paper_id')
      .distinct()
      .where('sitting_papers.paper_id', 'in', part)
      .where('batches.organization_id', '=', organizationId)
      .execute();
    for (const r of released) if (r.paper_id !== null) ours.add(r.paper_id);
  }
  return new Map([...pinning].filter(([id]) => ours.has(Number(id)) || !sat.has(Number(id))));
}

/**
 * The dry run. Throws `ScoringInputInvalid` (from `regrade`) for a correction on no paper, an empty key,
 * labels the item lacks, or a subjective item.
 */
export async function previewRegrade(db: Db, organizationId: number, corrections: readonly KeyCorrection[]): Promise<RegradePreview> {
  const papers = await affectedPapers(db, organizationId, corrections);
  const paperIds = [...papers.keys()].map(Number);
  const infos = new Map<number, AttemptInfo>();
  const stored: StoredAttempt[] = [];
  if (paperIds.length > 0) {
    const rows = await db
      .selectFrom('attempts')
      .innerJoin('candidates', 'candidates.id', 'attempts.candidate_id')
      .innerJoin('batches', 'batches.id', 'candidates.batch_id')
      .leftJoin('publicities', 'publicities.batch_id', 'batches.id')
      .select(['attempts.id', 'attempts.paper_id', 'attempts.candidate_id', 'candidates.name', 'batches.id as batch_id', 'batches.name as batch_name', 'batches.plan_json', 'publicities.status as pub'])
      .where('attempts.paper_id', 'in', paperIds)
      .where('attempts.state', '=', 'submitted')
      .where('batches.organization_id', '=', organizationId)
      .orderBy('attempts.id')
      .execute();
    const responses = await responsesOf(db, rows.map((r) => r.id));
    const records = await subjectiveRecordsOf(db, rows.map((r) => ({ attemptId: r.id, paper: papers.get(String(r.paper_id))! })));
    for (const r of rows) {
      infos.set(r.id, { attemptId: r.id, candidateId: r.candidate_id, candidateName: r.name, batchId: r.batch_id, batchName: r.batch_name, publicity: r.pub });
      const rec = records.get(r.id);
      const config = policyOf(scoringPlanOf({ plan_json: r.plan_json })).subjective;
      stored.push({ attemptId: String(r.id), paperId: String(r.paper_id), responses: responses.get(r.id)!, ...(rec ? { examinerMarks: finalSubjectiveMarks(rec, config).marks } : {}) });
    }
  }
  const plan = regrade(papers, corrections, stored);
  const changed = plan.changed.map((c) => {
    const info = infos.get(Number(c.attemptId))!;
    return { ...c, candidateName: info.candidateName, batchName: info.batchName, batchId: info.batchId };
  });
  const lockedIds = new Set(plan.changed.map((c) => infos.get(Number(c.attemptId))!).filter((i) => i.publicity === 'closed').map((i) => i.batchId));
  const locked = [...lockedIds].map((id) => ({ batchId: id, batchName: [...infos.values()].find((i) => i.batchId === id)!.batchName }));
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([corrections.map((c) => [c.itemId, c.version, c.key]), plan.changed.map((c) => [c.attemptId, c.oldTotal, c.newTotal])]))
    .digest('hex')
    .slice(0, 32);
  const oldKeys: Record<string, string[]> = {};
  for (const paper of papers.values()) {
    for (const item of paper.items) {
      const id = `${item.itemId}@${item.version}`;
      if (corrections.some((c) => `${c.itemId}@${c.version}` === id)) oldKeys[id] = item.key;
    }
  }
  return { plan, changed, unchangedCount: plan.unchangedCount, papers: paperIds, fingerprint, locked, oldKeys };
}

/**
 * Apply a previewed regrade. Refuses when the plan changed since the preview (`PLAN_CHANGED`), or when a
 * changed attempt belongs to a batch whose publicity is closed (`RESULTS_FINAL`: reported results are not
 * rewritten by a key correction). Stores the corrected papers and recomputes affected stored results.
 */
export async function applyRegrade(db: Db, actor: Actor, corrections: readonly KeyCorrection[], expect: string | undefined, now: Date): Promise<RegradePreview> {
  const preview = await previewRegrade(db, actor.organizationId!, corrections);
  if (!expect || expect !== preview.fingerprint) throw new StateConflict('PLAN_CHANGED', '更正方案与预览时不一致（期间有新的作答或评分），请重新预览后再确认', { fingerprint: preview.fingerprint });
  if (preview.locked.length > 0) {
    throw new StateConflict('RESULTS_FINAL', `以下批次的公示已结束，成绩已上报，不能因答案更正而改动：${preview.locked.map((l) => l.batchName).join('、')}`, { locked: preview.locked });
  }
  await inTransaction(db, async (trx) => {
    for (const [paperId, paper] of preview.plan.correctedPapers) {
      await trx.updateTable('papers').set({ content_json: JSON.stringify(paper) }).where('id', '=', Number(paperId)).execute();
    }
    // The bank must not keep the wrong key for future papers: the corrected key becomes a new version of the
    // item (the pinned version stays as the papers used it). A version already superseded is left alone.
    const bankVersions: Record<string, number> = {};
    for (const c of corrections) {
      const row = await trx
        .selectFrom('items')
        .innerJoin('occupations', 'occupations.id', 'items.occupation_id')
        .selectAll('items')
        .select('occupations.code as occupationCode')
        .where('items.item_uid', '=', c.itemId)
        .where('items.version', '=', c.version)
        .executeTakeFirst();
      if (!row || row.is_latest !== 1) continue;
      const { occupationCode, ...itemRow } = row;
      const revised = await reviseItem(trx, itemRow, { ...rowDraft(itemRow, occupationCode), key: [...c.key] }, { userId: actor.userId, now: now.toISOString() });
      bankVersions[`${c.itemId}@${c.version}`] = revised.row.version;
    }
    const byBatch = new Map<number, number[]>();
    for (const c of preview.changed) byBatch.set(c.batchId, [...(byBatch.get(c.batchId) ?? []), Number(c.attemptId)]);
    for (const [batchId, attemptIds] of byBatch) {
      const batch = await trx.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
      const cands: number[] = [];
      for (const part of chunks(attemptIds)) {
        for (const r of await trx.selectFrom('attempts').innerJoin('results', 'results.candidate_id', 'attempts.candidate_id').select('attempts.candidate_id').where('attempts.id', 'in', part).execute()) cands.push(r.candidate_id);
      }
      if (cands.length > 0) await storeResults(trx, actor, batch, await computeResults(trx, batch, now, cands), now, 'regrade');
    }
    await recordAudit(trx, actor, {
      action: 'scoring.regrade',
      objectType: 'papers',
      objectId: preview.papers.join(','),
      before: { keys: preview.oldKeys },
      after: { corrections, bankVersions, changed: preview.changed.map((c) => ({ attemptId: c.attemptId, oldTotal: c.oldTotal, newTotal: c.newTotal })), unchanged: preview.unchangedCount },
    }, now);
  });
  return preview;
}
