import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { ELECTRICIAN, LATHE, candidateRows, importRows, lastAudit, planBatch, type PlannedBatch } from './fixtures';

const DIALECTS = await dialects();

describe.each(DIALECTS)('考务人员 over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let p: PlannedBatch;
  let room: number;
  const users: Record<string, number> = {};
  const rows = candidateRows(20, [
    { code: ELECTRICIAN, level: '四级' },
    { code: LATHE, level: '五级' },
  ]);

  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [] });
    office = await t.login('office');
    // More staff than the demo has: five examiners make an odd group of five.
    const org = await t.db.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    const hash = await hashPassword('Demo2026!');
    const at = t.clock.now().toISOString();
    for (const [username, role, unit] of [
      ['examiner4', 'examiner', '江西省示范职业技能评价中心'],
      ['examiner5', 'examiner', '江西省示范职业技能评价中心'],
      ['proctor3', 'proctor', rows[0]!['工作单位/学校'] as string],
    ] as const) {
      await t.db.db.insertInto('users').values({ organization_id: org.id, username, display_name: username, role, password_hash: hash, work_unit: unit, created_at: at, updated_at: at }).execute();
    }
    for (const u of await t.db.db.selectFrom('users').select(['id', 'username']).execute()) users[u.username] = u.id;
    p = await planBatch(t, office);
    expect((await importRows(t, office, p.batchId, rows)).status).toBe(201);
    room = (await t.call('POST', `/api/batches/${p.batchId}/rooms`, { cookie: office, body: { name: '第1考场', venue: '实训楼301' } })).body.room.id;
    expect((await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.theoryId}/arrange`, { cookie: office, body: {} })).body.seated).toBe(20);
  });
  afterAll(async () => t.close());

  const proctors = (ids: number[]) => t.call('PUT', `/api/batches/${p.batchId}/sittings/${p.theoryId}/rooms/${room}/proctors`, { cookie: office, body: { userIds: ids } });
  const group = (name: string, leaderId: number, examinerIds: number[]) =>
    t.call('PUT', `/api/batches/${p.batchId}/sittings/${p.practicalId}/groups`, { cookie: office, body: { name, leaderId, examinerIds } });

  it('refuses a theory room with fewer than 2 proctors, naming the minimum', async () => {
    const r = await proctors([users.proctor1!]);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('STAFFING_INSUFFICIENT');
    expect(r.body.error.message).toBe('考场“第1考场”有20名考生，至少需要2名监考员，现有1名');
  });

  it('refuses a proctor from the same work unit as a candidate in the room, with the reason', async () => {
    const r = await proctors([users.proctor1!, users.proctor3!]);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CONFLICT_OF_INTEREST');
    expect(r.body.error.message).toContain(`监考员proctor3须回避考生${rows[0]!['姓名']}：与其工作单位相同（${rows[0]!['工作单位/学校']}）`);
  });

  it('refuses a non-proctor account as proctor', async () => {
    const r = await proctors([users.proctor1!, users.examiner1!]);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('不是监考员账号');
  });

  it('assigns two proctors and audits before/after', async () => {
    const r = await proctors([users.proctor1!, users.proctor2!]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rooms[0]).toMatchObject({ roomName: '第1考场', candidateCount: 20, check: { ok: true, required: 2, actual: 2 } });
    const a = await lastAudit(t, 'staff.proctors');
    expect(a.before).toEqual([]);
    expect(a.after.map((x: { userId: number }) => x.userId).sort()).toEqual([users.proctor1, users.proctor2].sort());
  });

  it('practical groups need an odd number ≥ 3 and one examiner per 5 candidates, with a leader', async () => {
    const three = await group('第1组', users.examiner1!, [users.examiner2!, users.examiner3!]);
    expect(three.status).toBe(409);
    expect(three.body.error.message).toBe('考评组有20名考生，至少需要5名考评员，现有3名');
    const four = await group('第1组', users.examiner1!, [users.examiner2!, users.examiner3!, users.examiner4!]);
    expect(four.body.error.message).toContain('考评组人数应为奇数，现有4名');
    const five = await group('第1组', users.examiner1!, [users.examiner2!, users.examiner3!, users.examiner4!, users.examiner5!]);
    expect(five.status, JSON.stringify(five.body)).toBe(200);
    expect(five.body.groups[0]).toMatchObject({ name: '第1组', candidateCount: 20, leader: { userId: users.examiner1 }, check: { ok: true, required: 5, actual: 5 } });
  });

  it('refuses an examiner who declared a relation with a candidate of the sitting', async () => {
    const rel = await t.call('POST', '/api/declared-relations', { cookie: office, body: { userId: users.examiner2, idNumber: String(rows[3]!['证件号码']).toLowerCase(), relation: 'relative', note: '表兄弟' } });
    expect(rel.status).toBe(201);
    expect(rel.body.warnings[0]).toContain('须回避，请调整安排');
    const r = await group('第1组', users.examiner1!, [users.examiner2!, users.examiner3!, users.examiner4!, users.examiner5!]);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain(`考评员刘洋（考评员）须回避考生${rows[3]!['姓名']}：是其亲属`);
    const list = await t.call('GET', '/api/declared-relations', { cookie: await t.login('supervisor') });
    expect(list.body.relations[0]).toMatchObject({ relationLabel: '亲属', note: '表兄弟' });
    expect((await t.call('DELETE', `/api/declared-relations/${rel.body.relation.id}`, { cookie: office })).status).toBe(200);
  });

  it('a relation declared after the assignment shows as a problem to fix', async () => {
    const rel = await t.call('POST', '/api/declared-relations', { cookie: office, body: { userId: users.proctor1, idNumber: String(rows[5]!['证件号码']), relation: 'ownTrainee' } });
    expect(rel.status).toBe(201);
    expect(rel.body.warnings).toHaveLength(1);
    const overview = await t.call('GET', `/api/batches/${p.batchId}/staff`, { cookie: office });
    expect(overview.body.problems).toContain(`监考员李强（监考员）须回避考生${rows[5]!['姓名']}：是其培训的学员`);
    await t.call('DELETE', `/api/declared-relations/${rel.body.relation.id}`, { cookie: office });
    const clean = await t.call('GET', `/api/batches/${p.batchId}/staff`, { cookie: office });
    expect(clean.body.problems.join()).not.toContain('须回避');
  });

  it('a person cannot be on two duties at the same time', async () => {
    const room2 = (await t.call('POST', `/api/batches/${p.batchId}/rooms`, { cookie: office, body: { name: '第2考场', venue: '实训楼302' } })).body.room.id;
    const r = await t.call('PUT', `/api/batches/${p.batchId}/sittings/${p.theoryId}/rooms/${room2}/proctors`, { cookie: office, body: { userIds: [users.proctor1, users.proctor2] } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('STAFF_DOUBLE_BOOKED');
    expect(r.body.error.message).toContain('2026-12-15 09:00 已有监考或考评任务，时间冲突');
  });

  it('one quality supervisor per batch, who is not also a proctor or examiner', async () => {
    const wrong = await t.call('PUT', `/api/batches/${p.batchId}/supervisor`, { cookie: office, body: { userId: users.proctor1 } });
    expect(wrong.status).toBe(400);
    const r = await t.call('PUT', `/api/batches/${p.batchId}/supervisor`, { cookie: office, body: { userId: users.supervisor } });
    expect(r.status).toBe(200);
    expect(r.body.supervisor).toMatchObject({ userId: users.supervisor });
    const overview = await t.call('GET', `/api/batches/${p.batchId}/staff`, { cookie: office });
    expect(overview.body.problems).toEqual([]);
    expect(overview.body.users.some((u: { role: string }) => u.role === 'examiner')).toBe(true);
  });

  it('removing a group is audited and shows the sitting as unstaffed', async () => {
    const r = await t.call('DELETE', `/api/batches/${p.batchId}/sittings/${p.practicalId}/groups/${encodeURIComponent('第1组')}`, { cookie: office });
    expect(r.status).toBe(200);
    expect(r.body.problems.join()).toContain('还没有考评组');
    expect((await lastAudit(t, 'staff.group-delete')).before).toHaveLength(5);
  });
});
