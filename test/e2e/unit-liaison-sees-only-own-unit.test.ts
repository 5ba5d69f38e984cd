import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, pageAs } from './browser.ts';
import { planted, unitNamed } from './demo-county.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('a unit liaison', () => {
  it('opens their own unit but not another unit, in the browser or through the API', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'liaison');
    const me = (await (await page.context().request.get('/api/auth/me')).json()) as {
      user: { unitCode: string; unitName: string };
    };
    const own = me.user.unitCode;
    // Another top-level unit of the county: outside the liaison's unit and everything under it.
    const other = planted('OVER_QUOTA').unitCode!;
    expect(other).not.toBe(own);

    await page.goto(`/org/units/${own}`);
    await page.getByRole('heading', { level: 3, name: me.user.unitName }).waitFor();

    await page.goto(`/org/units/${other}`);
    await page.getByText('未找到', { exact: true }).waitFor();
    await expect(page.getByText(unitNamed(other)).count()).resolves.toBe(0);
    await expect(page.getByText('编制情况').count()).resolves.toBe(0);

    const api = page.context().request;
    const unit = await api.get(`/api/units/${other}`);
    expect(unit.status()).toBe(404);
    expect(((await unit.json()) as { code: string }).code).toBe('org.unit_not_found');
    // The same answer as for a unit that does not exist, so existence does not leak.
    const missing = await api.get('/api/units/NOSUCHUNIT');
    expect(missing.status()).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('org.unit_not_found');
    for (const path of ['seats', 'quota-ledger'])
      expect((await api.get(`/api/units/${other}/${path}`)).status()).toBe(404);
    expect((await api.get(`/api/units/${own}`)).status()).toBe(200);
  });
});
