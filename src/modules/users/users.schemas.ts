import { z } from 'zod';
import { DEPARTMENT_LABELS, DEPARTMENTS, PERMISSIONS, ROLE_LABELS, ROLES } from './roles.ts';

const describeLabels = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([code, label]) => `${code} ${label}`)
    .join('；');

export const roleSchema = z.enum(ROLES).describe(`角色：${describeLabels(ROLE_LABELS)}`);
export const departmentSchema = z.enum(DEPARTMENTS).describe(`部门：${describeLabels(DEPARTMENT_LABELS)}`);

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{1,31}$/, {
    error: '用户名应为2至32位小写字母、数字、下划线、点或连字符，以字母开头',
  })
  .describe('用户名（小写字母开头）');

const userFields = {
  id: z.number().int(),
  username: z.string(),
  displayName: z.string().describe('姓名'),
  roles: z.array(roleSchema),
  regionCode: z.string().describe('所属行政区划：可见本区划及下级区划'),
  regionName: z.string().nullable(),
  unitCode: z.string().nullable().describe('单位联络员所属单位'),
  unitName: z.string().nullable(),
  department: departmentSchema.nullable().describe('部门查询账号所属部门'),
  mustChangePassword: z.boolean().describe('须先修改初始密码'),
};

/** The signed-in user, with what they may do. */
export const currentUserSchema = z
  .object({ ...userFields, permissions: z.array(z.enum(PERMISSIONS)).describe('拥有的权限') })
  .describe('当前用户');

/** An account as its administrators see it. */
export const userSchema = z
  .object({
    ...userFields,
    disabled: z.boolean().describe('已停用'),
    lockedUntil: z.string().nullable().describe('锁定至（ISO 时间）；空为未锁定过'),
    createdAt: z.string(),
    passwordChangedAt: z.string().nullable(),
  })
  .describe('账号');

export const sessionSchema = z.object({
  user: currentUserSchema,
  csrfToken: z.string().describe('防跨站令牌：除 GET/HEAD 外的请求须放在请求头 x-csrf-token 中'),
});

export const loginBody = z.object({
  username: z.string().min(1, { error: '请输入用户名' }).max(64),
  password: z.string().min(1, { error: '请输入密码' }).max(256),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, { error: '请输入当前密码' }).max(256),
  newPassword: z
    .string()
    .max(256)
    .describe('至少 10 个字符，含大写字母、小写字母、数字、符号中的至少三类，不含用户名'),
});

export const userParams = z.object({ id: z.coerce.number().int().positive().describe('用户编号') });

export const userListQuery = z.object({
  q: z.string().max(64).optional().describe('按用户名或姓名查找'),
  page: z.coerce.number().int().min(1, { error: '应为正整数' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(500, { error: '应为1至500的整数' }).default(50),
});

export const userListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(userSchema),
});

export const createUserBody = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1, { error: '请填写姓名' }).max(64),
  regionCode: z.string().min(1).max(32).describe('所属行政区划代码'),
  unitCode: z.string().min(1).max(64).nullable().optional().describe('单位联络员所属单位代码'),
  department: departmentSchema.nullable().optional(),
});

export const updateUserBody = z.object({
  displayName: z.string().trim().min(1).max(64).optional(),
  regionCode: z.string().min(1).max(32).optional(),
  unitCode: z.string().min(1).max(64).nullable().optional(),
  department: departmentSchema.nullable().optional(),
  disabled: z.boolean().optional().describe('停用（true）或启用（false）；停用即结束其全部会话'),
});

export const setRolesBody = z.object({
  roles: z
    .array(roleSchema)
    .max(ROLES.length)
    .describe('全部角色（替换原有角色）；系统管理员、安全管理员、审计管理员均须单独担任'),
});

export const oneTimePasswordSchema = z.object({
  user: userSchema,
  oneTimePassword: z.string().describe('一次性密码：只显示这一次，用户首次登录后须修改'),
});
