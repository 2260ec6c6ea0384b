import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { call, nextEvent, okData, startRoomServer, type RoomServer } from './fixtures';
import { answering, attemptRow, paperOf, DEVICE_A, DEVICE_B, events, join, openSitting, sleep, storedResponses, target, watch } from './helpers';

const DIALECTS = await dialects();
const MIN = 60_000;

describe.each(DIALECTS)('a candidate’s attempt over real sockets (%s)', (dialect) => {
  let t: RoomServer;
  beforeEach(async () => {
    t = await startRoomServer(dialect, { durationMin: 60, graceSeconds: 30 });
  });
  afterEach(async () => {
    await t.close();
  });

  it('lobby → proctor opens → the candidate gets the paper, a save is acked after commit and the proctor sees the count', async () => {
    const p = await watch(t);
    expect(p.snap.canAct).toBe(true);
    expect(p.snap.seats.map((s) => s.phase)).toEqual(['absent', 'absent', 'absent']);
    // 30 seats in 5 columns: 6 seats per column, so the map places seat 7 at the front of column 2.
    expect(p.snap.room).toMatchObject({ columns: 5, rows: 6 });

    const { s, snap } = await join(t, 1);
    expect(snap.clock.phase).toBe('lobby');
    expect(snap.paper).toBeNull();
    expect(snap.sitting.rules.length).toBeGreaterThan(0);
    expect(snap.sitting.scheduledStart).toBe(Date.parse('2026-11-23T07:00:00Z')); // 15:00 Beijing

    await openSitting(t, p.s, s);
    const again = okData(await call(s, 'attempt:resume', { deviceId: DEVICE_A }));
    expect(again.clock.phase).toBe('answering');
    expect(again.clock.remainingMs).toBe(60 * MIN);
    const paper = paperOf(again);
    expect(paper.items).toHaveLength(6);
    expect(again.order!.items.slice().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    // The client already holding the paper is not sent it again.
    const cached = okData(await call(s, 'attempt:resume', { deviceId: DEVICE_A, paperKey: again.paperKey }));
    expect(cached.paper).toBeNull();
    expect(cached.order).toBeNull(); // the client keeps the order with the paper
    expect(cached.paperKey).toBe(again.paperKey);

    const seatUpdate = nextEvent(p.s, 'room:seats', (x) => x.seats.some((seat) => seat.seatNo === 1 && seat.answered === 1));
    const single = paper.items.find((i) => i.type === 'single')!;
    const ack = okData(await call(s, 'answer:save', { attempt: again.attemptId, item: single.id, seq: 1, value: ['B'] }));
    expect(ack).toMatchObject({ item: single.id, seq: 1 });
    const rows = await storedResponses(t, again.attemptId);
    expect(rows.map((x) => [x.item_key, Number(x.seq), x.value_json])).toEqual([[single.id, 1, '["B"]']]);
    await t.rt.tick();
    expect((await seatUpdate).seats.find((x) => x.seatNo === 1)).toMatchObject({ phase: 'answering', answered: 1, total: 6, online: true });
  });

  it('keeps only the highest seq per item: an older save is refused, a repeat is acknowledged, flags are kept', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const { s, snap, paper } = await answering(t, 1);
    const multi = paper.items.find((i) => i.type === 'multi')!;
    const text = paper.items.find((i) => i.type === 'subjective')!;
    okData(await call(s, 'answer:save', { attempt: snap.attemptId, item: multi.id, seq: 5, value: ['D', 'A'] }));
    const stale = await call(s, 'answer:save', { attempt: snap.attemptId, item: multi.id, seq: 3, value: ['B'] });
    expect(stale).toMatchObject({ ok: false, error: { code: 'STALE_SEQ' } });
    const repeat = await call(s, 'answer:save', { attempt: snap.attemptId, item: multi.id, seq: 5, value: ['D', 'A'] });
    expect(repeat.ok).toBe(true);
    okData(await call(s, 'answer:save', { attempt: snap.attemptId, item: text.id, seq: 6, value: '先切断电源，再进行急救。', flagged: true }));
    const rows = await storedResponses(t, snap.attemptId);
    const byKey = Object.fromEntries(rows.map((r) => [r.item_key, r]));
    expect(byKey[multi.id]).toMatchObject({ value_json: '["A","D"]' }); // canonical order
    expect(Number(byKey[multi.id]!.seq)).toBe(5);
    expect(byKey[text.id]).toMatchObject({ value_json: JSON.stringify('先切断电源，再进行急救。') });
    expect(Number(byKey[text.id]!.flagged)).toBe(1);
  });

  it('many concurrent saves from several candidates: every ack is true after commit and the highest seq wins per item', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const all = await Promise.all([1, 2, 3].map((seat) => answering(t, seat)));
    const results = await Promise.all(
      all.flatMap((c) =>
        Array.from({ length: 40 }, (_, k) => {
          const item = c.paper.items[k % 4]!; // four choice items, ten saves each, sent in one burst
          const seq = 40 - k; // highest seq first: the later ones arrive stale
          return call(c.s, 'answer:save', { attempt: c.snap.attemptId, item: item.id, seq, value: [item.options[seq % item.options.length]!.label] }).then((r) => ({ c, item, seq, r }));
        }),
      ),
    );
    for (const c of all) {
      const rows = await storedResponses(t, c.snap.attemptId);
      for (const row of rows) {
        const mine = results.filter((x) => x.c === c && x.item.id === row.item_key);
        const top = Math.max(...mine.map((x) => x.seq));
        expect(Number(row.seq)).toBe(top);
        const winner = mine.find((x) => x.seq === top)!;
        expect(winner.r.ok).toBe(true);
        expect(row.value_json).toBe(JSON.stringify([winner.item.options[top % winner.item.options.length]!.label]));
        // Every other save of the item was refused as stale, none acknowledged a value that is not stored.
        expect(mine.filter((x) => x.seq !== top).every((x) => !x.r.ok && x.r.error.code === 'STALE_SEQ')).toBe(true);
      }
      expect(rows).toHaveLength(4);
    }
  });

  it('crash and resume: after the client vanishes and comes back, every saved answer and the real time left are there', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const { s, snap, paper } = await answering(t, 2);
    let seq = 0;
    for (const item of paper.items) {
      const value = item.type === 'subjective' ? '答案' : [item.options[0]?.label ?? 'T'];
      okData(await call(s, 'answer:save', { attempt: snap.attemptId, item: item.id, seq: ++seq, value }));
    }
    s.disconnect(); // the PC crashed
    const offline = nextEvent(p.s, 'room:seats', (x) => x.seats.some((seat) => seat.seatNo === 2 && !seat.online));
    await sleep(50);
    await t.rt.tick();
    expect((await offline).seats.find((x) => x.seatNo === 2)!.offlineSince).toBe(t.clock.now().getTime());
    t.clock.advance(7 * MIN);

    const back = await join(t, 2); // same device, new socket after the reboot
    expect(back.snap.clock.phase).toBe('answering');
    expect(back.snap.clock.remainingMs).toBe(53 * MIN);
    expect(back.snap.answers).toHaveLength(6);
    expect(back.snap.maxSeq).toBe(6);
    expect(back.snap.answers.map((a) => a.item).sort()).toEqual(paper.items.map((i) => i.id).sort());
    const kinds = (await events(t, snap.attemptId)).map((e) => e.type);
    expect(kinds).toEqual(expect.arrayContaining(['joined', 'disconnected', 'reconnected']));
  });

  it('one live session: a second device is blocked and reported; the proctor moves the attempt; the old device is disconnected', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const a = await answering(t, 1, DEVICE_A);
    const item = a.paper.items[0]!;
    okData(await call(a.s, 'answer:save', { attempt: a.snap.attemptId, item: item.id, seq: 1, value: ['T'] }));

    const reported = nextEvent(p.s, 'room:seats', (x) => x.seats.some((seat) => seat.seatNo === 1 && seat.deviceBlocked));
    const cookieB = await t.candidate(1);
    const b = await t.connect(cookieB);
    const blocked = await call(b, 'attempt:resume', { deviceId: DEVICE_B });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'DEVICE_BLOCKED' } });
    // Saving from the blocked device is refused too.
    expect(await call(b, 'answer:save', { attempt: a.snap.attemptId, item: item.id, seq: 9, value: ['F'] })).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    await t.rt.tick();
    expect((await reported).seats.find((x) => x.seatNo === 1)!.flags.device).toBe(1);

    // A plain reconnect of the first device is never blocked.
    const a2 = await t.connect(a.cookie);
    const takenA = nextEvent(a.s, 'attempt:taken');
    expect((await call(a2, 'attempt:resume', { deviceId: DEVICE_A })).ok).toBe(true);
    expect(await takenA).toEqual({ reason: 'replaced' });

    const invited = nextEvent(b, 'attempt:move-allowed');
    const takenA2 = nextEvent(a2, 'attempt:taken');
    const gone = new Promise<string>((resolve) => a2.once('disconnect', (r) => resolve(r)));
    okData(await call(p.s, 'proctor:allow-move', { ...target(t, '原考试机死机'), attempt: a.snap.attemptId }));
    expect(await takenA2).toEqual({ reason: 'moved' });
    expect(await gone).toBe('io server disconnect');
    await invited;
    const moved = okData(await call(b, 'attempt:resume', { deviceId: DEVICE_B }));
    expect(moved.answers.map((x) => [x.item, x.value])).toEqual([[item.id, ['T']]]);
    expect((await attemptRow(t, a.snap.attemptId)).device_id).toBe(DEVICE_B);
    // And the old device is now the foreign one.
    const a3 = await t.connect(a.cookie);
    expect(await call(a3, 'attempt:resume', { deviceId: DEVICE_A })).toMatchObject({ ok: false, error: { code: 'DEVICE_BLOCKED' } });
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'after_json']).where('action', '=', 'room.allow-move').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).toContain('原考试机死机');
  });

  it('pause and resume credit the paused time; extensions add time; the whole room can be paused', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const one = await answering(t, 1);
    const two = await answering(t, 2);
    t.clock.advance(10 * MIN);

    const paused = nextEvent(one.s, 'attempt:clock');
    expect(okData(await call(p.s, 'proctor:pause', { ...target(t, '考生身体不适'), attempt: one.snap.attemptId })).changed).toBe(1);
    expect((await paused).clock).toMatchObject({ phase: 'paused', remainingMs: 50 * MIN });
    // While paused, saves wait (the client keeps them) and the time does not run.
    const item = one.paper.items[0]!;
    expect(await call(one.s, 'answer:save', { attempt: one.snap.attemptId, item: item.id, seq: 1, value: ['T'] })).toMatchObject({ ok: false, error: { code: 'ATTEMPT_PAUSED' } });
    t.clock.advance(5 * MIN);
    const hb = okData(await call(one.s, 'attempt:heartbeat', { attempt: one.snap.attemptId }));
    expect(hb.clock.remainingMs).toBe(50 * MIN);

    const resumed = nextEvent(one.s, 'attempt:clock');
    okData(await call(p.s, 'proctor:resume', { ...target(t, '考生恢复'), attempt: one.snap.attemptId }));
    expect((await resumed).clock).toMatchObject({ phase: 'answering', remainingMs: 50 * MIN, pausedMs: 5 * MIN });
    okData(await call(one.s, 'answer:save', { attempt: one.snap.attemptId, item: item.id, seq: 1, value: ['T'] }));

    // Seat 2 was not paused: 45 minutes left.
    expect(okData(await call(two.s, 'attempt:heartbeat', { attempt: two.snap.attemptId })).clock.remainingMs).toBe(45 * MIN);

    // The whole room: pause, 3 minutes, resume, then extend everyone by 10 minutes.
    expect(okData(await call(p.s, 'proctor:pause', target(t, '停电'))).changed).toBe(2);
    t.clock.advance(3 * MIN);
    expect(okData(await call(p.s, 'proctor:resume', target(t, '来电'))).changed).toBe(2);
    const extended = nextEvent(two.s, 'attempt:clock');
    expect(okData(await call(p.s, 'proctor:extend', { ...target(t, '停电补时'), minutes: 10 })).changed).toBe(2);
    expect((await extended).clock).toMatchObject({ remainingMs: 55 * MIN, extensionMs: 10 * MIN, pausedMs: 3 * MIN });
    expect(okData(await call(one.s, 'attempt:heartbeat', { attempt: one.snap.attemptId })).clock.remainingMs).toBe(60 * MIN);
    // Refused when nothing applies, and every action is in the audit trail with its reason.
    expect(await call(p.s, 'proctor:resume', target(t, '重复'))).toMatchObject({ ok: false, error: { code: 'STATE_CONFLICT' } });
    const audit = await t.db.db.selectFrom('audit_log').select('action').where('action', 'like', 'room.%').execute();
    expect(audit.map((a) => a.action)).toEqual(['room.open', 'room.pause', 'room.resume', 'room.pause', 'room.resume', 'room.extend']);
  });

  it('the sweeper closes an attempt whose candidate never came back, with the answers saved so far', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const { s, snap, paper } = await answering(t, 3);
    okData(await call(s, 'answer:save', { attempt: snap.attemptId, item: paper.items[2]!.id, seq: 1, value: [paper.items[2]!.options[1]!.label] }));
    s.disconnect();
    t.clock.advance(60 * MIN + 29_000); // inside the grace: still open
    await t.rt.tick();
    expect((await attemptRow(t, snap.attemptId)).state).toBe('answering');
    const closed = nextEvent(p.s, 'room:seats', (x) => x.seats.some((seat) => seat.seatNo === 3 && seat.phase === 'submitted'));
    t.clock.advance(2_000);
    await t.rt.tick();
    const row = await attemptRow(t, snap.attemptId);
    expect(row).toMatchObject({ state: 'submitted', submit_reason: 'timeout' });
    expect(await storedResponses(t, snap.attemptId)).toHaveLength(1);
    expect((await closed).seats.find((x) => x.seatNo === 3)!.submitReason).toBe('timeout');
    // Coming back later shows the submitted attempt, not the paper.
    const back = await join(t, 3);
    expect(back.snap.clock.phase).toBe('submitted');
    expect(back.snap.paper).toBeNull();
  });

  it('a save after end + grace is refused and recorded; the answer saved before stays', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const { s, snap, paper } = await answering(t, 1);
    const item = paper.items[0]!;
    okData(await call(s, 'answer:save', { attempt: snap.attemptId, item: item.id, seq: 1, value: ['T'] }));
    t.clock.advance(60 * MIN + 10_000); // within grace: accepted
    okData(await call(s, 'answer:save', { attempt: snap.attemptId, item: item.id, seq: 2, value: ['F'] }));
    t.clock.advance(25_000); // past end + 30 s
    const late = await call(s, 'answer:save', { attempt: snap.attemptId, item: item.id, seq: 3, value: ['T'] });
    expect(late).toMatchObject({ ok: false, error: { code: 'TIME_OVER' } });
    const rows = await storedResponses(t, snap.attemptId);
    expect(rows.map((r) => [Number(r.seq), r.value_json])).toEqual([[2, '["F"]']]);
    const ev = (await events(t, snap.attemptId)).filter((e) => e.type === 'late-save-refused');
    expect(ev).toHaveLength(1);
    expect(JSON.parse(ev[0]!.detail_json)).toMatchObject({ item: item.id, seq: 3 });
  });

  it('submit closes the attempt: later saves are refused and the proctor sees it submitted', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const { s, snap, paper } = await answering(t, 1);
    okData(await call(s, 'answer:save', { attempt: snap.attemptId, item: paper.items[0]!.id, seq: 1, value: ['T'] }));
    const done = okData(await call(s, 'attempt:submit', { attempt: snap.attemptId, reason: 'candidate' }));
    expect(done.clock).toMatchObject({ phase: 'submitted', submitReason: 'candidate' });
    expect(await call(s, 'answer:save', { attempt: snap.attemptId, item: paper.items[0]!.id, seq: 2, value: ['F'] })).toMatchObject({ ok: false, error: { code: 'ATTEMPT_CLOSED' } });
    expect(await call(s, 'attempt:submit', { attempt: snap.attemptId, reason: 'candidate' })).toMatchObject({ ok: false, error: { code: 'ATTEMPT_CLOSED' } });
    expect((await storedResponses(t, snap.attemptId)).map((r) => r.value_json)).toEqual(['["T"]']);
    await t.rt.tick();
    const room = okData(await call(p.s, 'room:watch', { sitting: t.fixture.sittingId, room: t.fixture.roomId }));
    expect(room.seats[0]).toMatchObject({ phase: 'submitted', answered: 1, submitReason: 'candidate' });
  });

  it('opens by itself at the scheduled time, and a candidate arriving later gets the time that is left', async () => {
    const p = await watch(t);
    const { s } = await join(t, 1);
    const opened = nextEvent(s, 'sitting:opened');
    t.clock.set('2026-11-23T07:00:00.000Z'); // 15:00 Beijing
    await t.rt.tick();
    await opened;
    expect((await t.db.db.selectFrom('sittings').select('status').where('id', '=', t.fixture.sittingId).executeTakeFirstOrThrow()).status).toBe('open');
    t.clock.advance(15 * MIN);
    const late = await answering(t, 2);
    expect(late.snap.clock.remainingMs).toBe(45 * MIN);
    void p;
  });
});
