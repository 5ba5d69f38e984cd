import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../../../test/support/auth.ts';
import {
  addQuota,
  buildPerson,
  buildRegion,
  buildSeat,
  buildUnit,
  makeIdNumber,
  type SeatOverrides,
} from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import {
  type Figures,
  HAND_CASE_AS_OF,
  handAdministrative,
  handRetirementYears,
  handTurnover,
} from '../../../test/support/vacancy-case.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { retirementOverdueRule } from '../warnings/rules/retirement-overdue.rule.ts';

const clock = () => new Date(`${HAND_CASE_AS_OF}T04:00:00Z`);

let database: Database;
let app: App;
let county: { code: string };
let clerk: AuthHeaders;
let leader: AuthHeaders;
let liaison: AuthHeaders;
let sibling: AuthHeaders;
let cityClerk: AuthHeaders;
const manId = makeIdNumber({ birthDate: '1965-05-10' });

/** Plants the hand-computed case of test/support/vacancy-case.ts, and a second unit beside it. */
beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  app = buildApp(appOptionsFor(database, clock));
  await app.ready();
  const city = await buildRegion(db, { name: '预测市' });
  county = await buildRegion(db, { name: '预测县', parentCode: city.code });
  const siblingCounty = await buildRegion(db, { name: '邻县', parentCode: city.code });
  const unit = await buildUnit(db, { regionCode: county.code, code: 'VF100', name: '预测县人社局' });
  const other = await buildUnit(db, { regionCode: county.code, code: 'VF200', name: '预测县档案馆' });
  const neighbour = await buildUnit(db, { regionCode: siblingCounty.code, code: 'VF900' });

  await addQuota(db, unit, { kind: 'administrative', amount: 8, effectiveOn: '2020-01-01' });
  await addQuota(db, unit, { kind: 'administrative', amount: 2, effectiveOn: '2025-02-15' });
  await addQuota(db, unit, { kind: 'administrative', amount: -2, effectiveOn: '2027-01-01' });
  await addQuota(db, unit, { kind: 'turnover', amount: 2, effectiveOn: '2020-01-01' });
  const seat = async (idNumber: string, fields: Omit<SeatOverrides, 'unit'>, name?: string) => {
    const person = await buildPerson(db, {
      regionCode: county.code,
      idNumber,
      ...(name ? { name } : {}),
      education: '大学本科',
      major: '法学',
    });
    return buildSeat(db, { unit, personId: person.id, ...fields });
  };
  await seat(manId, { quotaKind: 'administrative', enteredOn: '2000-01-01' }, '退休甲');
  await seat(makeIdNumber({ female: true, birthDate: '1971-03-20' }), {
    quotaKind: 'administrative',
    enteredOn: '2000-01-01',
  });
  const hired = await seat(makeIdNumber({ birthDate: '1995-04-01' }), {
    quotaKind: 'administrative',
    enteredOn: '2025-03-01',
  });
  await seat(makeIdNumber({ birthDate: '1980-01-01' }), {
    quotaKind: 'administrative',
    enteredOn: '2010-01-01',
    exitedOn: '2024-12-31',
    exitType: 'transfer_out',
  });
  await seat(makeIdNumber({ birthDate: '1966-02-10' }), {
    quotaKind: 'turnover',
    category: 'civil_servant',
    enteredOn: '2015-01-01',
  });

  // A unit beside it in the county: it shows in the county's figures, not in the unit's.
  await addQuota(db, other, { kind: 'institutional', amount: 5, effectiveOn: '2020-01-01' });
  await buildSeat(db, { unit: other, quotaKind: 'institutional', category: 'institution_staff' });
  await addQuota(db, neighbour, { kind: 'administrative', amount: 3, effectiveOn: '2020-01-01' });
  await buildSeat(db, { unit: neighbour, enteredOn: '2020-01-01' });

  const clerkUser = await createUser(database, { roles: ['clerk'], regionCode: county.code });
  const plan = async (year: number, decidedAt: string, approved: number) => {
    const [row] = await query<{ line: number }>(
      db,
      sql`WITH p AS (
          INSERT INTO staffing_plans (region_code, unit_id, year, state, reason, submitted_by, submitted_at, decided_by, decided_at)
          VALUES (${county.code}, ${unit.id}, ${year}, 'approved', '补充人员', ${clerkUser.id}, ${decidedAt}, ${clerkUser.id}, ${decidedAt})
          RETURNING id)
        INSERT INTO staffing_plan_lines (plan_id, quota_kind, channel, requested, approved)
        SELECT id, 'administrative', 'exam', ${approved}, ${approved} FROM p RETURNING id AS line`,
    );
    return row!.line;
  };
  const line2025 = await plan(2025, '2025-01-10T02:00:00Z', 3);
  await plan(2026, '2025-05-20T02:00:00Z', 1);
  const approval = (
    number: string,
    fields: {
      state: string;
      approvedOn: string;
      expiresOn: string;
      usedOn: string | null;
      seatId: number | null;
    },
  ) =>
    query(
      db,
      sql`INSERT INTO quota_use_approvals (number, region_code, unit_id, quota_kind, channel, plan_line_id, state,
          approved_on, expires_on, approved_by, seat_id, used_on)
        VALUES (${number}, ${county.code}, ${unit.id}, 'administrative', 'exam', ${line2025}, ${fields.state},
          ${fields.approvedOn}, ${fields.expiresOn}, ${clerkUser.id}, ${fields.seatId}, ${fields.usedOn})`,
    );
  await approval('预测编核〔2025〕1号', {
    state: 'used',
    approvedOn: '2025-02-20',
    expiresOn: '2025-08-19',
    usedOn: '2025-03-01',
    seatId: hired.id,
  });
  await approval('预测编核〔2025〕2号', {
    state: 'reserved',
    approvedOn: '2025-05-01',
    expiresOn: '2025-10-31',
    usedOn: null,
    seatId: null,
  });
  // A cancelled approval never reserves nor uses up the plan line.
  await approval('预测编核〔2025〕3号', {
    state: 'cancelled',
    approvedOn: '2025-05-02',
    expiresOn: '2025-11-01',
    usedOn: null,
    seatId: null,
  });

  clerk = await loginAs(app, clerkUser);
  leader = await loginAs(app, await createUser(database, { roles: ['leader'], regionCode: county.code }));
  liaison = await loginAs(
    app,
    await createUser(database, { roles: ['unit_liaison'], regionCode: county.code, unitCode: 'VF100' }),
  );
  sibling = await loginAs(
    app,
    await createUser(database, { roles: ['clerk'], regionCode: siblingCounty.code }),
  );
  cityClerk = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: city.code }));
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, headers: AuthHeaders) => app.inject({ method: 'GET', url, headers });

interface KindRow extends Figures {
  kind: string;
}
const kindOf = (rows: KindRow[], kind: string) => {
  const row = rows.find((r) => r.kind === kind);
  if (!row) return undefined;
  const { kind: _kind, ...figures } = row;
  return figures;
};

describe('用编分析 of one unit against the hand-computed case', () => {
  it('answers vacancy now and every hand-computed month of the forecast', async () => {
    const response = await get('/api/vacancy?unit=VF100', clerk);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.subject).toMatchObject({ unitCode: 'VF100', unitName: '预测县人社局' });
    expect(body.points).toHaveLength(60);
    expect(kindOf(body.now, 'administrative')).toEqual(handAdministrative.now);
    for (const [period, expected] of Object.entries(handAdministrative)) {
      if (period === 'now') continue;
      const point = body.points.find((p: { period: string }) => p.period === period);
      expect(kindOf(point.kinds, 'administrative'), period).toEqual(expected);
    }
    expect(body.now.map((k: KindRow) => k.kind)).toEqual(['administrative', 'turnover']);
    // The same approved and headcount as the unit page's 编制使用情况.
    const unit = (await get('/api/units/VF100', clerk)).json();
    for (const figure of unit.quotaFigures as { kind: string; approved: number; headcount: number }[])
      expect(kindOf(body.now, figure.kind)).toMatchObject({
        approved: figure.approved,
        headcount: figure.headcount,
      });
  });

  it('gives the retirements by year, the turnover pool and the people', async () => {
    const body = (await get('/api/vacancy?unit=VF100', clerk)).json();
    expect(body.retirements).toEqual({ overdue: [], years: handRetirementYears });
    expect(body.turnover).toEqual(handTurnover);
    // Four people hold a seat on 2025-06-15: aged 60, 54, 30 and 59.
    expect(body.structure.people).toBe(4);
    expect(body.structure.ageBands).toEqual([
      { key: 'under30', count: 0 },
      { key: '30to39', count: 1 },
      { key: '40to49', count: 0 },
      { key: '50to54', count: 1 },
      { key: '55to59', count: 1 },
      { key: '60plus', count: 1 },
    ]);
    expect(body.structure.education).toEqual([{ key: '大学本科', count: 4 }]);
    expect(body.structure.majors).toEqual([{ key: '法学', count: 4 }]);
  });

  it('lists who retires when, with the statutory age, the ID masked for a reader without the right', async () => {
    const body = (await get('/api/vacancy/retirements?unit=VF100', leader)).json();
    expect(body.total).toBe(3);
    expect(
      body.items.map((p: { retireOn: string; statutoryAge: string; quotaKind: string }) => [
        p.retireOn,
        p.statutoryAge,
        p.quotaKind,
      ]),
    ).toEqual([
      ['2025-07', '60岁2个月', 'administrative'],
      ['2026-06', '60岁4个月', 'turnover'],
      ['2026-07', '55岁4个月', 'administrative'],
    ]);
    expect(body.items[0]).toMatchObject({ name: '退休甲', overdue: false, unitCode: 'VF100' });
    expect(body.items[0].idNumber).toBeUndefined();
    expect(body.items[0].idMasked).not.toBe(manId);
    const full = (await get('/api/vacancy/retirements?unit=VF100', clerk)).json();
    expect(full.items[0].idNumber).toBe(manId);
  });

  it('marks a retirement overdue from the month after, exactly when RETIREMENT_OVERDUE fires', async () => {
    for (const asOf of ['2025-07-31', '2025-08-01']) {
      const fired = (await retirementOverdueRule.scan(database.db, { asOf, period: asOf.slice(0, 7) }))
        .filter((w) => w.unitCode === 'VF100')
        .map((w) => w.retireOn);
      const list = (await get(`/api/vacancy/retirements?unit=VF100&asOf=${asOf}`, clerk)).json();
      const overdue = list.items
        .filter((p: { overdue: boolean }) => p.overdue)
        .map((p: { retireOn: string }) => p.retireOn);
      expect(overdue, asOf).toEqual(fired);
      const body = (await get(`/api/vacancy?unit=VF100&asOf=${asOf}`, clerk)).json();
      expect(body.retirements.overdue, asOf).toEqual(
        fired.length > 0 ? [{ kind: 'administrative', count: fired.length }] : [],
      );
    }
    const after = (await get('/api/vacancy/retirements?unit=VF100&asOf=2025-08-01', clerk)).json();
    expect(after.items[0]).toMatchObject({ retireOn: '2025-07', overdue: true });
  });
});

describe('vacancy as it stood', () => {
  it('gives a past date its own figures', async () => {
    const body = (await get('/api/vacancy?unit=VF100&asOf=2024-12-31', clerk)).json();
    // 8 approved; the seat that left on 2024-12-31 no longer counts; the 2025 plan was not yet decided.
    expect(kindOf(body.now, 'administrative')).toEqual({
      approved: 8,
      headcount: 2,
      reserved: 0,
      planned: 0,
      vacancy: 6,
      available: 6,
    });
  });

  it('follows the months across a ledger change, a seat exit, an approval used and one granted', async () => {
    const body = (await get('/api/vacancy/series?unit=VF100&from=2024-10-01&to=2025-06-15', clerk)).json();
    const administrative = body.points.map((p: { period: string; date: string; kinds: KindRow[] }) => {
      const k = p.kinds.find((x) => x.kind === 'administrative')!;
      return [p.period, k.approved, k.headcount, k.reserved, k.vacancy];
    });
    expect(administrative).toEqual([
      ['2024-10', 8, 3, 0, 5],
      ['2024-11', 8, 3, 0, 5],
      ['2024-12', 8, 2, 0, 6], // left on 12-31
      ['2025-01', 8, 2, 0, 6],
      ['2025-02', 10, 2, 1, 7], // +2 on 02-15; approval granted 02-20
      ['2025-03', 10, 3, 0, 7], // the approval used: seated 03-01
      ['2025-04', 10, 3, 0, 7],
      ['2025-05', 10, 3, 1, 6], // the approval granted 05-01 reserves
      ['2025-06', 10, 3, 1, 6],
    ]);
    expect(body.points.at(-1).date).toBe('2025-06-15');
    const now = (await get('/api/vacancy?unit=VF100', clerk)).json();
    const last = body.points.at(-1).kinds as KindRow[];
    for (const kind of now.now as KindRow[]) {
      const { planned: _p, available: _a, ...recorded } = kindOf([kind], kind.kind)!;
      expect(kindOf(last, kind.kind)).toMatchObject(recorded);
    }
  });

  it('refuses a series that ends before it starts', async () => {
    const response = await get('/api/vacancy/series?from=2025-06-01&to=2025-01-01', clerk);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'vacancy.invalid' });
  });
});

describe('scope', () => {
  it('sums the county, and the city above it', async () => {
    const county_ = (await get('/api/vacancy', clerk)).json();
    expect(county_.subject).toMatchObject({ regionCode: county.code, unitCode: null });
    expect(county_.now.map((k: KindRow) => k.kind)).toEqual(['administrative', 'institutional', 'turnover']);
    expect(kindOf(county_.now, 'administrative')).toEqual(handAdministrative.now);
    const city = (await get('/api/vacancy', cityClerk)).json();
    expect(kindOf(city.now, 'administrative')?.approved).toBe(13);
  });

  it('shows a unit liaison their unit only', async () => {
    const body = (await get('/api/vacancy', liaison)).json();
    expect(body.now.map((k: KindRow) => k.kind)).toEqual(['administrative', 'turnover']);
    expect((await get('/api/vacancy?unit=VF200', liaison)).statusCode).toBe(404);
  });

  it('shows a sibling county nothing of the unit', async () => {
    expect((await get('/api/vacancy?unit=VF100', sibling)).statusCode).toBe(404);
    expect((await get(`/api/vacancy?region=${county.code}`, sibling)).statusCode).toBe(404);
    expect((await get(`/api/vacancy/series?region=${county.code}`, sibling)).statusCode).toBe(404);
    const own = (await get('/api/vacancy', sibling)).json();
    expect(kindOf(own.now, 'administrative')).toMatchObject({ approved: 3, headcount: 1 });
    expect(own.turnover.approved).toBe(0);
    expect((await get('/api/vacancy/retirements', sibling)).json().total).toBe(0);
  });
});

describe('export', () => {
  it('writes the analysis to a workbook, a sheet per section', async () => {
    const response = await get('/api/vacancy/export?unit=VF100', clerk);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '空编现状',
      '空编预测',
      '历史空编',
      '人员结构',
      '退休预报',
      '周转编制',
    ]);
    const values = (name: string) =>
      workbook
        .getWorksheet(name)!
        .getSheetValues()
        .map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(values('空编现状')).toContainEqual(['行政编制', 10, 3, 1, 6, 1, 5]);
    expect(values('退休预报')).toContainEqual(
      expect.arrayContaining(['2025-07', '退休甲', manId, '60岁2个月']),
    );
  });
});
