import { describe, expect, it } from 'vitest';
import { DEMO_CANDIDATE } from '../../server/demo/accounts';
import { browserAvailable, browserSuite, loginCandidate, loginStaff } from '../support/browser';

const run = browserAvailable();

describe.skipIf(!run)('login per role in a real browser', () => {
  const suite = browserSuite();

  const staff = [
    { username: 'office', home: '/office', heading: '考务管理员' },
    { username: 'proctor1', home: '/proctor', heading: '监考员' },
    { username: 'examiner1', home: '/examiner', heading: '考评员' },
    { username: 'supervisor', home: '/supervisor', heading: '质量督导员' },
  ];

  for (const s of staff) {
    it(`${s.username} lands on the ${s.heading} home page and can log out`, async () => {
      const page = await suite.browser.newPage();
      await loginStaff(page, suite.server.url, s.username);
      expect(new URL(page.url()).pathname).toBe(s.home);
      await expect.poll(() => page.locator('h1').first().textContent()).toContain(s.heading);
      await page.getByRole('button', { name: '退出' }).click();
      await page.waitForURL('**/login');
      await page.goto(`${suite.server.url}${s.home}`);
      await page.waitForURL('**/login');
      await page.close();
    });
  }

  it('a candidate logs in with ticket and ID number', async () => {
    const page = await suite.browser.newPage();
    await loginCandidate(page, suite.server.url, DEMO_CANDIDATE.ticketNo, DEMO_CANDIDATE.idNumber);
    expect(new URL(page.url()).pathname).toBe('/candidate');
    await expect.poll(() => page.locator('h1').first().textContent()).toContain(DEMO_CANDIDATE.name);
    await page.close();
  });

  it('a wrong password shows a clear Chinese error and stays on the login page', async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.url}/login`);
    await page.getByLabel('用户名').fill('office');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  it('a proctor opening an office page is told they have no access', async () => {
    const page = await suite.browser.newPage();
    await loginStaff(page, suite.server.url, 'proctor1');
    await page.goto(`${suite.server.url}/office/users`);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('无权访问');
    await page.close();
  });
});
