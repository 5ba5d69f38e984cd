import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from './browser.ts';
import { E2E_PASSWORD } from './server.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('logging in', () => {
  it('takes a clerk from the login page to the unit tree of the demonstration county', async () => {
    expect(inject('accounts')).toContain('clerk');
    const page = await newPage(browser, inject('baseUrl'));
    await page.goto('/');
    await page.getByLabel('用户名').fill('clerk');
    await page.getByLabel('密码').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('menuitem', { name: '机构树' }).waitFor();
    await page.getByText('青源县').first().waitFor();
  });
});
