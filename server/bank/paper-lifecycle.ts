/**
 * The life of one paper (one form of a parallel set) and its 台账 (题库运行、发放和回收台账):
 * built → approved (by a second office user) → released to a sitting → used → archived.
 * Every step is a ledger row and an audit row, written in the same transaction as the change.
 */
import type { Kysely } from 'kysely';
import type { Database, PaperStatus } from '../db/schema';
import { StateConflict } from '../errors';

/** What can happen to a paper. `print` and `analyse` are recorded but do not change the status. */
export type PaperEvent = 'approve' | 'release' | 'use' | 'archive';

/** Ledger event names (the 台账 column 事项). */
export type LedgerEvent = 'built' | 'approved' | 'released' | 'used' | 'archived' | 'printed' | 'analysed';

export const PAPER_STATUS_NAMES: Record<PaperStatus, string> = {
  built: '已组卷',
  approved: '已审核',
  released: '已发放',
  used: '已使用',
  archived: '已归档',
};

const EVENT_NAMES: Record<PaperEvent, string> = { approve: '审核', release: '发放', use: '登记使用', archive: '归档' };

/**
 * The status after `event`, or `StateConflict('PAPER_STATE')` naming the current status when the event is not
 * allowed. A released paper may be released again to another sitting (a reserve form for 补考); an unused
 * paper may be archived (withdrawn) without ever being released.
 * Example: `nextPaperStatus('built', 'approve')` → `'approved'`; `nextPaperStatus('built', 'release')` throws.
 */
export function nextPaperStatus(from: PaperStatus, event: PaperEvent): PaperStatus {
  const refuse = (): never => {
    throw new StateConflict('PAPER_STATE', `试卷当前为“${PAPER_STATUS_NAMES[from]}”，不能${EVENT_NAMES[event]}`, { status: from, event });
  };
  switch (event) {
    case 'approve':
      return from === 'built' ? 'approved' : refuse();
    case 'release':
      return from === 'approved' || from === 'released' ? 'released' : refuse();
    case 'use':
      return from === 'released' ? 'used' : refuse();
    case 'archive':
      return from === 'built' || from === 'approved' || from === 'used' ? 'archived' : refuse();
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** Append one 台账 row in the caller's transaction. */
export async function addLedger(
  trx: Kysely<Database>,
  row: { paperId: number; event: LedgerEvent; sittingId?: number | null; actorId: number | null; note?: string; at: string },
): Promise<void> {
  await trx
    .insertInto('paper_ledger')
    .values({ paper_id: row.paperId, event: row.event, sitting_id: row.sittingId ?? null, actor_id: row.actorId, note: row.note ?? '', at: row.at })
    .execute();
}
