import { type Db, query, sql } from '../../db/database.ts';
import type { Department, Role } from './roles.ts';
import { countUsers } from './users.repository.ts';
import type { UsersService } from './users.service.ts';

export interface InitialAccount {
  username: string;
  displayName: string;
  roles: Role[];
  unitCode?: string;
  department?: Department;
}

/** 编办管理员 and the three administrators of 等保 (三员), created on the first start. */
export const INITIAL_ACCOUNTS: InitialAccount[] = [
  { username: 'admin', displayName: '编办管理员', roles: ['admin'] },
  { username: 'sysadmin', displayName: '系统管理员', roles: ['system_admin'] },
  { username: 'secadmin', displayName: '安全管理员', roles: ['security_admin'] },
  { username: 'auditor', displayName: '审计管理员', roles: ['audit_admin'] },
];

export interface CreatedAccount {
  username: string;
  roles: Role[];
  oneTimePassword: string;
}

/** The only region without a parent region, if there is exactly one: the instance's top region. */
export async function topRegion(db: Db): Promise<string | null> {
  const rows = await query<{ code: string }>(
    db,
    sql`SELECT r.code FROM regions r
        WHERE NOT EXISTS (SELECT 1 FROM regions p WHERE p.code = r.parent_code) LIMIT 2`,
  );
  return rows.length === 1 ? rows[0]!.code : null;
}

/**
 * On the first start (no account at all): the accounts given, in the region given, each with a
 * one-time password to be changed at first login. Returns null when accounts exist already. Roles
 * are set here directly, as from the command line: there is no 安全管理员 yet to grant them.
 */
export async function createInitialAccounts(
  db: Db,
  users: UsersService,
  regionCode: string,
  accounts: InitialAccount[],
): Promise<CreatedAccount[] | null> {
  if ((await countUsers(db)) > 0) return null;
  const created: CreatedAccount[] = [];
  for (const account of accounts) {
    const { oneTimePassword } = await users.createWithRoles(
      { actor: 'system:setup', fullRights: true },
      { ...account, regionCode },
    );
    created.push({ username: account.username, roles: account.roles, oneTimePassword });
  }
  return created;
}
