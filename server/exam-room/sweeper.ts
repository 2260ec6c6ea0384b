/**
 * The server's own rounds, once a second: close attempts past their end + grace whose candidate never
 * came back (submitted with their last saved answers, reason `timeout`), open the rooms of sittings whose
 * scheduled start has come (if a paper was released), and close rooms that are over and have nobody
 * left (the sitting closes with its last room).
 * Idempotent and safe to run on several nodes at once (every change is conditional on the old state).
 */
import { systemActor } from '../auth/actor';
import { chinaDate } from '../exam-admin/common';
import { isOverdue, scheduledStart, timingOf } from './clock';
import { closeAttempts } from './attempt-service';
import { RoomRefused } from './errors';
import { finishRoom, openRoom } from './proctor-actions';
import type { RoomRuntime } from './runtime';

const DAY = 86_400_000;

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

/**
 * At the scheduled start (within the planned duration), open every room of the sitting with seated
 * candidates that is not open yet, as the system (a proctor may have opened theirs earlier). Returns how
 * many rooms it opened; rooms without a released paper are tried again next round.
 */
export async function openScheduledRooms(rt: RoomRuntime): Promise<number> {
  const { db } = rt.deps;
  const nowMs = rt.deps.now().getTime();
  const rows = await db
    .selectFrom('sittings')
    .select(['id', 'date', 'start_time', 'duration_min'])
    .where('status', 'in', ['scheduled', 'open'])
    .where('date', '>=', chinaDate(new Date(nowMs - DAY)))
    .where('date', '<=', chinaDate(new Date(nowMs + DAY)))
    .execute();
  const due = rows.filter((s) => {
    const startAt = scheduledStart(s.date, s.start_time);
    return nowMs >= startAt && nowMs < startAt + Number(s.duration_min) * 60_000;
  });
  if (due.length === 0) return 0;
  const waiting = await db
    .selectFrom('seat_assignments')
    .leftJoin('sitting_rooms', (j) => j.onRef('sitting_rooms.sitting_id', '=', 'seat_assignments.sitting_id').onRef('sitting_rooms.room_id', '=', 'seat_assignments.room_id'))
    .select(['seat_assignments.sitting_id', 'seat_assignments.room_id'])
    .distinct()
    .where('seat_assignments.sitting_id', 'in', due.map((s) => s.id))
    .where('sitting_rooms.room_id', 'is', null)
    .orderBy('seat_assignments.sitting_id')
    .orderBy('seat_assignments.room_id')
    .execute();
  let opened = 0;
  for (const r of waiting) {
    try {
      await openRoom(rt, r.sitting_id, r.room_id, systemActor('room-schedule'), '到达计划开考时间，系统自动开考');
      opened++;
    } catch (e) {
      // No paper yet, or a proctor opened the room a moment ago: try again next round.
      if (!(e instanceof RoomRefused)) throw e;
    }
  }
  return opened;
}

/**
 * Close open rooms past their own opening + duration + grace with no attempt of the room still running
 * (the sitting closes with its last room). Returns how many rooms it closed.
 */
export async function closeFinishedRooms(rt: RoomRuntime): Promise<number> {
  const { db } = rt.deps;
  const nowMs = rt.deps.now().getTime();
  const rows = await db
    .selectFrom('sitting_rooms')
    .innerJoin('sittings', 'sittings.id', 'sitting_rooms.sitting_id')
    .select(['sitting_rooms.sitting_id', 'sitting_rooms.room_id', 'sitting_rooms.opened_at', 'sittings.duration_min', 'sittings.grace_seconds'])
    .where('sitting_rooms.status', '=', 'open')
    .execute();
  let closed = 0;
  for (const r of rows) {
    if (nowMs <= Date.parse(r.opened_at) + Number(r.duration_min) * 60_000 + Number(r.grace_seconds) * 1000) continue;
    const running = await db
      .selectFrom('attempts')
      .innerJoin('seat_assignments', (j) => j.onRef('seat_assignments.sitting_id', '=', 'attempts.sitting_id').onRef('seat_assignments.candidate_id', '=', 'attempts.candidate_id'))
      .select('attempts.id')
      .where('attempts.sitting_id', '=', r.sitting_id)
      .where('seat_assignments.room_id', '=', r.room_id)
      .where('attempts.state', '!=', 'submitted')
      .limit(1)
      .executeTakeFirst();
    if (running) continue;
    const done = await finishRoom(rt, { sitting: r.sitting_id, room: r.room_id, reason: '考试时间结束且本考场考生均已交卷' }, systemActor('room-sweeper'));
    if (done.closed) closed++;
  }
  return closed;
}

/** One round of the sweeper. */
export async function sweep(rt: RoomRuntime): Promise<void> {
  await openScheduledRooms(rt);
  await closeOverdueAttempts(rt);
  await closeFinishedRooms(rt);
}
