import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson } from '../../shared/api/client.ts';

/** The region overview (`GET /api/regions/:code/overview`, `src/modules/stats/stats.repository.ts`). */

export interface CountByKey {
  key: string;
  count: number;
}

export interface QuotaTotal {
  kind: string;
  approved: number;
  headcount: number;
  vacancy: number;
  /** Units over their approved quota of this kind (超编). */
  overUnits: number;
}

export interface PostTotal {
  level: string;
  posts: number;
  leaders: number;
}

export interface RegionOverview {
  asOf: string;
  region?: { code: string; name: string };
  regionName?: string;
  bodiesByKind: CountByKey[];
  institutionsByRank: CountByKey[];
  institutionsByClass: CountByKey[];
  institutionsByFunding?: CountByKey[];
  quotas: QuotaTotal[];
  posts: PostTotal[];
  offQuotaByType: CountByKey[];
  secondedStaff: number;
  headcount?: number;
}

export function useRegionOverview(regionCode: string, asOf: string) {
  return useQuery({
    queryKey: ['overview', regionCode, asOf],
    queryFn: () =>
      getJson<RegionOverview>(`/api/regions/${encodeURIComponent(regionCode)}/overview`, { asOf }),
    placeholderData: keepPreviousData,
  });
}
