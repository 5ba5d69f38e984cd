import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../test/support/auth.ts';
import { buildRegion, buildSeat, buildUnit } from '../test/support/factories.ts';
import { createTestDatabase } from '../test/support/test-db.ts';
import { type App, buildApp } from './app.ts';
import type { Database } from './db/database.ts';
import type { Access } from './modules/auth/auth.plugin.ts';
import { ROLES, type Role, ROLE_PERMISSIONS } from './modules/users/roles.ts';

/**
 * The role × route matrix: every route the application registers (collected by an onRoute hook of
 * the test's own, so a route added later cannot escape) is called by every role and by an anonymous
 * caller, and the answer must be what the route's `config.access` declares: allowed (neither 401 nor
 * 403, nor a server error) or refused (403 auth.forbidden; 401 without a session).
 */

const clock = () => new Date('2024-06-30T02:00:00Z');

let database: Database;
let app: App;
const routes: RouteOptions[] = [];
let county: { code: string };
let targetUserId: number;
const sessions = new Map<Role, AuthHeaders>();

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  county = await buildRegion(db, { name: '矩阵县' });
  const unit = await buildUnit(db, { regionCode: county.code, code: 'MTX001', name: '矩阵县人社局' });
  await buildSeat(db, { unit });
  app = buildApp(appOptionsFor(database, clock));
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  await app.ready();
  targetUserId = (await createUser(database, { roles: ['leader'], regionCode: county.code })).id;
  for (const role of ROLES) {
    const user = await createUser(database, {
      roles: [role],
      regionCode: county.code,
      ...(role === 'unit_liaison' ? { unitCode: 'MTX001' } : {}),
      ...(role === 'dept_reader' ? { department: 'audit' as const } : {}),
    });
    sessions.set(role, await loginAs(app, user));
  }
});
afterAll(async () => {
  await app.close();
  await database.close();
});

interface Call {
  method: string;
  url: string;
  access: Access;
}

/** Every method of every route, with its parameters filled in with things that exist in the caller's scope. */
function calls(): Call[] {
  const list = routes.flatMap((route) =>
    [route.method].flat().map((method) => ({
      method,
      url: route.url
        .replace(/^\/api\/regions\/:code/, `/api/regions/${county.code}`)
        .replace(':code', 'MTX001')
        .replace(':jobId', 'no-such-job')
        .replace(':id', String(targetUserId))
        .replace('*', 'index.html'),
      access: route.config!.access!,
    })),
  );
  // Logging out ends the session the other calls use: last.
  return list.sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
}

function allowed(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'authenticated') return true;
  return access.some((permission) => ROLE_PERMISSIONS[role].includes(permission));
}

async function call(target: Call, headers: AuthHeaders | undefined) {
  const withBody = !['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(target.method);
  return app.inject({
    method: target.method as 'GET',
    url: target.url,
    headers: headers ?? {},
    ...(withBody ? { payload: {} } : {}),
  });
}

describe('the role × route matrix', () => {
  it('collects every route, each with a declared access', () => {
    const urls = new Set(routes.map((route) => route.url));
    for (const url of ['/api/health', '/api/auth/login', '/api/users/:id/roles', '/api/audit', '/api/export'])
      expect(urls).toContain(url);
    expect(routes.length).toBeGreaterThanOrEqual(25);
    for (const route of routes) expect(route.config?.access, route.url).toBeDefined();
  });

  it('answers every route for every role as its declaration says', async () => {
    const mismatches: string[] = [];
    const callers: (Role | null)[] = [null, ...ROLES];
    for (const target of calls()) {
      for (const role of callers) {
        const response = await call(target, role ? sessions.get(role) : undefined);
        const expected = allowed(target.access, role);
        const refused = response.statusCode === 401 || response.statusCode === 403;
        const rightRefusal =
          role === null
            ? response.statusCode === 401
            : response.statusCode === 403 &&
              (target.method === 'HEAD' || response.json().code === 'auth.forbidden');
        // Allowed means let through to the handler, which must then answer without failing.
        if (expected ? refused || response.statusCode >= 500 : !(refused && rightRefusal))
          mismatches.push(
            `${target.method} ${target.url} as ${role ?? 'anonymous'}: ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('declarations', () => {
  it('refuses to start an application with a route that declares no access', async () => {
    const unguarded = buildApp(appOptionsFor(database, clock));
    unguarded.get('/api/forgotten', () => 'open');
    await expect(unguarded.ready()).rejects.toThrow(/GET,HEAD \/api\/forgotten|GET \/api\/forgotten/);
    await unguarded.close().catch(() => {});
  });
});
