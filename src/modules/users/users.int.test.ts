import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs, type TestUser } from '../../../test/support/auth.ts';
import { buildRegion, buildUnit } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';

const clock = () => new Date('2024-06-30T02:00:00Z');

let database: Database;
let app: App;
let countyA: { code: string };
let countyB: { code: string };
let sysadmin: TestUser;
let secadmin: TestUser;
let asSysadmin: AuthHeaders;
let asSecadmin: AuthHeaders;
let asAuditor: AuthHeaders;
let asSysadminB: AuthHeaders;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const city = await buildRegion(db, { name: '三员市' });
  countyA = await buildRegion(db, { name: '甲县', parentCode: city.code });
  countyB = await buildRegion(db, { name: '乙县', parentCode: city.code });
  await buildUnit(db, { regionCode: countyA.code, code: 'USRA1', name: '甲县人社局' });
  await buildUnit(db, { regionCode: countyB.code, code: 'USRB1', name: '乙县人社局' });
  app = buildApp(appOptionsFor(database, clock));
  await app.ready();
  sysadmin = await createUser(database, { roles: ['system_admin'], regionCode: countyA.code });
  secadmin = await createUser(database, { roles: ['security_admin'], regionCode: countyA.code });
  asSysadmin = await loginAs(app, sysadmin);
  asSecadmin = await loginAs(app, secadmin);
  asAuditor = await loginAs(
    app,
    await createUser(database, { roles: ['audit_admin'], regionCode: countyA.code }),
  );
  asSysadminB = await loginAs(
    app,
    await createUser(database, { roles: ['system_admin'], regionCode: countyB.code }),
  );
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const send = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  headers: AuthHeaders,
  payload?: object,
) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function createAccount(body: object, headers = asSysadmin) {
  const response = await send('POST', '/api/users', headers, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { user: { id: number; username: string }; oneTimePassword: string };
}

describe('accounts (系统管理员)', () => {
  it('creates an account without roles and with a one-time password to be changed at first login', async () => {
    const created = await createAccount({
      username: 'Wang.Fang',
      displayName: '王芳',
      regionCode: countyA.code,
    });
    expect(created.user).toMatchObject({
      username: 'wang.fang',
      displayName: '王芳',
      roles: [],
      regionCode: countyA.code,
      regionName: '甲县',
      mustChangePassword: true,
      disabled: false,
    });
    expect(created.oneTimePassword).toMatch(/^\S{14}$/);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'wang.fang', password: created.oneTimePassword },
    });
    expect(login.json().user).toMatchObject({ mustChangePassword: true, permissions: [] });

    const again = await send('POST', '/api/users', asSysadmin, {
      username: 'wang.fang',
      displayName: '另一个',
      regionCode: countyA.code,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('users.username_taken');
  });

  it('creates a unit liaison of a unit of its region only, and only in its own region scope', async () => {
    const liaison = await createAccount({
      username: 'liaison-a',
      displayName: '联络员',
      regionCode: countyA.code,
      unitCode: 'USRA1',
    });
    expect(liaison.user).toMatchObject({ unitCode: 'USRA1', unitName: '甲县人社局' });
    const otherUnit = await send('POST', '/api/users', asSysadmin, {
      username: 'liaison-x',
      displayName: '联络员',
      regionCode: countyA.code,
      unitCode: 'USRB1',
    });
    expect(otherUnit.json().code).toBe('users.unit_outside_region');
    const otherRegion = await send('POST', '/api/users', asSysadmin, {
      username: 'in-b',
      displayName: '乙县人',
      regionCode: countyB.code,
    });
    expect(otherRegion.statusCode).toBe(404);
    expect(otherRegion.json().code).toBe('org.region_not_found');
  });

  it('lists the accounts of its own region scope only', async () => {
    await createAccount(
      { username: 'only-in-b', displayName: '乙县人', regionCode: countyB.code },
      asSysadminB,
    );
    const list = (await send('GET', '/api/users?pageSize=500', asSysadmin)).json();
    const names = list.items.map((u: { username: string }) => u.username);
    expect(names).toContain(sysadmin.username);
    expect(names).not.toContain('only-in-b');
    expect(list.items.every((u: { regionCode: string }) => u.regionCode === countyA.code)).toBe(true);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password_?hash/i);
    expect((await send('GET', '/api/users?q=wang', asSecadmin)).json().items).toHaveLength(1);
  });

  it('resets a password: a new one-time password, the account unlocked, its sessions ended', async () => {
    const user = await createUser(database, { roles: ['clerk'], regionCode: countyA.code });
    const session = await loginAs(app, user);
    await database.db.execute(sql`UPDATE users SET locked_until = '2099-01-01' WHERE id = ${user.id}`);
    const response = await send('POST', `/api/users/${user.id}/reset-password`, asSysadmin);
    expect(response.statusCode).toBe(200);
    const { oneTimePassword } = response.json();
    expect((await send('GET', '/api/auth/me', session)).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: oneTimePassword },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
  });

  it('disables and enables an account, never its own', async () => {
    const user = await createUser(database, { roles: ['clerk'], regionCode: countyA.code });
    const session = await loginAs(app, user);
    const disabled = await send('PATCH', `/api/users/${user.id}`, asSysadmin, {
      disabled: true,
      displayName: '已停用的人',
    });
    expect(disabled.json()).toMatchObject({ disabled: true, displayName: '已停用的人' });
    expect((await send('GET', '/api/auth/me', session)).statusCode).toBe(401);
    expect(
      (await send('PATCH', `/api/users/${user.id}`, asSysadmin, { disabled: false })).json().disabled,
    ).toBe(false);
    expect((await loginAs(app, user)).cookie).toBeTruthy();
    const self = await send('PATCH', `/api/users/${sysadmin.id}`, asSysadmin, { disabled: true });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('users.self_disable');
  });

  it('answers 404 for an account of a sibling region, whatever it is asked to do', async () => {
    const other = await createUser(database, { roles: ['clerk'], regionCode: countyB.code });
    for (const [method, url, headers, body] of [
      ['PATCH', `/api/users/${other.id}`, asSysadmin, { disabled: true }],
      ['POST', `/api/users/${other.id}/reset-password`, asSysadmin, undefined],
      ['PUT', `/api/users/${other.id}/roles`, asSecadmin, { roles: ['leader'] }],
      ['PATCH', '/api/users/999999', asSysadmin, { disabled: true }],
    ] as const) {
      const response = await send(method, url, headers, body);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('users.not_found');
    }
  });
});

describe('roles (安全管理员) and 三员分立', () => {
  it('grants roles; the 系统管理员 cannot, and the 安全管理员 cannot create accounts', async () => {
    const user = await createUser(database, { roles: [], regionCode: countyA.code });
    const granted = await send('PUT', `/api/users/${user.id}/roles`, asSecadmin, {
      roles: ['clerk', 'leader', 'clerk'],
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().roles).toEqual(['clerk', 'leader']);
    expect(
      (await send('PUT', `/api/users/${user.id}/roles`, asSysadmin, { roles: ['admin'] })).json().code,
    ).toBe('auth.forbidden');
    const create = await send('POST', '/api/users', asSecadmin, {
      username: 'by-secadmin',
      displayName: '某人',
      regionCode: countyA.code,
    });
    expect(create.statusCode).toBe(403);
  });

  it('refuses to grant roles to oneself', async () => {
    const response = await send('PUT', `/api/users/${secadmin.id}/roles`, asSecadmin, {
      roles: ['security_admin', 'admin'],
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('users.self_grant');
  });

  it('refuses any of the three administrators together with another role', async () => {
    const user = await createUser(database, { roles: [], regionCode: countyA.code });
    for (const roles of [
      ['system_admin', 'security_admin'],
      ['system_admin', 'audit_admin'],
      ['security_admin', 'audit_admin'],
      ['system_admin', 'clerk'],
      ['audit_admin', 'leader'],
    ]) {
      const response = await send('PUT', `/api/users/${user.id}/roles`, asSecadmin, { roles });
      expect(response.statusCode, roles.join()).toBe(409);
      expect(response.json()).toMatchObject({
        code: 'users.roles_conflict',
        message: expect.stringContaining('三员分立'),
      });
    }
    expect(
      (await send('PUT', `/api/users/${user.id}/roles`, asSecadmin, { roles: ['audit_admin'] })).statusCode,
    ).toBe(200);
  });

  it('needs a unit for a unit liaison and a department for a department reader', async () => {
    const user = await createUser(database, { roles: [], regionCode: countyA.code });
    expect(
      (await send('PUT', `/api/users/${user.id}/roles`, asSecadmin, { roles: ['unit_liaison'] })).json().code,
    ).toBe('users.unit_required');
    expect(
      (await send('PUT', `/api/users/${user.id}/roles`, asSecadmin, { roles: ['dept_reader'] })).json().code,
    ).toBe('users.department_required');
    await send('PATCH', `/api/users/${user.id}`, asSysadmin, { department: 'audit' });
    expect(
      (await send('PUT', `/api/users/${user.id}/roles`, asSecadmin, { roles: ['dept_reader'] })).statusCode,
    ).toBe(200);
    const unset = await send('PATCH', `/api/users/${user.id}`, asSysadmin, { department: null });
    expect(unset.json().code).toBe('users.department_required');
  });

  it('keeps the three administrators out of business data', async () => {
    for (const headers of [asSysadmin, asSecadmin, asAuditor]) {
      for (const url of [
        '/api/regions',
        `/api/regions/${countyA.code}/units`,
        '/api/units/USRA1',
        '/api/export',
      ]) {
        const response = await send('GET', url, headers);
        expect(response.statusCode, url).toBe(403);
        expect(response.json().code).toBe('auth.forbidden');
      }
    }
  });
});

describe('the audit trail of accounts and its viewer (审计管理员)', () => {
  it('records every account change as one entry, never a password or its hash', async () => {
    const created = await createAccount({
      username: 'audited',
      displayName: '被审计',
      regionCode: countyA.code,
    });
    const id = created.user.id;
    await send('PATCH', `/api/users/${id}`, asSysadmin, { displayName: '改名' });
    await send('POST', `/api/users/${id}/reset-password`, asSysadmin);
    await send('PUT', `/api/users/${id}/roles`, asSecadmin, { roles: ['leader'] });
    const entries = await query<{ actor: string; action: string; text: string }>(
      database.db,
      sql`SELECT actor, action, concat_ws(' ', before::text, after::text, details::text) AS text
          FROM audit_log WHERE entity = 'user' AND entity_key = 'audited' ORDER BY seq`,
    );
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      [sysadmin.username, 'create'],
      [sysadmin.username, 'update'],
      [sysadmin.username, 'reset_password'],
      [secadmin.username, 'set_roles'],
    ]);
    for (const entry of entries) {
      expect(entry.text).not.toContain(created.oneTimePassword);
      expect(entry.text).not.toMatch(/scrypt|password/i);
    }
  });

  it('lists the audit log newest first, filtered, within the auditor’s region only', async () => {
    const page = (
      await send('GET', `/api/audit?entity=user&actor=${sysadmin.username}&pageSize=3`, asAuditor)
    ).json();
    expect(page.total).toBeGreaterThan(3);
    expect(page.items).toHaveLength(3);
    const seqs = page.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(page.items.every((e: { actor: string }) => e.actor === sysadmin.username)).toBe(true);
    const all = (await send('GET', '/api/audit?pageSize=500', asAuditor)).json();
    expect(all.items.some((e: { entityKey: string }) => e.entityKey === 'only-in-b')).toBe(false);
    expect(all.items.every((e: { regionCode: string }) => e.regionCode === countyA.code)).toBe(true);
    const dated = (await send('GET', '/api/audit?from=2024-07-01', asAuditor)).json();
    expect(dated.total).toBe(0);
    expect((await send('GET', '/api/audit?from=2024-06-30&to=2024-06-30', asAuditor)).json().total).toBe(
      all.total,
    );
  });

  it('verifies the chain', async () => {
    const response = await send('GET', '/api/audit/status', asAuditor);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      ok: true,
      entries: expect.any(Number),
      head: { seq: expect.any(Number) },
    });
    expect((await send('GET', '/api/audit/status', asSysadmin)).statusCode).toBe(403);
  });
});
