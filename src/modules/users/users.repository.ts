import { and, eq, ne } from 'drizzle-orm';
import { type Db, query, sql } from '../../db/database.ts';
import { regionScope, unitVersionsInForce } from '../org/org.sql.ts';
import type { Department, Role } from './roles.ts';
import { sessions, users } from './users.table.ts';

/** An account as stored, password hash included: never leaves the service layer. */
export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  regionCode: string;
  unitId: number | null;
  department: Department | null;
  roles: Role[];
  failedAttempts: number;
  /** Whether locked_until lies ahead of the time the query was given. */
  locked: boolean;
  mustChangePassword: boolean;
  disabled: boolean;
}

/** An account as the API shows it, with its region's and unit's names. */
export interface UserView {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  regionCode: string;
  regionName: string | null;
  unitCode: string | null;
  unitName: string | null;
  department: Department | null;
  mustChangePassword: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  passwordChangedAt: string | null;
}

/** A timestamp as ISO 8601 in UTC, the same text on both drivers whatever the server's time zone. */
const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const recordColumns = (now: string) => sql`u.id, u.username, u.display_name AS "displayName",
  u.password_hash AS "passwordHash", u.region_code AS "regionCode", u.unit_id AS "unitId", u.department,
  u.roles, u.failed_attempts AS "failedAttempts",
  coalesce(u.locked_until > ${now}::timestamptz, false) AS locked,
  u.must_change_password AS "mustChangePassword", u.disabled`;

export async function findUserByUsername(
  db: Db,
  username: string,
  now: string,
): Promise<UserRecord | undefined> {
  const [row] = await query<UserRecord>(
    db,
    sql`SELECT ${recordColumns(now)} FROM users u WHERE u.username = ${username}`,
  );
  return row;
}

/** With `forUpdate`, the row stays locked until the transaction ends. */
export async function findUserById(
  db: Db,
  id: number,
  now: string,
  forUpdate = false,
): Promise<UserRecord | undefined> {
  const [row] = await query<UserRecord>(
    db,
    sql`SELECT ${recordColumns(now)} FROM users u WHERE u.id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`,
  );
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM users`);
  return row?.n ?? 0;
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<number> {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  return row!.id;
}

export async function updateUser(db: Db, id: number, values: Partial<typeof users.$inferInsert>) {
  await db.update(users).set(values).where(eq(users.id, id));
}

/**
 * One failed password: counts it, and at `maxAttempts` locks the account until `lockUntil` and
 * starts counting again. Atomic, so concurrent guesses cannot slip past the limit.
 */
export async function recordFailedAttempt(
  db: Db,
  id: number,
  options: { maxAttempts: number; lockUntil: string },
): Promise<{ locked: boolean }> {
  const [row] = await query<{ locked: boolean }>(
    db,
    sql`UPDATE users SET
        locked_until = CASE WHEN failed_attempts + 1 >= ${options.maxAttempts} THEN ${options.lockUntil}::timestamptz
                            ELSE locked_until END,
        failed_attempts = CASE WHEN failed_attempts + 1 >= ${options.maxAttempts} THEN 0 ELSE failed_attempts + 1 END
      WHERE id = ${id}
      RETURNING failed_attempts = 0 AS locked`,
  );
  return { locked: row?.locked ?? false };
}

/** Which accounts: one by id, or a page of those in a region scope (null: every region). */
export type UserSelection =
  { id: number } | { regionCode: string | null; page: number; pageSize: number; search?: string | undefined };

/** Accounts as the API shows them, unit names as in force on `today`. */
export async function userViews(
  db: Db,
  selection: UserSelection,
  today: string,
): Promise<{ total: number; items: UserView[] }> {
  const byId = 'id' in selection;
  const inScope =
    byId || selection.regionCode === null ? sql`true` : sql`u.region_code IN (SELECT code FROM scope)`;
  const search =
    !byId && selection.search
      ? sql`AND (u.username ILIKE ${`%${selection.search}%`} OR u.display_name ILIKE ${`%${selection.search}%`})`
      : sql``;
  const filter = byId ? sql`u.id = ${selection.id}` : sql`${inScope} ${search}`;
  const scope =
    byId || selection.regionCode === null
      ? sql`scope(code) AS (SELECT NULL::text)`
      : regionScope(selection.regionCode, true);
  const page = byId
    ? sql``
    : sql`LIMIT ${selection.pageSize} OFFSET ${(selection.page - 1) * selection.pageSize}`;
  const [counted] = await query<{ total: number }>(
    db,
    sql`WITH RECURSIVE ${scope} SELECT count(*)::int AS total FROM users u WHERE ${filter}`,
  );
  const items = await query<UserView>(
    db,
    sql`WITH RECURSIVE ${scope},
      chosen AS (SELECT * FROM users u WHERE ${filter}),
      names AS (${unitVersionsInForce(today, sql`SELECT unit_id FROM chosen WHERE unit_id IS NOT NULL`)})
    SELECT u.id, u.username, u.display_name AS "displayName", u.roles, u.region_code AS "regionCode",
      r.name AS "regionName", un.code AS "unitCode", n.name AS "unitName", u.department,
      u.must_change_password AS "mustChangePassword", u.disabled,
      ${iso('u.locked_until')} AS "lockedUntil", ${iso('u.created_at')} AS "createdAt",
      ${iso('u.password_changed_at')} AS "passwordChangedAt"
    FROM chosen u
    LEFT JOIN regions r ON r.code = u.region_code
    LEFT JOIN units un ON un.id = u.unit_id
    LEFT JOIN names n ON n.unit_id = u.unit_id
    ORDER BY u.region_code, u.username
    ${page}`,
  );
  return { total: counted?.total ?? 0, items };
}

export interface SessionRecord {
  id: string;
  userId: number;
  csrfToken: string;
  /** last_seen_at is older than the refresh interval: worth writing the new time. */
  stale: boolean;
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** The session, if it is neither past its absolute end nor idle longer than `idleSeconds`. */
export async function findLiveSession(
  db: Db,
  id: string,
  options: { now: string; idleSeconds: number; refreshSeconds: number },
): Promise<SessionRecord | undefined> {
  const [row] = await query<SessionRecord>(
    db,
    sql`SELECT s.id, s.user_id AS "userId", s.csrf_token AS "csrfToken",
        s.last_seen_at < ${options.now}::timestamptz - make_interval(secs => ${options.refreshSeconds}) AS stale
      FROM sessions s
      WHERE s.id = ${id} AND s.expires_at > ${options.now}::timestamptz
        AND s.last_seen_at > ${options.now}::timestamptz - make_interval(secs => ${options.idleSeconds})`,
  );
  return row;
}

export async function touchSession(db: Db, id: string, now: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of the user, or every one but `except`. */
export async function deleteSessionsOf(db: Db, userId: number, except?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId));
}

/** Sessions past their end or idle too long: nobody can use them any more. */
export async function deleteDeadSessions(db: Db, userId: number, now: string, idleSeconds: number) {
  await db.execute(
    sql`DELETE FROM sessions WHERE user_id = ${userId} AND (expires_at <= ${now}::timestamptz
      OR last_seen_at <= ${now}::timestamptz - make_interval(secs => ${idleSeconds}))`,
  );
}
