import { describe, expect, it } from 'vitest';
import { browserAvailable, browserSuite, loginStaff } from '../support/browser';

const run = browserAvailable();

const GOOD_CSV = [
  '题型,鉴定点,题干,选项A,选项B,选项C,选项D,答案,难度',
  '判断,B-A-001,浏览器测试：熔断器在电路中主要用作短路保护。,,,,,对,0.7',
  '单选,B-A-001,浏览器测试：热继电器在电路中主要用作（　　）。,过载保护,短路保护,欠压保护,失压保护,A,0.6',
  '单选,B-B-001,浏览器测试：测量绝缘电阻应使用（　　）。,兆欧表,钳形电流表,电能表,示波器,A,0.65',
].join('\r\n');

const BAD_CSV = ['题型,鉴定点,题干,选项A,选项B,答案', '单选,B-A-001,缺少答案的题（　　）。,甲,乙,', '判断,B-A-9,鉴定点写错的题。,,,对'].join('\r\n');

describe.skipIf(!run)('question bank in a real browser', () => {
  const suite = browserSuite();

  it('office imports a CSV after a preview, builds three papers and sees them compared; office2 approves', async () => {
    const page = await suite.browser.newPage();
    await loginStaff(page, suite.server.url, 'office');

    // Import: a bad file shows its row errors and writes nothing; the good one is previewed, then imported.
    await page.goto(`${suite.server.url}/office/bank/import`);
    await page.getByLabel('职业').selectOption({ label: '6-31-01-03 电工' });
    await page.getByLabel('等级').selectOption({ label: '四级/中级工' });
    await page.getByLabel('试题文件').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
    await page.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => page.locator('table.import-errors').textContent()).toContain('答案');
    expect(await page.locator('table.import-errors').textContent()).toContain('鉴定点');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('未写入任何数据');

    await page.getByLabel('试题文件').setInputFiles({ name: 'new.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
    await page.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => page.locator('.import-preview h2').textContent()).toContain('共 3 题');
    expect(await page.locator('.import-preview').textContent()).toContain('浏览器测试：热继电器');
    await page.getByRole('button', { name: '确认导入 3 题' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('导入 3 题');

    // The imported items are in the bank.
    await page.getByRole('link', { name: '查看题库' }).click();
    await page.getByLabel('题干包含').fill('浏览器测试');
    await page.getByLabel('题干包含').press('Enter');
    await expect.poll(() => page.locator('table.items tbody tr').count()).toBe(3);

    // An export link downloads the file instead of routing the SPA to /api/… (页面不存在).
    const bankUrl = page.url();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(page.url()).toBe(bankUrl);
    expect(await page.textContent('body')).not.toContain('页面不存在');

    // A judge item's version table reads √ like the list, not the stored key T.
    const judge = await suite.server.handle.db.selectFrom('items').select('id').where('stem', 'like', '浏览器测试：熔断器%').executeTakeFirstOrThrow();
    await page.goto(`${suite.server.url}/office/bank/items/${judge.id}`);
    const versionRow = page.locator('table', { has: page.getByRole('columnheader', { name: '版本' }) }).locator('tbody tr').first();
    await expect.poll(() => versionRow.textContent()).toContain('√');
    expect((await versionRow.locator('td').nth(3).textContent())?.trim()).toBe('√');

    // Build with a fixed seed: the comparison of A/B/C opens when the job is done.
    await page.goto(`${suite.server.url}/office/bank/build`);
    await page.getByLabel('职业').selectOption({ label: '6-31-01-03 电工' });
    await page.getByLabel('等级').selectOption({ label: '四级/中级工' });
    await page.getByLabel('随机种子').fill('浏览器测试种子');
    await page.getByRole('button', { name: '开始组卷' }).click();
    await page.waitForURL(/\/office\/bank\/paper-sets\/\d+$/);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('平行卷对比');
    const compare = page.locator('table.compare');
    await expect.poll(() => compare.textContent()).toContain('平均难度');
    for (const form of ['A 卷', 'B 卷', 'C 卷']) expect(await compare.textContent()).toContain(form);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.textContent('body')).toContain('浏览器测试种子');
    expect(await page.textContent('body')).toContain('需由另一位考务管理员审核');
    // The builder cannot approve their own set: the button is disabled and says why; deviations read as numbers.
    expect(await page.locator('table.papers tbody tr').first().getByRole('button', { name: '审核通过' }).isDisabled()).toBe(true);
    expect(await page.locator('table.papers').textContent()).toContain('需由另一位考务人员审核');
    expect(await page.textContent('body')).not.toMatch(/\de[+-]\d/);
    const setUrl = page.url();
    await page.close();

    // A second office user approves form A.
    const page2 = await suite.browser.newPage();
    await loginStaff(page2, suite.server.url, 'office2');
    await page2.goto(setUrl);
    const rowA = page2.locator('table.papers tbody tr').first();
    await expect.poll(() => rowA.textContent()).toContain('待审核');
    await rowA.getByRole('button', { name: '审核通过' }).click();
    await expect.poll(() => page2.locator('.notice').textContent()).toContain('A 卷审核通过');
    await expect.poll(() => rowA.textContent()).toContain('陈静');
    expect(await rowA.textContent()).toContain('已审核');

    // The ledger shows the approval.
    await page2.goto(`${suite.server.url}/office/bank/ledger`);
    await expect.poll(() => page2.locator('table.ledger').textContent()).toContain('审核通过');
    await page2.close();
  });

  it('the quality supervisor reads the bank but sees no editing buttons; a proctor is refused', async () => {
    const page = await suite.browser.newPage();
    await loginStaff(page, suite.server.url, 'supervisor');
    await page.goto(`${suite.server.url}/office/bank`);
    await expect.poll(() => page.locator('table.items tbody tr').count()).toBeGreaterThan(5);
    expect(await page.getByRole('link', { name: '新建试题' }).count()).toBe(0);
    await page.goto(`${suite.server.url}/office/bank/build`);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('组卷');
    expect(await page.getByRole('button', { name: '开始组卷' }).count()).toBe(0);
    await page.close();

    const proctor = await suite.browser.newPage();
    await loginStaff(proctor, suite.server.url, 'proctor1');
    await proctor.goto(`${suite.server.url}/office/bank`);
    await expect.poll(() => proctor.locator('h1').first().textContent()).toContain('无权访问');
    await proctor.close();
  });
});
