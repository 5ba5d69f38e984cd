import { expect } from 'vitest';
import type { App } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import { units, users } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/modules/users/password.ts';
import type { Department, Role } from '../../src/modules/users/roles.ts';
import { eq } from 'drizzle-orm';

/** A password that meets the rules; every test user has it unless the test says otherwise. */
export const TEST_PASSWORD = 'Bianzhi-Test-2024';

let counter = 0;
// scrypt is slow on purpose: hash the shared password once per test file, not once per user.
let sharedHash: Promise<string> | undefined;

export interface TestUser {
  id: number;
  username: string;
  password: string;
  roles: Role[];
  regionCode: string;
}

export interface TestUserOptions {
  roles: Role[];
  regionCode: string;
  unitCode?: string;
  department?: Department;
  password?: string;
  username?: string;
  mustChangePassword?: boolean;
}

/**
 * An account written straight to the table (as factories write units), with a password already
 * changed unless `mustChangePassword`: tests log in with it through the API.
 */
export async function createUser(database: Database, options: TestUserOptions): Promise<TestUser> {
  const { db } = database;
  counter += 1;
  const username = options.username ?? `${options.roles[0] ?? 'none'}${counter}`.replace(/_/g, '-');
  const password = options.password ?? TEST_PASSWORD;
  const passwordHash =
    password === TEST_PASSWORD
      ? await (sharedHash ??= hashPassword(TEST_PASSWORD))
      : await hashPassword(password);
  const unitId = options.unitCode
    ? (await db.select({ id: units.id }).from(units).where(eq(units.code, options.unitCode)))[0]!.id
    : null;
  const [row] = await db
    .insert(users)
    .values({
      username,
      displayName: `测试用户${counter}`,
      passwordHash,
      regionCode: options.regionCode,
      unitId,
      department: options.department ?? null,
      roles: options.roles,
      mustChangePassword: options.mustChangePassword ?? false,
      createdAt: new Date().toISOString(),
    })
    .returning({ id: users.id });
  return { id: row!.id, username, password, roles: options.roles, regionCode: options.regionCode };
}

/** What a signed-in browser sends: the session cookie and, for unsafe methods, the CSRF token. */
export interface AuthHeaders {
  cookie: string;
  'x-csrf-token': string;
  [name: string]: string;
}

/** Logs in through the API and returns the headers for `app.inject`. */
export async function loginAs(app: App, user: { username: string; password: string }): Promise<AuthHeaders> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: user.password },
  });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = [response.headers['set-cookie']].flat()[0]!.split(';')[0]!;
  return { cookie, 'x-csrf-token': response.json().csrfToken };
}
