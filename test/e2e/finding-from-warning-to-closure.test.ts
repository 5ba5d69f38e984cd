import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import mammoth from 'mammoth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chooseOption, launchBrowser, pageAs } from './browser.ts';
import { planted } from './demo-county.ts';

/**
 * 问题台账 in the browser: the clerk registers a warning of the liaison's unit as a finding, the
 * liaison rectifies with an evidence file, the clerk who registered it is refused verification, the
 * administrator verifies and closes it; then a 整改通知书 for another finding, read back as .docx.
 */
let browser: Browser;
let clerk: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  clerk = await pageAs(browser, inject('baseUrl'), 'clerk');
});
afterAll(() => browser.close());

interface Warning {
  id: number;
  rule: string;
  unitCode: string | null;
  message: string;
}

/** A JSON POST from the page's own session, with its CSRF token (what the application's client sends). */
async function postAs(page: Page, url: string, data: object) {
  const api = page.context().request;
  const { csrfToken } = (await (await api.get('/api/auth/me')).json()) as { csrfToken: string };
  const response = await api.post(url, { data, headers: { 'x-csrf-token': csrfToken } });
  expect(response.ok(), `${url}: ${await response.text()}`).toBe(true);
  return response.json() as Promise<Record<string, unknown>>;
}

async function openWarning(page: Page, rule: string, unitCode: string): Promise<Warning> {
  const response = await page
    .context()
    .request.get(`/api/warnings?status=open&rule=${rule}&unit=${unitCode}`);
  const list = (await response.json()) as { total: number; items: Warning[] };
  expect(list.total, `an open ${rule} warning of ${unitCode}`).toBe(1);
  return list.items[0]!;
}

const findingIdOf = (page: Page) => Number(/\/findings\/(\d+)$/.exec(new URL(page.url()).pathname)![1]);

const evidenceContent = Buffer.from('关于撤并内设机构的整改报告（示范）');

describe('a finding from a warning to its closure', () => {
  let liaisonUnit: string;
  let warning: Warning;
  let findingId: number;
  let number: string;

  it('registers the warning of the liaison’s unit as a finding, picked from the open warnings', async () => {
    const started = await postAs(clerk, '/api/scans', {});
    await expect
      .poll(
        async () =>
          (
            (await (await clerk.context().request.get(`/api/scans/${String(started.jobId)}`)).json()) as {
              status: string;
            }
          ).status,
        { timeout: 30_000 },
      )
      .toBe('succeeded');
    const liaison = await pageAs(browser, inject('baseUrl'), 'liaison');
    const me = (await (await liaison.context().request.get('/api/auth/me')).json()) as {
      user: { unitCode: string };
    };
    liaisonUnit = me.user.unitCode;
    // The demo plants a unit over its cap of internal divisions in the liaison's own unit.
    warning = await openWarning(clerk, 'UNIT_OVER_CAP', liaisonUnit);

    await clerk.goto('/findings');
    await clerk.getByRole('button', { name: '登记问题' }).click();
    const dialog = clerk.getByRole('dialog', { name: '登记问题（挂号建账）' });
    const picker = dialog.getByRole('combobox', { name: '预警' });
    // The unit's code alone also finds warnings that merely name it (a secondment to it): the rule narrows.
    await chooseOption(clerk, picker, `#${warning.id} 〔`, `${warning.rule} ${liaisonUnit}`);
    // The chosen warning shows in the field (its full text as the title).
    await dialog.getByTitle(new RegExp(`^#${warning.id} 〔`)).waitFor();
    await dialog.getByRole('button', { name: '登记', exact: true }).click();

    await clerk.waitForURL(/\/findings\/\d+$/);
    findingId = findingIdOf(clerk);
    const heading = await clerk
      .getByRole('heading', { level: 3, name: /^问题 WT\d{4}-\d{4}$/ })
      .textContent();
    number = heading!.replace('问题 ', '');
    await clerk.getByText('挂号建账', { exact: true }).first().waitFor();
    await clerk.getByText(warning.message).first().waitFor();
    await clerk.getByText('单位联络员（示范）').waitFor();
    const events = await clerk.getByTestId('finding-event').allTextContents();
    expect(events).toHaveLength(1);
    expect(events[0]).toContain('挂号建账');
    expect(events[0]).toContain('clerk');
  });

  it('takes the liaison’s measures and evidence file, then submits it for verification', async () => {
    const liaison = await pageAs(browser, inject('baseUrl'), 'liaison');
    await liaison.goto(`/findings/${findingId}`);
    await liaison.getByRole('textbox', { name: '整改措施' }).fill('撤并内设机构 1 个，报县委编委批准');
    const chooser = liaison.waitForEvent('filechooser');
    await liaison.getByRole('button', { name: '上传佐证材料' }).click();
    await (
      await chooser
    ).setFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: evidenceContent });

    const row = liaison
      .getByRole('table', { name: '佐证材料' })
      .getByRole('row')
      .filter({ hasText: '整改报告.pdf' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[1]).toBe('第 1 版');
    expect(cells[3]).toContain(createHash('sm3').update(evidenceContent).digest('hex').slice(0, 16));
    expect(cells[4]).toBe('单位联络员（示范）');

    await liaison.getByRole('button', { name: '提交核验' }).click();
    await liaison.getByText('已提交核验').waitFor();
    await liaison.getByText('待核验', { exact: true }).first().waitFor();
    await expect(liaison.getByRole('button', { name: '提交核验' }).count()).resolves.toBe(0);
    await expect(liaison.getByRole('button', { name: '核验通过' }).count()).resolves.toBe(0);
  });

  it('refuses verification by the clerk who registered it, with the reason', async () => {
    await clerk.goto(`/findings/${findingId}`);
    await clerk.getByRole('button', { name: '核验通过' }).click();
    await clerk
      .getByRole('alert')
      .filter({ hasText: `问题 ${number} 由您登记，须由其他人员核验` })
      .waitFor();
    await clerk.reload();
    await clerk.getByText('待核验', { exact: true }).first().waitFor();
  });

  it('reminds the administrator, who verifies it and closes it', async () => {
    const admin = await pageAs(browser, inject('baseUrl'), 'admin');
    await admin.goto('/findings');
    await admin.getByRole('button', { name: /^问题提醒（[1-9]\d*）$/ }).click();
    await admin.getByRole('link', { name: new RegExp(`${number}.*待核验`) }).click();
    await admin.waitForURL(new RegExp(`/findings/${findingId}$`));

    await admin.getByRole('button', { name: '核验通过' }).click();
    await admin.getByText('已销号', { exact: true }).first().waitFor();
    const events = await admin.getByTestId('finding-event').allTextContents();
    expect(events.map((e) => e.split(' · ')[0])).toEqual([
      '挂号建账',
      '报送整改措施',
      '提交核验',
      '核验通过，销号',
    ]);
    expect(events.at(-1)).toContain('admin');
    await expect(admin.getByRole('button', { name: '重新打开' }).count()).resolves.toBe(1);
  });

  it('issues a 整改通知书 for another open finding, whose .docx names it', async () => {
    const other = await openWarning(clerk, 'OVER_QUOTA', planted('OVER_QUOTA').unitCode!);
    // The link the warnings pages give: the form opens with the warning chosen.
    await clerk.goto(`/findings/new?warningId=${other.id}`);
    const dialog = clerk.getByRole('dialog', { name: '登记问题（挂号建账）' });
    await dialog.getByTitle(new RegExp(`^#${other.id} 〔`)).waitFor();
    await dialog.getByRole('button', { name: '登记', exact: true }).click();
    await clerk.waitForURL(/\/findings\/\d+$/);
    const heading = await clerk.getByRole('heading', { level: 3, name: /^问题 WT/ }).textContent();
    const otherNumber = heading!.replace('问题 ', '');

    await clerk.goto('/findings');
    await clerk.getByRole('checkbox', { name: `选择 ${otherNumber}` }).check();
    await clerk.getByRole('button', { name: '下发整改通知书' }).click();
    const notice = clerk.getByRole('dialog', { name: '下发整改通知书' });
    await notice.getByRole('button', { name: '下发', exact: true }).click();
    const title = await notice.getByText(/^已下发整改通知书 /).textContent();
    const documentNo = title!.replace('已下发整改通知书 ', '');
    expect(documentNo).toMatch(/编办整改〔\d{4}〕\d+号$/);

    const download = clerk.waitForEvent('download');
    await notice.getByRole('button', { name: '下载通知书（Word）' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`整改通知书-${documentNo}.docx`);
    const { value: text } = await mammoth.extractRawText({ buffer: await readFile((await file.path())!) });
    expect(text).toContain('整改通知书');
    expect(text).toContain(documentNo);
    expect(text).toContain(otherNumber);
    expect(text).toContain(other.message);
    expect(text).not.toContain(number);

    await notice.getByRole('button', { name: '完成' }).click();
    await clerk
      .getByRole('table', { name: '整改通知书' })
      .getByRole('row')
      .filter({ hasText: documentNo })
      .waitFor();
  });
});
