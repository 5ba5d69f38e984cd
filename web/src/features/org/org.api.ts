import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson } from '../../shared/api/client.ts';

/** The org API (`src/modules/org/org.schemas.ts`) as the pages read it. */

export interface Region {
  code: string;
  name: string;
  parentCode: string | null;
  unitCap: number | null;
}

export interface UnitVersion {
  validFrom: string | null;
  name: string;
  kind: string;
  rank: string | null;
  publicClass: string | null;
  funding: string | null;
  referenceManaged: boolean;
  parentCode: string | null;
  divisionCap: number | null;
  aliasNames: string[];
  sortOrder: number | null;
}

export interface UnitIdentity {
  code: string;
  regionCode: string;
  establishedOn: string | null;
  abolishedOn: string | null;
  documentNo: string | null;
  active: boolean;
}

export type RegionUnit = UnitVersion & UnitIdentity;

export interface RegionUnits {
  region: Region;
  asOf: string;
  units: RegionUnit[];
}

export interface QuotaFigure {
  unitCode: string;
  unitName: string | null;
  kind: string;
  approved: number;
  headcount: number;
  /** 已核准待入编: approvals that hold a vacancy until the person is seated. */
  reserved: number;
  vacancy: number;
}

export interface PostFigure {
  unitCode: string;
  unitName: string | null;
  level: string;
  posts: number;
  leaders: number;
  vacancy: number;
}

export interface UnitDetail {
  asOf: string;
  unit: UnitIdentity;
  current: UnitVersion | null;
  versions: UnitVersion[];
  quotaFigures: QuotaFigure[];
  postFigures: PostFigure[];
  charters: Charter[];
}

/** 三定规定: 定职能, 定机构, 定编制 (the quota and posts on the day it was issued). */
export interface Charter {
  issuedOn: string;
  documentNo: string | null;
  functions: string | null;
  divisions: string[] | null;
  quota: Record<string, number>;
  posts: Record<string, number>;
  proposalId: number | null;
}

/** 权责清单: a duty the unit holds. */
export interface Duty {
  id: number;
  name: string;
  category: string;
  basis: string | null;
  validFrom: string;
  validTo: string | null;
  endedBy: string | null;
  originUnitCode: string | null;
  originAction: string | null;
  proposalId: number | null;
}

export interface RegionFigures {
  regionCode: string;
  asOf: string;
  figures: QuotaFigure[];
}

export function useRegions(enabled = true) {
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => getJson<{ regions: Region[] }>('/api/regions'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useRegionUnits(regionCode: string | undefined, asOf: string) {
  return useQuery({
    queryKey: ['regionUnits', regionCode, asOf],
    queryFn: () =>
      getJson<RegionUnits>(`/api/regions/${encodeURIComponent(regionCode ?? '')}/units`, { asOf }),
    placeholderData: keepPreviousData,
    enabled: regionCode !== undefined,
  });
}

export function useRegionFigures(regionCode: string | undefined, asOf: string) {
  return useQuery({
    queryKey: ['regionFigures', regionCode, asOf],
    queryFn: () =>
      getJson<RegionFigures>(`/api/regions/${encodeURIComponent(regionCode ?? '')}/figures`, { asOf }),
    placeholderData: keepPreviousData,
    enabled: regionCode !== undefined,
  });
}

export function useUnitDuties(code: string, asOf: string) {
  return useQuery({
    queryKey: ['unit', code, 'duties', asOf],
    queryFn: () =>
      getJson<{ asOf: string; duties: Duty[] }>(`/api/units/${encodeURIComponent(code)}/duties`, { asOf }),
  });
}

export function useUnitDetail(code: string, asOf: string) {
  return useQuery({
    queryKey: ['unit', code, asOf],
    queryFn: () => getJson<UnitDetail>(`/api/units/${encodeURIComponent(code)}`, { asOf }),
    placeholderData: (previous) => (previous?.unit.code === code ? previous : undefined),
  });
}
