import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CANDIDATE } from '../../server/demo/accounts';
import { browserAvailable, browserSuite, loginCandidate, loginStaff } from '../support/browser';

const run = browserAvailable();

/** A page that records every Content-Security-Policy violation it meets. */
async function watchedPage(browser: Browser): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage();
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => void violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return { page, violations };
}

describe.skipIf(!run)('the built client under the Content-Security-Policy', () => {
  const suite = browserSuite();

  it('office pages render (inline style attributes included) with no violation', async () => {
    const { page, violations } = await watchedPage(suite.browser);
    await loginStaff(page, suite.server.url, 'office');
    const batch = await suite.server.deps.db.selectFrom('batches').select('id').where('code', '=', '261101').executeTakeFirstOrThrow();
    await page.goto(`${suite.server.url}/office/batches/${batch.id}`);
    // The candidates tab has a template-rendered `style="display:none"` file input (needs style-src 'unsafe-inline').
    await page.getByRole('tab', { name: '考生' }).click();
    await expect.poll(() => page.locator('input[type=file][accept^="image/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('input[type=file][accept^="image/"]').first().isVisible()).toBe(false);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the candidate’s exam page opens its socket.io WebSocket (connect-src) with no violation', async () => {
    const { page, violations } = await watchedPage(suite.browser);
    const frames: string[] = [];
    page.on('websocket', (ws) => {
      if (ws.url().includes('/socket.io/')) ws.on('framereceived', (f) => void frames.push(String(f.payload)));
    });
    await loginCandidate(page, suite.server.url, DEMO_CANDIDATE.ticketNo, DEMO_CANDIDATE.idNumber);
    await page.goto(`${suite.server.url}/candidate/exam`);
    await expect.poll(() => frames.length, { timeout: 10_000 }).toBeGreaterThan(1); // engine.io open + socket.io connect
    expect(violations).toEqual([]);
    await page.close();
  });
});
