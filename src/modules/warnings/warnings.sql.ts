import type { SQL } from 'drizzle-orm';
import { sql } from '../../db/database.ts';
import { firstDayOf, lastDayOf } from '../../shared/dates.ts';
import { seatActiveOn, unitActiveOn, unitVersionsInForce } from '../org/org.sql.ts';

/** Shared CTEs and predicates of the warning rules (RULES.md "Terms"). */

export const QUOTA_KIND_LIST = [
  'administrative',
  'political_legal',
  'logistics',
  'institutional',
  'school_staff',
  'turnover',
] as const;

export const RANK_LIST = [
  'bureau',
  'vice_bureau',
  'division',
  'vice_division',
  'section',
  'vice_section',
  'unit_level',
] as const;

/**
 * CTE `uv`: every unit's version in force on D, with its identity columns (`active`: RULES.md); with
 * `unitIds`, only the units it selects (a single-subject check reads a handful by index).
 */
export function unitsOn(asOf: string, unitIds: SQL = sql`SELECT id FROM units`): SQL {
  return sql`v_now AS (${unitVersionsInForce(asOf, unitIds)}),
    uv AS (
      SELECT u.id, u.code, v.region_code, u.document_no, u.established_on, u.abolished_on,
        v.kind, v.rank, v.parent_id, v.reference_managed, v.division_cap,
        (${unitActiveOn('u', asOf)}) AS active
      FROM units u JOIN v_now v ON v.unit_id = u.id
    )`;
}

/** CTE `active_seats`: seats active on D. */
export function activeSeats(asOf: string): SQL {
  return sql`active_seats AS (SELECT s.* FROM seats s WHERE ${seatActiveOn('s', asOf)})`;
}

/** CTE `seat_post_now`: each seat's post version in force on D (greatest valid_from ≤ D, null earliest). */
export function seatPostsOn(asOf: string): SQL {
  return sql`seat_post_now AS (
    SELECT DISTINCT ON (sp.seat_id) sp.*
    FROM seat_posts sp
    WHERE sp.valid_from IS NULL OR sp.valid_from <= ${asOf}::date
    ORDER BY sp.seat_id, sp.valid_from DESC NULLS LAST
  )`;
}

/** The predicate "seat `s` is active during P". */
export function seatActiveDuring(alias: string, period: string): SQL {
  const s = sql.raw(alias);
  const [first, last] = [firstDayOf(period), lastDayOf(period)];
  return sql`(${s}.entered_on <= ${last}::date AND (${s}.exited_on IS NULL OR ${s}.exited_on > ${first}::date))`;
}

export const quotaKindLabel: Record<string, string> = {
  administrative: '行政编制',
  political_legal: '政法专项编制',
  logistics: '机关工勤编制',
  institutional: '事业编制',
  school_staff: '中小学教职工编制',
  turnover: '周转编制',
};

export const postLevelLabel: Record<string, string> = {
  head: '单位正职',
  deputy: '单位副职',
  division_head: '内设机构正职',
  division_deputy: '内设机构副职',
};

/**
 * CTE `name(region_code, value)`: every region that has, itself or through an ancestor, its own value
 * for the rule's setting, with the nearest one (RULES.md "(setting)"); a region missing here takes
 * the default. One walk up the region tree, bounded by its depth (a cycle stops at 32 levels).
 */
export function effectiveSetting(name: string, rule: string, key: string): SQL {
  return sql`${sql.raw(name)}(region_code, value) AS (
    WITH RECURSIVE up(code, ancestor, depth) AS (
      SELECT code, code, 0 FROM regions
      UNION ALL
      SELECT up.code, r.parent_code, up.depth + 1 FROM up JOIN regions r ON r.code = up.ancestor
      WHERE r.parent_code IS NOT NULL AND up.depth < 32
    )
    SELECT DISTINCT ON (up.code) up.code, rs.value
    FROM up JOIN rule_settings rs ON rs.region_code = up.ancestor AND rs.rule = ${rule} AND rs.key = ${key}
    ORDER BY up.code, up.depth
  )`;
}
