import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { call, okData, startRoomServer, type RoomServer } from './fixtures';
import { answering, events, openSitting, storedResponses, watch } from './helpers';

const DIALECTS = await dialects();

describe.each(DIALECTS)('a save naming the stored seq with a different answer (%s)', (dialect) => {
  let t: RoomServer;
  beforeEach(async () => {
    t = await startRoomServer(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('an identical resend is acknowledged; a different answer under the same seq is refused SEQ_CONFLICT, the stored answer stays and the conflict is recorded', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const { s, snap, paper } = await answering(t, 1);
    const single = paper.items.find((i) => i.type === 'single')!;
    okData(await call(s, 'answer:save', { attempt: snap.attemptId, item: single.id, seq: 5, value: ['A'] }));

    // A lost ack: the client resends exactly the same message — acknowledged, nothing changes.
    const resend = await call(s, 'answer:save', { attempt: snap.attemptId, item: single.id, seq: 5, value: ['A'] });
    expect(resend).toMatchObject({ ok: true, data: { item: single.id, seq: 5 } });

    // Same seq, another answer (another window counting seqs on its own): not acknowledged.
    const other = await call(s, 'answer:save', { attempt: snap.attemptId, item: single.id, seq: 5, value: ['B'] });
    expect(other.ok).toBe(false);
    if (other.ok) return;
    expect(other.error.code).toBe('SEQ_CONFLICT');
    expect(other.error.message).toMatch(/[\u4e00-\u9fa5]/);

    // Same seq, same answer, flag changed: also a different message under the same seq.
    const flag = await call(s, 'answer:save', { attempt: snap.attemptId, item: single.id, seq: 5, value: ['A'], flagged: true });
    expect(flag).toMatchObject({ ok: false, error: { code: 'SEQ_CONFLICT' } });

    const rows = await storedResponses(t, snap.attemptId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ item_key: single.id, value_json: '["A"]' });
    expect(Number(rows[0]!.seq)).toBe(5);
    expect(Number(rows[0]!.flagged)).toBe(0);

    const conflicts = (await events(t, snap.attemptId)).filter((e) => e.type === 'seq-conflict');
    expect(conflicts).toHaveLength(2);
    expect(JSON.parse(conflicts[0]!.detail_json)).toMatchObject({ item: single.id, seq: 5, kept: '["A"]', refused: '["B"]' });

    // A newer seq still replaces the answer as before.
    okData(await call(s, 'answer:save', { attempt: snap.attemptId, item: single.id, seq: 6, value: ['B'] }));
    expect((await storedResponses(t, snap.attemptId))[0]).toMatchObject({ value_json: '["B"]' });
  });

  it('two saves with the same seq and different answers in one commit: the first is stored, the second refused', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const { snap, paper } = await answering(t, 1);
    const judge = paper.items.find((i) => i.type === 'judge')!;
    const candidateId = t.fixture.candidates[0]!.id;
    const base = { attemptId: snap.attemptId, candidateId, item: judge.id, seq: 9, flagged: false };
    // Queued in the same event-loop turn: one group commit.
    const [first, same, second] = await Promise.all([
      t.rt.writer.save({ ...base, valueJson: '["T"]' }),
      t.rt.writer.save({ ...base, valueJson: '["T"]' }),
      t.rt.writer.save({ ...base, valueJson: '["F"]' }),
    ]);
    expect(first).toMatchObject({ ok: true, seq: 9, applied: true });
    expect(same).toMatchObject({ ok: true, seq: 9, applied: false });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.code).toBe('SEQ_CONFLICT');
    const rows = await storedResponses(t, snap.attemptId);
    expect(rows.map((r) => r.value_json)).toEqual(['["T"]']);
    expect((await events(t, snap.attemptId)).filter((e) => e.type === 'seq-conflict')).toHaveLength(1);
  });
});
