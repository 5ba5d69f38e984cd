/**
 * `npm run bench`: figures, not a test. Imports the province (scale 400 by default) into
 * PostgreSQL beside a raw COPY of the same CSV rows in the same run (the ratio is the figure),
 * asks the province's vacancy for every unit and kind as of a past date, and imports a city
 * (scale 40) into the embedded PGlite; measures the first page load of the web application and the
 * roster's pages. Options: --scale N, --city-scale N, --page-loads N, --checks N,
 * --only page|province|city|roster|scan|precheck (roster, scan, precheck: on the province and city a
 * previous full run imported; precheck imports the province first when there is none).
 */
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Database, openDatabase, query, sql } from '../src/db/database.ts';
import { idCheckChar } from '../src/modules/identity/id-number.ts';
import { precheckSeat } from '../src/modules/transactions/transactions.flow.ts';
import { createAuditTrail } from '../src/modules/audit/audit.service.ts';
import { writeDemoDataset } from '../src/modules/demo/demo.generator.ts';
import { quotaFigures } from '../src/modules/establishment/establishment.repository.ts';
import { searchRoster } from '../src/modules/roster/roster.search.ts';
import { createIdCipher } from '../src/modules/identity/id-cipher.ts';
import { deriveKeys } from '../src/modules/identity/keys.ts';
import { openCsvFolder } from '../src/modules/interchange/csv-source.ts';
import { importDataset } from '../src/modules/interchange/import.service.ts';
import { systemClock } from '../src/shared/dates.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '400' },
    'city-scale': { type: 'string', default: '40' },
    only: { type: 'string' },
    'page-loads': { type: 'string', default: '10' },
    checks: { type: 'string', default: '1000' },
  },
});
const BENCH = resolve('.bench');
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const keys = deriveKeys(Buffer.alloc(32, 42));
const results: Record<string, unknown> = { machine: machine(), startedAt: new Date().toISOString() };

/** Peak resident memory of this process, sampled while a step runs. */
function memoryPeak() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20);
  };
}

async function timed<T>(
  label: string,
  work: () => Promise<T>,
): Promise<{ value: T; seconds: number; peakMiB: number }> {
  process.stderr.write(`… ${label}\n`);
  const stop = memoryPeak();
  const start = performance.now();
  const value = await work();
  const seconds = (performance.now() - start) / 1000;
  const peakMiB = stop();
  process.stderr.write(`  ${label}: ${seconds.toFixed(1)} s, peak RSS ${peakMiB} MiB\n`);
  return { value, seconds, peakMiB };
}

async function dataset(scale: number): Promise<string> {
  const folder = join(BENCH, `scale-${scale}`);
  if (existsSync(join(folder, 'planted.json'))) return folder;
  rmSync(folder, { recursive: true, force: true });
  await timed(`generate demo --scale ${scale}`, () => writeDemoDataset({ scale, out: folder }));
  return folder;
}

function csvRows(folder: string): number {
  let rows = 0;
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.csv'))) {
    const text = readFileSync(join(folder, name));
    let lines = 0;
    for (const byte of text) if (byte === 10) lines++;
    rows += lines - 1;
  }
  return rows;
}

async function recreate(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function importInto(database: Database, folder: string) {
  await database.migrate();
  const audit = createAuditTrail({
    keys,
    checkpointPath: join(BENCH, `audit-head-${database.kind}.json`),
    clock: systemClock,
  });
  rmSync(join(BENCH, `audit-head-${database.kind}.json`), { force: true });
  const result = await importDataset(
    { database, idCipher: createIdCipher(keys), audit, clock: systemClock },
    openCsvFolder(folder),
    { actor: 'bench' },
  );
  if (!result.ok) throw new Error(`import rejected: ${JSON.stringify(result.errors.slice(0, 5))}`);
  return result;
}

/** The same CSV rows into plain text tables with COPY: the fastest PostgreSQL can take them in. */
async function rawCopy(folder: string): Promise<void> {
  const client = new pg.Client({ connectionString: await recreate('bianzhi_bench_raw') });
  await client.connect();
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.csv'))) {
    const header = readFileSync(join(folder, name), 'utf8')
      .split('\n', 1)[0]!
      .replace(/^\uFEFF/, '')
      .trim()
      .split(',');
    const table = `raw_${name.replace('.csv', '')}`;
    await client.query(`CREATE TABLE ${table} (${header.map((h) => `"${h}" text`).join(', ')})`);
    await pipeline(
      createReadStream(join(folder, name)),
      client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`)),
    );
  }
  await client.end();
}

async function province(scale: number) {
  const folder = await dataset(scale);
  const rows = csvRows(folder);
  const database = await openDatabase(await recreate('bianzhi_bench'));
  const imported = await timed(`import scale ${scale} into PostgreSQL`, () => importInto(database, folder));
  const copied = await timed(`raw COPY of the same rows into PostgreSQL`, () => rawCopy(folder));
  const top = readFileSync(join(folder, 'regions.csv'), 'utf8').split('\n')[1]!.split(',')[0]!;
  const vacancy: number[] = [];
  let figures = 0;
  for (let i = 0; i < 3; i++) {
    const run = await timed(`vacancy of every unit and kind of ${top} as of 2025-12-31`, () =>
      quotaFigures(database.db, { regionCode: top, includeDescendants: true, asOf: '2025-12-31' }),
    );
    vacancy.push(run.seconds);
    figures = run.value.length;
  }
  const county = readFileSync(join(folder, 'regions.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]!)
    .find((code) => /^\d{4}(?!00)\d{2}$/.test(code))!;
  const roster = await rosterPages(database, top, county);
  await database.close();
  const importRate = rows / imported.seconds;
  const copyRate = rows / copied.seconds;
  results.province = {
    scale,
    rows,
    importSeconds: imported.seconds,
    importRowsPerSecond: Math.round(importRate),
    importPeakRssMiB: imported.peakMiB,
    copySeconds: copied.seconds,
    copyRowsPerSecond: Math.round(copyRate),
    ratioToCopy: Number((importRate / copyRate).toFixed(3)),
    vacancyFigures: figures,
    vacancySecondsMedian: Number([...vacancy].sort((a, b) => a - b)[1]!.toFixed(3)),
    roster,
  };
}

/** The roster page as the web app asks for it (50 rows, sorted by unit), for the province and a county: p50 and max of 20. */
async function rosterPages(database: Database, province: string, county: string) {
  const figures: Record<string, { p50Ms: number; maxMs: number; total: number }> = {};
  const cases: [string, Parameters<typeof searchRoster>[1]][] = [
    ['province, page 1', { regionCode: province, asOf: '2026-06-30', page: 1, pageSize: 50 }],
    [
      'province, filtered by kind and age band',
      {
        regionCode: province,
        asOf: '2026-06-30',
        page: 1,
        pageSize: 50,
        quotaKind: 'administrative',
        ageBand: '30to39',
      },
    ],
    ['province, page 200', { regionCode: province, asOf: '2026-06-30', page: 200, pageSize: 50 }],
    [`county ${county}, page 1`, { regionCode: county, asOf: '2026-06-30', page: 1, pageSize: 50 }],
  ];
  for (const [label, filter] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      total = (await searchRoster(database.db, filter)).total;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    figures[label] = { p50Ms: Math.round(times[10]!), maxMs: Math.round(times[19]!), total };
    process.stderr.write(
      `  roster ${label}: p50 ${figures[label]!.p50Ms} ms, max ${figures[label]!.maxMs} ms (${total} rows)\n`,
    );
  }
  return figures;
}

async function city(scale: number) {
  const folder = await dataset(scale);
  const rows = csvRows(folder);
  const dir = join(BENCH, 'pglite-city');
  rmSync(dir, { recursive: true, force: true });
  const database = await openDatabase(dir);
  const imported = await timed(`import scale ${scale} into PGlite`, () => importInto(database, folder));
  await database.close();
  results.city = {
    scale,
    rows,
    importSeconds: Number(imported.seconds.toFixed(1)),
    importRowsPerSecond: Math.round(rows / imported.seconds),
    importPeakRssMiB: imported.peakMiB,
  };
}

function machine() {
  const cpus = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/g)?.length ?? 0;
  const model = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown';
  const mem = Math.round(
    Number(readFileSync('/proc/meminfo', 'utf8').match(/MemTotal:\s*(\d+)/)?.[1] ?? 0) / 2 ** 20,
  );
  return `${cpus} × ${model}, ${mem} GiB, Node ${process.version}`;
}

/** The full scan as of the demo's reference date, and a count and group-by over seats, payroll and insurance. */
async function scanBeside(database: Database, label: string) {
  const { scanAll } = await import('../src/modules/warnings/warnings.service.ts');
  const { query, sql } = await import('../src/db/database.ts');
  const raw = await timed(`raw pass over seats, payroll and insurance (${label})`, async () => {
    for (const table of ['seats', 'payroll', 'insurance']) {
      await query(database.db, sql.raw(`SELECT unit_id, count(*) FROM ${table} GROUP BY unit_id`));
    }
  });
  const scan = await timed(`full scan, 17 rules (${label})`, () =>
    scanAll(database, createIdCipher(keys), { asOf: '2026-06-30', period: '2026-06' }),
  );
  await database.close();
  return {
    warnings: scan.value.length,
    scanSeconds: Number(scan.seconds.toFixed(2)),
    rawPassSeconds: Number(raw.seconds.toFixed(2)),
    ratioToRawPass: Number((scan.seconds / raw.seconds).toFixed(1)),
    peakRssMiB: scan.peakMiB,
  };
}

/**
 * The first page a clerk sees, over localhost with the demonstration county: from navigation to the
 * unit tree showing the county (HTML, scripts, styles and the API calls behind it), with a cold
 * browser cache each time. Median and max of --page-loads runs.
 */
async function firstPageLoad(runs: number) {
  const { startDemoServer, E2E_PASSWORD } = await import('../test/e2e/demo-server.ts');
  const { launchBrowser } = await import('../test/e2e/browser.ts');
  const server = await startDemoServer();
  const browser = await launchBrowser();
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
      const page = await context.newPage();
      await context.request.post('/api/auth/login', { data: { username: 'clerk', password: E2E_PASSWORD } });
      const start = performance.now();
      await page.goto('/');
      await page.getByRole('tree').getByText('青源县', { exact: false }).first().waitFor();
      times.push(performance.now() - start);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  times.sort((a, b) => a - b);
  results.firstPageLoad = {
    runs,
    medianMs: Math.round(times[Math.floor(times.length / 2)]!),
    maxMs: Math.round(times[times.length - 1]!),
  };
  process.stderr.write(`  first page load: ${JSON.stringify(results.firstPageLoad)}\n`);
}

/** p50, p99 and max of N pre-checks of a hire into random units and kinds with quota, new people. */
async function precheckTimes(database: Database, checks: number) {
  const idCipher = createIdCipher(keys);
  const targets = await query<{ unit_id: number; code: string; kind: string }>(
    database.db,
    sql`SELECT q.unit_id, u.code, q.kind FROM (SELECT DISTINCT unit_id, kind FROM quota_ledger) q
      JOIN units u ON u.id = q.unit_id ORDER BY random() LIMIT ${checks}`,
  );
  const [seats] = await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM seats`);
  const category = (kind: string) =>
    kind === 'logistics'
      ? 'logistics_worker'
      : kind === 'institutional' || kind === 'school_staff'
        ? 'institution_staff'
        : 'civil_servant';
  const times: number[] = [];
  let refused = 0;
  // The first checks on each pooled connection prepare its statements (preparedQuery): a server that
  // has run for a minute has them; they are run first and not counted.
  const warmup = 50;
  for (let i = -warmup; i < checks; i++) {
    const target = targets[(i + warmup) % targets.length]!;
    const n = i + warmup;
    const birth = `19${80 + (n % 20)}${String((n % 12) + 1).padStart(2, '0')}15`;
    const first17 = `110101${birth}${String((n % 500) * 2 + 1).padStart(3, '0')}`;
    const start = performance.now();
    await database.db
      .transaction(async (tx) => {
        const warnings = await precheckSeat(tx, idCipher, {
          unitId: target.unit_id,
          unitCode: target.code,
          quotaKind: target.kind,
          approvalId: 0,
          idNumber: first17 + idCheckChar(first17),
          name: '基准测试',
          category: category(target.kind),
          enteredOn: '2026-06-30',
        });
        if (warnings.length > 0 && i >= 0) refused++;
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    if (i >= 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Number(times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2));
  const figures = {
    checks,
    warmup,
    seats: seats?.n ?? 0,
    refused,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: at(1),
  };
  process.stderr.write(`  pre-check of a hire: ${JSON.stringify(figures)}\n`);
  return figures;
}

class Rollback extends Error {}

mkdirSync(BENCH, { recursive: true });
if (!values.only || values.only === 'page') await firstPageLoad(Number(values['page-loads']));
if (!values.only || values.only === 'province') await province(Number(values.scale));
if (!values.only || values.only === 'city') await city(Number(values['city-scale']));
if (values.only === 'scan') {
  // Issue 4: every warning rule over the province a previous run imported (PostgreSQL) and over the
  // city (PGlite), beside a raw single pass over the same tables in the same run.
  const url = new URL(PG_URL);
  url.pathname = '/bianzhi_bench';
  results.scanPostgres = await scanBeside(await openDatabase(url.toString()), 'province on PostgreSQL');
  results.scanPglite = await scanBeside(await openDatabase(join(BENCH, 'pglite-city')), 'city on PGlite');
}
if (values.only === 'precheck') {
  // Issue 5: the check before a hire (lock, reserved approvals, the five rules' single-subject
  // checks), as 入编 runs it, N times on the province in PostgreSQL, each in a rolled-back transaction.
  const url = new URL(PG_URL);
  url.pathname = '/bianzhi_bench';
  let database = await openDatabase(url.toString()).catch(() => null);
  const seated = database
    ? await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM seats`).catch(() => [
        { n: 0 },
      ])
    : [{ n: 0 }];
  if (!database || (seated[0]?.n ?? 0) === 0) {
    await database?.close();
    const folder = await dataset(Number(values.scale));
    database = await openDatabase(await recreate('bianzhi_bench'));
    await timed(`import scale ${values.scale} into PostgreSQL`, () => importInto(database!, folder));
  }
  results.precheck = await precheckTimes(database, Number(values.checks));
  await database.close();
}
if (values.only === 'roster') {
  // The roster pages again, on the province a previous run imported (database bianzhi_bench).
  const url = new URL(PG_URL);
  url.pathname = '/bianzhi_bench';
  const database = await openDatabase(url.toString());
  const folder = join(BENCH, `scale-${Number(values.scale)}`);
  const codes = readFileSync(join(folder, 'regions.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]!);
  results.roster = await rosterPages(
    database,
    codes[0]!,
    codes.find((code) => /^\d{4}(?!00)\d{2}$/.test(code))!,
  );
  await database.close();
}
results.finishedAt = new Date().toISOString();
writeFileSync(join(BENCH, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
