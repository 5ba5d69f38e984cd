import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { StagedFile } from './import.checks.ts';

/**
 * The caller's scope on import: a user writes only within their region and the regions below it.
 * Regions new in the dataset join the scope through their parent; every unit a row writes to or
 * names must lie within it, by the region this import leaves it in. One error per row and column.
 */

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const IN_SCOPE = (expr: string) => `${expr} IN (SELECT code FROM check_scope)`;

/** The unit columns that must lie within the scope, per file (secondments: either end). */
const UNIT_COLUMNS: [string, string][] = [
  ['unit_versions', 'code'],
  ['quotas', 'unit_code'],
  ['posts', 'unit_code'],
  ['charters', 'unit_code'],
  ['persons', 'unit_code'],
  ['persons', 'post_unit_code'],
  ['seat_posts', 'unit_code'],
  ['seat_posts', 'post_unit_code'],
  ['off_quota', 'unit_code'],
  ['payroll', 'unit_code'],
  ['insurance', 'unit_code'],
];

/** `check_scope(code)`: the regions within the scope; `check_unit_regions(code, region_code)`: where each unit will be. */
export async function buildScopeLookups(tx: Db, staged: Map<string, StagedFile>, regionCode: string) {
  const newRegions = staged.has('regions')
    ? `UNION ALL SELECT s.code, s.parent_code FROM stage_regions s WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = s.code)`
    : '';
  await tx.execute(
    sql.raw(`CREATE TEMP TABLE check_scope ON COMMIT DROP AS
      WITH RECURSIVE edges AS (SELECT code, parent_code FROM regions ${newRegions}),
      s(code) AS (SELECT ${quote(regionCode)}::text UNION SELECT e.code FROM edges e JOIN s ON e.parent_code = s.code)
      SELECT code FROM s`),
  );
  const stagedUnits = staged.has('units')
    ? `SELECT code, region_code, 0 AS source, row_number FROM stage_units WHERE region_code IS NOT NULL UNION ALL`
    : '';
  await tx.execute(
    sql.raw(`CREATE TEMP TABLE check_unit_regions ON COMMIT DROP AS
      SELECT DISTINCT ON (code) code, region_code FROM (
        ${stagedUnits} SELECT code, region_code, 1 AS source, 0 AS row_number FROM units
      ) x ORDER BY code, source, row_number`),
  );
  for (const table of ['check_scope', 'check_unit_regions']) {
    await tx.execute(sql.raw(`CREATE INDEX ON ${table} (code)`));
    await tx.execute(sql.raw(`ANALYZE ${table}`));
  }
}

export function scopeChecks(staged: Map<string, StagedFile>, regionCode: string) {
  const checks: { file: string; sql: string }[] = [];
  const regions = staged.get('regions');
  if (regions) {
    checks.push({
      file: 'regions',
      sql: `SELECT row_number, 'code' AS col, code AS val, '行政区划 ' || code || ' 不在您的管辖范围内' AS reason
            FROM stage_regions WHERE NOT ${IN_SCOPE('code')}`,
    });
    if (regions.present.has('parent_code')) {
      checks.push({
        file: 'regions',
        sql: `SELECT s.row_number, 'parent_code' AS col, s.parent_code AS val,
                CASE WHEN s.code = ${quote(regionCode)} THEN '不能更改本级行政区划的上级区划'
                     ELSE '上级区划 ' || coalesce(s.parent_code, '（空）') || ' 不在您的管辖范围内' END AS reason
              FROM stage_regions s LEFT JOIN regions r ON r.code = s.code
              WHERE ${IN_SCOPE('s.code')} AND CASE
                WHEN s.code = ${quote(regionCode)} THEN r.code IS NOT NULL AND s.parent_code IS DISTINCT FROM r.parent_code
                ELSE s.parent_code IS NULL OR NOT ${IN_SCOPE('s.parent_code')} END`,
      });
    }
  }
  if (staged.has('units')) {
    checks.push(
      {
        file: 'units',
        sql: `SELECT s.row_number, 'code' AS col, s.code AS val, '机构 ' || s.code || ' 不在您的管辖范围内' AS reason
              FROM stage_units s JOIN units u ON u.code = s.code WHERE NOT ${IN_SCOPE('u.region_code')}`,
      },
      {
        file: 'units',
        sql: `SELECT row_number, 'region_code' AS col, region_code AS val, '所属区划 ' || region_code || ' 不在您的管辖范围内' AS reason
              FROM stage_units WHERE region_code IS NOT NULL AND NOT ${IN_SCOPE('region_code')}`,
      },
    );
  }
  for (const [file, column] of UNIT_COLUMNS) {
    if (!staged.get(file)?.present.has(column)) continue;
    checks.push({
      file,
      sql: `SELECT s.row_number, '${column}' AS col, s.${column} AS val, '机构 ' || s.${column} || ' 不在您的管辖范围内' AS reason
            FROM stage_${file} s JOIN check_unit_regions k ON k.code = s.${column} WHERE NOT ${IN_SCOPE('k.region_code')}`,
    });
  }
  const secondments = staged.get('secondments');
  if (secondments?.present.has('from_unit_code') && secondments.present.has('to_unit_code')) {
    checks.push({
      file: 'secondments',
      sql: `SELECT s.row_number, 'from_unit_code' AS col, s.from_unit_code AS val,
              '派出单位与借入单位均不在您的管辖范围内' AS reason
            FROM stage_secondments s
            JOIN check_unit_regions f ON f.code = s.from_unit_code JOIN check_unit_regions t ON t.code = s.to_unit_code
            WHERE NOT ${IN_SCOPE('f.region_code')} AND NOT ${IN_SCOPE('t.region_code')}`,
    });
  }
  return checks;
}
