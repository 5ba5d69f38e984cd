import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, pageAs } from './browser.ts';
import { planted, REFERENCE_DATE, unitNamed } from './demo-county.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

interface Dashboard {
  total: number;
  byRule: { rule: string; name: string; count: number }[];
}

// The demonstration data describes REFERENCE_DATE: the dashboard scans live as of that date.
const over = planted('OVER_QUOTA');
const name = unitNamed(over.unitCode!);

describe('the warnings dashboard', () => {
  it('shows the API’s totals, drills from a rule to its warnings and on to the unit page', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'clerk');
    await page.goto(`/?asOf=${REFERENCE_DATE}`);
    await page.getByRole('menu', { name: '功能导航' }).getByRole('link', { name: '预警看板' }).click();
    await page.getByText(`预警看板（截至 ${REFERENCE_DATE}）`).waitFor();
    const response = await page.context().request.get(`/api/warnings/dashboard?asOf=${REFERENCE_DATE}`);
    const api = (await response.json()) as Dashboard;
    expect(api.total).toBeGreaterThan(0);

    await expect
      .poll(() => page.getByTestId('warnings-total').textContent())
      .toContain(api.total.toLocaleString('en-US'));
    const byRule = page.getByRole('table', { name: '预警按规则' });
    for (const rule of api.byRule) {
      const row = byRule
        .getByRole('row')
        .filter({ has: page.getByRole('button', { name: rule.name, exact: true }) });
      await expect.poll(() => row.getByRole('cell').last().textContent()).toBe(String(rule.count));
    }

    await byRule.getByRole('button', { name: '超编', exact: true }).click();
    await page.getByText('预警明细：超编').waitFor();
    const list = page.getByRole('table', { name: '预警明细' });
    const overCount = api.byRule.find((r) => r.rule === 'OVER_QUOTA')!.count;
    await page.getByText(`共 ${overCount} 条`).waitFor();
    const row = list.getByRole('row').filter({ hasText: name });
    await expect.poll(() => row.textContent()).toContain('核定数');
    await row.getByRole('link', { name: '单位详情' }).click();
    await page.getByRole('heading', { level: 3, name }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/org/units/${over.unitCode}`);
    expect(url.searchParams.get('asOf')).toBe(REFERENCE_DATE);
  });
});
