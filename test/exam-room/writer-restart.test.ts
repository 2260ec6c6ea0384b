import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnswerWriter } from '../../server/exam-room/answer-writer';
import { KyselyBackend } from '../../server/exam-room/write-backends';
import type { SaveRequest } from '../../server/exam-room/save-decision';
import { dialects } from '../support/databases';
import { call, okData, startRoomServer, type RoomServer } from './fixtures';
import { answering, openSitting, storedResponses, watch } from './helpers';

const DIALECTS = await dialects();

/** A room server with the candidate of seat 1 answering, and a save request builder for one of its items. */
async function answeringCandidate(t: RoomServer) {
  const p = await watch(t);
  await openSitting(t, p.s);
  const a = await answering(t, 1);
  const single = a.paper.items.find((i) => i.type === 'single')!;
  const req = (seq: number, label: string): SaveRequest => ({
    attemptId: a.snap.attemptId, candidateId: t.fixture.candidates[0]!.id, item: single.id, seq, valueJson: JSON.stringify([label]), flagged: false,
  });
  return { ...a, single, req };
}

describe('the SQLite writer thread dies', () => {
  let t: RoomServer;
  beforeEach(async () => {
    t = await startRoomServer('sqlite');
  });
  afterEach(async () => {
    await t.close();
  });

  it('the save in flight is refused (retryable INTERNAL), never acknowledged; a new thread starts and later saves are acknowledged and stored', async () => {
    const { req } = await answeringCandidate(t);
    const logged: unknown[] = [];
    // Its own writer on the same file, with a quick restart.
    const writer = AnswerWriter.for(t.db.db, 'sqlite', t.db.sqlitePath!, t.clock.now, { log: (e) => logged.push(e) }, { restartDelaysMs: [50] });
    try {
      expect(await writer.save(req(1, 'A'))).toMatchObject({ ok: true, applied: true });

      // The thread dies inside the next transaction, after writing the answer and before committing it.
      const worker = writer.workerForTests()!;
      expect(worker).not.toBeNull();
      worker.postMessage({ dieInNextCommitForTests: true });
      const refused = await writer.save(req(2, 'B'));
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.code).toBe('INTERNAL'); // the code clients keep in their outbox and resend
        expect(refused.error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      expect(logged.map(String).join('\n')).toMatch(/答案写入线程中断.*1 批未确认的保存已退回重试.*重启/); // the batch was in the thread when it died
      let rows = await storedResponses(t, req(0, 'A').attemptId);
      expect(rows.map((r) => [r.value_json, Number(r.seq)])).toEqual([['["A"]', 1]]);

      // A new thread takes over: the resent save is acknowledged and in the database.
      expect(await writer.save(req(2, 'B'))).toMatchObject({ ok: true, seq: 2, applied: true });
      expect(writer.workerForTests()).not.toBe(worker);
      rows = await storedResponses(t, req(0, 'A').attemptId);
      expect(rows.map((r) => [r.value_json, Number(r.seq)])).toEqual([['["B"]', 2]]);
    } finally {
      await writer.close();
    }
  });

  it('the server’s own writer comes back after its thread is killed: a candidate’s next save over the socket is acknowledged and stored', async () => {
    const { s, snap, single } = await answeringCandidate(t);
    okData(await call(s, 'answer:save', { attempt: snap.attemptId, item: single.id, seq: 1, value: ['A'] }));
    const worker = t.rt.writer.workerForTests()!;
    await worker.terminate();
    const r = await call(s, 'answer:save', { attempt: snap.attemptId, item: single.id, seq: 2, value: ['C'] });
    expect(r).toMatchObject({ ok: true, data: { seq: 2 } });
    const rows = await storedResponses(t, snap.attemptId);
    expect(rows.map((x) => [x.value_json, Number(x.seq)])).toEqual([['["C"]', 2]]);
  });

  it('a crash loop is held back by the per-minute bound: saves are refused (retryable) instead of waiting, never acknowledged', async () => {
    const { req } = await answeringCandidate(t);
    const logged: unknown[] = [];
    const writer = AnswerWriter.for(t.db.db, 'sqlite', t.db.sqlitePath!, t.clock.now, { log: (e) => logged.push(e) }, { restartDelaysMs: [20], maxRestartsPerMinute: 1, waitForWriterMs: 2000 });
    try {
      expect(await writer.save(req(1, 'A'))).toMatchObject({ ok: true });
      await writer.workerForTests()!.terminate();
      expect(await writer.save(req(2, 'B'))).toMatchObject({ ok: true }); // the one restart of this minute
      await writer.workerForTests()!.terminate();
      const refused = await writer.save(req(3, 'C'));
      expect(refused).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(logged).toHaveLength(2);
      const rows = await storedResponses(t, req(0, 'A').attemptId);
      expect(rows.map((r) => [r.value_json, Number(r.seq)])).toEqual([['["B"]', 2]]);
    } finally {
      await writer.close();
    }
  });
});

describe.each(DIALECTS)('a failed commit on the shared connection (%s, the PostgreSQL path)', (dialect) => {
  let t: RoomServer;
  beforeEach(async () => {
    t = await startRoomServer(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('refuses every save of the failed transaction (retryable INTERNAL), stores none of it, and the next commit works', async () => {
    const { req } = await answeringCandidate(t);
    const logged: unknown[] = [];
    const writer = new AnswerWriter(new KyselyBackend(t.db.db, dialect), t.clock.now, { log: (e) => logged.push(e) });
    // An event row the database rejects (type is NOT NULL) fails the whole group commit it shares with the save.
    const [save, event] = await Promise.allSettled([writer.save(req(1, 'A')), writer.event({ attemptId: req(0, 'A').attemptId, type: null as unknown as string })]);
    expect(save.status).toBe('fulfilled');
    if (save.status === 'fulfilled') expect(save.value).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(event.status).toBe('rejected');
    expect(logged).toHaveLength(1);
    expect(await storedResponses(t, req(0, 'A').attemptId)).toHaveLength(0);

    expect(await writer.save(req(1, 'A'))).toMatchObject({ ok: true, applied: true });
    expect((await storedResponses(t, req(0, 'A').attemptId)).map((r) => r.value_json)).toEqual(['["A"]']);
  });
});
