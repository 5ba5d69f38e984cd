import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { E2E_PASSWORD } from './demo-server.ts';

/** Debian's Chromium, headless, with nothing reaching for the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
  });
  return context.newPage();
}

/** Logs a browser context in through the API (the session cookie lands in the context). */
export async function loginAs(page: Page, username: string, password: string): Promise<void> {
  const response = await page.context().request.post('/api/auth/login', { data: { username, password } });
  if (!response.ok())
    throw new Error(`login of ${username} failed: ${response.status()} ${await response.text()}`);
}

/** A fresh browser context (its own cookies) signed in as one of the demonstration accounts. */
export async function pageAs(browser: Browser, baseURL: string, username: string): Promise<Page> {
  const page = await newPage(browser, baseURL);
  await loginAs(page, username, E2E_PASSWORD);
  return page;
}

/** The rendered colour of an element as [r, g, b]. */
export async function colourOf(locator: Locator): Promise<[number, number, number]> {
  const colour = await locator.evaluate((element) => getComputedStyle(element).color);
  const [r = 0, g = 0, b = 0] = (colour.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return [r, g, b];
}

/**
 * Picks an option of an AntD select: opens it, types what narrows the list, clicks the option. A click
 * that lands while the list is still settling (a busy machine) can be lost and leave the list open;
 * it is clicked again until the list closes on the choice.
 */
export async function chooseOption(
  page: Page,
  combobox: Locator,
  option: string | RegExp,
  typed?: string,
): Promise<void> {
  await combobox.click();
  if (typed) await combobox.fill(typed);
  const item = page.locator('.ant-select-item-option').filter({ hasText: option });
  await expect
    .poll(
      async () => {
        if ((await combobox.getAttribute('aria-expanded')) === 'true')
          await item.click({ timeout: 5_000 }).catch(() => undefined);
        return combobox.getAttribute('aria-expanded');
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .toBe('false');
}
