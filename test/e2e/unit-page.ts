import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { QUOTA_KINDS } from '../../web/src/shared/labels.ts';

/** What the browser tests read of the API and of a unit's page. */

export interface Figures {
  approved: number;
  headcount: number;
  reserved: number;
  vacancy: number;
}

/** A GET through the page's session, failing the test with the server's answer when it is not 2xx. */
export async function getJson<T>(page: Page, url: string): Promise<T> {
  const response = await page.context().request.get(url);
  expect(response.ok(), `${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** The 编制情况 row of one quota kind on the unit page, as the page shows it. */
export async function figuresOnUnitPage(page: Page, unitCode: string, kind: string): Promise<Figures> {
  await page.goto(`/org/units/${unitCode}`);
  const row = page
    .getByRole('table', { name: '编制情况' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: QUOTA_KINDS[kind], exact: true }) });
  await row.waitFor();
  const [approved, headcount, reserved, vacancy] = (await row.getByRole('cell').allTextContents())
    .slice(1, 5)
    .map(Number);
  return { approved: approved!, headcount: headcount!, reserved: reserved!, vacancy: vacancy! };
}
