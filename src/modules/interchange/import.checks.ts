import { sql } from 'drizzle-orm';
import { type Db, query } from '../../db/database.ts';
import { type FileSpec, RETIREMENT_GROUPS } from './dataset.spec.ts';
import type { ImportError } from './import.errors.ts';
import { retirementGroupOf } from './import.plans.ts';
import { buildScopeLookups, scopeChecks } from './import.scope.ts';
import { stageTable } from './staging.ts';

/**
 * The checks between rows, files and what is already stored, each one set-based SQL over the
 * staged files: duplicate keys, references, a seat in an abolished unit, rows of one person that
 * disagree. Each yields (row, column, value, reason).
 */

export interface StagedFile {
  spec: FileSpec;
  label: string;
  present: Set<string>;
}

interface Check {
  file: string;
  /** SELECT row_number, col, val, reason FROM … */
  sql: string;
}

export async function runChecks(
  tx: Db,
  staged: Map<string, StagedFile>,
  cap: number,
  scopeRegionCode: string | null = null,
): Promise<ImportError[]> {
  await buildLookups(tx, staged);
  if (scopeRegionCode) await buildScopeLookups(tx, staged, scopeRegionCode);
  const errors: ImportError[] = [];
  const checks = [...(scopeRegionCode ? scopeChecks(staged, scopeRegionCode) : []), ...checksFor(staged)];
  for (const check of checks) {
    if (errors.length >= cap) break;
    const file = staged.get(check.file)!;
    const rows = await query<{ row_number: number; col: string | null; val: string | null; reason: string }>(
      tx,
      sql.raw(`${check.sql} ORDER BY 1 LIMIT ${cap - errors.length}`),
    );
    for (const row of rows) {
      errors.push({
        file: file.label,
        row: row.row_number,
        column: row.col,
        value: row.val,
        reason: row.reason,
      });
    }
  }
  return errors;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

function checksFor(staged: Map<string, StagedFile>): Check[] {
  const has = (name: string) => staged.has(name);
  // References resolve against the lookups: what is stored, as this import's files would leave it.
  const unitKnown = (expr: string) => `EXISTS (SELECT 1 FROM check_units k WHERE k.code = ${expr})`;
  const regionKnown = (expr: string) => `EXISTS (SELECT 1 FROM check_regions k WHERE k.code = ${expr})`;
  const checks: Check[] = [];

  for (const [name, file] of staged) {
    // Without one of its key columns (already reported) every row's key is incomplete: no duplicates to find.
    if (!file.spec.key.every((column) => file.present.has(column))) continue;
    const key = file.spec.key.map((k) => (k === 'id_number' ? 'id_index' : k)).join(', ');
    checks.push({
      file: name,
      sql: `SELECT row_number, NULL AS col, NULL AS val, '与第 ' || first_row || ' 行的键（${file.spec.key.join('、')}）重复' AS reason
            FROM (SELECT row_number, min(row_number) OVER (PARTITION BY ${key}) AS first_row FROM ${stageTable(file.spec)}) d
            WHERE row_number <> first_row`,
    });
  }

  const reference = (file: string, column: string, known: (expr: string) => string, what: string) => {
    if (!staged.get(file)?.present.has(column)) return;
    checks.push({
      file,
      sql: `SELECT row_number, '${column}' AS col, ${column} AS val, ${quote(`${what}不存在（本次导入和已有数据中均未找到）`)} || '：' || ${column} AS reason
            FROM stage_${file} s WHERE ${column} IS NOT NULL AND NOT ${known(`s.${column}`)}`,
    });
  };

  reference('regions', 'parent_code', regionKnown, '上级区划');
  reference('units', 'region_code', regionKnown, '所属区划');
  reference('units', 'parent_code', unitKnown, '上级机构');
  reference('unit_versions', 'code', unitKnown, '机构');
  reference('unit_versions', 'parent_code', unitKnown, '上级机构');
  for (const file of [
    'quotas',
    'posts',
    'charters',
    'persons',
    'seat_posts',
    'off_quota',
    'payroll',
    'insurance',
  ]) {
    reference(file, 'unit_code', unitKnown, '机构');
  }
  reference('persons', 'work_unit_code', unitKnown, '工作所在单位');
  reference('persons', 'post_unit_code', unitKnown, '任职机构');
  reference('seat_posts', 'post_unit_code', unitKnown, '任职机构');
  reference('secondments', 'from_unit_code', unitKnown, '派出单位');
  reference('secondments', 'to_unit_code', unitKnown, '借入单位');

  if (has('units')) {
    checks.push({
      file: 'units',
      sql: `SELECT row_number, 'parent_code' AS col, parent_code AS val, '上级机构不能是本机构' AS reason
            FROM stage_units WHERE parent_code = code`,
    });
    for (const column of ['name', 'kind', 'region_code']) {
      if (staged.get('units')!.present.has(column)) continue;
      checks.push({
        file: 'units',
        sql: `SELECT row_number, NULL AS col, code AS val, ${quote(`新增机构须提供「${column}」列`)} AS reason
              FROM stage_units s WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.code = s.code)`,
      });
    }
  }

  if (staged.get('units')?.present.has('abolished_on')) checks.push(storedSeatsOfAbolished(has('persons')));
  if (has('units')) checks.push(...unitDatesAgainstStored(staged.get('units')!.present));
  if (has('persons')) checks.push(...personChecks(staged));

  if (has('seat_posts')) {
    checks.push({
      file: 'seat_posts',
      sql: `SELECT row_number, 'entered_on' AS col, entered_on::text AS val, '任职沿革所属的编制（人员、单位、入编时间）不存在' AS reason
            FROM stage_seat_posts s
            WHERE NOT EXISTS (SELECT 1 FROM seats st JOIN persons p ON p.id = st.person_id JOIN units u ON u.id = st.unit_id
                              WHERE p.id_index = s.id_index AND u.code = s.unit_code AND st.entered_on = s.entered_on)
            ${has('persons') ? 'AND NOT EXISTS (SELECT 1 FROM stage_persons sp WHERE sp.id_index = s.id_index AND sp.unit_code = s.unit_code AND sp.entered_on = s.entered_on)' : ''}`,
    });
  }

  if (has('secondments')) {
    checks.push({
      file: 'secondments',
      sql: `SELECT row_number, 'id_number' AS col, id_masked AS val, '借调人员不在实名制名册中' AS reason
            FROM stage_secondments s
            WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id_index = s.id_index)
            ${has('persons') ? 'AND NOT EXISTS (SELECT 1 FROM stage_persons sp WHERE sp.id_index = s.id_index)' : ''}`,
    });
  }
  return checks;
}

function personChecks(staged: Map<string, StagedFile>): Check[] {
  const present = staged.get('persons')!.present;
  const checks: Check[] = [
    {
      file: 'persons',
      sql: `SELECT row_number, 'unit_code' AS col, unit_code AS val, '编制所在单位不能是内设机构（内设机构不核定编制）' AS reason
            FROM stage_persons s JOIN check_units k ON k.code = s.unit_code WHERE k.kind = 'internal_division'`,
    },
    {
      file: 'persons',
      // A file without the exited_on column leaves each seat's stored exit as it is: check that one.
      sql: `SELECT row_number, 'unit_code' AS col, unit_code AS val, '该单位已于 ' || abolished_on || ' 撤销，不能在撤销后占用编制' AS reason
            FROM (SELECT s.row_number, s.unit_code, s.entered_on, k.abolished_on,
                         ${present.has('exited_on') ? 's.exited_on' : `(${storedSeat('st.exited_on')})`} AS exited_on
                  FROM stage_persons s JOIN check_units k ON k.code = s.unit_code) x
            WHERE abolished_on IS NOT NULL AND (entered_on >= abolished_on OR exited_on IS NULL OR exited_on > abolished_on)`,
    },
  ];
  if (present.has('name')) {
    checks.push({
      file: 'persons',
      sql: `SELECT row_number, 'name' AS col, name AS val, '同一公民身份号码的各行姓名不一致（第 ' || first_row || ' 行为「' || COALESCE(first_value, '') || '」）' AS reason
            FROM (SELECT row_number, name,
                         first_value(row_number) OVER w AS first_row, first_value(name) OVER w AS first_value
                  FROM stage_persons WINDOW w AS (PARTITION BY id_index ORDER BY row_number)) d
            WHERE name IS DISTINCT FROM first_value`,
    });
  }
  checks.push(retirementGroupCheck(present.has('retirement_group')));
  for (const column of ['name', 'quota_kind', 'category', 'entry_type']) {
    if (present.has(column)) continue;
    checks.push({
      file: 'persons',
      sql: `SELECT row_number, NULL AS col, NULL AS val, ${quote(`新增人员或编制须提供「${column}」列`)} AS reason
            FROM stage_persons s WHERE NOT EXISTS (${storedSeat('1')})`,
    });
  }
  return checks;
}

/** A units file with only one of the two dates is checked against the other as stored (both: see the row check). */
function unitDatesAgainstStored(present: Set<string>): Check[] {
  const stored = 'FROM stage_units s JOIN units u ON u.code = s.code';
  if (present.has('abolished_on') && !present.has('established_on')) {
    return [
      {
        file: 'units',
        sql: `SELECT row_number, 'abolished_on' AS col, s.abolished_on::text AS val,
                '撤销日期早于已有的设立日期（' || u.established_on || '）' AS reason
              ${stored} WHERE s.abolished_on < u.established_on`,
      },
    ];
  }
  if (present.has('established_on') && !present.has('abolished_on')) {
    return [
      {
        file: 'units',
        sql: `SELECT row_number, 'established_on' AS col, s.established_on::text AS val,
                '设立日期晚于已有的撤销日期（' || u.abolished_on || '）' AS reason
              ${stored} WHERE s.established_on > u.abolished_on`,
      },
    ];
  }
  return [];
}

/**
 * A unit this import abolishes (or abolishes on another date) must hold no stored seat active on
 * that date, unless the persons file of the same import restates the seat (checked there, with its exit).
 */
function storedSeatsOfAbolished(personsStaged: boolean): Check {
  const restated = `AND NOT EXISTS (SELECT 1 FROM stage_persons sp JOIN persons p ON p.id_index = sp.id_index
                      WHERE p.id = st.person_id AND sp.unit_code = su.code AND sp.entered_on = st.entered_on)`;
  return {
    file: 'units',
    sql: `SELECT su.row_number, 'abolished_on' AS col, su.abolished_on::text AS val,
            '撤销时该单位仍有 ' || count(DISTINCT st.person_id) || ' 人占用编制（未出编），须先办理出编' AS reason
          FROM stage_units su JOIN units u ON u.code = su.code JOIN seats st ON st.unit_id = u.id
          WHERE su.abolished_on IS NOT NULL AND su.abolished_on IS DISTINCT FROM u.abolished_on
            AND (st.entered_on >= su.abolished_on OR st.exited_on IS NULL OR st.exited_on > su.abolished_on)
            ${personsStaged ? restated : ''}
          GROUP BY su.row_number, su.abolished_on`,
  };
}

/** Selects from the stored seat `st` that a staged persons row `s` names (by ID number, unit and entry date). */
function storedSeat(select: string): string {
  return `SELECT ${select} FROM seats st JOIN persons p ON p.id = st.person_id JOIN units u ON u.id = st.unit_id
    WHERE p.id_index = s.id_index AND u.code = s.unit_code AND st.entered_on = s.entered_on`;
}

/**
 * Rows of one person must agree on the retirement group as it will be stored: a cell left empty
 * stands for the default its row implies (by gender and category), so `male` stated in one row and
 * left empty in another agree, and a woman's 工勤 and 公务员 rows left empty do not. Without the
 * column, stored people keep theirs, so only new people are checked.
 */
function retirementGroupCheck(columnPresent: boolean): Check {
  const label = (expr: string) =>
    `CASE ${expr} ${Object.entries(RETIREMENT_GROUPS)
      .map(([key, text]) => `WHEN ${quote(key)} THEN ${quote(text)}`)
      .join(' ')} END`;
  const derived = `${quote('：未填写时按性别和人员类别推定，请填写「退休类别」')}`;
  return {
    file: 'persons',
    sql: `SELECT row_number, 'retirement_group' AS col, retirement_group AS val,
            '同一公民身份号码的各行退休类别不一致（第 ' || first_row || ' 行为「' || ${label('first_group')} || '」，本行为「' || ${label('effective')} || '」）'
            || CASE WHEN retirement_group IS NULL OR first_stated IS NULL THEN ${derived} ELSE '' END AS reason
          FROM (SELECT row_number, id_index, retirement_group, effective,
                       first_value(row_number) OVER w AS first_row, first_value(effective) OVER w AS first_group,
                       first_value(retirement_group) OVER w AS first_stated
                FROM (SELECT *, ${retirementGroupOf('s')} AS effective FROM stage_persons s) e
                WINDOW w AS (PARTITION BY id_index ORDER BY row_number)) d
          WHERE effective IS DISTINCT FROM first_group
            ${columnPresent ? '' : 'AND NOT EXISTS (SELECT 1 FROM persons p WHERE p.id_index = d.id_index)'}`,
  };
}

/**
 * Every unit code and region code the dataset may refer to, with the kind and abolition date a unit
 * will have once this import is applied (its units file wins where it says so), indexed, so that the
 * reference checks are joins and not a lookup per row.
 */
async function buildLookups(tx: Db, staged: Map<string, StagedFile>): Promise<void> {
  const units = staged.get('units');
  const stagedUnits = units
    ? `SELECT DISTINCT ON (code) code, ${units.present.has('kind') ? 'kind' : 'NULL::text'} AS kind,
         ${units.present.has('abolished_on') ? 'abolished_on' : 'NULL::date'} AS abolished_on
       FROM stage_units ORDER BY code, row_number`
    : 'SELECT NULL::text AS code, NULL::text AS kind, NULL::date AS abolished_on WHERE false';
  const abolishedFromFile = units?.present.has('abolished_on') ?? false;
  await tx.execute(
    sql.raw(`CREATE TEMP TABLE check_units ON COMMIT DROP AS
      WITH st AS (${stagedUnits})
      SELECT u.code, COALESCE(st.kind, v.kind) AS kind,
             ${abolishedFromFile ? 'CASE WHEN st.code IS NOT NULL THEN st.abolished_on ELSE u.abolished_on END' : 'u.abolished_on'} AS abolished_on
      FROM units u
      LEFT JOIN st ON st.code = u.code
      LEFT JOIN LATERAL (SELECT x.kind FROM unit_versions x WHERE x.unit_id = u.id ORDER BY x.valid_from DESC NULLS LAST LIMIT 1) v ON true
      UNION ALL
      SELECT st.code, st.kind, st.abolished_on FROM st WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.code = st.code)`),
  );
  await tx.execute(
    sql.raw(`CREATE TEMP TABLE check_regions ON COMMIT DROP AS
      SELECT code FROM regions ${staged.has('regions') ? 'UNION SELECT code FROM stage_regions' : ''}`),
  );
  for (const table of ['check_units', 'check_regions']) {
    await tx.execute(sql.raw(`CREATE INDEX ON ${table} (code)`));
    await tx.execute(sql.raw(`ANALYZE ${table}`));
  }
}
