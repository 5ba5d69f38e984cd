import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../../../test/support/auth.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { writeDemoDataset } from '../demo/demo.generator.ts';
import { DEMO_NEW_UNIT, plantDemoProposals } from '../demo/demo.proposals.ts';
import { openCsvFolder } from '../interchange/csv-source.ts';
import { permissionsOf } from '../users/roles.ts';
import type { ChangeStatistics } from './changes.ts';

/**
 * 机构编制变动情况统计 of the demonstration county between 2026-06-30 and 2026-09-30 (the demo's
 * reference date and a quarter later), checked against a case worked out by hand:
 *
 * From the demo's own ledger (future-dated rows of quotas.csv and posts.csv in the window):
 *   事业编制 +1 (2026-08-19), 中小学教职工编制 −2 (2026-09-20), 机关工勤编制 +1 (2026-09-28);
 *   单位副职 −1 (07-21), +1 (07-22), +1 (08-28), −1 (08-30), +1 (09-05); 内设机构副职 +1 (09-29);
 *   内设机构正职 −1 (08-01); 单位正职 +1 (09-06). No unit set up or abolished in the window.
 * From the demo's 动议事项 (planted on 2026-07-10, effective that day):
 *   2 行政编制 moved from the department with the most vacancy (A) to the next (B);
 *   2 行政编制 taken back from the third (C) into the reserve, and drawn from it by the new
 *   政务服务管理局 (set up, kind government), with 1 单位正职; one decided and waiting (an alias),
 *   one rejected, one only moved.
 * So: added 1+1 = 2, cut 2, moved in 2+2 = 4 (and out 2+2 = 4), all 行政编制 moves netting 0;
 * 单位正职 +2; units added 1; proposals received 5, decided 4 (3 approved, 1 rejected), carried out
 * 2, rejected 1, 调整编制 2 (the transfer, once) + 2 (taken back) + 2 (drawn) = 6.
 */

const TODAY = '2026-07-10';
const clock = () => new Date(`${TODAY}T04:00:00Z`);
const REGION = '290121';

let database: Database;
let app: App;
let dir = '';
let clerk: AuthHeaders;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'bianzhi-changes-demo-'));
  await writeDemoDataset({ scale: 1, out: dir });
  const imported = await importerFor(database).run(openCsvFolder(dir));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
  const options = appOptionsFor(database, clock);
  app = buildApp(options);
  await app.ready();
  const user = await createUser(database, { roles: ['clerk'], regionCode: REGION });
  clerk = await loginAs(app, user);
  await plantDemoProposals(
    { database, audit: options.audit, clock },
    {
      userId: user.id,
      username: user.username,
      actor: user.username,
      roles: ['clerk'],
      permissions: permissionsOf(['clerk']),
      department: null,
      mustChangePassword: false,
      scope: { regionCode: REGION, unitIds: null },
    },
  );
}, 600_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

async function statistics(from: string, to: string): Promise<ChangeStatistics> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/change-statistics?region=${REGION}&from=${from}&to=${to}`,
    headers: clerk,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** The units of the demo's proposals, from their changes: A gives 2, B receives them, C gives 2 back. */
async function proposalUnits() {
  const rows = await query<{ kind: string; payload: Record<string, string> }>(
    database.db,
    sql`SELECT c.kind, c.payload FROM proposal_changes c ORDER BY c.proposal_id, c.seq`,
  );
  const transfer = rows.find((r) => r.kind === 'quota_transfer')!.payload;
  const takeBack = rows.find((r) => r.kind === 'quota_decrease')!.payload;
  return { a: transfer.fromCode!, b: transfer.toCode!, c: takeBack.unitCode! };
}

describe('change statistics of the demonstration county, 2026-06-30 to 2026-09-30', () => {
  let stats: ChangeStatistics;
  beforeAll(async () => {
    stats = await statistics('2026-06-30', '2026-09-30');
  });

  it('counts the quota added, cut and moved by kind', () => {
    expect(stats.quota.byKind).toEqual([
      { kind: 'administrative', label: '行政编制', added: 0, cut: 0, movedIn: 4, movedOut: 4, net: 0 },
      { kind: 'logistics', label: '机关工勤编制', added: 1, cut: 0, movedIn: 0, movedOut: 0, net: 1 },
      { kind: 'institutional', label: '事业编制', added: 1, cut: 0, movedIn: 0, movedOut: 0, net: 1 },
      { kind: 'school_staff', label: '中小学教职工编制', added: 0, cut: 2, movedIn: 0, movedOut: 0, net: -2 },
    ]);
    expect(stats.quota.totals).toEqual({ added: 2, cut: 2, moved: 4 });
  });

  it('shows which sectors were strengthened and which weakened', async () => {
    const { a, b, c } = await proposalUnits();
    const sector = (code: string) => stats.quota.bySector.find((s) => s.sectorCode === code);
    expect(sector(a)).toMatchObject({ movedOut: 2, movedIn: 0, net: -2 });
    expect(sector(b)).toMatchObject({ movedIn: 2, movedOut: 0, net: 2 });
    expect(sector(c)).toMatchObject({ movedOut: 2, net: -2 });
    expect(sector(DEMO_NEW_UNIT.code)).toMatchObject({
      sectorName: DEMO_NEW_UNIT.name,
      movedIn: 2,
      net: 2,
    });
    // Every quota change lands in exactly one sector.
    const sum = (key: 'added' | 'cut' | 'movedIn' | 'movedOut') =>
      stats.quota.bySector.reduce((t, s) => t + s[key], 0);
    expect([sum('added'), sum('cut'), sum('movedIn'), sum('movedOut')]).toEqual([2, 2, 4, 4]);
  });

  it('counts the units set up and abolished, and the posts', () => {
    expect(stats.units).toEqual({
      added: [{ kind: 'government', label: '政府部门', count: 1 }],
      removed: [],
      addedTotal: 1,
      removedTotal: 0,
    });
    expect(stats.posts.byLevel).toEqual([
      { level: 'head', label: '单位正职', added: 2, cut: 0, net: 2 },
      { level: 'deputy', label: '单位副职', added: 3, cut: 2, net: 1 },
      { level: 'division_head', label: '内设机构正职', added: 0, cut: 1, net: -1 },
      { level: 'division_deputy', label: '内设机构副职', added: 1, cut: 0, net: 1 },
    ]);
  });

  it('counts the proposals and their effects, in the words the offices report them', () => {
    expect(stats.proposals).toEqual({
      received: 5,
      decided: 4,
      implemented: 2,
      rejected: 1,
      closed: 3,
      unitsEstablished: 1,
      postsAdded: 1,
      quotaAdjusted: 6,
    });
    expect(stats.sentence).toBe('受理动议事项5件，办结3件，增设机构1个，领导职数1名，调整编制6名');
  });

  it('leaves out what took effect on the first day and after the last', async () => {
    const before = await statistics('2026-07-10', '2026-09-30');
    expect(before.quota.totals).toEqual({ added: 2, cut: 2, moved: 0 });
    expect(before.proposals.received).toBe(0);
    const upTo = await statistics('2026-06-30', '2026-07-10');
    expect(upTo.quota.totals).toEqual({ added: 0, cut: 0, moved: 4 });
  });

  it('exports the same figures as an Excel workbook', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/change-statistics/export?region=${REGION}&from=2026-06-30&to=2026-09-30`,
      headers: clerk,
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().map((row) =>
      Array.isArray(row) ? row.slice(1) : [],
    );
    expect(rows).toContainEqual([stats.sentence]);
    expect(rows).toContainEqual(['行政编制', 0, 0, 4, 4, 0]);
    expect(rows).toContainEqual(['单位正职', 2, 0, 2]);
  });

  it('refuses a window that ends before it starts', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/change-statistics?from=2026-09-30&to=2026-06-30`,
      headers: clerk,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('统计起始日 2026-09-30 应早于截止日 2026-06-30');
  });
});
