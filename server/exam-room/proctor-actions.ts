/**
 * What a proctor does to a room: open and close the sitting, notices and warnings, pause/resume (paused
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
import { sittingLive } from './live-rooms';
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

/**
 * Open a sitting: status open, every attempt waiting in the lobby starts now (ends at now + duration).
 * Used by the proctor and by the schedule. Refuses when already open/closed or no paper was released.
 */
export async function openSitting(rt: RoomRuntime, sittingId: number, actor: Actor, reason: string, room: number | null): Promise<ActionResult> {
  const { db } = rt.deps;
  const now = rt.deps.now();
  const nowMs = now.getTime();
  const s = await loadSitting(db, sittingId);
  if (!s) throw new RoomRefused('NOT_FOUND', '场次不存在');
  if (s.status !== 'scheduled') throw new RoomRefused('STATE_CONFLICT', s.status === 'open' ? '本场考试已经开考' : '本场考试已结束');
  const paper = await db.selectFrom('sitting_papers').select('paper_id').where('sitting_id', '=', sittingId).where('paper_id', 'is not', null).executeTakeFirst();
  if (!paper) throw new RoomRefused('NO_PAPER', '本场考试的试卷尚未发放，不能开考');
  const started: { id: number; timing: AttemptTiming }[] = [];
  const opened = await rt.deps.db.transaction().execute(async (trx) => {
    const upd = await trx.updateTable('sittings').set({ status: 'open', opened_at: now.toISOString() }).where('id', '=', sittingId).where('status', '=', 'scheduled').executeTakeFirst();
    if (Number(upd.numUpdatedRows) !== 1) return false;
    const lobby = await trx.selectFrom('attempts').selectAll().where('sitting_id', '=', sittingId).where('state', '=', 'lobby').execute();
    for (const a of lobby) {
      const t = start(timingOf(a), nowMs, Number(s.duration_min) * 60_000);
      await trx.updateTable('attempts').set(timingColumns(t)).where('id', '=', a.id).execute();
      await trx.insertInto('attempt_events').values({ attempt_id: a.id, type: 'started', detail_json: '{}', actor_id: actor.auditId, at: now.toISOString() }).execute();
      started.push({ id: a.id, timing: t });
    }
    if (room !== null) await trx.insertInto('incidents').values(incident({ sitting: sittingId, room, reason }, actor, now.toISOString(), { kind: 'notice', description: `开考：${reason}` })).execute();
    await recordAudit(trx, actor, { action: 'room.open', objectType: 'sitting', objectId: sittingId, before: { status: 'scheduled' }, after: { status: 'open', reason, started: started.length } }, now);
    return true;
  });
  if (!opened) throw new RoomRefused('STATE_CONFLICT', '本场考试已经开考');
  const graceMs = Number(s.grace_seconds) * 1000;
  rt.live.sitting(sittingLive({ ...s, status: 'open', opened_at: now.toISOString() }));
  for (const a of started) {
    rt.track(a.id, a.timing, graceMs, nowMs);
    rt.emit(rooms.attempt(a.id), 'attempt:clock', { attemptId: a.id, clock: clockView(a.timing, nowMs, graceMs) });
  }
  rt.emit(rooms.sitting(sittingId), 'sitting:opened', { sittingId, openedAt: nowMs });
  for (const r of rt.live.rooms()) {
    if (r.sittingId === sittingId) rt.live.log(sittingId, r.roomId, { at: nowMs, kind: 'open', seatNo: null, text: `开考（${reason}）`, actor: actor.name });
  }
  return { changed: started.length };
}

/** Close the sitting once nobody is still in the lobby, answering or paused. */
export async function closeSitting(rt: RoomRuntime, t: ActionTarget, actor: Actor): Promise<ActionResult> {
  const { db } = rt.deps;
  const now = rt.deps.now();
  const s = await loadSitting(db, t.sitting);
  if (!s) throw new RoomRefused('NOT_FOUND', '场次不存在');
  if (s.status === 'closed') throw new RoomRefused('STATE_CONFLICT', '本场考试已经结束');
  const open = await db.selectFrom('attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('sitting_id', '=', t.sitting).where('state', '!=', 'submitted').executeTakeFirstOrThrow();
  if (Number(open.n) > 0) throw new RoomRefused('STATE_CONFLICT', `还有 ${Number(open.n)} 名考生未交卷，不能结束考试（可等待时间到自动交卷或强制交卷）`, { open: Number(open.n) });
  await rt.deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('sittings').set({ status: 'closed', closed_at: now.toISOString() }).where('id', '=', t.sitting).execute();
    await trx.insertInto('incidents').values(incident(t, actor, now.toISOString(), { kind: 'notice', description: `结束考试：${t.reason}` })).execute();
    await recordAudit(trx, actor, { action: 'room.close', objectType: 'sitting', objectId: t.sitting, before: { status: s.status }, after: { status: 'closed', reason: t.reason } }, now);
  });
  rt.live.sitting(sittingLive({ ...s, status: 'closed', closed_at: now.toISOString() }));
  rt.live.log(t.sitting, t.room, { at: now.getTime(), kind: 'close', seatNo: null, text: `结束考试（${t.reason}）`, actor: actor.name });
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
