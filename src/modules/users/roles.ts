/**
 * Roles and what each may do. Routes declare the permissions they need (`config.access`), never
 * roles, so a role's rights are read here and nowhere else. Code names are English; the labels are
 * what the UI shows.
 */

export const ROLES = [
  'admin',
  'clerk',
  'unit_liaison',
  'dept_reader',
  'leader',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '编办管理员',
  clerk: '编办业务员',
  unit_liaison: '单位联络员',
  dept_reader: '部门查询',
  leader: '领导',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

export const PERMISSIONS = [
  'register.read',
  'register.write',
  'export',
  'id_number.read',
  'stats.read',
  'users.manage',
  'roles.grant',
  'audit.read',
  'findings.manage',
  'findings.rectify',
  'flows.apply',
  'flows.approve',
  'flows.override',
  'flows.confirm',
  'proposals.submit',
  'proposals.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  'register.read': '查看机构、编制、职数与实名制数据',
  'register.write': '导入数据（写入机构编制数据）',
  export: '导出数据（含完整身份证号）',
  'id_number.read': '查看完整的公民身份号码',
  'stats.read': '查看统计与领导驾驶舱',
  'users.manage': '管理账号（新建、停用、重置密码）',
  'roles.grant': '授予角色',
  'audit.read': '查看审计日志',
  'findings.manage': '问题台账：登记、核验销号、暂缓、下发整改通知书',
  'findings.rectify': '问题台账：报送整改措施与佐证材料',
  'flows.apply': '申报用编计划',
  'flows.approve': '审批用编计划、核准用编、办理入编与任免',
  'flows.override': '越权办理：规则拦截的事项说明理由并附文件后放行（登记为问题）',
  'flows.confirm': '部门办理环节：组织部、人社、财政确认或退回本部门环节',
  'proposals.submit': '提出机构编制动议事项',
  'proposals.manage': '动议事项：论证、记录审议决定、组织实施、过程检查',
};

/**
 * The permission table. The three administrators of 等保 (三员) hold no business permission:
 * 系统管理员 manages accounts, 安全管理员 grants roles, 审计管理员 reads the audit log.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'register.read',
    'register.write',
    'export',
    'id_number.read',
    'stats.read',
    'findings.manage',
    'findings.rectify',
    'flows.apply',
    'flows.approve',
    'flows.override',
    'proposals.submit',
    'proposals.manage',
  ],
  clerk: [
    'register.read',
    'register.write',
    'export',
    'id_number.read',
    'stats.read',
    'findings.manage',
    'findings.rectify',
    'flows.apply',
    'flows.approve',
    'proposals.submit',
    'proposals.manage',
  ],
  unit_liaison: ['register.read', 'findings.rectify', 'flows.apply', 'proposals.submit'],
  dept_reader: ['register.read', 'stats.read', 'flows.confirm'],
  leader: ['register.read', 'stats.read'],
  system_admin: ['users.manage'],
  security_admin: ['roles.grant'],
  audit_admin: ['audit.read'],
};

/** 三员: each is held alone, without any other role, so none of them ever reads business data. */
export const SEPARATED_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

/** The departments whose readers hold `dept_reader` (部门查询). */
export const DEPARTMENTS = ['organization', 'hr', 'finance', 'discipline', 'audit'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const DEPARTMENT_LABELS: Record<Department, string> = {
  organization: '组织部',
  hr: '人社',
  finance: '财政',
  discipline: '纪委监委',
  audit: '审计',
};

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const granted = new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
  return PERMISSIONS.filter((permission) => granted.has(permission));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Why a set of roles cannot be held together (三员分立), or null when it can. */
export function rolesConflict(roles: readonly Role[]): string | null {
  const separated = roles.filter((role) => SEPARATED_ROLES.includes(role));
  if (separated.length === 0 || roles.length === 1) return null;
  const others = roles.filter((role) => role !== separated[0]).map((role) => ROLE_LABELS[role]);
  return `三员分立：${ROLE_LABELS[separated[0]!]}不能同时担任${others.join('、')}`;
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}
