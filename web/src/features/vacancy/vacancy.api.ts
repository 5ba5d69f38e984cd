import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson } from '../../shared/api/client.ts';

/** 用编分析 (`GET /api/vacancy…`, src/modules/transactions/vacancy.routes.ts) as the page reads it. */

export interface KindFigures {
  kind: string;
  approved: number;
  headcount: number;
  /** 已核准待入编 */
  reserved: number;
  /** 已批计划未核准 */
  planned: number;
  vacancy: number;
  /** vacancy − planned */
  available: number;
}

export interface KindCount {
  kind: string;
  count: number;
}

export interface KeyCount {
  key: string;
  count: number;
}

export interface VacancySubject {
  regionCode: string;
  regionName: string;
  unitCode: string | null;
  unitName: string | null;
}

export interface VacancyAnalysis {
  subject: VacancySubject;
  asOf: string;
  months: number;
  now: KindFigures[];
  points: { period: string; date: string; kinds: KindFigures[] }[];
  retirements: {
    overdue: KindCount[];
    years: { year: number; byKind: KindCount[]; total: number }[];
  };
  turnover: {
    approved: number;
    used: number;
    reserved: number;
    remaining: number;
    dueBack: { period: string; count: number; byRetirement: number }[];
    undated: number;
  };
  structure: {
    people: number;
    ageBands: KeyCount[];
    education: KeyCount[];
    majors: KeyCount[];
    gender: KeyCount[];
  };
}

export interface SeriesFigures {
  kind: string;
  approved: number;
  headcount: number;
  reserved: number;
  vacancy: number;
}

export interface VacancySeries {
  subject: VacancySubject;
  from: string;
  to: string;
  points: { period: string; date: string; kinds: SeriesFigures[] }[];
}

export interface Retiree {
  seatId: number;
  name: string;
  gender: string;
  birthDate: string;
  idMasked: string;
  idNumber?: string;
  unitCode: string;
  unitName: string | null;
  quotaKind: string;
  retirementGroup: string;
  statutoryAge: string | null;
  retireOn: string;
  overdue: boolean;
}

/** A region (and below) or one unit of it. */
export interface SubjectParams {
  region: string;
  unit?: string | undefined;
}

export function useVacancy(subject: SubjectParams, asOf: string) {
  return useQuery({
    queryKey: ['vacancy', subject.region, subject.unit, asOf],
    queryFn: () => getJson<VacancyAnalysis>('/api/vacancy', { ...subject, asOf }),
    placeholderData: keepPreviousData,
  });
}

export function useVacancySeries(subject: SubjectParams, from: string, to: string) {
  return useQuery({
    queryKey: ['vacancySeries', subject.region, subject.unit, from, to],
    queryFn: () => getJson<VacancySeries>('/api/vacancy/series', { ...subject, from, to }),
    placeholderData: keepPreviousData,
  });
}

export function useRetirees(subject: SubjectParams, asOf: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['retirees', subject.region, subject.unit, asOf, page, pageSize],
    queryFn: () =>
      getJson<{ total: number; items: Retiree[] }>('/api/vacancy/retirements', {
        ...subject,
        asOf,
        page,
        pageSize,
      }),
    placeholderData: keepPreviousData,
  });
}
