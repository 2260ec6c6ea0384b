import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { build, count, occupationId, upload, welderBlueprint, welderCsv, welderSpec, WELDER } from './fixtures';

const DIALECTS = await dialects();

describe.each(DIALECTS)('building, approving, releasing and analysing papers over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let office2: string;
  let electrician: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await t.login('office');
    office2 = await t.login('office2');
    electrician = await occupationId(t, '6-31-01-03');
  });
  afterAll(async () => t.close());

  /** A scheduled theory sitting in a new batch that has candidates of the occupation × level. */
  async function newSitting(occupation: number, level: number): Promise<number> {
    const db = t.db.db;
    const org = await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    const code = `T${Math.floor(Math.random() * 1e5)}`;
    const at = t.clock.now().toISOString();
    const batch = await db.insertInto('batches').values({ organization_id: org.id, code, name: `测试批次${code}`, status: 'filed', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('batch_entries').values({ batch_id: batch.id, occupation_id: occupation, level, components_json: '["theory"]' }).execute();
    const s = await db.insertInto('sittings').values({ batch_id: batch.id, component: 'theory', date: '2026-12-01', start_time: '09:00', duration_min: 90, venue: '实训楼', status: 'scheduled' }).returning('id').executeTakeFirstOrThrow();
    return s.id;
  }

  it('the same seed gives byte-identical papers; the set stores seed, algorithm version and bank hash', async () => {
    const body = { occupationId: electrician, level: 4, seed: '同一种子-42' };
    const a = await build(t, office, body);
    const b = await build(t, office, body);
    expect(a.job!.phase).toBe('done');
    expect(b.job!.phase).toBe('done');
    expect(a.job!.percent).toBe(100);
    const papers = async (setId: number) =>
      (await t.db.db.selectFrom('papers').select(['form', 'content_json']).where('paper_set_id', '=', setId).orderBy('form').execute()).map((p) => `${p.form}:${p.content_json}`);
    expect(await papers(a.job!.paperSetId)).toEqual(await papers(b.job!.paperSetId));
    const set = await t.call('GET', `/api/bank/paper-sets/${a.job!.paperSetId}`, { cookie: office });
    expect(set.body.paperSet).toMatchObject({ seed: '同一种子-42', algorithmVersion: expect.any(String), bankHash: expect.stringMatching(/^fnv1a64:/) });
    expect(set.body.paperSet.papers.map((p: { form: string; status: string }) => `${p.form}:${p.status}`)).toEqual(['A:built', 'B:built', 'C:built']);
    expect(set.body.paperSet.quality.stats).toHaveLength(3);
    expect(set.body.paperSet.quality.overlap).toEqual({ 'A-B': 0, 'A-C': 0, 'B-C': 0 });
    expect(set.body.ranges.filter((r: { depth: number }) => r.depth === 0).map((r: { code: string }) => r.code)).toEqual(['A', 'B']);
    expect(set.body.ranges.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['A-A', 'B-D']));
    const other = await build(t, office, { ...body, seed: '另一种子' });
    expect(await papers(other.job!.paperSetId)).not.toEqual(await papers(a.job!.paperSetId));
  });

  it('without a seed the server draws one and stores it', async () => {
    const r = await build(t, office, { occupationId: electrician, level: 3 });
    expect(r.job!.phase).toBe('done');
    expect(r.job!.seed).toMatch(/^[0-9a-f]{16}$/);
    const set = await t.call('GET', `/api/bank/paper-sets/${r.job!.paperSetId}`, { cookie: office });
    expect(set.body.paperSet.seed).toBe(r.job!.seed);
    const paper = await t.call('GET', `/api/bank/papers/${set.body.paperSet.papers[0].id}`, { cookie: office });
    expect(paper.body.items.filter((i: { type: string }) => i.type === 'multi')).toHaveLength(10);
    expect(paper.body.spec.multiRule).toEqual({ kind: 'partial', perOption: 0.5 });
  });

  it('an infeasible bank reports each short cell (needed vs available) and builds nothing', async () => {
    const welder = await occupationId(t, WELDER);
    await t.call('POST', '/api/bank/blueprints', { cookie: office, body: welderBlueprint(welder) });
    await t.call('POST', '/api/bank/specs', { cookie: office, body: welderSpec(welder) });
    // Two judge and four single items per cell: enough for two forms, not three.
    const csv = welderCsv({ perCell: { judge: 2, single: 4 } });
    expect((await upload(t, office, '/api/bank/import', 'w.csv', csv, { occupationId: welder, level: 4 })).status).toBe(201);
    const sets = await count(t, 'paper_sets');
    const r = await build(t, office, { occupationId: welder, level: 4, seed: 's' });
    expect(r.job!.phase).toBe('failed');
    expect(r.job!.error.code).toBe('BLUEPRINT_UNSATISFIABLE');
    const short = r.job!.error.details.shortCells as { cell: string; type: string; needed: number; available: number }[];
    expect(short).toEqual(
      expect.arrayContaining([
        { cell: 'A-A', type: 'judge', needed: 3, available: 2 },
        { cell: 'A-A', type: 'single', needed: 6, available: 4 },
        { cell: 'A-B', type: 'judge', needed: 3, available: 2 },
        { cell: 'A-B', type: 'single', needed: 6, available: 4 },
      ]),
    );
    expect(r.job!.error.message).toContain('不足');
    expect(await count(t, 'paper_sets')).toBe(sets);
    // Two forms fit, and so do three when they may share items.
    expect((await build(t, office, { occupationId: welder, level: 4, seed: 's', forms: 2 })).job!.phase).toBe('done');
    const shared = await build(t, office, { occupationId: welder, level: 4, seed: 's', maxOverlap: 3 });
    expect(shared.job!.phase).toBe('done');
  });

  it('a build without a blueprint is refused at once', async () => {
    const r = await build(t, office, { occupationId: await occupationId(t, '4-07-05-04'), level: 4 });
    expect(r.start.status).toBe(404);
  });

  it('build → approve by a second office user → release → used → archived, each step in the ledger and the audit trail', async () => {
    const built = await build(t, office, { occupationId: electrician, level: 4, seed: 'lifecycle' });
    const set = (await t.call('GET', `/api/bank/paper-sets/${built.job!.paperSetId}`, { cookie: office })).body.paperSet;
    const paperA = set.papers[0].id as number;
    const lockedBefore = await t.db.db.selectFrom('items').select('locked').where('item_uid', '=', JSON.parse((await t.db.db.selectFrom('papers').select('content_json').where('id', '=', paperA).executeTakeFirstOrThrow()).content_json).items[0].itemId).execute();
    expect(lockedBefore.some((r) => r.locked === 1)).toBe(true);

    const self = await t.call('POST', `/api/bank/papers/${paperA}/approve`, { cookie: office });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_APPROVAL');
    const sittingId = await newSitting(electrician, 4);
    const early = await t.call('POST', `/api/bank/papers/${paperA}/release`, { cookie: office2, body: { sittingId } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PAPER_STATE');

    const approved = await t.call('POST', `/api/bank/papers/${paperA}/approve`, { cookie: office2 });
    expect(approved.status).toBe(200);
    expect(approved.body.paper).toMatchObject({ status: 'approved', approvedBy: expect.any(Number) });
    expect((await t.call('POST', `/api/bank/papers/${paperA}/approve`, { cookie: office2 })).status).toBe(409);

    const content = JSON.parse((await t.db.db.selectFrom('papers').select('content_json').where('id', '=', paperA).executeTakeFirstOrThrow()).content_json);
    const uid = content.items[5].itemId as string;
    const exposureBefore = (await t.db.db.selectFrom('items').select('exposure').where('item_uid', '=', uid).where('is_latest', '=', 1).executeTakeFirstOrThrow()).exposure;
    const released = await t.call('POST', `/api/bank/papers/${paperA}/release`, { cookie: office, body: { sittingId, note: '第一场' } });
    expect(released.status).toBe(200);
    expect(released.body.paper.status).toBe('released');
    const slot = await t.db.db.selectFrom('sitting_papers').selectAll().where('sitting_id', '=', sittingId).executeTakeFirstOrThrow();
    expect(slot).toMatchObject({ occupation_id: electrician, level: 4, paper_id: paperA, paper_set_id: set.id });
    const exposureAfter = (await t.db.db.selectFrom('items').select('exposure').where('item_uid', '=', uid).where('is_latest', '=', 1).executeTakeFirstOrThrow()).exposure;
    expect(exposureAfter).toBe(exposureBefore + 1);

    // Another paper cannot take the same slot.
    const paperB = set.papers[1].id as number;
    await t.call('POST', `/api/bank/papers/${paperB}/approve`, { cookie: office2 });
    const clash = await t.call('POST', `/api/bank/papers/${paperB}/release`, { cookie: office, body: { sittingId } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('SITTING_HAS_PAPER');
    const sittings = await t.call('GET', `/api/bank/sittings?occupationId=${electrician}&level=4`, { cookie: office });
    expect(sittings.body.sittings.find((s: { id: number }) => s.id === sittingId).paper).toMatchObject({ id: paperA, form: 'A' });

    expect((await t.call('POST', `/api/bank/papers/${paperA}/archive`, { cookie: office, body: {} })).status).toBe(409);
    expect((await t.call('POST', `/api/bank/papers/${paperA}/use`, { cookie: office, body: { note: '考试已结束，试卷已回收' } })).body.paper.status).toBe('used');
    expect((await t.call('POST', `/api/bank/papers/${paperA}/archive`, { cookie: office, body: { note: '归档封存' } })).body.paper.status).toBe('archived');

    const ledger = await t.call('GET', `/api/bank/ledger?paperId=${paperA}`, { cookie: office });
    expect(ledger.body.ledger.map((l: { event: string }) => l.event).reverse()).toEqual(['built', 'approved', 'released', 'used', 'archived']);
    const releasedRow = ledger.body.ledger.find((l: { event: string }) => l.event === 'released');
    expect(releasedRow).toMatchObject({ sittingId, note: '第一场', form: 'A', occupationName: '电工', actorName: expect.stringContaining('王敏') });
    expect(ledger.body.ledger.find((l: { event: string }) => l.event === 'used').sittingId).toBe(sittingId);

    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'actor_id']).where('object_type', '=', 'paper').where('object_id', '=', String(paperA)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['paper.approve', 'paper.release', 'paper.use', 'paper.archive']);
    const ids = await t.db.db.selectFrom('users').select(['id', 'username']).where('username', 'in', ['office', 'office2']).execute();
    const idOf = (u: string) => `user:${ids.find((x) => x.username === u)!.id}`;
    expect(audit[0]!.actor_id).toBe(idOf('office2'));
    expect(audit[1]!.actor_id).toBe(idOf('office'));
    const buildAudit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'paperSet.build').where('object_id', '=', String(set.id)).executeTakeFirstOrThrow();
    expect(JSON.parse(buildAudit.after_json!)).toMatchObject({ seed: 'lifecycle', papers: { A: paperA } });
  });

  it('another organization’s admin can neither see this organization’s sittings nor release a paper into them', async () => {
    const sittingId = await newSitting(electrician, 4);
    const built = await build(t, office, { occupationId: electrician, level: 4, seed: 'cross-org' });
    const paperId = (await t.call('GET', `/api/bank/paper-sets/${built.job!.paperSetId}`, { cookie: office })).body.paperSet.papers[0].id as number;
    expect((await t.call('POST', `/api/bank/papers/${paperId}/approve`, { cookie: office2 })).status).toBe(200);
    const at = t.clock.now().toISOString();
    const other = await t.db.db.insertInto('organizations').values({ name: '乙培训评价机构', type: 'training', uscc: 'ORGB-BANK-00000001', province: '35', cert_org_code: '0000', cert_org_serial: '000002', cert_issuer: '乙', created_at: at }).returning('id').executeTakeFirstOrThrow();
    await t.db.db.insertInto('users').values({ organization_id: other.id, username: 'other-admin', display_name: '乙管理员', role: 'admin', password_hash: await hashPassword('Other2026!x'), created_at: at, updated_at: at }).execute();
    const stranger = await t.login('other-admin', 'Other2026!x');
    const listed = await t.call('GET', `/api/bank/sittings?occupationId=${electrician}&level=4`, { cookie: stranger });
    expect(listed.status).toBe(200);
    expect(listed.body.sittings.map((s: { id: number }) => s.id)).not.toContain(sittingId);
    const r = await t.call('POST', `/api/bank/papers/${paperId}/release`, { cookie: stranger, body: { sittingId } });
    expect(r.status).toBe(404);
    expect(await t.db.db.selectFrom('sitting_papers').select('paper_id').where('sitting_id', '=', sittingId).where('paper_id', 'is not', null).execute()).toEqual([]);
    expect((await t.db.db.selectFrom('papers').select('status').where('id', '=', paperId).executeTakeFirstOrThrow()).status).toBe('approved');
  });

  it('prints the paper and a separate answer key, and the quality report, recording each print in the ledger', async () => {
    const paper = await t.db.db.selectFrom('papers').select(['id', 'paper_set_id']).where('form', '=', 'B').orderBy('id').executeTakeFirstOrThrow();
    const before = await count(t, 'paper_ledger');
    for (const path of ['pdf', 'answer-key']) {
      const r = await t.call('GET', `/api/bank/papers/${paper.id}/${path}`, { cookie: office });
      expect(r.status).toBe(200);
      expect(r.res.headers.get('content-type')).toBe('application/pdf');
      expect(new TextDecoder().decode(new Uint8Array(await r.res.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    }
    expect(await count(t, 'paper_ledger')).toBe(before + 2);
    const q = await t.call('GET', `/api/bank/paper-sets/${paper.paper_set_id}/quality-report`, { cookie: office });
    expect(q.status).toBe(200);
    expect(q.res.headers.get('content-type')).toBe('application/pdf');
    const sup = await t.login('supervisor');
    expect((await t.call('GET', `/api/bank/papers/${paper.id}/answer-key`, { cookie: sup })).status).toBe(200);
    expect((await t.call('POST', `/api/bank/papers/${paper.id}/archive`, { cookie: sup, body: {} })).status).toBe(403);
  });

  it('item analysis of a sitting shows p, discrimination, distractors and KR-20, and updates the bank once', async () => {
    const db = t.db.db;
    const sitting = await db.selectFrom('sitting_papers').selectAll().where('paper_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    const paperId = sitting.paper_id!;
    const content = JSON.parse((await db.selectFrom('papers').select('content_json').where('id', '=', paperId).executeTakeFirstOrThrow()).content_json);
    const sit = await db.selectFrom('sittings').select('batch_id').where('id', '=', sitting.sitting_id).executeTakeFirstOrThrow();
    const at = t.clock.now().toISOString();
    const existing = await db.selectFrom('attempts').select('id').where('sitting_id', '=', sitting.sitting_id).where('paper_id', '=', paperId).where('state', '=', 'submitted').execute();
    const N = 40;
    for (let c = 0; c < N; c++) {
      const cand = await db
        .insertInto('candidates')
        .values({ batch_id: sit.batch_id, occupation_id: sitting.occupation_id, level: sitting.level, name: `考生${c}`, gender: '男', id_type: '201', id_number: `TEST${1000 + c}`, birth_date: '1990-01-01', components_json: '["theory"]', created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const attempt = await db
        .insertInto('attempts')
        .values({ sitting_id: sitting.sitting_id, candidate_id: cand.id, paper_id: paperId, seed: `s${c}`, state: 'submitted', submitted_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Candidate c knows item j when (c + 3j) mod 40 < 12 + c/2: abler candidates answer more, items differ in difficulty.
      const rows = content.items.flatMap((it: { itemId: string; version: number; key: string[]; optionLabels: string[] }, j: number) => {
        if ((c + j) % 17 === 0) return []; // omitted
        const knows = (c + 3 * j) % 40 < 12 + c / 2;
        const wrong = it.optionLabels.find((l) => !it.key.includes(l))!;
        return [{ attempt_id: attempt.id, item_key: `${it.itemId}@${it.version}`, seq: 1, value_json: JSON.stringify(knows ? it.key : [wrong]), saved_at: at }];
      });
      for (let i = 0; i < rows.length; i += 200) await db.insertInto('responses').values(rows.slice(i, i + 200)).execute();
    }
    const preview = await t.call('GET', `/api/bank/papers/${paperId}/analysis?sittingId=${sitting.sitting_id}`, { cookie: office });
    expect(preview.status).toBe(200);
    const a = preview.body.analysis;
    expect(a.candidates).toBe(existing.length + N);
    expect(a.items).toHaveLength(content.items.length);
    expect(a.kr20).toBeGreaterThan(0);
    const first = a.items[0];
    expect(first.p).toBeGreaterThan(0);
    expect(first.p).toBeLessThan(1);
    expect(Object.values(first.optionCounts as Record<string, number>).reduce((s, n) => s + n, 0) + first.omitted).toBe(a.candidates);
    expect(preview.body.applied).toBe(false);

    const pin = content.items[0];
    const before = await db.selectFrom('items').selectAll().where('item_uid', '=', pin.itemId).where('version', '=', pin.version).executeTakeFirstOrThrow();
    const applied = await t.call('POST', `/api/bank/papers/${paperId}/analysis`, { cookie: office, body: { sittingId: sitting.sitting_id } });
    expect(applied.status).toBe(200);
    expect(applied.body.updated).toBe(content.items.length);
    const after = await db.selectFrom('items').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(after.stats_n).toBe(before.stats_n + a.candidates);
    if (before.stats_n === 0) expect(after.difficulty).toBeCloseTo(first.p, 10);
    else expect(after.difficulty).toBeCloseTo((before.difficulty * before.stats_n + first.p * a.candidates) / (before.stats_n + a.candidates), 10);
    const again = await t.call('POST', `/api/bank/papers/${paperId}/analysis`, { cookie: office, body: { sittingId: sitting.sitting_id } });
    expect(again.status).toBe(409);
    const ledger = await t.call('GET', `/api/bank/ledger?paperId=${paperId}`, { cookie: office });
    expect(ledger.body.ledger[0].event).toBe('analysed');
    const audit = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit.action).toBe('paper.analyse');
    expect(JSON.parse(audit.after_json!).candidates).toBe(a.candidates);
  });
});
