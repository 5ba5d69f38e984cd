import type { SQL } from 'drizzle-orm';
import { type Database, type Db, query, sql } from '../../db/database.ts';
import { type Clock, todayOf } from '../../shared/dates.ts';
import { type Caller, can } from '../auth/caller.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { scopeFilter } from '../org/org.scope.ts';
import { requireRegion } from '../org/org.service.ts';
import { unitVersionsInForce } from '../org/org.sql.ts';
import type { RuleClass, Severity, Warning } from './warning.types.ts';
import { labelledFigures } from './warnings.figures.ts';
import { toWarningRow } from './warnings.ledger.ts';
import { rules } from './warnings.registry.ts';
import { scanAll } from './warnings.service.ts';

/**
 * The warnings dashboard (预警看板) and its drill-down. As of today it reads the stored open warnings
 * (the last scan's); as of another date it runs every rule live as of that date and keeps nothing.
 * Either way the warnings are placed, scoped and counted in SQL, within the caller's scope exactly as
 * GET /api/warnings scopes them.
 */

export interface DashboardDeps {
  database: Database;
  idCipher: IdCipher;
  clock: Clock;
  /**
   * Live scans under way, by date: requests that arrive while one runs (the dashboard and its
   * drill-down, opened together) share it instead of scanning again. Nothing is kept after.
   */
  liveScans?: Map<string, Promise<Warning[]>>;
}

export const SEVERITIES: readonly Severity[] = ['违规', '风险', '提示'];
export const RULE_CLASSES: readonly RuleClass[] = [...new Set(rules.map((r) => r.class))];
const ruleOf = new Map(rules.map((r) => [r.code, r]));

/** The warnings one request reads: null `found` for the stored ones, else a live scan's. */
export interface WarningSource {
  asOf: string;
  live: boolean;
  found: Warning[] | null;
}

export async function warningSource(deps: DashboardDeps, asOf: string): Promise<WarningSource> {
  if (asOf === todayOf(deps.clock)) return { asOf, live: false, found: null };
  const running = deps.liveScans?.get(asOf);
  if (running) return { asOf, live: true, found: await running };
  const scan = scanAll(deps.database, deps.idCipher, { asOf, period: asOf.slice(0, 7) });
  if (deps.liveScans) {
    const scans = deps.liveScans;
    scans.set(asOf, scan);
    const done = () => void scans.delete(asOf);
    scan.then(done, done);
  }
  return { asOf, live: true, found: await scan };
}

/**
 * CTEs `scope` (the caller's), `tree(code, top)` (the region and every region below it, each with the sub-region it rolls up
 * to: a direct child of the region, or the region itself), `src` (the warnings, placed) and `scoped`
 * (those the caller may see, with their `top`).
 */
function scopedWarnings(source: WarningSource, idCipher: IdCipher, caller: Caller, regionCode: string): SQL {
  const tree = sql`tree(code, top) AS (
    SELECT code, code FROM regions WHERE code = ${regionCode}
    UNION
    SELECT r.code, CASE WHEN t.code = ${regionCode} THEN r.code ELSE t.top END
    FROM regions r JOIN tree t ON r.parent_code = t.code
    WHERE r.code <> ${regionCode}
  )`;
  let src: SQL;
  if (source.found === null) {
    src = sql`src AS (
      SELECT NULL::int AS seq, w.id AS warning_id, w.rule, w.subject_key, w.severity, w.region_code,
        w.unit_id, w.unit_code, w.id_index, w.id_masked, w.message, w.figures,
        w.first_seen_on::text AS first_seen_on, w.last_seen_on::text AS last_seen_on
      FROM warnings w WHERE w.resolved_on IS NULL
    )`;
  } else {
    // Placed as a scan records them (warnings.ledger.ts): its region, else its unit's, else its person's.
    const rows = JSON.stringify(source.found.map((w, seq) => ({ seq, ...toWarningRow(w, idCipher) })));
    src = sql`found AS (
      SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS f(seq int, rule text, subject_key text,
        severity text, region_code text, unit_code text, id_index text, id_masked text, message text,
        figures jsonb)
    ),
    src AS (
      SELECT f.seq, w.id AS warning_id, f.rule, f.subject_key, f.severity,
        coalesce(f.region_code, u.region_code, p.region_code, '') AS region_code,
        u.id AS unit_id, f.unit_code, f.id_index, f.id_masked, f.message, f.figures,
        NULL::text AS first_seen_on, NULL::text AS last_seen_on
      FROM found f
      LEFT JOIN units u ON u.code = f.unit_code
      LEFT JOIN persons p ON p.id_index = f.id_index
      LEFT JOIN warnings w ON w.rule = f.rule AND w.subject_key = f.subject_key
    )`;
  }
  // The caller's scope as every warnings list applies it; `tree` only rolls up (and narrows to a region).
  const { cte, where } = scopeFilter(caller.scope, 's');
  return sql`${cte}, ${tree}, ${src},
    scoped AS (SELECT s.*, t.top FROM src s JOIN tree t ON t.code = s.region_code WHERE ${where})`;
}

export interface RuleCount {
  rule: string;
  name: string;
  class: RuleClass;
  severity: Severity;
  count: number;
}

export interface RegionCount {
  code: string;
  name: string;
  /** The region itself (本级): its own units and the warnings about it, not its children's. */
  own: boolean;
  count: number;
}

export interface Dashboard {
  region: { code: string; name: string };
  asOf: string;
  /** stored: the open warnings of the last scan; live: a scan as of `asOf`, just now. */
  source: 'stored' | 'live';
  /** The date of the last scan as of today (stored warnings only), null if there has been none. */
  scannedOn: string | null;
  total: number;
  byClass: { class: RuleClass; count: number }[];
  byRule: RuleCount[];
  bySeverity: { severity: Severity; count: number }[];
  byRegion: RegionCount[];
}

/** The region a dashboard is about: the one asked for if the caller may see it, else the caller's. */
export async function dashboardRegion(db: Db, caller: Caller, code: string | undefined) {
  const region = await requireRegion(db, caller.scope, code ?? caller.scope.regionCode);
  return { code: region.code, name: region.name };
}

export async function dashboardOf(
  deps: DashboardDeps,
  caller: Caller,
  source: WarningSource,
  region: { code: string; name: string },
): Promise<Dashboard> {
  const db = deps.database.db;
  const counts = await query<{ rule: string; top: string; count: number }>(
    db,
    sql`${scopedWarnings(source, deps.idCipher, caller, region.code)}
    SELECT rule, top, count(*)::int AS count FROM scoped GROUP BY rule, top`,
  );
  const subRegions = await query<{ code: string; name: string }>(
    db,
    sql`SELECT code, name FROM regions WHERE parent_code = ${region.code} AND code <> ${region.code}
        ORDER BY code`,
  );
  const [scan] = source.live
    ? [undefined]
    : await query<{ scanned_on: string | null }>(
        db,
        sql`SELECT max(entity_key) AS scanned_on FROM audit_log WHERE entity = 'warnings' AND action = 'scan'`,
      );
  const sum = (keep: (row: { rule: string; top: string }) => boolean) =>
    counts.filter(keep).reduce((total, row) => total + row.count, 0);
  return {
    region,
    asOf: source.asOf,
    source: source.live ? 'live' : 'stored',
    scannedOn: scan?.scanned_on ?? null,
    total: sum(() => true),
    byClass: RULE_CLASSES.map((c) => ({ class: c, count: sum((r) => ruleOf.get(r.rule)?.class === c) })),
    byRule: rules.map((r) => ({
      rule: r.code,
      name: r.name,
      class: r.class,
      severity: r.severity,
      count: sum((row) => row.rule === r.code),
    })),
    bySeverity: SEVERITIES.map((s) => ({
      severity: s,
      count: sum((r) => ruleOf.get(r.rule)?.severity === s),
    })),
    byRegion: [
      ...subRegions.map((r) => ({ ...r, own: false, count: sum((row) => row.top === r.code) })),
      { ...region, own: true, count: sum((row) => row.top === region.code) },
    ],
  };
}

export interface DrillFilter {
  rule?: string;
  class?: string;
  severity?: string;
  /** The sub-region (a direct child of the region, or the region itself for 本级). */
  subRegion?: string;
  unit?: string;
}

export interface DrillWarning {
  /** The stored warning with the same rule and subject, if a scan as of today has recorded one. */
  warningId: number | null;
  rule: string;
  ruleName: string;
  class: string;
  severity: string;
  regionCode: string;
  regionName: string | null;
  unitCode: string | null;
  /** As of the date. */
  unitName: string | null;
  personId: number | null;
  personName: string | null;
  /** In full for a caller who may read ID numbers, else masked; null for a warning about no person. */
  idNumber: string | null;
  message: string;
  /** The figures that triggered it, labelled. */
  figures: { key: string; label: string; value: string }[];
  firstSeenOn: string | null;
  lastSeenOn: string | null;
}

function drillCondition(filter: DrillFilter): SQL {
  const conditions = [sql`TRUE`];
  if (filter.rule) conditions.push(sql`s.rule = ${filter.rule}`);
  if (filter.class) {
    const codes = rules.filter((r) => r.class === filter.class).map((r) => sql`${r.code}`);
    conditions.push(codes.length ? sql`s.rule IN (${sql.join(codes, sql`, `)})` : sql`FALSE`);
  }
  if (filter.severity) conditions.push(sql`s.severity = ${filter.severity}`);
  if (filter.subRegion) conditions.push(sql`s.top = ${filter.subRegion}`);
  if (filter.unit) conditions.push(sql`s.unit_code = ${filter.unit}`);
  return sql.join(conditions, sql` AND `);
}

const RULE_ORDER = sql.raw(`ARRAY[${rules.map((r) => `'${r.code}'`).join(', ')}]::text[]`);

/** One page of the warnings a dashboard counts (filtered), in RULES.md's order, with names and links. */
export async function drillWarnings(
  deps: DashboardDeps,
  caller: Caller,
  source: WarningSource,
  regionCode: string,
  filter: DrillFilter & { page: number; pageSize: number },
): Promise<{ total: number; page: number; pageSize: number; items: DrillWarning[] }> {
  const reveal = can(caller, 'id_number.read');
  const [result] = await query<{ total: number; items: Record<string, unknown>[] | null }>(
    deps.database.db,
    sql`${scopedWarnings(source, deps.idCipher, caller, regionCode)},
    filtered AS (SELECT s.* FROM scoped s WHERE ${drillCondition(filter)}),
    page AS (
      SELECT f.*, row_number() OVER (ORDER BY array_position(${RULE_ORDER}, f.rule), f.subject_key, f.seq) AS n
      FROM filtered f
      ORDER BY n LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}
    ),
    names AS (${unitVersionsInForce(source.asOf, sql`SELECT unit_id FROM page WHERE unit_id IS NOT NULL`)})
    SELECT (SELECT count(*)::int FROM filtered) AS total,
      (SELECT jsonb_agg(jsonb_build_object(
          'seq', pg.seq, 'warningId', pg.warning_id, 'rule', pg.rule, 'severity', pg.severity,
          'regionCode', pg.region_code, 'regionName', r.name, 'unitCode', pg.unit_code,
          'unitName', nm.name, 'personId', p.id, 'personName', p.name, 'idMasked', pg.id_masked,
          'idCipher', ${reveal ? sql`p.id_cipher` : sql`NULL::text`}, 'message', pg.message,
          'figures', pg.figures, 'firstSeenOn', pg.first_seen_on, 'lastSeenOn', pg.last_seen_on
        ) ORDER BY pg.n)
        FROM page pg
        LEFT JOIN names nm ON nm.unit_id = pg.unit_id
        LEFT JOIN regions r ON r.code = pg.region_code
        LEFT JOIN persons p ON p.id_index = pg.id_index) AS items`,
  );
  const rows = (result?.items ?? []) as {
    seq: number | null;
    warningId: number | null;
    rule: string;
    severity: string;
    regionCode: string;
    regionName: string | null;
    unitCode: string | null;
    unitName: string | null;
    personId: number | null;
    personName: string | null;
    idMasked: string | null;
    idCipher: string | null;
    message: string;
    figures: Record<string, unknown>;
    firstSeenOn: string | null;
    lastSeenOn: string | null;
  }[];
  const items = rows.map(({ seq, idMasked, idCipher, figures, ...row }): DrillWarning => {
    const rule = ruleOf.get(row.rule);
    const clear =
      seq !== null && source.found
        ? source.found[seq]?.idNumber
        : idCipher
          ? deps.idCipher.reveal(idCipher)
          : undefined;
    return {
      ...row,
      ruleName: rule?.name ?? row.rule,
      class: rule?.class ?? '',
      idNumber: reveal && clear ? clear : idMasked,
      figures: labelledFigures(figures),
    };
  });
  return { total: result?.total ?? 0, page: filter.page, pageSize: filter.pageSize, items };
}

export interface DashboardQuery {
  asOf: string;
  region?: string;
}

/** The dashboard of a region within the caller's scope (theirs by default), as of a date. */
export async function dashboardView(deps: DashboardDeps, caller: Caller, q: DashboardQuery) {
  const region = await dashboardRegion(deps.database.db, caller, q.region);
  return dashboardOf(deps, caller, await warningSource(deps, q.asOf), region);
}

/** The drill-down: the warnings behind a dashboard's count (a rule, a class, a sub-region …). */
export async function drillView(
  deps: DashboardDeps,
  caller: Caller,
  q: DashboardQuery & DrillFilter & { page: number; pageSize: number },
) {
  const { asOf, region: code, ...filter } = q;
  const region = await dashboardRegion(deps.database.db, caller, code);
  const list = await drillWarnings(deps, caller, await warningSource(deps, asOf), region.code, filter);
  return { asOf, region, ...list };
}
