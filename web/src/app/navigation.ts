/**
 * The modules and their pages as the side menu, the breadcrumb and the route guards see them: one
 * table, so a page's place and who may open it are said once. Pure.
 */

export interface NavItem {
  path: string;
  label: string;
  /** Any one of these permissions opens the page. */
  permissions: readonly string[];
}

export interface NavGroup {
  key: 'org' | 'roster' | 'flows' | 'warnings' | 'interchange' | 'stats' | 'system';
  label: string;
  items: NavItem[];
}

export const NAVIGATION: NavGroup[] = [
  {
    key: 'org',
    label: '机构编制',
    items: [
      { path: '/org/tree', label: '机构树', permissions: ['register.read'] },
      { path: '/org/units', label: '单位一览', permissions: ['register.read'] },
      { path: '/proposals', label: '动议事项', permissions: ['register.read'] },
    ],
  },
  {
    key: 'roster',
    label: '实名制',
    items: [{ path: '/roster', label: '人员名册', permissions: ['register.read'] }],
  },
  {
    key: 'flows',
    label: '业务办理',
    items: [
      { path: '/flows/plans', label: '用编计划', permissions: ['register.read'] },
      { path: '/flows/approvals', label: '用编核准', permissions: ['register.read'] },
      { path: '/flows/enter', label: '入编', permissions: ['flows.approve'] },
      { path: '/flows/appoint', label: '任职', permissions: ['flows.approve'] },
    ],
  },
  {
    key: 'warnings',
    label: '预警监督',
    items: [
      { path: '/warnings/dashboard', label: '预警看板', permissions: ['register.read'] },
      { path: '/warnings/lights', label: '超缺编亮灯', permissions: ['register.read'] },
      { path: '/findings', label: '问题台账', permissions: ['register.read'] },
      { path: '/warnings/rules', label: '预警规则', permissions: ['register.read'] },
    ],
  },
  {
    key: 'interchange',
    label: '数据交换',
    items: [
      { path: '/interchange/import', label: '导入', permissions: ['register.write'] },
      { path: '/interchange/export', label: '导出', permissions: ['export'] },
    ],
  },
  {
    key: 'stats',
    label: '统计',
    items: [
      { path: '/stats/overview', label: '区域概况', permissions: ['stats.read'] },
      // A unit liaison reads their own units' vacancy too.
      { path: '/stats/vacancy', label: '用编分析', permissions: ['register.read'] },
      { path: '/stats/changes', label: '变动情况统计', permissions: ['stats.read'] },
    ],
  },
  {
    key: 'system',
    label: '系统',
    items: [
      { path: '/system/users', label: '用户管理', permissions: ['users.manage', 'roles.grant'] },
      { path: '/system/audit', label: '审计日志', permissions: ['audit.read'] },
    ],
  },
];

/** Pages below a menu page: their breadcrumb ends with this label under the menu page. */
const DETAIL_PAGES: { pattern: RegExp; parent: string; label: string }[] = [
  { pattern: /^\/org\/units\/[^/]+$/, parent: '/org/units', label: '单位详情' },
  { pattern: /^\/roster\/persons\/[^/]+$/, parent: '/roster', label: '人员详情' },
  { pattern: /^\/proposals\/new$/, parent: '/proposals', label: '提出动议' },
  { pattern: /^\/proposals\/\d+$/, parent: '/proposals', label: '动议事项详情' },
  { pattern: /^\/findings\/new$/, parent: '/findings', label: '登记问题' },
  { pattern: /^\/findings\/\d+$/, parent: '/findings', label: '问题详情' },
];

export function canOpen(item: NavItem, permissions: readonly string[]): boolean {
  return item.permissions.some((p) => permissions.includes(p));
}

/** The menu a user sees: groups with at least one page they may open. */
export function visibleNavigation(permissions: readonly string[]): NavGroup[] {
  return NAVIGATION.map((group) => ({
    ...group,
    items: group.items.filter((i) => canOpen(i, permissions)),
  })).filter((group) => group.items.length > 0);
}

/** Where a user lands after login: the first page they may open, or the password page. */
export function homePath(permissions: readonly string[]): string {
  return visibleNavigation(permissions)[0]?.items[0]?.path ?? '/account/password';
}

export interface Crumb {
  label: string;
  path?: string;
}

function findItem(path: string): { group: NavGroup; item: NavItem } | null {
  for (const group of NAVIGATION) {
    const item = group.items.find((i) => i.path === path);
    if (item) return { group, item };
  }
  return null;
}

/** The breadcrumb of a path: module › page (› detail). */
export function breadcrumbOf(pathname: string): Crumb[] {
  const path = pathname.replace(/\/+$/, '') || '/';
  const found = findItem(path);
  if (found) return [{ label: found.group.label }, { label: found.item.label }];
  const detail = DETAIL_PAGES.find((d) => d.pattern.test(path));
  const parent = detail ? findItem(detail.parent) : null;
  if (detail && parent)
    return [
      { label: parent.group.label },
      { label: parent.item.label, path: parent.item.path },
      { label: detail.label },
    ];
  if (path === '/account/password') return [{ label: '账号' }, { label: '修改密码' }];
  return [];
}

/** The menu entry a path belongs to (a detail page highlights its list page). */
export function menuKeyOf(pathname: string): string | null {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (findItem(path)) return path;
  return DETAIL_PAGES.find((d) => d.pattern.test(path))?.parent ?? null;
}

/** The permissions a path needs, or null for a path no menu page governs. */
export function permissionsFor(pathname: string): readonly string[] | null {
  const key = menuKeyOf(pathname);
  return key ? (findItem(key)?.item.permissions ?? null) : null;
}
