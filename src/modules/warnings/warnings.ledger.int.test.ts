import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { createUser, loginAs } from '../../../test/support/auth.ts';
import { memoryDataset } from '../../../test/support/dataset.ts';
import { buildRegion } from '../../../test/support/factories.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { ID, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase, testKeys } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { createAuditTrail } from '../audit/audit.service.ts';
import { createJobRegistry, type JobRegistry } from '../jobs/jobs.registry.ts';
import type { Warning } from './warning.types.ts';
import { recordScan } from './warnings.ledger.ts';
import { scanAll } from './warnings.service.ts';

const TODAY = '2026-06-30';
const clock = () => new Date(`${TODAY}T04:00:00Z`);

let database: Database;
let importer: ReturnType<typeof importerFor>;

beforeAll(async () => {
  database = await createTestDatabase();
  importer = importerFor(database, clock);
  const imported = await importer.run(memoryDataset(sampleDataset()));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
}, 120_000);

afterAll(async () => {
  await database?.close();
});

interface Row {
  rule: string;
  subject_key: string;
  region_code: string;
  unit_id: number | null;
  id_index: string | null;
  id_masked: string | null;
  first_seen_on: string;
  last_seen_on: string;
  resolved_on: string | null;
  figures: Record<string, unknown>;
}

const stored = async () => query<Row>(database.db, sql`SELECT * FROM warnings ORDER BY rule, subject_key`);
const scanEntries = async () =>
  (
    await query<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'warnings' AND action = 'scan'`,
    )
  )[0]!.n;

describe('recordScan: warnings over time', () => {
  const overQuota: Warning = {
    rule: 'OVER_QUOTA',
    severity: '违规',
    unitCode: 'QS001',
    quotaKind: 'administrative',
    approved: 2,
    used: 3,
    message: '超编 1 名',
  };
  const overdue: Warning = {
    rule: 'RETIREMENT_OVERDUE',
    severity: '风险',
    idNumber: ID.zhang,
    unitCode: 'QS001',
    message: '张伟 应退未退',
  };

  const record = (found: Warning[], today: string, asOf = today) => {
    const trail = createAuditTrail({ keys: testKeys, checkpointPath: importer.checkpointPath, clock });
    return trail.transaction(database.db, (tx, recorder) =>
      recordScan(tx, recorder, found, {
        asOf,
        period: asOf.slice(0, 7),
        today,
        actor: 'test',
        idCipher: importer.idCipher,
      }),
    );
  };

  it('records a first sighting with its subject key, placement and no ID number in clear', async () => {
    expect(await record([overQuota, overdue], '2026-07-01')).toMatchObject({
      new: 2,
      seenAgain: 0,
      resolved: 0,
    });
    const rows = await stored();
    expect(rows.map((r) => r.subject_key)).toEqual([
      'OVER_QUOTA|QS001|administrative',
      `RETIREMENT_OVERDUE|${importer.idCipher.index(ID.zhang)}`,
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ region_code: '320902', first_seen_on: '2026-07-01', resolved_on: null });
      expect(row.unit_id).not.toBeNull();
      expect(JSON.stringify(row)).not.toContain(ID.zhang);
    }
    expect(rows[0]!.figures).toMatchObject({ approved: 2, used: 3 });
    expect(rows[1]!.id_masked).toMatch(/\*/);
    expect(await scanEntries()).toBe(1);
  });

  it('keeps the first sighting when seen again the next day', async () => {
    const changed = { ...overQuota, used: 4, message: '超编 2 名' };
    expect(await record([changed, overdue], '2026-07-02')).toMatchObject({ new: 0, seenAgain: 2 });
    const rows = await stored();
    expect(rows.map((r) => [r.first_seen_on, r.last_seen_on, r.resolved_on])).toEqual([
      ['2026-07-01', '2026-07-02', null],
      ['2026-07-01', '2026-07-02', null],
    ]);
    expect(rows[0]!.figures).toMatchObject({ used: 4 });
  });

  it('resolves a warning a scan as of today no longer finds', async () => {
    expect(await record([overQuota], '2026-07-03')).toMatchObject({ seenAgain: 1, resolved: 1 });
    const rows = await stored();
    expect(rows.map((r) => r.resolved_on)).toEqual([null, '2026-07-03']);
  });

  it('changes nothing for a scan as of a past date', async () => {
    const before = await stored();
    const entries = await scanEntries();
    expect(await record([overdue], '2026-07-04', '2026-07-02')).toBeNull();
    expect(await record([], '2026-07-04', '2026-07-01')).toBeNull();
    expect(await stored()).toEqual(before);
    expect(await scanEntries()).toBe(entries);
  });

  it('reopens a warning that returns, keeping its first sighting', async () => {
    expect(await record([overQuota, overdue], '2026-07-05')).toMatchObject({
      new: 0,
      seenAgain: 1,
      reopened: 1,
      resolved: 0,
    });
    const rows = await stored();
    expect(rows[1]).toMatchObject({
      first_seen_on: '2026-07-01',
      last_seen_on: '2026-07-05',
      resolved_on: null,
    });
    expect(await scanEntries()).toBe(4);
  });
});

describe('scans and warnings over HTTP', () => {
  let app: App;
  let jobs: JobRegistry;

  beforeAll(async () => {
    await database.db.execute(sql`DELETE FROM warnings`);
    jobs = createJobRegistry({ clock });
    app = buildApp({ ...appOptionsFor(database, clock), jobs });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('runs a scan as of today as a job and lists what it found, scoped and masked', async () => {
    const clerk = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: '320902' }));
    const started = await app.inject({ method: 'POST', url: '/api/scans', headers: clerk, payload: {} });
    expect(started.statusCode, started.body).toBe(202);
    const { jobId } = started.json();
    await jobs.wait(jobId);
    const job = await app.inject({ method: 'GET', url: `/api/scans/${jobId}`, headers: clerk });
    expect(job.statusCode, job.body).toBe(200);
    const expected = await scanAll(database, importer.idCipher, { asOf: TODAY, period: '2026-06' });
    expect(job.json()).toMatchObject({
      status: 'succeeded',
      result: { asOf: TODAY, found: expected.length, new: expected.length, resolved: 0 },
    });
    expect(expected.length).toBeGreaterThan(0);

    const list = (
      await app.inject({ method: 'GET', url: '/api/warnings?status=open&pageSize=500', headers: clerk })
    ).json();
    expect(list.total).toBe(expected.length);
    expect(list.items.map((w: { rule: string }) => w.rule).sort()).toEqual(
      expected.map((w) => w.rule).sort(),
    );
    const withPerson = expected.filter((w) => w.idNumber);
    const fullIds = list.items.map((w: { idNumber: string | null }) => w.idNumber).filter(Boolean);
    expect(fullIds.sort()).toEqual(withPerson.map((w) => w.idNumber).sort());

    const summary = (
      await app.inject({ method: 'GET', url: '/api/warnings/summary', headers: clerk })
    ).json();
    expect(summary.total).toBe(expected.length);

    const leader = await loginAs(
      app,
      await createUser(database, { roles: ['leader'], regionCode: '320902' }),
    );
    const masked = (
      await app.inject({ method: 'GET', url: '/api/warnings?pageSize=500', headers: leader })
    ).json();
    expect(masked.total).toBe(expected.length);
    for (const w of masked.items as { idNumber: string | null }[])
      if (w.idNumber) expect(w.idNumber).toMatch(/\*/);

    const firstRule = expected[0]!.rule;
    const byRule = (
      await app.inject({ method: 'GET', url: `/api/warnings?rule=${firstRule}`, headers: leader })
    ).json();
    expect(byRule.total).toBe(expected.filter((w) => w.rule === firstRule).length);

    const liaison = await loginAs(
      app,
      await createUser(database, { roles: ['unit_liaison'], regionCode: '320902', unitCode: 'QS001' }),
    );
    const own = (
      await app.inject({ method: 'GET', url: '/api/warnings?pageSize=500', headers: liaison })
    ).json();
    expect(own.items.every((w: { unitCode: string | null }) => w.unitCode?.startsWith('QS001'))).toBe(true);
    expect(own.total).toBeLessThanOrEqual(expected.length);

    const other = await buildRegion(database.db, { name: '邻县' });
    const stranger = await loginAs(
      app,
      await createUser(database, { roles: ['clerk'], regionCode: other.code }),
    );
    expect((await app.inject({ method: 'GET', url: '/api/warnings', headers: stranger })).json().total).toBe(
      0,
    );
    expect(
      (await app.inject({ method: 'GET', url: '/api/warnings/summary', headers: stranger })).json(),
    ).toEqual({ total: 0, byRule: [] });
    expect(
      (await app.inject({ method: 'GET', url: `/api/scans/${jobId}`, headers: stranger })).statusCode,
    ).toBe(404);
  });
});
