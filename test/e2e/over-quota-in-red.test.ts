import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { QUOTA_KINDS } from '../../web/src/shared/labels.ts';
import { colourOf, launchBrowser, pageAs } from './browser.ts';
import { planted, REFERENCE_DATE, unitNamed } from './demo-county.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/** Red: the red channel well above the others (AntD's red tag text is rgb(207, 19, 34)). */
async function expectRed(locator: Locator) {
  const [r, g, b] = await colourOf(locator);
  expect(r).toBeGreaterThan(150);
  expect(g).toBeLessThan(r / 2);
  expect(b).toBeLessThan(r / 2);
}

// The planted over-quota unit is one seat over on the date the demonstration data describes.
const over = planted('OVER_QUOTA');
const name = unitNamed(over.unitCode!);

describe('an over-quota unit', () => {
  it('shows 超编 in red beside the quota kind it is over on its page', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'clerk');
    await page.goto(`/org/units/${over.unitCode}?asOf=${REFERENCE_DATE}`);
    await page.getByRole('heading', { level: 3, name }).waitFor();
    const row = page
      .getByRole('table', { name: '编制情况' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: QUOTA_KINDS[over.quotaKind!], exact: true }) });
    const tag = row.getByText('超编', { exact: true });
    await tag.waitFor();
    await expectRed(tag);
    const [approved, headcount, reserved, vacancy] = (await row.getByRole('cell').allTextContents()).slice(
      1,
      5,
    );
    expect(reserved).toBe('0');
    expect(Number(headcount)).toBeGreaterThan(Number(approved));
    expect(Number(vacancy)).toBeLessThan(0);
    await expectRed(row.getByText(vacancy!, { exact: true }));
  });

  it('is marked 超编 in red in the unit tree', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'clerk');
    await page.goto(`/org/tree?asOf=${REFERENCE_DATE}`);
    await page.getByRole('searchbox', { name: '搜索机构' }).fill(name);
    const item = page.getByRole('treeitem').filter({ has: page.getByRole('link', { name, exact: true }) });
    const tag = item.getByText('超编', { exact: true });
    await tag.waitFor();
    await expectRed(tag);
  });
});
