import type { SQL } from 'drizzle-orm';
import { type Db, query, sql } from '../../db/database.ts';
import type { DataScope } from '../auth/caller.ts';
import { regionScope, unitVersionsInForce } from './org.sql.ts';
import type { RegionRecord, UnitRecord } from './org.repository.ts';

/**
 * Whether a region or a unit lies within a caller's scope. Outside it, services answer as if it did
 * not exist (404), so a caller cannot even learn that a sibling's unit is there.
 */

/** Whether `regionCode` is `ancestor` or lies below it: a walk up the region tree from the region. */
export async function regionWithin(db: Db, regionCode: string, ancestor: string): Promise<boolean> {
  if (regionCode === ancestor) return true;
  // UNION stops at a cycle; the walk is as long as the tree is deep (province → city → county → town).
  const [row] = await query<{ found: boolean }>(
    db,
    sql`WITH RECURSIVE up(code, parent_code) AS (
      SELECT code, parent_code FROM regions WHERE code = ${regionCode}
      UNION
      SELECT r.code, r.parent_code FROM regions r JOIN up ON r.code = up.parent_code
    ) SELECT EXISTS (SELECT 1 FROM up WHERE parent_code = ${ancestor}) AS found`,
  );
  return row?.found ?? false;
}

export function regionVisible(db: Db, scope: DataScope, region: RegionRecord): Promise<boolean> {
  return regionWithin(db, region.code, scope.regionCode);
}

export async function unitVisible(db: Db, scope: DataScope, unit: UnitRecord): Promise<boolean> {
  if (scope.unitIds && !scope.unitIds.includes(unit.id)) return false;
  return regionWithin(db, unit.regionCode, scope.regionCode);
}

/**
 * A unit and every unit under it (internal divisions, subordinate institutions, theirs in turn), by
 * the versions in force on the date, within the region scope `regionCode`.
 */
export async function unitSubtree(
  db: Db,
  unitId: number,
  regionCode: string,
  asOf: string,
): Promise<number[]> {
  const rows = await query<{ id: number }>(
    db,
    sql`WITH RECURSIVE ${regionScope(regionCode, true)},
      in_force AS (${unitVersionsInForce(asOf, sql`SELECT id FROM units WHERE region_code IN (SELECT code FROM scope)`)}),
      tree(id) AS (
        SELECT ${unitId}::int
        UNION
        SELECT v.unit_id FROM in_force v JOIN tree t ON v.parent_id = t.id
      )
    SELECT id FROM tree ORDER BY id`,
  );
  return rows.map((row) => row.id);
}

/**
 * A scope as SQL for rows that carry `region_code` and `unit_id` under `alias`: the CTE `scope` of
 * the region and those below it, and the condition that keeps the rows in it (and in the caller's
 * units, when bound to some; a row about no unit is then out of scope).
 */
export function scopeFilter(scope: DataScope, alias: string): { cte: SQL; where: SQL } {
  const a = sql.raw(alias);
  const units = scope.unitIds;
  const unitFilter =
    units === null
      ? sql`TRUE`
      : units.length === 0
        ? sql`FALSE`
        : sql`${a}.unit_id IN (${sql.join(
            units.map((id) => sql`${id}`),
            sql`, `,
          )})`;
  return {
    cte: sql`WITH RECURSIVE ${regionScope(scope.regionCode, true)}`,
    where: sql`${a}.region_code IN (SELECT code FROM scope) AND ${unitFilter}`,
  };
}
