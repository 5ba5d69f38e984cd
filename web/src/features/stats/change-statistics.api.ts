import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson, queryString } from '../../shared/api/client.ts';

/**
 * 机构编制变动情况统计 (`GET /api/change-statistics?region=&from=&to=`): what the changes effective
 * after `from` up to and including `to` added up to in a region.
 */

export interface UnitKindCount {
  kind: string;
  label: string;
  count: number;
}

export interface QuotaMoves {
  added: number;
  cut: number;
  movedIn: number;
  movedOut: number;
  net: number;
}

export interface QuotaByKind extends QuotaMoves {
  kind: string;
  label: string;
}

export interface QuotaBySector extends QuotaMoves {
  sectorCode: string;
  sectorName: string;
}

export interface PostsByLevel {
  level: string;
  label: string;
  added: number;
  cut: number;
  net: number;
}

export interface ChangeStatistics {
  regionCode: string;
  from: string;
  to: string;
  units: {
    added: UnitKindCount[];
    removed: UnitKindCount[];
    addedTotal: number;
    removedTotal: number;
  };
  quota: {
    byKind: QuotaByKind[];
    bySector: QuotaBySector[];
    totals: { added: number; cut: number; moved: number };
  };
  posts: { byLevel: PostsByLevel[] };
  proposals: {
    received: number;
    decided: number;
    implemented: number;
    rejected: number;
    unitsEstablished: number;
    postsAdded: number;
    quotaAdjusted: number;
  };
  /** e.g. 受理动议事项30件，办结16件，增设机构5个，领导职数5名，调整编制106名 */
  sentence: string;
}

export interface ChangeRange {
  region: string;
  from: string;
  to: string;
}

export function useChangeStatistics(range: ChangeRange) {
  return useQuery({
    queryKey: ['changeStatistics', range.region, range.from, range.to],
    queryFn: () => getJson<ChangeStatistics>('/api/change-statistics', { ...range }),
    placeholderData: keepPreviousData,
  });
}

export const changeStatisticsExportPath = (range: ChangeRange) =>
  `/api/change-statistics/export${queryString({ ...range })}`;
