import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('the running server', () => {
  it('serves its API documentation to a browser', async () => {
    const page = await newPage(browser, inject('baseUrl'));
    await page.goto('/api/docs');
    await expect(page.getByText('/api/regions').first().waitFor()).resolves.toBeUndefined();
  });
});
