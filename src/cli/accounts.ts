import { type Db, query, sql } from '../db/database.ts';
import type { AuditTrail } from '../modules/audit/audit.service.ts';
import { ROLE_LABELS } from '../modules/users/roles.ts';
import {
  type CreatedAccount,
  createInitialAccounts,
  INITIAL_ACCOUNTS,
  type InitialAccount,
  topRegion,
} from '../modules/users/users.bootstrap.ts';
import { createUsersService } from '../modules/users/users.service.ts';
import type { Clock } from '../shared/dates.ts';
import type { CliIo } from './cli.ts';

export function printAccounts(io: CliIo, accounts: CreatedAccount[]): void {
  for (const account of accounts) {
    const roles = account.roles.map((role) => ROLE_LABELS[role]).join('、');
    io.stdout.write(
      `  ${account.username.padEnd(12)} ${roles.padEnd(8, '　')} 一次性密码：${account.oneTimePassword}\n`,
    );
  }
}

/**
 * Demonstration accounts for the demo county, one per business role the web application shows
 * differently: a clerk, a 单位联络员 of the county's first unit with staff, a 审计 reader, a leader.
 */
async function demoAccounts(db: Db, regionCode: string): Promise<InitialAccount[]> {
  const [unit] = await query<{ code: string }>(
    db,
    sql`SELECT u.code FROM units u JOIN unit_versions v ON v.unit_id = u.id
        WHERE u.region_code = ${regionCode} AND u.abolished_on IS NULL AND v.kind <> 'internal_division'
          AND EXISTS (SELECT 1 FROM seats s WHERE s.unit_id = u.id AND s.exited_on IS NULL)
        ORDER BY v.sort_order NULLS LAST, u.code LIMIT 1`,
  );
  return [
    { username: 'clerk', displayName: '编办业务员（示范）', roles: ['clerk'] },
    ...(unit
      ? [
          {
            username: 'liaison',
            displayName: '单位联络员（示范）',
            roles: ['unit_liaison' as const],
            unitCode: unit.code,
          },
        ]
      : []),
    { username: 'auditdept', displayName: '审计局查询（示范）', roles: ['dept_reader'], department: 'audit' },
    { username: 'leader', displayName: '领导（示范）', roles: ['leader'] },
  ];
}

/**
 * First start: with no account yet, creates 编办管理员 and 三员 in the instance's top region (or
 * `regionCode`), with `demo` the demonstration accounts too, and prints each one-time password once.
 */
export async function ensureAccounts(
  opened: { database: { db: Db }; audit: AuditTrail; clock: Clock },
  io: CliIo,
  options: { regionCode?: string | undefined; demo: boolean },
): Promise<void> {
  const { db } = opened.database;
  const regionCode = options.regionCode || (await topRegion(db));
  if (!regionCode) {
    io.stdout.write(
      '尚无账号，且无法确定本实例的顶级行政区划：请用 --region <区划代码>（或环境变量 BIANZHI_REGION）重新启动，以创建管理员账号\n',
    );
    return;
  }
  const users = createUsersService({ db, audit: opened.audit, clock: opened.clock });
  const accounts = [...INITIAL_ACCOUNTS, ...(options.demo ? await demoAccounts(db, regionCode) : [])];
  const created = await createInitialAccounts(db, users, regionCode, accounts);
  if (!created) return;
  io.stdout.write(
    `首次启动：已创建以下账号（行政区划 ${regionCode}），一次性密码只显示这一次，首次登录后须修改：\n`,
  );
  printAccounts(io, created);
}
