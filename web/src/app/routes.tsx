import { Spin } from 'antd';
import { lazy } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { ErrorResult, NotFoundResult } from '../shared/components/states.tsx';
import { useSessionState, useUser } from '../features/auth/session.tsx';
import { AppLayout } from './AppLayout.tsx';
import { homePath } from './navigation.ts';

// Each page is its own chunk: the first load brings the shell, not every feature.
const LoginPage = lazy(() =>
  import('../features/auth/pages/LoginPage.tsx').then((m) => ({ default: m.LoginPage })),
);
const ChangePasswordPage = lazy(() =>
  import('../features/auth/pages/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })),
);
const UnitTreePage = lazy(() =>
  import('../features/org/pages/UnitTreePage.tsx').then((m) => ({ default: m.UnitTreePage })),
);
const UnitListPage = lazy(() =>
  import('../features/org/pages/UnitListPage.tsx').then((m) => ({ default: m.UnitListPage })),
);
const UnitPage = lazy(() =>
  import('../features/org/pages/UnitPage.tsx').then((m) => ({ default: m.UnitPage })),
);
const RosterPage = lazy(() =>
  import('../features/roster/pages/RosterPage.tsx').then((m) => ({ default: m.RosterPage })),
);
const PersonPage = lazy(() =>
  import('../features/roster/pages/PersonPage.tsx').then((m) => ({ default: m.PersonPage })),
);
const ImportPage = lazy(() =>
  import('../features/interchange/pages/ImportPage.tsx').then((m) => ({ default: m.ImportPage })),
);
const ExportPage = lazy(() =>
  import('../features/interchange/pages/ExportPage.tsx').then((m) => ({ default: m.ExportPage })),
);
const RegionOverviewPage = lazy(() =>
  import('../features/stats/pages/RegionOverviewPage.tsx').then((m) => ({ default: m.RegionOverviewPage })),
);
const VacancyPage = lazy(() =>
  import('../features/vacancy/pages/VacancyPage.tsx').then((m) => ({ default: m.VacancyPage })),
);
const PlansPage = lazy(() =>
  import('../features/flows/pages/PlansPage.tsx').then((m) => ({ default: m.PlansPage })),
);
const ApprovalsPage = lazy(() =>
  import('../features/flows/pages/ApprovalsPage.tsx').then((m) => ({ default: m.ApprovalsPage })),
);
const EnterPage = lazy(() =>
  import('../features/flows/pages/EnterPage.tsx').then((m) => ({ default: m.EnterPage })),
);
const AppointPage = lazy(() =>
  import('../features/flows/pages/AppointPage.tsx').then((m) => ({ default: m.AppointPage })),
);
const RulesPage = lazy(() =>
  import('../features/rules/pages/RulesPage.tsx').then((m) => ({ default: m.RulesPage })),
);
const WarningsDashboardPage = lazy(() =>
  import('../features/warnings/pages/WarningsDashboardPage.tsx').then((m) => ({
    default: m.WarningsDashboardPage,
  })),
);
const UnitLightsPage = lazy(() =>
  import('../features/warnings/pages/UnitLightsPage.tsx').then((m) => ({ default: m.UnitLightsPage })),
);
const FindingsPage = lazy(() =>
  import('../features/findings/pages/FindingsPage.tsx').then((m) => ({ default: m.FindingsPage })),
);
const FindingPage = lazy(() =>
  import('../features/findings/pages/FindingPage.tsx').then((m) => ({ default: m.FindingPage })),
);
const ProposalsPage = lazy(() =>
  import('../features/proposals/pages/ProposalsPage.tsx').then((m) => ({ default: m.ProposalsPage })),
);
const NewProposalPage = lazy(() =>
  import('../features/proposals/pages/NewProposalPage.tsx').then((m) => ({ default: m.NewProposalPage })),
);
const ProposalPage = lazy(() =>
  import('../features/proposals/pages/ProposalPage.tsx').then((m) => ({ default: m.ProposalPage })),
);
const ChangeStatisticsPage = lazy(() =>
  import('../features/stats/pages/ChangeStatisticsPage.tsx').then((m) => ({
    default: m.ChangeStatisticsPage,
  })),
);
const UsersPage = lazy(() =>
  import('../features/users/pages/UsersPage.tsx').then((m) => ({ default: m.UsersPage })),
);
const AuditPage = lazy(() =>
  import('../features/audit/pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })),
);

function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <Spin size="large" tip="正在加载…">
        <div style={{ width: 120, height: 80 }} />
      </Spin>
    </div>
  );
}

/** The authenticated part of the application: the login page when there is no session. */
function RequireSession() {
  const { session, error } = useSessionState();
  const { pathname, search } = useLocation();
  if (error) return <ErrorResult error={error} />;
  if (session === undefined) return <FullPageSpin />;
  if (session === null) {
    const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  return <AppLayout />;
}

function Home() {
  const user = useUser();
  const { search } = useLocation();
  return <Navigate to={`${homePath(user.permissions)}${search}`} replace />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <RequireSession />,
    children: [
      { index: true, element: <Home /> },
      { path: 'account/password', element: <ChangePasswordPage /> },
      { path: 'org/tree', element: <UnitTreePage /> },
      { path: 'org/units', element: <UnitListPage /> },
      { path: 'org/units/:code', element: <UnitPage /> },
      { path: 'proposals', element: <ProposalsPage /> },
      { path: 'proposals/new', element: <NewProposalPage /> },
      { path: 'proposals/:id', element: <ProposalPage /> },
      { path: 'roster', element: <RosterPage /> },
      { path: 'roster/persons/:id', element: <PersonPage /> },
      { path: 'flows/plans', element: <PlansPage /> },
      { path: 'flows/approvals', element: <ApprovalsPage /> },
      { path: 'flows/enter', element: <EnterPage /> },
      { path: 'flows/appoint', element: <AppointPage /> },
      { path: 'interchange/import', element: <ImportPage /> },
      { path: 'interchange/export', element: <ExportPage /> },
      { path: 'warnings/dashboard', element: <WarningsDashboardPage /> },
      { path: 'warnings/lights', element: <UnitLightsPage /> },
      { path: 'stats/overview', element: <RegionOverviewPage /> },
      { path: 'stats/vacancy', element: <VacancyPage /> },
      { path: 'stats/changes', element: <ChangeStatisticsPage /> },
      { path: 'warnings/rules', element: <RulesPage /> },
      { path: 'findings', element: <FindingsPage /> },
      { path: 'findings/new', element: <FindingsPage /> },
      { path: 'findings/:id', element: <FindingPage /> },
      { path: 'system/users', element: <UsersPage /> },
      { path: 'system/audit', element: <AuditPage /> },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);
