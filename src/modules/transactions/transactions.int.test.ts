import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../../../test/support/auth.ts';
import {
  addPost,
  addQuota,
  buildPerson,
  buildRegion,
  buildSeat,
  buildUnit,
  makeIdNumber,
} from '../../../test/support/factories.ts';
import { createTestDatabase, testDbKind } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';

const TODAY = '2026-06-30';
const clock = () => new Date(`${TODAY}T04:00:00Z`);

let database: Database;
let app: App;
let region: { code: string };
let clerk: AuthHeaders;
let secondClerk: AuthHeaders;
let liaison: AuthHeaders;
let organization: AuthHeaders;
let unit: Awaited<ReturnType<typeof buildUnit>>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = buildApp(appOptionsFor(database, clock));
  await app.ready();
  region = await buildRegion(database.db, { name: '青山县' });
  unit = await buildUnit(database.db, { regionCode: region.code, code: 'QS100' });
  // 5 administrative quota, 2 seated: 3 vacant.
  await addQuota(database.db, unit, { kind: 'administrative', amount: 5, effectiveOn: '2020-01-01' });
  await buildSeat(database.db, {
    unit,
    quotaKind: 'administrative',
    category: 'civil_servant',
    enteredOn: '2020-01-01',
  });
  await buildSeat(database.db, {
    unit,
    quotaKind: 'administrative',
    category: 'civil_servant',
    enteredOn: '2021-01-01',
  });
  clerk = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: region.code }));
  secondClerk = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: region.code }));
  liaison = await loginAs(
    app,
    await createUser(database, { roles: ['unit_liaison'], regionCode: region.code, unitCode: 'QS100' }),
  );
  organization = await loginAs(
    app,
    await createUser(database, {
      roles: ['dept_reader'],
      department: 'organization',
      regionCode: region.code,
    }),
  );
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const post = (url: string, headers: AuthHeaders, payload: object) =>
  app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: AuthHeaders) => app.inject({ method: 'GET', url, headers });

/** A section-rank office with one head post, 5 administrative quota and two people without posts. */
async function office(code?: string) {
  const u = await buildUnit(database.db, {
    regionCode: region.code,
    rank: 'section',
    ...(code ? { code } : {}),
  });
  await addPost(database.db, u, { level: 'head', amount: 1, effectiveOn: '2020-01-01' });
  await addQuota(database.db, u, { kind: 'administrative', amount: 5, effectiveOn: '2020-01-01' });
  const seat = () =>
    buildSeat(database.db, {
      unit: u,
      quotaKind: 'administrative',
      category: 'civil_servant',
      enteredOn: '2020-01-01',
    });
  return { unit: u, seats: [(await seat()).id, (await seat()).id] as const };
}

/** 组织部 decides the step of a held 任免. */
async function decideByOrganization(transactionId: number, confirm: boolean, note?: string) {
  const [step] = (await get(`/api/transaction-steps?transactionId=${transactionId}`, organization)).json();
  return post(`/api/transaction-steps/${step.id}/decision`, organization, {
    confirm,
    ...(note ? { note } : {}),
  });
}

async function postsOf(seatId: number) {
  return query<{ valid_from: string | null; post_level: string | null }>(
    database.db,
    sql`SELECT valid_from::text, post_level FROM seat_posts WHERE seat_id = ${seatId} ORDER BY valid_from NULLS FIRST`,
  );
}

async function figures(unitCode: string, asOf = TODAY) {
  const response = await get(`/api/units/${unitCode}?asOf=${asOf}`, clerk);
  const quotas = response.json().quotaFigures as { kind: string; reserved: number; vacancy: number }[];
  const { reserved, vacancy } = quotas.find((q) => q.kind === 'administrative')!;
  return { reserved, vacancy };
}

describe('用编计划 → 用编核准 → 入编', () => {
  let planId: number;
  let examLine: number;
  let approvalId: number;

  it('takes a plan from the unit liaison and approves part of it, never more than the vacancy', async () => {
    const applied = await post('/api/staffing-plans', liaison, {
      unitCode: 'QS100',
      year: 2026,
      reason: '业务量增加',
      lines: [
        { quotaKind: 'administrative', channel: 'exam', requested: 3 },
        { quotaKind: 'administrative', channel: 'transfer_in', requested: 2 },
      ],
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const plan = applied.json();
    planId = plan.id;
    expect(plan).toMatchObject({ state: 'submitted', unitCode: 'QS100' });
    [examLine] = plan.lines.map((l: { id: number }) => l.id);
    const transferLine = plan.lines[1].id;

    const again = await post('/api/staffing-plans', liaison, {
      unitCode: 'QS100',
      year: 2026,
      reason: 'x',
      lines: [{ quotaKind: 'administrative', channel: 'exam', requested: 1 }],
    });
    expect(again.statusCode).toBe(409);

    expect(
      (await post(`/api/staffing-plans/${planId}/decision`, liaison, { approve: true })).statusCode,
    ).toBe(403);
    const tooMany = await post(`/api/staffing-plans/${planId}/decision`, clerk, { approve: true });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().message).toBe(
      'QS100 行政编制至 2026 年末预测可用空编 3 名（核定 5、届时在编 2（现有 2，其间退休等减员 0）、已核准待入编 0、其他已批计划未核准 0），不能核准 5 名',
    );
    const decided = await post(`/api/staffing-plans/${planId}/decision`, clerk, {
      approve: true,
      lines: [
        { id: examLine, approved: 2 },
        { id: transferLine, approved: 1 },
      ],
      documentNo: '青编办〔2026〕12号',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ state: 'approved', documentNo: '青编办〔2026〕12号' });
    expect(decided.json().lines.map((l: { approved: number }) => l.approved)).toEqual([2, 1]);
    const twice = await post(`/api/staffing-plans/${planId}/decision`, clerk, { approve: true });
    expect(twice.statusCode).toBe(409);
  });

  it('reserves a vacancy with each 用编核准, and refuses one past the plan line', async () => {
    expect(await figures('QS100')).toEqual({ reserved: 0, vacancy: 3 });
    const first = await post('/api/quota-use-approvals', clerk, {
      planLineId: examLine,
      personName: '新人甲',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().number).toBe('青山编核〔2026〕1号');
    approvalId = first.json().id;
    const second = await post('/api/quota-use-approvals', clerk, { planLineId: examLine });
    expect(second.json().number).toBe('青山编核〔2026〕2号');
    const third = await post('/api/quota-use-approvals', clerk, { planLineId: examLine });
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({ code: 'transactions.no_vacancy' });
    expect(third.json().message).toContain('已全部使用');
    const plan = (await get(`/api/staffing-plans/${planId}`, clerk)).json();
    expect(plan.lines[0]).toMatchObject({ approved: 2, granted: 2, used: 0 });
    // Reserved approvals count against the vacancy on the unit's figures, from the day granted.
    expect(await figures('QS100')).toEqual({ reserved: 2, vacancy: 1 });
    expect(await figures('QS100', '2026-06-29')).toEqual({ reserved: 0, vacancy: 3 });
  });

  it('seats the person on the approval and writes the transaction, the seat and the audit entry', async () => {
    const idNumber = makeIdNumber();
    const entered = await post('/api/transactions/enter', clerk, {
      approvalId,
      idNumber,
      name: '新人甲',
      category: 'civil_servant',
      enteredOn: TODAY,
      education: '大学',
    });
    expect(entered.statusCode, entered.body).toBe(201);
    expect(entered.json()).toMatchObject({ approvalNumber: '青山编核〔2026〕1号', unitCode: 'QS100' });
    const [seat] = await query<{ entry_type: string; approval_no: string; quota_kind: string }>(
      database.db,
      sql`SELECT entry_type, approval_no, quota_kind FROM seats WHERE id = ${entered.json().seatId}`,
    );
    expect(seat).toEqual({
      entry_type: 'exam',
      approval_no: '青山编核〔2026〕1号',
      quota_kind: 'administrative',
    });
    const used = await post('/api/transactions/enter', clerk, {
      approvalId,
      idNumber: makeIdNumber(),
      name: '别人',
      category: 'civil_servant',
      enteredOn: TODAY,
    });
    expect(used.statusCode).toBe(409);
    expect(used.json().message).toContain('已使用');
    const audited = await query<{ action: string }>(
      database.db,
      sql`SELECT action FROM audit_log WHERE entity IN ('transactions', 'quota_use_approvals', 'staffing_plans') ORDER BY seq`,
    );
    expect(audited.map((a) => a.action)).toEqual([
      'plan.apply',
      'plan.approve',
      'approval.grant',
      'approval.grant',
      'transaction.enter',
    ]);
    // 5 approved, 3 seated, 1 approval still reserved.
    const plan = (await get(`/api/staffing-plans/${planId}`, clerk)).json();
    expect(plan.lines[0]).toMatchObject({ granted: 2, used: 1 });
    expect(await figures('QS100')).toEqual({ reserved: 1, vacancy: 1 });
    const approvals = (await get('/api/quota-use-approvals?unit=QS100', liaison)).json();
    expect(approvals.map((a: { number: string; state: string }) => `${a.number} ${a.state}`).sort()).toEqual([
      '青山编核〔2026〕1号 used',
      '青山编核〔2026〕2号 reserved',
    ]);
    const plans = (await get('/api/staffing-plans?year=2026', liaison)).json();
    expect(plans.map((p: { id: number }) => p.id)).toEqual([planId]);
    const outsider = await loginAs(
      app,
      await createUser(database, { roles: ['clerk'], regionCode: (await buildRegion(database.db)).code }),
    );
    expect((await get('/api/staffing-plans', outsider)).json()).toEqual([]);
    expect((await get('/api/quota-use-approvals', outsider)).json()).toEqual([]);
    expect((await get(`/api/staffing-plans/${planId}`, outsider)).statusCode).toBe(404);
  });

  it('issues the 编制使用通知单 and the 入编审批表 as Word documents with their 文号', async () => {
    const notice = await get(`/api/quota-use-approvals/${approvalId}/docx`, liaison);
    expect(notice.statusCode).toBe(200);
    const noticeText = (await mammoth.extractRawText({ buffer: notice.rawPayload })).value;
    expect(noticeText).toContain('编制使用通知单');
    expect(noticeText).toContain('青山编核〔2026〕1号');
    expect(noticeText).toContain('行政编制1名');
    expect(noticeText).toContain('考录（新人甲）');
    const [entered] = await query<{ id: number; issued_no: string }>(
      database.db,
      sql`SELECT id, issued_no FROM transactions WHERE kind = 'enter' ORDER BY id LIMIT 1`,
    );
    expect(entered!.issued_no).toBe('青山编入〔2026〕1号');
    const form = await get(`/api/transactions/${entered!.id}/docx`, clerk);
    expect(form.statusCode).toBe(200);
    const formText = (await mammoth.extractRawText({ buffer: form.rawPayload })).value;
    expect(formText).toContain('入编审批表');
    expect(formText).toContain('青山编入〔2026〕1号');
    expect(formText).toContain('新人甲');
    expect(formText).toContain('青山编核〔2026〕1号');
    expect(formText).toMatch(/\d{17}[\dX]/);
    // A reader without id_number.read gets the number masked.
    const masked = (
      await mammoth.extractRawText({
        buffer: (await get(`/api/transactions/${entered!.id}/docx`, liaison)).rawPayload,
      })
    ).value;
    expect(masked).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    const outsider = await loginAs(
      app,
      await createUser(database, { roles: ['clerk'], regionCode: (await buildRegion(database.db)).code }),
    );
    expect((await get(`/api/transactions/${entered!.id}/docx`, outsider)).statusCode).toBe(404);
    expect((await get(`/api/quota-use-approvals/${approvalId}/docx`, outsider)).statusCode).toBe(404);
  });

  it('hands the written hire to 人社 and 财政, each confirming or returning only its own step', async () => {
    const [entered] = await query<{ id: number }>(
      database.db,
      sql`SELECT id FROM transactions WHERE kind = 'enter' ORDER BY id LIMIT 1`,
    );
    const finance = await loginAs(
      app,
      await createUser(database, { roles: ['dept_reader'], department: 'finance', regionCode: region.code }),
    );
    const hr = await loginAs(
      app,
      await createUser(database, { roles: ['dept_reader'], department: 'hr', regionCode: region.code }),
    );
    const all = (await get(`/api/transaction-steps?transactionId=${entered!.id}`, clerk)).json();
    expect(
      all.map((st: { department: string; state: string }) => `${st.department} ${st.state}`).sort(),
    ).toEqual(['finance pending', 'hr pending']);
    const queue = (await get('/api/transaction-steps?state=pending', finance)).json();
    expect(queue.every((st: { department: string }) => st.department === 'finance')).toBe(true);
    const step = queue.find((st: { transactionId: number }) => st.transactionId === entered!.id);
    expect(step).toMatchObject({ kind: 'enter', issuedNo: '青山编入〔2026〕1号' });
    expect((await post(`/api/transaction-steps/${step.id}/decision`, hr, { confirm: true })).statusCode).toBe(
      404,
    );
    expect(
      (await post(`/api/transaction-steps/${step.id}/decision`, clerk, { confirm: true })).statusCode,
    ).toBe(403);
    expect(
      (await post(`/api/transaction-steps/${step.id}/decision`, finance, { confirm: false })).statusCode,
    ).toBe(400);
    const confirmed = await post(`/api/transaction-steps/${step.id}/decision`, finance, {
      confirm: true,
      note: '已纳入工资统发',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(
      (await post(`/api/transaction-steps/${step.id}/decision`, finance, { confirm: true })).statusCode,
    ).toBe(409);
    const after = (await get(`/api/transaction-steps?transactionId=${entered!.id}`, clerk)).json();
    expect(after.find((st: { department: string }) => st.department === 'finance')).toMatchObject({
      state: 'confirmed',
      note: '已纳入工资统发',
    });
  });

  it('refuses a person who already holds a seat, and a category the quota kind does not allow, with the rule', async () => {
    const transferLine = (await get(`/api/staffing-plans/${planId}`, clerk)).json().lines[1].id;
    const [seated] = await query<{ id_cipher: string }>(
      database.db,
      sql`SELECT p.id_cipher FROM seats s JOIN persons p ON p.id = s.person_id WHERE s.unit_id = ${unit.id} LIMIT 1`,
    );
    const { createIdCipher } = await import('../identity/id-cipher.ts');
    const { testKeys } = await import('../../../test/support/test-db.ts');
    const someone = createIdCipher(testKeys).reveal(seated!.id_cipher);
    const duplicate = await post('/api/transactions/enter', clerk, {
      planLineId: transferLine,
      idNumber: someone,
      name: '已在编',
      category: 'civil_servant',
      enteredOn: TODAY,
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'transactions.prevented' });
    expect(duplicate.json().message).toContain('【DUPLICATE_SEAT】');
    const mixed = await post('/api/transactions/enter', clerk, {
      planLineId: transferLine,
      idNumber: makeIdNumber(),
      name: '工勤',
      category: 'institution_staff',
      enteredOn: TODAY,
    });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().message).toContain('【MIXED_POST】');
    // Refused, so nothing was granted from the line.
    expect((await get(`/api/staffing-plans/${planId}`, clerk)).json().lines[1]).toMatchObject({ granted: 0 });
    const neither = await post('/api/transactions/enter', clerk, {
      idNumber: makeIdNumber(),
      name: 'x',
      category: 'civil_servant',
      enteredOn: TODAY,
    });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().message).toContain('用编核准');
  });

  it('makes a unit on the 用编事项管控清单 take a 用编核准 first, never one granted on the spot', async () => {
    const listed = await app.inject({
      method: 'PUT',
      url: '/api/control-list/QS100',
      headers: clerk,
      payload: { reason: '超编单位整改期', documentNo: '青编办〔2026〕30号' },
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toEqual([expect.objectContaining({ unitCode: 'QS100', reason: '超编单位整改期' })]);
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/control-list/QS100',
          headers: liaison,
          payload: { reason: 'x', documentNo: 'y' },
        })
      ).statusCode,
    ).toBe(403);
    const onTheSpot = await post('/api/transactions/enter', clerk, {
      planLineId: examLine,
      idNumber: makeIdNumber(),
      name: '当场核准',
      category: 'civil_servant',
      enteredOn: TODAY,
    });
    expect(onTheSpot.statusCode).toBe(409);
    expect(onTheSpot.json().message).toContain('用编事项管控清单');
    const removed = await app.inject({ method: 'DELETE', url: '/api/control-list/QS100', headers: clerk });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual([]);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/control-list/QS100', headers: clerk })).statusCode,
    ).toBe(404);
    const audited = await query<{ action: string }>(
      database.db,
      sql`SELECT action FROM audit_log WHERE entity = 'control_list' ORDER BY seq`,
    );
    expect(audited.map((a) => a.action)).toEqual(['control_list.add', 'control_list.remove']);
  });

  it('amends an approved plan with a reason and a document, never below what was granted', async () => {
    const below = await post(`/api/staffing-plans/${planId}/amendments`, clerk, {
      lines: [{ id: examLine, approved: 1 }],
      reason: '压减',
      documentNo: '青编办〔2026〕20号',
    });
    expect(below.statusCode).toBe(409);
    const amended = await post(`/api/staffing-plans/${planId}/amendments`, secondClerk, {
      lines: [{ id: examLine, approved: 3 }],
      reason: '增加考录',
      documentNo: '青编办〔2026〕21号',
    });
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json().lines[0].approved).toBe(3);
    const [row] = await query<{ changes: unknown }>(
      database.db,
      sql`SELECT changes FROM staffing_plan_amendments WHERE plan_id = ${planId}`,
    );
    expect(row!.changes).toEqual([{ id: examLine, before: 2, after: 3 }]);
  });
});

describe('用编计划 against the forecast vacancy', () => {
  it('approves what a retirement within the plan year frees, and no more', async () => {
    const full = await buildUnit(database.db, { regionCode: region.code, code: 'QS150' });
    await addQuota(database.db, full, { kind: 'administrative', amount: 2, effectiveOn: '2020-01-01' });
    await buildSeat(database.db, { unit: full, enteredOn: '2020-01-01' });
    // Born 1966-04, a man: statutory retirement 2026-08 (60岁4个月 under the 2025 reform).
    const retiring = await buildPerson(database.db, {
      regionCode: region.code,
      idNumber: makeIdNumber({ birthDate: '1966-04-15' }),
    });
    await buildSeat(database.db, { unit: full, personId: retiring.id, enteredOn: '2000-01-01' });
    expect(await figures('QS150')).toEqual({ reserved: 0, vacancy: 0 });
    const applied = await post('/api/staffing-plans', clerk, {
      unitCode: 'QS150',
      year: 2026,
      reason: '退休补员',
      lines: [{ quotaKind: 'administrative', channel: 'exam', requested: 2 }],
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const { id, lines } = applied.json();
    const decide = (approved: number) =>
      post(`/api/staffing-plans/${id}/decision`, clerk, {
        approve: true,
        lines: [{ id: lines[0].id, approved }],
      });
    const two = await decide(2);
    expect(two.statusCode).toBe(409);
    expect(two.json().message).toBe(
      'QS150 行政编制至 2026 年末预测可用空编 1 名（核定 2、届时在编 1（现有 2，其间退休等减员 1）、已核准待入编 0、其他已批计划未核准 0），不能核准 2 名',
    );
    const one = await decide(1);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().lines[0].approved).toBe(1);
    // The next year's plan finds that vacancy taken by this plan's hire, not yet granted.
    const next = await post('/api/staffing-plans', clerk, {
      unitCode: 'QS150',
      year: 2027,
      reason: '补员',
      lines: [{ quotaKind: 'administrative', channel: 'exam', requested: 1 }],
    });
    const refused = await post(`/api/staffing-plans/${next.json().id}/decision`, clerk, { approve: true });
    expect(refused.json().message).toBe(
      'QS150 行政编制至 2027 年末预测可用空编 0 名（核定 2、届时在编 1（现有 2，其间退休等减员 1）、已核准待入编 0、其他已批计划未核准 1），不能核准 1 名',
    );
  });
});

describe('撤销用编核准', () => {
  it('ends the reservation on the cancellation date, the days before still reserved', async () => {
    const u = await buildUnit(database.db, { regionCode: region.code, code: 'QS170' });
    await addQuota(database.db, u, { kind: 'administrative', amount: 3, effectiveOn: '2020-01-01' });
    await buildSeat(database.db, { unit: u, enteredOn: '2020-01-01' });
    const plan = (
      await post('/api/staffing-plans', clerk, {
        unitCode: 'QS170',
        year: 2026,
        reason: '补员',
        lines: [{ quotaKind: 'administrative', channel: 'recruit', requested: 1 }],
      })
    ).json();
    await post(`/api/staffing-plans/${plan.id}/decision`, clerk, { approve: true });
    const granted = await post('/api/quota-use-approvals', clerk, { planLineId: plan.lines[0].id });
    expect(granted.statusCode, granted.body).toBe(201);
    const { id } = granted.json();
    // Granted a month ago.
    await query(database.db, sql`UPDATE quota_use_approvals SET approved_on = '2026-05-15' WHERE id = ${id}`);
    const cancel = (headers: AuthHeaders, body: object) =>
      post(`/api/quota-use-approvals/${id}/cancel`, headers, body);
    expect((await cancel(liaison, { cancelledOn: '2026-06-20', reason: '考生放弃' })).statusCode).toBe(403);
    expect((await cancel(clerk, { cancelledOn: '2026-05-14', reason: '考生放弃' })).statusCode).toBe(400);
    expect((await cancel(clerk, { cancelledOn: '2026-07-01', reason: '考生放弃' })).statusCode).toBe(400);
    const cancelled = await cancel(clerk, { cancelledOn: '2026-06-20', reason: '考生放弃' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      state: 'cancelled',
      cancelledOn: '2026-06-20',
      cancelReason: '考生放弃',
    });
    expect(await figures('QS170', '2026-06-19')).toEqual({ reserved: 1, vacancy: 1 });
    expect(await figures('QS170', '2026-06-20')).toEqual({ reserved: 0, vacancy: 2 });
    const series = (await get('/api/vacancy/series?unit=QS170&from=2026-05-01&to=2026-06-30', clerk)).json();
    expect(
      series.points.map((p: { kinds: { kind: string; reserved: number }[] }) => p.kinds[0]!.reserved),
    ).toEqual([1, 0]);
    const again = await cancel(clerk, { cancelledOn: '2026-06-21', reason: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已撤销');
    const [entry] = await query<{ action: string; details: { cancelledOn: string } }>(
      database.db,
      sql`SELECT action, details FROM audit_log WHERE entity = 'quota_use_approvals'
        AND entity_key = ${granted.json().number} ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ action: 'approval.cancel', details: { cancelledOn: '2026-06-20' } });
    // The plan line may be granted again.
    expect((await post('/api/quota-use-approvals', clerk, { planLineId: plan.lines[0].id })).statusCode).toBe(
      201,
    );
  });
});

describe('任职', () => {
  it('appoints within the posts and refuses past them or above the rank, with the rule', async () => {
    const bureau = await buildUnit(database.db, { regionCode: region.code, code: 'QS200', rank: 'section' });
    await addPost(database.db, bureau, { level: 'deputy', amount: 1, effectiveOn: '2020-01-01' });
    await addQuota(database.db, bureau, { kind: 'administrative', amount: 5, effectiveOn: '2020-01-01' });
    const seatA = await buildSeat(database.db, {
      unit: bureau,
      quotaKind: 'administrative',
      category: 'civil_servant',
      enteredOn: '2020-01-01',
    });
    const seatB = await buildSeat(database.db, {
      unit: bureau,
      quotaKind: 'administrative',
      category: 'civil_servant',
      enteredOn: '2020-01-01',
    });
    const above = await post('/api/transactions/appoint', clerk, {
      seatId: seatA.id,
      postLevel: 'deputy',
      postRank: 'section',
      validFrom: TODAY,
      documentNo: '青组任〔2026〕1号',
    });
    expect(above.statusCode).toBe(409);
    expect(above.json().message).toContain('【OVER_RANK】');
    const ok = await post('/api/transactions/appoint', clerk, {
      seatId: seatA.id,
      postLevel: 'deputy',
      postRank: 'vice_section',
      validFrom: TODAY,
      documentNo: '青组任〔2026〕1号',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().state).toBe('pending');
    // The post is held by the appointment awaiting 组织部, as if it were written.
    const over = await post('/api/transactions/appoint', clerk, {
      seatId: seatB.id,
      postLevel: 'deputy',
      postRank: 'vice_section',
      validFrom: TODAY,
      documentNo: '青组任〔2026〕2号',
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().message).toBe(
      '不予办理：【OVER_POSTS】QS200 单位副职职数 1 名，实配 2 名（含待组织部审批的任职 1 名）',
    );
  });
});

describe('任免待组织部审批', () => {
  const appoint = (seatId: number, validFrom = '2026-07-01', headers = clerk) =>
    post('/api/transactions/appoint', headers, {
      seatId,
      postLevel: 'head',
      postRank: 'section',
      validFrom,
      documentNo: '青组任〔2026〕40号',
    });
  const leadersOn = async (code: string, asOf: string) =>
    (
      (await get(`/api/units/${code}?asOf=${asOf}`, clerk)).json().postFigures as {
        level: string;
        leaders: number;
      }[]
    ).find((p) => p.level === 'head')?.leaders ?? 0;

  it('writes nothing while pending, and the appointment with its date once 组织部 confirms', async () => {
    const { seats } = await office('QS210');
    const requested = await appoint(seats[0], '2026-07-01');
    expect(requested.statusCode, requested.body).toBe(201);
    const { transactionId } = requested.json();
    expect(await postsOf(seats[0])).toEqual([]);
    expect(await leadersOn('QS210', '2026-07-01')).toBe(0);
    const [step] = (
      await get(`/api/transaction-steps?kind=appoint&transactionId=${transactionId}`, clerk)
    ).json();
    expect(step).toMatchObject({
      department: 'organization',
      state: 'pending',
      transactionState: 'pending',
      seatId: seats[0],
      postLevel: 'head',
      postRank: 'section',
    });
    expect(
      (
        await post('/api/transactions/appoint', clerk, {
          ...{ seatId: seats[0] },
          postLevel: 'head',
          postRank: 'section',
          validFrom: '2026-07-02',
          documentNo: 'x',
        })
      ).json().message,
    ).toContain('已有待组织部审批的任职');
    const confirmed = await decideByOrganization(transactionId, true);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ state: 'confirmed', transactionState: 'completed' });
    expect(await postsOf(seats[0])).toEqual([{ valid_from: '2026-07-01', post_level: 'head' }]);
    expect(await leadersOn('QS210', '2026-06-30')).toBe(0);
    expect(await leadersOn('QS210', '2026-07-01')).toBe(1);
    const [entry] = await query<{ action: string }>(
      database.db,
      sql`SELECT action FROM audit_log WHERE entity = 'transactions' AND entity_key = ${String(transactionId)}
        ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry?.action).toBe('transaction.appoint.written');
  });

  it('writes nothing when 组织部 returns it, and the post it held is free again', async () => {
    const { seats } = await office('QS220');
    const first = await appoint(seats[0]);
    expect(first.statusCode, first.body).toBe(201);
    expect((await appoint(seats[1])).statusCode).toBe(409);
    const returned = await decideByOrganization(first.json().transactionId, false, '人选另行研究');
    expect(returned.json()).toMatchObject({ state: 'returned', transactionState: 'returned' });
    expect(await postsOf(seats[0])).toEqual([]);
    const second = await appoint(seats[1]);
    expect(second.statusCode, second.body).toBe(201);
  });

  it('refuses the confirmation with the rule when the posts changed meanwhile, and writes nothing', async () => {
    const { unit: u, seats } = await office('QS230');
    const requested = await appoint(seats[0]);
    expect(requested.statusCode, requested.body).toBe(201);
    // Meanwhile the unit's head post is cut (机构改革): the appointment would now exceed the posts.
    await addPost(database.db, u, { level: 'head', amount: -1, effectiveOn: '2026-06-01' });
    const refused = await decideByOrganization(requested.json().transactionId, true);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('不予办理：【OVER_POSTS】QS230 单位正职职数 0 名，实配 1 名');
    expect(await postsOf(seats[0])).toEqual([]);
    const [step] = (
      await get(`/api/transaction-steps?transactionId=${requested.json().transactionId}`, clerk)
    ).json();
    expect(step).toMatchObject({ state: 'pending', transactionState: 'pending' });
  });
});

describe('出编、调动、免职、借调', () => {
  it('ends a seat on exit, frees the vacancy from that day, and keeps the seat for the days before', async () => {
    const unitX = await buildUnit(database.db, { regionCode: region.code, code: 'QS400' });
    await addQuota(database.db, unitX, { kind: 'administrative', amount: 2, effectiveOn: '2020-01-01' });
    const seat = await buildSeat(database.db, {
      unit: unitX,
      quotaKind: 'administrative',
      category: 'civil_servant',
      enteredOn: '2020-01-01',
    });
    const bad = await post('/api/transactions/exit', clerk, {
      seatId: seat.id,
      exitType: 'retire',
      exitedOn: '2019-12-31',
      documentNo: 'x',
    });
    expect(bad.statusCode).toBe(404);
    const exited = await post('/api/transactions/exit', clerk, {
      seatId: seat.id,
      exitType: 'retire',
      exitedOn: '2026-07-01',
      documentNo: '青人社退〔2026〕3号',
    });
    expect(exited.statusCode, exited.body).toBe(201);
    expect(await figures('QS400', '2026-06-30')).toEqual({ reserved: 0, vacancy: 1 });
    expect(await figures('QS400', '2026-07-01')).toEqual({ reserved: 0, vacancy: 2 });
    const [row] = await query<{ id: number; issued_no: string }>(
      database.db,
      sql`SELECT id, issued_no FROM transactions WHERE id = ${exited.json().transactionId}`,
    );
    expect(row!.issued_no).toBe('青山编出〔2026〕1号');
    const text = (
      await mammoth.extractRawText({
        buffer: (await get(`/api/transactions/${row!.id}/docx`, clerk)).rawPayload,
      })
    ).value;
    expect(text).toContain('出编通知单');
    expect(text).toContain('退休');
    expect(text).toContain('青人社退〔2026〕3号');
    const again = await post('/api/transactions/exit', clerk, {
      seatId: seat.id,
      exitType: 'retire',
      exitedOn: '2026-07-02',
      documentNo: 'y',
    });
    expect(again.statusCode).toBe(404);
  });

  it('transfers a person on a 用编核准 of the new unit: one seat ends, the other begins the same day', async () => {
    const from = await buildUnit(database.db, { regionCode: region.code, code: 'QS500' });
    const to = await buildUnit(database.db, { regionCode: region.code, code: 'QS600' });
    await addQuota(database.db, from, { kind: 'administrative', amount: 1, effectiveOn: '2020-01-01' });
    await addQuota(database.db, to, { kind: 'administrative', amount: 1, effectiveOn: '2020-01-01' });
    const seat = await buildSeat(database.db, {
      unit: from,
      quotaKind: 'administrative',
      category: 'civil_servant',
      enteredOn: '2020-01-01',
    });
    const plan = (
      await post('/api/staffing-plans', clerk, {
        unitCode: 'QS600',
        year: 2026,
        reason: '调入骨干',
        lines: [{ quotaKind: 'administrative', channel: 'transfer_in', requested: 1 }],
      })
    ).json();
    await post(`/api/staffing-plans/${plan.id}/decision`, clerk, { approve: true });
    const approval = (await post('/api/quota-use-approvals', clerk, { planLineId: plan.lines[0].id })).json();
    const moved = await post('/api/transactions/transfer', clerk, {
      seatId: seat.id,
      approvalId: approval.id,
      enteredOn: '2026-07-01',
      documentNo: '青组调〔2026〕4号',
    });
    expect(moved.statusCode, moved.body).toBe(201);
    const rows = await query<{
      unit: string;
      entered_on: string;
      exited_on: string | null;
      entry_type: string;
      exit_type: string | null;
    }>(
      database.db,
      sql`SELECT u.code AS unit, s.entered_on::text, s.exited_on::text, s.entry_type, s.exit_type
        FROM seats s JOIN units u ON u.id = s.unit_id WHERE s.person_id = ${seat.personId} ORDER BY s.entered_on`,
    );
    expect(rows).toEqual([
      {
        unit: 'QS500',
        entered_on: '2020-01-01',
        exited_on: '2026-07-01',
        entry_type: expect.any(String),
        exit_type: 'transfer_out',
      },
      {
        unit: 'QS600',
        entered_on: '2026-07-01',
        exited_on: null,
        entry_type: 'transfer_in',
        exit_type: null,
      },
    ]);
    expect(await figures('QS600', '2026-07-01')).toEqual({ reserved: 0, vacancy: 0 });
    expect(await figures('QS500', '2026-07-01')).toEqual({ reserved: 0, vacancy: 1 });
  });

  it('removes a post from a date once 组织部 confirms, and refuses when none is held', async () => {
    const office = await buildUnit(database.db, { regionCode: region.code, code: 'QS700', rank: 'section' });
    await addPost(database.db, office, { level: 'head', amount: 1, effectiveOn: '2020-01-01' });
    const seat = await buildSeat(database.db, {
      unit: office,
      quotaKind: 'administrative',
      category: 'civil_servant',
      enteredOn: '2020-01-01',
      post: { level: 'head', rank: 'section' },
    });
    const removed = await post('/api/transactions/remove', clerk, {
      seatId: seat.id,
      validFrom: '2026-07-01',
      documentNo: '青组免〔2026〕1号',
    });
    expect(removed.statusCode, removed.body).toBe(201);
    expect(removed.json().state).toBe('pending');
    expect(await postsOf(seat.id)).toEqual([{ valid_from: null, post_level: 'head' }]);
    expect((await decideByOrganization(removed.json().transactionId, true)).statusCode).toBe(200);
    const twice = await post('/api/transactions/remove', clerk, {
      seatId: seat.id,
      validFrom: '2026-07-02',
      documentNo: '青组免〔2026〕2号',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('未任领导职务');
    const posts = (await get(`/api/units/QS700?asOf=2026-07-01`, clerk)).json().postFigures as {
      level: string;
      leaders: number;
    }[];
    expect(posts.find((p) => p.level === 'head')?.leaders).toBe(0);
  });

  it('dates a change of 在岗状态 and keeps the history', async () => {
    const home = await buildUnit(database.db, { regionCode: region.code, code: 'QS950' });
    const seat = await buildSeat(database.db, {
      unit: home,
      quotaKind: 'administrative',
      category: 'civil_servant',
      enteredOn: '2020-01-01',
    });
    const change = (status: string, validFrom: string) =>
      post('/api/transactions/status', clerk, {
        seatId: seat.id,
        status,
        validFrom,
        documentNo: `青人社〔2026〕${validFrom}`,
      });
    expect((await change('sick_leave', '2026-03-01')).statusCode).toBe(201);
    expect((await change('sick_leave', '2026-04-01')).statusCode).toBe(409);
    expect((await change('on_post', '2026-09-01')).statusCode).toBe(201);
    const rows = await query<{ valid_from: string; status: string }>(
      database.db,
      sql`SELECT valid_from::text, status FROM seat_statuses WHERE seat_id = ${seat.id} ORDER BY valid_from`,
    );
    expect(rows).toEqual([
      { valid_from: '2026-03-01', status: 'sick_leave' },
      { valid_from: '2026-09-01', status: 'on_post' },
    ]);
    // Today (2026-06-30) the seat is on sick leave; the return is still ahead.
    const [current] = await query<{ status: string }>(
      database.db,
      sql`SELECT status FROM seats WHERE id = ${seat.id}`,
    );
    expect(current!.status).toBe('sick_leave');
  });

  it('seconds a person, extends and returns them, each with its document', async () => {
    const home = await buildUnit(database.db, { regionCode: region.code, code: 'QS800' });
    await buildUnit(database.db, { regionCode: region.code, code: 'QS900' });
    const seat = await buildSeat(database.db, {
      unit: home,
      quotaKind: 'administrative',
      category: 'civil_servant',
      enteredOn: '2020-01-01',
    });
    const started = await post('/api/secondments', clerk, {
      seatId: seat.id,
      toUnitCode: 'QS900',
      startOn: '2026-07-01',
      endOn: '2026-12-31',
      documentNo: '青组借〔2026〕5号',
    });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().secondmentId;
    const shorter = await post(`/api/secondments/${id}/end`, clerk, {
      extendTo: '2026-10-01',
      documentNo: 'x',
    });
    expect(shorter.statusCode).toBe(400);
    expect(
      (
        await post(`/api/secondments/${id}/end`, clerk, {
          extendTo: '2027-06-30',
          documentNo: '青组借〔2026〕9号',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(`/api/secondments/${id}/end`, clerk, {
          returnedOn: '2027-03-01',
          documentNo: '青组借〔2027〕1号',
        })
      ).statusCode,
    ).toBe(200);
    const [row] = await query<{ end_on: string; returned_on: string }>(
      database.db,
      sql`SELECT end_on::text, returned_on::text FROM secondments WHERE id = ${id}`,
    );
    expect(row).toEqual({ end_on: '2027-06-30', returned_on: '2027-03-01' });
    const done = await post(`/api/secondments/${id}/end`, clerk, {
      returnedOn: '2027-04-01',
      documentNo: 'y',
    });
    expect(done.statusCode).toBe(409);
    const kinds = await query<{ kind: string }>(
      database.db,
      sql`SELECT kind FROM transactions WHERE details->>'secondmentId' = ${String(id)} ORDER BY id`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['second', 'second_extend', 'second_return']);
  });
});

describe('越权办理 (override)', () => {
  let admin: AuthHeaders;
  beforeAll(async () => {
    admin = await loginAs(app, await createUser(database, { roles: ['admin'], regionCode: region.code }));
  });

  it('lets a refused hire through only for the override role, with a reason and a document, and registers a finding', async () => {
    const hire = (headers: AuthHeaders, override?: { reason: string; documentNo: string }) =>
      post('/api/transactions/enter', headers, {
        unitCode: 'QS100',
        quotaKind: 'administrative',
        channel: 'military',
        idNumber: makeIdNumber(),
        name: '军转干部',
        category: 'civil_servant',
        enteredOn: TODAY,
        ...(override ? { override } : {}),
      });
    expect((await hire(clerk)).statusCode).toBe(400);
    const forbidden = await hire(clerk, { reason: '安置任务', documentNo: '青军安〔2026〕1号' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('transactions.override_forbidden');
    const blank = await hire(admin, { reason: ' ', documentNo: '青军安〔2026〕1号' });
    expect(blank.statusCode).toBe(400);
    const through = await hire(admin, { reason: '军转安置指令性任务', documentNo: '青军安〔2026〕1号' });
    expect(through.statusCode, through.body).toBe(201);
    const { findingId, transactionId } = through.json();
    expect(findingId).toEqual(expect.any(Number));
    const finding = (await get(`/api/findings/${findingId}`, clerk)).json();
    expect(finding).toMatchObject({
      source: 'override',
      sourceRef: '青军安〔2026〕1号',
      unitCode: 'QS100',
      category: '无用编核准办理入编',
      severity: '违规',
      state: 'registered',
    });
    expect(finding.description).toContain('军转安置指令性任务');
    const [row] = await query<{ override_reason: string; finding_id: number; approval_id: number | null }>(
      database.db,
      sql`SELECT override_reason, finding_id, approval_id FROM transactions WHERE id = ${transactionId}`,
    );
    expect(row).toEqual({ override_reason: '军转安置指令性任务', finding_id: findingId, approval_id: null });
  });

  it('lets an appointment past the posts through with the rule named on the finding', async () => {
    const office = await buildUnit(database.db, { regionCode: region.code, code: 'QS300', rank: 'section' });
    await addQuota(database.db, office, { kind: 'administrative', amount: 5, effectiveOn: '2020-01-01' });
    const seat = await buildSeat(database.db, {
      unit: office,
      quotaKind: 'administrative',
      category: 'civil_servant',
      enteredOn: '2020-01-01',
    });
    const through = await post('/api/transactions/appoint', admin, {
      seatId: seat.id,
      postLevel: 'head',
      postRank: 'section',
      validFrom: TODAY,
      documentNo: '青组任〔2026〕30号',
      override: { reason: '机构改革过渡期', documentNo: '青编委〔2026〕2号' },
    });
    expect(through.statusCode, through.body).toBe(201);
    const finding = (await get(`/api/findings/${through.json().findingId}`, clerk)).json();
    expect(finding).toMatchObject({ rule: 'OVER_POSTS', category: '超职数配备领导干部', unitCode: 'QS300' });
    // 组织部's confirmation writes it: the override stands.
    const confirmed = await decideByOrganization(through.json().transactionId, true);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await postsOf(seat.id)).toEqual([{ valid_from: TODAY, post_level: 'head' }]);
    // The same post again adds nothing: let through without a finding though an override was offered.
    const fine = await post('/api/transactions/appoint', admin, {
      seatId: seat.id,
      postLevel: 'head',
      postRank: 'section',
      validFrom: '2026-07-01',
      documentNo: '青组任〔2026〕31号',
      override: { reason: 'x', documentNo: 'y' },
    });
    expect(fine.statusCode, fine.body).toBe(201);
    expect(fine.json().findingId).toBeNull();
  });
});

describe('two clerks, one vacancy', () => {
  const trials = testDbKind === 'postgres' ? 200 : 10;

  it(`lets exactly one of two concurrent hires into the last vacancy through, ${trials} times`, async () => {
    // Each trial: a unit with 2 quota and 1 seat, a plan approved for 2 when it had room.
    const lines: number[] = [];
    for (let i = 0; i < trials; i += 1) {
      const u = await buildUnit(database.db, { regionCode: region.code });
      await addQuota(database.db, u, { kind: 'administrative', amount: 2, effectiveOn: '2020-01-01' });
      await buildSeat(database.db, {
        unit: u,
        quotaKind: 'administrative',
        category: 'civil_servant',
        enteredOn: '2020-01-01',
      });
      const [plan] = await query<{ id: number }>(
        database.db,
        sql`INSERT INTO staffing_plans (region_code, unit_id, year, state, reason, submitted_by, submitted_at)
          SELECT ${region.code}, ${u.id}, 2026, 'approved', '测试', id, now() FROM users ORDER BY id LIMIT 1 RETURNING id`,
      );
      const [line] = await query<{ id: number }>(
        database.db,
        sql`INSERT INTO staffing_plan_lines (plan_id, quota_kind, channel, requested, approved)
          VALUES (${plan!.id}, 'administrative', 'recruit', 2, 2) RETURNING id`,
      );
      lines.push(line!.id);
    }
    const outcomes: string[] = [];
    for (const planLineId of lines) {
      const hire = (headers: AuthHeaders) =>
        post('/api/transactions/enter', headers, {
          planLineId,
          idNumber: makeIdNumber(),
          name: '应聘者',
          category: 'civil_servant',
          enteredOn: TODAY,
        });
      const responses = await Promise.all([hire(clerk), hire(secondClerk)]);
      const codes = responses.map((r) => r.statusCode).sort();
      const refusal = responses.find((r) => r.statusCode !== 201);
      outcomes.push(`${codes.join('/')} ${refusal?.json().code ?? ''}`);
      const [seats] = await query<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM seats s JOIN staffing_plans p ON p.unit_id = s.unit_id
          JOIN staffing_plan_lines l ON l.plan_id = p.id WHERE l.id = ${planLineId}`,
      );
      expect(seats!.n).toBe(2);
    }
    expect(new Set(outcomes)).toEqual(new Set(['201/409 transactions.no_vacancy']));
  }, 600_000);

  it(`holds the last post for exactly one of two concurrent appointments, ${trials} times`, async () => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < trials; i += 1) pairs.push([...(await office()).seats]);
    const outcomes: string[] = [];
    for (const [a, b] of pairs) {
      const appoint = (headers: AuthHeaders, seatId: number) =>
        post('/api/transactions/appoint', headers, {
          seatId,
          postLevel: 'head',
          postRank: 'section',
          validFrom: TODAY,
          documentNo: '青组任〔2026〕9号',
        });
      const responses = await Promise.all([appoint(clerk, a), appoint(secondClerk, b)]);
      const refusal = responses.find((r) => r.statusCode !== 201);
      outcomes.push(
        `${responses
          .map((r) => r.statusCode)
          .sort()
          .join('/')} ${refusal?.json().message.includes('【OVER_POSTS】') ?? false}`,
      );
      const [held] = await query<{ posts: number; pending: number }>(
        database.db,
        sql`SELECT (SELECT count(*) FROM seat_posts WHERE seat_id IN (${a}, ${b}))::int AS posts,
          (SELECT count(*) FROM transactions WHERE seat_id IN (${a}, ${b}) AND state = 'pending')::int AS pending`,
      );
      expect(held).toEqual({ posts: 0, pending: 1 });
    }
    expect(new Set(outcomes)).toEqual(new Set(['201/409 true']));
  }, 600_000);
});
