import { asc, eq, type SQL } from 'drizzle-orm';
import { type Db, sql, statisticsQuery } from '../../db/database.ts';
import { regionScope, seatActiveOn, unitActiveOn, unitVersionsInForce } from '../org/org.sql.ts';
import { POST_LEVELS, type PostLevel, QUOTA_KINDS, type QuotaKind, vacancy } from './establishment.rules.ts';
import { postLedger, quotaLedger } from './establishment.table.ts';

/** Which units a figures query covers, as of which date. */
export interface FigureScope {
  regionCode: string;
  /** Also the regions below it (a city with its counties). */
  includeDescendants: boolean;
  asOf: string;
  /** Only this unit (still one query; its divisions' leaders are found through the region). */
  unitId?: number;
}

interface UnitFigure {
  unitId: number;
  unitCode: string;
  /** The name in force on the date; null when the unit has no version yet on that date. */
  unitName: string | null;
}

/** approved, headcount and vacancy of one active unit and quota kind (编制使用情况). */
export interface QuotaFigure extends UnitFigure {
  kind: QuotaKind;
  approved: number;
  headcount: number;
  /** 用编核准 granted and not yet used nor expired on the date: they count against the vacancy. */
  reserved: number;
  vacancy: number;
}

/** posts approved and leaders counted against them (RULES.md OVER_POSTS) for one unit and level. */
export interface PostFigure extends UnitFigure {
  level: PostLevel;
  posts: number;
  leaders: number;
  vacancy: number;
}

function activeUnits(scope: FigureScope) {
  const onlyUnit = scope.unitId === undefined ? sql`` : sql`AND u.id = ${scope.unitId}`;
  return sql`active_units AS (
    SELECT u.id, u.code FROM units u
    WHERE u.region_code IN (SELECT code FROM scope) AND ${unitActiveOn('u', scope.asOf)} ${onlyUnit}
  ),
  names AS (${unitVersionsInForce(scope.asOf, sql`SELECT id FROM active_units`)})`;
}

/** One figure row as the SQL yields it: `supply` approved (quota or posts), `used` headcount or leaders. */
export interface FigureRow {
  unitId: number;
  unitCode: string;
  unitName: string | null;
  key: string;
  supply: number;
  used: number;
  reserved: number;
}

/**
 * The predicate "approval `a` reserves a vacancy on D": granted by D, and on D neither used (a used
 * approval reserved until the day its person was seated), cancelled (a cancelled one reserved until
 * its cancellation date) nor past its expiry.
 */
export function reservingOn(alias: string, asOf: string): SQL {
  const a = sql.raw(alias);
  return sql`(${a}.approved_on <= ${asOf}::date AND ${a}.expires_on >= ${asOf}::date
    AND (${a}.state = 'reserved' OR (${a}.state = 'used' AND ${a}.used_on > ${asOf}::date)
      OR (${a}.state = 'cancelled' AND ${a}.cancelled_on > ${asOf}::date)))`;
}

/** Sums `amounts(unit_id, key, supply, used)` per active unit and key. */
function figuresQuery(scope: FigureScope, amounts: SQL): SQL {
  return sql`WITH RECURSIVE ${regionScope(scope.regionCode, scope.includeDescendants)},
    ${activeUnits(scope)},
    ${amounts}
    SELECT a.id AS "unitId", a.code AS "unitCode", n.name AS "unitName", f.key, f.supply, f.used, f.reserved
    FROM (SELECT unit_id, key, sum(supply)::int AS supply, sum(used)::int AS used, sum(reserved)::int AS reserved
      FROM amounts GROUP BY unit_id, key) f
    JOIN active_units a ON a.id = f.unit_id
    LEFT JOIN names n ON n.unit_id = a.id`;
}

/** By unit code, then kinds or levels in their listed order. */
function byOrder(order: readonly string[]) {
  const rank = (key: string) => {
    const index = order.indexOf(key);
    return index < 0 ? order.length : index;
  };
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return (a: FigureRow, b: FigureRow) =>
    compare(a.unitCode, b.unitCode) || rank(a.key) - rank(b.key) || compare(a.key, b.key);
}

/**
 * For every active unit of the scope and every quota kind it has a ledger row (effective by the date)
 * or an active seat of: approved, headcount and vacancy. One query for the whole scope.
 */
export async function quotaFigures(db: Db, scope: FigureScope): Promise<QuotaFigure[]> {
  const rows = await statisticsQuery<FigureRow>(db, quotaFiguresSql(scope));
  return rows.sort(byOrder(QUOTA_KINDS)).map((row) => ({
    unitId: row.unitId,
    unitCode: row.unitCode,
    unitName: row.unitName,
    kind: row.key as QuotaKind,
    approved: row.supply,
    headcount: row.used,
    reserved: row.reserved,
    vacancy: vacancy(row.supply, row.used, row.reserved),
  }));
}

/** The query behind `quotaFigures` (rows of FigureRow, `key` the quota kind), for callers that page or filter it. */
export function quotaFiguresSql(scope: FigureScope): SQL {
  // Summed per unit and kind before meeting the units: two million seats become tens of thousands of rows.
  const onlyUnit = (alias: string) =>
    scope.unitId === undefined ? sql`` : sql`AND ${sql.raw(alias)}.unit_id = ${scope.unitId}`;
  const amounts = sql`amounts AS (
    SELECT q.unit_id, q.kind AS key, sum(q.amount) AS supply, 0 AS used, 0 AS reserved
    FROM quota_ledger q
    WHERE q.region_code IN (SELECT code FROM scope) AND q.effective_on <= ${scope.asOf}::date ${onlyUnit('q')}
    GROUP BY q.unit_id, q.kind
    UNION ALL
    SELECT s.unit_id, s.quota_kind, 0, count(*), 0
    FROM seats s
    WHERE s.region_code IN (SELECT code FROM scope) AND ${seatActiveOn('s', scope.asOf)} ${onlyUnit('s')}
    GROUP BY s.unit_id, s.quota_kind
    UNION ALL
    SELECT a.unit_id, a.quota_kind, 0, 0, count(*)
    FROM quota_use_approvals a
    WHERE a.region_code IN (SELECT code FROM scope) AND ${reservingOn('a', scope.asOf)} ${onlyUnit('a')}
    GROUP BY a.unit_id, a.quota_kind
  )`;
  return figuresQuery(scope, amounts);
}

/**
 * For every active unit of the scope and every post level it has a ledger row or a leader counted
 * against: posts, leaders and the posts left. A leader is an active seat whose post in force on the
 * date has a level; head and deputy count against the post unit, division_head and division_deputy
 * against the parent of the post unit when that is an internal division (as its version stood then).
 */
export async function postFigures(db: Db, scope: FigureScope): Promise<PostFigure[]> {
  const rows = await statisticsQuery<FigureRow>(db, postFiguresSql(scope));
  return rows.sort(byOrder(POST_LEVELS)).map((row) => ({
    unitId: row.unitId,
    unitCode: row.unitCode,
    unitName: row.unitName,
    level: row.key as PostLevel,
    posts: row.supply,
    leaders: row.used,
    vacancy: vacancy(row.supply, row.used),
  }));
}

/** The query behind `postFigures` (rows of FigureRow, `key` the post level). */
export function postFiguresSql(scope: FigureScope): SQL {
  const amounts = sql`leader_seats AS (
    SELECT s.id, s.unit_id FROM seats s JOIN units su ON su.id = s.unit_id
    WHERE su.region_code IN (SELECT code FROM scope) AND ${seatActiveOn('s', scope.asOf)}
  ),
  posts_now AS (
    SELECT DISTINCT ON (p.seat_id) p.seat_id, p.post_level, coalesce(p.post_unit_id, ls.unit_id) AS post_unit_id
    FROM seat_posts p JOIN leader_seats ls ON ls.id = p.seat_id
    WHERE p.valid_from IS NULL OR p.valid_from <= ${scope.asOf}::date
    ORDER BY p.seat_id, p.valid_from DESC NULLS LAST
  ),
  post_units AS (${unitVersionsInForce(scope.asOf, sql`SELECT post_unit_id FROM posts_now`)}),
  leaders AS (
    SELECT CASE
        WHEN pn.post_level IN ('division_head', 'division_deputy')
          AND pu.kind = 'internal_division' AND pu.parent_id IS NOT NULL THEN pu.parent_id
        ELSE pn.post_unit_id
      END AS unit_id,
      pn.post_level AS level
    FROM posts_now pn LEFT JOIN post_units pu ON pu.unit_id = pn.post_unit_id
    WHERE pn.post_level IS NOT NULL
  ),
  amounts AS (
    SELECT l.unit_id, l.level AS key, l.amount AS supply, 0 AS used, 0 AS reserved
    FROM post_ledger l JOIN active_units a ON a.id = l.unit_id
    WHERE l.effective_on <= ${scope.asOf}::date
    UNION ALL
    SELECT unit_id, level, 0, 1, 0 FROM leaders
  )`;
  return figuresQuery(scope, amounts);
}

export interface QuotaLedgerEntry {
  id: number;
  kind: QuotaKind;
  amount: number;
  effectiveOn: string;
  documentNo: string;
}

export interface PostLedgerEntry {
  id: number;
  level: PostLevel;
  amount: number;
  effectiveOn: string;
  documentNo: string;
}

/** 编制台账 of a unit: every change, future-dated ones too, in date order. */
export function quotaLedgerOf(db: Db, unitId: number): Promise<QuotaLedgerEntry[]> {
  return db
    .select({
      id: quotaLedger.id,
      // Stored values are checked on the way in (import), so the column holds only these kinds.
      kind: sql<QuotaKind>`${quotaLedger.kind}`,
      amount: quotaLedger.amount,
      effectiveOn: quotaLedger.effectiveOn,
      documentNo: quotaLedger.documentNo,
    })
    .from(quotaLedger)
    .where(eq(quotaLedger.unitId, unitId))
    .orderBy(asc(quotaLedger.effectiveOn), asc(quotaLedger.kind), asc(quotaLedger.id));
}

/** 领导职数台账 of a unit, in date order. */
export function postLedgerOf(db: Db, unitId: number): Promise<PostLedgerEntry[]> {
  return db
    .select({
      id: postLedger.id,
      level: sql<PostLevel>`${postLedger.level}`,
      amount: postLedger.amount,
      effectiveOn: postLedger.effectiveOn,
      documentNo: postLedger.documentNo,
    })
    .from(postLedger)
    .where(eq(postLedger.unitId, unitId))
    .orderBy(asc(postLedger.effectiveOn), asc(postLedger.level), asc(postLedger.id));
}
