/**
 * 法定退休年龄: 国务院关于渐进式延迟法定退休年龄的办法 (in force 2025-01-01), as RULES.md states it.
 * The TypeScript functions and the SQL twin read the same table below, so a scan over the roster
 * and a check on one person cannot disagree.
 */

import { type AnyColumn, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { isPeriod, monthIndex, periodOfIndex } from '../../shared/dates.ts';
import type { Gender } from '../identity/id-number.ts';

/** 退休类别: 男职工, 原55周岁女职工 (女干部), 原50周岁女职工 (女工人). */
export type RetirementGroup = 'male' | 'female_cadre' | 'female_worker';

export const retirementGroups: readonly RetirementGroup[] = ['male', 'female_cadre', 'female_worker'];

interface GroupRule {
  originalAgeMonths: number;
  /** Month index of the first birth month whose retirement is delayed. */
  delayFrom: number;
  /** Birth months that share one step of delay. */
  bandMonths: number;
  maxDelayMonths: number;
}

const rules: Record<RetirementGroup, GroupRule> = {
  male: { originalAgeMonths: 60 * 12, delayFrom: monthIndex('1965-01'), bandMonths: 4, maxDelayMonths: 36 },
  female_cadre: {
    originalAgeMonths: 55 * 12,
    delayFrom: monthIndex('1970-01'),
    bandMonths: 4,
    maxDelayMonths: 36,
  },
  female_worker: {
    originalAgeMonths: 50 * 12,
    delayFrom: monthIndex('1975-01'),
    bandMonths: 2,
    maxDelayMonths: 60,
  },
};

export function isRetirementGroup(value: string): value is RetirementGroup {
  return (retirementGroups as readonly string[]).includes(value);
}

/** persons.csv's default: a female 机关工勤 worker retires from the 50-year group, other women from 55. */
export function defaultRetirementGroup(gender: Gender, category: string): RetirementGroup {
  if (gender === 'male') return 'male';
  return category === 'logistics_worker' ? 'female_worker' : 'female_cadre';
}

export interface StatutoryRetirement {
  /** The whole statutory age in months: 721 for 60岁1个月. */
  ageMonths: number;
  /** "60岁1个月"; a zero month is dropped: "60岁". */
  age: string;
  /** The retirement month, YYYY-MM. */
  retireOn: string;
}

function statutoryAgeMonths(birthMonth: number, group: RetirementGroup): number {
  const rule = rules[group];
  const sinceStart = birthMonth - rule.delayFrom;
  const delay =
    sinceStart < 0 ? 0 : Math.min(Math.floor(sinceStart / rule.bandMonths) + 1, rule.maxDelayMonths);
  return rule.originalAgeMonths + delay;
}

function formatAge(ageMonths: number): string {
  const years = Math.floor(ageMonths / 12);
  const months = ageMonths % 12;
  return months === 0 ? `${years}岁` : `${years}岁${months}个月`;
}

/** The statutory retirement age and month of someone born in `birthPeriod` (YYYY-MM). */
export function statutoryRetirement(birthPeriod: string, group: RetirementGroup): StatutoryRetirement {
  if (!isPeriod(birthPeriod)) throw new RangeError(`出生年月应为 YYYY-MM: ${birthPeriod}`);
  const birthMonth = monthIndex(birthPeriod);
  const ageMonths = statutoryAgeMonths(birthMonth, group);
  return { ageMonths, age: formatAge(ageMonths), retireOn: periodOfIndex(birthMonth + ageMonths) };
}

/**
 * The retirement month as a month index (year × 12 + month − 1) from a birth date or month. A seat is
 * 应退未退 on D when this is below `monthIndex(D)`; `retirementMonthSql` computes the same in SQL.
 */
export function retirementMonthIndex(birthDate: string, group: RetirementGroup): number {
  const birthMonth = monthIndex(birthDate);
  return birthMonth + statutoryAgeMonths(birthMonth, group);
}

/**
 * `retirementMonthIndex` as a SQL expression over a `date` column and a retirement-group column, for
 * set-based scans; an unknown group yields NULL rather than a guessed month. The constants are
 * inlined, not bound, so PostgreSQL types them as integers and `/` truncates as `Math.floor` does
 * for the non-negative offsets it is given.
 */
export function retirementMonthSql(birthDate: AnyColumn | SQLWrapper, group: AnyColumn | SQLWrapper): SQL {
  const int = (value: number) => sql.raw(String(value));
  const birthMonth = sql`(extract(year from ${birthDate})::int * 12 + extract(month from ${birthDate})::int - 1)`;
  const branches = retirementGroups.map((name) => {
    const rule = rules[name];
    const sinceStart = sql`(${birthMonth} - ${int(rule.delayFrom)})`;
    const delay = sql`case when ${sinceStart} < 0 then 0
      else least(${sinceStart} / ${int(rule.bandMonths)} + 1, ${int(rule.maxDelayMonths)}) end`;
    return sql`when ${sql.raw(`'${name}'`)} then ${birthMonth} + ${int(rule.originalAgeMonths)} + ${delay}`;
  });
  return sql`(case ${group} ${sql.join(branches, sql` `)} end)`;
}
