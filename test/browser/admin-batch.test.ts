import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server';
import { browserAvailable, launchBrowser, loginStaff, startBrowserServer } from '../support/browser';
import { pdfText } from '../documents/pdf-text';
import { CARER, ELECTRICIAN, LATHE, candidateRows, candidatesXlsx, withWrongCheck } from '../exam-admin/fixtures';

const run = browserAvailable();

/** A working day about five weeks ahead (Beijing date), so the plan deadline is still open. */
function sittingDate(): string {
  const d = new Date(Date.now() + 8 * 3600_000 + 35 * 86400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe.skipIf(!run)('exam office in a real browser: plan, import, arrange, print', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const date = sittingDate();

  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    page = await browser.newPage({ acceptDownloads: true });
    await loginStaff(page, server.url, 'office');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const notice = () => page.getByRole('status').first();

  it('creates a batch with 3 occupations × 2 levels and its sittings', async () => {
    await page.goto(`${server.url}/office/batches`);
    await page.getByLabel('批次名称').fill('浏览器测试批次');
    await page.getByRole('button', { name: '新建批次' }).click();
    await page.waitForURL(/\/office\/batches\/\d+$/);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('浏览器测试批次');

    for (const occ of ['电工', '车工', '养老护理员']) {
      for (const level of ['四级/中级工', '五级/初级工']) await page.getByLabel(`${occ} ${level}`, { exact: true }).check();
    }
    await page.getByRole('button', { name: '保存认定职业和等级' }).click();
    await expect.poll(() => page.getByText('认定职业和等级已保存').count()).toBe(1);

    const addSitting = async (component: string, venue: string) => {
      const form = page.getByRole('form', { name: '添加场次' });
      await form.getByLabel('考核科目').selectOption({ label: component });
      await form.getByLabel('日期', { exact: true }).fill(date);
      await form.getByLabel('评价场所（考点）').fill(venue);
      await form.getByRole('button', { name: '添加场次' }).click();
      await expect.poll(() => page.getByText('场次已添加').count()).toBe(1);
    };
    await addSitting('理论知识考试', '示范中心实训楼');
    await addSitting('技能操作考核', '示范中心实训车间');
    await expect.poll(() => page.locator('td', { hasText: '技能操作考核' }).count()).toBeGreaterThan(0);
  });

  it('shows the working-day deadlines with their status', async () => {
    const row = page.locator('tr[data-deadline="planFiling"]');
    await expect.poll(() => row.textContent()).toMatch(/认定计划备案.*\d{4}-\d{2}-\d{2}/);
    await expect.poll(() => row.textContent()).toMatch(/未到期|即将到期|日期未经核实/);
    await expect.poll(() => page.locator('tr[data-deadline="ticketIssue"]').textContent()).toContain('准考证发放');
  });

  it('refuses a file with errors and lists every row, then imports the corrected file', async () => {
    await page.getByRole('tab', { name: '考生' }).click();
    const rows = candidateRows(60, [
      { code: ELECTRICIAN, level: '四级' },
      { code: ELECTRICIAN, level: '五级' },
      { code: LATHE, level: '四级' },
      { code: LATHE, level: '五级' },
      { code: CARER, level: '四级' },
      { code: CARER, level: '五级' },
    ]);
    const broken = rows.map((r, i) => (i === 4 ? { ...r, 证件号码: withWrongCheck(String(r['证件号码'])) } : r));
    await page.getByLabel('Excel 文件').setInputFiles({ name: '考生.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await candidatesXlsx(broken) });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    const errors = page.getByRole('table', { name: '导入错误' });
    await expect.poll(() => errors.textContent()).toContain('校验码不符');
    expect(await errors.locator('tbody tr').first().textContent()).toContain('6证件号码');

    await page.getByLabel('Excel 文件').setInputFiles({ name: '考生.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await candidatesXlsx(rows) });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => page.getByText('已导入 60 名考生').count()).toBe(1);
    await expect.poll(() => page.locator('tr[data-candidate]').count()).toBe(60);
  });

  it('adds rooms and arranges the seats', async () => {
    await page.getByRole('tab', { name: '考场座位' }).click();
    const form = page.getByRole('form', { name: '添加考场' });
    for (const [name, venue] of [['第1考场', '实训楼301'], ['第2考场', '实训楼302']]) {
      await form.getByLabel('考场名称').fill(name!);
      await form.getByLabel('地点').fill(venue!);
      await form.getByRole('button', { name: '添加考场' }).click();
      await expect.poll(() => page.locator('td', { hasText: venue! }).count()).toBe(1);
    }
    await page.getByRole('button', { name: '自动编排座位' }).click();
    await expect.poll(() => notice().textContent()).toContain('已编排 60 名考生');
    expect(await notice().textContent()).toContain('相邻同卷 0 对');
    await expect.poll(() => page.locator('.seat.taken').count()).toBe(60);
  });

  it('issues the tickets and downloads the tickets PDF', async () => {
    // Tickets go out only after the plan is filed.
    const batchId = new URL(page.url()).pathname.split('/')[3];
    const filed = await page.request.post(`${server.url}/api/batches/${batchId}/file`, { data: {} });
    expect(filed.status(), await filed.text()).toBe(200);
    await page.reload();
    await page.getByRole('tab', { name: '准考证与打印' }).click();
    await page.getByRole('button', { name: '发放准考证' }).click();
    await expect.poll(() => notice().textContent()).toContain('已发放准考证 60 张');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '全部准考证（PDF）' }).click()]);
    const text = await pdfText(readFileSync((await download.path())!));
    expect(text.pageCount).toBe(30);
    expect(text.flat).toContain('准考证');
    expect(text.flat).toContain('示范中心实训楼');
  });

  it('the quality supervisor sees the batch read-only', async () => {
    const p2 = await browser.newPage();
    await loginStaff(p2, server.url, 'supervisor');
    await p2.goto(`${server.url}/office/batches`);
    await p2.getByRole('link', { name: '浏览器测试批次' }).click();
    await expect.poll(() => p2.locator('tr[data-deadline="planFiling"]').count()).toBe(1);
    expect(await p2.getByRole('button', { name: '保存认定职业和等级' }).count()).toBe(0);
    await p2.getByRole('tab', { name: '考生' }).click();
    await expect.poll(() => p2.locator('tr[data-candidate]').count()).toBe(60);
    expect(await p2.getByRole('button', { name: '导入', exact: true }).count()).toBe(0);
    await p2.close();
  });
});
