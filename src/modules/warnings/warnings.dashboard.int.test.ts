import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../../../test/support/auth.ts';
import { memoryDataset } from '../../../test/support/dataset.ts';
import { addQuota, buildRegion, buildSeat, buildUnit } from '../../../test/support/factories.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { ID, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { createJobRegistry, type JobRegistry } from '../jobs/jobs.registry.ts';
import type { Warning } from './warning.types.ts';
import { warningSource } from './warnings.dashboard.ts';
import { rules } from './warnings.registry.ts';
import { scanAll } from './warnings.service.ts';

const TODAY = '2026-06-30';
const PAST = '2024-12-31';
const clock = () => new Date(`${TODAY}T04:00:00Z`);

let database: Database;
let app: App;
let jobs: JobRegistry;
let importer: ReturnType<typeof importerFor>;
const CITY = '320900';
let county2: string;
let sibling: string;
/** Units planted in the second county: over, full and vacant (administrative), and over only before PAST+1. */
const planted = { over: '', full: '', vacant: '', pastOver: '', cityOwn: '', siblingOver: '' };
let clerk: AuthHeaders;

/** A unit with `approved` administrative posts and `seats` seats (the extra ones may end on a date). */
async function plantUnit(regionCode: string, approved: number, seats: number, exitedOn?: string) {
  const unit = await buildUnit(database.db, { regionCode, kind: 'government' });
  await addQuota(database.db, unit, { kind: 'administrative', amount: approved, effectiveOn: '2020-01-01' });
  for (let i = 0; i < seats; i++)
    await buildSeat(database.db, {
      unit,
      ...(i >= approved && exitedOn ? { exitedOn, exitType: 'transfer_out' } : {}),
    });
  return unit.code;
}

beforeAll(async () => {
  database = await createTestDatabase();
  importer = importerFor(database, clock);
  const imported = await importer.run(memoryDataset(sampleDataset()));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
  const { db } = database;
  // 青山县 becomes one county of a city; the city has a second county and units of its own (本级).
  await buildRegion(db, { code: CITY, name: '测试市' });
  await db.execute(sql`UPDATE regions SET parent_code = ${CITY} WHERE code = '320902'`);
  county2 = (await buildRegion(db, { name: '邻县', parentCode: CITY })).code;
  sibling = (await buildRegion(db, { name: '他市' })).code;
  planted.over = await plantUnit(county2, 1, 2);
  planted.full = await plantUnit(county2, 2, 2);
  planted.vacant = await plantUnit(county2, 3, 1);
  planted.pastOver = await plantUnit(county2, 1, 2, '2025-01-01');
  planted.cityOwn = await plantUnit(CITY, 1, 3);
  planted.siblingOver = await plantUnit(sibling, 1, 2);

  jobs = createJobRegistry({ clock });
  app = buildApp({ ...appOptionsFor(database, clock), jobs });
  await app.ready();
  clerk = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: CITY }));
  const started = await app.inject({ method: 'POST', url: '/api/scans', headers: clerk, payload: {} });
  expect(started.statusCode, started.body).toBe(202);
  await jobs.wait(started.json().jobId);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = async (url: string, headers: AuthHeaders) => {
  const response = await app.inject({ method: 'GET', url, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

/** Where each warning of a scan belongs (as RULES.md places it): its region, its unit's, its person's. */
async function placed(found: Warning[]) {
  const units = new Map(
    (
      await query<{ code: string; region_code: string }>(
        database.db,
        sql`SELECT code, region_code FROM units`,
      )
    ).map((u) => [u.code, u.region_code]),
  );
  const persons = new Map(
    (
      await query<{ id_index: string; region_code: string }>(
        database.db,
        sql`SELECT id_index, region_code FROM persons`,
      )
    ).map((p) => [p.id_index, p.region_code]),
  );
  return found.map((w) => ({
    ...w,
    region:
      w.regionCode ??
      (w.unitCode ? units.get(w.unitCode) : undefined) ??
      (w.idNumber ? persons.get(importer.idCipher.index(w.idNumber)) : undefined) ??
      '',
  }));
}

/** The dashboard's counts worked out by hand from a scan's output, for the city (sub-regions: direct children). */
async function expectedCounts(asOf: string) {
  const found = await placed(await scanAll(database, importer.idCipher, { asOf, period: asOf.slice(0, 7) }));
  const tops = new Map([
    ['320902', '320902'],
    [county2, county2],
    [CITY, CITY],
  ]);
  const inScope = found.filter((w) => tops.has(w.region));
  const ruleOf = new Map(rules.map((r) => [r.code, r]));
  const countBy = (key: (w: (typeof inScope)[number]) => string) => {
    const counts: Record<string, number> = {};
    for (const w of inScope) counts[key(w)] = (counts[key(w)] ?? 0) + 1;
    return counts;
  };
  return {
    inScope,
    total: inScope.length,
    byRule: countBy((w) => w.rule),
    byClass: countBy((w) => ruleOf.get(w.rule)!.class),
    bySeverity: countBy((w) => w.severity),
    byRegion: countBy((w) => tops.get(w.region)!),
  };
}

const nonZero = (rows: { count: number }[], key: string) =>
  Object.fromEntries(
    rows.filter((r) => r.count > 0).map((r) => [(r as Record<string, unknown>)[key], r.count]),
  );

describe('the warnings dashboard', () => {
  it('counts the stored warnings by class, rule, severity and sub-region as the scan found them', async () => {
    const expected = await expectedCounts(TODAY);
    const dashboard = await get('/api/warnings/dashboard', clerk);
    expect(dashboard).toMatchObject({
      asOf: TODAY,
      source: 'stored',
      scannedOn: TODAY,
      region: { code: CITY },
    });
    expect(dashboard.total).toBe(expected.total);
    expect(nonZero(dashboard.byRule, 'rule')).toEqual(expected.byRule);
    expect(nonZero(dashboard.byClass, 'class')).toEqual(expected.byClass);
    expect(nonZero(dashboard.bySeverity, 'severity')).toEqual(expected.bySeverity);
    expect(nonZero(dashboard.byRegion, 'code')).toEqual(expected.byRegion);
    expect(dashboard.byRule).toHaveLength(rules.length);
    expect(dashboard.byRule.find((r: { rule: string }) => r.rule === 'OVER_QUOTA')).toMatchObject({
      name: '超编',
      class: '编制使用',
      severity: '违规',
    });
    expect(dashboard.byRegion.map((r: { code: string; own: boolean }) => [r.code, r.own])).toEqual([
      ['320902', false],
      [county2, false],
      [CITY, true],
    ]);
    // The planted cases are there, the sibling city's is not.
    const overUnits = expected.inScope.filter((w) => w.rule === 'OVER_QUOTA').map((w) => w.unitCode);
    expect(overUnits).toEqual(expect.arrayContaining([planted.over, planted.cityOwn]));
    expect(overUnits).not.toContain(planted.siblingOver);
    expect(overUnits).not.toContain(planted.pastOver);
  });

  it('scans live as of a past date, finding what held then and storing nothing', async () => {
    const before = await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM warnings`);
    const expected = await expectedCounts(PAST);
    const dashboard = await get(`/api/warnings/dashboard?asOf=${PAST}`, clerk);
    expect(dashboard).toMatchObject({ asOf: PAST, source: 'live', scannedOn: null, total: expected.total });
    expect(nonZero(dashboard.byRule, 'rule')).toEqual(expected.byRule);
    expect(nonZero(dashboard.byRegion, 'code')).toEqual(expected.byRegion);

    const past = await get(`/api/warnings/dashboard/warnings?asOf=${PAST}&rule=OVER_QUOTA`, clerk);
    const pastOver = past.items.find((w: { unitCode: string }) => w.unitCode === planted.pastOver);
    expect(pastOver).toMatchObject({
      ruleName: '超编',
      severity: '违规',
      regionCode: county2,
      firstSeenOn: null,
    });
    expect(pastOver.unitName).toMatch(/^测试单位/);
    expect(pastOver.figures).toEqual(
      expect.arrayContaining([
        { key: 'quotaKind', label: '编制类型', value: '行政编制' },
        { key: 'approved', label: '核定数', value: '1' },
        { key: 'headcount', label: '实有人数', value: '2' },
      ]),
    );
    const today = await get('/api/warnings/dashboard/warnings?rule=OVER_QUOTA', clerk);
    expect(today.items.map((w: { unitCode: string }) => w.unitCode)).not.toContain(planted.pastOver);
    expect(await query(database.db, sql`SELECT count(*)::int AS n FROM warnings`)).toEqual(before);
  });

  it('shares a live scan under way between requests for the same date, and keeps none after', async () => {
    const deps = { database, idCipher: importer.idCipher, clock, liveScans: new Map() };
    const [a, b] = await Promise.all([warningSource(deps, PAST), warningSource(deps, PAST)]);
    expect(a.found).toBe(b.found);
    expect(deps.liveScans.size).toBe(0);
    const c = await warningSource(deps, PAST);
    expect(c.found).not.toBe(a.found);
    expect(c.found).toEqual(a.found);
  });

  it('drills from a rule to its warnings with the figures, linking units and persons', async () => {
    const drill = await get('/api/warnings/dashboard/warnings?rule=OVER_QUOTA&pageSize=500', clerk);
    const dashboard = await get('/api/warnings/dashboard', clerk);
    expect(drill.total).toBe(dashboard.byRule.find((r: { rule: string }) => r.rule === 'OVER_QUOTA').count);
    const over = drill.items.find((w: { unitCode: string }) => w.unitCode === planted.over);
    expect(over).toMatchObject({ firstSeenOn: TODAY, lastSeenOn: TODAY, regionName: '邻县' });
    expect(over.warningId).toEqual(expect.any(Number));

    const bySubRegion = await get(
      `/api/warnings/dashboard/warnings?subRegion=${county2}&pageSize=500`,
      clerk,
    );
    expect(bySubRegion.total).toBe(
      dashboard.byRegion.find((r: { code: string }) => r.code === county2).count,
    );
    expect(bySubRegion.items.every((w: { regionCode: string }) => w.regionCode === county2)).toBe(true);

    // 王强 is neither paid nor insured: a warning about a person, linked to the person page.
    const unpaid = await get('/api/warnings/dashboard/warnings?rule=UNPAID_SEAT', clerk);
    const wang = unpaid.items.find((w: { idNumber: string }) => w.idNumber === ID.wang);
    expect(wang).toMatchObject({ personName: '王强', unitCode: 'QS002', personId: expect.any(Number) });
    const leader = await loginAs(app, await createUser(database, { roles: ['leader'], regionCode: CITY }));
    const masked = await get('/api/warnings/dashboard/warnings?rule=UNPAID_SEAT', leader);
    const pastMasked = await get(`/api/warnings/dashboard/warnings?asOf=2026-06-29&rule=UNPAID_SEAT`, leader);
    for (const list of [masked, pastMasked]) {
      expect(list.total).toBe(unpaid.total);
      expect(list.items.map((w: { idNumber: string }) => w.idNumber)).not.toContain(ID.wang);
      for (const w of list.items) expect(w.idNumber).toMatch(/\*/);
    }
  });

  it('shows a sibling region none of it, and a unit liaison only their unit', async () => {
    const stranger = await loginAs(
      app,
      await createUser(database, { roles: ['clerk'], regionCode: sibling }),
    );
    const theirs = await get('/api/warnings/dashboard', stranger);
    const theirsPast = await get(`/api/warnings/dashboard?asOf=${PAST}`, stranger);
    for (const dashboard of [theirs, theirsPast]) {
      expect(dashboard.byRegion).toEqual([
        { code: sibling, name: '他市', own: true, count: dashboard.total },
      ]);
    }
    const list = await get('/api/warnings/dashboard/warnings?pageSize=500', stranger);
    expect(list.items.map((w: { unitCode: string }) => w.unitCode)).toContain(planted.siblingOver);
    expect(list.items.every((w: { regionCode: string }) => w.regionCode === sibling)).toBe(true);
    const intrude = await app.inject({
      method: 'GET',
      url: `/api/warnings/dashboard?region=${CITY}`,
      headers: stranger,
    });
    expect(intrude.statusCode).toBe(404);

    const liaison = await loginAs(
      app,
      await createUser(database, { roles: ['unit_liaison'], regionCode: '320902', unitCode: 'QS001' }),
    );
    const own = await get('/api/warnings/dashboard/warnings?pageSize=500', liaison);
    const ownPast = await get(`/api/warnings/dashboard/warnings?asOf=${PAST}&pageSize=500`, liaison);
    for (const [result, asOf] of [
      [own, TODAY],
      [ownPast, PAST],
    ] as const) {
      const expected = (await expectedCounts(asOf)).inScope.filter((w) =>
        ['QS001', 'QS001A'].includes(w.unitCode!),
      );
      expect(result.total).toBe(expected.length);
      expect(result.total).toBeGreaterThan(0);
      expect(result.items.every((w: { unitCode: string }) => ['QS001', 'QS001A'].includes(w.unitCode))).toBe(
        true,
      );
    }
    expect((await get('/api/warnings/dashboard', liaison)).total).toBe(own.total);
  });

  it('exports the dashboard tables and the warnings list as a workbook', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/warnings/dashboard/export?asOf=${PAST}&rule=OVER_QUOTA`,
      headers: clerk,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const dashboard = await get(`/api/warnings/dashboard?asOf=${PAST}`, clerk);
    const summary = workbook.getWorksheet('预警概况')!;
    const cells = summary.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(String(cells[1]![0])).toContain(`截至 ${PAST}`);
    expect(cells).toContainEqual(['预警总数', dashboard.total]);
    expect(cells).toContainEqual(['超编', '编制使用', '违规', dashboard.byRule[3].count]);
    expect(cells).toContainEqual(['邻县', dashboard.byRegion[1].count]);

    const list = workbook.getWorksheet('预警明细')!;
    const rows = list.getSheetValues().slice(2) as unknown[][];
    const drill = await get(
      `/api/warnings/dashboard/warnings?asOf=${PAST}&rule=OVER_QUOTA&pageSize=500`,
      clerk,
    );
    expect(rows).toHaveLength(drill.total);
    expect(rows.map((r) => r[5])).toEqual(drill.items.map((w: { unitCode: string }) => w.unitCode));
    expect(rows.every((r) => r[1] === '超编')).toBe(true);
  });
});

describe('the traffic lights', () => {
  interface Item {
    unitCode: string;
    quotas: { kind: string; approved: number; headcount: number; vacancy: number; light: string }[];
  }
  const lightOf = (items: Item[], code: string) => items.find((u) => u.unitCode === code)?.quotas[0];

  it('lights over red, full yellow and vacant green, per kind', async () => {
    const lights = await get(`/api/warnings/lights?region=${county2}&pageSize=200`, clerk);
    expect(lightOf(lights.items, planted.over)).toEqual({
      kind: 'administrative',
      approved: 1,
      headcount: 2,
      vacancy: -1,
      light: 'red',
    });
    expect(lightOf(lights.items, planted.full)).toMatchObject({ approved: 2, headcount: 2, light: 'yellow' });
    expect(lightOf(lights.items, planted.vacant)).toMatchObject({
      approved: 3,
      headcount: 1,
      light: 'green',
    });
    expect(lightOf(lights.items, planted.pastOver)).toMatchObject({ headcount: 1, light: 'yellow' });
    expect(lights.total).toBe(4);
    expect(lights.counts.quotas).toEqual({ red: 1, yellow: 2, green: 1, none: 0 });

    const past = await get(`/api/warnings/lights?region=${county2}&asOf=${PAST}&light=red`, clerk);
    expect(past.items.map((u: Item) => u.unitCode).sort()).toEqual([planted.over, planted.pastOver].sort());
    expect(past.total).toBe(2);
  });

  it('lights the posts of the units and pages the whole scope', async () => {
    // 青山县委组织部: 1 head post held by 张伟 (满配), 3 deputy posts none held (空缺).
    const qs = await get('/api/warnings/lights?unit=QS001', clerk);
    const unit = qs.items.find((u: { unitCode: string }) => u.unitCode === 'QS001');
    expect(unit.posts).toEqual(
      expect.arrayContaining([
        { level: 'head', posts: 1, leaders: 1, vacancy: 0, light: 'yellow' },
        { level: 'deputy', posts: 3, leaders: 0, vacancy: 3, light: 'green' },
      ]),
    );
    const all = await get('/api/warnings/lights?pageSize=2', clerk);
    const second = await get('/api/warnings/lights?pageSize=2&page=2', clerk);
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThan(6);
    expect(second.items[0].unitCode > all.items[1].unitCode).toBe(true);
    const red = await get('/api/warnings/lights?light=red&pageSize=200', clerk);
    expect(red.items.map((u: Item) => u.unitCode)).toEqual(
      expect.arrayContaining([planted.over, planted.cityOwn]),
    );
    expect(red.items.map((u: Item) => u.unitCode)).not.toContain(planted.siblingOver);
    expect(red.total).toBe(all.counts.units.red);
  });

  it('shows a unit liaison the lights of their own units only', async () => {
    const liaison = await loginAs(
      app,
      await createUser(database, { roles: ['unit_liaison'], regionCode: '320902', unitCode: 'QS002' }),
    );
    const lights = await get('/api/warnings/lights', liaison);
    expect(lights.items.map((u: { unitCode: string }) => u.unitCode)).toEqual(['QS002']);
    const other = await app.inject({
      method: 'GET',
      url: `/api/warnings/lights?unit=QS001`,
      headers: liaison,
    });
    expect(other.statusCode).toBe(404);
  });
});
