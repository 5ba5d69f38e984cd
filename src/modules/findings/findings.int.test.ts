import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../../../test/support/auth.ts';
import { memoryDataset } from '../../../test/support/dataset.ts';
import { buildRegion, buildUnit } from '../../../test/support/factories.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { formOf } from '../../../test/support/multipart.ts';
import { sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { createJobRegistry, type JobRegistry } from '../jobs/jobs.registry.ts';

let today = '2026-06-30';
const clock = () => new Date(`${today}T04:00:00Z`);

let database: Database;
let app: App;
let jobs: JobRegistry;
let registrar: AuthHeaders;
let verifier: AuthHeaders;
let liaison: AuthHeaders;
let liaisonId: number;
let otherLiaison: AuthHeaders;
let stranger: AuthHeaders;
let reader: AuthHeaders;

beforeAll(async () => {
  database = await createTestDatabase();
  const importer = importerFor(database, clock);
  const imported = await importer.run(memoryDataset(sampleDataset()));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
  jobs = createJobRegistry({ clock });
  // The clock moves on by months: sessions must outlive it.
  app = buildApp({
    ...appOptionsFor(database, clock),
    jobs,
    sessions: { idleMinutes: 1e6, lifetimeHours: 1e5 },
  });
  await app.ready();
  registrar = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: '320902' }));
  verifier = await loginAs(app, await createUser(database, { roles: ['admin'], regionCode: '320902' }));
  const liaisonUser = await createUser(database, {
    roles: ['unit_liaison'],
    regionCode: '320902',
    unitCode: 'QS001',
  });
  liaisonId = liaisonUser.id;
  liaison = await loginAs(app, liaisonUser);
  otherLiaison = await loginAs(
    app,
    await createUser(database, { roles: ['unit_liaison'], regionCode: '320902', unitCode: 'QS002' }),
  );
  reader = await loginAs(app, await createUser(database, { roles: ['leader'], regionCode: '320902' }));
  const neighbour = await buildRegion(database.db, { name: '邻县' });
  stranger = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: neighbour.code }));
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, headers: AuthHeaders) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: AuthHeaders, payload: object) =>
  app.inject({ method: 'POST', url, headers, payload });

async function scan(headers: AuthHeaders) {
  const started = await post('/api/scans', headers, {});
  expect(started.statusCode, started.body).toBe(202);
  await jobs.wait(started.json().jobId);
  return (await get(`/api/scans/${started.json().jobId}`, headers)).json().result;
}

async function warningOf(rule: string, unitCode: string) {
  const list = (await get(`/api/warnings?rule=${rule}&unit=${unitCode}&status=open`, registrar)).json();
  expect(list.total, `${rule} ${unitCode}`).toBe(1);
  return list.items[0] as { id: number; message: string; severity: string };
}

async function upload(id: number, headers: AuthHeaders, files: { name: string; content: string }[]) {
  const form = await formOf(files);
  return app.inject({
    method: 'POST',
    url: `/api/findings/${id}/evidence`,
    headers: { ...headers, ...form.headers },
    payload: form.payload,
  });
}

describe('a finding from a warning to its closure', () => {
  let findingId: number;
  let warningId: number;

  it('registers a warning as a finding with a number, a deadline by severity and the unit liaison responsible', async () => {
    expect(await scan(registrar)).toMatchObject({ reopenedFindings: 0 });
    const warning = await warningOf('STALE_CHARTER', 'QS001');
    warningId = warning.id;
    const response = await post('/api/findings', registrar, { source: 'warning', warningId });
    expect(response.statusCode, response.body).toBe(201);
    const finding = response.json();
    findingId = finding.id;
    expect(finding).toMatchObject({
      number: 'WT2026-0001',
      unitCode: 'QS001',
      rule: 'STALE_CHARTER',
      category: '三定规定调整滞后',
      severity: '风险',
      description: warning.message,
      state: 'registered',
      registeredOn: '2026-06-30',
      deadline: '2026-08-29',
      overdue: false,
      responsibleUserId: liaisonId,
    });
    const again = await post('/api/findings', verifier, { source: 'warning', warningId });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'findings.warning_taken' });
    expect(again.json().message).toContain('WT2026-0001');
  });

  it('keeps findings out of sight of other regions and other units', async () => {
    expect((await get(`/api/findings/${findingId}`, stranger)).statusCode).toBe(404);
    expect((await get('/api/findings', stranger)).json().total).toBe(0);
    expect((await get(`/api/findings/${findingId}`, otherLiaison)).statusCode).toBe(404);
    const taken = await post(`/api/findings/${findingId}/rectification`, otherLiaison, { measures: '无' });
    expect(taken.statusCode).toBe(404);
    expect((await get(`/api/findings/${findingId}`, reader)).statusCode).toBe(200);
    const readerWrite = await post(`/api/findings/${findingId}/rectification`, reader, { measures: 'x' });
    expect(readerWrite.statusCode).toBe(403);
    const liaisonRegister = await post('/api/findings', liaison, { source: 'warning', warningId });
    expect(liaisonRegister.statusCode).toBe(403);
  });

  it('takes evidence files from the liaison, each version kept whole with its SM3 digest', async () => {
    const first = await upload(findingId, liaison, [{ name: '整改报告.pdf', content: '第一稿' }]);
    expect(first.statusCode, first.body).toBe(201);
    const second = await upload(findingId, liaison, [
      { name: '整改报告.pdf', content: '第二稿' },
      { name: '调出文件.jpg', content: 'JPEG' },
    ]);
    expect(second.statusCode, second.body).toBe(201);
    const evidence = second.json() as { id: number; fileName: string; version: number; sm3: string }[];
    expect(evidence.map((e) => `${e.fileName} v${e.version}`).sort()).toEqual(
      ['整改报告.pdf v1', '整改报告.pdf v2', '调出文件.jpg v1'].sort(),
    );
    const v2 = evidence.find((e) => e.fileName === '整改报告.pdf' && e.version === 2)!;
    expect(v2.sm3).toBe(createHash('sm3').update('第二稿').digest('hex'));
    const download = await get(`/api/findings/${findingId}/evidence/${v2.id}`, reader);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('第二稿');
    expect(download.headers['x-content-sm3']).toBe(v2.sm3);
    const none = await upload(findingId, liaison, []);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'findings.invalid', message: '请选择要上传的佐证材料' });
    const page = await upload(findingId, liaison, [
      { name: 'a<b>.html', content: '<script>alert(1)</script>' },
    ]);
    const html = (page.json() as { id: number; fileName: string; mediaType: string }[]).find(
      (e) => e.fileName === 'a<b>.html',
    )!;
    expect(html.mediaType).toBe('application/octet-stream');
    const served = await get(`/api/findings/${findingId}/evidence/${html.id}`, liaison);
    expect(served.headers['content-type']).toBe('application/octet-stream');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-disposition']).toMatch(/^attachment;/);
    expect((await get(`/api/findings/${findingId}/evidence/${html.id}`, otherLiaison)).statusCode).toBe(404);
  });

  it('moves to rectification and then verification when the liaison submits measures', async () => {
    const empty = await post(`/api/findings/${findingId}/rectification`, liaison, { measures: '  ' });
    expect(empty.statusCode).toBe(400);
    const early = await post(`/api/findings/${findingId}/verification`, verifier, { passed: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('挂号建账');
    const submitted = await post(`/api/findings/${findingId}/rectification`, liaison, {
      measures: '调出 2 名至县委办',
      submit: true,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'verifying', measures: '调出 2 名至县委办' });
    const reminders = (await get('/api/findings/reminders', verifier)).json();
    expect(reminders).toContainEqual(expect.objectContaining({ kind: 'to_verify', findingId }));
    expect((await get('/api/findings/reminders', registrar)).json()).not.toContainEqual(
      expect.objectContaining({ kind: 'to_verify', findingId }),
    );
  });

  it('refuses verification by the person who registered it', async () => {
    const same = await post(`/api/findings/${findingId}/verification`, registrar, { passed: true });
    expect(same.statusCode).toBe(403);
    expect(same.json()).toMatchObject({ code: 'findings.same_verifier' });
    expect((await get(`/api/findings/${findingId}`, reader)).json().state).toBe('verifying');
  });

  it('sends it back with reasons, and the liaison is reminded', async () => {
    const noReason = await post(`/api/findings/${findingId}/verification`, verifier, { passed: false });
    expect(noReason.statusCode).toBe(400);
    const back = await post(`/api/findings/${findingId}/verification`, verifier, {
      passed: false,
      note: '缺少调出文件',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().state).toBe('rectifying');
    expect((await get('/api/findings/reminders', liaison)).json()).toContainEqual(
      expect.objectContaining({ kind: 'returned', findingId }),
    );
  });

  it('closes on a passed verification by another person, every step on record', async () => {
    await post(`/api/findings/${findingId}/rectification`, liaison, {
      measures: '已补调出文件',
      submit: true,
    });
    const closed = await post(`/api/findings/${findingId}/verification`, verifier, {
      passed: true,
      note: '',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', closedOn: '2026-06-30' });
    const detail = (await get(`/api/findings/${findingId}`, reader)).json();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'register',
      'rectify',
      'submit',
      'return',
      'rectify',
      'submit',
      'verify',
    ]);
    expect(detail.events[3].note).toBe('缺少调出文件');
    const audited = await query<{ action: string }>(
      database.db,
      sql`SELECT action FROM audit_log WHERE entity = 'findings' AND entity_key = 'WT2026-0001' ORDER BY seq`,
    );
    expect(audited.map((a) => a.action)).toEqual([
      'finding.register',
      'finding.evidence',
      'finding.evidence',
      'finding.evidence',
      'finding.rectify',
      'finding.submit',
      'finding.return',
      'finding.rectify',
      'finding.submit',
      'finding.verify',
    ]);
    const reclose = await post(`/api/findings/${findingId}/verification`, verifier, { passed: true });
    expect(reclose.statusCode).toBe(409);
  });

  it('reopens the closed finding when the next scan finds its warning again', async () => {
    today = '2026-07-01';
    expect(await scan(verifier)).toMatchObject({ reopenedFindings: 1 });
    const detail = (await get(`/api/findings/${findingId}`, reader)).json();
    // A fresh deadline from the day it reopened (风险: 60 days), so it is not overdue at once.
    expect(detail).toMatchObject({
      state: 'rectifying',
      closedOn: null,
      deadline: '2026-08-30',
      overdue: false,
    });
    expect(detail.events.at(-1)).toMatchObject({ action: 'reopen', actor: 'system' });
    expect(await scan(verifier)).toMatchObject({ reopenedFindings: 0 });
    expect((await get('/api/findings/reminders', liaison)).json()).toContainEqual(
      expect.objectContaining({ kind: 'reopened', findingId }),
    );
  });
});

describe('refusals', () => {
  it('refuses a liaison the 编办 steps, large ids, NUL characters and a responsible person who cannot see it', async () => {
    const [first] = (await get('/api/findings', registrar)).json().items as { id: number }[];
    for (const path of ['verification', 'deferral', 'reopening']) {
      const refused = await post(`/api/findings/${first!.id}/${path}`, liaison, {
        passed: true,
        reason: 'x',
        until: '2027-01-01',
      });
      expect(refused.statusCode, path).toBe(403);
    }
    const large = await get('/api/findings/3000000000', reader);
    expect(large.statusCode).toBe(400);
    expect(large.json().code).toBe('request.invalid');
    const nul = await post('/api/findings', registrar, {
      source: 'manual',
      unitCode: 'QS001',
      category: '其他',
      severity: '提示',
      description: 'a\u0000b',
    });
    expect(nul.statusCode).toBe(400);
    const outsider = await createUser(database, {
      roles: ['clerk'],
      regionCode: (await buildRegion(database.db)).code,
    });
    const elsewhere = await post('/api/findings', registrar, {
      source: 'manual',
      unitCode: 'QS001',
      category: '其他',
      severity: '提示',
      description: '责任人在外地',
      responsibleUserId: outsider.id,
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().message).toContain('看不到该问题');
    expect((await get('/api/findings?source=manual', registrar)).json().total).toBe(0);
  });
});

describe('other sources, deferral, overdue, notices and counts', () => {
  let patrolId: number;

  it('registers a finding from a 巡察 lead by hand, and says what is missing', async () => {
    const missing = await post('/api/findings', registrar, { source: 'patrol', unitCode: 'QS001' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('问题类别');
    const unknown = await post('/api/findings', registrar, {
      source: 'patrol',
      unitCode: 'NOPE',
      category: '违规借调',
      severity: '风险',
      description: 'x',
    });
    expect(unknown.statusCode).toBe(404);
    const response = await post('/api/findings', registrar, {
      source: 'patrol',
      sourceRef: '县委巡察办〔2026〕3号',
      unitCode: 'QS001',
      category: '违规借调',
      severity: '风险',
      description: '长期借调下级单位人员 2 名',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      number: 'WT2026-0002',
      source: 'patrol',
      rule: null,
      registeredOn: '2026-07-01',
      deadline: '2026-08-30',
      state: 'registered',
    });
    patrolId = response.json().id;
  });

  it('defers with a reason and a date, and resumes', async () => {
    const noDate = await post(`/api/findings/${patrolId}/deferral`, registrar, {
      reason: '机构改革中',
      until: '2026-06-01',
    });
    expect(noDate.statusCode).toBe(400);
    const deferred = await post(`/api/findings/${patrolId}/deferral`, registrar, {
      reason: '机构改革中，待三定出台',
      until: '2026-09-30',
    });
    expect(deferred.json()).toMatchObject({ state: 'deferred', deferredUntil: '2026-09-30' });
    expect(
      (await post(`/api/findings/${patrolId}/rectification`, liaison, { measures: 'x' })).statusCode,
    ).toBe(409);
    const resumed = await post(`/api/findings/${patrolId}/resumption`, registrar, { deadline: '2026-10-31' });
    expect(resumed.json()).toMatchObject({
      state: 'rectifying',
      deadline: '2026-10-31',
      deferredUntil: null,
    });
  });

  it('issues a numbered rectification notice whose Word document names the findings', async () => {
    const foreign = await post('/api/finding-notices', registrar, {
      unitCode: 'QS002',
      findingIds: [patrolId],
    });
    expect(foreign.statusCode).toBe(400);
    const issued = await post('/api/finding-notices', registrar, {
      unitCode: 'QS001',
      findingIds: [patrolId],
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const notice = issued.json();
    expect(notice.documentNo).toBe('青山编办整改〔2026〕1号');
    expect(notice.findings.map((f: { number: string }) => f.number)).toEqual(['WT2026-0002']);
    const second = await post('/api/finding-notices', registrar, {
      unitCode: 'QS001',
      findingIds: [patrolId],
    });
    expect(second.json().documentNo).toBe('青山编办整改〔2026〕2号');

    const docx = await get(`/api/finding-notices/${notice.id}/docx`, liaison);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const { value: text, messages } = await mammoth.extractRawText({ buffer: docx.rawPayload });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(text).toContain('整改通知书');
    expect(text).toContain('青山编办整改〔2026〕1号');
    expect(text).toContain('WT2026-0002');
    expect(text).toContain('长期借调下级单位人员 2 名');
    expect(text).toContain('2026年10月31日');
    const html = (await mammoth.convertToHtml({ buffer: docx.rawPayload })).value;
    expect(html).toContain('<table>');
    expect((await get(`/api/finding-notices/${notice.id}/docx`, stranger)).statusCode).toBe(404);

    // Another region whose name shortens to the same 青山: its own numbers, no clash.
    const district = await buildRegion(database.db, { name: '青山区' });
    await buildUnit(database.db, { regionCode: district.code, code: 'QSQ01' });
    const districtClerk = await loginAs(
      app,
      await createUser(database, { roles: ['clerk'], regionCode: district.code }),
    );
    const local = await post('/api/findings', districtClerk, {
      source: 'inspection',
      unitCode: 'QSQ01',
      category: '违规设置机构',
      severity: '违规',
      description: '擅自设立内设机构',
    });
    expect(local.statusCode, local.body).toBe(201);
    expect(local.json().number).toBe('WT2026-0001');
    const theirs = await post('/api/finding-notices', districtClerk, {
      unitCode: 'QSQ01',
      findingIds: [local.json().id],
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.json()).toMatchObject({ documentNo: '青山编办整改〔2026〕1号', regionName: '青山区' });
    expect((await get('/api/finding-notices', registrar)).json()).toHaveLength(2);
    expect((await get(`/api/finding-notices/${notice.id}/docx`, otherLiaison)).statusCode).toBe(404);
  });

  it('flags overdue findings and reminds the liaison; counts by state, unit and month', async () => {
    today = '2026-11-05';
    const overdue = (await get('/api/findings?overdue=true', registrar)).json();
    expect(overdue.items.map((f: { number: string }) => f.number)).toEqual(['WT2026-0001', 'WT2026-0002']);
    expect(overdue.items.every((f: { overdue: boolean }) => f.overdue)).toBe(true);
    expect(
      (await get('/api/findings/reminders', liaison)).json().map((r: { kind: string }) => r.kind),
    ).toEqual(['reopened', 'overdue']);
    const summary = (await get('/api/findings/summary', reader)).json();
    expect(summary).toMatchObject({
      total: 2,
      overdue: 2,
      byState: [{ state: 'rectifying', count: 2 }],
      byUnit: [{ unitCode: 'QS001', open: 2, closed: 0 }],
      byMonth: [
        { month: '2026-06', registered: 1, closed: 0 },
        { month: '2026-07', registered: 1, closed: 0 },
      ],
    });
    expect((await get('/api/findings/summary', stranger)).json()).toMatchObject({ total: 0, byUnit: [] });
  });

  it('exports the ledger to Excel with the filters of the list, overdue rows in red', async () => {
    const response = await get('/api/findings/export?source=patrol', reader);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('问题台账')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]![1]).toContain('共 1 条');
    expect(rows[1]!.slice(1, 4)).toEqual(['台账编号', '单位代码', '单位名称']);
    expect(rows[2]!.slice(1, 2)).toEqual(['WT2026-0002']);
    expect(rows[2]).toContain('巡察线索');
    expect(rows[2]).toContain('逾期');
    expect(sheet.getRow(3).font?.color?.argb).toBe('FFCF1322');
    expect(rows).toHaveLength(3);
    const none = await get('/api/findings/export', stranger);
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load(none.rawPayload as unknown as ArrayBuffer);
    expect(empty.getWorksheet('问题台账')!.rowCount).toBe(2);
  });
});
