import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server';
import { browserAvailable, launchBrowser, loginCandidate, loginStaff, startBrowserServer } from '../support/browser';
import { buildRoomFixture, REFERENCE_MARKER, type RoomFixture } from '../exam-room/fixtures';

const run = browserAvailable();

describe.skipIf(!run)('a full sitting in two real browsers (candidate and proctor)', () => {
  let server: RunningServer;
  let browser: Browser;
  let fx: RoomFixture;
  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    // Scheduled two days ahead: only the proctor opens it during the test.
    fx = await buildRoomFixture(server.deps.db, { now: new Date(Date.now() + 2 * 86_400_000), candidates: 3, durationMin: 60 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('proctor opens, candidate answers, proctor sees the count, pause/resume, candidate submits — and no key reaches the candidate', async () => {
    const proctorCtx = await browser.newContext();
    const candidateCtx = await browser.newContext();
    const proctor = await proctorCtx.newPage();
    const cand = await candidateCtx.newPage();
    const received: string[] = [];
    cand.on('response', async (res) => {
      if ((res.headers()['content-type'] ?? '').includes('json')) received.push(await res.text().catch(() => ''));
    });
    cand.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));

    await loginStaff(proctor, server.url, 'proctor1');
    await proctor.goto(`${server.url}/proctor/rooms`);
    await proctor.getByRole('link', { name: '进入考场' }).first().waitFor();
    await proctor.goto(`${server.url}/proctor/rooms/${fx.sittingId}/${fx.roomId}`);
    const seat1 = proctor.getByLabel('座位 1');
    await expect.poll(() => seat1.textContent()).toContain('未到');

    const c = fx.candidates[0]!;
    await loginCandidate(cand, server.url, c.ticketNo, c.idNumber);
    await cand.getByRole('link', { name: '理论知识考试' }).first().click();
    await expect.poll(() => cand.locator('h1').first().textContent()).toContain('候考');
    await expect.poll(() => cand.getByLabel('网络状态').textContent()).toContain('在线');
    await expect.poll(() => seat1.textContent(), { timeout: 5000 }).toContain('候考');

    await proctor.getByLabel('全场操作原因').fill('核验身份完毕');
    await proctor.getByRole('button', { name: '本考场开考', exact: true }).click();
    // The room's own state and opening time; the reason field is cleared for the next action.
    await expect.poll(() => proctor.getByLabel('考试状态').textContent(), { timeout: 5000 }).toBe('考试中');
    await expect.poll(() => proctor.getByLabel('实际开考时间').textContent()).toMatch(/^\d\d:\d\d$/);
    await expect.poll(() => proctor.getByLabel('全场操作原因').inputValue()).toBe('');
    await expect.poll(() => cand.getByLabel('第 1 题', { exact: true }).isVisible(), { timeout: 5000 }).toBe(true);
    await expect.poll(() => cand.getByLabel('剩余时间').textContent()).toMatch(/(59|1:00):\d\d/);

    // Keyboard: answer the first item with "1", go on with → and answer with a letter.
    await cand.keyboard.press('1');
    await expect.poll(() => cand.getByLabel(/第 1 题 已答/).count()).toBe(1);
    await cand.keyboard.press('ArrowRight');
    await expect.poll(() => cand.getByLabel('第 2 题', { exact: true }).isVisible()).toBe(true);
    const second = await cand.getByLabel('第 2 题', { exact: true }).locator('.exam-item-type').textContent();
    if (second === '主观题') await cand.getByLabel('作答区').fill('先断电再急救');
    else await cand.keyboard.press('b');
    await cand.keyboard.press('m'); // flag it
    await expect.poll(() => cand.getByLabel(/第 2 题 已答 已标记/).count()).toBe(1);
    await expect.poll(() => seat1.textContent(), { timeout: 5000 }).toContain('已答 2/6');
    await expect.poll(() => cand.getByLabel('未保存').count()).toBe(0);

    // A refresh (crash, power cut) brings back the same answers and time from the server.
    await cand.reload();
    await expect.poll(() => cand.getByLabel(/第 2 题 已答 已标记/).count(), { timeout: 8000 }).toBe(1);
    await expect.poll(() => cand.getByLabel(/第 1 题 已答/).count()).toBe(1);
    await cand.getByLabel(/第 2 题 已答/).click();

    // Pause and resume this candidate.
    await seat1.click();
    await proctor.getByLabel('考生操作原因').fill('考生举手反映鼠标故障');
    await proctor.getByRole('button', { name: '暂停', exact: true }).click();
    await expect.poll(() => cand.getByRole('heading', { name: '考试已暂停' }).isVisible(), { timeout: 5000 }).toBe(true);
    await expect.poll(() => seat1.textContent(), { timeout: 5000 }).toContain('已暂停');
    // The reason was cleared after the pause: the next action needs its own.
    await expect.poll(() => proctor.getByLabel('考生操作原因').inputValue()).toBe('');
    await proctor.getByLabel('考生操作原因').fill('鼠标已更换');
    await proctor.getByRole('button', { name: '继续', exact: true }).click();
    await expect.poll(() => cand.getByLabel('第 2 题', { exact: true }).isVisible(), { timeout: 5000 }).toBe(true);
    await expect.poll(() => proctor.getByLabel('考生操作原因').inputValue()).toBe('');

    // Force-submit asks first, naming the seat and the candidate; cancelling leaves the candidate answering.
    await proctor.getByLabel('考生操作原因').fill('误操作测试');
    const asked = new Promise<string>((resolve) => proctor.once('dialog', (d) => { resolve(d.message()); void d.dismiss(); }));
    await proctor.getByRole('button', { name: '强制交卷…' }).click();
    const question = await asked;
    expect(question).toContain('1 号考生');
    expect(question).toContain(c.name);
    await expect.poll(() => seat1.textContent()).toContain('作答中');

    // Submit with confirmation.
    await cand.getByRole('button', { name: '交卷', exact: true }).click();
    const dialog = cand.getByRole('dialog', { name: '确认交卷' });
    await expect.poll(() => dialog.textContent()).toContain('未答 4 题');
    await dialog.getByRole('button', { name: '确认交卷' }).click();
    await expect.poll(() => cand.locator('h1').first().textContent(), { timeout: 8000 }).toContain('已交卷');
    await expect.poll(() => seat1.textContent(), { timeout: 5000 }).toContain('已交卷');

    const stored = await server.deps.db.selectFrom('responses').innerJoin('attempts', 'attempts.id', 'responses.attempt_id').select(['responses.item_key', 'attempts.state']).where('attempts.sitting_id', '=', fx.sittingId).execute();
    expect(stored).toHaveLength(2);
    expect(stored.every((r) => r.state === 'submitted')).toBe(true);

    const all = received.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(REFERENCE_MARKER);
    expect(all).not.toMatch(/\\*"(key|keys|key_json|marks|fraction|reference)\\*"\s*:/);
    await proctorCtx.close();
    await candidateCtx.close();
  });

  it('the quality supervisor sees the room live without any action buttons', async () => {
    const page: Page = await browser.newPage();
    await loginStaff(page, server.url, 'supervisor');
    await page.goto(`${server.url}/supervisor/rooms/${fx.sittingId}/${fx.roomId}`);
    await expect.poll(() => page.getByLabel('座位 1').textContent()).toContain('已交卷');
    expect(await page.getByRole('button', { name: '全场暂停' }).count()).toBe(0);
    await page.getByLabel('座位 2').click();
    expect(await page.getByRole('button', { name: '警告' }).count()).toBe(0);
    await page.close();
  });
});
