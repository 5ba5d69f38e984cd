import { PassThrough } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { type Clock, monthIndex, periodOfIndex } from '../../shared/dates.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { type Download, MEDIA_TYPES } from '../../shared/http.ts';
import { type Caller, can } from '../auth/caller.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { versionAsOf } from '../establishment/establishment.rules.ts';
import { findRegion, unitHistory } from '../org/org.repository.ts';
import { requireRegion, requireUnit } from '../org/org.service.ts';
import { isRetirementGroup, statutoryRetirement } from '../retirement/retirement.rules.ts';
import { AGE_BANDS } from '../roster/roster.search.ts';
import { vacancyWorkbook } from './vacancy.export.ts';
import { forecastVacancy, retirementOutlook, turnoverPool } from './vacancy.forecast.ts';
import {
  forecastInput,
  peopleStructure,
  retirementList,
  seriesDeltas,
  type StructureRow,
  type VacancySubject,
} from './vacancy.repository.ts';
import { accumulateSeries, MAX_SERIES_MONTHS } from './vacancy.series.ts';

/** Five years ahead, month by month. */
export const FORECAST_MONTHS = 60;

/** The most people an export lists in 退休预报 (the figures above it are always whole). */
export const EXPORT_RETIREMENT_ROWS = 100_000;

export class VacancyInputError extends DomainError {
  constructor(message: string) {
    super('vacancy.invalid', message, 'invalid');
  }
}

export interface VacancyDeps {
  db: Db;
  idCipher: IdCipher;
  /** What "as of" defaults to (today). */
  clock: Clock;
}

/** Which figures: a region (default the caller's) and those below it, or one unit. */
export interface SubjectQuery {
  region?: string | undefined;
  unit?: string | undefined;
}

export interface SubjectLabel {
  regionCode: string;
  regionName: string;
  unitCode: string | null;
  unitName: string | null;
}

/** The major's long tail is summed as one bar. */
const MAJORS_SHOWN = 10;

function counts(rows: StructureRow[], dimension: StructureRow['dimension']) {
  return rows
    .filter((r) => r.dimension === dimension)
    .map((r) => ({ key: r.key ?? 'unspecified', count: r.count }));
}

function structureOf(rows: StructureRow[]) {
  const ages = new Map(counts(rows, 'age').map((r) => [r.key, r.count]));
  const majors = counts(rows, 'major');
  const named = majors.filter((m) => m.key !== 'unspecified');
  const rest = named.slice(MAJORS_SHOWN).reduce((sum, m) => sum + m.count, 0);
  return {
    people: counts(rows, 'gender').reduce((sum, r) => sum + r.count, 0),
    ageBands: AGE_BANDS.map((key) => ({ key, count: ages.get(key) ?? 0 })),
    education: counts(rows, 'education'),
    majors: [
      ...named.slice(0, MAJORS_SHOWN),
      ...(rest > 0 ? [{ key: 'other', count: rest }] : []),
      ...majors.filter((m) => m.key === 'unspecified'),
    ],
    gender: counts(rows, 'gender'),
  };
}

/** 用编计划汇总: vacancy now, then and ahead; the people, their retirements and the 周转编制 pool. */
export function createVacancyService(deps: Pick<VacancyDeps, 'db' | 'idCipher'>) {
  const { db } = deps;

  async function subjectOf(
    caller: Caller,
    query: SubjectQuery,
    asOf: string,
  ): Promise<{ label: SubjectLabel; subject: VacancySubject }> {
    if (query.unit) {
      const unit = await requireUnit(db, caller.scope, query.unit);
      const region = await findRegion(db, unit.regionCode);
      const versions = await unitHistory(db, unit.id);
      const name = versionAsOf(versions, asOf) ?? versions[0];
      return {
        label: {
          regionCode: unit.regionCode,
          regionName: region?.name ?? unit.regionCode,
          unitCode: unit.code,
          unitName: name?.name ?? null,
        },
        subject: { regionCode: unit.regionCode, unitIds: [unit.id] },
      };
    }
    const region = await requireRegion(db, caller.scope, query.region ?? caller.scope.regionCode);
    return {
      label: { regionCode: region.code, regionName: region.name, unitCode: null, unitName: null },
      subject: { regionCode: region.code, unitIds: caller.scope.unitIds },
    };
  }

  async function analysis(caller: Caller, query: SubjectQuery, asOf: string) {
    const { label, subject } = await subjectOf(caller, query, asOf);
    const input = await forecastInput(db, subject, asOf, FORECAST_MONTHS);
    const structure = await peopleStructure(db, subject, asOf);
    return {
      subject: label,
      months: FORECAST_MONTHS,
      ...forecastVacancy(input),
      retirements: retirementOutlook(input),
      turnover: turnoverPool(input),
      structure: structureOf(structure),
    };
  }

  async function retirements(
    caller: Caller,
    query: SubjectQuery,
    asOf: string,
    page: { limit: number; offset: number },
  ) {
    const { subject } = await subjectOf(caller, query, asOf);
    const rows = await retirementList(db, subject, asOf, FORECAST_MONTHS, page);
    const reveal = can(caller, 'id_number.read');
    const current = monthIndex(asOf);
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        seatId: r.seatId,
        name: r.name,
        gender: r.gender,
        birthDate: r.birthDate,
        idMasked: r.idMasked,
        ...(reveal ? { idNumber: deps.idCipher.reveal(r.idCipher) } : {}),
        unitCode: r.unitCode,
        unitName: r.unitName,
        quotaKind: r.quotaKind,
        retirementGroup: r.retirementGroup,
        statutoryAge: isRetirementGroup(r.retirementGroup)
          ? statutoryRetirement(r.birthDate.slice(0, 7), r.retirementGroup).age
          : null,
        retireOn: periodOfIndex(r.retireMonth),
        overdue: r.retireMonth < current,
      })),
    };
  }

  return {
    analysis,
    retirements,

    /** Month by month between two dates, as recorded then (no projection). */
    async series(caller: Caller, query: SubjectQuery, from: string, to: string) {
      if (from > to) throw new VacancyInputError(`起始日期 ${from} 晚于截止日期 ${to}`);
      if (monthIndex(to) - monthIndex(from) + 1 > MAX_SERIES_MONTHS)
        throw new VacancyInputError(`时间序列最长 ${MAX_SERIES_MONTHS} 个月（${MAX_SERIES_MONTHS / 12} 年）`);
      const { label, subject } = await subjectOf(caller, query, to);
      const deltas = await seriesDeltas(db, subject, from, to);
      return { subject: label, from, to, points: accumulateSeries(deltas, from, to) };
    },

    async download(caller: Caller, query: SubjectQuery, asOf: string): Promise<Download> {
      const figures = await analysis(caller, query, asOf);
      const people = await retirements(caller, query, asOf, { limit: EXPORT_RETIREMENT_ROWS, offset: 0 });
      const from = `${periodOfIndex(monthIndex(asOf) - 23)}-01`;
      const { subject } = await subjectOf(caller, query, asOf);
      const history = accumulateSeries(await seriesDeltas(db, subject, from, asOf), from, asOf);
      const stream = new PassThrough();
      stream.end(await vacancyWorkbook({ ...figures, history, people }));
      const name = figures.subject.unitName ?? figures.subject.regionName;
      const code = figures.subject.unitCode ?? figures.subject.regionCode;
      return {
        stream,
        contentType: MEDIA_TYPES.xlsx,
        filename: `${name}用编分析（${asOf}）.xlsx`,
        asciiFilename: `vacancy-${code}-${asOf}.xlsx`,
      };
    },
  };
}

export type VacancyService = ReturnType<typeof createVacancyService>;
export type VacancyAnalysis = Awaited<ReturnType<VacancyService['analysis']>>;
export type RetirementPage = Awaited<ReturnType<VacancyService['retirements']>>;
