import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { idCheckChar } from '../../src/modules/identity/id-number.ts';
import { categoriesFor } from '../../web/src/features/flows/flows-view.ts';
import { todayInChina } from '../../web/src/shared/as-of.ts';
import { CATEGORIES, QUOTA_KINDS } from '../../web/src/shared/labels.ts';
import { chooseOption, launchBrowser, pageAs } from './browser.ts';
import { plantedUnitCodes } from './demo-county.ts';
import { type Figures, figuresOnUnitPage, getJson } from './unit-page.ts';

/**
 * 用编计划 → 用编核准 → 入编 in the browser: the liaison applies for a plan (or the clerk for a unit
 * with room, when the liaison's has none), the clerk is refused approving more than the vacancy,
 * approves part, grants a 用编核准 and seats a person on it; the unit's 空编 falls by one and the
 * person is listed. Then the same person again is refused with the rule's explanation, and nothing
 * is written.
 */
let browser: Browser;
let clerk: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  clerk = await pageAs(browser, inject('baseUrl'), 'clerk');
});
afterAll(() => browser.close());

interface QuotaFigure {
  unitCode: string;
  unitName: string | null;
  kind: string;
  vacancy: number;
}

const year = Number(todayInChina().slice(0, 4));
const first17 = '32090219950312051';
const idNumber = first17 + idCheckChar(first17);
const person = '林新苗';

/** Opens an AntD select by its label and picks the option with this text. */
async function choose(page: Page, label: string, option: string | RegExp, typed?: string) {
  await chooseOption(page, page.getByRole('combobox', { name: label }), option, typed);
}

describe('a hire from plan to seat', () => {
  let applicant: Page;
  let unitCode: string;
  let unitName: string;
  let kind: string;
  let before: Figures;
  let planId: number;
  let approvalNumber: string;

  it('finds a unit with room: the liaison’s own when it has some, else one for the clerk', async () => {
    const liaison = await pageAs(browser, inject('baseUrl'), 'liaison');
    const me = await getJson<{ user: { unitCode: string; regionCode: string } }>(liaison, '/api/auth/me');
    const own = await getJson<{ quotaFigures: QuotaFigure[] }>(liaison, `/api/units/${me.user.unitCode}`);
    // Room for the test's whole story and still not full after it (a full unit is a warning of its own).
    const roomy = (f: QuotaFigure) => f.vacancy >= 3;
    const mine = own.quotaFigures.find(roomy);
    if (mine) {
      applicant = liaison;
      [unitCode, kind] = [me.user.unitCode, mine.kind];
    } else {
      const planted = plantedUnitCodes();
      const region = await getJson<{ figures: QuotaFigure[] }>(
        clerk,
        `/api/regions/${me.user.regionCode}/figures`,
      );
      const other = region.figures.find((f) => roomy(f) && !planted.has(f.unitCode));
      expect(other, 'a unit with at least 3 vacancies').toBeDefined();
      applicant = clerk;
      [unitCode, kind] = [other!.unitCode, other!.kind];
    }
    unitName = (await getJson<{ current: { name: string } }>(clerk, `/api/units/${unitCode}`)).current.name;
    before = await figuresOnUnitPage(clerk, unitCode, kind);
    expect(before.vacancy).toBeGreaterThanOrEqual(3);
  });

  it('takes the plan as applied, one more than the vacancy', async () => {
    await applicant.goto('/flows/plans');
    await applicant.getByRole('button', { name: '申报用编计划' }).click();
    const dialog = applicant.getByRole('dialog', { name: '申报用编计划' });
    if (applicant === clerk) await choose(applicant, '申报单位', unitName, unitName);
    // A liaison's own unit is chosen already.
    else await dialog.getByTitle(unitName, { exact: true }).waitFor();
    await dialog.getByRole('textbox', { name: '用编理由' }).fill('业务量增加，补充工作人员');
    // Each kind shows the unit's vacancy beside it.
    await choose(applicant, '第 1 项编制类型', `${QUOTA_KINDS[kind]}（空编 ${before.vacancy}）`);
    await choose(applicant, '第 1 项补充渠道', '考录');
    await dialog.getByRole('spinbutton', { name: '第 1 项申请数' }).fill(String(before.vacancy + 1));
    await dialog.getByRole('button', { name: '申报', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = applicant
      .getByRole('table', { name: '用编计划' })
      .getByRole('row')
      .filter({ hasText: unitName })
      .filter({ hasText: '待审批' });
    await row.waitFor();
    planId = Number(/#(\d+)/.exec((await row.textContent())!)![1]);
    const line = applicant
      .getByRole('table', { name: `计划 ${planId} 明细` })
      .getByRole('row')
      .nth(1);
    expect((await line.getByRole('cell').allTextContents()).slice(0, 4)).toEqual([
      QUOTA_KINDS[kind],
      '考录',
      String(before.vacancy + 1),
      '—',
    ]);
  });

  it('refuses approving more than the vacancy with the reason, then approves two', async () => {
    await clerk.goto('/flows/plans');
    const row = clerk
      .getByRole('table', { name: '用编计划' })
      .getByRole('row')
      .filter({ hasText: `#${planId}` });
    await row.getByRole('button', { name: '审批', exact: true }).click();
    const dialog = clerk.getByRole('dialog', { name: `审批用编计划（计划 ${planId}）` });
    await dialog.getByRole('button', { name: '批准', exact: true }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: `空编 ${before.vacancy} 名` })
      .filter({ hasText: `不能核准 ${before.vacancy + 1} 名` })
      .waitFor();
    await dialog.getByRole('spinbutton', { name: `${QUOTA_KINDS[kind]}考录核准数` }).fill('2');
    await dialog.getByRole('textbox', { name: '批准文号' }).fill(`青源编办〔${year}〕8号`);
    // Not exact: after a request AntD may leave its (hidden) loading icon in the button's name.
    await dialog.getByRole('button', { name: '批准' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row
      .filter({ hasText: '已批准' })
      .filter({ hasText: `青源编办〔${year}〕8号` })
      .waitFor();
    const line = clerk
      .getByRole('table', { name: `计划 ${planId} 明细` })
      .getByRole('row')
      .nth(1);
    expect((await line.getByRole('cell').allTextContents()).slice(2, 6)).toEqual([
      String(before.vacancy + 1),
      '2',
      '0',
      '0',
    ]);
  });

  it('grants a 用编核准 from the plan and shows its 文号', async () => {
    await clerk.goto('/flows/approvals');
    await clerk.getByRole('button', { name: '核准用编' }).click();
    const dialog = clerk.getByRole('dialog', { name: '核准用编' });
    await choose(
      clerk,
      '用编计划明细',
      `${unitName} · ${year}年 · ${QUOTA_KINDS[kind]} · 考录（核准 2，可用 2）`,
    );
    await dialog.getByRole('textbox', { name: '拟用人员' }).fill(person);
    await dialog.getByRole('button', { name: '核准', exact: true }).click();
    const title = await dialog.getByText(/^已核准用编：/).textContent();
    approvalNumber = title!.replace('已核准用编：', '');
    expect(approvalNumber).toMatch(new RegExp(`编核〔${year}〕\\d+号$`));
    await dialog.getByRole('button', { name: '办理入编' }).click();
    await clerk.waitForURL(/\/flows\/enter\?approvalId=\d+$/);
  });

  it('seats the person on it: the unit’s 空编 is one lower and the person is listed', async () => {
    // The approval is chosen already, and the category its quota kind takes.
    await clerk.getByTitle(new RegExp(`^${approvalNumber} · `)).waitFor();
    const category = CATEGORIES[categoriesFor(kind)[0]!]!;
    await clerk.getByTitle(category, { exact: true }).waitFor();
    await clerk.getByRole('textbox', { name: '公民身份号码' }).fill(idNumber);
    await clerk.getByRole('textbox', { name: '姓名' }).fill(person);
    await clerk.getByRole('textbox', { name: '学历' }).fill('大学');
    await clerk.getByRole('button', { name: '办理入编' }).click();
    await clerk.getByText(`${person} 已入编`).waitFor();
    await clerk.getByText(new RegExp(`${unitName}，席位 #\\d+，用编核准 ${approvalNumber}`)).waitFor();
    await clerk.getByRole('button', { name: '查看单位编制情况' }).click();
    await clerk.waitForURL(new RegExp(`/org/units/${unitCode}$`));

    const after = await figuresOnUnitPage(clerk, unitCode, kind);
    expect(after).toEqual({
      approved: before.approved,
      headcount: before.headcount + 1,
      reserved: before.reserved,
      vacancy: before.vacancy - 1,
    });
    const seat = clerk.getByRole('table', { name: '在编人员' }).getByRole('row').filter({ hasText: person });
    await seat.waitFor();
    expect(await seat.textContent()).toContain(category);
    expect(await seat.textContent()).toContain('考录');
  });

  it('refuses the same person again with the rule’s explanation, and writes nothing', async () => {
    const admin = await pageAs(browser, inject('baseUrl'), 'admin');
    await admin.goto('/flows/enter');
    await admin.locator('label').filter({ hasText: '用编计划（当场核准）' }).click();
    await choose(
      admin,
      '用编计划明细',
      `${unitName} · ${year}年 · ${QUOTA_KINDS[kind]} · 考录（核准 2，可用 1）`,
    );
    // The check character is checked before anything is sent.
    const id = admin.getByRole('textbox', { name: '公民身份号码' });
    await id.fill(`${first17}${idCheckChar(first17) === '0' ? '1' : '0'}`);
    await admin.getByRole('textbox', { name: '姓名' }).fill(`${person}（重复）`);
    await admin.getByText('公民身份号码校验码错误').waitFor();
    await id.fill(idNumber);
    await admin.getByRole('button', { name: '办理入编' }).click();

    const refusal = admin.getByTestId('refusal-message');
    await refusal.waitFor();
    const message = (await refusal.textContent())!;
    expect(message).toMatch(/^不予办理：【DUPLICATE_SEAT】/);
    await admin.getByRole('alert').filter({ hasText: '不予办理（事前预防）' }).waitFor();
    // The administrator may let it through (越权办理) — here they do not.
    await admin.getByRole('button', { name: '越权办理（登记为问题）' }).waitFor();
    await expect(admin.getByText(`${person}（重复） 已入编`).count()).resolves.toBe(0);

    const after = await figuresOnUnitPage(clerk, unitCode, kind);
    expect(after).toMatchObject({ headcount: before.headcount + 1, vacancy: before.vacancy - 1 });
    expect(after.reserved).toBe(before.reserved);
    const plan = await getJson<{ lines: { granted: number; used: number }[] }>(
      clerk,
      `/api/staffing-plans/${planId}`,
    );
    expect(plan.lines[0]).toMatchObject({ granted: 1, used: 1 });
  });
});
