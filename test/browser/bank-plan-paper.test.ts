import { describe, expect, it } from 'vitest';
import { browserAvailable, browserSuite, loginStaff } from '../support/browser';

const run = browserAvailable();

describe.skipIf(!run)('released papers on the plan tab, and X/Y/Z differences explained on the set page', () => {
  const suite = browserSuite();

  it('a released paper is shown read-only with links to the bank; a sitting without one links to the bank to release it', async () => {
    const page = await suite.browser.newPage();
    await loginStaff(page, suite.server.url, 'office');
    const batches = (await (await page.request.get(`${suite.server.url}/api/batches`)).json()) as { batches: { id: number; code: string }[] };
    const demo = batches.batches.find((b) => b.code === '261101')!;

    // The demo batch: form A of the 电工 四级 set was released to its theory sitting by the bank.
    await page.goto(`${suite.server.url}/office/batches/${demo.id}?tab=plan`);
    const released = page.getByLabel(/电工.*四级试卷/).first();
    await expect.poll(() => released.textContent()).toContain('A 卷');
    expect(await released.textContent()).toContain('已发放');
    expect(await page.locator('select[aria-label$="试卷"]').count()).toBe(0);
    const paperHref = await released.getByRole('link', { name: 'A 卷' }).getAttribute('href');
    expect(paperHref).toMatch(/^\/office\/bank\/papers\/\d+$/);
    await released.getByRole('link', { name: 'A 卷' }).click();
    await expect.poll(() => page.url()).toContain(paperHref!);

    // A new batch with a theory sitting and no paper yet: the tab says so and links to the bank's paper set.
    const created = await page.request.post(`${suite.server.url}/api/batches`, { data: { name: '浏览器测试发放批次' } });
    expect(created.status()).toBe(201);
    const batchId = ((await created.json()) as { batch: { id: number } }).batch.id;
    const occupations = (await (await page.request.get(`${suite.server.url}/api/occupations`)).json()) as { occupations: { id: number; code: string }[] };
    const electrician = occupations.occupations.find((o) => o.code === '6-31-01-03')!.id;
    expect((await page.request.put(`${suite.server.url}/api/batches/${batchId}/entries`, { data: { entries: [{ occupationId: electrician, level: 4 }] } })).ok()).toBe(true);
    const sitting = await page.request.post(`${suite.server.url}/api/batches/${batchId}/sittings`, {
      data: { component: 'theory', date: '2026-12-20', startTime: '09:00', durationMin: 90, venue: '实训楼三层' },
    });
    expect(sitting.ok()).toBe(true);
    await page.goto(`${suite.server.url}/office/batches/${batchId}?tab=plan`);
    const none = page.getByLabel(/电工.*四级试卷/).first();
    await expect.poll(() => none.textContent()).toContain('未发放试卷');
    await none.getByRole('link', { name: '去题库发放试卷' }).click();
    await expect.poll(() => page.url()).toMatch(/\/office\/bank\/paper-sets\/\d+$/);
    // That page is where a form is released: an approved or released form offers the sittings to release to.
    await expect.poll(() => page.getByLabel('A卷发放场次').count()).toBe(1);
  });

  it('a set whose forms differ in X/Y/Z says why on its comparison page', async () => {
    const db = suite.server.deps.db;
    const demo = await db.selectFrom('paper_sets').selectAll().where('seed', '=', '2026-电工-四级-演示').executeTakeFirstOrThrow();
    const quality = JSON.parse(demo.quality_json) as { stats: { importance: Record<'X' | 'Y' | 'Z', number> }[] };
    // As the old algorithm left them on two demo banks: one form one X short and one Z over.
    quality.stats[1]!.importance.X -= 1;
    quality.stats[1]!.importance.Z += 1;
    const { id: _id, ...rest } = demo;
    const copy = await db.insertInto('paper_sets').values({ ...rest, algorithm_version: 'snake-swap-pair/1', quality_json: JSON.stringify(quality) }).returning('id').executeTakeFirstOrThrow();
    const page = await suite.browser.newPage();
    await loginStaff(page, suite.server.url, 'office');
    await page.goto(`${suite.server.url}/office/bank/paper-sets/${copy.id}`);
    await expect.poll(() => page.getByRole('note').textContent()).toContain('最多相差 1 题');
    expect(await page.getByRole('note').textContent()).toContain('重新组卷');
    // The demo set itself is balanced: no such note.
    await page.goto(`${suite.server.url}/office/bank/paper-sets/${demo.id}`);
    await expect.poll(() => page.locator('table').first().textContent()).toContain('要素题量');
    expect(await page.getByRole('note').count()).toBe(0);
  });
});
