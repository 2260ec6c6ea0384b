/**
 * The server's own rounds, once a second: close attempts past their end + grace whose candidate never
 * came back (submitted with their last saved answers, reason `timeout`), open sittings whose scheduled
 * start has come (if a paper was released), and close sittings that are over and have nobody left.
 * Idempotent and safe to run on several nodes at once (every change is conditional on the old state).
 */
import { systemActor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import { isOverdue, scheduledStart, timingOf } from './clock';
import { closeAttempts } from './attempt-service';
import { RoomRefused } from './errors';
import { openSitting } from './proctor-actions';
import type { RoomRuntime } from './runtime';
import { sittingLive } from './live-rooms';

const DAY = 86_400_000;
const ymd = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

/** Close overdue attempts. Returns how many were closed. */
export async function closeOverdueAttempts(rt: RoomRuntime): Promise<number> {
  const now = rt.deps.now();
  const nowMs = now.getTime();
  const rows = await rt.deps.db
    .selectFrom('attempts')
    .innerJoin('sittings', 'sittings.id', 'attempts.sitting_id')
    .selectAll('attempts')
    .select('sittings.grace_seconds')
    .where('attempts.state', '=', 'answering')
    .where('attempts.ends_at', '<', now.toISOString())
    .execute();
  const overdue = rows.filter((r) => isOverdue(timingOf(r), nowMs, Number(r.grace_seconds) * 1000)).map((r) => r.id);
  let closed = 0;
  // Saves still queued for these attempts commit first (they arrived within the grace).
  await rt.writer.drain();
  for (let i = 0; i < overdue.length; i += 200) {
    closed += (await closeAttempts(rt, overdue.slice(i, i + 200), 'timeout', null, '考试时间已到，系统按已保存的答案自动交卷')).size;
  }
  return closed;
}

/** Open scheduled sittings whose start time has come (within their duration) and that have a paper. */
export async function openScheduledSittings(rt: RoomRuntime): Promise<number> {
  const nowMs = rt.deps.now().getTime();
  const rows = await rt.deps.db
    .selectFrom('sittings')
    .select(['id', 'date', 'start_time', 'duration_min'])
    .where('status', '=', 'scheduled')
    .where('date', '>=', ymd(nowMs - DAY))
    .where('date', '<=', ymd(nowMs + DAY))
    .execute();
  let opened = 0;
  for (const s of rows) {
    const startAt = scheduledStart(s.date, s.start_time);
    if (nowMs < startAt || nowMs >= startAt + Number(s.duration_min) * 60_000) continue;
    try {
      await openSitting(rt, s.id, systemActor('room-schedule'), '到达计划开考时间，系统自动开考', null);
      opened++;
    } catch (e) {
      // No paper yet, or a proctor opened it a moment ago: try again next round.
      if (!(e instanceof RoomRefused)) throw e;
    }
  }
  return opened;
}

/** Close open sittings past their planned end + grace with no attempt still running. */
export async function closeFinishedSittings(rt: RoomRuntime): Promise<number> {
  const now = rt.deps.now();
  const nowMs = now.getTime();
  const rows = await rt.deps.db.selectFrom('sittings').selectAll().where('status', '=', 'open').execute();
  let closed = 0;
  for (const s of rows) {
    const openedAt = s.opened_at ? Date.parse(s.opened_at) : nowMs;
    if (nowMs <= openedAt + Number(s.duration_min) * 60_000 + Number(s.grace_seconds) * 1000) continue;
    const running = await rt.deps.db.selectFrom('attempts').select('id').where('sitting_id', '=', s.id).where('state', '!=', 'submitted').limit(1).executeTakeFirst();
    if (running) continue;
    const upd = await rt.deps.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('sittings').set({ status: 'closed', closed_at: now.toISOString() }).where('id', '=', s.id).where('status', '=', 'open').executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await recordAudit(trx, systemActor('room-sweeper'), { action: 'room.close', objectType: 'sitting', objectId: s.id, before: { status: 'open' }, after: { status: 'closed', reason: '考试时间结束且全部考生已交卷' } }, now);
      return true;
    });
    if (upd) {
      rt.live.sitting(sittingLive({ ...s, status: 'closed', closed_at: now.toISOString() }));
      closed++;
    }
  }
  return closed;
}

/** One round of the sweeper. */
export async function sweep(rt: RoomRuntime): Promise<void> {
  await openScheduledSittings(rt);
  await closeOverdueAttempts(rt);
  await closeFinishedSittings(rt);
}
