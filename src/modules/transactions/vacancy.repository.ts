import type { SQL } from 'drizzle-orm';
import { type Db, sql, statisticsQuery } from '../../db/database.ts';
import { monthIndex, periodOfIndex } from '../../shared/dates.ts';
import { regionScope } from '../org/org.sql.ts';
import { retirementMonthSql } from '../retirement/retirement.rules.ts';
import { AGE_BANDS, AGE_RANGES } from '../roster/roster.search.ts';
import type { ForecastInput, PlannedHires, SeatSpan, Span } from './vacancy.forecast.ts';
import type { SeriesDelta } from './vacancy.series.ts';

/**
 * The rows behind 用编计划汇总, each section one set-based query over the subject (a region and
 * those below it, or some units of it). Every figure is built from spans: an amount in force from
 * `starts` until `ends` (exclusive) — a ledger row, a seat, a reserving 用编核准 — cut to the life of
 * its unit (established_on ≤ D < abolished_on, as `unitActiveOn` reads it).
 */

export interface VacancySubject {
  regionCode: string;
  /** Only these units (a unit, or a unit liaison's units); null: the whole region and below. */
  unitIds: readonly number[] | null;
}

/** CTE `scope` and the condition that keeps a row of `alias` (with region_code and unit_id) in the subject. */
function subjectFilter(subject: VacancySubject, alias: string): { cte: SQL; where: SQL } {
  const a = sql.raw(alias);
  const units = subject.unitIds
    ? sql`AND ${a}.unit_id = ANY(${sql.param([...subject.unitIds])}::int[])`
    : sql``;
  return {
    cte: sql`WITH RECURSIVE ${regionScope(subject.regionCode, true)}`,
    where: sql`${a}.region_code IN (SELECT code FROM scope) ${units}`,
  };
}

/**
 * CTE `spans(measure, kind, amount, starts, ends, retires)`: approved quota, seats (with the holder's
 * statutory retirement month when `withRetirement`) and reserving approvals. An approval reserves
 * from its approval through its expiry date, or until the day its seat was taken or it was cancelled
 * (as `reservingOn` reads it).
 */
function spansCte(subject: VacancySubject, withRetirement: boolean): SQL {
  const q = subjectFilter(subject, 'q');
  const s = subjectFilter(subject, 's');
  const a = subjectFilter(subject, 'a');
  const retires = withRetirement
    ? retirementMonthSql(sql`p.birth_date`, sql`p.retirement_group`)
    : sql`NULL::int`;
  const persons = withRetirement ? sql`JOIN persons p ON p.id = s.person_id` : sql``;
  return sql`${q.cte},
    raw_spans AS (
      SELECT 'approved' AS measure, q.kind, q.amount, greatest(q.effective_on, u.established_on) AS starts,
             u.abolished_on AS ends, NULL::int AS retires
      FROM quota_ledger q JOIN units u ON u.id = q.unit_id WHERE ${q.where}
      UNION ALL
      SELECT 'headcount', s.quota_kind, 1, greatest(s.entered_on, u.established_on),
             least(s.exited_on, u.abolished_on), ${retires}
      FROM seats s JOIN units u ON u.id = s.unit_id ${persons} WHERE ${s.where}
      UNION ALL
      SELECT 'reserved', a.quota_kind, 1, greatest(a.approved_on, u.established_on),
             least(a.expires_on + 1, a.used_on, a.cancelled_on, u.abolished_on), NULL::int
      FROM quota_use_approvals a JOIN units u ON u.id = a.unit_id
      WHERE (a.state <> 'cancelled' OR a.cancelled_on IS NOT NULL) AND ${a.where}
    ),
    spans AS (SELECT * FROM raw_spans WHERE ends IS NULL OR ends > starts)`;
}

/** Approved plan lines' hires not yet granted on the date, by kind and plan year (this year's and later). */
async function plannedHires(db: Db, subject: VacancySubject, asOf: string): Promise<PlannedHires[]> {
  const p = subjectFilter(subject, 'pl');
  // Granted as the flows count it: used, or reserving and neither expired nor cancelled by then.
  return statisticsQuery<PlannedHires>(
    db,
    sql`${p.cte},
      granted AS (
        SELECT a.plan_line_id, count(*)::int AS granted FROM quota_use_approvals a
        WHERE NOT (a.state = 'cancelled' AND (a.cancelled_on IS NULL OR a.cancelled_on <= ${asOf}::date))
          AND a.approved_on <= ${asOf}::date
          AND (a.used_on IS NOT NULL OR a.expires_on >= ${asOf}::date)
        GROUP BY a.plan_line_id)
      SELECT l.quota_kind AS kind, pl.year, sum(greatest(l.approved - coalesce(g.granted, 0), 0))::int AS remaining
      FROM staffing_plan_lines l
      JOIN staffing_plans pl ON pl.id = l.plan_id
      JOIN units u ON u.id = pl.unit_id
      LEFT JOIN granted g ON g.plan_line_id = l.id
      WHERE ${p.where} AND pl.state = 'approved' AND (pl.decided_at AT TIME ZONE 'Asia/Shanghai')::date <= ${asOf}::date
        AND pl.year >= ${Number(asOf.slice(0, 4))}
        AND (u.abolished_on IS NULL OR u.abolished_on > ${asOf}::date)
      GROUP BY l.quota_kind, pl.year
      HAVING sum(greatest(l.approved - coalesce(g.granted, 0), 0)) > 0
      ORDER BY pl.year, l.quota_kind`,
  );
}

/** What the forecast needs: every span in force on `asOf` or starting within the horizon, grouped. */
export async function forecastInput(
  db: Db,
  subject: VacancySubject,
  asOf: string,
  months: number,
): Promise<ForecastInput> {
  const horizonEnd = `${periodOfIndex(monthIndex(asOf) + months + 1)}-01`;
  const rows = await statisticsQuery<{
    measure: 'approved' | 'headcount' | 'reserved';
    kind: string;
    from: string | null;
    until: string | null;
    retires: number | null;
    amount: number;
  }>(
    db,
    sql`${spansCte(subject, true)}
      SELECT measure, kind, CASE WHEN starts <= ${asOf}::date THEN NULL ELSE starts::text END AS "from",
             ends::text AS until, retires, sum(amount)::int AS amount
      FROM spans
      WHERE (ends IS NULL OR ends > ${asOf}::date) AND starts < ${horizonEnd}::date
      GROUP BY 1, 2, 3, 4, 5
      ORDER BY 1, 2, 3 NULLS FIRST, 4 NULLS FIRST, 5 NULLS FIRST`,
  );
  const span = (r: (typeof rows)[number]): Span => ({
    kind: r.kind,
    amount: r.amount,
    from: r.from,
    until: r.until,
  });
  return {
    asOf,
    months,
    quota: rows.filter((r) => r.measure === 'approved').map(span),
    seats: rows
      .filter((r) => r.measure === 'headcount')
      .map((r): SeatSpan => ({
        ...span(r),
        retiresIn: r.retires === null ? null : periodOfIndex(r.retires),
      })),
    reservations: rows.filter((r) => r.measure === 'reserved').map(span),
    plannedHires: await plannedHires(db, subject, asOf),
  };
}

/**
 * The changes of approved, headcount and reserved by month between two dates: every span's start
 * and end on or before `to`, bucketed by month from `from`'s (earlier ones in the first). One query
 * for the whole series; `accumulateSeries` sums it into the monthly figures.
 */
export async function seriesDeltas(
  db: Db,
  subject: VacancySubject,
  from: string,
  to: string,
): Promise<SeriesDelta[]> {
  const first = monthIndex(from);
  const month = (column: SQL) =>
    sql`(extract(year from ${column})::int * 12 + extract(month from ${column})::int - 1)`;
  return statisticsQuery<SeriesDelta>(
    db,
    sql`${spansCte(subject, false)},
      events AS (
        SELECT measure, kind, starts AS on_date, amount AS delta FROM spans WHERE starts <= ${to}::date
        UNION ALL
        SELECT measure, kind, ends, -amount FROM spans WHERE ends <= ${to}::date
      )
      SELECT measure, kind, greatest(0, ${month(sql`on_date`)} - ${sql.raw(String(first))})::int AS bucket,
             sum(delta)::int AS delta
      FROM events GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 3, 1, 2`,
  );
}

/** Seats held on the date (cut to their unit's life): CTE `held`. */
function heldSeats(subject: VacancySubject, asOf: string): SQL {
  const s = subjectFilter(subject, 's');
  return sql`${s.cte},
    held AS (
      SELECT s.id, s.person_id, s.unit_id, s.quota_kind, u.code AS unit_code,
             least(s.exited_on, u.abolished_on) AS ends
      FROM seats s JOIN units u ON u.id = s.unit_id
      WHERE ${s.where} AND greatest(s.entered_on, u.established_on) <= ${asOf}::date
        AND (least(s.exited_on, u.abolished_on) IS NULL OR least(s.exited_on, u.abolished_on) > ${asOf}::date)
    )`;
}

export interface StructureRow {
  dimension: 'age' | 'education' | 'major' | 'gender';
  key: string | null;
  count: number;
}

/** The people on the seats held on the date (each person once), by age band, education, major and gender. */
export function peopleStructure(db: Db, subject: VacancySubject, asOf: string): Promise<StructureRow[]> {
  const age = sql`date_part('year', age(${asOf}::date, p.birth_date))::int`;
  const band = sql`CASE ${sql.join(
    AGE_BANDS.map((key) => {
      const [low, high] = AGE_RANGES[key];
      return sql`WHEN ${age} BETWEEN ${sql.raw(String(low))} AND ${sql.raw(String(high))} THEN ${sql.raw(`'${key}'`)}`;
    }),
    sql` `,
  )} END`;
  return statisticsQuery<StructureRow>(
    db,
    sql`${heldSeats(subject, asOf)}
      SELECT d.dimension, d.key, count(*)::int AS count
      FROM (SELECT DISTINCT person_id FROM held) h JOIN persons p ON p.id = h.person_id
      CROSS JOIN LATERAL (VALUES ('age', ${band}), ('education', nullif(btrim(p.education), '')),
        ('major', nullif(btrim(p.major), '')), ('gender', p.gender)) AS d(dimension, key)
      GROUP BY d.dimension, d.key
      ORDER BY d.dimension, count DESC, d.key`,
  );
}

export interface RetirementRow {
  seatId: number;
  name: string;
  gender: string;
  birthDate: string;
  retirementGroup: string;
  idMasked: string;
  idCipher: string;
  unitCode: string;
  unitName: string | null;
  quotaKind: string;
  /** Month index of the statutory retirement month. */
  retireMonth: number;
  total: number;
}

/**
 * 退休预报's list: seats held on the date whose holder's retirement month is before the end of the
 * horizon (those already past it first: 应退未退), unless the seat ends before the month is out, as
 * `retirementOutlook` counts them. Paged; `total` is the whole count.
 */
export function retirementList(
  db: Db,
  subject: VacancySubject,
  asOf: string,
  months: number,
  page: { limit: number; offset: number },
): Promise<RetirementRow[]> {
  const retires = retirementMonthSql(sql`p.birth_date`, sql`p.retirement_group`);
  const endMonth = sql`(extract(year from h.ends)::int * 12 + extract(month from h.ends)::int - 1)`;
  return statisticsQuery<RetirementRow>(
    db,
    sql`${heldSeats(subject, asOf)},
      retiring AS (
        SELECT h.id, h.unit_id, h.unit_code, h.quota_kind, p.name, p.gender, p.birth_date, p.retirement_group,
               p.id_masked, p.id_cipher, ${retires} AS retire_month
        FROM held h JOIN persons p ON p.id = h.person_id
        WHERE ${retires} < ${sql.raw(String(monthIndex(asOf) + months))}
          AND (h.ends IS NULL OR ${endMonth} > ${retires})
      )
      SELECT r.id::int AS "seatId", r.name, r.gender, r.birth_date::text AS "birthDate",
             r.retirement_group AS "retirementGroup", r.id_masked AS "idMasked", r.id_cipher AS "idCipher",
             r.unit_code AS "unitCode", n.name AS "unitName", r.quota_kind AS "quotaKind",
             r.retire_month AS "retireMonth", count(*) OVER ()::int AS total
      FROM retiring r
      LEFT JOIN LATERAL (SELECT v.name FROM unit_versions v WHERE v.unit_id = r.unit_id
                         AND (v.valid_from IS NULL OR v.valid_from <= ${asOf}::date)
                         ORDER BY v.valid_from DESC NULLS LAST LIMIT 1) n ON TRUE
      ORDER BY r.retire_month, r.unit_code, r.name, r.id
      LIMIT ${page.limit} OFFSET ${page.offset}`,
  );
}
