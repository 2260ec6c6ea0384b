import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { dialects } from '../support/databases';
import { parseSebConfig, sebHash, verifySeb } from '../../server/exam-room';
import { call, okData, startRoomServer, type RoomServer } from './fixtures';
import { answering, DEVICE_A, DEVICE_B, join, openSitting, storedResponses, target, watch } from './helpers';

const DIALECTS = await dialects();

// Vectors computed outside this code base (`printf '%s' "$URL$KEY" | sha256sum`).
const BEK = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';
const CK = 'fedcba9876543210fedcba9876543210fedcba9876543210fedcba98765432';
const SEB_URL = 'https://exam.example.cn/api/room/seb';
const VECTORS = {
  bek: '3ff2cde01bc48ad20e2f53b3cac997791863cf91ba22d8454d34e1610b785279',
  ck: '972e53781d1eb35b86348eeb3b80c7cd27f6e492d8ce19db74a3ed944193dba0',
  bekWithQuery: '5923024b393f416c0ddef1170b0a0e6463263a63801db2f915ee0710a18e30d3',
};

describe('Safe Exam Browser hashes', () => {
  it('match known vectors: SHA-256 hex of URL followed by the key', () => {
    expect(sebHash(SEB_URL, BEK)).toBe(VECTORS.bek);
    expect(sebHash(SEB_URL, CK)).toBe(VECTORS.ck);
    expect(sebHash(`${SEB_URL}?t=1`, BEK)).toBe(VECTORS.bekWithQuery);
  });

  it('accept the right headers, refuse wrong key, wrong URL, missing header; every configured kind must match', () => {
    const both = { browserExamKeys: ['other-key', BEK], configKeys: [CK] };
    expect(verifySeb(both, SEB_URL, { requestHash: VECTORS.bek, configKeyHash: VECTORS.ck })).toEqual({ ok: true });
    expect(verifySeb(both, SEB_URL, { requestHash: VECTORS.bek.toUpperCase(), configKeyHash: VECTORS.ck })).toEqual({ ok: true });
    expect(verifySeb(both, SEB_URL, { requestHash: VECTORS.bek })).toEqual({ ok: false, reason: 'config-key-hash' });
    expect(verifySeb(both, SEB_URL, { requestHash: VECTORS.ck, configKeyHash: VECTORS.ck })).toEqual({ ok: false, reason: 'request-hash' });
    expect(verifySeb(both, `${SEB_URL}?t=1`, { requestHash: VECTORS.bek, configKeyHash: VECTORS.ck })).toEqual({ ok: false, reason: 'request-hash' });
    expect(verifySeb({ browserExamKeys: [], configKeys: [CK] }, SEB_URL, { configKeyHash: VECTORS.ck })).toEqual({ ok: true });
    expect(verifySeb({ browserExamKeys: [BEK], configKeys: [] }, SEB_URL, { requestHash: 'short' })).toEqual({ ok: false, reason: 'request-hash' });
  });

  it('reads the sitting setting; a malformed setting still requires SEB (never silently off)', () => {
    expect(parseSebConfig(null)).toBeNull();
    expect(parseSebConfig('{"browserExamKeys":[],"configKeys":[]}')).toBeNull();
    expect(parseSebConfig(JSON.stringify({ browserExamKeys: [BEK] }))).toEqual({ browserExamKeys: [BEK], configKeys: [] });
    const broken = parseSebConfig('{not json');
    expect(broken).not.toBeNull();
    expect(verifySeb(broken!, SEB_URL, { requestHash: VECTORS.bek, configKeyHash: VECTORS.ck }).ok).toBe(false);
  });
});

describe.each(DIALECTS)('exam room HTTP (%s)', (dialect) => {
  describe('with SEB required', () => {
    let t: RoomServer;
    beforeEach(async () => {
      t = await startRoomServer(dialect, { sebJson: JSON.stringify({ browserExamKeys: [BEK], configKeys: [CK] }) });
    });
    afterEach(async () => t.close());

    it('the SEB check accepts the computed hashes for the public origin, refuses others and forwarded hosts do not matter', async () => {
      const cookie = await t.candidate(1);
      const get = (headers: Record<string, string>) => fetch(`${t.url}/api/room/seb`, { headers: { cookie, ...headers } });
      const good = await get({ 'X-SafeExamBrowser-RequestHash': VECTORS.bek, 'X-SafeExamBrowser-ConfigKeyHash': VECTORS.ck, 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'http' });
      expect(good.status).toBe(200);
      const { token } = (await good.json()) as { token: string };
      expect(token).toBeTruthy();
      const none = await get({});
      expect(none.status).toBe(403);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('SEB_REQUIRED');
      // Hashes made for the URL the client claims via forwarded headers are not accepted.
      const forged = await get({ 'X-SafeExamBrowser-RequestHash': sebHash(`${t.url}/api/room/seb`, BEK), 'X-SafeExamBrowser-ConfigKeyHash': sebHash(`${t.url}/api/room/seb`, CK) });
      expect(forged.status).toBe(403);

      // The socket join needs the pass from a verified request.
      const s = await t.connect(cookie);
      expect(await call(s, 'attempt:resume', { deviceId: DEVICE_A })).toMatchObject({ ok: false, error: { code: 'SEB_REQUIRED' } });
      expect(await call(s, 'attempt:resume', { deviceId: DEVICE_A, sebToken: token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) })).toMatchObject({ ok: false, error: { code: 'SEB_REQUIRED' } });
      const snap = okData(await call(s, 'attempt:resume', { deviceId: DEVICE_A, sebToken: token }));
      expect(snap.sitting.sebRequired).toBe(true);
      // The pass is bound to the seat: another candidate cannot use it.
      const other = await t.connect(await t.candidate(2));
      expect(await call(other, 'attempt:resume', { deviceId: DEVICE_B, sebToken: token })).toMatchObject({ ok: false, error: { code: 'SEB_REQUIRED' } });
    });
  });

  describe('without SEB', () => {
    let t: RoomServer;
    beforeEach(async () => {
      t = await startRoomServer(dialect);
    });
    afterEach(async () => t.close());

    it('the page-unload beacon applies the same seq rule and device check as the socket', async () => {
      const p = await watch(t);
      await openSitting(t, p.s);
      const me = await answering(t, 1);
      const item = me.paper.items.find((i) => i.type === 'judge')!;
      okData(await call(me.s, 'answer:save', { attempt: me.snap.attemptId, item: item.id, seq: 4, value: ['T'] }));
      const beacon = async (body: unknown, cookie = me.cookie) => {
        // sendBeacon posts a Blob typed application/json.
        const res = await fetch(`${t.url}/api/room/beacon`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as { results?: unknown[]; error?: { code: string } } };
      };
      const r = await beacon({ attempt: me.snap.attemptId, deviceId: DEVICE_A, saves: [{ item: item.id, seq: 3, value: ['F'] }, { item: item.id, seq: 5, value: ['F'], flagged: true }] });
      expect(r.body.results).toEqual([
        { item: item.id, seq: 3, ok: false, code: 'STALE_SEQ' },
        { item: item.id, seq: 5, ok: true },
      ]);
      expect(await beacon({ attempt: me.snap.attemptId, deviceId: DEVICE_B, saves: [{ item: item.id, seq: 9, value: ['T'] }] })).toMatchObject({ body: { results: [{ ok: false, code: 'DEVICE_BLOCKED' }] } });
      const other = await t.candidate(2);
      expect(await beacon({ attempt: me.snap.attemptId, deviceId: DEVICE_A, saves: [{ item: item.id, seq: 10, value: ['T'] }] }, other)).toMatchObject({ status: 403, body: { error: { code: 'NOT_YOUR_ATTEMPT' } } });
      expect(await beacon({ attempt: me.snap.attemptId, deviceId: DEVICE_A, saves: [] })).toMatchObject({ status: 400 });
      const rows = await storedResponses(t, me.snap.attemptId);
      expect(rows.map((x) => [Number(x.seq), x.value_json, Number(x.flagged)])).toEqual([[5, '["F"]', 1]]);
      // The next resume shows the beacon's answer.
      expect(okData(await call(me.s, 'attempt:resume', { deviceId: DEVICE_A })).answers).toEqual([{ item: item.id, seq: 5, value: ['F'], flagged: true }]);
    });

    it('lists the rooms a proctor is assigned to, and every room to the supervisor', async () => {
      const list = async (user: string) => {
        const res = await fetch(`${t.url}/api/room/rooms`, { headers: { cookie: await t.staff(user) } });
        return ((await res.json()) as { rooms: { sittingId: number; roomId: number; seats: number }[] }).rooms;
      };
      const mine = await list('proctor1');
      expect(mine).toContainEqual(expect.objectContaining({ sittingId: t.fixture.sittingId, roomId: t.fixture.roomId, seats: 3 }));
      const p2 = await list('proctor2');
      expect(p2.some((r) => r.sittingId === t.fixture.sittingId)).toBe(false);
      expect(p2.length).toBeGreaterThan(0); // the demo room (room-demo.ts assigns proctor1 and proctor2)
      const sup = await list('supervisor');
      expect(sup.length).toBeGreaterThanOrEqual(mine.length + 0);
      expect(sup).toContainEqual(expect.objectContaining({ sittingId: t.fixture.sittingId, roomId: t.fixture.roomId }));
    });

    it('the incident sheet PDF counts sign-ins and absences and lists incidents and violations', async () => {
      const p = await watch(t);
      await openSitting(t, p.s);
      const one = await answering(t, 1);
      await answering(t, 2);
      okData(await call(p.s, 'proctor:violation', { ...target(t, '考试中使用手机'), attempt: one.snap.attemptId, category: '携带使用通讯工具' }));
      okData(await call(p.s, 'proctor:extend', { ...target(t, '停电补时'), minutes: 5 }));
      const res = await fetch(`${t.url}/api/room/sittings/${t.fixture.sittingId}/rooms/${t.fixture.roomId}/incident-sheet`, { headers: { cookie: await t.staff('supervisor') } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
      const { text } = await extractText(pdf, { mergePages: true });
      const flat = text.replace(/\s+/g, '');
      expect(flat).toContain('考场情况记录单');
      expect(flat).toContain('应到人数3人');
      expect(flat).toContain('实到人数2人');
      expect(flat).toContain('缺考人数1人');
      expect(flat).toContain(t.fixture.candidates[2]!.name); // the absentee
      expect(flat).toContain('携带使用通讯工具');
      expect(flat).toContain('延长考试时间5分钟');
      expect(flat).toContain('李强');
      // Other roles and rooms are refused.
      const cand = await fetch(`${t.url}/api/room/sittings/${t.fixture.sittingId}/rooms/${t.fixture.roomId}/incident-sheet`, { headers: { cookie: one.cookie } });
      expect(cand.status).toBe(403);
      const p2 = await fetch(`${t.url}/api/room/sittings/${t.fixture.sittingId}/rooms/${t.fixture.roomId}/incident-sheet`, { headers: { cookie: await t.staff('proctor2') } });
      expect(p2.status).toBe(403);
    });

    it('closing the sitting waits for every candidate; the demo room is assigned to both demo proctors', async () => {
      const p = await watch(t);
      await openSitting(t, p.s);
      const one = await answering(t, 1);
      expect(await call(p.s, 'proctor:close', target(t, '考试结束'))).toMatchObject({ ok: false, error: { code: 'STATE_CONFLICT' } });
      okData(await call(one.s, 'attempt:submit', { attempt: one.snap.attemptId, reason: 'candidate' }));
      okData(await call(p.s, 'proctor:close', target(t, '考试结束')));
      expect((await t.db.db.selectFrom('sittings').select('status').where('id', '=', t.fixture.sittingId).executeTakeFirstOrThrow()).status).toBe('closed');
      // Nobody can join a closed sitting.
      const late = await t.connect(await t.candidate(3));
      expect(await call(late, 'attempt:resume', { deviceId: DEVICE_A })).toMatchObject({ ok: false, error: { code: 'SITTING_CLOSED' } });
      const demo = await t.db.db
        .selectFrom('staff_assignments')
        .innerJoin('users', 'users.id', 'staff_assignments.user_id')
        .select('users.username')
        .where('staff_assignments.sitting_id', '=', (await t.db.db.selectFrom('sittings').select('id').orderBy('id').executeTakeFirstOrThrow()).id)
        .execute();
      expect(demo.map((d) => d.username).sort()).toEqual(['proctor1', 'proctor2']);
      void join;
    });
  });
});
