/**
 * `npm run screenshots`: starts the demonstration server exactly as the browser tests do, signs in
 * as the clerk (the auditor for the audit log, the system administrator for the users), and saves a
 * 1440×900 viewport PNG of each main page to docs/screenshots/, so a reader sees the product
 * without running it. Every page is as of the date the demonstration data describes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loginAs } from '../test/e2e/browser.ts';
import { planted, REFERENCE_DATE } from '../test/e2e/demo-county.ts';
import { E2E_PASSWORD, startDemoServer } from '../test/e2e/demo-server.ts';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');

async function open(browser: Browser, baseURL: string, username: string | null): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  if (username) await loginAs(page, username, E2E_PASSWORD);
  return page;
}

/** Waits for two frames, so what the last response changed has been painted. */
async function painted(page: Page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

async function shoot(page: Page, name: string) {
  // No skeleton or spinning table left on screen (a button's own spinner may linger while it fades).
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('.ant-skeleton, .ant-spin-spinning')].some((e) => e.checkVisibility()),
  );
  await painted(page);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

const BAD_UNITS = [
  'code,name,region_code,kind,rank,established_on,document_no,sort_order',
  'E2E0001,青源县数据核验中心,290121,public_institution,unit_level,2026-01-05,青编〔2026〕1号,901',
  'E2E0002,青源县数据服务中心,290121,agency,unit_level,2026-13-05,青编〔2026〕1号,902',
  'E2E0003,,290121,public_institution,stock,2026-01-05,青编〔2026〕1号,903',
].join('\n');

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = await startDemoServer();
  const browser = await launchBrowser();
  const asOf = `?asOf=${REFERENCE_DATE}`;
  try {
    const visitor = await open(browser, server.url, null);
    await visitor.goto('/login');
    await visitor.getByLabel('用户名').waitFor();
    await shoot(visitor, '01-login');

    const clerk = await open(browser, server.url, 'clerk');
    await clerk.goto(`/org/tree${asOf}`);
    await clerk.getByRole('tree', { name: '机构树' }).getByRole('treeitem').first().waitFor();
    await shoot(clerk, '02-unit-tree');

    await clerk.goto(`/org/units/${planted('OVER_QUOTA').unitCode}${asOf}`);
    await clerk.getByRole('table', { name: '编制情况' }).getByText('超编').waitFor();
    await clerk.getByRole('table', { name: '在编人员' }).getByRole('cell').first().waitFor();
    await shoot(clerk, '03-unit-page');

    await clerk.goto(`/roster${asOf}`);
    const roster = clerk.getByRole('table', { name: '人员名册' });
    await roster.getByRole('link').first().waitFor();
    await shoot(clerk, '04-roster');

    await roster.getByRole('link').first().click();
    await clerk.getByText('编制记录（入编、调动、出编）').waitFor();
    await clerk.getByRole('cell').first().waitFor();
    await shoot(clerk, '05-person');

    await clerk.goto(`/interchange/import${asOf}`);
    const chooser = clerk.waitForEvent('filechooser');
    await clerk.getByText('点击或拖拽文件到此处').click();
    await (
      await chooser
    ).setFiles([{ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_UNITS) }]);
    await clerk.getByRole('button', { name: '校验（试运行）' }).click();
    await clerk.getByRole('table', { name: '导入错误' }).getByRole('cell').first().waitFor();
    await clerk.getByText(/发现 \d+ 处错误/).scrollIntoViewIfNeeded();
    await shoot(clerk, '06-import-errors');

    await clerk.goto(`/stats/overview${asOf}`);
    await clerk.getByRole('img', { name: '编制按类型图' }).locator('canvas').first().waitFor();
    await shoot(clerk, '07-region-overview');

    await clerk.goto(`/warnings/dashboard${asOf}`);
    await clerk.getByRole('img', { name: '预警按类别图' }).locator('canvas').first().waitFor();
    await clerk.getByRole('table', { name: '预警按规则' }).getByRole('cell').first().waitFor();
    await shoot(clerk, '10-warnings-dashboard');

    await clerk.goto(`/warnings/lights${asOf}`);
    await clerk.getByRole('table', { name: '各单位亮灯' }).getByRole('cell').first().waitFor();
    await shoot(clerk, '11-unit-lights');

    await clerk.goto(`/stats/vacancy${asOf}`);
    await clerk.getByRole('img', { name: '空编预测折线图' }).locator('canvas').first().waitFor();
    await shoot(clerk, '12-vacancy-analysis');

    await clerk.goto('/proposals');
    const proposals = clerk.getByRole('table', { name: '动议事项' });
    await proposals
      .getByRole('link', { name: /^DY\d{4}-\d{4}$/ })
      .last()
      .click();
    await clerk.waitForURL(/\/proposals\/\d+$/);
    await clerk.getByTestId('proposal-event').first().waitFor();
    await shoot(clerk, '13-proposal');

    await clerk.goto('/stats/changes');
    await clerk.getByRole('group', { name: '划转编制' }).waitFor();
    await clerk.getByRole('table', { name: '编制变动（按类型）' }).getByRole('cell').first().waitFor();
    await shoot(clerk, '14-change-statistics');

    const auditor = await open(browser, server.url, 'auditor');
    await auditor.goto('/system/audit');
    await auditor
      .getByRole('cell', { name: /^#\d+$/ })
      .first()
      .waitFor();
    await shoot(auditor, '08-audit-log');

    const sysadmin = await open(browser, server.url, 'sysadmin');
    await sysadmin.goto('/system/users');
    await sysadmin.getByRole('cell', { name: 'clerk', exact: true }).waitFor();
    await shoot(sysadmin, '09-users');
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
