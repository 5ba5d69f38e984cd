import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { todayInChina } from '../../web/src/shared/as-of.ts';
import { chooseOption, launchBrowser, pageAs } from './browser.ts';
import { datedQuotaChange, plantedUnitCodes } from './demo-county.ts';
import { figuresOnUnitPage, getJson } from './unit-page.ts';

/**
 * Issue 6's acceptance in the browser: the clerk raises a proposal to move 3 administrative quota
 * from one unit of the demonstration county to another, records the appraisal, decides it (同意,
 * meeting, 文号) and implements it from today; both units' pages show the figures moved by 3, and
 * 机构编制变动情况统计 from yesterday to today shows the 3 moved.
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
  kind: string;
  approved: number;
  headcount: number;
  vacancy: number;
}

const KIND = 'administrative';
const today = todayInChina();
const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const year = today.slice(0, 4);
const documentNo = `青源编〔${year}〕36号`;

const choose = (page: Page, label: string, option: string | RegExp, typed?: string) =>
  chooseOption(page, page.getByRole('combobox', { name: label }), option, typed);

/** An option whose whole text is this (a township's name is part of its schools' names). */
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The 划转编制 card of the change statistics between yesterday and today, as the page shows it. */
async function movedOnStatisticsPage(page: Page): Promise<number> {
  await page.goto(`/stats/changes?from=${yesterday}&to=${today}`);
  const card = page.getByRole('group', { name: '划转编制' });
  await card.waitFor();
  return Number((await card.locator('.ant-statistic-content-value').textContent())!.replace(/,/g, ''));
}

describe('moving 3 quota from one unit to another by a proposal', () => {
  let regionCode: string;
  const giver = { code: '', name: '', approved: 0 };
  const receiver = { code: '', name: '', approved: 0 };
  let movedBefore = 0;

  it('picks two units of the county: the one with most room to give 3, and another to receive', async () => {
    const me = await getJson<{ user: { regionCode: string } }>(clerk, '/api/auth/me');
    regionCode = me.user.regionCode;
    const liaison = await pageAs(browser, inject('baseUrl'), 'liaison');
    const liaisonUnit = (await getJson<{ user: { unitCode: string } }>(liaison, '/api/auth/me')).user
      .unitCode;
    // Leave alone the units other tests read: the planted cases, the dated change, the liaison's.
    const avoid = new Set([...plantedUnitCodes(), datedQuotaChange().unitCode, liaisonUnit]);
    const { figures } = await getJson<{ figures: QuotaFigure[] }>(
      clerk,
      `/api/regions/${regionCode}/figures`,
    );
    const candidates = figures.filter((f) => f.kind === KIND && !avoid.has(f.unitCode));
    // The giver with the most room (the county's administrative vacancies are few); the receiver
    // from the other end of the list, away from the unit the hiring test takes from its start.
    const from = [...candidates].sort((a, b) => b.vacancy - a.vacancy)[0];
    const to = [...candidates].reverse().find((f) => f !== from && f.approved > 0);
    expect(from?.vacancy, 'a unit with room to give 3 administrative quota').toBeGreaterThanOrEqual(3);
    expect(to, 'another unit with administrative quota').toBeDefined();
    for (const [unit, figure] of [
      [giver, from!],
      [receiver, to!],
    ] as const) {
      unit.code = figure.unitCode;
      unit.name = (
        await getJson<{ current: { name: string } }>(clerk, `/api/units/${unit.code}`)
      ).current.name;
      unit.approved = (await figuresOnUnitPage(clerk, unit.code, KIND)).approved;
    }
    expect(giver.approved).toBe(from!.approved);
    expect(receiver.approved).toBe(to!.approved);
  });

  it('reads the quota moved so far today on 机构编制变动情况统计', async () => {
    movedBefore = await movedOnStatisticsPage(clerk);
  });

  it('raises the proposal in the form', async () => {
    await clerk.goto('/proposals');
    await clerk.getByRole('button', { name: '提出动议' }).click();
    await clerk.waitForURL(/\/proposals\/new$/);
    await clerk
      .getByRole('textbox', { name: '事项名称' })
      .fill(`${giver.name}划转 3 名行政编制至${receiver.name}`);
    await clerk.getByRole('textbox', { name: '动议理由' }).fill('相关职责划入，按“编随事走”调整编制');
    await choose(clerk, '第 1 项事项类别', '编制划转', '编制划转');
    await choose(clerk, '第 1 项划出机构', exactly(giver.name), giver.name);
    await choose(clerk, '第 1 项划入机构', exactly(receiver.name), receiver.name);
    await choose(clerk, '第 1 项编制类型', '行政编制');
    await clerk.getByRole('spinbutton', { name: '第 1 项数量' }).fill('3');
    await clerk.getByRole('button', { name: '提交动议' }).click();
    await clerk.waitForURL(/\/proposals\/\d+$/);
    await clerk
      .getByTestId('proposal-change')
      .filter({ hasText: `行政编制 3 名从 ${giver.name} 划转至 ${receiver.name}` })
      .waitFor();
    await clerk.getByText('已动议', { exact: true }).waitFor();
  });

  it('records the appraisal of 合理性、必要性、可行性', async () => {
    for (const [criterion, score, opinion] of [
      ['合理性', '85', '符合职能配置要求'],
      ['必要性', '90', '职责划入后业务量增加'],
      ['可行性', '80', '区划内调剂，总量不变'],
    ]) {
      await clerk.getByRole('spinbutton', { name: `${criterion}评分` }).fill(score!);
      await clerk.getByRole('textbox', { name: `${criterion}意见` }).fill(opinion!);
    }
    await clerk.getByRole('button', { name: '记录论证' }).click();
    await clerk.getByText('已论证', { exact: true }).waitFor();
  });

  it('records the committee’s decision: 同意, with the meeting and the 文号', async () => {
    await clerk
      .locator('label.ant-radio-button-wrapper')
      .filter({ hasText: /^同意$/ })
      .click();
    await clerk.getByRole('textbox', { name: '会议' }).fill(`县编委${year}年第5次会议`);
    await clerk.getByRole('textbox', { name: '决定文号' }).fill(documentNo);
    await clerk.getByRole('button', { name: '记录审议决定' }).click();
    await clerk.getByText('已决定', { exact: true }).waitFor();
    await clerk.getByText(documentNo).waitFor();
  });

  it('implements it from today', async () => {
    // The effective date is today unless changed.
    await expect(clerk.getByRole('textbox', { name: '生效日期' }).inputValue()).resolves.toBe(today);
    await clerk.getByRole('button', { name: '组织实施' }).click();
    await clerk.getByText('已实施', { exact: true }).waitFor();
    await clerk.getByTestId('proposal-event').filter({ hasText: '组织实施' }).waitFor();
  });

  it('shows both units’ administrative quota moved by 3', async () => {
    expect((await figuresOnUnitPage(clerk, giver.code, KIND)).approved).toBe(giver.approved - 3);
    expect((await figuresOnUnitPage(clerk, receiver.code, KIND)).approved).toBe(receiver.approved + 3);
  });

  it('shows the 3 moved on 机构编制变动情况统计 from yesterday to today', async () => {
    expect(await movedOnStatisticsPage(clerk)).toBe(movedBefore + 3);
    const { sentence } = await getJson<{ sentence: string }>(
      clerk,
      `/api/change-statistics?region=${regionCode}&from=${yesterday}&to=${today}`,
    );
    await clerk.getByRole('heading', { name: sentence, exact: true }).waitFor();
  });
});
