/**
 * How one group of saves is decided, shared by both write paths (the SQLite writer thread and the
 * Kysely path for PostgreSQL): given the attempts as committed, which saves may be stored, which are
 * late, which lose to a newer seq. Plain data in and out (it crosses a thread boundary); no I/O.
 */
import type { RoomErrorCode } from '../realtime/contract';
import { saveWindow, timingOf } from './clock';

/** One save as it reaches the writer (already schema-checked). `valueJson` is the stored form. */
export interface SaveRequest {
  attemptId: number;
  candidateId: number;
  item: string;
  seq: number;
  valueJson: string;
  flagged: boolean;
  /** Beacon saves name their device; socket saves were checked at join. */
  deviceId?: string | null;
}

/** An attempt event to append (joined, signals, late saves …). */
export interface EventRow {
  attemptId: number;
  type: string;
  detail?: Record<string, unknown>;
  actorId?: string | null;
}

/** A new attempt with its `joined` event (created in the same commit as answers around it). */
export interface NewAttempt {
  row: {
    sitting_id: number; candidate_id: number; paper_id: number; seed: string; state: string; started_at: string | null; ends_at: string | null;
    paused_at: string | null; paused_ms: number; extension_ms: number; submitted_at: string | null; submit_reason: string | null;
    device_id: string | null; violation_category: string | null; last_seen_at: string | null;
  };
  event: { type: string; detail_json: string; actor_id: string | null };
}

/** Outcome of one save, as plain data. */
export type PlainOutcome =
  | { ok: true; item: string; seq: number; savedAt: number; applied: boolean }
  | { ok: false; code: RoomErrorCode; storedSeq?: number };

/** One commit's worth of work. */
export interface Batch {
  saves: SaveRequest[];
  events: (EventRow & { at: string })[];
  creates: NewAttempt[];
  now: number;
}

/** What one commit did, per save, per new attempt. */
export interface BatchResult {
  outcomes: PlainOutcome[];
  /** Indexes of saves that changed the stored answer. */
  applied: number[];
  /** Attempt ids of late (refused) saves. */
  late: number[];
  created: ({ id: number } | { conflict: true })[];
}

/** The committed attempt columns the decision needs. */
export interface GateRow {
  candidate_id: number;
  device_id: string | null;
  grace_seconds: number;
  state: 'lobby' | 'answering' | 'paused' | 'submitted';
  started_at: string | null;
  ends_at: string | null;
  paused_at: string | null;
  paused_ms: number;
  extension_ms: number;
  submitted_at: string | null;
  submit_reason: string | null;
}

/** What the database holds for an (attempt, item) the conditional upsert did not change. */
export interface StoredAnswer {
  seq: number;
  valueJson: string;
  flagged: boolean;
}

/** Map key of an (attempt, item) pair. */
export const saveKey = (s: Pick<SaveRequest, 'attemptId' | 'item'>) => `${s.attemptId}\n${s.item}`;

/**
 * Phase 1: refuse what the attempt's state refuses and pick, per (attempt, item), the save with the
 * highest seq to write. Late saves come back with their event rows (recorded in the same commit).
 */
export function gateSaves(saves: readonly SaveRequest[], rows: ReadonlyMap<number, GateRow>, nowMs: number) {
  const outcomes: (PlainOutcome | undefined)[] = new Array(saves.length);
  const best = new Map<string, number>();
  const lateEvents: EventRow[] = [];
  const late: number[] = [];
  saves.forEach((s, i) => {
    const a = rows.get(s.attemptId);
    if (!a || a.candidate_id !== s.candidateId) return void (outcomes[i] = { ok: false, code: 'NOT_YOUR_ATTEMPT' });
    if (s.deviceId && a.device_id !== null && a.device_id !== s.deviceId) return void (outcomes[i] = { ok: false, code: 'DEVICE_BLOCKED' });
    const timing = timingOf(a);
    const graceMs = Number(a.grace_seconds) * 1000;
    const w = saveWindow(timing, nowMs, graceMs);
    switch (w) {
      case 'open': {
        const k = saveKey(s);
        const j = best.get(k);
        if (j === undefined || saves[j]!.seq < s.seq) best.set(k, i);
        return;
      }
      case 'late':
        outcomes[i] = { ok: false, code: 'TIME_OVER' };
        late.push(s.attemptId);
        lateEvents.push({ attemptId: s.attemptId, type: 'late-save-refused', detail: { item: s.item, seq: s.seq, endsAt: timing.endsAt, graceMs } });
        return;
      case 'lobby':
        return void (outcomes[i] = { ok: false, code: 'ATTEMPT_NOT_STARTED' });
      case 'paused':
        return void (outcomes[i] = { ok: false, code: 'ATTEMPT_PAUSED' });
      case 'submitted':
        return void (outcomes[i] = { ok: false, code: 'ATTEMPT_CLOSED' });
      default: {
        const never: never = w;
        return never;
      }
    }
  });
  return { outcomes, best, lateEvents, late, chosen: [...best.values()] };
}

/** Same answer: the stored form and the flag (a resend of a seq carries both unchanged). */
const sameAnswer = (a: { valueJson: string; flagged: boolean }, b: { valueJson: string; flagged: boolean }) => a.valueJson === b.valueJson && a.flagged === b.flagged;

/** At most this much of an answer goes into a conflict event (a subjective answer can be long). */
const EVENT_VALUE_CHARS = 200;

/**
 * Phase 2, after the conditional upsert: `written` holds the keys the database changed, `stored` what
 * the database holds for the others. A repeat of the stored seq with the same answer is acknowledged
 * (idempotent retry); the stored seq with a DIFFERENT answer is refused `SEQ_CONFLICT` (the stored answer
 * stays; acknowledging it would tell the candidate an answer was saved that is not) and comes back as a
 * `seq-conflict` event row for the proctor and the audit, to be recorded in the same commit; an older
 * seq is refused `STALE_SEQ`.
 */
export function finishSaves(
  saves: readonly SaveRequest[],
  gate: ReturnType<typeof gateSaves>,
  written: ReadonlySet<string>,
  stored: ReadonlyMap<string, StoredAnswer>,
  nowMs: number,
): { outcomes: PlainOutcome[]; applied: number[]; events: EventRow[] } {
  const applied: number[] = [];
  const events: EventRow[] = [];
  const conflict = (s: SaveRequest, kept: { valueJson: string; flagged: boolean }): PlainOutcome => {
    events.push({
      attemptId: s.attemptId,
      type: 'seq-conflict',
      detail: { item: s.item, seq: s.seq, kept: kept.valueJson.slice(0, EVENT_VALUE_CHARS), keptFlagged: kept.flagged, refused: s.valueJson.slice(0, EVENT_VALUE_CHARS), refusedFlagged: s.flagged },
    });
    return { ok: false, code: 'SEQ_CONFLICT', storedSeq: s.seq };
  };
  const repeat = (s: SaveRequest): PlainOutcome => ({ ok: true, item: s.item, seq: s.seq, savedAt: nowMs, applied: false });
  const outcomes = saves.map((s, i): PlainOutcome => {
    const pre = gate.outcomes[i];
    if (pre) return pre;
    const k = saveKey(s);
    const winner = saves[gate.best.get(k)!]!;
    if (written.has(k)) {
      if (winner === s) {
        applied.push(i);
        return { ok: true, item: s.item, seq: s.seq, savedAt: nowMs, applied: true };
      }
      if (winner.seq !== s.seq) return { ok: false, code: 'STALE_SEQ', storedSeq: winner.seq };
      return sameAnswer(winner, s) ? repeat(s) : conflict(s, winner);
    }
    const have = stored.get(k);
    if (have && have.seq === s.seq) return sameAnswer(have, s) ? repeat(s) : conflict(s, have);
    // Not written and not the stored seq: the stored seq is newer (an older one would have been replaced).
    return { ok: false, code: 'STALE_SEQ', storedSeq: Math.max(have?.seq ?? -1, winner.seq) };
  });
  return { outcomes, applied, events };
}
