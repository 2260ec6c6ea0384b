/**
 * The typed socket.io contract shared by server and client (the client imports these types only).
 * Event names are `area:verb`. Every client→server event takes an ack `(result: Result<T>) => void`.
 */

/** Ack payload of every client→server event. `code` is a stable error code, `message` Chinese. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export type Ack<T> = (result: Result<T>) => void;

// ───────────────────────────── smart exam room: shared shapes ─────────────────────────────

/**
 * Error codes of the exam room acks. Retryable ones (`ATTEMPT_PAUSED`, `RATE_LIMITED`, `INTERNAL`) keep
 * an answer in the client's outbox; the others are final for that message.
 */
export type RoomErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'NO_SEAT'
  | 'NO_PAPER'
  | 'NOT_JOINED'
  | 'NOT_YOUR_ATTEMPT'
  | 'UNKNOWN_ITEM'
  | 'INVALID_ANSWER'
  | 'ATTEMPT_NOT_STARTED'
  | 'ATTEMPT_PAUSED'
  | 'ATTEMPT_CLOSED'
  | 'TIME_OVER'
  | 'STALE_SEQ'
  /** The stored seq of an item arrived with a different answer: the stored one stays (final, not retryable). */
  | 'SEQ_CONFLICT'
  | 'DEVICE_BLOCKED'
  | 'SEB_REQUIRED'
  | 'SITTING_CLOSED'
  /** First arrival more than 15 minutes after the candidate's room opened (domain §4: no entry). */
  | 'LATE_ENTRY'
  | 'STATE_CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL';

/** An attempt's life: waiting in the lobby, answering, paused by the proctor, submitted (final). */
export type AttemptPhase = 'lobby' | 'answering' | 'paused' | 'submitted';

/** Why an attempt was submitted. */
export type SubmitReason = 'candidate' | 'timeout' | 'proctor' | 'closed';

/** Theory item types (mirrors `question-bank` `ItemType`). */
export type RoomItemType = 'judge' | 'single' | 'multi' | 'subjective';

/** A response as stored: chosen option labels (canonical, not display letters) or free text. */
export type AnswerValue = string[] | string;

/**
 * The server clock of one attempt at `serverNow` (epoch ms). While answering the time left is
 * `endsAt − now`; while paused it is frozen at `remainingMs`. `graceMs` is how long after `endsAt`
 * in-flight saves are still accepted.
 */
export interface AttemptClock {
  phase: AttemptPhase;
  serverNow: number;
  startedAt: number | null;
  endsAt: number | null;
  remainingMs: number | null;
  pausedMs: number;
  extensionMs: number;
  graceMs: number;
  submittedAt: number | null;
  submitReason: SubmitReason | null;
}

/** What the candidate sees of the sitting in the lobby and the exam header. */
export interface SittingView {
  sittingId: number;
  roomId: number;
  roomName: string;
  seatNo: number;
  candidateName: string;
  ticketNo: string;
  occupationName: string;
  level: number;
  component: string;
  venue: string;
  /** Scheduled start, epoch ms (Beijing wall time converted). */
  scheduledStart: number;
  durationMin: number;
  /** The candidate's ROOM: each room opens and closes on its own. */
  status: 'scheduled' | 'open' | 'closed';
  /** When the candidate's room opened (the clock and the late-entry limit count from it). */
  openedAt: number | null;
  /** 考场规则, shown in the lobby. */
  rules: string[];
  sebRequired: boolean;
}

/** One option of a choice item as rendered: canonical `label` (sent back in answers) and its text. */
export interface OptionView {
  label: string;
  text: string;
}

/** One item as the candidate may see it: never its key, marks or reference answer. */
export interface ItemView {
  /** Item key `${itemId}@${version}` as stored in responses. */
  id: string;
  type: RoomItemType;
  stem: string;
  /** Canonical order; the display order is `CandidateOrderView.options[i]`. */
  options: OptionView[];
}

/** Paper content shared by every candidate of one paper (the display order is per candidate). */
export interface PaperView {
  items: ItemView[];
}

/** The candidate's own order: display position → paper item index, and per item its option labels in display order. */
export interface CandidateOrderView {
  items: number[];
  options: string[][];
}

/** An answer as the server holds it (highest `seq` wins). */
export interface SavedAnswer {
  item: string;
  seq: number;
  value: AnswerValue;
  flagged: boolean;
}

/** A notice or warning addressed to the candidate. */
export interface RoomNotice {
  kind: 'notice' | 'warning';
  message: string;
  at: number;
}

/**
 * Everything a candidate needs to (re)build the exam screen; `attempt:resume` returns it on every
 * connect. `paper` is the UTF-8 JSON of `PaperView` as a binary attachment (built once per paper on the
 * server, no per-candidate encoding), left out (null) when the client already holds `paperKey`.
 */
export interface AttemptSnapshot {
  attemptId: number;
  sitting: SittingView;
  clock: AttemptClock;
  paperKey: string | null;
  paper: Uint8Array | ArrayBuffer | null;
  /** The candidate's order; left out together with `paper` (the client keeps both). */
  order: CandidateOrderView | null;
  answers: SavedAnswer[];
  maxSeq: number;
  notices: RoomNotice[];
}

/** Candidate-side behaviour signals reported to the proctor (they decide; nothing is automatic). */
export type BehaviourSignal = 'blur' | 'hidden' | 'fullscreen-exit' | 'copy' | 'paste' | 'cut' | 'print' | 'contextmenu';

/** Flags counted per seat in the proctor view (`late-entry`: refused for arriving more than 15 minutes late). */
export type SeatFlag = BehaviourSignal | 'device' | 'late-save' | 'late-entry';

/** Seat state in the proctor view (`offline` is derived on the client from `online`/`offlineSince`). */
export type SeatPhase = 'absent' | AttemptPhase;

/** One seat of the live room view. */
export interface SeatLive {
  seatNo: number;
  candidateName: string;
  ticketNo: string;
  attemptId: number | null;
  phase: SeatPhase;
  online: boolean;
  /** Epoch ms since when the candidate is offline (null when online or never connected). */
  offlineSince: number | null;
  answered: number;
  total: number;
  endsAt: number | null;
  remainingMs: number | null;
  flags: Partial<Record<SeatFlag, number>>;
  /** A second device is waiting for the proctor to allow a move. */
  deviceBlocked: boolean;
  violation: string | null;
  warnings: number;
  submitReason: SubmitReason | null;
}

/** One line of the room log (incidents, violations, notices, proctor actions). */
export interface RoomLogEntry {
  at: number;
  kind: string;
  seatNo: number | null;
  text: string;
  actor: string;
}

/** The sitting as the proctor of one room sees it: `status`, `openedAt` and `closedAt` are that ROOM's own. */
export interface SittingLive {
  sittingId: number;
  status: 'scheduled' | 'open' | 'closed';
  scheduledStart: number;
  durationMin: number;
  /** When this room actually opened (null until it does). */
  openedAt: number | null;
  /** When this room actually closed. */
  closedAt: number | null;
  graceSeconds: number;
  component: string;
  venue: string;
  title: string;
}

/** The whole room, sent when a proctor or supervisor starts watching it. */
export interface RoomSnapshot {
  sitting: SittingLive;
  room: { roomId: number; name: string; columns: number; rows: number };
  seats: SeatLive[];
  log: RoomLogEntry[];
  serverNow: number;
  /** Assigned proctor: may act. Supervisor/office: read-only. */
  canAct: boolean;
}

/** Base of every proctor action: which room, and why (recorded in the audit trail). */
export interface ProctorTarget {
  sitting: number;
  room: number;
  reason: string;
}

/** Result of a proctor action: how many attempts it changed. */
export interface ActionResult {
  changed: number;
}

// ───────────────────────────── event maps ─────────────────────────────

/** Server → client events. */
export interface ServerToClientEvents {
  'system:notice': (payload: { message: string; at: string }) => void;
  /** The attempt's clock or phase changed (pause, resume, extension, start, submit): adopt it. */
  'attempt:clock': (payload: { attemptId: number; clock: AttemptClock }) => void;
  /** The candidate's room opened (sent to that room only): candidates in the lobby call `attempt:resume` to receive the paper. */
  'sitting:opened': (payload: { sittingId: number; openedAt: number }) => void;
  /** A notice to the room or a warning to this candidate. */
  'room:notice': (payload: RoomNotice) => void;
  /** This device lost the attempt (moved to another device, or replaced by a newer window). */
  'attempt:taken': (payload: { reason: 'moved' | 'replaced' }) => void;
  /** The proctor allowed this (blocked) device to take over: call `attempt:resume` again. */
  'attempt:move-allowed': (payload: { attemptId: number }) => void;
  /** Proctor view: changed seats (sent at most about once a second per room). */
  'room:seats': (payload: { sitting: number; room: number; seats: SeatLive[]; serverNow: number }) => void;
  /** Proctor view: the room opened or closed. */
  'room:sitting': (payload: { room: number; sitting: SittingLive }) => void;
  /** Proctor view: new log lines. */
  'room:log': (payload: { sitting: number; room: number; entries: RoomLogEntry[] }) => void;
}

/** Client → server events. */
export interface ClientToServerEvents {
  'clock:sync': (payload: { clientSentAt: number }, ack: Ack<{ serverNow: number }>) => void;

  // candidate
  /** Join or rejoin the attempt from this device; returns the full snapshot (answers + clock). */
  'attempt:resume': (payload: { deviceId: string; paperKey?: string | null; sebToken?: string | null }, ack: Ack<AttemptSnapshot>) => void;
  /** Save one answer; acked only after commit. The server keeps the highest `seq` per item. */
  'answer:save': (
    payload: { attempt: number; item: string; seq: number; value: AnswerValue; flagged?: boolean },
    ack: Ack<{ item: string; seq: number; savedAt: number }>,
  ) => void;
  'attempt:heartbeat': (payload: { attempt: number }, ack: Ack<{ clock: AttemptClock }>) => void;
  'attempt:signal': (payload: { attempt: number; signal: BehaviourSignal; detail?: string }, ack: Ack<null>) => void;
  /** `timeout` is recorded as such only when the server clock agrees the time is up (else `candidate`). */
  'attempt:submit': (payload: { attempt: number; reason: 'candidate' | 'timeout' }, ack: Ack<{ clock: AttemptClock }>) => void;

  // proctor, supervisor (watch only)
  'room:watch': (payload: { sitting: number; room: number }, ack: Ack<RoomSnapshot>) => void;
  'room:unwatch': (payload: { sitting: number; room: number }, ack: Ack<null>) => void;
  /** Open the proctor's own room (other rooms of the sitting are untouched); `changed` = attempts started. */
  'proctor:open': (payload: ProctorTarget, ack: Ack<ActionResult>) => void;
  /** Close the proctor's own room (refused while candidates of the room are not submitted). */
  'proctor:close': (payload: ProctorTarget, ack: Ack<ActionResult>) => void;
  'proctor:notice': (payload: ProctorTarget & { message: string }, ack: Ack<ActionResult>) => void;
  'proctor:warn': (payload: ProctorTarget & { attempt: number; message: string }, ack: Ack<ActionResult>) => void;
  'proctor:pause': (payload: ProctorTarget & { attempt?: number | null }, ack: Ack<ActionResult>) => void;
  'proctor:resume': (payload: ProctorTarget & { attempt?: number | null }, ack: Ack<ActionResult>) => void;
  'proctor:extend': (payload: ProctorTarget & { attempt?: number | null; minutes: number }, ack: Ack<ActionResult>) => void;
  'proctor:force-submit': (payload: ProctorTarget & { attempt: number }, ack: Ack<ActionResult>) => void;
  'proctor:allow-move': (payload: ProctorTarget & { attempt: number }, ack: Ack<ActionResult>) => void;
  'proctor:violation': (payload: ProctorTarget & { attempt: number; category: string }, ack: Ack<ActionResult>) => void;
  'proctor:incident': (payload: ProctorTarget & { attempt?: number | null; category?: string; action?: string }, ack: Ack<ActionResult>) => void;
}

/** An attempt's phase and clock in epoch ms (the exam room's `AttemptTiming`; nodes copy it between each other). */
export interface LiveTiming {
  phase: AttemptPhase;
  startedAt: number | null;
  endsAt: number | null;
  pausedAt: number | null;
  pausedMs: number;
  extensionMs: number;
  submittedAt: number | null;
  submitReason: SubmitReason | null;
}

/**
 * One change of the proctor's live room view, applied by the node where it happened and sent to the
 * other nodes (server → server only, never to a client). Every kind is safe to apply on a node that has
 * not loaded the room (it is then skipped; a later load reads the database). `presence` carries the
 * absolute number of the attempt's sockets on `node` (idempotent), `answered` the item's new state.
 */
export type LiveDelta =
  | { kind: 'place'; attemptId: number; sittingId: number; roomId: number; seatNo: number; paperId: number; timing: LiveTiming; violation: string | null }
  | { kind: 'timing'; attemptId: number; timing: LiveTiming; graceMs: number }
  | { kind: 'answered'; attemptId: number; item: string; answered: boolean }
  | { kind: 'presence'; attemptId: number; node: string; sockets: number; at: number }
  | { kind: 'flag'; attemptId: number; flag: SeatFlag }
  | { kind: 'device-blocked'; attemptId: number; blocked: boolean }
  | { kind: 'warned'; attemptId: number }
  | { kind: 'violation'; attemptId: number; category: string }
  | { kind: 'log'; sittingId: number; roomId: number; entry: RoomLogEntry }
  | { kind: 'room-state'; sittingId: number; roomId: number; status: SittingLive['status']; openedAt: number | null; closedAt: number | null }
  | { kind: 'late-entry'; sittingId: number; roomId: number; seatNo: number };

/** Server ↔ server events (through the Redis adapter's `serverSideEmit`; never sent with the in-memory adapter). */
export interface InterServerEvents {
  ping: () => void;
  /** Live room changes made on node `from`, in the order they happened there. */
  'room:live': (from: string, deltas: LiveDelta[]) => void;
}

/** What the server knows about a connected socket after `io.use` authentication. */
export interface SocketData {
  actorId: string;
  role: string;
  userId: number | null;
  candidateId: number | null;
  seatAssignmentId: number | null;
  organizationId: number | null;
  name: string;
  ip: string;
  /** Exam room: the attempt this socket joined with an allowed device (set by `attempt:resume`). */
  attemptId?: number | null;
  deviceId?: string | null;
  /** Exam room: the node holding this socket (lets a node count presence per node across the adapter). */
  liveNode?: string | null;
}
