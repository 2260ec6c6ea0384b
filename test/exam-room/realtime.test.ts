import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { call, nextEvent, okData, startRoomServer, type ClientSocket, type RoomServer } from './fixtures';
import type { AttemptSnapshot, PaperView } from '../../server/realtime/contract';

const DIALECTS = await dialects();

const DEVICE_A = 'device-aaaaaaaaaaaa';
const DEVICE_B = 'device-bbbbbbbbbbbb';

/** Candidate on seat `seat` connected and resumed from `device`. */
async function join(t: RoomServer, seat: number, device = DEVICE_A, opts: { reconnection?: boolean } = {}): Promise<{ s: ClientSocket; snap: AttemptSnapshot; cookie: string }> {
  const cookie = await t.candidate(seat);
  const s = await t.connect(cookie, opts);
  const snap = okData(await call(s, 'attempt:resume', { deviceId: device }));
  return { s, snap, cookie };
}

async function proctor(t: RoomServer, user = 'proctor1') {
  const s = await t.connect(await t.staff(user));
  const snap = okData(await call(s, 'room:watch', { sitting: t.fixture.sittingId, room: t.fixture.roomId }));
  return { s, snap };
}

const target = (t: RoomServer, reason = '测试') => ({ sitting: t.fixture.sittingId, room: t.fixture.roomId, reason });

async function storedResponses(t: RoomServer, attemptId: number) {
  return t.db.db.selectFrom('responses').selectAll().where('attempt_id', '=', attemptId).orderBy('item_key').execute();
}

describe.each(DIALECTS)('exam room over real sockets (%s)', (dialect) => {
  let t: RoomServer;
  beforeEach(async () => {
    t = await startRoomServer(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('lobby → proctor opens → candidate gets the paper, saves are acked after commit and the proctor sees the count', async () => {
    const p = await proctor(t);
    expect(p.snap.canAct).toBe(true);
    expect(p.snap.seats.map((s) => s.phase)).toEqual(['absent', 'absent', 'absent']);

    const { s, snap } = await join(t, 1);
    expect(snap.clock.phase).toBe('lobby');
    expect(snap.paper).toBeNull();
    expect(snap.sitting.rules.length).toBeGreaterThan(0);

    const opened = nextEvent(s, 'sitting:opened');
    const r = okData(await call(p.s, 'proctor:open', { ...target(t), reason: '核验身份完毕' }));
    expect(r.changed).toBe(1);
    await opened;

    const again = okData(await call(s, 'attempt:resume', { deviceId: DEVICE_A }));
    expect(again.clock.phase).toBe('answering');
    expect(again.clock.remainingMs).toBe(60 * 60_000);
    const paper = JSON.parse(again.paper!) as PaperView;
    expect(paper.items).toHaveLength(6);
    expect(again.order!.items.slice().sort()).toEqual([0, 1, 2, 3, 4, 5]);

    const seatUpdate = nextEvent(p.s, 'room:seats', (x) => x.seats.some((seat) => seat.seatNo === 1 && seat.answered === 1));
    const single = paper.items.find((i) => i.type === 'single')!;
    const ack = okData(await call(s, 'answer:save', { attempt: again.attemptId, item: single.id, seq: 1, value: ['B'] }));
    expect(ack).toMatchObject({ item: single.id, seq: 1 });
    // Acked ⇒ committed: the row is there when the ack arrives.
    const rows = await storedResponses(t, again.attemptId);
    expect(rows.map((x) => [x.item_key, x.seq, x.value_json])).toEqual([[single.id, 1, '["B"]']]);
    await t.rt.tick();
    const update = await seatUpdate;
    expect(update.seats.find((x) => x.seatNo === 1)).toMatchObject({ phase: 'answering', answered: 1, total: 6, online: true });
  });
});
