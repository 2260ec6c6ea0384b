import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { dialects } from '../support/databases';
import { systemActor } from '../../server/auth/actor';
import { markPapersUsed } from '../../server/exam-room/paper-use';
import { addFixtureRoom, call, nextEvent, okData, startRoomServer, type ClientSocket, type RoomFixture, type RoomServer } from './fixtures';
import { answering, attemptRow, DEVICE_A, join, openSitting, target, watch } from './helpers';

const DIALECTS = await dialects();
const MIN = 60_000;

describe.each(DIALECTS)('each room opens and closes on its own (%s)', (dialect) => {
  let t: RoomServer;
  let room2: { roomId: number; candidates: RoomFixture['candidates'] };
  beforeEach(async () => {
    t = await startRoomServer(dialect, { durationMin: 60, graceSeconds: 30 });
    room2 = await addFixtureRoom(t.db.db, t.fixture, { now: t.clock.now(), candidates: 2 });
  });
  afterEach(async () => {
    await t.close();
  });

  const sittingStatus = async () => (await t.db.db.selectFrom('sittings').select('status').where('id', '=', t.fixture.sittingId).executeTakeFirstOrThrow()).status;
  const target2 = (reason = '测试') => ({ sitting: t.fixture.sittingId, room: room2.roomId, reason });
  /** A candidate of the second room, resumed from DEVICE_A. */
  const join2 = async (seat: number) => {
    const s = await t.connect(await t.candidateLogin(room2.candidates[seat - 1]!));
    return { s, r: await call(s, 'attempt:resume', { deviceId: DEVICE_A }) };
  };
  const watch2 = async () => {
    const s = await t.connect(await t.staff('proctor2'));
    return { s, snap: okData(await call(s, 'room:watch', { sitting: t.fixture.sittingId, room: room2.roomId })) };
  };
  const pdfText = async (roomId: number) => {
    const res = await fetch(`${t.url}/api/room/sittings/${t.fixture.sittingId}/rooms/${roomId}/incident-sheet`, { headers: { cookie: await t.staff('supervisor') } });
    expect(res.status).toBe(200);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.arrayBuffer())), { mergePages: true });
    return text.replace(/\s+/g, '');
  };

  it('room 1 opening starts only room 1: room 2 stays in the lobby until its own proctor opens it, and its clock counts from there', async () => {
    const p1 = await watch(t);
    const p2 = await watch2();
    const one = await join(t, 1);
    const two = await join2(1);
    expect(okData(two.r).sitting.status).toBe('scheduled');

    const room2Told = new Promise<boolean>((resolve) => {
      two.s.once('sitting:opened', () => resolve(true));
      setTimeout(() => resolve(false), 300);
    });
    await openSitting(t, p1.s, one.s);
    expect(await room2Told).toBe(false); // room 2's candidates are not called in
    expect(await sittingStatus()).toBe('open'); // the sitting is open from its first room

    // Room 2's candidate is still waiting, and sees their own room's state.
    const still = okData(await call(two.s, 'attempt:resume', { deviceId: DEVICE_A }));
    expect(still.clock.phase).toBe('lobby');
    expect(still.paper).toBeNull();
    expect(still.sitting).toMatchObject({ status: 'scheduled', openedAt: null });
    expect((await attemptRow(t, still.attemptId)).state).toBe('lobby');
    // Room 2's live view still shows it not opened; room 1's shows its opening.
    const v2 = okData(await call(p2.s, 'room:watch', { sitting: t.fixture.sittingId, room: room2.roomId }));
    expect(v2.sitting).toMatchObject({ status: 'scheduled', openedAt: null });
    expect(v2.seats[0]!.phase).toBe('lobby');
    const v1 = okData(await call(p1.s, 'room:watch', { sitting: t.fixture.sittingId, room: t.fixture.roomId }));
    expect(v1.sitting).toMatchObject({ status: 'open', openedAt: t.clock.now().getTime() });
    // The room list shows each room's own state.
    const list = (await (await fetch(`${t.url}/api/room/rooms`, { headers: { cookie: await t.staff('supervisor') } })).json()) as { rooms: { roomId: number; status: string }[] };
    expect(list.rooms.find((r) => r.roomId === t.fixture.roomId)!.status).toBe('open');
    expect(list.rooms.find((r) => r.roomId === room2.roomId)!.status).toBe('scheduled');

    // Ten minutes later room 2's proctor opens room 2: its candidate gets the full hour, room 1's has 50 minutes.
    t.clock.advance(10 * MIN);
    const heard = nextEvent(two.s, 'sitting:opened');
    expect(okData(await call(p2.s, 'proctor:open', target2('核验完毕'))).changed).toBe(1);
    expect((await heard).openedAt).toBe(t.clock.now().getTime());
    const started = okData(await call(two.s, 'attempt:resume', { deviceId: DEVICE_A }));
    expect(started.clock).toMatchObject({ phase: 'answering', remainingMs: 60 * MIN });
    expect(started.sitting.status).toBe('open');
    const first = okData(await call(one.s, 'attempt:resume', { deviceId: DEVICE_A }));
    expect(first.clock.remainingMs).toBe(50 * MIN);
    // Opening a room twice is refused.
    expect(await call(p2.s, 'proctor:open', target2('再次开考'))).toMatchObject({ ok: false, error: { code: 'STATE_CONFLICT' } });

    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'object_type', 'object_id']).where('action', '=', 'room.open').orderBy('id').execute();
    expect(audit.map((a) => [a.object_type, a.object_id])).toEqual([
      ['room', `${t.fixture.sittingId}:${t.fixture.roomId}`],
      ['room', `${t.fixture.sittingId}:${room2.roomId}`],
    ]);
  });

  it('room 2’s proctor can neither open nor close room 1; the sitting closes only when every seated room is closed', async () => {
    const p1 = await watch(t);
    const p2 = await watch2();
    expect(await call(p2.s, 'proctor:open', target(t))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await sittingStatus()).toBe('scheduled');
    expect(await t.db.db.selectFrom('sitting_rooms').selectAll().execute()).toEqual([]);
    // Closing a room that never opened is refused.
    expect(await call(p2.s, 'proctor:close', target2())).toMatchObject({ ok: false, error: { code: 'STATE_CONFLICT', message: '本考场尚未开考' } });

    await openSitting(t, p1.s);
    okData(await call(p2.s, 'proctor:open', target2()));
    const one = await answering(t, 1);
    expect(await call(p2.s, 'proctor:close', target(t))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Room 1 waits for its own candidate only; room 2's candidates do not hold it.
    expect(await call(p1.s, 'proctor:close', target(t, '考试结束'))).toMatchObject({ ok: false, error: { code: 'STATE_CONFLICT' } });
    const two = await join2(1);
    expect(okData(two.r).clock.phase).toBe('answering');
    okData(await call(one.s, 'attempt:submit', { attempt: one.snap.attemptId, reason: 'candidate' }));
    okData(await call(p1.s, 'proctor:close', target(t, '考试结束')));
    expect(await sittingStatus()).toBe('open'); // room 2 still running
    const v1 = okData(await call(p1.s, 'room:watch', { sitting: t.fixture.sittingId, room: t.fixture.roomId }));
    expect(v1.sitting.status).toBe('closed');
    expect(v1.sitting.closedAt).toBe(t.clock.now().getTime());
    // Room 2's candidate answers on; room 1's latecomer cannot join a closed room.
    expect(okData(await call(two.s, 'attempt:heartbeat', { attempt: okData(two.r).attemptId })).clock.phase).toBe('answering');
    const gone = await t.connect(await t.candidate(3));
    expect(await call(gone, 'attempt:resume', { deviceId: DEVICE_A })).toMatchObject({ ok: false, error: { code: 'SITTING_CLOSED' } });

    expect(await call(p2.s, 'proctor:close', target2('考试结束'))).toMatchObject({ ok: false, error: { code: 'STATE_CONFLICT' } });
    okData(await call(two.s, 'attempt:submit', { attempt: okData(two.r).attemptId, reason: 'candidate' }));
    okData(await call(p2.s, 'proctor:close', target2('考试结束')));
    expect(await sittingStatus()).toBe('closed');
    const rows = await t.db.db.selectFrom('sitting_rooms').select(['room_id', 'status', 'opened_by', 'closed_by']).orderBy('room_id').execute();
    expect(rows.map((r) => r.status)).toEqual(['closed', 'closed']);
    expect(rows.every((r) => r.opened_by.startsWith('user:') && r.closed_by?.startsWith('user:'))).toBe(true);
  });

  it('the schedule opens every room not opened yet; a room its proctor opened early keeps its own opening', async () => {
    const p1 = await watch(t);
    t.clock.set('2026-11-23T06:50:00.000Z'); // 14:50 Beijing: room 1 opens ten minutes early
    await openSitting(t, p1.s);
    const one = await answering(t, 1);
    const two = await join2(1);
    expect(okData(two.r).clock.phase).toBe('lobby');
    t.clock.set('2026-11-23T07:00:00.000Z'); // 15:00 Beijing
    const heard = nextEvent(two.s, 'sitting:opened');
    await t.rt.tick();
    await heard;
    const rows = await t.db.db.selectFrom('sitting_rooms').select(['room_id', 'opened_at', 'opened_by']).orderBy('room_id').execute();
    expect(rows.map((r) => [r.room_id, r.opened_at])).toEqual([
      [t.fixture.roomId, '2026-11-23T06:50:00.000Z'],
      [room2.roomId, '2026-11-23T07:00:00.000Z'],
    ]);
    expect(rows[1]!.opened_by).toBe('room-schedule'); // the system actor's audit id
    expect(okData(await call(two.s, 'attempt:resume', { deviceId: DEVICE_A })).clock.remainingMs).toBe(60 * MIN);
    expect(okData(await call(one.s, 'attempt:heartbeat', { attempt: one.snap.attemptId })).clock.remainingMs).toBe(50 * MIN);

    // After each room's own end + grace the sweeper submits whoever is left and closes the room; the sitting closes with the last one.
    t.clock.set('2026-11-23T07:51:00.000Z'); // room 1: 14:50 + 60 min + 30 s grace has passed; room 2 runs until 16:00
    await t.rt.tick();
    await t.rt.tick();
    expect((await attemptRow(t, one.snap.attemptId)).submit_reason).toBe('timeout');
    const state = async () => (await t.db.db.selectFrom('sitting_rooms').select('status').orderBy('room_id').execute()).map((r) => r.status);
    expect(await state()).toEqual(['closed', 'open']);
    expect(await sittingStatus()).toBe('open');
    t.clock.set('2026-11-23T08:01:00.000Z');
    await t.rt.tick();
    await t.rt.tick();
    expect(await state()).toEqual(['closed', 'closed']);
    expect(await sittingStatus()).toBe('closed');
  });

  it('the released paper becomes used with one 台账 row when the first room opens, not again for the next room', async () => {
    const p1 = await watch(t);
    const p2 = await watch2();
    const paper = () => t.db.db.selectFrom('papers').select('status').where('id', '=', t.fixture.paperId).executeTakeFirstOrThrow();
    const ledger = () => t.db.db.selectFrom('paper_ledger').select(['event', 'sitting_id']).where('paper_id', '=', t.fixture.paperId).where('event', '=', 'used').execute();
    expect((await paper()).status).toBe('released');
    await openSitting(t, p1.s);
    expect((await paper()).status).toBe('used');
    expect(await ledger()).toEqual([{ event: 'used', sitting_id: t.fixture.sittingId }]);
    okData(await call(p2.s, 'proctor:open', target2()));
    expect(await ledger()).toHaveLength(1);
    expect(await t.db.db.selectFrom('audit_log').select('action').where('action', '=', 'paper.use').execute()).toHaveLength(1);

    // The same (reserve) paper used by a second sitting: no second status change, that sitting's own ledger row once.
    const s = await t.db.db.selectFrom('sittings').selectAll().where('id', '=', t.fixture.sittingId).executeTakeFirstOrThrow();
    const other = await t.db.db
      .insertInto('sittings')
      .values({ batch_id: s.batch_id, component: 'theory', date: s.date, start_time: '18:00', duration_min: 60, venue: s.venue, status: 'scheduled', grace_seconds: 30, seb_json: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const slot = await t.db.db.selectFrom('sitting_papers').selectAll().where('sitting_id', '=', t.fixture.sittingId).executeTakeFirstOrThrow();
    await t.db.db.insertInto('sitting_papers').values({ sitting_id: other.id, occupation_id: slot.occupation_id, level: slot.level, paper_set_id: slot.paper_set_id, paper_id: slot.paper_id }).execute();
    const use = () => t.db.db.transaction().execute((trx) => markPapersUsed(trx, systemActor('room-schedule'), t.clock.now(), other.id));
    expect(await use()).toEqual([]);
    expect(await use()).toEqual([]);
    expect((await paper()).status).toBe('used');
    expect((await ledger()).map((l) => l.sitting_id)).toEqual([t.fixture.sittingId, other.id]);
  });

  it('a first arrival more than 15 minutes after the room opened is refused, reported to the proctor and recorded — without an attempt', async () => {
    const p1 = await watch(t);
    const early = await join(t, 1); // in the lobby before the opening
    await openSitting(t, p1.s, early.s);
    early.s.disconnect();

    t.clock.advance(15 * MIN); // exactly 15 minutes: still admitted
    const onTime = await answering(t, 2);
    expect(onTime.snap.clock.remainingMs).toBe(45 * MIN);

    t.clock.advance(1_000);
    const logged = nextEvent(p1.s, 'room:log', (x) => x.entries.some((e) => e.text.includes('迟到')));
    const flagged = nextEvent(p1.s, 'room:seats', (x) => x.seats.some((seat) => seat.seatNo === 3 && seat.flags['late-entry'] === 1));
    const lateSocket = await t.connect(await t.candidate(3));
    const refused = await call(lateSocket, 'attempt:resume', { deviceId: DEVICE_A });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LATE_ENTRY' } });
    if (!refused.ok) expect(refused.error.message).toContain('15 分钟');
    await t.rt.tick();
    expect((await logged).entries.find((e) => e.text.includes('迟到'))).toMatchObject({ seatNo: 3 });
    expect((await flagged).seats.find((x) => x.seatNo === 3)!.phase).toBe('absent');
    const candidate3 = t.fixture.candidates[2]!;
    expect(await t.db.db.selectFrom('attempts').select('id').where('sitting_id', '=', t.fixture.sittingId).where('candidate_id', '=', candidate3.id).execute()).toEqual([]);
    // Trying again is refused again but recorded once.
    expect(await call(lateSocket, 'attempt:resume', { deviceId: DEVICE_A })).toMatchObject({ ok: false, error: { code: 'LATE_ENTRY' } });
    const incidents = await t.db.db.selectFrom('incidents').select(['kind', 'category', 'description']).where('sitting_id', '=', t.fixture.sittingId).where('category', '=', '迟到不得入场').execute();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.description).toContain('3号');
    expect(incidents[0]!.description).toContain(candidate3.name);
    expect(incidents[0]!.description).toContain('09:15'); // arrival time, Beijing
    const audit = await t.db.db.selectFrom('audit_log').select('after_json').where('action', '=', 'room.late-entry').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ seatNo: 3, admitted: false });

    // A candidate who had joined before is never refused for lateness: back after 20 minutes, answering.
    t.clock.advance(5 * MIN - 1_000);
    const back = await join(t, 1);
    expect(back.snap.clock).toMatchObject({ phase: 'answering', remainingMs: 40 * MIN });
    // The proctor reopening the room view (a reload) still sees the late seat flagged.
    const again = okData(await call(p1.s, 'room:watch', { sitting: t.fixture.sittingId, room: t.fixture.roomId }));
    expect(again.seats.find((x) => x.seatNo === 3)!.flags['late-entry']).toBe(1);
    // And it is on the incident sheet (measure taken: not admitted).
    expect(await pdfText(t.fixture.roomId)).toContain('不准入场');
    void (lateSocket as ClientSocket);
  });

  it('a "timeout" submit with time left is recorded as the candidate’s own; at the end it stays a timeout', async () => {
    const p1 = await watch(t);
    await openSitting(t, p1.s);
    const early = await answering(t, 1);
    const onTime = await answering(t, 2);
    t.clock.advance(10 * MIN);
    const r1 = okData(await call(early.s, 'attempt:submit', { attempt: early.snap.attemptId, reason: 'timeout' }));
    expect(r1.clock.submitReason).toBe('candidate');
    expect((await attemptRow(t, early.snap.attemptId)).submit_reason).toBe('candidate');
    t.clock.advance(50 * MIN - 1_000); // one second left by the server clock: within the tolerance
    const r2 = okData(await call(onTime.s, 'attempt:submit', { attempt: onTime.snap.attemptId, reason: 'timeout' }));
    expect(r2.clock.submitReason).toBe('timeout');
    expect((await attemptRow(t, onTime.snap.attemptId)).submit_reason).toBe('timeout');
  });

  it('the incident sheet shows the room’s actual opening and closing next to the planned times; planned only before it opens', async () => {
    const p1 = await watch(t);
    const before = await pdfText(t.fixture.roomId);
    expect(before).toContain('15:00–16:00');
    expect(before).not.toContain('实际开考');
    await openSitting(t, p1.s); // 09:00 Beijing
    const one = await answering(t, 1);
    t.clock.advance(42 * MIN);
    okData(await call(one.s, 'attempt:submit', { attempt: one.snap.attemptId, reason: 'candidate' }));
    okData(await call(p1.s, 'proctor:close', target(t, '考试结束'))); // 09:42
    const after = await pdfText(t.fixture.roomId);
    expect(after).toContain('15:00（实际开考09:00）');
    expect(after).toContain('16:00（实际结束09:42）');
    // Room 2 never opened: planned times only.
    const other = await pdfText(room2.roomId);
    expect(other).toContain('15:00–16:00');
    expect(other).not.toContain('实际开考');
  });
});
