import { describe, expect, it } from 'vitest';
import { browserAvailable, browserSuite, loginStaff } from '../support/browser';

const run = browserAvailable();

describe.skipIf(!run)('blueprint editor, short cells and item versions in a real browser', () => {
  const suite = browserSuite();

  it('office writes a 细目表 and 试卷结构 for 焊工, is told which node is wrong, and a build without items lists the short cells', async () => {
    const page = await suite.browser.newPage();
    await loginStaff(page, suite.server.url, 'office');
    await page.goto(`${suite.server.url}/office/bank/blueprint`);
    await page.getByLabel('职业').selectOption({ label: '6-18-02-04 焊工' });
    await page.getByLabel('等级').selectOption({ label: '四级/中级工' });
    await page.getByRole('button', { name: '从模板开始' }).click();
    // Break the weights: the sub-range A-A no longer matches its 鉴定点.
    await page.getByLabel('比重 A-A-001').fill('20');
    await expect.poll(() => page.locator('table.blueprint-tree').textContent()).toContain('下级合计 20');
    await page.getByRole('button', { name: '保存细目表' }).click();
    await expect.poll(() => page.locator('table.problems').textContent()).toContain('A-A');
    await page.getByLabel('比重 A-A-001').fill('30');
    await page.getByRole('button', { name: '保存细目表' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('细目表已保存');

    await page.getByLabel('判断题题量').fill('4');
    await page.getByLabel('单选题题量').fill('16');
    await page.getByLabel('单选题每题分值').fill('5');
    await page.getByLabel('判断题每题分值').fill('5');
    await page.getByRole('button', { name: '保存试卷结构' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('试卷结构已保存');
    await expect.poll(() => page.locator('table.coverage').textContent()).toContain('不足');

    await page.getByRole('link', { name: '去组卷 →' }).click();
    await page.getByRole('button', { name: '开始组卷' }).click();
    await expect.poll(() => page.locator('table.short-cells').textContent()).toContain('A-A');
    expect(await page.locator('.build-progress').textContent()).toContain('未能组卷');
    expect(await page.locator('table.short-cells tbody tr').count()).toBe(4);
    await page.close();
  });

  it('editing an item already in a paper creates a new version and keeps the old one', async () => {
    const page = await suite.browser.newPage();
    await loginStaff(page, suite.server.url, 'office');
    // The demo paper A of 电工 四级 is released: open its first item.
    await page.goto(`${suite.server.url}/office/bank/papers/1`);
    await page.locator('table.paper-items tbody tr').first().getByRole('link').click();
    await expect.poll(() => page.textContent('body')).toContain('此题已用于试卷');
    const stem = page.getByLabel('题干');
    const before = await stem.inputValue();
    await stem.fill(`${before}（修订）`);
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('已生成第 2 版');
    await expect.poll(() => page.locator('h1').textContent()).toContain('第 2 版');
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(2);
    // The paper still shows the text it was built with.
    await page.goto(`${suite.server.url}/office/bank/papers/1`);
    await expect.poll(() => page.locator('table.paper-items tbody tr').first().textContent()).toContain(before);
    await page.close();
  });
});
