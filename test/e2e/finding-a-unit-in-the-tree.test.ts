import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, pageAs } from './browser.ts';
import { demoRegion } from './demo-county.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/** Types into the tree's search box and answers the tree's link to the unit named `name`. */
async function search(page: Page, query: string, name: string) {
  await page.getByRole('searchbox', { name: '搜索机构' }).fill(query);
  const link = page.getByRole('tree', { name: '机构树' }).getByRole('link', { name, exact: true });
  await link.waitFor();
  return link;
}

describe('finding a unit in the tree', () => {
  it('finds a unit by the pinyin initials of its name and opens its page', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'clerk');
    await page.goto('/org/tree');
    const name = `${demoRegion.name}交通运输局`;
    const link = await search(page, 'jtysj', name);
    await link.click();
    await page.getByRole('heading', { level: 3, name }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/org\/units\/\w+$/);
    await page.getByText('编制情况（截至').waitFor();
  });

  it('finds a unit by part of its name, and by a name it also bears (加挂牌子)', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'clerk');
    await page.goto('/org/tree');
    await search(page, '人民检察院', `${demoRegion.name}人民检察院`);
    await expect(page.getByText(/找到 \d+ 个机构/).textContent()).resolves.toMatch(/找到 [1-9]\d* 个机构/);

    // 中共青源县委办公室 also bears the sign 中共青源县委机要保密局.
    await search(page, '机要保密局', `中共${demoRegion.name}委办公室`);
  });

  it('says so when nothing matches', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'clerk');
    await page.goto('/org/tree');
    await page.getByRole('searchbox', { name: '搜索机构' }).fill('不存在的机构名称');
    await page.getByText('没有匹配的机构').waitFor();
  });
});
