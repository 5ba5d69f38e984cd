import { createHash, randomBytes } from 'node:crypto';
import type { SessionCache } from './session.cache.ts';
import type { Db } from '../../db/database.ts';
import { type Clock, todayOf } from '../../shared/dates.ts';
import type { AuditEntryInput, AuditTrail } from '../audit/audit.service.ts';
import { unitSubtree } from '../org/org.scope.ts';
import { hashPassword, passwordProblem, UNMATCHABLE_HASH, verifyPassword } from '../users/password.ts';
import { permissionsOf } from '../users/roles.ts';
import {
  deleteDeadSessions,
  deleteSession,
  deleteSessionsOf,
  findLiveSession,
  findUserById,
  findUserByUsername,
  insertSession,
  recordFailedAttempt,
  touchSession,
  type UserRecord,
  updateUser,
  userViews,
} from '../users/users.repository.ts';
import {
  AccountDisabledError,
  AccountLockedError,
  InvalidCredentialsError,
  PasswordReusedError,
  UnauthenticatedError,
  WeakPasswordError,
  WrongPasswordError,
} from './auth.errors.ts';
import type { Caller, DataScope } from './caller.ts';

export interface SessionSettings {
  /** A session unused this long ends (default 30). */
  idleMinutes: number;
  /** A session ends this long after login, however busy (default 12). */
  lifetimeHours: number;
  /** Wrong passwords in a row that lock the account (default 5)… */
  maxAttempts: number;
  /** …for this long (default 15). */
  lockMinutes: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  idleMinutes: 30,
  lifetimeHours: 12,
  maxAttempts: 5,
  lockMinutes: 15,
};

/** last_seen_at is written at most once a minute per session, not on every request. */
const REFRESH_SECONDS = 60;

export interface AuthDeps {
  db: Db;
  audit: AuditTrail;
  clock: Clock;
  settings: SessionSettings;
  /** Shared with the users service, which forgets the sessions of an account it changes. */
  sessions: SessionCache;
}

/** A request's live session: whose it is and the token unsafe requests must echo. */
export interface AuthSession {
  id: string;
  csrfToken: string;
  caller: Caller;
}

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  ip: string;
}

/** The signed-in user as the web application shows them (GET /api/auth/me). */
export type CurrentUser = Awaited<ReturnType<ReturnType<typeof createAuthService>['currentUser']>>;

/** The cookie's token is random; the table keeps only its SM3 digest. */
export const sessionIdOf = (token: string) => createHash('sm3').update(token).digest('hex');

const randomToken = () => randomBytes(32).toString('base64url');

export function createAuthService(deps: AuthDeps) {
  const { db, audit, clock, settings, sessions } = deps;
  const now = () => clock().toISOString();
  const later = (minutes: number) => new Date(clock().getTime() + minutes * 60_000).toISOString();
  const idleSeconds = settings.idleMinutes * 60;
  const auditOnly = (entry: AuditEntryInput) =>
    audit.transaction(db, (_tx, recorder) => recorder.record(entry));
  const userEntry = (
    user: UserRecord,
    action: string,
    details: Record<string, unknown>,
  ): AuditEntryInput => ({
    actor: user.username,
    action,
    entity: 'user',
    entityKey: user.username,
    regionCode: user.regionCode,
    details,
  });

  /** Counts a wrong password in the same transaction as its audit entry; says whether it locked the account. */
  async function failedPassword(user: UserRecord, action: string, meta: RequestMeta): Promise<boolean> {
    return audit
      .transaction(db, async (tx, recorder) => {
        const { locked } = await recordFailedAttempt(tx, user.id, {
          maxAttempts: settings.maxAttempts,
          lockUntil: later(settings.lockMinutes),
        });
        if (locked) await deleteSessionsOf(tx, user.id);
        await recorder.record(userEntry(user, action, { reason: 'wrong_password', locked, ip: meta.ip }));
        return locked;
      })
      .then((locked) => {
        if (locked) sessions.forgetUser(user.id);
        return locked;
      });
  }

  async function scopeOf(user: UserRecord): Promise<DataScope> {
    if (!user.roles.includes('unit_liaison')) return { regionCode: user.regionCode, unitIds: null };
    const unitIds = user.unitId ? await unitSubtree(db, user.unitId, user.regionCode, todayOf(clock)) : [];
    return { regionCode: user.regionCode, unitIds };
  }

  const service = {
    async currentUser(userId: number) {
      const {
        items: [view],
      } = await userViews(db, { id: userId }, todayOf(clock));
      if (!view) throw new UnauthenticatedError();
      return {
        id: view.id,
        username: view.username,
        displayName: view.displayName,
        roles: view.roles,
        regionCode: view.regionCode,
        regionName: view.regionName,
        unitCode: view.unitCode,
        unitName: view.unitName,
        department: view.department,
        mustChangePassword: view.mustChangePassword,
        permissions: permissionsOf(view.roles),
      };
    },

    /**
     * Checks the password and opens a session. Unknown user and wrong password read the same (and
     * take the same time); the 5th wrong password in a row locks the account for 15 minutes.
     */
    async login(input: { username: string; password: string }, meta: RequestMeta) {
      const username = input.username.trim().toLowerCase();
      const user = await findUserByUsername(db, username, now());
      if (!user) {
        await verifyPassword(input.password, UNMATCHABLE_HASH);
        const attempted = username.slice(0, 64);
        await auditOnly({
          actor: attempted,
          action: 'login_failed',
          entity: 'user',
          entityKey: attempted,
          details: { reason: 'unknown_user', ip: meta.ip },
        });
        throw new InvalidCredentialsError();
      }
      if (user.locked) {
        await auditOnly(userEntry(user, 'login_failed', { reason: 'locked', ip: meta.ip }));
        throw new AccountLockedError(settings.lockMinutes);
      }
      if (!(await verifyPassword(input.password, user.passwordHash))) {
        const locked = await failedPassword(user, 'login_failed', meta);
        throw locked ? new AccountLockedError(settings.lockMinutes) : new InvalidCredentialsError();
      }
      if (user.disabled) {
        await auditOnly(userEntry(user, 'login_failed', { reason: 'disabled', ip: meta.ip }));
        throw new AccountDisabledError();
      }
      const token = randomToken();
      const csrfToken = randomToken();
      const at = now();
      await audit.transaction(db, async (tx, recorder) => {
        await updateUser(tx, user.id, { failedAttempts: 0, lockedUntil: null });
        await deleteDeadSessions(tx, user.id, at, idleSeconds);
        await insertSession(tx, {
          id: sessionIdOf(token),
          userId: user.id,
          regionCode: user.regionCode,
          csrfToken,
          createdAt: at,
          lastSeenAt: at,
          expiresAt: later(settings.lifetimeHours * 60),
        });
        await recorder.record(userEntry(user, 'login', { ip: meta.ip }));
      });
      return { token, csrfToken, user: await service.currentUser(user.id) };
    },

    /** The live session a cookie's token opens, with its caller; null when there is none. */
    async resolve(token: string): Promise<AuthSession | null> {
      const id = sessionIdOf(token);
      const cached = sessions.get(id, clock().getTime());
      if (cached) return cached;
      const at = now();
      const session = await findLiveSession(db, id, {
        now: at,
        idleSeconds,
        refreshSeconds: REFRESH_SECONDS,
      });
      if (!session) return null;
      const user = await findUserById(db, session.userId, at);
      if (!user || user.disabled) return null;
      if (session.stale) await touchSession(db, session.id, at);
      const caller: Caller = {
        userId: user.id,
        username: user.username,
        actor: user.username,
        roles: user.roles,
        permissions: permissionsOf(user.roles),
        department: user.department,
        mustChangePassword: user.mustChangePassword,
        scope: await scopeOf(user),
      };
      const resolved = { id: session.id, csrfToken: session.csrfToken, caller };
      sessions.set(resolved, clock().getTime());
      return resolved;
    },

    async logout(session: AuthSession, meta: RequestMeta): Promise<void> {
      const user = await findUserById(db, session.caller.userId, now());
      await audit.transaction(db, async (tx, recorder) => {
        await deleteSession(tx, session.id);
        if (user) await recorder.record(userEntry(user, 'logout', { ip: meta.ip }));
      });
      sessions.forgetSession(session.id);
    },

    async me(session: AuthSession) {
      return { user: await service.currentUser(session.caller.userId), csrfToken: session.csrfToken };
    },

    /**
     * A new password, given the current one. Wrong guesses count towards the lock like a login's. The
     * other sessions of the user end; this one goes on.
     */
    async changePassword(
      session: AuthSession,
      input: { currentPassword: string; newPassword: string },
      meta: RequestMeta,
    ): Promise<void> {
      const user = await findUserById(db, session.caller.userId, now());
      if (!user) throw new UnauthenticatedError();
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
        const locked = await failedPassword(user, 'change_password_failed', meta);
        throw locked ? new AccountLockedError(settings.lockMinutes) : new WrongPasswordError();
      }
      const problem = passwordProblem(input.newPassword, user.username);
      if (problem) throw new WeakPasswordError(problem);
      if (await verifyPassword(input.newPassword, user.passwordHash)) throw new PasswordReusedError();
      const passwordHash = await hashPassword(input.newPassword);
      const at = now();
      await audit.transaction(db, async (tx, recorder) => {
        await updateUser(tx, user.id, {
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: at,
          failedAttempts: 0,
          lockedUntil: null,
        });
        await deleteSessionsOf(tx, user.id, session.id);
        await recorder.record(userEntry(user, 'change_password', { ip: meta.ip }));
      });
      // This session goes on, re-read with the password changed; the others end.
      sessions.forgetUser(user.id);
    },
  };
  return service;
}

export type AuthService = ReturnType<typeof createAuthService>;
