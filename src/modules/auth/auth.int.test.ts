import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { createUser, loginAs, TEST_PASSWORD } from '../../../test/support/auth.ts';
import { buildRegion, buildUnit } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import { type Database, query, sql } from '../../db/database.ts';

const START = Date.parse('2024-06-30T02:00:00Z');
let now = START;
const clock = () => new Date(now);
const minutes = (n: number) => n * 60_000;

let database: Database;
let app: App;
let county: { code: string };

beforeAll(async () => {
  database = await createTestDatabase();
  county = await buildRegion(database.db, { name: '登录县' });
  await buildUnit(database.db, { regionCode: county.code, code: 'AUTHU1', name: '登录县财政局' });
  app = buildApp(appOptionsFor(database, clock));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const login = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const me = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/auth/me', headers });
const clerk = (overrides: Partial<Parameters<typeof createUser>[1]> = {}) =>
  createUser(database, { roles: ['clerk'], regionCode: county.code, ...overrides });

async function auditActions(
  username: string,
): Promise<{ action: string; details: Record<string, unknown> }[]> {
  return query(
    database.db,
    sql`SELECT action, details FROM audit_log WHERE entity = 'user' AND entity_key = ${username} ORDER BY seq`,
  );
}

describe('logging in and out', () => {
  it('logs in, sets an httpOnly SameSite=Strict cookie, and answers me with the user and CSRF token', async () => {
    const user = await createUser(database, {
      roles: ['unit_liaison'],
      regionCode: county.code,
      unitCode: 'AUTHU1',
    });
    const response = await login(` ${user.username.toUpperCase()} `, user.password);
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^bz_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const body = response.json();
    expect(body).toEqual({
      user: {
        id: user.id,
        username: user.username,
        displayName: expect.any(String),
        roles: ['unit_liaison'],
        regionCode: county.code,
        regionName: '登录县',
        unitCode: 'AUTHU1',
        unitName: '登录县财政局',
        department: null,
        mustChangePassword: false,
        permissions: ['register.read', 'findings.rectify', 'flows.apply', 'proposals.submit'],
      },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const session = { cookie: cookie.split(';')[0]! };
    expect((await me(session)).json()).toEqual(body);
    // At rest the session is the SM3 digest of the token, never the token itself.
    const token = session.cookie.slice('bz_session='.length);
    const stored = await query<{ id: string }>(database.db, sql`SELECT id FROM sessions`);
    expect(stored.map((s) => s.id)).not.toContain(token);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
  });

  it('answers a wrong password and an unknown user alike, and audits both', async () => {
    const user = await clerk();
    const wrong = await login(user.username, 'Not-the-Passw0rd');
    const unknown = await login('nobody-here', 'Not-the-Passw0rd');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ code: 'auth.invalid_credentials', message: '用户名或密码错误' });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(await auditActions(user.username)).toEqual([
      {
        action: 'login_failed',
        details: expect.objectContaining({ reason: 'wrong_password', locked: false }),
      },
    ]);
    expect(await auditActions('nobody-here')).toEqual([
      { action: 'login_failed', details: expect.objectContaining({ reason: 'unknown_user' }) },
    ]);
    const [entries] = await query<{ text: string }>(
      database.db,
      sql`SELECT string_agg(details::text, ' ') AS text FROM audit_log`,
    );
    expect(entries!.text).not.toContain('Not-the-Passw0rd');
  });

  it('logs out: 204, the cookie cleared, the session gone; the audit log has login and logout', async () => {
    const user = await clerk();
    const headers = await loginAs(app, user);
    const response = await app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(response.statusCode).toBe(204);
    expect(String(response.headers['set-cookie'])).toContain(
      'bz_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0',
    );
    expect((await me(headers)).statusCode).toBe(401);
    expect((await auditActions(user.username)).map((e) => e.action)).toEqual(['login', 'logout']);
  });

  it('refuses a disabled account even with the right password, and ends its sessions at once', async () => {
    const user = await clerk();
    const headers = await loginAs(app, user);
    await database.db.execute(sql`UPDATE users SET disabled = true WHERE id = ${user.id}`);
    expect((await me(headers)).statusCode).toBe(401);
    const response = await login(user.username, user.password);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('auth.disabled');
  });
});

describe('lockout', () => {
  it('locks the account on the 5th wrong password for 15 minutes, then lets the right one in', async () => {
    const user = await clerk();
    for (let attempt = 1; attempt <= 4; attempt++)
      expect((await login(user.username, `Wrong-${attempt}-password`)).statusCode).toBe(401);
    const fifth = await login(user.username, 'Wrong-5-password');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toEqual({ code: 'auth.locked', message: expect.stringContaining('15 分钟') });
    expect((await login(user.username, user.password)).statusCode).toBe(423);
    now += minutes(14);
    expect((await login(user.username, user.password)).statusCode).toBe(423);
    now += minutes(1) + 1000;
    expect((await login(user.username, user.password)).statusCode).toBe(200);
    // A success starts the count again: four more wrong ones do not lock.
    for (let attempt = 1; attempt <= 4; attempt++)
      expect((await login(user.username, 'Wrong-again-1')).statusCode).toBe(401);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });
});

describe('session lifetime', () => {
  it('ends a session idle for 30 minutes; use keeps it alive', async () => {
    const headers = await loginAs(app, await clerk());
    now += minutes(29);
    expect((await me(headers)).statusCode).toBe(200);
    now += minutes(29);
    expect((await me(headers)).statusCode).toBe(200);
    now += minutes(30) + 1000;
    const expired = await me(headers);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('auth.unauthorized');
  });

  it('ends a session 12 hours after login however busy', async () => {
    const headers = await loginAs(app, await clerk());
    // 24 × 29 minutes: 11 h 36 min, never idle for long.
    for (let step = 0; step < 24; step++) {
      now += minutes(29);
      expect((await me(headers)).statusCode).toBe(200);
    }
    now += minutes(25);
    expect((await me(headers)).statusCode).toBe(401);
  });

  it('takes its idle timeout from the options', async () => {
    const quick = buildApp({ ...appOptionsFor(database, clock), sessions: { idleMinutes: 5 } });
    const headers = await loginAs(quick, await clerk());
    now += minutes(6);
    expect((await quick.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
    await quick.close();
  });
});

describe('CSRF', () => {
  it('refuses an unsafe request with a session cookie but without its CSRF token', async () => {
    const headers = await loginAs(app, await clerk());
    const { 'x-csrf-token': token, ...cookieOnly } = headers;
    for (const sent of [
      cookieOnly,
      { ...cookieOnly, 'x-csrf-token': 'forged' },
      { ...cookieOnly, 'x-csrf-token': `${token}x` },
    ]) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: sent });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('auth.csrf');
    }
    // GET needs no token; the session is still alive.
    expect((await me(cookieOnly)).statusCode).toBe(200);
  });
});

describe('changing the password', () => {
  const change = (headers: Record<string, string>, currentPassword: string, newPassword: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword, newPassword },
    });

  it('enforces the rules in Chinese: length, three character classes, not the username', async () => {
    const user = await clerk({ username: 'zhangwei' });
    const headers = await loginAs(app, user);
    const cases: [string, string][] = [
      ['Ab1!short', '密码至少 10 个字符'],
      ['alllowercase123', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
      ['ALLUPPER!!!!!', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
      ['Zhangwei-2024!', '密码不能包含用户名'],
    ];
    for (const [password, message] of cases) {
      const response = await change(headers, user.password, password);
      expect(response.statusCode, password).toBe(400);
      expect(response.json()).toEqual({ code: 'auth.weak_password', message });
    }
    expect((await change(headers, user.password, user.password)).json().code).toBe('auth.password_reused');
    const wrong = await change(headers, 'Not-my-Passw0rd', 'Good-Enough-2024');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('auth.wrong_password');
  });

  it('changes it: the old one stops working, other sessions end, this one goes on', async () => {
    const user = await clerk();
    const headers = await loginAs(app, user);
    const other = await loginAs(app, user);
    expect((await change(headers, user.password, 'Brand-New-Pass-9')).statusCode).toBe(204);
    expect((await me(headers)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await login(user.username, user.password)).statusCode).toBe(401);
    expect((await login(user.username, 'Brand-New-Pass-9')).statusCode).toBe(200);
    expect((await auditActions(user.username)).map((e) => e.action)).toContain('change_password');
  });

  it('opens nothing but the password change until a one-time password is replaced', async () => {
    const user = await clerk({ mustChangePassword: true });
    const headers = await loginAs(app, user);
    expect((await me(headers)).json().user.mustChangePassword).toBe(true);
    const refused = await app.inject({ method: 'GET', url: '/api/regions', headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('auth.password_change_required');
    expect((await change(headers, TEST_PASSWORD, 'Brand-New-Pass-9')).statusCode).toBe(204);
    expect((await me(headers)).json().user.mustChangePassword).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/api/regions', headers })).statusCode).toBe(200);
  });
});
