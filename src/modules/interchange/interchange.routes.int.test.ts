import { formOf, type Upload } from '../../../test/support/multipart.ts';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBuffer } from 'yauzl';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs, type TestUser } from '../../../test/support/auth.ts';
import { csv } from '../../../test/support/dataset.ts';
import { ID, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import type { Database } from '../../db/database.ts';
import { MEDIA_TYPES } from '../../shared/http.ts';
import { createJobRegistry, type JobRegistry } from '../jobs/jobs.registry.ts';
import { FILES } from './dataset.spec.ts';

const COUNTY = '320902';
const clock = () => new Date('2026-06-30T04:00:00Z');
const UPLOAD_LIMIT = 1 << 20;

let database: Database;
let jobs: JobRegistry;
let app: App;
let clerk: TestUser;
let auth: AuthHeaders;
const workDirs: string[] = [];
const newWorkDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'bianzhi-api-'));
  workDirs.push(dir);
  return dir;
};

/** An app of its own on the shared database: its registry to await, its folder to look into. */
function appWith(workDir: string) {
  const registry = createJobRegistry({ clock });
  const built = buildApp({
    ...appOptionsFor(database, clock),
    jobs: registry,
    workDir,
    uploadLimit: UPLOAD_LIMIT,
  });
  return { app: built, jobs: registry };
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, jobs } = appWith(newWorkDir()));
  await app.ready();
  clerk = await createUser(database, { roles: ['clerk'], regionCode: COUNTY });
  auth = await loginAs(app, clerk);
});
afterAll(async () => {
  await app.close();
  await database.close();
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
});

const csvFiles = (dataset: Record<string, string>): Upload[] =>
  Object.entries(dataset).map(([name, content]) => ({ name: `${name}.csv`, content }));

async function upload(files: Upload[], query = '', target: App = app) {
  const form = await formOf(files);
  return target.inject({
    method: 'POST',
    url: `/api/imports${query}`,
    headers: { ...auth, ...form.headers },
    payload: form.payload,
  });
}

const get = (url: string, headers: Record<string, string> = auth) =>
  app.inject({ method: 'GET', url, headers });

/** Uploads, awaits the job through the registry (no polling), and returns it as the API shows it. */
async function imported(files: Upload[], query = '', target = { app, jobs }) {
  const response = await upload(files, query, target.app);
  expect(response.statusCode, response.body).toBe(202);
  const { jobId } = response.json();
  await target.jobs.wait(jobId);
  const job = await target.app.inject({ method: 'GET', url: `/api/imports/${jobId}`, headers: auth });
  expect(job.statusCode).toBe(200);
  return job.json();
}

const badUnits = () =>
  csvFiles({
    units: csv(
      'code,name,region_code,kind',
      'QSBAD1,新设的中心,320902,public_institution',
      'QSBAD2,不明机构,320902,nonsense',
    ),
  });

describe('importing through the API', () => {
  it('imports CSV files in a background job that reports its progress, and the data is there', async () => {
    const job = await imported(csvFiles(sampleDataset()));
    expect(job).toMatchObject({
      kind: 'import',
      actor: clerk.username,
      status: 'succeeded',
      progress: { phase: 'done', percent: 100, rows: 22 },
      submittedAt: '2026-06-30T04:00:00.000Z',
      finishedAt: '2026-06-30T04:00:00.000Z',
      result: { ok: true, dryRun: false, errorCount: 0, errors: [], truncated: false },
    });
    expect(job.result.counts.units).toEqual({ rows: 4, added: 4, updated: 0 });
    expect(job.result.counts.persons).toEqual({ rows: 5, added: 5, updated: 0 });
    expect(job.result.auditSeq).toBeGreaterThan(0);
    const unit = await get('/api/units/QS001');
    expect(unit.json().current.name).toBe('中共青山县委组织部');
    const seats = (await get('/api/units/QS001/seats')).json();
    expect(seats.items.map((s: { person: { name: string } }) => s.person.name).sort()).toEqual([
      '张伟',
      '李娜',
    ]);
  });

  it('rejects a bad dataset writing nothing, and offers the report as a marked copy of the upload', async () => {
    const job = await imported(badUnits());
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ ok: false, auditSeq: null, errorCount: 1 });
    expect(job.result.errors).toEqual([
      { file: 'units.csv', row: 3, column: 'kind', value: 'nonsense', reason: expect.any(String) },
    ]);
    expect((await get('/api/units/QSBAD1')).statusCode).toBe(404);

    for (let fetch = 0; fetch < 2; fetch++) {
      const report = await get(`/api/imports/${job.id}/report?format=xlsx`);
      expect(report.statusCode).toBe(200);
      expect(report.headers['content-type']).toContain('spreadsheetml');
      expect(report.headers['content-disposition']).toBe(
        `attachment; filename="import-errors.xlsx"; filename*=UTF-8''${encodeURIComponent('导入错误报告.xlsx')}`,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(report.rawPayload as unknown as ExcelJS.Buffer);
      expect(workbook.getWorksheet('错误汇总')!.getRow(2).getCell(1).value).toBe('units.csv');
      const bad = workbook.getWorksheet('units')!.getCell('D3');
      expect(bad.value).toBe('nonsense');
      expect(bad.note).toBeTruthy();
    }
    const json = await get(`/api/imports/${job.id}/report?format=json`);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json()).toMatchObject({ count: 1, errors: [{ row: 3, column: 'kind' }] });
  });

  it('does the whole work on a dry run and keeps none of it', async () => {
    const units = csv('code,name,region_code,kind', 'QSDRY1,试运行中心,320902,public_institution');
    const job = await imported(csvFiles({ units }), '?dryRun=true');
    expect(job.result).toMatchObject({ ok: true, dryRun: true, auditSeq: null });
    expect(job.result.counts.units).toEqual({ rows: 1, added: 1, updated: 0 });
    expect((await get('/api/units/QSDRY1')).statusCode).toBe(404);
  });

  it('keeps uploads only as long as a rejected import needs them for its report', async () => {
    const workDir = newWorkDir();
    const own = appWith(workDir);
    const files = () => readdirSync(workDir, { recursive: true }).map(String).sort();
    await imported(csvFiles(sampleDataset()), '', own);
    expect(files()).toEqual([]);
    const rejected = await imported(badUnits(), '', own);
    expect(files().filter((f) => f.endsWith('units.csv'))).toHaveLength(1);
    const report = await own.app.inject({
      method: 'GET',
      url: `/api/imports/${rejected.id}/report`,
      headers: auth,
    });
    expect(report.statusCode).toBe(200);
    expect(files().filter((f) => f.endsWith('.csv'))).toEqual([]);
    expect(files().filter((f) => f.endsWith('report.xlsx'))).toHaveLength(1);
    await own.app.close();
    expect(files()).toEqual([]);
  });
});

describe('job states', () => {
  it('shows a running job, refuses its report until it ends, and survives a job that breaks', async () => {
    let finish!: (result: unknown) => void;
    const running = jobs.start('import', 'test', () => new Promise((resolve) => (finish = resolve)), {
      regionCode: COUNTY,
    });
    expect((await get(`/api/imports/${running}`)).json()).toMatchObject({ status: 'running' });
    const early = await get(`/api/imports/${running}/report`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('interchange.job_not_finished');
    finish({ ok: true, dryRun: false, errors: [], truncated: false, counts: {}, auditSeq: 7 });
    await jobs.wait(running);
    const done = await get(`/api/imports/${running}/report`);
    expect(done.statusCode).toBe(409);
    expect(done.json().code).toBe('interchange.no_error_report');

    const broken = jobs.start(
      'import',
      'test',
      async () => {
        throw new Error('disk on fire');
      },
      { regionCode: COUNTY },
    );
    await jobs.wait(broken);
    expect((await get(`/api/imports/${broken}`)).json()).toMatchObject({
      status: 'failed',
      error: { code: 'internal', message: expect.stringContaining('服务器内部错误') },
    });
    expect((await get('/api/health', {})).statusCode).toBe(200);
  });

  it('answers 404 for a job it does not know', async () => {
    for (const url of ['/api/imports/no-such-job', '/api/imports/no-such-job/report']) {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('interchange.job_not_found');
    }
  });
});

describe('exporting through the API', () => {
  it('downloads a workbook with a sheet per file and the ID numbers in full', async () => {
    await imported(csvFiles(sampleDataset()));
    const response = await get('/api/export?format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(MEDIA_TYPES.xlsx);
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('编制数据_全部历史.xlsx')}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(FILES.map((file) => file.name));
    const persons = workbook.getWorksheet('persons')!;
    expect(persons.getColumn(1).values).toContain(ID.zhang);
  });

  it('imports its own workbook export back unchanged', async () => {
    await imported(csvFiles(sampleDataset()));
    const response = await get('/api/export?format=xlsx');
    const job = await imported([{ name: '青山县导出.xlsx', content: new Uint8Array(response.rawPayload) }]);
    expect(job.result.errors).toEqual([]);
    expect(job.result.counts.persons).toEqual({ rows: 5, added: 0, updated: 0 });
    for (const counts of Object.values(job.result.counts))
      expect(counts).toMatchObject({ added: 0, updated: 0 });
  });

  it('downloads the CSV folder as a zip that imports back unchanged', async () => {
    await imported(csvFiles(sampleDataset()));
    const response = await get('/api/export?format=zip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(MEDIA_TYPES.zip);
    const entries = await unzip(response.rawPayload);
    expect(Object.keys(entries).sort()).toEqual(FILES.map((file) => `${file.name}.csv`).sort());
    const job = await imported(Object.entries(entries).map(([name, content]) => ({ name, content })));
    expect(job.result.errors).toEqual([]);
    expect(job.result.counts.persons).toEqual({ rows: 5, added: 0, updated: 0 });
    for (const counts of Object.values(job.result.counts))
      expect(counts).toMatchObject({ added: 0, updated: 0 });
  });

  it('exports the state on a date with Chinese headers', async () => {
    const response = await get('/api/export?format=zip&asOf=2026-06-30&labels=zh');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('filename="bianzhi-2026-06-30.zip"');
    const persons = (await unzip(response.rawPayload))['persons.csv']!.replace(/^\uFEFF/, '');
    expect(persons.split('\r\n')[0]).toContain('公民身份号码');
    expect(persons).toContain(ID.zhang);
  });
});

describe('bad requests', () => {
  it('refuses every interchange route without a session, and to a role that may only read', async () => {
    const form = await formOf(csvFiles(sampleDataset()));
    const post = await app.inject({ method: 'POST', url: '/api/imports', ...form });
    expect(post.statusCode).toBe(401);
    for (const url of ['/api/imports/x', '/api/imports/x/report', '/api/export'])
      expect((await get(url, {})).statusCode).toBe(401);
    const leader = await loginAs(app, await createUser(database, { roles: ['leader'], regionCode: COUNTY }));
    const refused = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...leader, ...form.headers },
      payload: form.payload,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('auth.forbidden');
    for (const url of ['/api/imports/x', '/api/export'])
      expect((await get(url, leader)).json().code).toBe('auth.forbidden');
  });

  it('answers 400 with a clear message for a body that is not a dataset upload', async () => {
    const post = (headers: Record<string, string>, payload?: string | Buffer) =>
      app.inject({ method: 'POST', url: '/api/imports', headers: { ...auth, ...headers }, payload });
    const cases: [Promise<{ statusCode: number; json(): { code: string } }>, string][] = [
      [post({}), 'interchange.upload_not_multipart'],
      [post({ 'content-type': 'application/json' }, '{"files":[]}'), 'interchange.upload_not_multipart'],
      [post({ 'content-type': 'application/octet-stream' }, 'PK…'), 'interchange.upload_not_multipart'],
      [
        post({ 'content-type': 'multipart/form-data; boundary=x' }, 'garbage'),
        'interchange.upload_malformed',
      ],
      [post({ 'content-type': 'multipart/form-data' }, 'no boundary'), 'interchange.upload_malformed'],
      [upload([{ name: 'staff.csv', content: 'a,b' }]), 'interchange.upload_unknown_file'],
      [upload([{ name: 'notes.txt', content: 'hello' }]), 'interchange.upload_file_type'],
      [upload([{ name: '', content: 'a,b' }]), 'interchange.upload_file_type'],
      [
        upload([
          { name: 'units.csv', content: 'code' },
          { name: 'a.xlsx', content: 'x' },
        ]),
        'interchange.upload_mixed',
      ],
      [
        upload([
          { name: 'units.csv', content: 'code' },
          { name: 'UNITS.CSV', content: 'code' },
        ]),
        'interchange.upload_unknown_file',
      ],
      [
        upload([
          { name: 'units.csv', content: 'code' },
          { name: 'units.CSV', content: 'code' },
        ]),
        'interchange.upload_duplicate_file',
      ],
      [upload([]), 'interchange.upload_empty'],
      [upload([{ name: 'units.csv', content: 'code' }], '?dryRun=maybe'), 'request.invalid'],
      [upload([{ name: 'units.csv', content: 'code' }], '?effectiveOn=2026-02-30'), 'request.invalid'],
    ];
    for (const [pending, code] of cases) {
      const response = await pending;
      expect(response.statusCode, code).toBe(400);
      expect(response.json()).toMatchObject({ code, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    }
    const field = await formOf([{ name: 'units.csv', content: 'code' }], 'dataset');
    const wrongField = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...auth, ...field.headers },
      payload: field.payload,
    });
    expect(wrongField.json().code).toBe('interchange.upload_field');
  });

  it('answers 413 for an upload past the size limit', async () => {
    const response = await upload([
      { name: 'regions.csv', content: 'code,name\n' },
      { name: 'units.csv', content: Buffer.alloc(UPLOAD_LIMIT, 'a') },
    ]);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      code: 'interchange.upload_too_large',
      message: expect.stringContaining('1 MB'),
    });
  });

  it('refuses an export format or date it does not know', async () => {
    for (const query of ['format=pdf', 'asOf=2026-13-01', 'labels=en'])
      expect((await get(`/api/export?${query}`)).statusCode).toBe(400);
    expect((await get('/api/imports/x/report?format=csv')).statusCode).toBe(400);
  });
});

describe('the OpenAPI document', () => {
  it('describes the upload as a multipart form and the downloads as files', async () => {
    const { paths } = (await get('/api/docs/json', {})).json();
    const post = paths['/api/imports'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(post.requestBody.content['multipart/form-data'].schema.properties.files.items).toEqual({
      type: 'string',
      format: 'binary',
    });
    expect(post.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['dryRun', 'effectiveOn']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '413']));
    expect(
      paths['/api/imports/{jobId}'].get.responses['200'].content['application/json'].schema.properties,
    ).toHaveProperty('progress');
    const report = paths['/api/imports/{jobId}/report'].get.responses['200'].content;
    expect(report['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema).toMatchObject({
      type: 'string',
      format: 'binary',
    });
    expect(Object.keys(paths['/api/export'].get.responses['200'].content)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/zip',
    ]);
  });
});

/** The files of a zip, as text. */
function unzip(buffer: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files: Record<string, string> = {};
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, async (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          files[entry.fileName] = Buffer.concat(chunks).toString('utf8');
          zip.readEntry();
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
