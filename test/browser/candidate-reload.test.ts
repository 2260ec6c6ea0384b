import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/server';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import { browserAvailable, launchBrowser, loginCandidate, startBrowserServer } from '../support/browser';
import { buildRoomFixture, type RoomFixture } from '../exam-room/fixtures';

const run = browserAvailable();

/** proctor1 opens the fixture room over the socket contract (the same event the proctor page sends). */
async function openAsProctor(base: string, fx: RoomFixture): Promise<void> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'proctor1', password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`proctor login failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const s: Socket = ioClient(base, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, reconnection: false });
  try {
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    const r = (await s.timeout(5000).emitWithAck('proctor:open', { sitting: fx.sittingId, room: fx.roomId, reason: '核验身份完毕，开考' })) as { ok: boolean; error?: { message: string } };
    if (!r.ok) throw new Error(`open refused: ${r.error?.message}`);
  } finally {
    s.disconnect();
  }
}

/** The item on screen (its article is labelled 第 n 题). */
const itemCard = (page: Page, n: number) => page.getByLabel(`第 ${n} 题`, { exact: true });

describe.skipIf(!run)('the candidate page across a reload and a lost network', () => {
  let server: RunningServer;
  let browser: Browser;
  let fx: RoomFixture;
  let opened = false;
  /** Each test can run alone (`-t`): the first one to need it opens the sitting. */
  const ensureOpen = async () => {
    if (!opened) await openAsProctor(server.url, fx);
    opened = true;
  };
  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    // Two days ahead: it opens only when the test opens it.
    fx = await buildRoomFixture(server.deps.db, { now: new Date(Date.now() + 2 * 86_400_000), candidates: 3, durationMin: 60 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('comes back to item 3 with its answer after a reload; shows 离线 when the network goes and 在线 when it returns; the answer changed offline is stored', async () => {
    const ctx = await browser.newContext();
    const cand = await ctx.newPage();
    const c = fx.candidates[0]!;
    await loginCandidate(cand, server.url, c.ticketNo, c.idNumber);
    await cand.getByRole('link', { name: '理论知识考试' }).first().click();
    await expect.poll(() => cand.locator('h1').first().textContent()).toContain('候考');
    await expect.poll(() => cand.getByLabel('网络状态').textContent()).toContain('在线');
    await ensureOpen();
    await expect.poll(() => itemCard(cand, 1).isVisible(), { timeout: 8000 }).toBe(true);

    // Go to item 3 on the answer card and answer it.
    await cand.getByRole('button', { name: /^第 3 题/ }).click();
    await expect.poll(() => itemCard(cand, 3).isVisible()).toBe(true);
    const isText = (await itemCard(cand, 3).locator('.exam-item-type').textContent()) === '主观题';
    if (isText) {
      await cand.getByLabel('作答区').fill('先断开电源');
      await cand.getByLabel('作答区').blur();
    } else await itemCard(cand, 3).locator('.exam-option').first().click();
    await expect.poll(() => cand.getByLabel(/^第 3 题 已答/).count()).toBe(1);
    await expect.poll(() => cand.getByLabel('未保存').count(), { timeout: 8000 }).toBe(0);

    await cand.reload();
    await expect.poll(() => itemCard(cand, 3).isVisible(), { timeout: 8000 }).toBe(true);
    expect(await itemCard(cand, 1).count()).toBe(0);
    await expect.poll(() => cand.getByLabel(/^第 3 题 已答/).count()).toBe(1);
    if (isText) await expect.poll(() => cand.getByLabel('作答区').inputValue()).toBe('先断开电源');
    else await expect.poll(() => itemCard(cand, 3).locator('.exam-option').first().getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => cand.getByLabel('网络状态').textContent()).toContain('在线');

    const attempt = await server.deps.db.selectFrom('attempts').select('id').where('sitting_id', '=', fx.sittingId).where('candidate_id', '=', c.id).executeTakeFirstOrThrow();
    const storedNow = () => server.deps.db.selectFrom('responses').select(['item_key', 'value_json']).where('attempt_id', '=', attempt.id).execute();
    const before = await storedNow();
    expect(before).toHaveLength(1);

    // The network goes away: the indicator says so at once (polled for at most 3 s).
    await ctx.setOffline(true);
    await expect.poll(() => cand.getByLabel('网络状态').textContent(), { timeout: 3000 }).toContain('离线');
    // An answer changed while offline stays on this machine …
    if (isText) {
      await cand.getByLabel('作答区').fill('先断开电源，再做心肺复苏');
      await cand.getByLabel('作答区').blur();
    } else await itemCard(cand, 3).locator('.exam-option').nth(1).click();
    await expect.poll(() => cand.getByLabel('网络状态').textContent()).toContain('离线');

    // … and is uploaded when the network returns.
    await ctx.setOffline(false);
    await expect.poll(() => cand.getByLabel('网络状态').textContent(), { timeout: 8000 }).toContain('在线');
    await expect.poll(() => cand.getByLabel('未保存').count(), { timeout: 8000 }).toBe(0);
    const after = await storedNow();
    expect(after).toHaveLength(1);
    expect(after[0]!.item_key).toBe(before[0]!.item_key);
    expect(after[0]!.value_json).not.toBe(before[0]!.value_json);
    if (isText) expect(JSON.parse(after[0]!.value_json)).toBe('先断开电源，再做心肺复苏');
    await cand.reload();
    await expect.poll(() => itemCard(cand, 3).isVisible(), { timeout: 8000 }).toBe(true);
    // The second option is chosen, as stored.
    if (!isText) await expect.poll(() => itemCard(cand, 3).locator('.exam-option').nth(1).getAttribute('aria-checked')).toBe('true');
    await ctx.close();
  });

  it('a 判断题 shows how to answer a judgement, not the 单选 hint', async () => {
    const ctx = await browser.newContext();
    const cand = await ctx.newPage();
    const c = fx.candidates[1]!;
    await ensureOpen();
    await loginCandidate(cand, server.url, c.ticketNo, c.idNumber);
    await cand.getByRole('link', { name: '理论知识考试' }).first().click();
    await expect.poll(() => itemCard(cand, 1).isVisible(), { timeout: 8000 }).toBe(true);
    const total = await cand.locator('.answer-cell:not(.legend)').count();
    const seen: string[] = [];
    for (let n = 1; n <= total; n++) {
      await cand.getByRole('button', { name: new RegExp(`^第 ${n} 题`) }).click();
      await expect.poll(() => itemCard(cand, n).isVisible()).toBe(true);
      const type = (await itemCard(cand, n).locator('.exam-item-type').textContent()) ?? '';
      seen.push(type);
      if (type === '主观题') continue;
      const hint = (await itemCard(cand, n).getByLabel('作答提示').textContent()) ?? '';
      if (type === '判断题') {
        expect(hint).toContain('判断题：请判断对错');
        expect(hint).not.toContain('单选');
      } else if (type === '单项选择题') expect(hint).toContain('单选');
      else expect(hint).toContain('多选');
    }
    expect(seen.filter((x) => x === '判断题')).toHaveLength(2);
    await ctx.close();
  });

  it('shows 离线 when the server stops answering over a socket that stays open (no disconnect, browser online), and 在线 once it answers again', async () => {
    const ctx = await browser.newContext();
    // Every websocket frame passes through here; `cut` swallows them both ways without closing anything.
    let cut = false;
    let upgraded = false;
    await ctx.routeWebSocket(/socket\.io/, (ws) => {
      upgraded = true;
      const srv = ws.connectToServer();
      ws.onMessage((m) => void (cut || srv.send(m)));
      srv.onMessage((m) => void (cut || ws.send(m)));
    });
    const cand = await ctx.newPage();
    const c = fx.candidates[2]!;
    await ensureOpen();
    await loginCandidate(cand, server.url, c.ticketNo, c.idNumber);
    await cand.getByRole('link', { name: '理论知识考试' }).first().click();
    await expect.poll(() => itemCard(cand, 1).isVisible(), { timeout: 8000 }).toBe(true);
    await expect.poll(() => upgraded, { timeout: 8000 }).toBe(true);
    await expect.poll(() => cand.getByLabel('网络状态').textContent()).toContain('在线');

    cut = true;
    const isText = (await itemCard(cand, 1).locator('.exam-item-type').textContent()) === '主观题';
    if (isText) {
      await cand.getByLabel('作答区').fill('断电');
      await cand.getByLabel('作答区').blur();
    } else await itemCard(cand, 1).locator('.exam-option').first().click();
    // The save gets no ack, the probe that follows gets none either: 离线 (polled for at most 4 s).
    await expect.poll(() => cand.getByLabel('网络状态').textContent(), { timeout: 4000 }).toContain('离线');
    expect(await cand.getByLabel('未保存').textContent()).toContain('未上传 1 条');

    cut = false;
    await expect.poll(() => cand.getByLabel('网络状态').textContent(), { timeout: 5000 }).toContain('在线');
    await expect.poll(() => cand.getByLabel('未保存').count(), { timeout: 15_000 }).toBe(0);
    const attempt = await server.deps.db.selectFrom('attempts').select('id').where('sitting_id', '=', fx.sittingId).where('candidate_id', '=', c.id).executeTakeFirstOrThrow();
    expect(await server.deps.db.selectFrom('responses').select('item_key').where('attempt_id', '=', attempt.id).execute()).toHaveLength(1);
    await ctx.close();
  });
});
