import { userInfo } from 'node:os';
import { DEPARTMENTS, type Department, isRole, ROLE_LABELS, type Role } from '../../modules/users/roles.ts';
import { findUserByUsername } from '../../modules/users/users.repository.ts';
import { usernameSchema } from '../../modules/users/users.schemas.ts';
import { createUsersService, type FullRights } from '../../modules/users/users.service.ts';
import { printAccounts } from '../accounts.ts';
import { type Command, ReportedError, UsageError } from '../cli.ts';

const usage = [
  'bianzhi user create --username <用户名> --name <姓名> --region <区划代码> [--roles 角色,…] [--unit <单位代码>] [--department <部门>]',
  '       bianzhi user reset-password <用户名>',
  '       bianzhi user list [--region <区划代码>]',
].join('\n');

const text = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);

function rolesOf(value: string | undefined): Role[] {
  const roles = (value ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0)
    throw new UsageError(`未知角色：${unknown.join('、')}（可用：${Object.keys(ROLE_LABELS).join(', ')}）`);
  return roles as Role[];
}

function departmentOf(value: string | undefined): Department | undefined {
  if (value === undefined) return undefined;
  if (!(DEPARTMENTS as readonly string[]).includes(value))
    throw new UsageError(`未知部门：${value}（可用：${DEPARTMENTS.join(', ')}）`);
  return value as Department;
}

/**
 * Accounts from the operator's shell, with full rights (any region, roles set directly): for the
 * first administrator of a database created without `serve`, or when every administrator is locked out.
 */
export const userCommand: Command = {
  name: 'user',
  usage,
  summary: '管理账号（命令行拥有全部权限）：新建、重置密码（打印一次性密码）、列出',
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    region: { type: 'string' },
    roles: { type: 'string' },
    unit: { type: 'string' },
    department: { type: 'string' },
  },
  async run({ values, positionals }, context) {
    const [action, ...rest] = positionals;
    const by: FullRights = { actor: `cli:${userInfo().username}`, fullRights: true };
    const opened = await context.open();
    try {
      const { db } = opened.database;
      const users = createUsersService({ db, audit: opened.audit, clock: opened.clock });
      switch (action) {
        case 'create': {
          const username = usernameSchema.safeParse(text(values.username) ?? '');
          const displayName = text(values.name);
          const regionCode = text(values.region);
          if (!username.success || !displayName || !regionCode || rest.length > 0)
            throw new UsageError(`须提供有效的 --username、--name 与 --region\n用法: ${usage}`);
          const { user, oneTimePassword } = await users.createWithRoles(by, {
            username: username.data,
            displayName,
            regionCode,
            unitCode: text(values.unit) ?? null,
            department: departmentOf(text(values.department)) ?? null,
            roles: rolesOf(text(values.roles)),
          });
          context.io.stdout.write('已创建账号，一次性密码只显示这一次，首次登录后须修改：\n');
          printAccounts(context.io, [{ username: user.username, roles: user.roles, oneTimePassword }]);
          return 0;
        }
        case 'reset-password': {
          const [username] = rest;
          if (!username || rest.length > 1) throw new UsageError(`须提供一个用户名\n用法: ${usage}`);
          const user = await findUserByUsername(db, username.toLowerCase(), opened.clock().toISOString());
          if (!user) throw new ReportedError(`用户 ${username} 不存在`);
          const { oneTimePassword } = await users.resetPassword(by, user.id);
          context.io.stdout.write('已重置密码并解除锁定，一次性密码只显示这一次：\n');
          printAccounts(context.io, [{ username: user.username, roles: user.roles, oneTimePassword }]);
          return 0;
        }
        case 'list': {
          const page = await users.list(by, { page: 1, pageSize: 10_000 });
          const region = text(values.region);
          for (const user of page.items.filter((item) => !region || item.regionCode === region)) {
            const roles = user.roles.map((role) => ROLE_LABELS[role]).join('、') || '（无角色）';
            const flags = [user.disabled ? '已停用' : '', user.mustChangePassword ? '须改密码' : ''].filter(
              Boolean,
            );
            context.io.stdout.write(
              `${user.username}\t${user.displayName}\t${user.regionCode}\t${user.unitCode ?? ''}\t${roles}\t${flags.join(' ')}\n`,
            );
          }
          return 0;
        }
        default:
          throw new UsageError(`用法: ${usage}`);
      }
    } finally {
      await opened.database.close();
    }
  },
};
