/**
 * What a proctor does to a room: open and close the room (each room on its own, see room-state.ts), notices and warnings, pause/resume (paused
 * time is credited), extensions, force-submit, device moves, violations (违纪, marks the attempt) and
 * incidents. Every action carries a reason, runs in one transaction with its audit row, and after the
 * commit updates the live room and tells the affected candidates.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, IncidentTable } from '../db/schema';
import type { Insertable } from 'kysely';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import type { ActionResult } from '../realtime/contract';
import { clockView, extend, pause, resume, start, timingColumns, timingOf, type AttemptTiming } from './clock';
import { RoomRefused } from './errors';
import { attemptRoom, closeAttempt } from './attempt-service';
import { markPapersUsed } from './paper-use';
import { allRoomsClosed, roomRow } from './room-state';
import { rooms, type RoomRuntime } from './runtime';

/** Room and reason of every action. */
export interface ActionTarget {
  sitting: number;
  room: number;
  reason: string;
}

type Trx = Transaction<Database>;

async function loadSitting(db: Kysely<Database>, sittingId: number) {
  return db
    .selectFrom('sittings')
    .innerJoin('batches', 'batches.id', 'sittings.batch_id')
    .selectAll('sittings')
    .select('batches.name as batch_name')
    .where('sittings.id', '=', sittingId)
    .executeTakeFirst();
}

function incident(t: ActionTarget, actor: Actor, at: string, row: Pick<Insertable<IncidentTable>, 'kind' | 'description'> & Partial<Insertable<IncidentTable>>): Insertable<IncidentTable> {
  return { sitting_id: t.sitting, room_id: t.room, attempt_id: null, category: '', action: '', actor_id: actor.userId, at, ...row };
}

async function attemptInRoom(db: Kysely<Database>, t: ActionTarget, attemptId: number) {
  const r = await attemptRoom(db, attemptId);
  if (!r || r.sitting_id !== t.sitting || r.room_id !== t.room) throw new RoomRefused('NOT_FOUND', '本考场没有这名考生的考试记录');
  return r;
}

/** Lock the sitting row (PostgreSQL) so that rooms of one sitting open and close one after another. */
async function lockSitting(rt: RoomRuntime, trx: Trx, sittingId: number): Promise<void> {
  if (rt.deps.dialect === 'postgres') await trx.selectFrom('sittings').select('id').where('id', '=', sittingId).forUpdate().execute();
}

/**
 * Open one room of a sitting (the proctor's room, or each room in turn when the schedule opens the
 * sitting): the room's row is written (`sitting_rooms`), every attempt of that room waiting in the lobby
 * starts now (ends at now + duration), and candidates arriving later start at this opening. The first
 * room to open also opens the sitting row and marks its released papers used (台账). Other rooms are
 * untouched. Refuses (`STATE_CONFLICT`) when the room is already open or closed, or the sitting is over;
 * `NO_PAPER` when no paper was released.
 * Example: `await openRoom(rt, 12, 3, actor, '核验身份完毕')` → `{ changed: 28 }` (attempts started).
 */
export async function openRoom(rt: RoomRuntime, sittingId: number, roomId: number, actor: Actor, reason: string): Promise<ActionResult> {
  const { db } = rt.deps;
  const now = rt.deps.now();
  const nowMs = now.getTime();
  const s = await loadSitting(db, sittingId);
  if (!s) throw new RoomRefused('NOT_FOUND', '场次不存在');
  if (s.status === 'closed') throw new RoomRefused('STATE_CONFLICT', '本场考试已结束');
  const already = await roomRow(db, sittingId, roomId);
  if (already) throw new RoomRefused('STATE_CONFLICT', already.status === 'open' ? '本考场已经开考' : '本考场考试已结束');
  const paper = await db.selectFrom('sitting_papers').select('paper_id').where('sitting_id', '=', sittingId).where('paper_id', 'is not', null).executeTakeFirst();
  if (!paper) throw new RoomRefused('NO_PAPER', '本场考试的试卷尚未发放，不能开考');
  const started: { id: number; timing: AttemptTiming }[] = [];
  const opened = await rt.deps.db.transaction().execute(async (trx) => {
    await lockSitting(rt, trx, sittingId);
    // Checked again under the lock: another proctor of the room (or the schedule) may have opened it a moment ago.
    if (await trx.selectFrom('sitting_rooms').select('room_id').where('sitting_id', '=', sittingId).where('room_id', '=', roomId).executeTakeFirst()) return false;
    await trx.insertInto('sitting_rooms').values({ sitting_id: sittingId, room_id: roomId, status: 'open', opened_at: now.toISOString(), opened_by: actor.auditId, closed_at: null, closed_by: null }).execute();
    const first = await trx.updateTable('sittings').set({ status: 'open', opened_at: now.toISOString() }).where('id', '=', sittingId).where('status', '=', 'scheduled').executeTakeFirst();
    const papersUsed = await markPapersUsed(trx, actor, now, sittingId);
    const lobby = await trx
      .selectFrom('attempts')
      .innerJoin('seat_assignments', (j) => j.onRef('seat_assignments.sitting_id', '=', 'attempts.sitting_id').onRef('seat_assignments.candidate_id', '=', 'attempts.candidate_id'))
      .selectAll('attempts')
      .where('attempts.sitting_id', '=', sittingId)
      .where('seat_assignments.room_id', '=', roomId)
      .where('attempts.state', '=', 'lobby')
      .execute();
    for (const a of lobby) {
      const t = start(timingOf(a), nowMs, Number(s.duration_min) * 60_000);
      await trx.updateTable('attempts').set(timingColumns(t)).where('id', '=', a.id).execute();
      await trx.insertInto('attempt_events').values({ attempt_id: a.id, type: 'started', detail_json: '{}', actor_id: actor.auditId, at: now.toISOString() }).execute();
      started.push({ id: a.id, timing: t });
    }
    await trx.insertInto('incidents').values(incident({ sitting: sittingId, room: roomId, reason }, actor, now.toISOString(), { kind: 'notice', description: `开考：${reason}` })).execute();
    await recordAudit(trx, actor, {
      action: 'room.open', objectType: 'room', objectId: `${sittingId}:${roomId}`, before: { status: 'scheduled' },
      after: { status: 'open', reason, started: started.length, sittingOpened: Number(first.numUpdatedRows) === 1, papersUsed },
    }, now);
    return true;
  });
  if (!opened) throw new RoomRefused('STATE_CONFLICT', '本考场已经开考');
  const graceMs = Number(s.grace_seconds) * 1000;
  rt.live.roomState(sittingId, roomId, { status: 'open', openedAt: nowMs, closedAt: null });
  for (const a of started) {
    rt.track(a.id, a.timing, graceMs, nowMs);
    rt.emit(rooms.attempt(a.id), 'attempt:clock', { attemptId: a.id, clock: clockView(a.timing, nowMs, graceMs) });
  }
  rt.emit(rooms.candidates(sittingId, roomId), 'sitting:opened', { sittingId, openedAt: nowMs });
  rt.live.log(sittingId, roomId, { at: nowMs, kind: 'open', seatNo: null, text: `本考场开考（${reason}）`, actor: actor.name });
  return { changed: started.length };
}

/**
 * Close one opened room (the proctor, or the sweeper once its time is over) and, when it was the last
 * open room with seated candidates, the sitting. Returns whether this call closed the room (false when
 * it was closed meanwhile) and whether the sitting closed with it. The caller checks who is still
 * answering.
 */
export async function finishRoom(rt: RoomRuntime, t: ActionTarget, actor: Actor): Promise<{ closed: boolean; sittingClosed: boolean }> {
  const now = rt.deps.now();
  const out = await rt.deps.db.transaction().execute(async (trx) => {
    await lockSitting(rt, trx, t.sitting);
    const upd = await trx
      .updateTable('sitting_rooms')
      .set({ status: 'closed', closed_at: now.toISOString(), closed_by: actor.auditId })
      .where('sitting_id', '=', t.sitting)
      .where('room_id', '=', t.room)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(upd.numUpdatedRows) !== 1) return { closed: false, sittingClosed: false };
    let sittingClosed = false;
    if (await allRoomsClosed(trx, t.sitting)) {
      const s = await trx.updateTable('sittings').set({ status: 'closed', closed_at: now.toISOString() }).where('id', '=', t.sitting).where('status', '!=', 'closed').executeTakeFirst();
      sittingClosed = Number(s.numUpdatedRows) === 1;
    }
    await trx.insertInto('incidents').values(incident(t, actor, now.toISOString(), { kind: 'notice', description: `结束考试：${t.reason}` })).execute();
    await recordAudit(trx, actor, { action: 'room.close', objectType: 'room', objectId: `${t.sitting}:${t.room}`, before: { status: 'open' }, after: { status: 'closed', reason: t.reason, sittingClosed } }, now);
    return { closed: true, sittingClosed };
  });
  if (out.closed) {
    const row = await roomRow(rt.deps.db, t.sitting, t.room);
    rt.live.roomState(t.sitting, t.room, { status: 'closed', openedAt: row ? Date.parse(row.opened_at) : null, closedAt: now.getTime() });
    rt.live.log(t.sitting, t.room, { at: now.getTime(), kind: 'close', seatNo: null, text: `本考场结束考试（${t.reason}）${out.sittingClosed ? '；本场各考场均已结束' : ''}`, actor: actor.name });
  }
  return out;
}

/** Close the proctor's room once nobody of that room is still in the lobby, answering or paused. */
export async function closeRoom(rt: RoomRuntime, t: ActionTarget, actor: Actor): Promise<ActionResult> {
  const { db } = rt.deps;
  const s = await loadSitting(db, t.sitting);
  if (!s) throw new RoomRefused('NOT_FOUND', '场次不存在');
  const row = await roomRow(db, t.sitting, t.room);
  if (!row) throw new RoomRefused('STATE_CONFLICT', s.status === 'closed' ? '本场考试已经结束' : '本考场尚未开考');
  if (row.status === 'closed') throw new RoomRefused('STATE_CONFLICT', '本考场考试已经结束');
  const open = await db
    .selectFrom('attempts')
    .innerJoin('seat_assignments', (j) => j.onRef('seat_assignments.sitting_id', '=', 'attempts.sitting_id').onRef('seat_assignments.candidate_id', '=', 'attempts.candidate_id'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('attempts.sitting_id', '=', t.sitting)
    .where('seat_assignments.room_id', '=', t.room)
    .where('attempts.state', '!=', 'submitted')
    .executeTakeFirstOrThrow();
  if (Number(open.n) > 0) throw new RoomRefused('STATE_CONFLICT', `本考场还有 ${Number(open.n)} 名考生未交卷，不能结束考试（可等待时间到自动交卷或强制交卷）`, { open: Number(open.n) });
  const done = await finishRoom(rt, t, actor);
  if (!done.closed) throw new RoomRefused('STATE_CONFLICT', '本考场考试已经结束');
  return { changed: 1 };
}

/** Broadcast a notice to every candidate of the room. */
export async function broadcastNotice(rt: RoomRuntime, t: ActionTarget & { message: string }, actor: Actor): Promise<ActionResult> {
  const now = rt.deps.now();
  await rt.deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('incidents').values(incident(t, actor, now.toISOString(), { kind: 'notice', description: t.message })).execute();
    await recordAudit(trx, actor, { action: 'room.notice', objectType: 'room', objectId: `${t.sitting}:${t.room}`, after: { message: t.message, reason: t.reason } }, now);
  });
  rt.emit(rooms.candidates(t.sitting, t.room), 'room:notice', { kind: 'notice', message: t.message, at: now.getTime() });
  rt.live.log(t.sitting, t.room, { at: now.getTime(), kind: 'notice', seatNo: null, text: `通知：${t.message}`, actor: actor.name });
  return { changed: 1 };
}

/** Warn one candidate (shown on their screen, counted on their seat). */
export async function warnCandidate(rt: RoomRuntime, t: ActionTarget & { attempt: number; message: string }, actor: Actor): Promise<ActionResult> {
  const { db } = rt.deps;
  const now = rt.deps.now();
  const r = await attemptInRoom(db, t, t.attempt);
  await rt.deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('incidents').values(incident(t, actor, now.toISOString(), { kind: 'warning', attempt_id: t.attempt, description: t.message, action: '警告' })).execute();
    await trx.insertInto('attempt_events').values({ attempt_id: t.attempt, type: 'warned', detail_json: JSON.stringify({ message: t.message, reason: t.reason }), actor_id: actor.auditId, at: now.toISOString() }).execute();
    await recordAudit(trx, actor, { action: 'room.warn', objectType: 'attempt', objectId: t.attempt, after: { message: t.message, reason: t.reason } }, now);
  });
  rt.emit(rooms.attempt(t.attempt), 'room:notice', { kind: 'warning', message: t.message, at: now.getTime() });
  rt.live.warned(t.attempt);
  rt.live.log(t.sitting, t.room, { at: now.getTime(), kind: 'warning', seatNo: r.seat_no, text: `${r.seat_no}号 警告：${t.message}`, actor: actor.name });
  return { changed: 1 };
}

type ClockVerb = 'pause' | 'resume' | 'extend';
const VERB_TEXT: Record<ClockVerb, string> = { pause: '暂停', resume: '继续', extend: '延时' };

/**
 * Pause, resume or extend one attempt (`attempt` given) or every attempt of the room. Attempts the verb
 * does not apply to (already paused, submitted …) are left alone; `changed` says how many moved.
 */
export async function changeClock(
  rt: RoomRuntime,
  verb: ClockVerb,
  t: ActionTarget & { attempt?: number | null; minutes?: number },
  actor: Actor,
): Promise<ActionResult> {
  const { db } = rt.deps;
  const now = rt.deps.now();
  const nowMs = now.getTime();
  let seatNo: number | null = null;
  if (t.attempt) seatNo = (await attemptInRoom(db, t, t.attempt)).seat_no;
  const s = await loadSitting(db, t.sitting);
  if (!s) throw new RoomRefused('NOT_FOUND', '场次不存在');
  const graceMs = Number(s.grace_seconds) * 1000;
  const extraMs = (t.minutes ?? 0) * 60_000;
  const changed: { id: number; timing: AttemptTiming }[] = [];
  await rt.deps.db.transaction().execute(async (trx: Trx) => {
    let q = trx
      .selectFrom('attempts')
      .innerJoin('seat_assignments', (j) => j.onRef('seat_assignments.sitting_id', '=', 'attempts.sitting_id').onRef('seat_assignments.candidate_id', '=', 'attempts.candidate_id'))
      .selectAll('attempts')
      .where('attempts.sitting_id', '=', t.sitting)
      .where('seat_assignments.room_id', '=', t.room);
    if (t.attempt) q = q.where('attempts.id', '=', t.attempt);
    if (rt.deps.dialect === 'postgres') q = q.forUpdate();
    for (const a of await q.execute()) {
      const before = timingOf(a);
      const after = verb === 'pause' ? pause(before, nowMs) : verb === 'resume' ? resume(before, nowMs) : extend(before, extraMs);
      if (after === before) continue;
      await trx.updateTable('attempts').set(timingColumns(after)).where('id', '=', a.id).execute();
      const detail = verb === 'resume' ? { reason: t.reason, creditedMs: after.pausedMs - before.pausedMs } : verb === 'extend' ? { reason: t.reason, extraMs } : { reason: t.reason };
      await trx.insertInto('attempt_events').values({ attempt_id: a.id, type: verb === 'pause' ? 'paused' : verb === 'resume' ? 'resumed' : 'extended', detail_json: JSON.stringify(detail), actor_id: actor.auditId, at: now.toISOString() }).execute();
      changed.push({ id: a.id, timing: after });
    }
    if (changed.length === 0) return;
    const scope = t.attempt ? `${seatNo}号考生` : '全场';
    const what = verb === 'extend' ? `${scope}延长考试时间 ${t.minutes} 分钟` : `${scope}${VERB_TEXT[verb]}考试`;
    await trx
      .insertInto('incidents')
      .values(incident(t, actor, now.toISOString(), { kind: 'incident', attempt_id: t.attempt ?? null, category: verb === 'extend' ? '延长时间' : VERB_TEXT[verb] + '考试', description: `${what}：${t.reason}`, action: what }))
      .execute();
    await recordAudit(trx, actor, {
      action: `room.${verb}`,
      objectType: t.attempt ? 'attempt' : 'room',
      objectId: t.attempt ?? `${t.sitting}:${t.room}`,
      after: { reason: t.reason, attempts: changed.map((c) => c.id), ...(verb === 'extend' ? { minutes: t.minutes } : {}) },
    }, now);
  });
  if (changed.length === 0) {
    const expected = verb === 'pause' ? '作答中' : verb === 'resume' ? '已暂停' : '未交卷';
    throw new RoomRefused('STATE_CONFLICT', `没有${expected}的考生，无法${VERB_TEXT[verb]}`);
  }
  for (const c of changed) {
    rt.track(c.id, c.timing, graceMs, nowMs);
    rt.emit(rooms.attempt(c.id), 'attempt:clock', { attemptId: c.id, clock: clockView(c.timing, nowMs, graceMs) });
  }
  const scope = t.attempt ? `${seatNo}号` : '全场';
  rt.live.log(t.sitting, t.room, { at: nowMs, kind: verb, seatNo, text: `${scope}${VERB_TEXT[verb]}${verb === 'extend' ? ` ${t.minutes} 分钟` : ''}（${t.reason}）`, actor: actor.name });
  return { changed: changed.length };
}

/** Submit one candidate's attempt now, with their saved answers. */
export async function forceSubmit(rt: RoomRuntime, t: ActionTarget & { attempt: number }, actor: Actor): Promise<ActionResult> {
  const { db } = rt.deps;
  const r = await attemptInRoom(db, t, t.attempt);
  const done = await closeAttempt(rt, t.attempt, 'proctor', actor, t.reason);
  if (!done) throw new RoomRefused('STATE_CONFLICT', '该考生已经交卷');
  const now = rt.deps.now();
  await db.insertInto('incidents').values(incident(t, actor, now.toISOString(), { kind: 'incident', attempt_id: t.attempt, category: '强制交卷', description: `${r.seat_no}号考生被强制交卷：${t.reason}`, action: '强制交卷' })).execute();
  return { changed: 1 };
}

/**
 * Let the device that was blocked take over the attempt: it becomes the attempt's device, the old
 * device's sockets are told and disconnected, and the new one is invited to resume.
 */
export async function allowMove(rt: RoomRuntime, t: ActionTarget & { attempt: number }, actor: Actor): Promise<ActionResult> {
  const { db } = rt.deps;
  const now = rt.deps.now();
  const r = await attemptInRoom(db, t, t.attempt);
  let pending = rt.pendingMoves.get(t.attempt) ?? null;
  if (!pending) {
    // After a restart the waiting device is known from the event log only.
    const last = await db.selectFrom('attempt_events').select(['detail_json', 'at']).where('attempt_id', '=', t.attempt).where('type', '=', 'device-blocked').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const moved = await db.selectFrom('attempt_events').select('at').where('attempt_id', '=', t.attempt).where('type', '=', 'device-moved').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (last && (!moved || moved.at < last.at)) pending = { deviceId: String((JSON.parse(last.detail_json) as { deviceId?: string }).deviceId ?? ''), socketId: null, at: Date.parse(last.at) };
  }
  if (!pending || !pending.deviceId) throw new RoomRefused('STATE_CONFLICT', '没有等待换机的设备（请让考生先在新设备上登录）');
  const a = await db.selectFrom('attempts').select(['device_id', 'state']).where('id', '=', t.attempt).executeTakeFirstOrThrow();
  if (a.state === 'submitted') throw new RoomRefused('STATE_CONFLICT', '该考生已经交卷');
  const newDevice = pending.deviceId;
  await rt.deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('attempts').set({ device_id: newDevice }).where('id', '=', t.attempt).execute();
    await trx.insertInto('attempt_events').values({ attempt_id: t.attempt, type: 'device-moved', detail_json: JSON.stringify({ from: a.device_id, to: newDevice, reason: t.reason }), actor_id: actor.auditId, at: now.toISOString() }).execute();
    await trx.insertInto('incidents').values(incident(t, actor, now.toISOString(), { kind: 'incident', attempt_id: t.attempt, category: '更换考试机', description: `${r.seat_no}号考生更换考试设备：${t.reason}`, action: '允许换机继续考试' })).execute();
    await recordAudit(trx, actor, { action: 'room.allow-move', objectType: 'attempt', objectId: t.attempt, before: { device: a.device_id }, after: { device: newDevice, reason: t.reason } }, now);
  });
  rt.pendingMoves.delete(t.attempt);
  rt.live.deviceBlocked(t.attempt, false);
  if (rt.io) {
    for (const sock of await rt.io.in(rooms.attempt(t.attempt)).fetchSockets()) {
      if (sock.data.deviceId !== newDevice) {
        sock.emit('attempt:taken', { reason: 'moved' });
        sock.disconnect(true);
      }
    }
    if (pending.socketId) rt.io.to(pending.socketId).emit('attempt:move-allowed', { attemptId: t.attempt });
  }
  rt.live.log(t.sitting, t.room, { at: now.getTime(), kind: 'move', seatNo: r.seat_no, text: `${r.seat_no}号 允许换机（${t.reason}）`, actor: actor.name });
  return { changed: 1 };
}

/** Record a violation (违纪) with its category; the attempt is marked so the result shows it. */
export async function recordViolation(rt: RoomRuntime, t: ActionTarget & { attempt: number; category: string }, actor: Actor): Promise<ActionResult> {
  const { db } = rt.deps;
  const now = rt.deps.now();
  const r = await attemptInRoom(db, t, t.attempt);
  await rt.deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('attempts').select('violation_category').where('id', '=', t.attempt).executeTakeFirstOrThrow();
    await trx.updateTable('attempts').set({ violation_category: t.category }).where('id', '=', t.attempt).execute();
    await trx.insertInto('incidents').values(incident(t, actor, now.toISOString(), { kind: 'violation', attempt_id: t.attempt, category: t.category, description: t.reason, action: '记录违纪' })).execute();
    await trx.insertInto('attempt_events').values({ attempt_id: t.attempt, type: 'violation', detail_json: JSON.stringify({ category: t.category, reason: t.reason }), actor_id: actor.auditId, at: now.toISOString() }).execute();
    await recordAudit(trx, actor, { action: 'room.violation', objectType: 'attempt', objectId: t.attempt, before: { violation: before.violation_category }, after: { violation: t.category, reason: t.reason } }, now);
  });
  rt.live.violation(t.attempt, t.category);
  rt.live.log(t.sitting, t.room, { at: now.getTime(), kind: 'violation', seatNo: r.seat_no, text: `${r.seat_no}号 违纪（${t.category}）：${t.reason}`, actor: actor.name });
  return { changed: 1 };
}

/** Record an incident (考场情况), optionally about one candidate, with the action taken. */
export async function recordIncident(rt: RoomRuntime, t: ActionTarget & { attempt?: number | null; category?: string; action?: string }, actor: Actor): Promise<ActionResult> {
  const { db } = rt.deps;
  const now = rt.deps.now();
  const seatNo = t.attempt ? (await attemptInRoom(db, t, t.attempt)).seat_no : null;
  await rt.deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('incidents').values(incident(t, actor, now.toISOString(), { kind: 'incident', attempt_id: t.attempt ?? null, category: t.category ?? '', description: t.reason, action: t.action ?? '' })).execute();
    await recordAudit(trx, actor, { action: 'room.incident', objectType: t.attempt ? 'attempt' : 'room', objectId: t.attempt ?? `${t.sitting}:${t.room}`, after: { category: t.category ?? '', description: t.reason, action: t.action ?? '' } }, now);
  });
  rt.live.log(t.sitting, t.room, { at: now.getTime(), kind: 'incident', seatNo, text: `${seatNo ? `${seatNo}号 ` : ''}${t.category ? `${t.category}：` : ''}${t.reason}`, actor: actor.name });
  return { changed: 1 };
}
