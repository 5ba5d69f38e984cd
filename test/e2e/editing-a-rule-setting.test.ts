import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, pageAs } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('the warning rules page', () => {
  it('lets a clerk give the region its own threshold and take it back', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'clerk');
    await page.goto('/');
    await page.getByRole('menuitem', { name: '预警规则' }).click();
    const rows = page.getByRole('table').getByRole('row');
    await rows.filter({ hasText: 'OVER_QUOTA' }).waitFor();
    expect(await rows.count()).toBe(18); // the header and the 17 rules
    const cell = page.getByTestId('setting-SECONDMENT_OVERDUE-maxDays');
    await expect.poll(() => cell.textContent()).toContain('365');
    expect(await cell.textContent()).toContain('默认值');

    await page.getByRole('button', { name: '修改超期借调的借调期限（天）' }).click();
    const dialog = page.getByRole('dialog', { name: '设置阈值：超期借调' });
    await dialog.getByLabel('借调期限（天）').fill('200');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => cell.textContent()).toContain('200');
    expect(await cell.textContent()).toContain('本区划设置');
    expect(await cell.textContent()).toContain('默认 365');

    await page.getByRole('button', { name: '取消超期借调的本区划设置' }).click();
    await expect.poll(() => cell.textContent()).toContain('默认值');
    expect(await cell.textContent()).toContain('365');
  });

  it('shows a unit liaison the rules without letting them change a threshold', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'liaison');
    await page.goto('/warnings/rules');
    await page.getByTestId('setting-STALE_CHARTER-maxDays').waitFor();
    expect(await page.getByRole('button', { name: /修改/ }).count()).toBe(0);
  });
});
