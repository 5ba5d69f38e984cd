import type { SQL } from 'drizzle-orm';
import { sql } from '../../db/database.ts';

/**
 * SQL fragments the set-based queries of every module share: which regions a query covers and which
 * version of each unit is in force on a date. They go into one `WITH RECURSIVE` clause.
 */

/** CTE `scope(code)`: the region, and with `includeDescendants` every region below it (regions.parent_code). */
export function regionScope(regionCode: string, includeDescendants: boolean): SQL {
  if (!includeDescendants) return sql`scope(code) AS (SELECT code FROM regions WHERE code = ${regionCode})`;
  // UNION, not UNION ALL: a cycle in the region tree ends the recursion instead of looping.
  return sql`scope(code) AS (
    SELECT code FROM regions WHERE code = ${regionCode}
    UNION
    SELECT r.code FROM regions r JOIN scope s ON r.parent_code = s.code
  )`;
}

/** The predicate "the unit `u` is active on the date" (RULES.md: established by D, not abolished by D). */
export function unitActiveOn(alias: string, asOf: string): SQL {
  const u = sql.raw(alias);
  return sql`(${u}.established_on IS NULL OR ${u}.established_on <= ${asOf}::date)
    AND (${u}.abolished_on IS NULL OR ${u}.abolished_on > ${asOf}::date)`;
}

/** The predicate "the seat `s` is active on the date": entered by D and not exited on or before D. */
export function seatActiveOn(alias: string, asOf: string): SQL {
  const s = sql.raw(alias);
  return sql`${s}.entered_on <= ${asOf}::date AND (${s}.exited_on IS NULL OR ${s}.exited_on > ${asOf}::date)`;
}

/**
 * The version of each unit in force on the date (the greatest valid_from ≤ D, null being the
 * earliest), restricted to the units `unitIds` selects. A subquery yielding unit_versions columns.
 */
export function unitVersionsInForce(asOf: string, unitIds: SQL): SQL {
  return sql`SELECT DISTINCT ON (v.unit_id) v.*
    FROM unit_versions v
    WHERE v.unit_id IN (${unitIds}) AND (v.valid_from IS NULL OR v.valid_from <= ${asOf}::date)
    ORDER BY v.unit_id, v.valid_from DESC NULLS LAST`;
}

/**
 * The name of the unit in `idColumn` (an SQL column, e.g. `f.unit_id`) as of the date, or its latest
 * name when no date is given: a scalar subquery for a select list.
 */
export function unitNameSql(idColumn: string, asOf?: string): SQL {
  const upTo = asOf === undefined ? sql`` : sql`AND (v.valid_from IS NULL OR v.valid_from <= ${asOf}::date)`;
  return sql`(SELECT v.name FROM unit_versions v WHERE v.unit_id = ${sql.raw(idColumn)} ${upTo}
    ORDER BY v.valid_from DESC NULLS LAST LIMIT 1)`;
}
