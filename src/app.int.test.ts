import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../test/support/auth.ts';
import {
  addCharter,
  addPost,
  addQuota,
  addUnitVersion,
  buildPerson,
  buildRegion,
  buildSeat,
  buildUnit,
  type PersonRow,
} from '../test/support/factories.ts';
import { createTestDatabase } from '../test/support/test-db.ts';
import { type App, buildApp } from './app.ts';
import type { Database } from './db/database.ts';
import { quotaFigures } from './modules/establishment/establishment.repository.ts';

// 2024-06-30 in China (UTC+8): the clock says late evening of the 29th in UTC.
const clock = () => new Date('2024-06-29T20:00:00Z');

let database: Database;
let app: App;
let county: { code: string };
let town: { code: string };
let holder: PersonRow;
let auth: AuthHeaders;
let readerAuth: AuthHeaders;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  county = await buildRegion(db, { name: '青山县' });
  town = await buildRegion(db, { name: '青山镇', parentCode: county.code });
  const bureau = await buildUnit(db, { regionCode: county.code, code: 'APIRSJ', name: '县人事局' });
  await addUnitVersion(db, bureau, { validFrom: '2023-03-01', name: '县人力资源和社会保障局' });
  await buildUnit(db, {
    regionCode: county.code,
    code: 'APIBGS',
    kind: 'internal_division',
    parentId: bureau.id,
  });
  await addQuota(db, bureau, { kind: 'administrative', amount: 3, effectiveOn: '2020-01-01' });
  await addQuota(db, bureau, { kind: 'administrative', amount: 1, effectiveOn: '2024-07-01' });
  await addPost(db, bureau, { level: 'head', amount: 1, effectiveOn: '2020-01-01' });
  await addCharter(db, bureau, { issuedOn: '2023-06-01' });
  holder = await buildPerson(db, { regionCode: county.code, name: '李四' });
  await buildSeat(db, { unit: bureau, personId: holder.id, post: { level: 'head' } });
  for (let i = 0; i < 4; i++) await buildSeat(db, { unit: bureau, enteredOn: '2021-01-01' });
  const townOffice = await buildUnit(db, { regionCode: town.code, code: 'APIZBGS', kind: 'township' });
  await addQuota(db, townOffice, { kind: 'administrative', amount: 2, effectiveOn: '2020-01-01' });
  app = buildApp(appOptionsFor(database, clock));
  await app.ready();
  auth = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: county.code }));
  readerAuth = await loginAs(
    app,
    await createUser(database, { roles: ['dept_reader'], department: 'audit', regionCode: county.code }),
  );
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (url: string, headers: Record<string, string> = auth) =>
  app.inject({ method: 'GET', url, headers });

describe('authentication', () => {
  it('answers the health check and the API documents without a session', async () => {
    expect((await get('/api/health', {})).json()).toEqual({ status: 'ok', database: database.kind });
    expect((await get('/api/docs/json', {})).statusCode).toBe(200);
    expect([200, 302]).toContain((await get('/api/docs', {})).statusCode);
  });

  it('refuses every other API route without a live session cookie', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { cookie: 'bz_session=wrong' },
      { authorization: 'Bearer anything' },
      { cookie: auth.cookie.replace('bz_session=', 'other=') },
    ];
    for (const headers of attempts) {
      const response = await get('/api/regions', headers);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        code: 'auth.unauthorized',
        message: expect.stringContaining('登录'),
      });
    }
    expect((await get(`/api/units/APIRSJ/seats`, {})).statusCode).toBe(401);
  });
});

describe('regions and units', () => {
  it('lists the regions as a tree by parent code', async () => {
    const { regions } = (await get('/api/regions')).json();
    expect(regions).toContainEqual({
      code: town.code,
      name: '青山镇',
      parentCode: county.code,
      unitCap: null,
    });
  });

  it('gives the units of a region as they stood on the date, the old name before a rename', async () => {
    const earlier = (await get(`/api/regions/${county.code}/units?asOf=2023-02-28`)).json();
    expect(earlier.asOf).toBe('2023-02-28');
    expect(earlier.units.find((u: { code: string }) => u.code === 'APIRSJ')).toMatchObject({
      name: '县人事局',
      active: true,
    });
    const today = (await get(`/api/regions/${county.code}/units`)).json();
    expect(today.asOf).toBe('2024-06-30');
    expect(today.units.find((u: { code: string }) => u.code === 'APIBGS')).toMatchObject({
      parentCode: 'APIRSJ',
    });
    expect(today.units[0]).not.toHaveProperty('id');
  });

  it('details a unit as of today: version, history, figures and charters', async () => {
    const response = await get('/api/units/APIRSJ');
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({
      asOf: '2024-06-30',
      unit: { code: 'APIRSJ', regionCode: county.code, active: true },
      current: { name: '县人力资源和社会保障局', validFrom: '2023-03-01' },
      quotaFigures: [{ unitCode: 'APIRSJ', kind: 'administrative', approved: 3, headcount: 5, vacancy: -2 }],
      postFigures: [{ level: 'head', posts: 1, leaders: 1, vacancy: 0 }],
      charters: [{ issuedOn: '2023-06-01' }],
    });
    expect(detail.versions).toHaveLength(2);
    expect(detail.unit).not.toHaveProperty('id');
    expect((await get('/api/units/APIRSJ?asOf=2024-07-01')).json().quotaFigures[0].approved).toBe(4);
  });

  it('answers 404 with a stable code for an unknown unit or region', async () => {
    const unit = await get('/api/units/NOSUCHUNIT');
    expect(unit.statusCode).toBe(404);
    expect(unit.json()).toEqual({ code: 'org.unit_not_found', message: '机构 NOSUCHUNIT 不存在' });
    for (const url of ['/api/units/NOSUCHUNIT/quota-ledger', '/api/units/NOSUCHUNIT/seats'])
      expect((await get(url)).json().code).toBe('org.unit_not_found');
    expect((await get('/api/regions/999999/figures')).json().code).toBe('org.region_not_found');
    expect((await get('/api/regions/999999/units')).statusCode).toBe(404);
  });

  it('answers 400 naming the parameter for a date that cannot be', async () => {
    for (const bad of ['2024-02-30', '2024-6-1', 'today']) {
      const response = await get(`/api/units/APIRSJ?asOf=${bad}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'request.invalid',
        message: expect.stringContaining('asOf'),
        issues: [{ path: 'asOf', message: '应为有效日期（YYYY-MM-DD）' }],
      });
    }
  });

  it('answers 404 in JSON for a route that does not exist', async () => {
    const response = await get('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('route.not_found');
  });
});

describe('ledgers, figures and seats', () => {
  it('lists the quota and post ledgers of a unit, future-dated changes too', async () => {
    const quota = (await get('/api/units/APIRSJ/quota-ledger')).json();
    expect(quota.entries.map((e: { amount: number }) => e.amount)).toEqual([3, 1]);
    expect(quota.entries[1]).toMatchObject({ kind: 'administrative', effectiveOn: '2024-07-01' });
    const posts = (await get('/api/units/APIRSJ/post-ledger')).json();
    expect(posts).toMatchObject({ unitCode: 'APIRSJ', entries: [{ level: 'head', amount: 1 }] });
  });

  it('gives the figures of every unit of a region and the regions below, as the set-based query does', async () => {
    const body = (await get(`/api/regions/${county.code}/figures?asOf=2024-06-30`)).json();
    const expected = await quotaFigures(database.db, {
      regionCode: county.code,
      includeDescendants: true,
      asOf: '2024-06-30',
    });
    expect(body.figures).toEqual(expected.map(({ unitId: _id, ...figure }) => figure));
    expect(body.figures.map((f: { unitCode: string }) => f.unitCode)).toEqual(['APIRSJ', 'APIZBGS']);
  });

  it('pages the seats of a unit, ID numbers in full for a clerk', async () => {
    const response = await get('/api/units/APIRSJ/seats?page=1&pageSize=2');
    expect(response.statusCode).toBe(200);
    const page = response.json();
    expect(page).toMatchObject({ unitCode: 'APIRSJ', asOf: '2024-06-30', total: 5, page: 1, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.items[0].person).toMatchObject({
      name: '李四',
      idNumber: holder.idNumber,
      idMasked: holder.idMasked,
    });
    expect(page.items[0].post).toMatchObject({ level: 'head', unitCode: 'APIRSJ' });
    expect(page.items[0].person).not.toHaveProperty('id');
  });

  it('masks ID numbers for a reader of 审计', async () => {
    const response = await get('/api/units/APIRSJ/seats?page=1&pageSize=2', readerAuth);
    expect(response.statusCode).toBe(200);
    const person = response.json().items[0].person;
    expect(person).toMatchObject({ name: '李四', idNumber: holder.idMasked });
    expect(person.idNumber).toMatch(/^320902\*{8}\d{3}[\dX]$/);
    expect(response.body).not.toContain(holder.idNumber);
  });

  it('refuses a page number or size out of range', async () => {
    for (const query of ['page=0', 'pageSize=501', 'page=abc']) {
      const response = await get(`/api/units/APIRSJ/seats?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('request.invalid');
    }
  });
});

describe('the OpenAPI document', () => {
  it('lists every route, with its parameters and the session cookie scheme', async () => {
    const document = (await get('/api/docs/json', {})).json();
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/audit',
      '/api/audit/status',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/auth/password',
      '/api/change-statistics',
      '/api/change-statistics/export',
      '/api/control-list',
      '/api/control-list/{unitCode}',
      '/api/export',
      '/api/finding-notices',
      '/api/finding-notices/{id}/docx',
      '/api/findings',
      '/api/findings/export',
      '/api/findings/reminders',
      '/api/findings/summary',
      '/api/findings/{id}',
      '/api/findings/{id}/deferral',
      '/api/findings/{id}/evidence',
      '/api/findings/{id}/evidence/{evidenceId}',
      '/api/findings/{id}/rectification',
      '/api/findings/{id}/reopening',
      '/api/findings/{id}/resumption',
      '/api/findings/{id}/verification',
      '/api/health',
      '/api/imports',
      '/api/imports/{jobId}',
      '/api/imports/{jobId}/report',
      '/api/persons/{id}',
      '/api/proposals',
      '/api/proposals/{id}',
      '/api/proposals/{id}/appraisal',
      '/api/proposals/{id}/checklist',
      '/api/proposals/{id}/consultations',
      '/api/proposals/{id}/decision',
      '/api/proposals/{id}/files',
      '/api/proposals/{id}/files/{fileId}',
      '/api/proposals/{id}/implementation',
      '/api/quota-use-approvals',
      '/api/quota-use-approvals/{id}/cancel',
      '/api/quota-use-approvals/{id}/docx',
      '/api/regions',
      '/api/regions/{code}/figures',
      '/api/regions/{code}/overview',
      '/api/regions/{code}/overview/export',
      '/api/regions/{code}/units',
      '/api/roster',
      '/api/roster/export',
      '/api/rule-settings',
      '/api/rule-settings/{rule}/{key}',
      '/api/scans',
      '/api/scans/{jobId}',
      '/api/secondments',
      '/api/secondments/{id}/end',
      '/api/staffing-plans',
      '/api/staffing-plans/{id}',
      '/api/staffing-plans/{id}/amendments',
      '/api/staffing-plans/{id}/decision',
      '/api/templates/{file}',
      '/api/transaction-steps',
      '/api/transaction-steps/{id}/decision',
      '/api/transactions/appoint',
      '/api/transactions/enter',
      '/api/transactions/exit',
      '/api/transactions/remove',
      '/api/transactions/status',
      '/api/transactions/transfer',
      '/api/transactions/{id}/docx',
      '/api/units/{code}',
      '/api/units/{code}/duties',
      '/api/units/{code}/post-ledger',
      '/api/units/{code}/quota-ledger',
      '/api/units/{code}/seats',
      '/api/users',
      '/api/users/{id}',
      '/api/users/{id}/reset-password',
      '/api/users/{id}/roles',
      '/api/vacancy',
      '/api/vacancy/export',
      '/api/vacancy/retirements',
      '/api/vacancy/series',
      '/api/warnings',
      '/api/warnings/dashboard',
      '/api/warnings/dashboard/export',
      '/api/warnings/dashboard/warnings',
      '/api/warnings/lights',
      '/api/warnings/summary',
    ]);
    expect(document.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'bz_session',
    });
    const seats = document.paths['/api/units/{code}/seats'].get;
    expect(seats.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'asOf',
      'code',
      'page',
      'pageSize',
    ]);
    expect(Object.keys(seats.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
  });
});

describe('failures', () => {
  it('answers 500 in JSON, without crashing, when the database fails', async () => {
    const broken = await createTestDatabase();
    const brokenApp = buildApp(appOptionsFor(broken, clock));
    await broken.close();
    const responses = [
      await brokenApp.inject({ method: 'GET', url: '/api/regions', headers: auth }),
      await brokenApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'anyone', password: 'anything' },
      }),
    ];
    for (const response of responses) {
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({
        code: 'internal',
        message: expect.stringContaining('服务器内部错误'),
      });
    }
    await brokenApp.close();
  });
});
