/**
 * The exam room's socket.io handlers (`registerRoomHandlers`, listed in server/realtime/features.ts).
 * Each handler: validate (zod) → check role and ownership → persist → ack → notify. Whatever arrives —
 * a missing ack, a payload of the wrong shape, an event out of order, a flood — the answer is an error
 * ack; nothing throws out of a handler and stored answers never change on a refusal.
 */
import type { z } from 'zod';
import { DomainError } from '../../question-bank/errors';
import type { Actor } from '../auth/actor';
import type { AppDeps } from '../http/context';
import type { IoServer, IoSocket } from '../realtime';
import type { Ack, ClientToServerEvents, Result, RoomSnapshot, SocketData } from '../realtime/contract';
import { roomAccess } from './access';
import { storedAnswer } from './answers';
import { readClock, resumeAttempt, closeAttempt } from './attempt-service';
import { submitReasonFor } from './clock';
import { REFUSALS, RoomRefused } from './errors';
import type { LoadedPaper } from './paper-cache';
import {
  allowMove, broadcastNotice, changeClock, closeRoom, forceSubmit, openRoom, recordIncident, recordViolation, warnCandidate,
} from './proctor-actions';
import { attemptOnly, proctorSchemas, resumeSchema, roomRef, saveSchema, signalSchema, submitSchema } from './schemas';
import { roomRuntime, rooms, type RoomRuntime } from './runtime';

type AckData<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends Ack<infer T> ? T : never;

/** The actor of a socket for the audit trail. */
export function socketActor(d: SocketData): Actor {
  return {
    kind: d.candidateId !== null ? 'candidate' : 'user',
    role: d.role as Actor['role'],
    auditId: d.actorId,
    ip: d.ip,
    userId: d.userId,
    candidateId: d.candidateId,
    seatAssignmentId: d.seatAssignmentId,
    organizationId: d.organizationId,
    name: d.name,
    sessionId: null,
  };
}

/**
 * Token bucket per socket: bursts of 250 events (a client back after a long outage resends its whole
 * outbox — one entry per item — at once), 20 per second sustained.
 */
function rateLimiter(now: () => number) {
  let tokens = 250;
  let last = now();
  return () => {
    const t = now();
    tokens = Math.min(250, tokens + ((t - last) / 1000) * 20);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

const fail = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });

/** Per-socket state of a joined candidate: the attempt and its paper (to check items without a query). */
interface Joined {
  attemptId: number;
  candidateId: number;
  paper: LoadedPaper;
  sittingId: number;
  roomId: number;
}

/** Register the exam room's handlers on one connected socket. */
export function registerRoomHandlers(io: IoServer, socket: IoSocket, deps: AppDeps): void {
  const rt = roomRuntime(deps);
  rt.attach(io);
  const allow = rateLimiter(() => Date.now());
  let joined: Joined | null = null;
  const isCandidate = () => socket.data.role === 'candidate' && socket.data.candidateId !== null && socket.data.seatAssignmentId !== null;

  function on<E extends keyof ClientToServerEvents, S extends z.ZodType>(event: E, schema: S, handler: (input: z.infer<S>) => Promise<AckData<E>>): void {
    (socket.on as (ev: string, fn: (...args: unknown[]) => void) => void)(event, (...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (args.pop() as (r: Result<AckData<E>>) => void) : () => undefined;
      if (!allow()) return ack(fail('RATE_LIMITED', '操作过于频繁，请稍后再试'));
      const parsed = schema.safeParse(args[0]);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        return ack(fail('INVALID_INPUT', `提交的数据格式不正确${first ? `（${first.path.join('.') || '整体'}：${first.message}）` : ''}`));
      }
      handler(parsed.data).then(
        (data) => ack({ ok: true, data }),
        (e: unknown) => {
          if (e instanceof DomainError) return ack(fail(e.code, e.message));
          deps.log(e);
          ack(fail('INTERNAL', '服务器暂时无法处理，请稍后重试'));
        },
      );
    });
  }

  const requireCandidate = () => {
    if (!isCandidate()) throw new RoomRefused('FORBIDDEN', '只有考生可以进行此操作');
  };
  const requireJoined = (attempt: number): Joined => {
    requireCandidate();
    if (!joined) throw REFUSALS.notJoined();
    if (joined.attemptId !== attempt) throw REFUSALS.notYours();
    return joined;
  };

  // ── candidate ───────────────────────────────────────────────────────────────────────────────
  on('attempt:resume', resumeSchema, async (input) => {
    requireCandidate();
    const d = socket.data;
    const j = await resumeAttempt(rt, { actor: socketActor(d), candidateId: d.candidateId!, seatAssignmentId: d.seatAssignmentId! }, input, socket.id);
    const first = joined?.attemptId !== j.attemptId;
    joined = { attemptId: j.attemptId, candidateId: d.candidateId!, paper: j.paper, sittingId: j.sittingId, roomId: j.roomId };
    socket.data.attemptId = j.attemptId;
    socket.data.deviceId = input.deviceId;
    socket.data.liveNode = rt.live.node;
    await socket.join([rooms.attempt(j.attemptId), rooms.candidates(j.sittingId, j.roomId), rooms.sitting(j.sittingId)]);
    if (first) rt.live.presence(j.attemptId, 1, deps.now().getTime());
    // One live window per attempt: an older socket of the same attempt (a stale tab, a half-open connection) gives way.
    for (const other of await io.in(rooms.attempt(j.attemptId)).fetchSockets()) {
      if (other.id === socket.id) continue;
      other.emit('attempt:taken', { reason: other.data.deviceId === input.deviceId ? 'replaced' : 'moved' });
      other.disconnect(true);
    }
    return j.snapshot;
  });

  on('answer:save', saveSchema, async (input) => {
    const j = requireJoined(input.attempt);
    const valueJson = storedAnswer(j.paper, input.item, input.value);
    const out = await rt.writer.save({ attemptId: j.attemptId, candidateId: j.candidateId, item: input.item, seq: input.seq, valueJson, flagged: input.flagged ?? false });
    if (!out.ok) throw out.error;
    return { item: out.item, seq: out.seq, savedAt: out.savedAt };
  });

  on('attempt:heartbeat', attemptOnly, async (input) => {
    const j = requireJoined(input.attempt);
    return { clock: rt.knownClock(j.attemptId) ?? (await readClock(rt, j.attemptId)).clock };
  });

  on('attempt:signal', signalSchema, async (input) => {
    const j = requireJoined(input.attempt);
    await rt.writer.event({ attemptId: j.attemptId, type: input.signal, detail: input.detail ? { detail: input.detail } : {}, actorId: socket.data.actorId });
    rt.live.flag(j.attemptId, input.signal);
    return null;
  });

  on('attempt:submit', submitSchema, async (input) => {
    const j = requireJoined(input.attempt);
    const { timing } = await readClock(rt, j.attemptId);
    if (timing.phase === 'lobby') throw REFUSALS.notStarted();
    if (timing.phase === 'submitted') throw REFUSALS.closed();
    // The client's word "time is up" is believed only when the server clock agrees (a wrong or tampered
    // client clock must not turn a voluntary early submission into a timeout).
    const reason = submitReasonFor(timing, deps.now().getTime(), input.reason);
    const note = reason === 'timeout' ? '考试时间到，客户端自动交卷' : input.reason === 'timeout' ? '客户端报告时间到，但服务器时钟未到，按考生交卷记录' : '考生确认交卷';
    await rt.writer.drain(); // saves already queued by this candidate commit before the submit
    await closeAttempt(rt, j.attemptId, reason, socketActor(socket.data), note);
    return { clock: (await readClock(rt, j.attemptId)).clock };
  });

  // ── proctor and supervisor ──────────────────────────────────────────────────────────────────
  const staff = () => ({ role: socket.data.role, userId: socket.data.userId, organizationId: socket.data.organizationId });

  on('room:watch', roomRef, async (input): Promise<RoomSnapshot> => {
    const access = await roomAccess(deps.db, staff(), input.sitting, input.room, 'view');
    const room = await rt.live.ensure(input.sitting, input.room);
    await socket.join(rooms.watchers(input.sitting, input.room));
    // Several nodes: the snapshot must not show as online the candidates of a node that died since.
    await rt.reconcileRoom(input.sitting, input.room).catch((e: unknown) => deps.log(e));
    return {
      sitting: room.sitting,
      room: { roomId: room.roomId, name: room.name, columns: room.columns, rows: room.rows },
      seats: [...room.seats.values()],
      log: room.log.slice(-100),
      serverNow: deps.now().getTime(),
      canAct: access.canAct,
    };
  });

  on('room:unwatch', roomRef, async (input) => {
    await socket.leave(rooms.watchers(input.sitting, input.room));
    return null;
  });

  const act = async <T extends { sitting: number; room: number }>(input: T, f: (rt: RoomRuntime, actor: Actor) => Promise<{ changed: number }>) => {
    await roomAccess(deps.db, staff(), input.sitting, input.room, 'act');
    const result = await f(rt, socketActor(socket.data));
    rt.flushLive(); // the proctor who acted sees the result at once, not at the next tick
    return result;
  };

  // Open and close act on the proctor's own room only (roomAccess above checked the assignment).
  on('proctor:open', proctorSchemas.open, (i) => act(i, (r, a) => openRoom(r, i.sitting, i.room, a, i.reason)));
  on('proctor:close', proctorSchemas.close, (i) => act(i, (r, a) => closeRoom(r, i, a)));
  on('proctor:notice', proctorSchemas.notice, (i) => act(i, (r, a) => broadcastNotice(r, i, a)));
  on('proctor:warn', proctorSchemas.warn, (i) => act(i, (r, a) => warnCandidate(r, i, a)));
  on('proctor:pause', proctorSchemas.pause, (i) => act(i, (r, a) => changeClock(r, 'pause', i, a)));
  on('proctor:resume', proctorSchemas.resume, (i) => act(i, (r, a) => changeClock(r, 'resume', i, a)));
  on('proctor:extend', proctorSchemas.extend, (i) => act(i, (r, a) => changeClock(r, 'extend', i, a)));
  on('proctor:force-submit', proctorSchemas.forceSubmit, (i) => act(i, (r, a) => forceSubmit(r, i, a)));
  on('proctor:allow-move', proctorSchemas.allowMove, (i) => act(i, (r, a) => allowMove(r, i, a)));
  on('proctor:violation', proctorSchemas.violation, (i) => act(i, (r, a) => recordViolation(r, i, a)));
  on('proctor:incident', proctorSchemas.incident, (i) => act(i, (r, a) => recordIncident(r, i, a)));

  socket.on('disconnect', (reason) => {
    if (!joined) return;
    const id = joined.attemptId;
    rt.live.presence(id, -1, deps.now().getTime());
    rt.writer.event({ attemptId: id, type: 'disconnected', detail: { reason }, actorId: socket.data.actorId }).catch((e: unknown) => {
      if (io.httpServer?.listening !== false) deps.log(e);
    });
  });
}
