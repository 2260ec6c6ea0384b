import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/auth/actor';
import { assembleSet } from '../../server/bank/assemble-set';
import { assembleInWorker, runningAssemblyWorkers } from '../../server/bank/assembly-thread';
import { requireBlueprintAndSpec } from '../../server/bank/blueprint-store';
import { createBuildJobs, stopBuildJobs } from '../../server/bank/build-jobs';
import { latestBank } from '../../server/bank/item-store';
import { occupationFor } from '../../server/bank/lookups';
import { DomainError } from '../../question-bank';
import { syntheticBank } from '../../bench/synthetic-bank';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { count, occupationId, upload, welderBlueprint, welderCsv, welderSpec, WELDER } from './fixtures';

const DIALECTS = await dialects();
/** 车工: its level 3 has no blueprint in the demo data; the synthetic one goes there. */
const TURNER = '6-18-01-01';
const LARGE_LEVEL = 3;
const finished = (job: { phase: string }) => job.phase === 'done' || job.phase === 'failed';
/** Quality figures as stored, with the build's duration (the one figure that is not the result) blanked. */
const sameQuality = (json: string) => json.replace(/"buildMs":\d+/, '"buildMs":0');

describe('the assembly thread returns exactly what the in-process assembly returns', () => {
  const c = syntheticBank(2000);
  const req = { seed: 'thread-identity', forms: 3, maxOverlap: 0, maxExposure: c.maxExposure };

  it('same papers, figures and hash, byte for byte; progress arrives in the main thread', async () => {
    const direct = assembleSet(c.bank, c.blueprint, c.spec, req);
    const phases: string[] = [];
    let checking = false;
    const viaThread = await assembleInWorker(c.bank, c.blueprint, c.spec, req, { onProgress: (p) => phases.push(p.phase), onChecking: () => (checking = true) });
    expect(JSON.stringify(viaThread.result)).toBe(JSON.stringify(direct.result));
    expect(sameQuality(JSON.stringify(viaThread.quality))).toBe(sameQuality(JSON.stringify(direct.quality)));
    expect(phases[0]).toBe('feasible');
    expect(phases.at(-1)).toBe('done');
    expect(checking).toBe(true);
    expect(runningAssemblyWorkers()).toBe(0);
  });

  it("a domain error arrives with its name, code, message, kind and details", async () => {
    const small = syntheticBank(200); // 100-item papers, three forms: far too few items
    let direct: unknown;
    try {
      assembleSet(small.bank, small.blueprint, small.spec, req);
    } catch (e) {
      direct = e;
    }
    const err = await assembleInWorker(small.bank, small.blueprint, small.spec, req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(direct).toBeInstanceOf(DomainError);
    const d = direct as DomainError;
    const e = err as DomainError;
    expect({ name: e.name, code: e.code, message: e.message, kind: e.kind, details: e.details }).toEqual({ name: d.name, code: d.code, message: d.message, kind: d.kind, details: d.details });
    expect(e.name).toBe('BlueprintUnsatisfiable');
    expect((e.details.shortCells as unknown[]).length).toBeGreaterThan(0);
  });
});

describe.each(DIALECTS)('paper builds run in a worker thread (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let electrician: number;
  let actor: Actor;

  const poll = async (id: string) => (await t.call('GET', `/api/bank/builds/${id}`, { cookie: office })).body.job;
  const waitFor = async (id: string) => {
    let job = await poll(id);
    for (let i = 0; i < 3000 && !finished(job); i++) {
      await new Promise((r) => setTimeout(r, 10));
      job = await poll(id);
    }
    return job;
  };

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await t.login('office');
    electrician = await occupationId(t, '6-31-01-03');
    const u = await t.db.db.selectFrom('users').select(['id', 'organization_id', 'display_name']).where('username', '=', 'office').executeTakeFirstOrThrow();
    actor = { kind: 'user', role: 'admin', auditId: `user:${u.id}`, ip: '127.0.0.1', userId: u.id, candidateId: null, seatAssignmentId: null, organizationId: u.organization_id, name: u.display_name, sessionId: null };
  });
  afterAll(async () => t.close());

  it('a build through the thread stores the same papers as the direct call', async () => {
    const occupation = await occupationFor(t.db.db, electrician, 4);
    const { blueprint, spec } = await requireBlueprintAndSpec(t.db.db, occupation, 4, 'theory');
    const bank = await latestBank(t.db.db, occupation.id, occupation.code, 4);
    let lastProgress: unknown = null;
    const direct = assembleSet(bank, blueprint, spec, { seed: '线程同卷', forms: 3, maxOverlap: 0 }, (p) => (lastProgress = p));

    const start = await t.call('POST', '/api/bank/builds', { cookie: office, body: { occupationId: electrician, level: 4, seed: '线程同卷' } });
    expect(start.status).toBe(202);
    const job = await waitFor(start.body.job.id);
    expect(job).toMatchObject({ phase: 'done', percent: 100, error: null, paperSetId: expect.any(Number) });
    // The last progress kept with the job is the assembly's own last report.
    expect(job.progress).toEqual(lastProgress);
    const set = await t.db.db.selectFrom('paper_sets').selectAll().where('id', '=', job.paperSetId).executeTakeFirstOrThrow();
    expect(set).toMatchObject({ seed: '线程同卷', bank_hash: direct.result.bankHash, algorithm_version: direct.result.algorithmVersion });
    expect(sameQuality(set.quality_json)).toBe(sameQuality(JSON.stringify(direct.quality)));
    const papers = await t.db.db.selectFrom('papers').select(['form', 'content_json']).where('paper_set_id', '=', job.paperSetId).orderBy('form').execute();
    expect(papers.map((p) => p.content_json)).toEqual(direct.result.papers.map((p) => JSON.stringify(p)));
    // Stored as before: the audit row of the build is there.
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'paperSet.build').where('object_id', '=', String(job.paperSetId)).execute();
    expect(audit).toHaveLength(1);
  });

  it('a bank too small: the poll shows the error and every short cell, exactly as the assembly reports them', async () => {
    const welder = await occupationId(t, WELDER);
    await t.call('POST', '/api/bank/blueprints', { cookie: office, body: welderBlueprint(welder) });
    await t.call('POST', '/api/bank/specs', { cookie: office, body: welderSpec(welder) });
    expect((await upload(t, office, '/api/bank/import', 'w.csv', welderCsv({ perCell: { judge: 2, single: 4 } }), { occupationId: welder, level: 4 })).status).toBe(201);
    const occupation = await occupationFor(t.db.db, welder, 4);
    const { blueprint, spec } = await requireBlueprintAndSpec(t.db.db, occupation, 4, 'theory');
    const bank = await latestBank(t.db.db, occupation.id, occupation.code, 4);
    let direct: DomainError | undefined;
    try {
      assembleSet(bank, blueprint, spec, { seed: 's', forms: 3, maxOverlap: 0 });
    } catch (e) {
      direct = e as DomainError;
    }
    expect(direct?.code).toBe('BLUEPRINT_UNSATISFIABLE');

    const sets = await count(t, 'paper_sets');
    const start = await t.call('POST', '/api/bank/builds', { cookie: office, body: { occupationId: welder, level: 4, seed: 's' } });
    const job = await waitFor(start.body.job.id);
    expect(job).toMatchObject({ phase: 'failed', phaseName: '未能组卷', paperSetId: null });
    expect(job.error).toEqual({ code: direct!.code, message: direct!.message, details: direct!.details });
    expect(job.error.details.shortCells).toEqual(
      expect.arrayContaining([
        { cell: 'A-A', type: 'judge', needed: 3, available: 2 },
        { cell: 'A-B', type: 'single', needed: 6, available: 4 },
      ]),
    );
    expect(await count(t, 'paper_sets')).toBe(sets);
  });

  it('a thread that dies mid-build fails the job with a clear message, stores nothing and is gone', async () => {
    const jobs = createBuildJobs(t.deps, { testHook: 'exitDuringAssembly' });
    const sets = await count(t, 'paper_sets');
    const errors = t.errors.length;
    const occupation = await occupationFor(t.db.db, electrician, 4);
    const started = await jobs.start({ occupation, level: 4, component: 'theory', seed: '线程崩溃', forms: 3, maxOverlap: 0 }, actor);
    // Followed through the API like any other job.
    const job = await waitFor(started.id);
    expect(job).toMatchObject({ phase: 'failed', phaseName: '未能组卷', percent: 100, paperSetId: null });
    expect(job.error).toEqual({ code: 'ASSEMBLY_WORKER_FAILED', message: '组卷线程意外终止（退出码 70），本次未生成试卷，请重新组卷', details: { reason: '退出码 70' } });
    expect(await count(t, 'paper_sets')).toBe(sets);
    expect(runningAssemblyWorkers()).toBe(0);
    // The crash is in the server's log.
    expect(t.errors.slice(errors).map(String).join('\n')).toContain('组卷线程意外终止');
  });

  describe('a large bank (20,000 items)', () => {
    let turner: number;

    beforeAll(async () => {
      const c = syntheticBank(20000);
      turner = await occupationId(t, TURNER);
      const bp = await t.call('POST', '/api/bank/blueprints', { cookie: office, body: { occupationId: turner, level: LARGE_LEVEL, component: 'theory', name: '车工三级（合成题库）', ranges: c.blueprint.ranges } });
      expect(bp.status).toBeLessThan(300);
      const { occupationCode: _o, level: _l, component: _c, ...spec } = c.spec;
      const sp = await t.call('POST', '/api/bank/specs', { cookie: office, body: { occupationId: turner, level: LARGE_LEVEL, ...spec } });
      expect(sp.status).toBeLessThan(300);
      const latest = new Map<string, number>();
      for (const it of c.bank) latest.set(it.id, Math.max(latest.get(it.id) ?? 0, it.version));
      const at = t.clock.now().toISOString();
      const rows = c.bank.map((it) => ({
        item_uid: it.id,
        version: it.version,
        occupation_id: turner,
        level: LARGE_LEVEL,
        type: it.type,
        stem: it.stem,
        options_json: JSON.stringify(it.options),
        key_json: JSON.stringify(it.key),
        reference: null,
        point_code: it.pointCode,
        difficulty: it.difficulty,
        discrimination: it.discrimination,
        stats_n: it.statsN,
        exposure: it.exposure,
        enemy_group: it.enemyGroup,
        status: it.status,
        is_latest: latest.get(it.id) === it.version ? 1 : 0,
        created_by: null,
        created_at: at,
      }));
      for (let i = 0; i < rows.length; i += 1000) await t.db.db.insertInto('items').values(rows.slice(i, i + 1000)).execute();
    }, 120_000);

    it('the build reads the bank in pages: the same items as one query', async () => {
      const occupation = await occupationFor(t.db.db, turner, LARGE_LEVEL);
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      const whole = (await latestBank(t.db.db, occupation.id, occupation.code, LARGE_LEVEL, 1_000_000)).sort(byId);
      const paged = (await latestBank(t.db.db, occupation.id, occupation.code, LARGE_LEVEL)).sort(byId);
      expect(whole.length).toBeGreaterThan(19_000);
      expect(paged).toEqual(whole);
      // A page size that divides the bank exactly ends on an empty page, not a lost or repeated one.
      const exact = await latestBank(t.db.db, occupation.id, occupation.code, LARGE_LEVEL, whole.length);
      expect(exact).toHaveLength(whole.length);
    }, 60_000);

    it('the event loop keeps ticking while the assembly runs, and its progress is seen before it ends', async () => {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      try {
        const start = await t.call('POST', '/api/bank/builds', { cookie: office, body: { occupationId: turner, level: LARGE_LEVEL, seed: '大题库', maxExposure: 5 } });
        expect(start.status).toBe(202);
        let job = start.body.job;
        let ticksAtAssembling: number | null = null;
        let ticksAfterAssembling: number | null = null;
        let progressWhileAssembling = false;
        for (let i = 0; i < 6000 && !finished(job); i++) {
          await new Promise((r) => setTimeout(r, 5));
          job = await poll(job.id);
          if (job.phase === 'assembling') {
            ticksAtAssembling ??= ticks;
            if (job.progress) progressWhileAssembling = true;
          } else if (ticksAtAssembling !== null) ticksAfterAssembling ??= ticks;
        }
        expect(job).toMatchObject({ phase: 'done', error: null, paperSetId: expect.any(Number) });
        // Polls were answered while the assembly ran (in-process they could not be: it held the event loop
        // from the 'assembling' write to the 'checking' one), and the 10 ms timer kept firing meanwhile.
        expect(ticksAtAssembling).not.toBeNull();
        expect(ticksAfterAssembling).not.toBeNull();
        expect(ticksAfterAssembling! - ticksAtAssembling!).toBeGreaterThanOrEqual(10);
        expect(progressWhileAssembling).toBe(true);
      } finally {
        clearInterval(timer);
      }
    }, 120_000);

    // Last in this app: once stopped, builds on this database are refused.
    it('stopping the builds (server shutdown) ends a running assembly: the job fails with a clear message, nothing stored', async () => {
      const sets = await count(t, 'paper_sets');
      const start = await t.call('POST', '/api/bank/builds', { cookie: office, body: { occupationId: turner, level: LARGE_LEVEL, seed: '关机', maxExposure: 5 } });
      let job = start.body.job;
      for (let i = 0; i < 6000 && job.phase !== 'assembling' && !finished(job); i++) {
        await new Promise((r) => setTimeout(r, 5));
        job = await poll(job.id);
      }
      expect(job.phase).toBe('assembling');
      await stopBuildJobs(t.db.db);
      expect(runningAssemblyWorkers()).toBe(0);
      job = await poll(job.id);
      expect(job).toMatchObject({ phase: 'failed', paperSetId: null, error: { code: 'BUILD_STOPPED', message: '服务器正在关闭，组卷已中止，本次未生成试卷，请稍后重新组卷' } });
      expect(await count(t, 'paper_sets')).toBe(sets);
      // A build asked for after the stop is refused the same way instead of starting a thread.
      const late = await t.call('POST', '/api/bank/builds', { cookie: office, body: { occupationId: electrician, level: 4, seed: '关机后' } });
      expect((await waitFor(late.body.job.id)).error.code).toBe('BUILD_STOPPED');
    }, 120_000);
  });
});
