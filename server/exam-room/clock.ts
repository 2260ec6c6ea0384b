/**
 * The server-owned clock of one attempt: start, end, pauses (credited) and extensions, as plain
 * arithmetic over epoch milliseconds. No I/O and no `Date.now()`: `now` is always passed in, so the
 * sweeper, the handlers and the tests agree on one notion of time.
 */
import type { Selectable } from 'kysely';
import type { AttemptTable } from '../db/schema';
import type { AttemptClock, LiveTiming, SubmitReason } from '../realtime/contract';

/**
 * The timing fields of an attempt in milliseconds. `endsAt` already includes credited pauses and
 * extensions. The contract's `LiveTiming` (nodes copy it between each other), under the server's name.
 */
export type AttemptTiming = LiveTiming;

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));
const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** Read the timing of a stored attempt row. */
export function timingOf(row: Pick<Selectable<AttemptTable>, 'state' | 'started_at' | 'ends_at' | 'paused_at' | 'paused_ms' | 'extension_ms' | 'submitted_at' | 'submit_reason'>): AttemptTiming {
  return {
    phase: row.state,
    startedAt: ms(row.started_at),
    endsAt: ms(row.ends_at),
    pausedAt: ms(row.paused_at),
    pausedMs: Number(row.paused_ms),
    extensionMs: Number(row.extension_ms),
    submittedAt: ms(row.submitted_at),
    submitReason: (row.submit_reason as SubmitReason | null) ?? null,
  };
}

/** The columns to write back for a timing (used by every state change, so they never drift apart). */
export function timingColumns(t: AttemptTiming) {
  return {
    state: t.phase,
    started_at: iso(t.startedAt),
    ends_at: iso(t.endsAt),
    paused_at: iso(t.pausedAt),
    paused_ms: t.pausedMs,
    extension_ms: t.extensionMs,
    submitted_at: iso(t.submittedAt),
    submit_reason: t.submitReason,
  };
}

/** Start answering at `startedAt` for `durationMs` (a late arrival starts at the sitting's opening, not its own). */
export function start(t: AttemptTiming, startedAt: number, durationMs: number): AttemptTiming {
  if (t.phase !== 'lobby') return t;
  return { ...t, phase: 'answering', startedAt, endsAt: startedAt + durationMs + t.extensionMs };
}

/** Time left at `now`: running while answering, frozen while paused, null in the lobby, 0 once submitted. */
export function remainingMs(t: AttemptTiming, now: number): number | null {
  switch (t.phase) {
    case 'lobby':
      return null;
    case 'answering':
      return t.endsAt === null ? null : Math.max(0, t.endsAt - now);
    case 'paused':
      return t.endsAt === null || t.pausedAt === null ? null : Math.max(0, t.endsAt - t.pausedAt);
    case 'submitted':
      return 0;
    default: {
      const never: never = t.phase;
      return never;
    }
  }
}

/** Pause a running attempt; other phases are returned unchanged (the caller counts what changed). */
export function pause(t: AttemptTiming, now: number): AttemptTiming {
  if (t.phase !== 'answering') return t;
  return { ...t, phase: 'paused', pausedAt: now };
}

/** Resume a paused attempt, crediting the paused time to its end. */
export function resume(t: AttemptTiming, now: number): AttemptTiming {
  if (t.phase !== 'paused' || t.pausedAt === null || t.endsAt === null) return t;
  const credited = Math.max(0, now - t.pausedAt);
  return { ...t, phase: 'answering', pausedAt: null, endsAt: t.endsAt + credited, pausedMs: t.pausedMs + credited };
}

/**
 * Give `extraMs` more time. In the lobby the extension waits for the start; a submitted attempt is not
 * reopened (returned unchanged).
 */
export function extend(t: AttemptTiming, extraMs: number): AttemptTiming {
  switch (t.phase) {
    case 'lobby':
      return { ...t, extensionMs: t.extensionMs + extraMs };
    case 'answering':
    case 'paused':
      return { ...t, endsAt: (t.endsAt ?? 0) + extraMs, extensionMs: t.extensionMs + extraMs };
    case 'submitted':
      return t;
    default: {
      const never: never = t.phase;
      return never;
    }
  }
}

/** Submit now (any phase but submitted). */
export function submit(t: AttemptTiming, now: number, reason: SubmitReason): AttemptTiming {
  if (t.phase === 'submitted') return t;
  // A paused attempt keeps its frozen end; time stops counting at the pause.
  return { ...t, phase: 'submitted', pausedAt: null, submittedAt: now, submitReason: reason };
}

/**
 * Whether a save arriving at `now` may be stored: `open` while answering up to end + grace; `late`
 * after that; otherwise the phase that refuses it.
 */
export function saveWindow(t: AttemptTiming, now: number, graceMs: number): 'open' | 'late' | 'lobby' | 'paused' | 'submitted' {
  switch (t.phase) {
    case 'answering':
      return t.endsAt !== null && now > t.endsAt + graceMs ? 'late' : 'open';
    case 'lobby':
    case 'paused':
    case 'submitted':
      return t.phase;
    default: {
      const never: never = t.phase;
      return never;
    }
  }
}

/** Past end + grace while still answering: the sweeper closes it with its saved answers. */
export function isOverdue(t: AttemptTiming, now: number, graceMs: number): boolean {
  return t.phase === 'answering' && t.endsAt !== null && now > t.endsAt + graceMs;
}

/** The clock as sent to clients. */
export function clockView(t: AttemptTiming, now: number, graceMs: number): AttemptClock {
  return {
    phase: t.phase,
    serverNow: now,
    startedAt: t.startedAt,
    endsAt: t.endsAt,
    remainingMs: remainingMs(t, now),
    pausedMs: t.pausedMs,
    extensionMs: t.extensionMs,
    graceMs,
    submittedAt: t.submittedAt,
    submitReason: t.submitReason,
  };
}

/** Beijing time (UTC+8, no daylight saving) of a sitting's `date` + `HH:MM` as epoch ms. */
export function scheduledStart(date: string, startTime: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = startTime.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hh - 8, mm);
}

/** `HH:MM` in Beijing time for an epoch ms (printed on the incident sheet). */
export function beijingHm(t: number): string {
  return new Date(t + 8 * 3_600_000).toISOString().slice(11, 16);
}

/**
 * Late entry (domain §4, admission ticket rule M: "Late by 15 min → no entry"): a candidate whose first
 * arrival comes more than this long after their room opened is refused. Reconnects are never refused.
 */
export const LATE_ENTRY_MS = 15 * 60_000;

/** Whether a first arrival at `now` is too late for a room opened at `openedAt` (exactly 15 min is still allowed). */
export function isLateEntry(openedAt: number, now: number): boolean {
  return now - openedAt > LATE_ENTRY_MS;
}

/**
 * How far the client's clock may run ahead of the server's when it reports "time is up": a `timeout`
 * submit is believed only when the server's own time left is at most this much.
 */
export const TIMEOUT_TOLERANCE_MS = 2_000;

/**
 * The reason to record for a submit the client labelled `claimed`: `timeout` only when the server clock
 * agrees that the time is (nearly) up, otherwise it is the candidate's own submission.
 * Example: `submitReasonFor(t, now, 'timeout')` → `'candidate'` with ten minutes left.
 */
export function submitReasonFor(t: AttemptTiming, now: number, claimed: 'candidate' | 'timeout'): 'candidate' | 'timeout' {
  if (claimed === 'candidate') return 'candidate';
  const left = remainingMs(t, now);
  return left !== null && left <= TIMEOUT_TOLERANCE_MS ? 'timeout' : 'candidate';
}
