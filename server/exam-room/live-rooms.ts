/**
 * The live room view kept in memory: one `SeatLive` per seat, updated incrementally by the handlers
 * after each commit, and loaded from the database the first time a room is needed (so a restarted
 * server rebuilds it). Changed seats are collected and pushed to watchers about once a second.
 *
 * Several nodes (Redis adapter): every change is a `LiveDelta` (contract.ts), applied where it happened
 * and handed to `publishTo` — the runtime sends it to the other nodes (`serverSideEmit`), which apply it
 * with `applyRemote` without sending it on. So every node holds the same view whatever node a candidate
 * or a proctor is on, and each node pushes only to the watchers connected to itself. Presence is counted
 * per node (absolute counts, not ±1), and `reconcile` corrects the other nodes' counts from the sockets
 * the adapter can still see, so the candidates of a node that died go offline. On a single node nothing
 * is published: a change costs what it always did.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { LiveDelta, RoomLogEntry, SeatFlag, SeatLive, SittingLive } from '../realtime/contract';
import type { AttemptTiming } from './clock';
import { remainingMs, scheduledStart, timingOf } from './clock';
import type { LoadedPaper, PaperCache } from './paper-cache';
import { isAnswered } from './answer-writer';
import { roomRow, roomStateOf, type RoomState } from './room-state';

/** Incident category of a candidate refused for arriving more than 15 minutes after the room opened. */
export const LATE_ENTRY_CATEGORY = '迟到不得入场';

const SIGNAL_TYPES: SeatFlag[] = ['blur', 'hidden', 'fullscreen-exit', 'copy', 'paste', 'cut', 'print', 'contextmenu'];
const LOG_KEEP = 200;

/** One room of one sitting, live. */
export interface LiveRoom {
  sittingId: number;
  roomId: number;
  name: string;
  columns: number;
  /** Seats per column (capacity ÷ columns, rounded up): seats run front to back, then the next column. */
  rows: number;
  sitting: SittingLive;
  seats: Map<number, SeatLive>;
  seatOf: Map<number, number>;
  bits: Map<number, { paper: LoadedPaper; answered: Uint8Array }>;
  log: RoomLogEntry[];
  dirty: Set<number>;
  newLog: RoomLogEntry[];
  sittingDirty: boolean;
}

/** Sockets of one attempt per node (`v`: when this node last learnt the count, see `reconcile`), and since when it is offline. */
interface Presence {
  nodes: Map<string, { sockets: number; v: number }>;
  offlineSince: number | null;
}

const roomKey = (sittingId: number, roomId: number) => `${sittingId}:${roomId}`;
const total = (p: Presence | undefined): number => {
  let n = 0;
  for (const e of p?.nodes.values() ?? []) n += e.sockets;
  return n;
};

/** Sitting row and the room's own state → the proctor's view of the room (status and times are the room's). */
export function sittingLive(s: {
  id: number; date: string; start_time: string; duration_min: number;
  grace_seconds: number; component: string; venue: string; batch_name?: string;
}, room: RoomState): SittingLive {
  return {
    sittingId: s.id,
    status: room.status,
    scheduledStart: scheduledStart(s.date, s.start_time),
    durationMin: Number(s.duration_min),
    openedAt: room.openedAt,
    closedAt: room.closedAt,
    graceSeconds: Number(s.grace_seconds),
    component: s.component,
    venue: s.venue,
    title: s.batch_name ?? '',
  };
}

/** Where a node's own live changes go besides itself (the other nodes); null on a single node. */
export type LivePublish = (delta: LiveDelta) => void;

/** In-memory state of every room that was needed since start. */
export class LiveRooms {
  readonly #rooms = new Map<string, LiveRoom>();
  readonly #loading = new Map<string, Promise<LiveRoom>>();
  readonly #backlog = new Map<string, ((r: LiveRoom) => void)[]>();
  readonly #byAttempt = new Map<number, string>();
  readonly #presence = new Map<number, Presence>();
  #publish: LivePublish | null = null;
  /** Counts every presence change learnt; `reconcile` keeps counts learnt after its fetch began. */
  #version = 0;
  /** Changes from other nodes, applied one after another in the order they were sent. */
  #inbox: Promise<void> = Promise.resolve();

  /**
   * `node` names this process among the nodes behind the adapter (presence is counted per node, so the
   * sockets of a node that died can be dropped). Example: `new LiveRooms(db, papers, () => new Date())`.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly papers: PaperCache,
    private readonly now: () => Date,
    readonly node: string = randomUUID(),
  ) {}

  /**
   * Also hand every later change made on this node to `publish` (the runtime sends them to the other
   * nodes). Never set on a single node: there a change costs no more than applying it.
   */
  publishTo(publish: LivePublish | null): void {
    this.#publish = publish;
  }

  /** A presence version before a fetch of the sockets (pass it to `reconcile`). */
  version(): number {
    return this.#version;
  }

  /** The room, loading it from the database on first use. */
  ensure(sittingId: number, roomId: number): Promise<LiveRoom> {
    const key = roomKey(sittingId, roomId);
    const have = this.#rooms.get(key);
    if (have) return Promise.resolve(have);
    let p = this.#loading.get(key);
    if (!p) {
      this.#backlog.set(key, []);
      p = this.#load(sittingId, roomId).then(
        (room) => {
          this.#rooms.set(key, room);
          this.#loading.delete(key);
          for (const f of this.#backlog.get(key) ?? []) f(room);
          this.#backlog.delete(key);
          return room;
        },
        (e) => {
          this.#loading.delete(key);
          this.#backlog.delete(key);
          throw e;
        },
      );
      this.#loading.set(key, p);
    }
    return p;
  }

  /** Apply `f` to the room of an attempt now if loaded, after loading if a load is under way; otherwise skip (a later load reads the database). */
  #withAttempt(attemptId: number, f: (room: LiveRoom, seat: SeatLive) => void): void {
    const key = this.#byAttempt.get(attemptId);
    if (!key) return;
    this.#withRoom(key, (room) => {
      const seatNo = room.seatOf.get(attemptId);
      const seat = seatNo === undefined ? undefined : room.seats.get(seatNo);
      if (seat) {
        f(room, seat);
        room.dirty.add(seat.seatNo);
      }
    });
  }

  #withRoom(key: string, f: (room: LiveRoom) => void): void {
    const room = this.#rooms.get(key);
    if (room) return f(room);
    this.#backlog.get(key)?.push(f);
  }

  /** Apply a change made on this node and hand it to the other nodes. */
  #local(d: LiveDelta): void {
    this.#apply(d);
    this.#publish?.(d);
  }

  /**
   * Changes made on another node (`from`): applied here in order, never sent on. A `place` of an
   * attempt this node has not seen waits for its paper (cached); later changes queue behind it.
   */
  applyRemote(from: string, deltas: readonly LiveDelta[]): Promise<void> {
    if (from === this.node) return this.#inbox;
    this.#inbox = this.#inbox.then(async () => {
      for (const d of deltas) {
        if (d.kind === 'place') {
          const key = roomKey(d.sittingId, d.roomId);
          this.#byAttempt.set(d.attemptId, key);
          if (!this.#rooms.has(key) && !this.#loading.has(key)) continue;
          this.#place(d, await this.papers.get(d.paperId));
        } else this.#apply(d);
      }
    });
    return this.#inbox;
  }

  /** Link an attempt to its seat (after create/resume) and copy its state. */
  placeAttempt(a: { id: number; sittingId: number; roomId: number; seatNo: number; timing: AttemptTiming; paper: LoadedPaper; violation: string | null }, _now: number): void {
    const d: Extract<LiveDelta, { kind: 'place' }> = {
      kind: 'place', attemptId: a.id, sittingId: a.sittingId, roomId: a.roomId, seatNo: a.seatNo, paperId: a.paper.paperId, timing: a.timing, violation: a.violation,
    };
    this.#place(d, a.paper);
    this.#publish?.(d);
  }

  #place(a: Extract<LiveDelta, { kind: 'place' }>, paper: LoadedPaper): void {
    const key = roomKey(a.sittingId, a.roomId);
    this.#byAttempt.set(a.attemptId, key);
    this.#withRoom(key, (room) => {
      const seat = room.seats.get(a.seatNo);
      if (!seat) return;
      room.seatOf.set(a.attemptId, a.seatNo);
      if (!room.bits.has(a.attemptId)) room.bits.set(a.attemptId, { paper, answered: new Uint8Array(paper.paper.items.length) });
      seat.attemptId = a.attemptId;
      seat.total = paper.paper.items.length;
      seat.violation = a.violation;
      applyTiming(seat, a.timing, this.now().getTime());
      const pr = this.#presence.get(a.attemptId);
      seat.online = total(pr) > 0;
      seat.offlineSince = seat.online ? null : (pr?.offlineSince ?? seat.offlineSince);
      room.dirty.add(a.seatNo);
    });
  }

  /** A phase/clock change of an attempt (pause, extension, submit …); `graceMs` travels with it for the other nodes' heartbeats. */
  timing(attemptId: number, t: AttemptTiming, _now: number, graceMs: number): void {
    this.#local({ kind: 'timing', attemptId, timing: t, graceMs });
  }

  /** A committed answer: update the answered count. */
  answered(attemptId: number, item: string, valueJson: string): void {
    this.#local({ kind: 'answered', attemptId, item, answered: isAnswered(valueJson) });
  }

  /** A socket of the attempt connected (+1) or disconnected (−1) on this node. */
  presence(attemptId: number, delta: 1 | -1, now: number): void {
    const mine = this.#presence.get(attemptId)?.nodes.get(this.node)?.sockets ?? 0;
    this.#local({ kind: 'presence', attemptId, node: this.node, sockets: Math.max(0, mine + delta), at: now });
  }

  /** Count one flag (behaviour signal, blocked device, late save). */
  flag(attemptId: number, flag: SeatFlag): void {
    this.#local({ kind: 'flag', attemptId, flag });
  }

  deviceBlocked(attemptId: number, blocked: boolean): void {
    this.#local({ kind: 'device-blocked', attemptId, blocked });
  }

  warned(attemptId: number): void {
    this.#local({ kind: 'warned', attemptId });
  }

  violation(attemptId: number, category: string): void {
    this.#local({ kind: 'violation', attemptId, category });
  }

  /** Append a log line to a room (incidents, notices, actions). */
  log(sittingId: number, roomId: number, entry: RoomLogEntry): void {
    this.#local({ kind: 'log', sittingId, roomId, entry });
  }

  /** One room opened or closed: only that room's view changes (other rooms of the sitting keep their own state). */
  roomState(sittingId: number, roomId: number, state: RoomState): void {
    this.#local({ kind: 'room-state', sittingId, roomId, status: state.status, openedAt: state.openedAt, closedAt: state.closedAt });
  }

  /** A first arrival was refused as late: the seat shows it (the candidate has no attempt). */
  lateEntry(sittingId: number, roomId: number, seatNo: number): void {
    this.#local({ kind: 'late-entry', sittingId, roomId, seatNo });
  }

  /** One change, wherever it was made (`place` goes through `#place`: it needs the paper). */
  #apply(d: LiveDelta): void {
    switch (d.kind) {
      case 'place':
        return; // see applyRemote / placeAttempt
      case 'timing':
        return this.#withAttempt(d.attemptId, (_room, seat) => applyTiming(seat, d.timing, this.now().getTime()));
      case 'answered':
        return this.#withAttempt(d.attemptId, (room, seat) => {
          const b = room.bits.get(d.attemptId);
          const i = b?.paper.index.get(d.item);
          if (!b || i === undefined) return;
          const now = d.answered ? 1 : 0;
          if (b.answered[i] !== now) {
            b.answered[i] = now;
            seat.answered += now ? 1 : -1;
          }
        });
      case 'presence': {
        const p = this.#presence.get(d.attemptId) ?? { nodes: new Map(), offlineSince: null };
        const was = total(p);
        if (d.sockets > 0) p.nodes.set(d.node, { sockets: d.sockets, v: ++this.#version });
        else p.nodes.delete(d.node);
        if (total(p) > 0) p.offlineSince = null;
        else if (was > 0 || p.offlineSince === null || d.node === this.node) p.offlineSince = d.at;
        this.#presence.set(d.attemptId, p);
        return this.#withAttempt(d.attemptId, (_room, seat) => {
          seat.online = total(p) > 0;
          seat.offlineSince = p.offlineSince;
        });
      }
      case 'flag':
        return this.#withAttempt(d.attemptId, (_room, seat) => {
          seat.flags[d.flag] = (seat.flags[d.flag] ?? 0) + 1;
        });
      case 'device-blocked':
        return this.#withAttempt(d.attemptId, (_room, seat) => {
          seat.deviceBlocked = d.blocked;
        });
      case 'warned':
        return this.#withAttempt(d.attemptId, (_room, seat) => {
          seat.warnings += 1;
        });
      case 'violation':
        return this.#withAttempt(d.attemptId, (_room, seat) => {
          seat.violation = d.category;
        });
      case 'log':
        return this.#withRoom(roomKey(d.sittingId, d.roomId), (room) => {
          room.log.push(d.entry);
          if (room.log.length > LOG_KEEP) room.log.splice(0, room.log.length - LOG_KEEP);
          room.newLog.push(d.entry);
        });
      case 'room-state':
        return this.#withRoom(roomKey(d.sittingId, d.roomId), (room) => {
          room.sitting = { ...room.sitting, status: d.status, openedAt: d.openedAt, closedAt: d.closedAt };
          room.sittingDirty = true;
        });
      case 'late-entry':
        return this.#withRoom(roomKey(d.sittingId, d.roomId), (room) => {
          const seat = room.seats.get(d.seatNo);
          if (!seat) return;
          seat.flags['late-entry'] = (seat.flags['late-entry'] ?? 0) + 1;
          room.dirty.add(d.seatNo);
        });
      default: {
        const never: never = d;
        throw new Error(`unknown live change ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * Correct the other nodes' presence counts of a loaded room from its candidate sockets as fetched
   * across every node (`io.in(room).fetchSockets()`): a node that died sent no "offline", and its
   * candidates would otherwise stay online forever. This node's own count is kept (it is exact), and so
   * is any count learnt after `since` (a change that raced the fetch). A seat that goes offline here
   * is offline since `now`. Returns how many seats changed.
   * Example: `const v = live.version(); live.reconcile(s, r, await fetch(), v, Date.now())`.
   */
  reconcile(sittingId: number, roomId: number, sockets: readonly { attemptId: number; node: string }[], since: number, now: number): number {
    const room = this.#rooms.get(roomKey(sittingId, roomId));
    if (!room) return 0;
    const seen = new Map<number, Map<string, number>>();
    for (const s of sockets) {
      if (s.node === this.node) continue;
      const m = seen.get(s.attemptId) ?? new Map<string, number>();
      m.set(s.node, (m.get(s.node) ?? 0) + 1);
      seen.set(s.attemptId, m);
    }
    let changed = 0;
    for (const [attemptId, seatNo] of room.seatOf) {
      const p = this.#presence.get(attemptId) ?? { nodes: new Map(), offlineSince: null };
      const was = total(p);
      for (const [node, e] of p.nodes) if (node !== this.node && e.v <= since) p.nodes.delete(node);
      for (const [node, n] of seen.get(attemptId) ?? []) {
        const have = p.nodes.get(node);
        if (!have || have.v <= since) p.nodes.set(node, { sockets: n, v: have?.v ?? since });
      }
      const is = total(p);
      if (is === was) continue;
      if (is > 0) p.offlineSince = null;
      else p.offlineSince = now;
      this.#presence.set(attemptId, p);
      const seat = room.seats.get(seatNo);
      if (!seat) continue;
      seat.online = is > 0;
      seat.offlineSince = p.offlineSince;
      room.dirty.add(seatNo);
      changed++;
    }
    return changed;
  }

  /** Seat number of an attempt in its room, if known. */
  seatNo(attemptId: number): number | null {
    const key = this.#byAttempt.get(attemptId);
    const room = key ? this.#rooms.get(key) : undefined;
    return room?.seatOf.get(attemptId) ?? null;
  }

  /** Loaded room, if any. */
  get(sittingId: number, roomId: number): LiveRoom | undefined {
    return this.#rooms.get(roomKey(sittingId, roomId));
  }

  /** Every loaded room. */
  rooms(): IterableIterator<LiveRoom> {
    return this.#rooms.values();
  }

  /** Seats that changed since the last call (and clear the marks). */
  takeChanges(room: LiveRoom): { seats: SeatLive[]; log: RoomLogEntry[]; sitting: boolean } {
    const seats = [...room.dirty].map((n) => room.seats.get(n)!).filter(Boolean);
    room.dirty.clear();
    const log = room.newLog.splice(0);
    const sitting = room.sittingDirty;
    room.sittingDirty = false;
    return { seats, log, sitting };
  }

  /** Build a room from the database: seats, attempts, answered counts, flags and the incident log. */
  async #load(sittingId: number, roomId: number): Promise<LiveRoom> {
    const db = this.db;
    const s = await db
      .selectFrom('sittings')
      .innerJoin('batches', 'batches.id', 'sittings.batch_id')
      .select(['sittings.id', 'sittings.status', 'sittings.date', 'sittings.start_time', 'sittings.duration_min', 'sittings.opened_at', 'sittings.closed_at',
        'sittings.grace_seconds', 'sittings.component', 'sittings.venue', 'batches.name as batch_name', 'sittings.batch_id'])
      .where('sittings.id', '=', sittingId)
      .executeTakeFirstOrThrow();
    const r = await db.selectFrom('rooms').select(['id', 'name', 'columns', 'capacity']).where('id', '=', roomId).executeTakeFirstOrThrow();
    const state = roomStateOf(await roomRow(db, sittingId, roomId), s.status);
    const seatRows = await db
      .selectFrom('seat_assignments')
      .innerJoin('candidates', 'candidates.id', 'seat_assignments.candidate_id')
      .select(['seat_assignments.seat_no', 'seat_assignments.ticket_no', 'candidates.id as candidate_id', 'candidates.name'])
      .where('seat_assignments.sitting_id', '=', sittingId)
      .where('seat_assignments.room_id', '=', roomId)
      .orderBy('seat_assignments.seat_no')
      .execute();
    const room: LiveRoom = {
      sittingId, roomId, name: r.name, columns: Number(r.columns) || 5,
      rows: Math.max(1, Math.ceil(Number(r.capacity) / (Number(r.columns) || 5))), sitting: sittingLive(s, state),
      seats: new Map(), seatOf: new Map(), bits: new Map(), log: [], dirty: new Set(), newLog: [], sittingDirty: false,
    };
    const seatByCandidate = new Map<number, number>();
    for (const row of seatRows) {
      seatByCandidate.set(row.candidate_id, row.seat_no);
      room.seats.set(row.seat_no, {
        seatNo: row.seat_no, candidateName: row.name, ticketNo: row.ticket_no, attemptId: null, phase: 'absent', online: false,
        offlineSince: null, answered: 0, total: 0, endsAt: null, remainingMs: null, flags: {}, deviceBlocked: false, violation: null,
        warnings: 0, submitReason: null,
      });
    }
    const candidateIds = [...seatByCandidate.keys()];
    const attempts = candidateIds.length
      ? await db.selectFrom('attempts').selectAll().where('sitting_id', '=', sittingId).where('candidate_id', 'in', candidateIds).execute()
      : [];
    const now = this.now().getTime();
    for (const a of attempts) {
      const seatNo = seatByCandidate.get(a.candidate_id)!;
      const seat = room.seats.get(seatNo)!;
      const paper = await this.papers.get(a.paper_id);
      room.seatOf.set(a.id, seatNo);
      this.#byAttempt.set(a.id, roomKey(sittingId, roomId));
      room.bits.set(a.id, { paper, answered: new Uint8Array(paper.paper.items.length) });
      seat.attemptId = a.id;
      seat.total = paper.paper.items.length;
      seat.violation = a.violation_category;
      applyTiming(seat, timingOf(a), now);
      const pr = this.#presence.get(a.id);
      seat.online = total(pr) > 0;
      seat.offlineSince = seat.online ? null : (pr?.offlineSince ?? (a.last_seen_at ? Date.parse(a.last_seen_at) : null));
    }
    const ids = attempts.map((a) => a.id);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const responses = await db.selectFrom('responses').select(['attempt_id', 'item_key', 'value_json']).where('attempt_id', 'in', chunk).execute();
      for (const resp of responses) {
        const b = room.bits.get(resp.attempt_id);
        const idx = b?.paper.index.get(resp.item_key);
        if (!b || idx === undefined || !isAnswered(resp.value_json)) continue;
        b.answered[idx] = 1;
        room.seats.get(room.seatOf.get(resp.attempt_id)!)!.answered += 1;
      }
      const events = await db
        .selectFrom('attempt_events')
        .select((eb) => ['attempt_id', 'type', eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
        .where('attempt_id', 'in', chunk)
        .groupBy(['attempt_id', 'type'])
        .execute();
      const lastAt = new Map<string, string>();
      for (const e of events) {
        const seat = room.seats.get(room.seatOf.get(e.attempt_id)!)!;
        const n = Number(e.n);
        lastAt.set(`${e.attempt_id}:${e.type}`, String(e.last));
        if ((SIGNAL_TYPES as string[]).includes(e.type)) seat.flags[e.type as SeatFlag] = n;
        else if (e.type === 'device-blocked') seat.flags.device = n;
        else if (e.type === 'late-save-refused') seat.flags['late-save'] = n;
        else if (e.type === 'warned') seat.warnings = n;
        else if (e.type === 'disconnected' && !seat.online) seat.offlineSince = Date.parse(String(e.last));
      }
      for (const id of chunk) {
        const blocked = lastAt.get(`${id}:device-blocked`);
        const moved = lastAt.get(`${id}:device-moved`);
        const seat = room.seats.get(room.seatOf.get(id)!)!;
        seat.deviceBlocked = !!blocked && (!moved || moved < blocked) && seat.phase !== 'submitted';
      }
    }
    const incidents = await db
      .selectFrom('incidents')
      .select(['at', 'kind', 'category', 'description', 'attempt_id', 'actor_id'])
      .where('sitting_id', '=', sittingId)
      .where('room_id', '=', roomId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(LOG_KEEP)
      .execute();
    for (const i of incidents) {
      // Late arrivals have no attempt: their seat is named at the start of the incident (see attempt-service).
      const late = i.category === LATE_ENTRY_CATEGORY ? /^(\d+)号/.exec(i.description) : null;
      const seat = late ? room.seats.get(Number(late[1])) : undefined;
      if (seat) seat.flags['late-entry'] = (seat.flags['late-entry'] ?? 0) + 1;
    }
    room.log = incidents.reverse().map((i) => ({
      at: Date.parse(i.at),
      kind: i.kind,
      seatNo: i.attempt_id === null ? null : (room.seatOf.get(i.attempt_id) ?? null),
      text: i.category ? `${i.category}：${i.description}` : i.description,
      actor: i.actor_id === null ? '系统' : `user:${i.actor_id}`,
    }));
    return room;
  }
}

/** Copy an attempt's phase and clock onto its seat. */
function applyTiming(seat: SeatLive, t: AttemptTiming, now: number): void {
  seat.phase = t.phase;
  seat.endsAt = t.endsAt;
  seat.remainingMs = remainingMs(t, now);
  seat.submitReason = t.submitReason;
  if (t.phase === 'submitted') seat.deviceBlocked = false;
}
