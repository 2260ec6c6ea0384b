/**
 * The 台账 at the opening of a sitting: the papers released to it become `used`, with one `used` ledger
 * row per sitting. Runs inside the transaction that opens the sitting's first room.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import { addLedger, nextPaperStatus } from '../bank/paper-lifecycle';
import type { Database } from '../db/schema';

/**
 * Mark the sitting's released papers used (`released → used`, 台账 `used` with the sitting, audit
 * `paper.use`). A paper already used by another sitting keeps its status and gets this sitting's ledger
 * row; a sitting never gets a second `used` row for the same paper. Papers in other states (withdrawn)
 * are left alone. Returns the ids of the papers whose status changed.
 * Example: `await markPapersUsed(trx, actor, now, sittingId)` → `[7]`.
 */
export async function markPapersUsed(trx: Kysely<Database>, actor: Actor, now: Date, sittingId: number): Promise<number[]> {
  const papers = await trx
    .selectFrom('sitting_papers')
    .innerJoin('papers', 'papers.id', 'sitting_papers.paper_id')
    .select(['papers.id', 'papers.status'])
    .distinct()
    .where('sitting_papers.sitting_id', '=', sittingId)
    .execute();
  const changed: number[] = [];
  for (const p of papers) {
    if (p.status !== 'released' && p.status !== 'used') continue;
    const logged = await trx.selectFrom('paper_ledger').select('id').where('paper_id', '=', p.id).where('sitting_id', '=', sittingId).where('event', '=', 'used').executeTakeFirst();
    if (logged) continue;
    let note = '考场开考，试卷启用';
    if (p.status === 'released') {
      // Conditional on the old status: a paper another sitting is opening with right now changes once.
      const upd = await trx.updateTable('papers').set({ status: nextPaperStatus('released', 'use') }).where('id', '=', p.id).where('status', '=', 'released').executeTakeFirst();
      if (Number(upd.numUpdatedRows) === 1) {
        changed.push(p.id);
        await recordAudit(trx, actor, { action: 'paper.use', objectType: 'paper', objectId: p.id, before: { status: 'released' }, after: { status: 'used', sittingId } }, now);
      } else note = '考场开考（试卷已由其他场次启用）';
    } else note = '考场开考（试卷已由其他场次启用）';
    await addLedger(trx, { paperId: p.id, event: 'used', sittingId, actorId: actor.userId, note, at: now.toISOString() });
  }
  return changed;
}
