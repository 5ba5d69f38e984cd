import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../../../test/support/auth.ts';
import { csv } from '../../../test/support/dataset.ts';
import { fakeTime } from '../../../test/support/fake-time.ts';
import { sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { createJobRegistry, type JobRegistry } from '../jobs/jobs.registry.ts';

/** Scans without anyone asking: every day at the set time, and after an import through the API. */

const COUNTY = '320902';
let database: Database;
let time: ReturnType<typeof fakeTime>;
let jobs: JobRegistry;
let app: App;
let clerk: AuthHeaders;

beforeAll(async () => {
  database = await createTestDatabase();
  time = fakeTime('2026-06-30T04:00:00Z'); // 12:00 in China
  jobs = createJobRegistry({ clock: time.clock });
  app = buildApp({
    ...appOptionsFor(database, time.clock),
    jobs,
    scanSchedule: { at: { hour: 12, minute: 30 }, timer: time.timer },
  });
  await app.ready();
  clerk = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: COUNTY }));
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A multipart body of CSV files, as a browser sends it. */
async function upload(files: Record<string, string>, query = '') {
  const form = new FormData();
  for (const [name, content] of Object.entries(files))
    form.append('files', new Blob([content]), `${name}.csv`);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const response = await app.inject({
    method: 'POST',
    url: `/api/imports${query}`,
    headers: { ...clerk, 'content-type': request.headers.get('content-type')! },
    payload: Buffer.from(await request.arrayBuffer()),
  });
  expect(response.statusCode, response.body).toBe(202);
  return response.json().jobId as string;
}

/** Polls a job over HTTP, as the web page does, until it has finished. */
async function finished(url: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await app.inject({ method: 'GET', url, headers: clerk });
    expect(response.statusCode, response.body).toBe(200);
    const job = response.json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${url} did not finish`);
}

const openWarnings = async () =>
  (await app.inject({ method: 'GET', url: '/api/warnings?status=open&pageSize=500', headers: clerk })).json()
    .items as { rule: string; unitCode: string | null; figures: Record<string, unknown> }[];

const scanEntries = async () =>
  query<{ actor: string; entity_key: string }>(
    database.db,
    sql`SELECT actor, entity_key FROM audit_log WHERE entity = 'warnings' AND action = 'scan' ORDER BY seq`,
  );

describe('a scan after an import through the API', () => {
  it('starts once the import has written its data, and the stored warnings follow it', async () => {
    const job = await finished(`/api/imports/${await upload(sampleDataset())}`);
    expect(job.result).toMatchObject({ ok: true, dryRun: false });
    expect(job.result.scanJobId).toEqual(expect.any(String));
    const scan = await finished(`/api/scans/${job.result.scanJobId}`);
    expect(scan).toMatchObject({ status: 'succeeded', actor: job.actor, result: { asOf: '2026-06-30' } });
    expect(scan.result.found).toBeGreaterThan(0);
    const before = await openWarnings();
    expect(before).toHaveLength(scan.result.found);
    expect(before.some((w) => w.rule === 'OVER_QUOTA' && w.unitCode === 'QS001')).toBe(false);

    // A cut of QS001's administrative quota to 1 (2 seated): the next import's scan finds it over.
    const more = await finished(
      `/api/imports/${await upload({
        quotas: csv(
          'unit_code,kind,amount,effective_on,document_no',
          'QS001,administrative,-11,2026-06-01,青编〔2026〕6号',
        ),
      })}`,
    );
    expect(more.result, JSON.stringify(more.result?.errors)).toMatchObject({ ok: true });
    expect(more.result.scanJobId).not.toBe(job.result.scanJobId);
    await finished(`/api/scans/${more.result.scanJobId}`);
    const over = (await openWarnings()).find((w) => w.rule === 'OVER_QUOTA' && w.unitCode === 'QS001');
    expect(over?.figures).toMatchObject({ approved: 1, headcount: 2 });
  });

  it('starts none after a dry run or a rejected import', async () => {
    const entries = (await scanEntries()).length;
    const dry = await finished(`/api/imports/${await upload(sampleDataset(), '?dryRun=true')}`);
    expect(dry.result).toMatchObject({ ok: true, dryRun: true, scanJobId: null });
    const rejected = await finished(
      `/api/imports/${await upload({ units: csv('code,name,region_code,kind', 'QSX,怪,320902,nonsense') })}`,
    );
    expect(rejected.result).toMatchObject({ ok: false, scanJobId: null });
    expect(jobs.pending('scan')).toEqual([]);
    expect((await scanEntries()).length).toBe(entries);
  });
});

describe('the daily scan', () => {
  it('starts a scan as the system at the set time, not while one is under way, and not twice', async () => {
    const entries = (await scanEntries()).length;
    time.moveTo('2026-06-30T04:29:59Z');
    expect(jobs.pending('scan')).toEqual([]);
    time.moveTo('2026-06-30T04:30:00Z');
    const [scheduled] = jobs.pending('scan');
    expect(scheduled).toMatchObject({ actor: 'system', kind: 'scan' });
    // The next day's time while that scan is still under way: skipped.
    time.moveTo('2026-07-01T04:30:00Z');
    expect(jobs.pending('scan').map((j) => j.id)).toEqual([scheduled!.id]);
    await jobs.wait(scheduled!.id);
    const after = await scanEntries();
    expect(after.slice(entries)).toEqual([{ actor: 'system', entity_key: '2026-07-01' }]);
    time.moveTo('2026-07-01T05:00:00Z');
    expect(jobs.pending('scan')).toEqual([]);
  });
});
