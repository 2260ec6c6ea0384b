/**
 * The candidate's side of an attempt: join/resume from a device, submit, and the one close routine
 * shared by the candidate, the proctor (force-submit) and the sweeper (timeout). Each function owns
 * its transaction and, after commit, updates the live room and notifies sockets.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { systemActor, type Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import type { AttemptSnapshot, RoomNotice, SavedAnswer, SittingView, SubmitReason } from '../realtime/contract';
import { beijingHm, clockView, isLateEntry, isOverdue, scheduledStart, start, submit, timingColumns, timingOf, type AttemptTiming } from './clock';
import { REFUSALS, RoomRefused } from './errors';
import { orderView, type LoadedPaper } from './paper-cache';
import { DEFAULT_ROOM_RULES } from './rules-text';
import { LATE_ENTRY_CATEGORY } from './live-rooms';
import { roomStateOf, type RoomState } from './room-state';
import { checkSebPass, parseSebConfig } from './seb';
import { rooms, type RoomRuntime } from './runtime';
import { attemptKey, loadSeats, type AttemptRow, type NoticeRow, type Seat } from './resume-loaders';

/** The candidate's seat with its sitting, room and occupation. */
export async function loadSeat(db: Kysely<Database>, seatAssignmentId: number): Promise<Seat | undefined> {
  return (await loadSeats(db, [seatAssignmentId])).get(seatAssignmentId);
}

/** The state of the candidate's room (not the sitting's: each room opens on its own). */
export function seatRoomState(seat: Seat): RoomState {
  return roomStateOf({ status: seat.room_status, opened_at: seat.room_opened_at, closed_at: seat.room_closed_at }, seat.status);
}

function sittingView(seat: Seat): SittingView {
  const room = seatRoomState(seat);
  return {
    sittingId: seat.sitting_id,
    roomId: seat.room_id,
    roomName: seat.room_name,
    seatNo: seat.seat_no,
    candidateName: seat.candidate_name,
    ticketNo: seat.ticket_no,
    occupationName: seat.occupation_name,
    level: seat.level,
    component: seat.component,
    venue: seat.venue,
    scheduledStart: scheduledStart(seat.date, seat.start_time),
    durationMin: Number(seat.duration_min),
    status: room.status,
    openedAt: room.openedAt,
    rules: [...DEFAULT_ROOM_RULES],
    sebRequired: parseSebConfig(seat.seb_json) !== null,
  };
}

/** Who is resuming: the socket's candidate session. */
export interface CandidateWho {
  actor: Actor;
  candidateId: number;
  seatAssignmentId: number;
}

/** The result of a successful join; the handler keeps `paper` to check later saves without a query. */
export interface Joined {
  snapshot: AttemptSnapshot;
  attemptId: number;
  sittingId: number;
  roomId: number;
  seatNo: number;
  paper: LoadedPaper;
  isNew: boolean;
}

const durationMs = (seat: Seat) => Number(seat.duration_min) * 60_000;

async function findAttempt(db: Kysely<Database>, sittingId: number, candidateId: number): Promise<AttemptRow | undefined> {
  return db.selectFrom('attempts').selectAll().where('sitting_id', '=', sittingId).where('candidate_id', '=', candidateId).executeTakeFirst();
}

/**
 * Join or rejoin the attempt of the candidate's seat from `deviceId`. Creates the attempt on first
 * arrival (seed stored for the reproducible order; started at the ROOM's opening if the room is open).
 * Refuses: `NO_SEAT`, `SEB_REQUIRED`, `SITTING_CLOSED` (the room is closed), `LATE_ENTRY` (first arrival
 * more than 15 minutes after the room opened; reported to the proctor and recorded, no attempt is
 * created — a reconnect of an existing attempt is never refused for lateness), `NO_PAPER`, `TIME_OVER`
 * (arrived after the end), `DEVICE_BLOCKED` (another device holds the attempt; reported to the proctor).
 */
export async function resumeAttempt(
  rt: RoomRuntime,
  who: CandidateWho,
  input: { deviceId: string; paperKey?: string | null; sebToken?: string | null },
  socketId: string | null,
): Promise<Joined> {
  const { db, config } = rt.deps;
  const now = rt.deps.now();
  const nowMs = now.getTime();
  const seat = await rt.loaders.seats.get(who.seatAssignmentId);
  if (!seat || seat.candidate_id !== who.candidateId) throw new RoomRefused('NO_SEAT', '没有找到您的座位安排，请联系监考员');
  if (parseSebConfig(seat.seb_json) && !checkSebPass(config.sessionSecret, input.sebToken, seat.seat_id, nowMs)) {
    throw new RoomRefused('SEB_REQUIRED', '本场考试须使用安全考试浏览器（Safe Exam Browser）进入');
  }
  const graceMs = Number(seat.grace_seconds) * 1000;
  const room = seatRoomState(seat);
  let attempt = await rt.loaders.attempts.get(attemptKey(seat.sitting_id, seat.candidate_id));
  let isNew = false;
  if (!attempt) {
    if (room.status === 'closed') throw new RoomRefused('SITTING_CLOSED', '本场考试已结束');
    if (room.status === 'open' && room.openedAt !== null && isLateEntry(room.openedAt, nowMs)) {
      await reportLateEntry(rt, seat, room.openedAt, now);
      throw REFUSALS.lateEntry();
    }
    const sp = await db
      .selectFrom('sitting_papers')
      .select('paper_id')
      .where('sitting_id', '=', seat.sitting_id)
      .where('occupation_id', '=', seat.occupation_id)
      .where('level', '=', seat.level)
      .executeTakeFirst();
    if (!sp?.paper_id) throw new RoomRefused('NO_PAPER', '本场考试的试卷尚未发放，请稍候或联系监考员');
    await rt.papers.get(sp.paper_id); // a paper that cannot be served must not get attempts
    let timing: AttemptTiming = { phase: 'lobby', startedAt: null, endsAt: null, pausedAt: null, pausedMs: 0, extensionMs: 0, submittedAt: null, submitReason: null };
    if (room.status === 'open' && room.openedAt !== null) {
      timing = start(timing, room.openedAt, durationMs(seat));
      if (isOverdue(timing, nowMs, graceMs)) throw new RoomRefused('TIME_OVER', '本场考试时间已结束，不能再进入');
    }
    // Through the writer: the insert joins the next group commit instead of an fsync of its own.
    const row = {
      sitting_id: seat.sitting_id, candidate_id: seat.candidate_id, paper_id: sp.paper_id, seed: randomBytes(12).toString('hex'),
      ...timingColumns(timing), device_id: input.deviceId, violation_category: null, last_seen_at: now.toISOString(),
    };
    const created = await rt.writer.createAttempt({
      row,
      event: { type: 'joined', detail_json: JSON.stringify({ deviceId: input.deviceId, ip: who.actor.ip }), actor_id: who.actor.auditId },
    });
    if ('id' in created) {
      // Built from what was just inserted: no second read on the busiest path (3,000 joins in 10 s).
      isNew = true;
      attempt = { id: created.id, ...row, paused_ms: row.paused_ms, extension_ms: row.extension_ms } as AttemptRow;
    } else {
      // A conflict means two windows raced on the first join: the unique (sitting, candidate) kept one.
      attempt = await findAttempt(db, seat.sitting_id, seat.candidate_id);
      if (!attempt) throw new RoomRefused('INTERNAL', '进入考试失败，请重试');
    }
  }

  let timing = timingOf(attempt);
  if (attempt.device_id !== null && attempt.device_id !== input.deviceId && timing.phase !== 'submitted') {
    const pending = rt.pendingMoves.get(attempt.id);
    const repeat = pending && pending.deviceId === input.deviceId && nowMs - pending.at < 60_000;
    rt.pendingMoves.set(attempt.id, { deviceId: input.deviceId, socketId, at: repeat ? pending.at : nowMs });
    if (!repeat) {
      await rt.writer.event({ attemptId: attempt.id, type: 'device-blocked', detail: { deviceId: input.deviceId, holder: attempt.device_id, ip: who.actor.ip }, actorId: who.actor.auditId });
      await rt.live.ensure(seat.sitting_id, seat.room_id);
      rt.live.flag(attempt.id, 'device');
      rt.live.deviceBlocked(attempt.id, true);
      rt.live.log(seat.sitting_id, seat.room_id, { at: nowMs, kind: 'device', seatNo: seat.seat_no, text: `${seat.seat_no}号 ${seat.candidate_name}：另一台设备尝试进入考试，已阻止（可由监考员允许换机）`, actor: '系统' });
    }
    throw REFUSALS.deviceBlocked();
  }
  if (attempt.device_id === null) {
    await db.updateTable('attempts').set({ device_id: input.deviceId }).where('id', '=', attempt.id).where('device_id', 'is', null).execute();
  }
  if (!isNew) {
    // Recorded with the next group commit; the candidate does not wait for it.
    rt.writer.event({ attemptId: attempt.id, type: 'reconnected', detail: { deviceId: input.deviceId, ip: who.actor.ip }, actorId: who.actor.auditId }).catch((e: unknown) => rt.deps.log(e));
  }

  // A candidate who was in the lobby when the room opened, or who comes back after the end.
  if (timing.phase === 'lobby' && room.status !== 'scheduled' && room.openedAt !== null) {
    const started = start(timing, room.openedAt, durationMs(seat));
    await db.updateTable('attempts').set(timingColumns(started)).where('id', '=', attempt.id).where('state', '=', 'lobby').execute();
    timing = started;
  }
  if (isOverdue(timing, nowMs, graceMs)) {
    timing = (await closeAttempt(rt, attempt.id, 'timeout', null, '考试时间已到，系统自动交卷')) ?? timing;
  }

  const paper = await rt.papers.get(attempt.paper_id);
  const showPaper = timing.phase === 'answering' || timing.phase === 'paused';
  const answers: SavedAnswer[] = [];
  let maxSeq = 0;
  const responses = isNew ? [] : ((await rt.loaders.answers.get(attempt.id)) ?? []);
  for (const r of responses) {
    const seq = Number(r.seq);
    maxSeq = Math.max(maxSeq, seq);
    if (showPaper) answers.push({ item: r.item_key, seq, value: JSON.parse(r.value_json) as SavedAnswer['value'], flagged: Number(r.flagged) === 1 });
  }
  const notices = recentNotices((await rt.loaders.notices.get(`${seat.sitting_id}:${seat.room_id}`)) ?? [], attempt.id);

  await rt.live.ensure(seat.sitting_id, seat.room_id);
  rt.track(attempt.id, timing, graceMs, nowMs);
  rt.live.placeAttempt({ id: attempt.id, sittingId: seat.sitting_id, roomId: seat.room_id, seatNo: seat.seat_no, timing, paper, violation: attempt.violation_category }, nowMs);
  if (rt.pendingMoves.get(attempt.id)?.deviceId === input.deviceId) {
    rt.pendingMoves.delete(attempt.id);
    rt.live.deviceBlocked(attempt.id, false);
  }
  if (isNew) {
    rt.live.log(seat.sitting_id, seat.room_id, { at: nowMs, kind: 'joined', seatNo: seat.seat_no, text: `${seat.seat_no}号 ${seat.candidate_name} 已签到进入`, actor: '系统' });
  }

  return {
    snapshot: {
      attemptId: attempt.id,
      sitting: sittingView(seat),
      clock: clockView(timing, nowMs, graceMs),
      paperKey: showPaper ? paper.key : null,
      // A client holding this paper also holds its order (derived from paper and seed): send neither again.
      paper: showPaper && input.paperKey !== paper.key ? paper.bytes : null,
      order: showPaper && input.paperKey !== paper.key ? orderView(paper, attempt.seed) : null,
      answers,
      maxSeq,
      notices,
    },
    attemptId: attempt.id,
    sittingId: seat.sitting_id,
    roomId: seat.room_id,
    seatNo: seat.seat_no,
    paper,
    isNew,
  };
}

/**
 * Tell the room's proctor that a late candidate was turned away (live log line, seat flag 迟到) and
 * record it as an incident of the room (on the 考场情况记录单) — once per candidate and sitting, however
 * often they retry.
 */
async function reportLateEntry(rt: RoomRuntime, seat: Seat, openedAt: number, now: Date): Promise<void> {
  const { db } = rt.deps;
  const prefix = `${seat.seat_no}号 `;
  const seen = await db
    .selectFrom('incidents')
    .select('id')
    .where('sitting_id', '=', seat.sitting_id)
    .where('room_id', '=', seat.room_id)
    .where('category', '=', LATE_ENTRY_CATEGORY)
    .where('description', 'like', `${prefix}%`)
    .executeTakeFirst();
  if (seen) return;
  const minutes = Math.floor((now.getTime() - openedAt) / 60_000);
  const description = `${prefix}${seat.candidate_name}（准考证号 ${seat.ticket_no}）${beijingHm(now.getTime())} 到达，开考（${beijingHm(openedAt)}）已超过 15 分钟（迟到 ${minutes} 分钟），按规定不得入场`;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('incidents')
      .values({ sitting_id: seat.sitting_id, room_id: seat.room_id, attempt_id: null, kind: 'incident', category: LATE_ENTRY_CATEGORY, description, action: '不准入场', actor_id: null, at: now.toISOString() })
      .execute();
    await recordAudit(trx, systemActor('room-late-entry'), {
      action: 'room.late-entry', objectType: 'room', objectId: `${seat.sitting_id}:${seat.room_id}`,
      after: { seatNo: seat.seat_no, candidateId: seat.candidate_id, openedAt: new Date(openedAt).toISOString(), minutesLate: minutes, admitted: false },
    }, now);
  });
  await rt.live.ensure(seat.sitting_id, seat.room_id);
  rt.live.lateEntry(seat.sitting_id, seat.room_id, seat.seat_no);
  rt.live.log(seat.sitting_id, seat.room_id, { at: now.getTime(), kind: 'late-entry', seatNo: seat.seat_no, text: `${seat.seat_no}号 ${seat.candidate_name}：迟到超过 15 分钟，已拒绝入场`, actor: '系统' });
}

/** Notices to the room and warnings to this attempt, newest last (a reconnecting candidate sees what they missed). */
function recentNotices(rows: readonly NoticeRow[], attemptId: number): RoomNotice[] {
  return rows
    .filter((r) => r.kind === 'notice' || r.attempt_id === attemptId)
    .slice(0, 10)
    .reverse()
    .map((r) => ({ kind: r.kind as RoomNotice['kind'], message: r.description, at: Date.parse(r.at) }));
}

const SUBMIT_TEXT: Record<SubmitReason, string> = {
  candidate: '考生交卷',
  timeout: '时间到自动交卷',
  proctor: '监考员强制交卷',
  closed: '考场关闭时交卷',
};

/**
 * Submit an attempt with its saved answers (idempotent: an already submitted attempt returns null).
 * `actor` null means the system (sweeper). Audited, evented, pushed to the candidate and the proctor.
 */
export async function closeAttempt(rt: RoomRuntime, attemptId: number, reason: SubmitReason, actor: Actor | null, note: string): Promise<AttemptTiming | null> {
  return (await closeAttempts(rt, [attemptId], reason, actor, note)).get(attemptId) ?? null;
}

/**
 * Submit several attempts in one transaction (the sweeper at the end of a sitting closes a whole room
 * at once: one commit instead of one per candidate). Returns the new timing of each attempt it closed.
 */
export async function closeAttempts(rt: RoomRuntime, attemptIds: readonly number[], reason: SubmitReason, actor: Actor | null, note: string): Promise<Map<number, AttemptTiming>> {
  const { db } = rt.deps;
  const now = rt.deps.now();
  const who = actor ?? systemActor('room-sweeper');
  const eventType = reason === 'candidate' ? 'submitted' : reason === 'timeout' ? 'timeout' : 'force-submitted';
  const closed = await rt.deps.db.transaction().execute(async (trx) => {
    const out = new Map<number, { after: AttemptTiming; graceMs: number }>();
    for (const attemptId of attemptIds) {
      let q = trx.selectFrom('attempts').innerJoin('sittings', 'sittings.id', 'attempts.sitting_id').selectAll('attempts').select('sittings.grace_seconds').where('attempts.id', '=', attemptId);
      if (rt.deps.dialect === 'postgres') q = q.forUpdate();
      const row = await q.executeTakeFirst();
      if (!row) {
        if (attemptIds.length === 1) throw new RoomRefused('NOT_FOUND', '考试记录不存在');
        continue;
      }
      const before = timingOf(row);
      if (before.phase === 'submitted') continue;
      const after = submit(before, now.getTime(), reason);
      await trx.updateTable('attempts').set(timingColumns(after)).where('id', '=', attemptId).execute();
      await trx.insertInto('attempt_events').values({ attempt_id: attemptId, type: eventType, detail_json: JSON.stringify({ reason, note }), actor_id: who.auditId, at: now.toISOString() }).execute();
      await recordAudit(trx, who, { action: 'room.submit', objectType: 'attempt', objectId: attemptId, before: { state: before.phase }, after: { state: 'submitted', reason, note } }, now);
      out.set(attemptId, { after, graceMs: Number(row.grace_seconds) * 1000 });
    }
    return out;
  });
  const result = new Map<number, AttemptTiming>();
  for (const [attemptId, done] of closed) {
    result.set(attemptId, done.after);
    rt.track(attemptId, done.after, done.graceMs, now.getTime());
    rt.emit(rooms.attempt(attemptId), 'attempt:clock', { attemptId, clock: clockView(done.after, now.getTime(), done.graceMs) });
    const seatNo = rt.live.seatNo(attemptId);
    const key = await attemptRoom(db, attemptId);
    if (key) rt.live.log(key.sitting_id, key.room_id, { at: now.getTime(), kind: 'submitted', seatNo, text: `${seatNo ?? ''}号 ${SUBMIT_TEXT[reason]}${reason === 'candidate' ? '' : `：${note}`}`, actor: who.name });
  }
  return result;
}

/** Sitting and room of an attempt (via its candidate's seat). */
export async function attemptRoom(db: Kysely<Database>, attemptId: number) {
  return db
    .selectFrom('attempts')
    .innerJoin('seat_assignments', (j) => j.onRef('seat_assignments.sitting_id', '=', 'attempts.sitting_id').onRef('seat_assignments.candidate_id', '=', 'attempts.candidate_id'))
    .select(['attempts.sitting_id', 'seat_assignments.room_id', 'seat_assignments.seat_no', 'attempts.candidate_id'])
    .where('attempts.id', '=', attemptId)
    .executeTakeFirst();
}

/** The current clock of an attempt, read from the database (heartbeats and acks of state changes). */
export async function readClock(rt: RoomRuntime, attemptId: number) {
  const row = await rt.deps.db
    .selectFrom('attempts')
    .innerJoin('sittings', 'sittings.id', 'attempts.sitting_id')
    .selectAll('attempts')
    .select('sittings.grace_seconds')
    .where('attempts.id', '=', attemptId)
    .executeTakeFirst();
  if (!row) throw new RoomRefused('NOT_FOUND', '考试记录不存在');
  return { row, timing: timingOf(row), clock: clockView(timingOf(row), rt.deps.now().getTime(), Number(row.grace_seconds) * 1000) };
}
