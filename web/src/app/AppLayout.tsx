import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  LogoutOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Breadcrumb, Button, Layout, Menu, type MenuProps, Space, Tag, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Forbidden, Loading } from '../shared/components/states.tsx';
import { useAsOf } from '../shared/hooks/use-as-of.ts';
import { labelOf, ROLES } from '../shared/labels.ts';
import { hasPermission, useLogout, useUser } from '../features/auth/session.tsx';
import { ReminderBell } from '../features/findings/components/ReminderBell.tsx';
import { AsOfPicker } from './AsOfPicker.tsx';
import { breadcrumbOf, menuKeyOf, type NavGroup, permissionsFor, visibleNavigation } from './navigation.ts';

/** Who reads dated business figures: the others (the 三员) have no use for the date. */
const DATED_PERMISSIONS = ['register.read', 'stats.read'];

const ICONS: Record<NavGroup['key'], ReactNode> = {
  org: <ApartmentOutlined />,
  roster: <TeamOutlined />,
  flows: <AuditOutlined />,
  warnings: <AlertOutlined />,
  interchange: <SwapOutlined />,
  stats: <BarChartOutlined />,
  system: <SettingOutlined />,
};

function SideMenu() {
  const user = useUser();
  const { link } = useAsOf();
  const { pathname } = useLocation();
  const groups = visibleNavigation(user.permissions);
  const items: MenuProps['items'] = groups.map((group) => ({
    key: group.key,
    icon: ICONS[group.key],
    label: group.label,
    children: group.items.map((item) => ({
      key: item.path,
      label: <Link to={link(item.path)}>{item.label}</Link>,
    })),
  }));
  const selected = menuKeyOf(pathname);
  return (
    <Menu
      mode="inline"
      aria-label="功能导航"
      items={items}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={groups.map((g) => g.key)}
    />
  );
}

function UserArea() {
  const user = useUser();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Space size="middle" wrap={false}>
      <Space size={4}>
        <UserOutlined aria-hidden />
        <Typography.Text strong data-testid="current-user">
          {user.displayName}
        </Typography.Text>
        {user.roles.map((role) => (
          <Tag key={role} color="blue">
            {labelOf(ROLES, role)}
          </Tag>
        ))}
        <Typography.Text type="secondary">
          {user.regionName}
          {user.unitName ? ` · ${user.unitName}` : ''}
        </Typography.Text>
      </Space>
      <Link to="/account/password">修改密码</Link>
      <Button
        icon={<LogoutOutlined />}
        aria-label="退出登录"
        onClick={() => void logout().then(() => navigate('/login', { replace: true }))}
      >
        退出
      </Button>
    </Space>
  );
}

function PageCrumbs() {
  const { pathname } = useLocation();
  const { link } = useAsOf();
  const crumbs = breadcrumbOf(pathname);
  if (crumbs.length === 0) return null;
  return (
    <Breadcrumb
      style={{ marginBottom: 16 }}
      items={crumbs.map((crumb) => ({
        title: crumb.path ? <Link to={link(crumb.path)}>{crumb.label}</Link> : crumb.label,
      }))}
    />
  );
}

/** Opens the page only for a user whose permissions it names; otherwise says 无权访问. */
function Guarded() {
  const user = useUser();
  const { pathname } = useLocation();
  const needed = permissionsFor(pathname);
  if (needed && !hasPermission(user, needed)) return <Forbidden />;
  return (
    <Suspense fallback={<Loading rows={8} />}>
      <Outlet />
    </Suspense>
  );
}

/** The shell: side menu by module, header with the date, the user and logout, breadcrumb, the page. */
export function AppLayout() {
  const user = useUser();
  const { pathname, search } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  if (user.mustChangePassword && pathname !== '/account/password')
    return <Navigate to={`/account/password?next=${encodeURIComponent(pathname + search)}`} replace />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 24,
          background: '#fff',
          padding: '0 24px',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap', color: '#a8071a' }}>
          机构编制管理平台
        </Typography.Title>
        <div style={{ flex: 1 }} />
        {hasPermission(user, DATED_PERMISSIONS) && <AsOfPicker />}
        {hasPermission(user, 'register.read') && <ReminderBell />}
        <UserArea />
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={200}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <SideMenu />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <PageCrumbs />
          <main>
            <Guarded />
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
