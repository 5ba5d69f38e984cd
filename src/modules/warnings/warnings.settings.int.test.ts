import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../../../test/support/auth.ts';
import { csv, memoryDataset } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { idNumber } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { scanAll } from './warnings.service.ts';

/**
 * Settings per region: the province 320000 sets both thresholds, county 320902 inherits them, county
 * 320903 sets its own, and county 330102 of another province keeps the defaults. Each county has a
 * secondment of 200 days and a unit whose quota changed 200 days ago without a new charter, as of D.
 */
const D = '2026-06-30';
const DAYS_200_AGO = '2025-12-12';
const clock = () => new Date(`${D}T04:00:00Z`);

const COUNTIES = ['320902', '320903', '330102'] as const;
const person = (county: string, n: number) => idNumber('1985-01-01', n, county);

const dataset = {
  regions: csv(
    'code,name,parent_code,unit_cap',
    '320000,江苏省,,',
    '320902,甲县,320000,',
    '320903,乙县,320000,',
    '330000,浙江省,,',
    '330102,丙县,330000,',
  ),
  units: csv(
    'code,name,region_code,parent_code,kind,rank,reference_managed,established_on,document_no',
    ...COUNTIES.flatMap((c) => [
      `A${c},${c}甲局,${c},,government,section,,2010-01-01,编${c}-1`,
      `B${c},${c}乙局,${c},,government,section,,2010-01-01,编${c}-2`,
    ]),
  ),
  quotas: csv(
    'unit_code,kind,amount,effective_on,document_no',
    ...COUNTIES.flatMap((c) => [
      `A${c},administrative,5,2010-01-01,编${c}-1`,
      `A${c},administrative,1,${DAYS_200_AGO},编${c}-9`,
      `B${c},administrative,5,2010-01-01,编${c}-2`,
    ]),
  ),
  charters: csv(
    'unit_code,issued_on,document_no',
    ...COUNTIES.flatMap((c) => [`A${c},2012-01-01,三定${c}-1`, `B${c},2012-01-01,三定${c}-2`]),
  ),
  persons: csv(
    'id_number,name,unit_code,quota_kind,category,entered_on,entry_type',
    ...COUNTIES.map(
      (c, i) => `${person(c, i + 1)},借调${i},A${c},administrative,civil_servant,2015-07-01,exam`,
    ),
  ),
  secondments: csv(
    'id_number,from_unit_code,to_unit_code,start_on,end_on,returned_on,document_no',
    ...COUNTIES.map((c, i) => `${person(c, i + 1)},A${c},B${c},${DAYS_200_AGO},2027-12-31,,借${c}`),
  ),
};

let database: Database;
let importer: ReturnType<typeof importerFor>;
let app: App;
const sessions: Record<string, AuthHeaders> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  importer = importerFor(database, clock);
  const imported = await importer.run(memoryDataset(dataset));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 5)));
  app = buildApp(appOptionsFor(database, clock));
  await app.ready();
  for (const region of ['320000', ...COUNTIES])
    sessions[region] = await loginAs(
      app,
      await createUser(database, { roles: ['clerk'], regionCode: region }),
    );
  sessions.liaison = await loginAs(
    app,
    await createUser(database, { roles: ['unit_liaison'], regionCode: '320902', unitCode: 'A320902' }),
  );
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const put = (who: string, rule: string, key: string, value: unknown) =>
  app.inject({
    method: 'PUT',
    url: `/api/rule-settings/${rule}/${key}`,
    headers: sessions[who],
    payload: { value },
  });
const del = (who: string, rule: string, key: string) =>
  app.inject({ method: 'DELETE', url: `/api/rule-settings/${rule}/${key}`, headers: sessions[who] });
const settingsOf = async (who: string) => {
  const response = await app.inject({ method: 'GET', url: '/api/rule-settings', headers: sessions[who] });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    regionCode: string;
    rules: {
      code: string;
      settings: { key: string; value: number; source: string; sourceRegionCode: string | null }[];
    }[];
  };
};
const setting = async (who: string, rule: string) =>
  (await settingsOf(who)).rules.find((r) => r.code === rule)!.settings[0]!;

/** The counties whose subject the rule finds, scanning as of D. */
async function firing(rule: string): Promise<string[]> {
  const found = await scanAll(database, importer.idCipher, { asOf: D, period: '2026-06' });
  return found
    .filter((w) => w.rule === rule)
    .map((w) => String(w.unitCode).slice(1))
    .sort();
}

describe('rule settings per region', () => {
  it('lists the 17 rules, the two thresholds at their defaults before anyone sets them', async () => {
    const view = await settingsOf('320902');
    expect(view.regionCode).toBe('320902');
    expect(view.rules).toHaveLength(17);
    const withSettings = view.rules.filter((r) => r.settings.length > 0);
    expect(withSettings.map((r) => [r.code, r.settings.map((s) => [s.key, s.value, s.source])])).toEqual([
      ['STALE_CHARTER', [['maxDays', 180, 'default']]],
      ['SECONDMENT_OVERDUE', [['maxDays', 365, 'default']]],
    ]);
    // At the defaults: 200 days is past 180 for the charter, within 365 for the secondment.
    expect(await firing('STALE_CHARTER')).toEqual([...COUNTIES]);
    expect(await firing('SECONDMENT_OVERDUE')).toEqual([]);
  });

  it('a province value is inherited by its county, a county value beats it, another province keeps the default', async () => {
    expect((await put('320000', 'SECONDMENT_OVERDUE', 'maxDays', 180)).statusCode).toBe(200);
    expect((await put('320000', 'STALE_CHARTER', 'maxDays', 250)).statusCode).toBe(200);
    const own = await put('320903', 'SECONDMENT_OVERDUE', 'maxDays', 365);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().settings[0]).toMatchObject({ value: 365, source: 'own', sourceRegionCode: '320903' });
    expect((await put('320903', 'STALE_CHARTER', 'maxDays', 150)).statusCode).toBe(200);

    expect(await setting('320902', 'SECONDMENT_OVERDUE')).toMatchObject({
      value: 180,
      default: 365,
      source: 'inherited',
      sourceRegionCode: '320000',
      sourceRegionName: '江苏省',
    });
    expect(await setting('320903', 'SECONDMENT_OVERDUE')).toMatchObject({ value: 365, source: 'own' });
    expect(await setting('330102', 'SECONDMENT_OVERDUE')).toMatchObject({
      value: 365,
      source: 'default',
      sourceRegionCode: null,
    });

    // A secondment of 200 days: overdue where the limit is 180 (inherited), not where it is 365.
    expect(await firing('SECONDMENT_OVERDUE')).toEqual(['320902']);
    // A charter 200 days behind: not under the province's 250, yes under 320903's 150 and the default 180.
    expect(await firing('STALE_CHARTER')).toEqual(['320903', '330102']);
  });

  it('records every change in the audit trail, and clearing a value falls back to the ancestor', async () => {
    const cleared = await del('320903', 'SECONDMENT_OVERDUE', 'maxDays');
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().settings[0]).toMatchObject({
      value: 180,
      source: 'inherited',
      sourceRegionCode: '320000',
    });
    expect(await firing('SECONDMENT_OVERDUE')).toEqual(['320902', '320903']);

    const entries = await query<{ actor: string; action: string; entity_key: string; region_code: string }>(
      database.db,
      sql`SELECT actor, action, entity_key, region_code FROM audit_log WHERE entity = 'rule_setting' ORDER BY seq`,
    );
    expect(entries.map((e) => [e.action, e.entity_key, e.region_code])).toEqual([
      ['update', '320000|SECONDMENT_OVERDUE|maxDays', '320000'],
      ['update', '320000|STALE_CHARTER|maxDays', '320000'],
      ['update', '320903|SECONDMENT_OVERDUE|maxDays', '320903'],
      ['update', '320903|STALE_CHARTER|maxDays', '320903'],
      ['delete', '320903|SECONDMENT_OVERDUE|maxDays', '320903'],
    ]);
    // Clearing what is not set writes nothing.
    expect((await del('320903', 'SECONDMENT_OVERDUE', 'maxDays')).statusCode).toBe(200);
    const [count] = await query<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'rule_setting'`,
    );
    expect(count!.n).toBe(5);
  });

  it('refuses unknown rules and keys, values out of range, and writers without the right', async () => {
    const unknownRule = await put('320902', 'NO_SUCH_RULE', 'maxDays', 10);
    expect([unknownRule.statusCode, unknownRule.json().code]).toEqual([404, 'warnings.unknown_rule']);
    const unknownKey = await put('320902', 'OVER_QUOTA', 'maxDays', 10);
    expect([unknownKey.statusCode, unknownKey.json().code]).toEqual([404, 'warnings.unknown_setting']);
    expect(unknownKey.json().message).toContain('超编');
    for (const value of [0, 3651, -5]) {
      const response = await put('320902', 'SECONDMENT_OVERDUE', 'maxDays', value);
      expect([response.statusCode, response.json().code]).toEqual([400, 'warnings.setting_out_of_range']);
      expect(response.json().message).toContain('1 至 3650');
    }
    expect((await put('320902', 'SECONDMENT_OVERDUE', 'maxDays', 12.5)).statusCode).toBe(400);
    expect((await put('320902', 'SECONDMENT_OVERDUE', 'maxDays', '90')).statusCode).toBe(400);
    expect((await put('liaison', 'SECONDMENT_OVERDUE', 'maxDays', 90)).statusCode).toBe(403);
    expect((await settingsOf('liaison')).regionCode).toBe('320902');
    expect((await setting('320902', 'SECONDMENT_OVERDUE')).value).toBe(180);
  });
});
