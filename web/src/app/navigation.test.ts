import { describe, expect, it } from 'vitest';
import { breadcrumbOf, homePath, menuKeyOf, permissionsFor, visibleNavigation } from './navigation.ts';

const clerk = ['register.read', 'register.write', 'export', 'id_number.read', 'stats.read'];

describe('navigation', () => {
  it('shows each user only the modules they may open', () => {
    expect(visibleNavigation(clerk).map((g) => g.label)).toEqual([
      '机构编制',
      '实名制',
      '业务办理',
      '预警监督',
      '数据交换',
      '统计',
    ]);
    expect(visibleNavigation(['register.read']).flatMap((g) => g.items.map((i) => i.label))).toEqual([
      '机构树',
      '单位一览',
      '动议事项',
      '人员名册',
      '用编计划',
      '用编核准',
      '预警看板',
      '超缺编亮灯',
      '问题台账',
      '预警规则',
      '用编分析',
    ]);
    expect(visibleNavigation(['audit.read']).map((g) => g.label)).toEqual(['系统']);
    expect(visibleNavigation(['roles.grant'])[0]?.items.map((i) => i.label)).toEqual(['用户管理']);
  });

  it('offers 入编 and 任职 only to those who may carry them out', () => {
    const liaison = ['register.read', 'findings.rectify', 'flows.apply'];
    const flows = (permissions: string[]) =>
      visibleNavigation(permissions)
        .find((g) => g.key === 'flows')
        ?.items.map((i) => i.label);
    expect(flows(liaison)).toEqual(['用编计划', '用编核准']);
    expect(flows([...clerk, 'flows.apply', 'flows.approve'])).toEqual([
      '用编计划',
      '用编核准',
      '入编',
      '任职',
    ]);
    expect(permissionsFor('/flows/enter')).toEqual(['flows.approve']);
    expect(breadcrumbOf('/flows/plans')).toEqual([{ label: '业务办理' }, { label: '用编计划' }]);
  });

  it('lands a user on the first page they may open', () => {
    expect(homePath(clerk)).toBe('/org/tree');
    expect(homePath(['audit.read'])).toBe('/system/audit');
    expect(homePath([])).toBe('/account/password');
  });

  it('builds the breadcrumb of menu pages and of detail pages below them', () => {
    expect(breadcrumbOf('/org/tree')).toEqual([{ label: '机构编制' }, { label: '机构树' }]);
    expect(breadcrumbOf('/org/units/ABC/')).toEqual([
      { label: '机构编制' },
      { label: '单位一览', path: '/org/units' },
      { label: '单位详情' },
    ]);
    expect(breadcrumbOf('/findings/new')).toEqual([
      { label: '预警监督' },
      { label: '问题台账', path: '/findings' },
      { label: '登记问题' },
    ]);
    expect(breadcrumbOf('/findings/7')).toEqual([
      { label: '预警监督' },
      { label: '问题台账', path: '/findings' },
      { label: '问题详情' },
    ]);
    expect(breadcrumbOf('/proposals/3')).toEqual([
      { label: '机构编制' },
      { label: '动议事项', path: '/proposals' },
      { label: '动议事项详情' },
    ]);
    expect(breadcrumbOf('/stats/changes')).toEqual([{ label: '统计' }, { label: '变动情况统计' }]);
    expect(breadcrumbOf('/nowhere')).toEqual([]);
  });

  it('guards a detail page with its list page’s permissions', () => {
    expect(menuKeyOf('/roster/persons/12')).toBe('/roster');
    expect(permissionsFor('/roster/persons/12')).toEqual(['register.read']);
    expect(permissionsFor('/system/users')).toEqual(['users.manage', 'roles.grant']);
    expect(permissionsFor('/warnings/rules')).toEqual(['register.read']);
    expect(permissionsFor('/findings/12')).toEqual(['register.read']);
    expect(permissionsFor('/proposals/new')).toEqual(['register.read']);
    expect(permissionsFor('/stats/changes')).toEqual(['stats.read']);
    expect(permissionsFor('/account/password')).toBeNull();
  });
});
