import { sql } from 'drizzle-orm';
import { type Db, query } from '../../db/database.ts';
import { type ChangeSink, MERGE_BATCH, runRecorded } from './merge.ts';

/**
 * Units and seats keep their history as dated versions. A units.csv row that changes a unit's
 * name, kind, rank, class, funding, parent … (or a persons.csv row that changes a seat's post)
 * adds a version effective on the import's date instead of overwriting the one before.
 */

interface VersionedColumn {
  /** Column of the version table. */
  target: string;
  /** Expression over `src`. */
  source: string;
  /** The dataset column it comes from. */
  column: string;
}

interface VersionPlan {
  entity: string;
  table: string;
  owner: string;
  /** SELECT … AS owner_id, … AS region_code, audit_key and the `source` expressions, FROM the staged rows `s` (with `range`). */
  src: (range: string) => string;
  columns: VersionedColumn[];
  /** When an owner has no version yet: valid from the beginning (null), or from the import date. */
  firstValidFrom: string;
}

const UNIT_COLUMNS: VersionedColumn[] = [
  { target: 'name', source: 'src.name', column: 'name' },
  { target: 'kind', source: 'src.kind', column: 'kind' },
  { target: 'rank', source: 'src.rank', column: 'rank' },
  { target: 'public_class', source: 'src.public_class', column: 'public_class' },
  { target: 'funding', source: 'src.funding', column: 'funding' },
  {
    target: 'reference_managed',
    source: 'COALESCE(src.reference_managed, false)',
    column: 'reference_managed',
  },
  { target: 'parent_id', source: 'src.parent_id', column: 'parent_code' },
  { target: 'division_cap', source: 'src.division_cap', column: 'division_cap' },
  { target: 'alias_names', source: `COALESCE(src.alias_names, '{}')`, column: 'alias_names' },
  { target: 'sort_order', source: 'src.sort_order', column: 'sort_order' },
];

const POST_COLUMNS: VersionedColumn[] = [
  { target: 'post_level', source: 'src.post_level', column: 'post_level' },
  { target: 'post_unit_id', source: 'src.post_unit_id', column: 'post_unit_code' },
  { target: 'post_rank', source: 'src.post_rank', column: 'post_rank' },
];

export function unitVersionPlan(): VersionPlan {
  return {
    entity: 'unit_version',
    table: 'unit_versions',
    owner: 'unit_id',
    src: (
      range,
    ) => `SELECT u.id AS owner_id, u.region_code AS owner_region, jsonb_build_object('code', s.code) AS audit_key, s.*, pu.id AS parent_id
      FROM stage_units s JOIN units u ON u.code = s.code LEFT JOIN units pu ON pu.code = s.parent_code WHERE ${range}`,
    columns: UNIT_COLUMNS,
    // Every unit gets its first version when it is created, so only a new unit has none.
    firstValidFrom: 'NULL',
  };
}

/** `newSeatsAfter`: seats with a greater id were created by this import and hold their post from the start. */
export function seatPostPlan(newSeatsAfter: number, effectiveOn: string): VersionPlan {
  return {
    entity: 'seat_post',
    table: 'seat_posts',
    owner: 'seat_id',
    src: (range) => `SELECT st.id AS owner_id, u.region_code AS owner_region,
        jsonb_build_object('idNumber', s.id_masked, 'unitCode', s.unit_code, 'enteredOn', s.entered_on) AS audit_key,
        s.post_level, NULLIF(pu.id, u.id) AS post_unit_id, s.post_rank
      FROM stage_persons s JOIN persons p ON p.id_index = s.id_index JOIN units u ON u.code = s.unit_code
      JOIN seats st ON st.person_id = p.id AND st.unit_id = u.id AND st.entered_on = s.entered_on
      LEFT JOIN units pu ON pu.code = s.post_unit_code WHERE ${range}`,
    columns: POST_COLUMNS,
    firstValidFrom: `CASE WHEN src.owner_id > ${Number(newSeatsAfter)} THEN NULL ELSE '${effectiveOn}'::date END`,
  };
}

export async function mergeVersions(
  tx: Db,
  plan: VersionPlan,
  present: Set<string>,
  effectiveOn: string,
  rowRange: { min: number; max: number },
  sink: ChangeSink,
): Promise<{ added: number; updated: number }> {
  const columns = plan.columns.filter((c) => present.has(c.column));
  if (columns.length === 0) return { added: 0, updated: 0 };
  const targets = plan.columns.map((c) => c.target);
  const insertColumns = `${plan.owner}, region_code, valid_from, ${targets.join(', ')}`;
  const counts = { added: 0, updated: 0 };
  const json = (pick: (c: VersionedColumn) => string) =>
    `jsonb_build_object(${columns.map((c) => `'${c.target}', ${pick(c)}`).join(', ')})`;
  const isEmpty =
    plan.entity === 'seat_post' ? columns.map((c) => `${c.source} IS NULL`).join(' AND ') : 'false';

  for (let from = rowRange.min; from <= rowRange.max; from += MERGE_BATCH) {
    const range = `s.row_number >= ${from} AND s.row_number < ${from + MERGE_BATCH}`;
    const latest = `SELECT DISTINCT ON (${plan.owner}) * FROM ${plan.table}
      WHERE ${plan.owner} IN (SELECT owner_id FROM src) ORDER BY ${plan.owner}, valid_from DESC NULLS LAST`;
    // First versions: owners with none. A seat without a post needs none. A new unit's first version
    // is part of adding the unit (recorded with it); a seat's first post is a change of its own.
    const firstCtes = `src AS (${plan.src(range)}),
        fresh AS (SELECT * FROM src WHERE NOT EXISTS (SELECT 1 FROM ${plan.table} v WHERE v.${plan.owner} = src.owner_id) AND NOT (${isEmpty})),
        ins AS (INSERT INTO ${plan.table} (${insertColumns})
                SELECT src.owner_id, src.owner_region, ${plan.firstValidFrom}, ${plan.columns.map((c) => c.source).join(', ')}
                FROM fresh src RETURNING 1)`;
    if (plan.entity === 'seat_post') {
      counts.added += await runRecorded(
        tx,
        sink,
        firstCtes,
        `SELECT src.audit_key, NULL::jsonb AS before, ${json((c) => c.source)} AS after FROM fresh src`,
        { entity: plan.entity, op: 'insert' },
      );
    } else {
      const [row] = await query<{ n: number }>(
        tx,
        sql.raw(`WITH ${firstCtes} SELECT count(*)::int AS n FROM fresh`),
      );
      counts.added += row?.n ?? 0;
    }
    counts.updated += await runRecorded(
      tx,
      sink,
      `src AS (${plan.src(range)}),
        latest AS (${latest}),
        merged AS (
          SELECT src.owner_id, src.owner_region, src.audit_key,
                 ${plan.columns.map((c) => (present.has(c.column) ? `${c.source} AS ${c.target}` : `l.${c.target}`)).join(', ')},
                 ${json((c) => `l.${c.target}`)} AS before, ${json((c) => c.source)} AS after
          FROM src JOIN latest l ON l.${plan.owner} = src.owner_id
          WHERE ${columns.map((c) => `l.${c.target} IS DISTINCT FROM ${c.source}`).join(' OR ')}),
        up AS (INSERT INTO ${plan.table} (${insertColumns})
               SELECT owner_id, owner_region, '${effectiveOn}'::date, ${targets.join(', ')} FROM merged
               ON CONFLICT (${plan.owner}, valid_from) DO UPDATE SET ${targets.map((t) => `${t} = EXCLUDED.${t}`).join(', ')}
               RETURNING 1)`,
      'SELECT audit_key, before, after FROM merged',
      { entity: plan.entity, op: 'update' },
    );
  }
  return counts;
}
