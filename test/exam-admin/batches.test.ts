import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { CARER, ELECTRICIAN, FIRE, LATHE, WELDER, lastAudit, occupationIds, planBatch } from './fixtures';

const DIALECTS = await dialects();

describe.each(DIALECTS)('认定批次 over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let supervisor: string;
  let occ: Record<string, number>;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [] });
    office = await t.login('office');
    supervisor = await t.login('supervisor');
    occ = await occupationIds(t, office);
  });
  afterAll(async () => t.close());

  const newBatch = async (name = '测试批次') => {
    const r = await t.call('POST', '/api/batches', { cookie: office, body: { name } });
    expect(r.status).toBe(201);
    return r.body.batch.id as number;
  };

  it('creates a draft batch with a generated 6-digit code and audits it', async () => {
    const r = await t.call('POST', '/api/batches', { cookie: office, body: { name: '2026年第12期' } });
    expect(r.status).toBe(201);
    expect(r.body.batch).toMatchObject({ status: 'draft', statusLabel: '草拟中' });
    expect(r.body.batch.code).toMatch(/^2611\d{2}$/);
    expect((await lastAudit(t, 'batch.create')).after.name).toBe('2026年第12期');
    const dup = await t.call('POST', '/api/batches', { cookie: office, body: { name: '重复代码', code: r.body.batch.code } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('BATCH_CODE_TAKEN');
  });

  it('plans 3 occupations × 2 levels with theory and practical components by default', async () => {
    const p = await planBatch(t, office);
    const view = await t.call('GET', `/api/batches/${p.batchId}`, { cookie: office });
    expect(view.status).toBe(200);
    expect(view.body.entries).toHaveLength(6);
    expect(view.body.entries.every((e: { components: string[] }) => e.components.join() === 'theory,practical')).toBe(true);
    expect(view.body.sittings.map((s: { component: string; entries: unknown[] }) => [s.component, s.entries.length])).toEqual([
      ['theory', 6],
      ['practical', 6],
    ]);
  });

  it('refuses a 准入类 occupation, one outside the scope, a level outside the scope and 综合评审 below 二级', async () => {
    const id = await newBatch();
    const licensing = await t.call('PUT', `/api/batches/${id}/entries`, { cookie: office, body: { entries: [{ occupationId: occ[FIRE], level: 4 }] } });
    expect(licensing.status).toBe(400);
    expect(licensing.body.error.code).toBe('OCCUPATION_LICENSING');
    expect(licensing.body.error.message).toContain('准入类');

    const level2 = await t.call('PUT', `/api/batches/${id}/entries`, { cookie: office, body: { entries: [{ occupationId: occ[ELECTRICIAN], level: 2 }] } });
    expect(level2.status).toBe(403);
    expect(level2.body.error.code).toBe('OUT_OF_SCOPE');

    const review = await t.call('PUT', `/api/batches/${id}/entries`, { cookie: office, body: { entries: [{ occupationId: occ[ELECTRICIAN], level: 4, components: ['theory', 'practical', 'review'] }] } });
    expect(review.status).toBe(400);
    expect(review.body.error.code).toBe('COMPONENTS_INVALID');
    expect(review.body.error.message).toContain('综合评审仅用于二级/技师、一级/高级技师');

    // Remove 焊工 from the scope: planning it is then out of scope.
    const org = await t.call('GET', '/api/organization', { cookie: office });
    const scope = org.body.scope.filter((s: { code: string }) => s.code !== WELDER).map((s: { occupationId: number; levels: number[] }) => ({ occupationId: s.occupationId, levels: s.levels }));
    expect((await t.call('PUT', '/api/organization/scope', { cookie: office, body: { scope } })).status).toBe(200);
    const welder = await t.call('PUT', `/api/batches/${id}/entries`, { cookie: office, body: { entries: [{ occupationId: occ[WELDER], level: 4 }] } });
    expect(welder.status).toBe(403);
    expect(welder.body.error.message).toContain('不在');
    const view = await t.call('GET', `/api/batches/${id}`, { cookie: office });
    expect(view.body.entries).toEqual([]);
  });

  it('a technical school may plan only 五级 and 四级', async () => {
    const org = (await t.call('GET', '/api/organization', { cookie: office })).body.organization;
    const body = { name: org.name, type: 'school', uscc: org.uscc, province: org.province, certOrgCode: org.certOrgCode, certOrgSerial: org.certOrgSerial, certIssuer: org.certIssuer };
    expect((await t.call('PUT', '/api/organization', { cookie: office, body })).status).toBe(200);
    try {
      const id = await newBatch();
      const r = await t.call('PUT', `/api/batches/${id}/entries`, { cookie: office, body: { entries: [{ occupationId: occ[LATHE], level: 3 }] } });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('LEVEL_NOT_ALLOWED');
      expect(r.body.error.message).toBe('技工院校只能认定五级/初级工、四级/中级工，不能认定三级/高级工');
      const ok = await t.call('PUT', `/api/batches/${id}/entries`, { cookie: office, body: { entries: [{ occupationId: occ[LATHE], level: 4 }] } });
      expect(ok.status).toBe(200);
    } finally {
      await t.call('PUT', '/api/organization', { cookie: office, body: { ...body, type: 'training' } });
    }
  });

  it('each entry sits one sitting per component; a second theory sitting for the same entry is refused', async () => {
    const p = await planBatch(t, office);
    const again = await t.call('POST', `/api/batches/${p.batchId}/sittings`, {
      cookie: office,
      body: { component: 'theory', date: '2026-12-16', startTime: '09:00', durationMin: 90, venue: '示范中心', entries: [{ occupationId: p.occ[CARER], level: 4 }] },
    });
    expect(again.status).toBe(400);
    expect(again.body.error.details.fields[0].problem).toContain('已安排在 2026-12-15 09:00');
    const badTime = await t.call('POST', `/api/batches/${p.batchId}/sittings`, { cookie: office, body: { component: 'theory', date: '2026-02-30', startTime: '9点', durationMin: 90, venue: '示范中心' } });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['date', 'startTime']);
  });

  it('shows each working-day deadline with its status; filing after the due date is late', async () => {
    // First sitting 2026-11-30 (a Monday): the plan was due 10 working days before, 2026-11-16.
    const p = await planBatch(t, office, { date: '2026-11-30' });
    const before = await t.call('GET', `/api/batches/${p.batchId}`, { cookie: office });
    const plan = before.body.deadlines.find((d: { key: string }) => d.key === 'planFiling');
    expect(plan).toMatchObject({ due: '2026-11-16', status: 'overdue', verified: true });
    expect(before.body.deadlines.find((d: { key: string }) => d.key === 'ticketIssue')).toMatchObject({ due: '2026-11-23', status: 'dueSoon' });

    const filed = await t.call('POST', `/api/batches/${p.batchId}/file`, { cookie: office, body: { filingNumber: '赣人社备2026-118' } });
    expect(filed.status).toBe(200);
    expect(filed.body.batch).toMatchObject({ status: 'filed', planFiledOn: '2026-11-23' });
    expect(filed.body.deadline.status).toBe('late');
    expect(filed.body.warning).toContain('晚于截止日期 2026-11-16');
    const after = await t.call('GET', `/api/batches/${p.batchId}`, { cookie: supervisor });
    expect(after.body.deadlines.find((d: { key: string }) => d.key === 'planFiling').status).toBe('late');
    expect(after.body.deadlines.find((d: { key: string }) => d.key === 'publicity')).toMatchObject({ status: 'waiting', due: null });

    // Filed: the plan is fixed until the filing is withdrawn.
    const edit = await t.call('PATCH', `/api/batches/${p.batchId}/sittings/${p.theoryId}`, { cookie: office, body: { startTime: '10:00' } });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('BATCH_NOT_DRAFT');
    expect((await t.call('POST', `/api/batches/${p.batchId}/withdraw-filing`, { cookie: office })).body.batch.status).toBe('draft');
  });

  it('each theory entry draws from a paper set of its own occupation and level, also after filing', async () => {
    const p = await planBatch(t, office);
    const at = t.clock.now().toISOString();
    const set = async (occupationId: number, level: number) =>
      (await t.db.db.insertInto('paper_sets').values({ occupation_id: occupationId, level, component: 'theory', seed: 's', algorithm_version: '1', bank_hash: 'h', quality_json: '{}', created_by: 1, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    const electrician4 = await set(p.occ[ELECTRICIAN]!, 4);
    const lathe4 = await set(p.occ[LATHE]!, 4);
    expect((await t.call('POST', `/api/batches/${p.batchId}/file`, { cookie: office, body: {} })).status).toBe(200);
    const view = await t.call('GET', `/api/batches/${p.batchId}`, { cookie: office });
    expect(view.body.paperSets.map((x: { id: number }) => x.id).sort()).toEqual([electrician4, lathe4].sort());
    const entries = (paperSetId: number) =>
      view.body.sittings[0].entries.map((e: { occupationId: number; level: number }) => (e.occupationId === p.occ[ELECTRICIAN] && e.level === 4 ? { ...e, paperSetId } : { occupationId: e.occupationId, level: e.level }));
    const wrong = await t.call('PATCH', `/api/batches/${p.batchId}/sittings/${p.theoryId}`, { cookie: office, body: { entries: entries(lathe4) } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0].problem).toContain('不是电工四级/中级工的理论试卷');
    const ok = await t.call('PATCH', `/api/batches/${p.batchId}/sittings/${p.theoryId}`, { cookie: office, body: { entries: entries(electrician4) } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.sitting.entries.find((e: { occupationId: number; level: number }) => e.occupationId === p.occ[ELECTRICIAN] && e.level === 4).paperSetId).toBe(electrician4);
    expect((await lastAudit(t, 'sitting.update')).after.entries).toHaveLength(6);
  });

  it('a plan filed in time is done; filing refuses a plan with an unscheduled component', async () => {
    const p = await planBatch(t, office, { date: '2026-12-15' });
    const filed = await t.call('POST', `/api/batches/${p.batchId}/file`, { cookie: office, body: {} });
    expect(filed.body.deadline).toMatchObject({ due: '2026-12-01', status: 'done' });
    expect(filed.body.warning).toBeNull();

    const id = await newBatch();
    await t.call('PUT', `/api/batches/${id}/entries`, { cookie: office, body: { entries: [{ occupationId: occ[ELECTRICIAN], level: 4 }] } });
    await t.call('POST', `/api/batches/${id}/sittings`, { cookie: office, body: { component: 'theory', date: '2026-12-20', startTime: '09:00', durationMin: 90, venue: '示范中心' } });
    const r = await t.call('POST', `/api/batches/${id}/file`, { cookie: office, body: {} });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('电工四级/中级工的技能操作考核');
  });

  it('flags dates outside the official calendar as unverified, and the override table makes them count', async () => {
    const p = await planBatch(t, office, { date: '2027-01-20' });
    const view = await t.call('GET', `/api/batches/${p.batchId}`, { cookie: office });
    const plan = view.body.deadlines.find((d: { key: string }) => d.key === 'planFiling');
    expect(plan.verified).toBe(false);
    expect(plan.note).toContain('工作日调整表');

    // A local day off moves the due date one working day earlier.
    const due = plan.due as string;
    const put = await t.call('PUT', `/api/workday-overrides/${due}`, { cookie: office, body: { workday: false, note: '考点所在市临时停工' } });
    expect(put.status).toBe(200);
    expect(put.body.overrides.find((o: { date: string }) => o.date === due)).toMatchObject({ workday: false, note: '考点所在市临时停工' });
    const moved = (await t.call('GET', `/api/batches/${p.batchId}`, { cookie: office })).body.deadlines.find((d: { key: string }) => d.key === 'planFiling');
    expect(moved.due < due).toBe(true);
    expect((await lastAudit(t, 'workday.override')).after).toEqual({ workday: false, note: '考点所在市临时停工' });

    const check = await t.call('GET', `/api/workday-overrides/check?date=${due}`, { cookie: supervisor });
    expect(check.body.day).toMatchObject({ workday: false, source: 'override' });
    expect((await t.call('PUT', `/api/workday-overrides/${due}`, { cookie: office, body: { workday: true, note: '' } })).status).toBe(400);
    expect((await t.call('DELETE', `/api/workday-overrides/${due}`, { cookie: office })).status).toBe(200);
    expect((await t.call('PUT', '/api/workday-overrides/2026-11-28', { cookie: supervisor, body: { workday: true, note: '调休' } })).status).toBe(403);
  });

  it('the supervisor reads batches but cannot change them; another organization’s batch is not found', async () => {
    const p = await planBatch(t, office);
    expect((await t.call('GET', '/api/batches', { cookie: supervisor })).status).toBe(200);
    expect((await t.call('PATCH', `/api/batches/${p.batchId}`, { cookie: supervisor, body: { name: '改名' } })).status).toBe(403);
    const proctor = await t.login('proctor1');
    expect((await t.call('GET', `/api/batches/${p.batchId}`, { cookie: proctor })).status).toBe(403);
    expect((await t.call('GET', '/api/batches/999999', { cookie: office })).status).toBe(404);
  });

  it('renaming is audited with before and after', async () => {
    const id = await newBatch('旧名称');
    const r = await t.call('PATCH', `/api/batches/${id}`, { cookie: office, body: { name: '新名称' } });
    expect(r.status).toBe(200);
    const a = await lastAudit(t, 'batch.update');
    expect([a.before.name, a.after.name]).toEqual(['旧名称', '新名称']);
  });
});
