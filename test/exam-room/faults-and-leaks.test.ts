import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { call, okData, REFERENCE_MARKER, startRoomServer, type ClientSocket, type RoomServer } from './fixtures';
import { answering, attemptRow, DEVICE_A, join, paperOf, openSitting, sleep, storedResponses, target, watch } from './helpers';

const DIALECTS = await dialects();

/** Every property name anywhere in a value, also inside strings that hold JSON (the paper travels as a string). */
function propertyNames(v: unknown, out = new Set<string>()): Set<string> {
  if (typeof v === 'string') {
    if (v.startsWith('{') || v.startsWith('[')) {
      try {
        propertyNames(JSON.parse(v), out);
      } catch {
        /* plain text */
      }
    }
  } else if (Array.isArray(v)) for (const x of v) propertyNames(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      propertyNames(x, out);
    }
  }
  return out;
}

/** Record every payload a socket receives: events and acks of everything it emits. */
function capture(s: ClientSocket, sink: unknown[]): ClientSocket {
  // Binary attachments (the paper) are decoded so their text is checked like everything else.
  const text = (x: unknown): unknown =>
    x instanceof Uint8Array ? Buffer.from(x).toString('utf8') : Array.isArray(x) ? x.map(text) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, text(v)])) : x;
  s.onAny((event, ...args) => sink.push(text({ event, args })));
  const emit = s.emit.bind(s) as (...a: unknown[]) => unknown;
  (s as unknown as { emit: (...a: unknown[]) => unknown }).emit = (...a: unknown[]) => {
    const last = a[a.length - 1];
    if (typeof last === 'function') a[a.length - 1] = (...r: unknown[]) => { sink.push(text({ ack: a[0], r })); (last as (...x: unknown[]) => void)(...r); };
    return emit(...a);
  };
  return s;
}

describe.each(DIALECTS)('bad input, faults and leaks (%s)', (dialect) => {
  let t: RoomServer;
  beforeEach(async () => {
    t = await startRoomServer(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('no key, mark, reference answer or option weight reaches the candidate in a whole sitting (HTTP and socket payloads)', async () => {
    const seen: unknown[] = [];
    const http = async (method: string, p: string, cookie: string, body?: unknown) => {
      const res = await fetch(t.url + p, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      seen.push({ http: p, body: await res.text() });
    };
    const p = await watch(t);
    const cookie = await t.candidate(1);
    await http('GET', '/api/auth/me', cookie);
    await http('GET', '/api/room/seb', cookie);
    const s = capture(await t.connect(cookie), seen);
    okData(await call(s, 'clock:sync', { clientSentAt: 1 }));
    const lobby = okData(await call(s, 'attempt:resume', { deviceId: DEVICE_A }));
    await openSitting(t, p.s, s);
    const snap = okData(await call(s, 'attempt:resume', { deviceId: DEVICE_A }));
    const paper = paperOf(snap);
    let seq = 0;
    for (const item of paper.items) {
      const value = item.type === 'subjective' ? '参考' : [item.options[0]!.label];
      okData(await call(s, 'answer:save', { attempt: snap.attemptId, item: item.id, seq: ++seq, value }));
    }
    okData(await call(s, 'attempt:signal', { attempt: snap.attemptId, signal: 'blur' }));
    okData(await call(p.s, 'proctor:warn', { ...target(t), attempt: snap.attemptId, message: '请勿左顾右盼' }));
    okData(await call(p.s, 'proctor:notice', { ...target(t), message: '距离考试结束还有 30 分钟' }));
    okData(await call(s, 'attempt:heartbeat', { attempt: snap.attemptId }));
    await http('POST', '/api/room/beacon', cookie, { attempt: snap.attemptId, deviceId: DEVICE_A, saves: [{ item: paper.items[0]!.id, seq: ++seq, value: [paper.items[0]!.options[1]!.label] }] });
    s.disconnect();
    const s2 = capture(await t.connect(cookie), seen);
    okData(await call(s2, 'attempt:resume', { deviceId: DEVICE_A }));
    okData(await call(s2, 'attempt:submit', { attempt: snap.attemptId, reason: 'candidate' }));
    okData(await call(s2, 'attempt:resume', { deviceId: DEVICE_A }));
    await sleep(50);
    void lobby;

    expect(seen.length).toBeGreaterThan(20);
    const names = propertyNames(seen);
    for (const forbidden of ['key', 'keys', 'key_json', 'marks', 'marksPerItem', 'reference', 'fraction', 'answerKey', 'correct', 'passMark', 'spec']) {
      expect(names.has(forbidden), `property "${forbidden}" was sent to the candidate`).toBe(false);
    }
    const text = JSON.stringify(seen);
    expect(text).not.toContain(REFERENCE_MARKER);
    expect(text).not.toContain('REFERENCE-ANSWER');
    // The paper the candidate got has exactly the fields an item view needs.
    expect(Object.keys(paper.items[0]!).sort()).toEqual(['id', 'options', 'stem', 'type']);
  });

  it('malformed, out-of-order and foreign events get an error ack, never crash the server, never change stored answers', async () => {
    const p = await watch(t);
    const early = await join(t, 2);
    // Before the sitting opens: saving and submitting are refused.
    expect(await call(early.s, 'answer:save', { attempt: early.snap.attemptId, item: t.fixture.items[0]!.pin.itemId + '@1', seq: 1, value: ['T'] })).toMatchObject({ ok: false, error: { code: 'ATTEMPT_NOT_STARTED' } });
    expect(await call(early.s, 'attempt:submit', { attempt: early.snap.attemptId, reason: 'candidate' })).toMatchObject({ ok: false, error: { code: 'ATTEMPT_NOT_STARTED' } });
    await openSitting(t, p.s);
    const mine = await answering(t, 1);
    const other = await answering(t, 2);
    const item = mine.paper.items.find((i) => i.type === 'single')!;
    okData(await call(mine.s, 'answer:save', { attempt: mine.snap.attemptId, item: item.id, seq: 10, value: ['A'] }));
    const before = await storedResponses(t, mine.snap.attemptId);

    const raw = mine.s as unknown as { timeout(ms: number): { emitWithAck(...a: unknown[]): Promise<{ ok: boolean; error?: { code: string } }> }; emit(...a: unknown[]): void };
    const bad: [string, unknown][] = [
      ['answer:save', null],
      ['answer:save', 'text'],
      ['answer:save', { attempt: mine.snap.attemptId }],
      ['answer:save', { attempt: -1, item: item.id, seq: 11, value: ['A'] }],
      ['answer:save', { attempt: mine.snap.attemptId, item: item.id, seq: 1.5, value: ['A'] }],
      ['answer:save', { attempt: mine.snap.attemptId, item: item.id, seq: 11, value: { $gt: 1 } }],
      ['answer:save', { attempt: mine.snap.attemptId, item: item.id, seq: 11, value: 'x'.repeat(30_000) }],
      ['answer:save', { attempt: mine.snap.attemptId, item: item.id, seq: '11', value: ['A'] }],
      ['attempt:resume', { deviceId: '../../etc' }],
      ['attempt:signal', { attempt: mine.snap.attemptId, signal: 'rm -rf' }],
      ['proctor:pause', { sitting: t.fixture.sittingId, room: t.fixture.roomId }],
      ['room:watch', { sitting: 'x' }],
    ];
    for (const [event, payload] of bad) {
      const r = await raw.timeout(5000).emitWithAck(event, payload);
      expect(r, `${event} ${JSON.stringify(payload).slice(0, 60)}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    // Well-formed but wrong: unknown item, an option the item does not have, two answers to a single choice,
    // another candidate's attempt, and proctor actions from a candidate.
    const refusals: [string, unknown, string][] = [
      ['answer:save', { attempt: mine.snap.attemptId, item: 'nope@1', seq: 12, value: ['A'] }, 'UNKNOWN_ITEM'],
      ['answer:save', { attempt: mine.snap.attemptId, item: item.id, seq: 12, value: ['Z'] }, 'INVALID_ANSWER'],
      ['answer:save', { attempt: mine.snap.attemptId, item: item.id, seq: 12, value: ['A', 'B'] }, 'INVALID_ANSWER'],
      ['answer:save', { attempt: mine.snap.attemptId, item: item.id, seq: 12, value: 'text' }, 'INVALID_ANSWER'],
      ['answer:save', { attempt: other.snap.attemptId, item: item.id, seq: 99, value: ['D'] }, 'NOT_YOUR_ATTEMPT'],
      ['attempt:submit', { attempt: other.snap.attemptId, reason: 'candidate' }, 'NOT_YOUR_ATTEMPT'],
      ['proctor:force-submit', { ...target(t), attempt: other.snap.attemptId }, 'FORBIDDEN'],
      ['room:watch', { sitting: t.fixture.sittingId, room: t.fixture.roomId }, 'FORBIDDEN'],
    ];
    for (const [event, payload, code] of refusals) {
      expect(await raw.timeout(5000).emitWithAck(event, payload), `${event} ${code}`).toMatchObject({ ok: false, error: { code } });
    }
    // No ack function, a payload that is itself a function, an unknown event: silently ignored.
    raw.emit('answer:save', { attempt: mine.snap.attemptId, item: item.id, seq: 13, value: ['C'] });
    raw.emit('answer:save', () => undefined);
    raw.emit('no:such-event', { x: 1 });
    await sleep(100);
    // The server is alive and the other candidate's answers are untouched.
    expect(okData(await call(other.s, 'attempt:heartbeat', { attempt: other.snap.attemptId })).clock.phase).toBe('answering');
    expect(await storedResponses(t, other.snap.attemptId)).toEqual([]);
    const after = await storedResponses(t, mine.snap.attemptId);
    // The save without an ack was valid and newer, so it is stored; nothing else changed.
    expect(after.map((r) => [r.item_key, Number(r.seq), r.value_json])).toEqual([[item.id, 13, '["C"]']]);
    expect(before).toHaveLength(1);
    expect(t.errors).toEqual([]);

    // A flood is cut off with RATE_LIMITED instead of being processed.
    const flood = await Promise.all(Array.from({ length: 400 }, () => raw.timeout(5000).emitWithAck('attempt:heartbeat', { attempt: mine.snap.attemptId })));
    expect(flood.filter((r) => !r.ok && r.error?.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
  });

  it('a submitted attempt refuses every save, from the socket and from the page-unload beacon', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const mine = await answering(t, 1);
    const item = mine.paper.items[0]!;
    okData(await call(p.s, 'proctor:force-submit', { ...target(t, '考生要求提前离场'), attempt: mine.snap.attemptId }));
    expect(await call(mine.s, 'answer:save', { attempt: mine.snap.attemptId, item: item.id, seq: 1, value: ['T'] })).toMatchObject({ ok: false, error: { code: 'ATTEMPT_CLOSED' } });
    const res = await fetch(`${t.url}/api/room/beacon`, {
      method: 'POST', headers: { cookie: mine.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ attempt: mine.snap.attemptId, deviceId: DEVICE_A, saves: [{ item: item.id, seq: 2, value: ['T'] }] }),
    });
    expect(await res.json()).toEqual({ results: [{ item: item.id, seq: 2, ok: false, code: 'ATTEMPT_CLOSED' }] });
    expect(await storedResponses(t, mine.snap.attemptId)).toEqual([]);
    expect((await attemptRow(t, mine.snap.attemptId)).submit_reason).toBe('proctor');
  });

  it('the quality supervisor watches any room live but every action is refused on the server', async () => {
    const sup = await watch(t, 'supervisor');
    expect(sup.snap.canAct).toBe(false);
    expect(sup.snap.seats).toHaveLength(3);
    for (const [event, payload] of [
      ['proctor:open', target(t)],
      ['proctor:pause', target(t)],
      ['proctor:notice', { ...target(t), message: 'x' }],
      ['proctor:incident', target(t)],
    ] as const) {
      expect(await call(sup.s, event, payload as never), event).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // proctor2 is not assigned to this fixture room: may neither watch nor act.
    const other = await t.connect(await t.staff('proctor2'));
    expect(await call(other, 'room:watch', { sitting: t.fixture.sittingId, room: t.fixture.roomId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await t.db.db.selectFrom('sittings').select('status').where('id', '=', t.fixture.sittingId).executeTakeFirstOrThrow()).status).toBe('scheduled');
  });

  it('a violation marks the attempt, an incident is recorded, both reach the live log', async () => {
    const p = await watch(t);
    await openSitting(t, p.s);
    const mine = await answering(t, 1);
    const log = new Promise<string[]>((resolve) => {
      const got: string[] = [];
      p.s.on('room:log', (x) => {
        got.push(...x.entries.map((e) => e.text));
        if (got.some((g) => g.includes('违纪')) && got.some((g) => g.includes('停电'))) resolve(got);
      });
    });
    okData(await call(p.s, 'proctor:violation', { ...target(t, '考试中使用手机'), attempt: mine.snap.attemptId, category: '携带使用通讯工具' }));
    okData(await call(p.s, 'proctor:incident', { ...target(t, '第3排停电2分钟'), category: '设备故障', action: '暂停后恢复' }));
    expect((await attemptRow(t, mine.snap.attemptId)).violation_category).toBe('携带使用通讯工具');
    const incidents = await t.db.db.selectFrom('incidents').select(['kind', 'category', 'description', 'action']).where('sitting_id', '=', t.fixture.sittingId).where('kind', 'in', ['violation', 'incident']).orderBy('id').execute();
    expect(incidents).toEqual([
      { kind: 'violation', category: '携带使用通讯工具', description: '考试中使用手机', action: '记录违纪' },
      { kind: 'incident', category: '设备故障', description: '第3排停电2分钟', action: '暂停后恢复' },
    ]);
    expect(await log).toEqual(expect.arrayContaining([expect.stringContaining('携带使用通讯工具')]));
    const room = okData(await call(p.s, 'room:watch', { sitting: t.fixture.sittingId, room: t.fixture.roomId }));
    expect(room.seats[0]!.violation).toBe('携带使用通讯工具');
  });
});
