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

/**
 * Phase 2, after the conditional upsert: `written` holds the keys the database changed, `stored` the
 * seq found for the others. A repeat of the stored seq is acknowledged (idempotent retry); an older
 * seq is refused `STALE_SEQ`.
 */
export function finishSaves(
  saves: readonly SaveRequest[],
  gate: ReturnType<typeof gateSaves>,
  written: ReadonlySet<string>,
  stored: ReadonlyMap<string, number>,
  nowMs: number,
): { outcomes: PlainOutcome[]; applied: number[] } {
  const applied: number[] = [];
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
      return winner.seq === s.seq ? { ok: true, item: s.item, seq: s.seq, savedAt: nowMs, applied: false } : { ok: false, code: 'STALE_SEQ', storedSeq: winner.seq };
    }
    const have = stored.get(k) ?? -1;
    return have === s.seq ? { ok: true, item: s.item, seq: s.seq, savedAt: nowMs, applied: false } : { ok: false, code: 'STALE_SEQ', storedSeq: Math.max(have, winner.seq) };
  });
  return { outcomes, applied };
}
