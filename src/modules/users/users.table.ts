import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { units } from '../org/org.table.ts';

/**
 * An account. `region_code` bounds what it sees (the region and the regions below it); a 单位联络员
 * is bound to `unit_id` as well, a 部门查询 reader names its `department`. The password is stored as
 * `scrypt$N$r$p$salt$hash` (base64), never in clear, never in the audit log.
 */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    regionCode: text('region_code').notNull(),
    unitId: integer('unit_id').references(() => units.id),
    department: text('department'),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username), index('users_region_idx').on(t.regionCode)],
);

/**
 * A login session. `id` is the SM3 digest of the cookie's random token, so a copy of the table
 * opens no session. `csrf_token` is what unsafe requests must echo in `x-csrf-token`.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    regionCode: text('region_code').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
