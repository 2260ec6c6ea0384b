import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { hashPassword } from '../../server/auth/password';
import { dialects } from '../support/databases';
import { makeTestApp, testClock, type TestApp } from '../support/app';
import { build, occupationId, upload, welderBlueprint, welderCsv, welderSpec, WELDER } from './fixtures';

const DIALECTS = await dialects();

describe.each(DIALECTS)('paper builds stored in the database, readable by every server node (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let electrician: number;
  /** A second server node: its own app and clock over the same database. */
  let node2: ReturnType<typeof createApp>;
  let clock2: ReturnType<typeof testClock>;
  const poll2 = async (id: string, cookie: string) => {
    const res = await node2.request(`/api/bank/builds/${id}`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await t.login('office');
    electrician = await occupationId(t, '6-31-01-03');
    clock2 = testClock();
    node2 = createApp({ ...t.deps, now: clock2.now });
  });
  afterAll(async () => t.close());

  it('a build started on one node is followed to the end from another node', async () => {
    const start = await t.call('POST', '/api/bank/builds', { cookie: office, body: { occupationId: electrician, level: 4, seed: '两节点' } });
    expect(start.status).toBe(202);
    const id = start.body.job.id as string;
    let job = (await poll2(id, office)).body.job;
    expect(job.seed).toBe('两节点');
    for (let i = 0; i < 500 && job.phase !== 'done' && job.phase !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      job = (await poll2(id, office)).body.job;
    }
    expect(job).toMatchObject({ phase: 'done', phaseName: '已完成', percent: 100, error: null, paperSetId: expect.any(Number) });
    // The last progress of the assembly is kept with the job.
    expect(job.progress).toMatchObject({ iteration: expect.any(Number), deviation: expect.any(Number) });
    const set = await t.call('GET', `/api/bank/paper-sets/${job.paperSetId}`, { cookie: office });
    expect(set.body.paperSet.seed).toBe('两节点');
    const row = await t.db.db.selectFrom('build_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ phase: 'done', paper_set_id: job.paperSetId, error_json: null });
    expect(JSON.parse(row.request_json)).toMatchObject({ occupationId: electrician, level: 4, component: 'theory', forms: 3 });
  });

  it('an unfinished job whose node stopped writing reads as interrupted, a live one does not', async () => {
    const org = await t.db.db.selectFrom('users').select(['id', 'organization_id']).where('username', '=', 'office').executeTakeFirstOrThrow();
    const now = t.clock.now().getTime();
    const row = (id: string, updatedAgoMs: number) => ({
      id,
      organization_id: org.organization_id!,
      requested_by: org.id,
      request_json: '{}',
      seed: 's',
      phase: 'assembling',
      percent: 30,
      progress_json: JSON.stringify({ phase: 'refine', iteration: 12, deviation: 0.2, meanDifficultySpread: 0.01 }),
      error_json: null,
      paper_set_id: null,
      created_at: new Date(now - updatedAgoMs - 1000).toISOString(),
      updated_at: new Date(now - updatedAgoMs).toISOString(),
    });
    await t.db.db.insertInto('build_jobs').values([row('died-on-restart', 3 * 60_000), row('still-running', 5_000)]).execute();
    const dead = (await t.call('GET', '/api/bank/builds/died-on-restart', { cookie: office })).body.job;
    expect(dead).toMatchObject({ phase: 'failed', phaseName: '未能组卷', percent: 100 });
    expect(dead.error).toMatchObject({ code: 'BUILD_INTERRUPTED', message: '组卷任务已中断（服务器重启），请重新组卷', details: { lastPhase: 'assembling' } });
    const live = (await t.call('GET', '/api/bank/builds/still-running', { cookie: office })).body.job;
    expect(live).toMatchObject({ phase: 'assembling', error: null, progress: { iteration: 12 } });
    // The same row goes stale once time passes without a write.
    t.clock.advance(3 * 60_000);
    expect((await t.call('GET', '/api/bank/builds/still-running', { cookie: office })).body.job.error.code).toBe('BUILD_INTERRUPTED');
    t.clock.advance(-3 * 60_000);
  });

  it('a bank too small for three forms: the error and every short cell arrive through the other node', async () => {
    const welder = await occupationId(t, WELDER);
    await t.call('POST', '/api/bank/blueprints', { cookie: office, body: welderBlueprint(welder) });
    await t.call('POST', '/api/bank/specs', { cookie: office, body: welderSpec(welder) });
    const csv = welderCsv({ perCell: { judge: 2, single: 4 } });
    expect((await upload(t, office, '/api/bank/import', 'w.csv', csv, { occupationId: welder, level: 4 })).status).toBe(201);
    const r = await build(t, office, { occupationId: welder, level: 4, seed: 's' });
    expect(r.job!.phase).toBe('failed');
    const seen = (await poll2(r.job!.id, office)).body.job;
    expect(seen).toMatchObject({ phase: 'failed', paperSetId: null, error: { code: 'BLUEPRINT_UNSATISFIABLE', message: expect.stringContaining('不足') } });
    expect(seen.error.details.shortCells).toEqual(
      expect.arrayContaining([
        { cell: 'A-A', type: 'judge', needed: 3, available: 2 },
        { cell: 'A-B', type: 'single', needed: 6, available: 4 },
      ]),
    );
  });

  it('another organization cannot read the job; an unknown id is not found', async () => {
    const started = await build(t, office, { occupationId: electrician, level: 4, seed: 'org' });
    const at = t.clock.now().toISOString();
    const other = await t.db.db.insertInto('organizations').values({ name: '丙培训评价机构', type: 'training', uscc: 'ORGC-BUILD-0000001', province: '35', cert_org_code: '0000', cert_org_serial: '000003', cert_issuer: '丙', created_at: at }).returning('id').executeTakeFirstOrThrow();
    await t.db.db.insertInto('users').values({ organization_id: other.id, username: 'build-stranger', display_name: '丙管理员', role: 'admin', password_hash: await hashPassword('Other2026!x'), created_at: at, updated_at: at }).execute();
    const stranger = await t.login('build-stranger', 'Other2026!x');
    const r = await t.call('GET', `/api/bank/builds/${started.job!.id}`, { cookie: stranger });
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).not.toContain(started.job!.seed);
    expect((await poll2(started.job!.id, stranger)).status).toBe(404);
    expect((await t.call('GET', '/api/bank/builds/no-such-job', { cookie: office })).status).toBe(404);
    expect((await t.call('GET', `/api/bank/builds/${started.job!.id}`, { cookie: office })).status).toBe(200);
  });

  it('job rows older than a week are removed when a new build starts', async () => {
    const u = await t.db.db.selectFrom('users').select(['id', 'organization_id']).where('username', '=', 'office').executeTakeFirstOrThrow();
    const old = new Date(t.clock.now().getTime() - 8 * 24 * 3600_000).toISOString();
    await t.db.db
      .insertInto('build_jobs')
      .values({ id: 'last-month', organization_id: u.organization_id!, requested_by: u.id, request_json: '{}', seed: 'x', phase: 'done', percent: 100, progress_json: null, error_json: null, paper_set_id: null, created_at: old, updated_at: old })
      .execute();
    const recent = await build(t, office, { occupationId: electrician, level: 4, seed: 'cleanup' });
    expect(recent.job!.phase).toBe('done');
    const ids = (await t.db.db.selectFrom('build_jobs').select('id').execute()).map((r) => r.id);
    expect(ids).not.toContain('last-month');
    expect(ids).toContain(recent.job!.id);
  });
});
