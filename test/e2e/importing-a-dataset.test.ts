import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, pageAs } from './browser.ts';
import { demoRegion } from './demo-county.ts';

/**
 * Importing in the browser, as a clerk: the rows here are new units in a new region under the demo
 * county (codes E2E…), so what one test writes no other test reads.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const UNITS_HEADER = 'code,name,region_code,kind,rank,established_on,document_no,sort_order';
const csvFile = (name: string, lines: string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`\uFEFF${lines.join('\n')}\n`),
});

/** Chooses files through the upload area's file chooser, as a user clicking it would. */
async function chooseFiles(page: Page, files: ReturnType<typeof csvFile>[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('点击或拖拽文件到此处').click();
  await (await chooser).setFiles(files);
}

describe('importing a dataset in the browser', () => {
  it('lists an error of the dry run with its file, row, column, value and reason', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'clerk');
    await page.goto('/interchange/import');
    await chooseFiles(page, [
      csvFile('units.csv', [
        UNITS_HEADER,
        `E2E0001,${demoRegion.name}数据核验中心,${demoRegion.code},public_institution,unit_level,2026-01-05,青编〔2026〕1号,901`,
        `E2E0002,${demoRegion.name}数据服务中心,${demoRegion.code},agency,unit_level,2026-01-05,青编〔2026〕1号,902`,
      ]),
    ]);
    await page.getByRole('button', { name: '校验（试运行）' }).click();

    await page.getByText('发现 1 处错误，未写入任何数据').waitFor();
    const errors = page.getByRole('table', { name: '导入错误' });
    const row = errors.getByRole('row').filter({ hasText: 'agency' });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['units.csv', '3', 'kind', 'agency']);
    expect(cells[4]).toContain('「机构类别」的值无效');
    await expect(page.getByRole('button', { name: '正式导入' }).isDisabled()).resolves.toBe(true);

    // Nothing was written: the unit of the valid row does not exist either.
    const written = await page.context().request.get('/api/units/E2E0001');
    expect(written.status()).toBe(404);
  });

  it('applies a clean dataset with a progress bar, then shows the counts and the audit entry', async () => {
    const page = await pageAs(browser, inject('baseUrl'), 'clerk');
    await page.goto('/interchange/import');
    // Enough rows that the import lasts a moment, in a region of its own.
    const region = `${demoRegion.code.slice(0, 4)}98`;
    const count = 2000;
    const codes = Array.from({ length: count }, (_, i) => `E2E${String(i + 1).padStart(5, '0')}`);
    await chooseFiles(page, [
      csvFile('regions.csv', [
        'code,name,parent_code,unit_cap',
        `${region},青源县测试园区,${demoRegion.code},`,
      ]),
      csvFile('units.csv', [
        UNITS_HEADER,
        ...codes.map(
          (code, i) =>
            `${code},测试园区事业单位${i + 1},${region},public_institution,unit_level,2026-01-05,青编〔2026〕9号,${i + 1}`,
        ),
      ]),
      csvFile('quotas.csv', [
        'unit_code,kind,amount,effective_on,document_no',
        ...codes.map((code) => `${code},institutional,3,2026-01-05,青编〔2026〕9号`),
      ]),
    ]);

    await page.getByRole('button', { name: '校验（试运行）' }).click();
    await page.getByText('校验通过，未发现错误（试运行，未写入任何数据）').waitFor({ timeout: 30_000 });

    // Every answer to the page's polls: at least one must come while the job is still under way.
    const polled: string[] = [];
    page.on('response', async (response) => {
      if (
        /\/api\/imports\/[^/?]+$/.test(new URL(response.url()).pathname) &&
        response.request().method() === 'GET'
      ) {
        polled.push(((await response.json()) as { status: string }).status);
      }
    });
    await page.getByRole('button', { name: '正式导入' }).click();
    const progress = page.getByRole('progressbar', { name: '导入进度' });
    await progress.waitFor();

    const done = page.getByText('导入完成');
    await done.waitFor({ timeout: 30_000 });
    await progress.waitFor({ state: 'detached' });
    expect(polled.some((status) => status === 'queued' || status === 'running')).toBe(true);
    expect(polled.at(-1)).toBe('succeeded');
    const audit = await page.getByText(/已记入审计日志：审计记录 #\d+/).textContent();
    const seq = Number(/#(\d+)/.exec(audit ?? '')![1]);

    // The counts of the dry run stay above; the import's own are the last table.
    const result = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: '新增' }) })
      .last();
    const unitsRow = await result
      .getByRole('row')
      .filter({ hasText: '（units）' })
      .getByRole('cell')
      .allTextContents();
    expect(unitsRow).toEqual(['机构（units）', String(count), String(count), '0']);
    const quotasRow = await result
      .getByRole('row')
      .filter({ hasText: '（quotas）' })
      .getByRole('cell')
      .allTextContents();
    expect(quotasRow.slice(1)).toEqual([String(count), String(count), '0']);

    // The audit administrator reads the entry the summary names.
    const auditor = await pageAs(browser, inject('baseUrl'), 'auditor');
    const entries = await auditor.context().request.get(`/api/audit?actor=clerk`);
    expect(entries.ok()).toBe(true);
    const body = (await entries.json()) as { items: { seq: number; action: string }[] };
    expect(body.items.find((entry) => entry.seq === seq)?.action).toMatch(/import/);
  });
});
