/**
 * One exam-room runtime per server (keyed by its `AppDeps`), shared by the socket handlers and the HTTP
 * routes: the paper cache, the group-commit writer, the live rooms, devices waiting for a move, and the
 * once-a-second tick that pushes seat changes to proctors and runs the sweeper.
 *
 * The tick starts with the first socket connection (the realtime layer hands us `io` there) and stops
 * when the HTTP server closes; `tick()` can also be called directly (tests with a controlled clock).
 *
 * Several nodes (`REDIS_URL`): live changes are batched per turn of the event loop and sent to the
 * other nodes (`room:live`, server-side only); changes from them are applied to this node's live rooms
 * (and to the clocks its heartbeats answer from). Presence of watched rooms is reconciled with the
 * sockets of every node every `reconcileMs` and when a proctor starts watching.
 */
import type { AppDeps } from '../http/context';
import type { IoServer } from '../realtime';
import type { AttemptClock, LiveDelta, ServerToClientEvents } from '../realtime/contract';
import { clockView, type AttemptTiming } from './clock';
import { AnswerWriter } from './answer-writer';
import { LiveRooms } from './live-rooms';
import { PaperCache } from './paper-cache';
import { sweep } from './sweeper';
import { ResumeLoaders } from './resume-loaders';

/** A device that was refused because the attempt runs elsewhere; the proctor may allow it. */
export interface PendingMove {
  deviceId: string;
  socketId: string | null;
  at: number;
}

/** Socket.io room names, in one place. */
export const rooms = {
  attempt: (attemptId: number) => `att:${attemptId}`,
  candidates: (sittingId: number, roomId: number) => `cand:${sittingId}:${roomId}`,
  sitting: (sittingId: number) => `sit:${sittingId}`,
  watchers: (sittingId: number, roomId: number) => `watch:${sittingId}:${roomId}`,
} as const;

type Emit = <E extends keyof ServerToClientEvents>(room: string, event: E, ...args: Parameters<ServerToClientEvents[E]>) => void;

/** Shared state of the exam room in one server process (see the module comment). */
export class RoomRuntime {
  readonly papers: PaperCache;
  readonly writer: AnswerWriter;
  readonly live: LiveRooms;
  readonly loaders: ResumeLoaders;
  readonly pendingMoves = new Map<number, PendingMove>();
  /** Last known clock of each attempt this process changed or joined (heartbeats answer from it). */
  readonly #timings = new Map<number, { timing: AttemptTiming; graceMs: number }>();
  io: IoServer | null = null;
  #timer: NodeJS.Timeout | null = null;
  #ticking = false;
  /** Work the tick runs after pushing changes (the sweeper registers itself here). */
  readonly periodic: ((rt: RoomRuntime) => Promise<void>)[] = [sweep];
  /** Other nodes share the sockets (Redis adapter): live changes must travel between nodes. */
  readonly multiNode: boolean;
  #reconciler: NodeJS.Timeout | null = null;
  /** Live changes of this turn of the event loop, sent to the other nodes in one message. */
  #outbox: LiveDelta[] = [];

  constructor(readonly deps: AppDeps) {
    this.multiNode = deps.config.redisUrl !== null;
    this.papers = new PaperCache(deps.db);
    this.live = new LiveRooms(deps.db, this.papers, deps.now);
    this.loaders = new ResumeLoaders(deps.db);
    this.writer = AnswerWriter.for(deps.db, deps.dialect, deps.config.sqlitePath, deps.now, {
      onApplied: (attemptId, item, valueJson) => this.live.answered(attemptId, item, valueJson),
      onLateSave: (attemptId) => this.live.flag(attemptId, 'late-save'),
      log: deps.log,
    });
  }

  /**
   * Record an attempt's new timing: the live room and the heartbeat answer follow it. Heartbeats are
   * ≈ 300/s with 3,000 candidates; answering them from memory instead of a query each keeps the event
   * loop free. Saves are still decided on the committed row, never on this copy.
   */
  track(attemptId: number, timing: AttemptTiming, graceMs: number, now: number): void {
    this.#timings.set(attemptId, { timing, graceMs });
    this.live.timing(attemptId, timing, now, graceMs);
  }

  /** The clock of an attempt from memory, if this process knows it. */
  knownClock(attemptId: number): AttemptClock | null {
    const t = this.#timings.get(attemptId);
    return t ? clockView(t.timing, this.deps.now().getTime(), t.graceMs) : null;
  }

  /** Typed emit to a socket.io room; before realtime is attached it goes through the untyped bridge. */
  readonly emit: Emit = (room, event, ...args) => {
    // Live changes made before this event reach the other nodes before it does (same Redis connection,
    // in order): a candidate told of a pause there, whose next heartbeat is answered there, gets the paused clock.
    if (this.#outbox.length) this.#sendOutbox();
    if (this.io) this.io.to(room).emit(event, ...args);
    else this.deps.events.emit(room, event, args[0]);
  };

  /**
   * Called with `io` on every connection; starts the tick once and stops it when the server closes.
   * With several nodes it also joins the live view to theirs (see the module comment); `reconcileMs`
   * is how often watched rooms' presence is checked against every node's sockets (10 s; tests shorten it).
   */
  attach(io: IoServer, periodMs = 1000, opts: { reconcileMs?: number } = {}): void {
    if (this.io === io) return;
    this.io = io;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = setInterval(() => void this.tick(), periodMs);
    this.#timer.unref();
    if (this.multiNode) {
      this.live.publishTo((d) => {
        if (this.#outbox.push(d) === 1) setImmediate(() => this.#sendOutbox());
      });
      io.on('room:live', (from, deltas) => {
        for (const d of deltas) {
          // A candidate of this node whose clock the proctor changed elsewhere: heartbeats must answer the new one.
          if (d.kind === 'timing' && this.#timings.has(d.attemptId)) this.#timings.set(d.attemptId, { timing: d.timing, graceMs: d.graceMs });
        }
        this.live.applyRemote(from, deltas).catch((e: unknown) => this.deps.log(e));
      });
      if (this.#reconciler) clearInterval(this.#reconciler);
      this.#reconciler = setInterval(() => void this.reconcileWatched(), opts.reconcileMs ?? 10_000);
      this.#reconciler.unref();
    }
    io.httpServer?.once('close', () => void this.stop());
  }

  #sendOutbox(): void {
    const batch = this.#outbox;
    this.#outbox = [];
    if (batch.length && this.io) this.io.serverSideEmit('room:live', this.live.node, batch);
  }

  /**
   * Several nodes: correct the presence of one loaded room from the candidate sockets of every node
   * (a node that died never said its candidates left). Does nothing on a single node. Rejects when the
   * adapter cannot ask the other nodes (Redis down, a node not answering in time).
   */
  async reconcileRoom(sittingId: number, roomId: number): Promise<void> {
    if (!this.multiNode || !this.io) return;
    const since = this.live.version();
    const sockets = await this.io.in(rooms.candidates(sittingId, roomId)).fetchSockets();
    const found: { attemptId: number; node: string }[] = [];
    for (const s of sockets) if (s.data.attemptId) found.push({ attemptId: s.data.attemptId, node: s.data.liveNode ?? 'unknown' });
    this.live.reconcile(sittingId, roomId, found, since, this.deps.now().getTime());
  }

  /** Reconcile every loaded room that somebody on this node is watching (the others wait for their next `room:watch`). */
  async reconcileWatched(): Promise<void> {
    if (!this.io) return;
    for (const room of [...this.live.rooms()]) {
      if (!this.io.sockets.adapter.rooms.get(rooms.watchers(room.sittingId, room.roomId))?.size) continue;
      try {
        await this.reconcileRoom(room.sittingId, room.roomId);
      } catch (e) {
        if (this.io.httpServer?.listening !== false) this.deps.log(e);
      }
    }
  }

  /** Stop the tick and the writer (queued saves are committed first). */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    if (this.#reconciler) clearInterval(this.#reconciler);
    this.#reconciler = null;
    await this.writer.close();
  }

  /** Push changed seats to watchers, then run periodic work (sweeper). Never throws. */
  async tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      this.flushLive();
      for (const job of this.periodic) await job(this);
      this.flushLive();
    } catch (e) {
      if (this.io?.httpServer?.listening !== false) this.deps.log(e);
    } finally {
      this.#ticking = false;
    }
  }

  /**
   * Send every room's changes since the last flush to its watchers ON THIS NODE (`io.local`): every node
   * holds the whole view and flushes to its own watchers, so a proctor gets each change once.
   */
  flushLive(): void {
    const now = this.deps.now().getTime();
    for (const room of this.live.rooms()) {
      const changes = this.live.takeChanges(room);
      const watchers = rooms.watchers(room.sittingId, room.roomId);
      if (this.io && !this.io.sockets.adapter.rooms.get(watchers)?.size) continue;
      const emit: Emit = this.io ? (r, event, ...args) => this.io!.local.to(r).emit(event, ...args) : this.emit;
      if (changes.sitting) emit(watchers, 'room:sitting', { room: room.roomId, sitting: room.sitting });
      if (changes.seats.length) emit(watchers, 'room:seats', { sitting: room.sittingId, room: room.roomId, seats: changes.seats, serverNow: now });
      if (changes.log.length) emit(watchers, 'room:log', { sitting: room.sittingId, room: room.roomId, entries: changes.log });
    }
  }
}

const runtimes = new WeakMap<AppDeps, RoomRuntime>();

/** The runtime of a server (created on first use). Example: `roomRuntime(deps).writer.save(…)`. */
export function roomRuntime(deps: AppDeps): RoomRuntime {
  let rt = runtimes.get(deps);
  if (!rt) {
    rt = new RoomRuntime(deps);
    runtimes.set(deps, rt);
  }
  return rt;
}
