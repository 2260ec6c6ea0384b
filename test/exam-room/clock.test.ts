import { describe, expect, it } from 'vitest';
import { roomClock } from '../../server/exam-room';
import type { AttemptTiming } from '../../server/exam-room/clock';

const { start, pause, resume, extend, submit, remainingMs, saveWindow, isOverdue, scheduledStart, beijingHm } = roomClock;
const MIN = 60_000;
const lobby: AttemptTiming = { phase: 'lobby', startedAt: null, endsAt: null, pausedAt: null, pausedMs: 0, extensionMs: 0, submittedAt: null, submitReason: null };

describe('the attempt clock', () => {
  it('walks through start, pause, resume (credited), extension and submit', () => {
    const t0 = Date.parse('2026-11-23T01:00:00Z');
    let t = start(lobby, t0, 90 * MIN);
    expect(remainingMs(t, t0 + 30 * MIN)).toBe(60 * MIN);
    t = pause(t, t0 + 30 * MIN);
    expect(remainingMs(t, t0 + 50 * MIN)).toBe(60 * MIN); // frozen
    t = resume(t, t0 + 50 * MIN);
    expect(t.pausedMs).toBe(20 * MIN);
    expect(t.endsAt).toBe(t0 + 110 * MIN);
    t = extend(t, 10 * MIN);
    expect(remainingMs(t, t0 + 50 * MIN)).toBe(70 * MIN);
    t = submit(t, t0 + 60 * MIN, 'candidate');
    expect(remainingMs(t, t0 + 61 * MIN)).toBe(0);
    expect(submit(t, t0 + 62 * MIN, 'timeout')).toBe(t); // idempotent
  });

  it('keeps an extension granted in the lobby for the start, and leaves states it does not apply to alone', () => {
    const t = extend(lobby, 5 * MIN);
    expect(start(t, 0, 60 * MIN).endsAt).toBe(65 * MIN);
    expect(pause(lobby, 1)).toBe(lobby);
    expect(resume(start(lobby, 0, MIN), 1).phase).toBe('answering');
  });

  it('accepts saves until end + grace, then late; the sweeper closes only after the grace', () => {
    const t = start(lobby, 0, 60 * MIN);
    expect(saveWindow(t, 60 * MIN + 30_000, 30_000)).toBe('open');
    expect(saveWindow(t, 60 * MIN + 30_001, 30_000)).toBe('late');
    expect(isOverdue(t, 60 * MIN + 30_000, 30_000)).toBe(false);
    expect(isOverdue(t, 60 * MIN + 30_001, 30_000)).toBe(true);
    expect(saveWindow(pause(t, 10), 99 * MIN, 0)).toBe('paused');
    expect(isOverdue(pause(t, 10), 99 * MIN, 0)).toBe(false); // a paused attempt never times out
  });

  it('reads the schedule in Beijing time', () => {
    expect(new Date(scheduledStart('2026-11-23', '09:00')).toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(new Date(scheduledStart('2026-11-23', '07:30')).toISOString()).toBe('2026-11-22T23:30:00.000Z');
    expect(beijingHm(Date.parse('2026-11-22T23:30:00Z'))).toBe('07:30');
  });
});
