import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { occupationId, upload, welderBlueprint, welderCsv, welderSpec, WELDER } from './fixtures';

const DIALECTS = await dialects();

describe.each(DIALECTS)('blueprints, specs and items over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let welder: number;
  let electrician: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await t.login('office');
    welder = await occupationId(t, WELDER);
    electrician = await occupationId(t, '6-31-01-03');
  });
  afterAll(async () => t.close());

  const lastAudit = () => t.db.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

  it('the demo blueprint and spec of 电工 四级 are there, with coverage showing every cell can supply three forms', async () => {
    const list = await t.call('GET', `/api/bank/blueprints?occupationId=${electrician}&level=4`, { cookie: office });
    expect(list.status).toBe(200);
    const bp = list.body.blueprints[0];
    expect(bp.ranges.map((r: { code: string }) => r.code)).toEqual(['A', 'B']);
    const cov = await t.call('GET', `/api/bank/blueprints/${bp.id}/coverage`, { cookie: office });
    expect(cov.body.coverage.countsProblem).toBeNull();
    expect(cov.body.coverage.cells.every((c: { enoughForThree: boolean }) => c.enoughForThree)).toBe(true);
    expect(cov.body.coverage.cells.reduce((s: number, c: { perPaper: number }) => s + c.perPaper, 0)).toBe(100);
    expect(cov.body.coverage.points.every((p: { items: number }) => p.items >= 4)).toBe(true);
  });

  it('a blueprint whose weights do not add up is refused naming each node, and nothing is stored', async () => {
    const bad = welderBlueprint(welder);
    bad.ranges[0]!.children[0]!.children[0]!.weight = 10; // A-A: 10 + 30 ≠ 60
    (bad.ranges[0]!.children[1]!.children[1] as { importance?: string }).importance = undefined;
    const r = await t.call('POST', '/api/bank/blueprints', { cookie: office, body: bad });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BLUEPRINT_INVALID');
    const nodes = (r.body.error.details.problems as { node: string }[]).map((p) => p.node);
    expect(nodes).toEqual(expect.arrayContaining(['A-A', 'A-B-002']));
    expect((await t.call('GET', `/api/bank/blueprints?occupationId=${welder}`, { cookie: office })).body.blueprints).toEqual([]);
  });

  it('a blueprint nested deeper than 鉴定范围 → … → 鉴定点 (4 levels) is refused in Chinese, even 20 000 levels deep', async () => {
    const chain = (depth: number): Record<string, unknown> =>
      depth === 1 ? { code: '001', name: '鉴定点', weight: 100, importance: 'X' } : { code: 'A', name: `第${depth}层`, weight: 100, children: [chain(depth - 1)] };
    const five = await t.call('POST', '/api/bank/blueprints', { cookie: office, body: { ...welderBlueprint(welder), ranges: [chain(5)] } });
    expect(five.status).toBe(400);
    expect(five.body.error.message).toContain('细目表最多 4 层');
    const depth = 20_000;
    const raw = `{"occupationId":${welder},"level":4,"name":"深层","ranges":[${'{"code":"A","name":"a","weight":100,"children":['.repeat(depth)}{"code":"001","name":"x","weight":100}${']}'.repeat(depth)}]}`;
    const deep = await t.call('POST', '/api/bank/blueprints', { cookie: office, raw, headers: { 'content-type': 'application/json' } });
    expect(deep.status).toBe(400);
    expect(deep.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('creates, updates and deletes a blueprint and a spec, each audited with before and after', async () => {
    const created = await t.call('POST', '/api/bank/blueprints', { cookie: office, body: welderBlueprint(welder) });
    expect(created.status).toBe(201);
    expect((await lastAudit()).action).toBe('blueprint.create');
    const dup = await t.call('POST', '/api/bank/blueprints', { cookie: office, body: welderBlueprint(welder) });
    expect(dup.status).toBe(409);
    const id = created.body.blueprint.id;
    const renamed = { ...welderBlueprint(welder), name: '焊工四级细目表（修订）' };
    const upd = await t.call('PUT', `/api/bank/blueprints/${id}`, { cookie: office, body: { name: renamed.name, ranges: renamed.ranges } });
    expect(upd.status).toBe(200);
    const audit = await lastAudit();
    expect(audit.action).toBe('blueprint.update');
    expect(JSON.parse(audit.before_json!).name).toContain('测试');
    expect(JSON.parse(audit.after_json!).name).toBe('焊工四级细目表（修订）');

    const spec = await t.call('POST', '/api/bank/specs', { cookie: office, body: welderSpec(welder) });
    expect(spec.status).toBe(201);
    expect(spec.body.spec.sections).toHaveLength(2);
    const tooHigh = await t.call('PUT', `/api/bank/specs/${spec.body.spec.id}`, { cookie: office, body: { ...welderSpec(welder), passMark: 120 } });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error.code).toBe('PAPER_SPEC_INVALID');
    const ok = await t.call('PUT', `/api/bank/specs/${spec.body.spec.id}`, { cookie: office, body: { ...welderSpec(welder), durationMin: 90, multiRule: { kind: 'partial', perOption: 0.5 } } });
    expect(ok.body.spec.durationMin).toBe(90);
    expect((await lastAudit()).action).toBe('spec.update');

    const sup = await t.login('supervisor');
    expect((await t.call('GET', `/api/bank/specs/${spec.body.spec.id}`, { cookie: sup })).status).toBe(200);
    expect((await t.call('DELETE', `/api/bank/specs/${spec.body.spec.id}`, { cookie: sup })).status).toBe(403);
    expect((await t.call('DELETE', `/api/bank/specs/${spec.body.spec.id}`, { cookie: office })).status).toBe(200);
    expect((await lastAudit()).action).toBe('spec.delete');
    expect((await t.call('DELETE', `/api/bank/blueprints/${id}`, { cookie: office })).status).toBe(200);
  });

  it('lists items with filters and paging', async () => {
    const all = await t.call('GET', `/api/bank/items?occupationId=${electrician}&level=4&pageSize=50`, { cookie: office });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(50);
    const judges = await t.call('GET', `/api/bank/items?occupationId=${electrician}&level=4&type=judge&pointCode=B-A&pageSize=200`, { cookie: office });
    expect(judges.body.total).toBeGreaterThan(0);
    expect(judges.body.items.every((i: { type: string; pointCode: string }) => i.type === 'judge' && i.pointCode.startsWith('B-A-'))).toBe(true);
    const text = await t.call('GET', `/api/bank/items?occupationId=${electrician}&level=4&q=${encodeURIComponent('熔断器')}`, { cookie: office });
    expect(text.body.total).toBeGreaterThan(0);
    expect(text.body.items.every((i: { stem: string }) => i.stem.includes('熔断器'))).toBe(true);
    const page2 = await t.call('GET', `/api/bank/items?occupationId=${electrician}&level=4&pageSize=50&page=2`, { cookie: office });
    expect(page2.body.items[0].id).not.toBe(all.body.items[0].id);
    expect(page2.body.total).toBe(all.body.total);
    const drafts = await t.call('GET', `/api/bank/items?occupationId=${electrician}&level=4&status=draft`, { cookie: office });
    expect(drafts.body.total).toBeGreaterThan(0);
    const pct = await t.call('GET', `/api/bank/items?occupationId=${electrician}&q=${encodeURIComponent('100%')}`, { cookie: office });
    expect(pct.status).toBe(200);
  });

  it('creates an item checked by the import rules, edits an unlocked item in place', async () => {
    const bad = await t.call('POST', '/api/bank/items', { cookie: office, body: { occupationId: welder, level: 4, type: 'single', stem: '焊条的作用（　　）。', options: [{ label: 'A', text: '甲' }, { label: 'B', text: '乙' }], key: ['C'], pointCode: 'A-A-001' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('答案');
    const created = await t.call('POST', '/api/bank/items', { cookie: office, body: { occupationId: welder, level: 4, type: 'judge', stem: '焊工必须持证上岗。', key: ['T'], pointCode: 'A-A-001', difficulty: 0.9 } });
    expect(created.status).toBe(201);
    const item = created.body.item;
    expect(item).toMatchObject({ version: 1, locked: false, isLatest: true, difficulty: 0.9, statsN: 0, exposure: 0 });
    expect(item.uid).toMatch(/^Q-6-18-02-04-4-\d{5}$/);
    const edited = await t.call('PUT', `/api/bank/items/${item.id}`, { cookie: office, body: { type: 'judge', stem: '焊工必须持特种作业操作证上岗。', key: ['T'], pointCode: 'A-A-001', status: 'active' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ newVersion: false, item: { id: item.id, version: 1, stem: '焊工必须持特种作业操作证上岗。' } });
    expect((await lastAudit()).action).toBe('item.update');
  });

  it('editing an item used in a paper creates version 2, the paper keeps version 1, and the old version cannot be edited', async () => {
    // Items of the released demo paper are locked.
    const paper = await t.db.db.selectFrom('papers').select('content_json').where('form', '=', 'A').orderBy('id').executeTakeFirstOrThrow();
    const pin = JSON.parse(paper.content_json).items.find((i: { type: string }) => i.type === 'single');
    const row = await t.db.db.selectFrom('items').selectAll().where('item_uid', '=', pin.itemId).where('version', '=', pin.version).executeTakeFirstOrThrow();
    expect(row.locked).toBe(1);
    const before = (await t.call('GET', `/api/bank/items/${row.id}`, { cookie: office })).body.item;
    const body = { type: before.type, stem: `${before.stem}（修订）`, options: before.options, key: before.key, pointCode: before.pointCode, difficulty: before.difficulty, discrimination: before.discrimination, enemyGroup: before.enemyGroup, status: 'active' };
    const r = await t.call('PUT', `/api/bank/items/${row.id}`, { cookie: office, body });
    expect(r.status).toBe(200);
    expect(r.body.newVersion).toBe(true);
    expect(r.body.item).toMatchObject({ uid: pin.itemId, version: pin.version + 1, isLatest: true, locked: false, statsN: 0, exposure: before.exposure });
    const old = await t.db.db.selectFrom('items').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(old).toMatchObject({ stem: before.stem, is_latest: 0, locked: 1 });
    const detail = await t.call('GET', `/api/bank/items/${r.body.item.id}`, { cookie: office });
    expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([pin.version, pin.version + 1]);
    const view = await t.call('GET', `/api/bank/papers/${(await t.db.db.selectFrom('papers').select('id').where('form', '=', 'A').orderBy('id').executeTakeFirstOrThrow()).id}`, { cookie: office });
    expect(view.body.items.find((i: { itemId: string }) => i.itemId === pin.itemId).stem).toBe(before.stem);
    const stale = await t.call('PUT', `/api/bank/items/${row.id}`, { cookie: office, body });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('ITEM_NOT_LATEST');
    const audit = await lastAudit();
    expect(audit.action).toBe('item.newVersion');
  });

  it('retires and re-activates an item, audited', async () => {
    const csv = await upload(t, office, '/api/bank/import', 'w.csv', welderCsv(), { occupationId: welder, level: 4 });
    expect(csv.status).toBe(201);
    const list = await t.call('GET', `/api/bank/items?occupationId=${welder}&level=4&type=single&pageSize=1`, { cookie: office });
    const id = list.body.items[0].id;
    const retired = await t.call('POST', `/api/bank/items/${id}/status`, { cookie: office, body: { status: 'retired' } });
    expect(retired.body.item.status).toBe('retired');
    expect((await lastAudit()).action).toBe('item.status');
    const active = await t.call('POST', `/api/bank/items/${id}/status`, { cookie: office, body: { status: 'active' } });
    expect(active.body.item.status).toBe('active');
  });

  it('the overview counts each occupation × level', async () => {
    const r = await t.call('GET', '/api/bank/overview', { cookie: office });
    const row = r.body.rows.find((x: { occupationId: number; level: number }) => x.occupationId === electrician && x.level === 4);
    expect(row.items.active).toBeGreaterThan(400);
    // The demo set locks 300 versions; one of them was revised above, so its latest version is unlocked.
    expect(row.items.locked).toBe(299);
    expect(row.blueprintId).not.toBeNull();
    const sets = await t.db.db.selectFrom('paper_sets').select((eb) => eb.fn.countAll<number>().as('n')).where('occupation_id', '=', electrician).where('level', '=', 4).executeTakeFirstOrThrow();
    expect(row.paperSets).toBe(Number(sets.n));
    expect(row.paperSets).toBeGreaterThanOrEqual(1);
  });
});
