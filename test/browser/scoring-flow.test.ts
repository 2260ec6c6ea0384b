import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/server';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import { answers, buildScoringBatch, demoPaper, sitTheory, type BuiltBatch } from '../../server/demo/scoring-demo';
import { browserAvailable, launchBrowser, loginStaff, startBrowserServer } from '../support/browser';

const run = browserAvailable();

describe.skipIf(!run)('scoring in a real browser: examiner marks, office publishes, the public verifies', () => {
  let server: RunningServer;
  let browser: Browser;
  let built: BuiltBatch;
  const ticket = '27090100101';
  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    const db = server.handle.db;
    const org = await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    const occ = await db.selectFrom('occupations').select('id').where('code', '=', '6-31-01-03').executeTakeFirstOrThrow();
    const users = Object.fromEntries((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
    const today = new Date().toISOString().slice(0, 10);
    const paper = demoPaper('BR', 4);
    built = await buildScoringBatch(db, {
      organizationId: org.id, code: '270901', name: '浏览器测试批次', occupationId: occ.id, level: 4, theoryDate: today, practicalDate: today, paper,
      candidates: [{ name: '陆晓峰', idNumber: '360102199207074512', ticketNo: ticket }],
      group: { name: '第二考评组', leaderId: users.examiner1!, examinerIds: [users.examiner2!, users.examiner3!] }, createdBy: users.office!, at: new Date().toISOString(),
    });
    await sitTheory(db, built, built.candidateIds[0]!, answers(paper, 36), { at: new Date().toISOString() });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Another examiner's sheet through the API (their own sessions), so the browser examiner is not first. */
  async function apiSheet(username: string, deductions: { rowId: string; points: number }[]) {
    const ctx = await browser.newContext();
    const login = await ctx.request.post(`${server.url}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    const r = await ctx.request.post(`${server.url}/api/scoring/examiner/candidates/${built.candidateIds[0]}/practical`, { data: { deductions, vetoedRows: [], safetyViolation: false } });
    expect(r.status()).toBe(200);
    await ctx.close();
  }

  it('an examiner scores on the tablet page without seeing the others’ marks first', async () => {
    await apiSheet('examiner2', [{ rowId: '2', points: 2 }]); // 98
    const page = await browser.newPage({ viewport: { width: 1024, height: 1366 }, hasTouch: true });
    page.on('dialog', (d) => void d.accept());
    await loginStaff(page, server.url, 'examiner1');
    await page.goto(`${server.url}/examiner/scoring`);
    await page.getByRole('link', { name: new RegExp(ticket) }).click();
    await page.waitForURL(`**/examiner/scoring/${built.candidateIds[0]}/practical`);
    await expect.poll(() => page.locator('h1').textContent()).toContain(ticket);
    // examiner2's 98 is nowhere on the page before examiner1 submits.
    expect(await page.locator('main').textContent()).not.toContain('98');
    await page.getByRole('button', { name: '布局不合理 −3分' }).click();
    await page.getByRole('button', { name: '第5项其他扣1分' }).click();
    await expect.poll(() => page.getByLabel('合计得分').textContent()).toBe('96');
    const target = await page.getByRole('button', { name: '提交评分' }).boundingBox();
    expect(target!.height).toBeGreaterThanOrEqual(44); // a finger-sized target
    await page.getByRole('button', { name: '提交评分' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('您已提交评分（96 分）');
    // After submitting, the group's sheets are shown: examiner2's 98 included.
    await expect.poll(() => page.locator('table').first().textContent()).toContain('98');
    await page.close();
    await apiSheet('examiner3', [{ rowId: '3', points: 2 }]); // 98 → mean 97.3
  });

  it('the office computes the result and publishes it for 5 working days', async () => {
    const page = await browser.newPage();
    await loginStaff(page, server.url, 'office');
    await page.goto(`${server.url}/office/scoring/batches/${built.batchId}?tab=results`);
    await page.getByRole('button', { name: '计算认定结果' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('已计算 1 名考生的认定结果');
    const row = page.locator('tr', { hasText: '陆晓峰' });
    await expect.poll(() => row.textContent()).toContain('97.3');
    await expect.poll(() => row.textContent()).toContain('合格');
    await page.getByRole('tab', { name: '成绩公示' }).click();
    await page.getByRole('button', { name: '发布公示' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toMatch(/已发布公示：\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}（5 个工作日）/);
    await expect.poll(() => page.locator('main').textContent()).toContain('公示期');
    const stored = await server.handle.db.selectFrom('publicities').selectAll().where('batch_id', '=', built.batchId).executeTakeFirstOrThrow();
    expect(stored.status).toBe('open');
    await page.close();
  });

  it('a batch whose publicity has closed shows its marks locked instead of entry forms', async () => {
    const cert = await server.handle.db.selectFrom('publicities').select('batch_id as batchId').where('status', '=', 'closed').executeTakeFirstOrThrow();
    const page = await browser.newPage();
    await loginStaff(page, server.url, 'office');
    await page.goto(`${server.url}/office/scoring/batches/${cert.batchId}?tab=sources`);
    await expect.poll(() => page.locator('main').textContent()).toContain('本批次公示已结束，成绩已锁定');
    expect(await page.getByRole('button', { name: '录入' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '导入' }).count()).toBe(0);
    await page.close();
  });

  it('an examiner opening a sheet that does not exist sees the server message, not a blank page', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await loginStaff(page, server.url, 'examiner1');
    await page.goto(`${server.url}/examiner/scoring/999999/practical`);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/[\u4e00-\u9fa5]/);
    expect(await page.locator('main').textContent()).toContain('评分任务');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the public verifies a certificate by number and name, and by the QR link, seeing the ID masked', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/verify`);
    await page.getByLabel('证书编号').fill('S000036010001264000001');
    await page.getByLabel('姓名').fill('陈志强');
    await page.getByRole('button', { name: '查询' }).click();
    const card = page.getByRole('region', { name: '证书信息' });
    await expect.poll(() => card.textContent()).toContain('四级/中级工');
    const text = (await card.textContent())!;
    expect(text).toContain('360102********4519');
    expect(text).not.toContain('360102198805124519');
    const code = (await server.handle.db.selectFrom('certificates').select('verify_code').where('number', '=', 'S000036010001264000001').executeTakeFirstOrThrow()).verify_code!;
    await page.goto(`${server.url}/verify?no=S000036010001264000001&k=${encodeURIComponent(code)}`);
    await expect.poll(() => page.getByRole('region', { name: '证书信息' }).textContent()).toContain('陈志强');
    // On a 390 px phone the long numbers wrap instead of widening the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
    // A wrong name finds nothing, with a Chinese message.
    await page.goto(`${server.url}/verify`);
    await page.getByLabel('证书编号').fill('S000036010001264000001');
    await page.getByLabel('姓名').fill('张三');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('未查到该证书');
    await page.close();
  });
});
