import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson, queryString } from '../../shared/api/client.ts';

/**
 * 机构编制变动情况统计 (`GET /api/change-statistics?region=&from=&to=`): what the changes effective
 * after `from` up to and including `to` added up to in a region.
 */

// The shapes are the server's own (one definition, no drift).
export type {
  ChangeStatistics,
  PostsByLevel,
  QuotaByKind,
  QuotaBySector,
  QuotaChange as QuotaMoves,
  UnitKindCount,
} from '../../../../src/modules/stats/changes.ts';
import type { ChangeStatistics } from '../../../../src/modules/stats/changes.ts';

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
