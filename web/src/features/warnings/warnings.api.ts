import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { getJson, queryString, sendJson } from '../../shared/api/client.ts';

/**
 * The warnings dashboard, its drill-down, the traffic lights and scans
 * (`src/modules/warnings/warnings.dashboard.routes.ts`, `warnings.routes.ts`).
 */

// The dashboard's shapes are the server's own.
export type {
  Dashboard,
  RegionCount,
  RuleCount,
} from '../../../../src/modules/warnings/warnings.dashboard.ts';
import type { Dashboard } from '../../../../src/modules/warnings/warnings.dashboard.ts';

export interface DrillFilter {
  rule?: string;
  class?: string;
  severity?: string;
  subRegion?: string;
}

export interface DrillWarning {
  warningId: number | null;
  rule: string;
  ruleName: string;
  class: string;
  severity: string;
  regionCode: string;
  regionName: string | null;
  unitCode: string | null;
  unitName: string | null;
  personId: number | null;
  personName: string | null;
  idNumber: string | null;
  message: string;
  figures: { key: string; label: string; value: string }[];
  firstSeenOn: string | null;
  lastSeenOn: string | null;
}

export interface DrillPage {
  total: number;
  page: number;
  pageSize: number;
  items: DrillWarning[];
}

export type Light = 'red' | 'yellow' | 'green' | 'none';
export type LightCounts = Record<Light, number>;

export interface UnitLights {
  unitCode: string;
  unitName: string | null;
  regionCode: string;
  regionName: string | null;
  quotas: { kind: string; approved: number; headcount: number; vacancy: number; light: Light }[];
  posts: { level: string; posts: number; leaders: number; vacancy: number; light: Light }[];
}

export interface LightsPage {
  asOf: string;
  region: { code: string; name: string };
  total: number;
  page: number;
  pageSize: number;
  counts: { quotas: LightCounts; posts: LightCounts; units: LightCounts };
  items: UnitLights[];
}

export interface ScanJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { phase: string; rows: number; percent?: number };
  result?: {
    asOf: string;
    found: number;
    new: number;
    seenAgain: number;
    reopened: number;
    resolved: number;
  };
  error?: { code: string; message: string };
}

export function useDashboard(regionCode: string, asOf: string) {
  return useQuery({
    queryKey: ['warnings', 'dashboard', regionCode, asOf],
    queryFn: () => getJson<Dashboard>('/api/warnings/dashboard', { region: regionCode, asOf }),
    placeholderData: keepPreviousData,
  });
}

export function useDrill(
  regionCode: string,
  asOf: string,
  filter: DrillFilter | null,
  page: number,
  pageSize: number,
) {
  return useQuery({
    queryKey: ['warnings', 'drill', regionCode, asOf, filter, page, pageSize],
    queryFn: () =>
      getJson<DrillPage>('/api/warnings/dashboard/warnings', {
        region: regionCode,
        asOf,
        ...filter,
        page,
        pageSize,
      }),
    enabled: filter !== null,
    placeholderData: keepPreviousData,
  });
}

/** The export of the dashboard with the drill-down's filter (its list holds those warnings). */
export function dashboardExportPath(regionCode: string, asOf: string, filter: DrillFilter | null) {
  return `/api/warnings/dashboard/export${queryString({ region: regionCode, asOf, ...filter })}`;
}

export function useLights(
  regionCode: string,
  asOf: string,
  light: Light | undefined,
  page: number,
  pageSize: number,
) {
  return useQuery({
    queryKey: ['warnings', 'lights', regionCode, asOf, light, page, pageSize],
    queryFn: () =>
      getJson<LightsPage>('/api/warnings/lights', { region: regionCode, asOf, light, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export const isScanFinished = (job: ScanJob | undefined) =>
  job?.status === 'succeeded' || job?.status === 'failed';

export function useStartScan() {
  return useMutation({ mutationFn: () => sendJson<{ jobId: string }>('POST', '/api/scans', {}) });
}

export function useScanJob(jobId: string | null) {
  return useQuery({
    queryKey: ['scanJob', jobId],
    queryFn: () => getJson<ScanJob>(`/api/scans/${encodeURIComponent(jobId ?? '')}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (isScanFinished(query.state.data) ? false : 500),
    staleTime: 0,
  });
}
