import type { SessionCache } from '../auth/session.cache.ts';
import type { Db } from '../../db/database.ts';
import { type Clock, todayOf } from '../../shared/dates.ts';
import type { AuditRecorder, AuditTrail } from '../audit/audit.service.ts';
import type { Caller } from '../auth/caller.ts';
import { UnitNotFoundError } from '../org/org.errors.ts';
import { findUnitByCode } from '../org/org.repository.ts';
import { regionWithin } from '../org/org.scope.ts';
import { requireRegion } from '../org/org.service.ts';
import { hashPassword, oneTimePassword } from './password.ts';
import { type Department, type Role, rolesConflict } from './roles.ts';
import {
  DepartmentRequiredError,
  RolesConflictError,
  SelfDisableError,
  SelfGrantError,
  UnitOutsideRegionError,
  UnitRequiredError,
  UsernameTakenError,
  UserNotFoundError,
} from './users.errors.ts';
import {
  deleteSessionsOf,
  findUserById,
  findUserByUsername,
  insertUser,
  type UserRecord,
  type UserView,
  updateUser,
  userViews,
} from './users.repository.ts';

export interface UsersDeps {
  db: Db;
  audit: AuditTrail;
  clock: Clock;
  /** The server's cache of resolved sessions (absent on the command line, which has none). */
  sessions?: SessionCache;
}

/** The command line and the first start: every account, no scope. */
export interface FullRights {
  actor: string;
  fullRights: true;
}

/** Who acts on accounts: a signed-in caller, bounded by their scope, or the command line. */
export type Acting = Caller | FullRights;

const callerIn = (by: Acting): Caller | null => ('fullRights' in by ? null : by);

export interface NewAccount {
  username: string;
  displayName: string;
  regionCode: string;
  unitCode?: string | null;
  department?: Department | null;
  roles: Role[];
}

export interface UserPatch {
  displayName?: string;
  regionCode?: string;
  unitCode?: string | null;
  department?: Department | null;
  disabled?: boolean;
}

/** What an account's audit entries show of it: never its password or hash. */
function auditView(
  user: Pick<UserRecord, 'username' | 'displayName' | 'regionCode' | 'department' | 'roles' | 'disabled'> & {
    unitCode: string | null;
  },
) {
  const { username, displayName, regionCode, unitCode, department, roles, disabled } = user;
  return { username, displayName, regionCode, unitCode, department, roles, disabled };
}

/** A 单位联络员 needs a unit, a 部门查询 reader a department; 三员 are held alone. */
function checkRoles(roles: readonly Role[], account: { unitId: number | null; department: string | null }) {
  const conflict = rolesConflict(roles);
  if (conflict) throw new RolesConflictError(conflict);
  if (roles.includes('unit_liaison') && account.unitId === null) throw new UnitRequiredError();
  if (roles.includes('dept_reader') && account.department === null) throw new DepartmentRequiredError();
}

const unique = <T>(items: readonly T[]) => [...new Set(items)];

/**
 * Accounts: 系统管理员 creates, edits, disables them and resets passwords; 安全管理员 sets their
 * roles. Each acts on the accounts of their own region scope only (others are "not found"); every
 * change is one audit entry. `full` (the command line) acts on any account.
 */
export function createUsersService(deps: UsersDeps) {
  const { db, audit, clock } = deps;
  const now = () => clock().toISOString();
  /** Once the change is committed, the server's cached sessions of the account are re-read. */
  const forgetAfter = async <T>(id: number, change: Promise<T>): Promise<T> => {
    const result = await change;
    deps.sessions?.forgetUser(id);
    return result;
  };

  async function viewOf(tx: Db, id: number): Promise<UserView> {
    const { items } = await userViews(tx, { id }, todayOf(clock));
    return items[0]!;
  }

  /** The account, locked for the transaction, if the caller's scope covers it. */
  async function requireUser(tx: Db, caller: Caller | null, id: number): Promise<UserRecord> {
    const user = await findUserById(tx, id, now(), true);
    if (!user || (caller && !(await regionWithin(tx, user.regionCode, caller.scope.regionCode))))
      throw new UserNotFoundError(id);
    return user;
  }

  /** The unit of a 单位联络员: it must exist, be visible, and belong to the account's region. */
  async function unitIdOf(tx: Db, unitCode: string | null | undefined, regionCode: string) {
    if (!unitCode) return null;
    const unit = await findUnitByCode(tx, unitCode);
    if (!unit) throw new UnitNotFoundError(unitCode);
    if (unit.regionCode !== regionCode) throw new UnitOutsideRegionError(unitCode, regionCode);
    return unit.id;
  }

  async function insertAccount(tx: Db, recorder: AuditRecorder, actor: string, account: NewAccount) {
    if (await findUserByUsername(tx, account.username, now())) throw new UsernameTakenError(account.username);
    const unitId = await unitIdOf(tx, account.unitCode, account.regionCode);
    const department = account.department ?? null;
    const roles = unique(account.roles);
    checkRoles(roles, { unitId, department });
    const password = oneTimePassword(account.username);
    const id = await insertUser(tx, {
      username: account.username,
      displayName: account.displayName,
      passwordHash: await hashPassword(password),
      regionCode: account.regionCode,
      unitId,
      department,
      roles,
      mustChangePassword: true,
      createdAt: now(),
    });
    const user = await viewOf(tx, id);
    await recorder.record({
      actor,
      action: 'create',
      entity: 'user',
      entityKey: user.username,
      regionCode: user.regionCode,
      after: auditView(user),
    });
    return { user, oneTimePassword: password };
  }

  const service = {
    /** The accounts of the caller's region scope (or, from the command line, all of them). */
    async list(by: Acting, query: { q?: string | undefined; page: number; pageSize: number }) {
      const regionCode = callerIn(by)?.scope.regionCode ?? null;
      const page = await userViews(db, { regionCode, search: query.q, ...query }, todayOf(clock));
      return { ...page, page: query.page, pageSize: query.pageSize };
    },

    /** A new account without roles (安全管理员 grants them) and with a one-time password. */
    async create(caller: Caller, input: Omit<NewAccount, 'roles'>) {
      await requireRegion(db, caller.scope, input.regionCode);
      return audit.transaction(db, (tx, recorder) =>
        insertAccount(tx, recorder, caller.actor, { ...input, roles: [] }),
      );
    },

    /** Creates an account with its roles at once: the command line and the first start, which act with full rights. */
    createWithRoles(by: FullRights, account: NewAccount) {
      return audit.transaction(db, (tx, recorder) => insertAccount(tx, recorder, by.actor, account));
    },

    async update(caller: Caller, id: number, patch: UserPatch): Promise<UserView> {
      if (patch.regionCode !== undefined) await requireRegion(db, caller.scope, patch.regionCode);
      return forgetAfter(
        id,
        audit.transaction(db, async (tx, recorder) => {
          const user = await requireUser(tx, caller, id);
          if (patch.disabled === true && user.id === caller.userId) throw new SelfDisableError();
          const before = await viewOf(tx, id);
          const regionCode = patch.regionCode ?? user.regionCode;
          const unitCode = patch.unitCode === undefined ? before.unitCode : patch.unitCode;
          const unitId = await unitIdOf(tx, unitCode, regionCode);
          const department = patch.department === undefined ? user.department : patch.department;
          checkRoles(user.roles, { unitId, department });
          await updateUser(tx, id, {
            displayName: patch.displayName ?? user.displayName,
            regionCode,
            unitId,
            department,
            disabled: patch.disabled ?? user.disabled,
          });
          // Disabled, or moved to another region or unit: what its sessions were allowed to see has changed.
          if (patch.disabled === true || regionCode !== user.regionCode || unitId !== user.unitId)
            await deleteSessionsOf(tx, id);
          const after = await viewOf(tx, id);
          await recorder.record({
            actor: caller.actor,
            action: 'update',
            entity: 'user',
            entityKey: user.username,
            regionCode: after.regionCode,
            before: auditView(before),
            after: auditView(after),
          });
          return after;
        }),
      );
    },

    /** A new one-time password: the account is unlocked, its sessions end, the user must change it. */
    async resetPassword(by: Acting, id: number) {
      return forgetAfter(
        id,
        audit.transaction(db, async (tx, recorder) => {
          const user = await requireUser(tx, callerIn(by), id);
          const password = oneTimePassword(user.username);
          const passwordHash = await hashPassword(password);
          await updateUser(tx, id, {
            passwordHash,
            mustChangePassword: true,
            failedAttempts: 0,
            lockedUntil: null,
          });
          await deleteSessionsOf(tx, id);
          await recorder.record({
            actor: by.actor,
            action: 'reset_password',
            entity: 'user',
            entityKey: user.username,
            regionCode: user.regionCode,
          });
          return { user: await viewOf(tx, id), oneTimePassword: password };
        }),
      );
    },

    /** Replaces an account's roles (安全管理员): never one's own, and 三员 each held alone. */
    async setRoles(by: Acting, id: number, roles: Role[]): Promise<UserView> {
      const caller = callerIn(by);
      if (caller && caller.userId === id) throw new SelfGrantError();
      return forgetAfter(
        id,
        audit.transaction(db, async (tx, recorder) => {
          const user = await requireUser(tx, caller, id);
          const granted = unique(roles);
          checkRoles(granted, user);
          await updateUser(tx, id, { roles: granted });
          await recorder.record({
            actor: by.actor,
            action: 'set_roles',
            entity: 'user',
            entityKey: user.username,
            regionCode: user.regionCode,
            before: { roles: user.roles },
            after: { roles: granted },
          });
          return viewOf(tx, id);
        }),
      );
    },
  };
  return service;
}

export type UsersService = ReturnType<typeof createUsersService>;
