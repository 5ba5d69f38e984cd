import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { labelOf, QUOTA_KINDS } from '../../web/src/shared/labels.ts';
import { launchBrowser, pageAs } from './browser.ts';
import { datedQuotaChange } from './demo-county.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const dayBefore = (date: string) => new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);

/** The 核定编制 cell of one quota kind in the unit page's 编制情况 table. */
function approvedCell(page: Page, kindLabel: string) {
  return page
    .getByRole('table', { name: '编制情况' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: kindLabel, exact: true }) })
    .getByRole('cell')
    .nth(1);
}

describe('figures as of a date', () => {
  it('shows the approved quota before a dated change once the date moves back past it', async () => {
    const change = datedQuotaChange();
    const kind = labelOf(QUOTA_KINDS, change.kind);
    const before = dayBefore(change.effectiveOn);
    const page = await pageAs(browser, inject('baseUrl'), 'clerk');

    await page.goto(`/org/units/${change.unitCode}?asOf=${change.effectiveOn}`);
    await page.getByRole('heading', { level: 3, name: change.unitName }).waitFor();
    await page.getByText(`编制情况（截至 ${change.effectiveOn}）`).waitFor();
    await expect.poll(() => approvedCell(page, kind).textContent()).toBe(String(change.approvedAfter));

    // 截至日期 in the header: the day before the change's document took effect.
    const picker = page.getByLabel('截至日期');
    await picker.click();
    await picker.fill(before);
    await picker.press('Enter');
    await page.getByText(`编制情况（截至 ${before}）`).waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(before);
    await expect.poll(() => approvedCell(page, kind).textContent()).toBe(String(change.approvedBefore));

    // Back through the browser's history: the date and its figure return together.
    await page.goBack();
    await page.getByText(`编制情况（截至 ${change.effectiveOn}）`).waitFor();
    await expect.poll(() => approvedCell(page, kind).textContent()).toBe(String(change.approvedAfter));
  });
});
