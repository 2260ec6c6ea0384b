import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import { REQUIRE_SERVICES } from './databases';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run. Without Chromium they skip with a message saying how to install it;
 * under REQUIRE_SERVICES=1 (CI) a missing Chromium is an error.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (REQUIRE_SERVICES) throw new Error(`Chromium is required (REQUIRE_SERVICES=1) but missing at ${CHROMIUM}`);
  console.warn(`[skip] Browser tests skipped: Chromium not found at ${CHROMIUM}. Install it with \`sudo apt-get install chromium\` (Debian) or set CHROMIUM_PATH.`);
  return false;
}

/** Headless Chromium with the flags this sandboxed, offline machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A real server (built client, fresh SQLite with demo data) on a random port. */
export async function startBrowserServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillcert-e2e-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: path.join(dir, 'e2e.sqlite'), ...env });
  return startServer(config, { log: (e) => console.error('[server]', e) });
}

/**
 * The usual browser suite: a real server and one Chromium for the surrounding `describe`, started in
 * `beforeAll` and closed in `afterAll`. Read `suite.server` / `suite.browser` inside tests only.
 */
export function browserSuite(): { readonly server: RunningServer; readonly browser: Browser } {
  const suite = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    suite.server = await startBrowserServer();
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** Log in through the UI as a staff user and wait for the role's home page. */
export async function loginStaff(page: Page, base: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Log in through the UI as a candidate (admission ticket + ID number). */
export async function loginCandidate(page: Page, base: string, ticketNo: string, idNumber: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByRole('tab', { name: '考生登录' }).click();
  await page.getByLabel('准考证号').fill(ticketNo);
  await page.getByLabel('证件号码').fill(idNumber);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
