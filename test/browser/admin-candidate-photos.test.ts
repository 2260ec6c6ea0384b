import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server';
import { browserAvailable, launchBrowser, loginStaff, startBrowserServer } from '../support/browser';
import { ELECTRICIAN, idNumber, pngBytes } from '../exam-admin/fixtures';

const run = browserAvailable();

/** A working day about five weeks ahead (Beijing date), so the batch is still open for registrations. */
function sittingDate(): string {
  const d = new Date(Date.now() + 8 * 3600_000 + 35 * 86400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe.skipIf(!run)('exam office in a real browser: photos from one zip, 人工认定', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let batchId: number;
  const ok = idNumber('19880512', 31);
  const young = idNumber('19950505', 41);

  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
    page = await browser.newPage();
    await loginStaff(page, server.url, 'office');
    const api = async (method: 'post' | 'put', path: string, data: unknown) => {
      const r = await page.request[method](`${server.url}/api${path}`, { data });
      expect(r.status(), await r.text()).toBeLessThan(300);
      return r.json();
    };
    const occ = ((await (await page.request.get(`${server.url}/api/occupations`)).json()).occupations as { id: number; code: string }[]).find((o) => o.code === ELECTRICIAN)!.id;
    batchId = (await api('post', '/batches', { name: '照片浏览器测试批次' })).batch.id;
    await api('put', `/batches/${batchId}/entries`, { entries: [{ occupationId: occ, level: 4 }] });
    await api('post', `/batches/${batchId}/sittings`, { component: 'theory', date: sittingDate(), startTime: '09:00', durationMin: 90, venue: '实训楼' });
    const person = { idType: '201', education: '高中', workUnit: '南昌市红星电器厂', occupationId: occ, level: 4, eligibilityBasis: '从事本职业工作' };
    await api('post', `/batches/${batchId}/candidates`, { ...person, name: '刘德华', idNumber: ok, workYears: 7 });
    await api('post', `/batches/${batchId}/candidates`, { ...person, name: '郭富城', idNumber: young, workYears: 2 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('previews a zip (one matched, one refused), then saves the matched photo', async () => {
    await page.goto(`${server.url}/office/batches/${batchId}`);
    await page.getByRole('tab', { name: '考生' }).click();
    await expect.poll(() => page.locator('tr[data-candidate]').count()).toBe(2);
    const z = new JSZip();
    z.file(`照片/${ok.toLowerCase()}.png`, pngBytes());
    z.file(`${young}.jpg`, 'not a photo '.repeat(200));
    const zip = Buffer.from(await z.generateAsync({ type: 'uint8array' }));
    await page.getByLabel('照片压缩包').setInputFiles({ name: 'photos.zip', mimeType: 'application/zip', buffer: zip });
    await page.getByRole('button', { name: '预览', exact: true }).click();
    const table = page.getByRole('table', { name: '照片匹配预览' });
    await expect.poll(() => table.textContent()).toContain('刘德华（按证件号码）');
    expect(await table.textContent()).toContain('照片格式应为 JPEG 或 PNG');
    await page.getByRole('button', { name: '确认保存 1 张照片' }).click();
    await expect.poll(() => page.getByText('已保存 1 名考生的照片').count()).toBe(1);
    await expect.poll(() => page.locator('tr[data-candidate]', { hasText: '刘德华' }).textContent()).not.toContain('无照片');
    expect(await page.locator('tr[data-candidate]', { hasText: '郭富城' }).textContent()).toContain('无照片');
  });

  it('records a manual eligibility decision with reason and basis, shown as 人工认定, then withdraws it', async () => {
    const row = page.locator('tr[data-candidate]', { hasText: '郭富城' });
    expect(await row.textContent()).toContain('不符合申报条件');
    await row.getByRole('button', { name: '人工认定' }).click();
    const form = page.getByRole('form', { name: '人工认定' });
    await form.getByLabel('符合申报条件', { exact: true }).check();
    await form.getByRole('button', { name: '保存认定' }).click();
    await expect.poll(() => form.getByRole('alert').first().textContent()).toContain('请填写认定理由');
    await form.getByLabel('认定理由（必填）').fill('外省五级证书经核验属实');
    await form.getByLabel(/申报依据/).fill('取得本职业五级证书后累计从事本职业工作4年以上');
    await form.getByRole('button', { name: '保存认定' }).click();
    await expect.poll(() => row.textContent()).toContain('人工认定：符合');
    expect(await row.textContent()).toContain('规则判定：不符合');
    await row.getByRole('button', { name: '人工认定' }).click();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('form', { name: '人工认定' }).getByRole('button', { name: '撤销人工认定' }).click();
    await expect.poll(() => row.textContent()).not.toContain('人工认定：');
    expect(await row.textContent()).toContain('不符合申报条件');
  });
});
