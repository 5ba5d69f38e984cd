import { reservingOn } from '../establishment/establishment.repository.ts';
import { type Db, sql, statisticsQuery } from '../../db/database.ts';
import { regionScope, seatActiveOn, unitActiveOn, unitVersionsInForce } from '../org/org.sql.ts';

/**
 * The baseline a 编办 reports for its region (as 青山's: bodies by kind, public institutions by rank
 * and class, quota by kind with headcount and vacancy, leadership posts, off-establishment and
 * seconded staff), as of a date, for the region and every region below it. Each section is one
 * set-based query.
 */

export interface OverviewScope {
  regionCode: string;
  asOf: string;
  /** A unit liaison's view: these units only (null: the whole region). */
  unitIds?: readonly number[] | null;
}

export interface CountByKey {
  key: string;
  count: number;
}

export interface QuotaTotal {
  kind: string;
  approved: number;
  headcount: number;
  vacancy: number;
  /** Units whose headcount exceeds their approved quota of this kind (超编). */
  overUnits: number;
}

export interface PostTotal {
  level: string;
  posts: number;
  leaders: number;
}

export interface RegionOverview {
  asOf: string;
  bodiesByKind: CountByKey[];
  institutionsByRank: CountByKey[];
  institutionsByClass: CountByKey[];
  institutionsByFunding: CountByKey[];
  quotas: QuotaTotal[];
  posts: PostTotal[];
  offQuotaByType: CountByKey[];
  secondedStaff: number;
  headcount: number;
}

/** Active units of the scope with the version in force: CTEs `scope`, `active_units`, `unit_now`. */
function unitsInForce(scope: OverviewScope) {
  const onlyUnit = scope.unitIds ? sql`AND u.id = ANY(${sql.param([...scope.unitIds])}::int[])` : sql``;
  return sql`WITH RECURSIVE ${regionScope(scope.regionCode, true)},
    active_units AS (
      SELECT u.id FROM units u
      WHERE u.region_code IN (SELECT code FROM scope) AND ${unitActiveOn('u', scope.asOf)} ${onlyUnit}
    ),
    unit_now AS (${unitVersionsInForce(scope.asOf, sql`SELECT id FROM active_units`)})`;
}

const counts = (rows: { key: string | null; count: number }[]): CountByKey[] =>
  rows.map((r) => ({ key: r.key ?? 'unspecified', count: r.count }));

export async function regionOverview(db: Db, scope: OverviewScope): Promise<RegionOverview> {
  const units = unitsInForce(scope);
  const byKind = await statisticsQuery<{ key: string; count: number }>(
    db,
    sql`${units} SELECT kind AS key, count(*)::int AS count FROM unit_now
        WHERE kind NOT IN ('public_institution', 'internal_division', 'coordination_body') AND parent_id IS NULL
        GROUP BY kind ORDER BY count DESC, kind`,
  );
  const institutions = await statisticsQuery<{ dimension: string; key: string | null; count: number }>(
    db,
    sql`${units} SELECT d.dimension, d.key, count(*)::int AS count
        FROM unit_now v
        CROSS JOIN LATERAL (VALUES ('rank', v.rank), ('class', v.public_class), ('funding', v.funding)) AS d(dimension, key)
        WHERE v.kind = 'public_institution'
        GROUP BY d.dimension, d.key ORDER BY d.dimension, count DESC`,
  );
  const of = (dimension: string) => counts(institutions.filter((r) => r.dimension === dimension));
  const quotas = await statisticsQuery<QuotaTotal>(
    db,
    sql`${units},
      approved AS (
        SELECT q.unit_id, q.kind, sum(q.amount)::int AS approved FROM quota_ledger q
        WHERE q.unit_id IN (SELECT id FROM active_units) AND q.effective_on <= ${scope.asOf}::date
        GROUP BY q.unit_id, q.kind),
      held AS (
        SELECT s.unit_id, s.quota_kind AS kind, count(*)::int AS headcount FROM seats s
        WHERE s.unit_id IN (SELECT id FROM active_units) AND ${seatActiveOn('s', scope.asOf)}
        GROUP BY s.unit_id, s.quota_kind),
      reserved AS (
        SELECT a.unit_id, a.quota_kind AS kind, count(*)::int AS reserved FROM quota_use_approvals a
        WHERE a.unit_id IN (SELECT id FROM active_units) AND ${reservingOn('a', scope.asOf)}
        GROUP BY a.unit_id, a.quota_kind),
      per_unit AS (
        SELECT COALESCE(a.unit_id, h.unit_id) AS unit_id, COALESCE(a.kind, h.kind) AS kind,
               COALESCE(a.approved, 0) AS approved, COALESCE(h.headcount, 0) AS headcount,
               COALESCE((SELECT r.reserved FROM reserved r WHERE r.unit_id = COALESCE(a.unit_id, h.unit_id)
                 AND r.kind = COALESCE(a.kind, h.kind)), 0) AS reserved
        FROM approved a FULL JOIN held h ON h.unit_id = a.unit_id AND h.kind = a.kind)
      SELECT kind, sum(approved)::int AS approved, sum(headcount)::int AS headcount,
             sum(approved - headcount - reserved)::int AS vacancy, count(*) FILTER (WHERE headcount > approved)::int AS "overUnits"
      FROM per_unit GROUP BY kind`,
  );
  const posts = await statisticsQuery<PostTotal>(
    db,
    sql`${units},
      approved AS (
        SELECT p.level, sum(p.amount)::int AS posts FROM post_ledger p
        WHERE p.unit_id IN (SELECT id FROM active_units) AND p.effective_on <= ${scope.asOf}::date GROUP BY p.level),
      leaders AS (
        SELECT sp.post_level AS level, count(*)::int AS leaders FROM seats s
        JOIN LATERAL (SELECT x.post_level FROM seat_posts x WHERE x.seat_id = s.id
                      AND (x.valid_from IS NULL OR x.valid_from <= ${scope.asOf}::date)
                      ORDER BY x.valid_from DESC NULLS LAST LIMIT 1) sp ON sp.post_level IS NOT NULL
        WHERE s.unit_id IN (SELECT id FROM active_units) AND ${seatActiveOn('s', scope.asOf)}
        GROUP BY sp.post_level)
      SELECT COALESCE(a.level, l.level) AS level, COALESCE(a.posts, 0) AS posts, COALESCE(l.leaders, 0) AS leaders
      FROM approved a FULL JOIN leaders l ON l.level = a.level`,
  );
  const offQuota = await statisticsQuery<{ key: string; count: number }>(
    db,
    sql`${units} SELECT o.type AS key, count(*)::int AS count FROM off_quota_staff o
        WHERE o.unit_id IN (SELECT id FROM active_units) AND o.start_on <= ${scope.asOf}::date
          AND (o.end_on IS NULL OR o.end_on > ${scope.asOf}::date)
        GROUP BY o.type ORDER BY count DESC`,
  );
  const [seconded] = await statisticsQuery<{ count: number }>(
    db,
    sql`${units} SELECT count(DISTINCT x.person_id)::int AS count FROM secondments x
        WHERE (x.from_unit_id IN (SELECT id FROM active_units) OR x.to_unit_id IN (SELECT id FROM active_units))
          AND x.start_on <= ${scope.asOf}::date AND (x.returned_on IS NULL OR x.returned_on > ${scope.asOf}::date)`,
  );
  const quotaOrder = [
    'administrative',
    'political_legal',
    'logistics',
    'institutional',
    'school_staff',
    'turnover',
  ];
  const postOrder = ['head', 'deputy', 'division_head', 'division_deputy'];
  const sortBy = (order: string[]) => (a: string, b: string) => order.indexOf(a) - order.indexOf(b);
  return {
    asOf: scope.asOf,
    bodiesByKind: counts(byKind),
    institutionsByRank: of('rank'),
    institutionsByClass: of('class'),
    institutionsByFunding: of('funding'),
    quotas: quotas.sort((a, b) => sortBy(quotaOrder)(a.kind, b.kind)),
    posts: posts.sort((a, b) => sortBy(postOrder)(a.level, b.level)),
    offQuotaByType: counts(offQuota),
    secondedStaff: seconded?.count ?? 0,
    headcount: quotas.reduce((sum, q) => sum + q.headcount, 0),
  };
}
