import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, pageAs } from './browser.ts';
import { datedQuotaChange } from './demo-county.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const MASKED = /^\d{6}\*{8}\d{3}[\dX]$/;
const FULL = /^\d{17}[\dX]$/;

/** The 公民身份号码 column of a table, once its first page of people has arrived. */
async function idNumbers(page: Page, table: string): Promise<string[]> {
  const grid = page.getByRole('table', { name: table });
  await grid.getByRole('columnheader', { name: '公民身份号码' }).waitFor();
  const column = (await grid.getByRole('columnheader').allTextContents()).indexOf('公民身份号码');
  expect(column).toBeGreaterThanOrEqual(0);
  const rows = grid.getByRole('row').filter({ has: page.getByRole('cell') });
  await page.getByText(/共 \d+ 人/).waitFor();
  await expect.poll(() => rows.count()).toBeGreaterThan(1);
  const values: string[] = [];
  for (const row of await rows.all())
    values.push((await row.getByRole('cell').nth(column).textContent()) ?? '');
  return values;
}

/** The people tab of a unit with staff (the tab a unit page opens on). */
async function idNumbersOnUnitPage(page: Page): Promise<string[]> {
  const { unitCode, unitName } = datedQuotaChange();
  await page.goto(`/org/units/${unitCode}`);
  await page.getByRole('heading', { level: 3, name: unitName }).waitFor();
  return idNumbers(page, '在编人员');
}

describe('ID numbers', () => {
  it('are masked for a 审计 reader, on a unit page and in the roster', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'auditdept');
    for (const id of await idNumbersOnUnitPage(page)) expect(id).toMatch(MASKED);

    await page.goto('/roster');
    for (const id of await idNumbers(page, '人员名册')) expect(id).toMatch(MASKED);
  });

  it('are shown in full to a clerk', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'clerk');
    for (const id of await idNumbersOnUnitPage(page)) expect(id).toMatch(FULL);

    await page.goto('/roster');
    for (const id of await idNumbers(page, '人员名册')) expect(id).toMatch(FULL);
  });
});
