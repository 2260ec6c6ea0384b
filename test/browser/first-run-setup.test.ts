import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../server/server';
import { setupCode } from '../../server/setup/first-run';
import { browserAvailable, launchBrowser, loginStaff, startBrowserServer } from '../support/browser';

const run = browserAvailable();
const SECRET = 'browser-setup-secret-0123456789';

describe.skipIf(!run)('first-run setup of an empty installation in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startBrowserServer({ DEMO_DATA: 'false', SESSION_SECRET: SECRET });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the login page points to setup; a wrong code is refused; the right one creates the office account, which then logs in', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: '完成系统初始化' }).click();
    await page.waitForURL(/\/setup$/);

    const fill = async (code: string) => {
      await page.getByLabel('初始化码').fill(code);
      await page.getByLabel('机构名称', { exact: true }).fill('九江市技师学院');
      await page.getByLabel('机构类型').selectOption({ label: '技工院校' });
      await page.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
      await page.getByLabel(/省份代码/).fill('36');
      await page.getByLabel(/机构序号/).fill('040001');
      await page.getByLabel('用户名', { exact: true }).fill('liming');
      await page.getByLabel('姓名', { exact: true }).fill('李明');
      await page.getByLabel(/^密码/).fill('Kaowu2026');
      await page.getByLabel('再次输入密码').fill('Kaowu2026');
      await page.getByRole('button', { name: '完成初始化' }).click();
    };
    await fill('AAAA-BBBB-CCCC');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('初始化码不正确');

    await fill(setupCode(SECRET));
    await expect.poll(() => page.locator('section.card').textContent()).toContain('初始化完成');

    await loginStaff(page, server.url, 'liming', 'Kaowu2026');
    expect(new URL(page.url()).pathname).toBe('/office');
    await page.goto(`${server.url}/login`);
    expect(await page.getByRole('link', { name: '完成系统初始化' }).count()).toBe(0);
  });
});
