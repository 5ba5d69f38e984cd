import { type Db, sql, statisticsQuery } from '../../db/database.ts';
import type { Caller } from '../auth/caller.ts';
import {
  type FigureScope,
  postFiguresSql,
  quotaFiguresSql,
} from '../establishment/establishment.repository.ts';
import { POST_LEVELS, QUOTA_KINDS, vacancy as vacancyOf } from '../establishment/establishment.rules.ts';
import { requireRegion, requireUnit } from '../org/org.service.ts';
import { unitSubtree } from '../org/org.scope.ts';

/**
 * 超缺编亮灯: for every unit, each quota kind and post level it has figures of, lit red (超编 /
 * 超职数: more in it than approved), yellow (满编: approved and exactly full) or green (空编: room
 * left); `none` when nothing is approved and nobody is in it. The figures are the establishment
 * module's (one set-based query each); this pages and filters them in SQL, so a province's tens of
 * thousands of units never come to memory at once.
 */

export const LIGHTS = ['red', 'yellow', 'green', 'none'] as const;
export type Light = (typeof LIGHTS)[number];

export interface LightsFilter {
  asOf: string;
  /** A region within the caller's scope (default: theirs), with the regions below it. */
  region?: string;
  /** Only this unit and the units under it. */
  unit?: string;
  /** Only units with at least one figure of this light. */
  light?: Light;
  page: number;
  pageSize: number;
}

export interface QuotaLight {
  kind: string;
  approved: number;
  headcount: number;
  vacancy: number;
  light: Light;
}

export interface PostLight {
  level: string;
  posts: number;
  leaders: number;
  vacancy: number;
  light: Light;
}

export interface UnitLights {
  unitCode: string;
  unitName: string | null;
  regionCode: string;
  regionName: string | null;
  quotas: QuotaLight[];
  posts: PostLight[];
}

export type LightCounts = Record<Light, number>;

export interface LightsPage {
  asOf: string;
  region: { code: string; name: string };
  /** Units matching the filter. */
  total: number;
  page: number;
  pageSize: number;
  /** Over the whole scope (not the page, not the light filter): figures of each light, units with any. */
  counts: { quotas: LightCounts; posts: LightCounts; units: LightCounts };
  items: UnitLights[];
}

const zero = (): LightCounts => ({ red: 0, yellow: 0, green: 0, none: 0 });

interface FigureJson {
  unitCode: string;
  unitName: string | null;
  regionCode: string;
  regionName: string | null;
  type: 'quota' | 'post';
  key: string;
  supply: number;
  used: number;
  light: Light;
}

/** The units a caller asks about: all of their scope, or a unit's subtree within it (null: no limit). */
async function unitLimit(db: Db, caller: Caller, filter: LightsFilter): Promise<readonly number[] | null> {
  const own = caller.scope.unitIds;
  if (!filter.unit) return own;
  const unit = await requireUnit(db, caller.scope, filter.unit);
  const subtree = await unitSubtree(db, unit.id, caller.scope.regionCode, filter.asOf);
  return own ? subtree.filter((id) => own.includes(id)) : subtree;
}

export async function unitLights(db: Db, caller: Caller, filter: LightsFilter): Promise<LightsPage> {
  const region = await requireRegion(db, caller.scope, filter.region ?? caller.scope.regionCode);
  const limit = await unitLimit(db, caller, filter);
  const scope: FigureScope = { regionCode: region.code, includeDescendants: true, asOf: filter.asOf };
  const unitFilter = limit ? sql`f.unit_id = ANY(${sql.param([...limit])}::int[])` : sql`TRUE`;
  const lightFilter = filter.light ? sql`${filter.light} = ANY(u.lights)` : sql`TRUE`;
  const [row] = await statisticsQuery<{
    total: number;
    figure_counts: { type: 'quota' | 'post'; light: Light; n: number }[] | null;
    unit_counts: { light: Light; n: number }[] | null;
    items: FigureJson[] | null;
  }>(
    db,
    sql`WITH figures AS (
      SELECT 'quota' AS type, q."unitId" AS unit_id, q."unitCode" AS unit_code, q."unitName" AS unit_name,
        q.key, q.supply, q.used
      FROM (${quotaFiguresSql(scope)}) q
      UNION ALL
      SELECT 'post', p."unitId", p."unitCode", p."unitName", p.key, p.supply, p.used
      FROM (${postFiguresSql(scope)}) p
    ),
    lit AS (
      SELECT f.*, CASE
          WHEN f.used > f.supply THEN 'red'
          WHEN f.supply > 0 AND f.used = f.supply THEN 'yellow'
          WHEN f.used < f.supply THEN 'green'
          ELSE 'none'
        END AS light
      FROM figures f WHERE ${unitFilter}
    ),
    per_unit AS (
      SELECT unit_id, min(unit_code) AS unit_code, array_agg(DISTINCT light) AS lights
      FROM lit GROUP BY unit_id
    ),
    chosen AS (SELECT u.* FROM per_unit u WHERE ${lightFilter}),
    page AS (
      SELECT unit_id, unit_code FROM chosen ORDER BY unit_code
      LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}
    )
    SELECT (SELECT count(*)::int FROM chosen) AS total,
      (SELECT jsonb_agg(jsonb_build_object('type', c.type, 'light', c.light, 'n', c.n))
        FROM (SELECT type, light, count(*)::int AS n FROM lit GROUP BY type, light) c) AS figure_counts,
      (SELECT jsonb_agg(jsonb_build_object('light', c.light, 'n', c.n))
        FROM (SELECT l AS light, count(*)::int AS n FROM per_unit, unnest(lights) AS l GROUP BY l) c)
        AS unit_counts,
      (SELECT jsonb_agg(jsonb_build_object('unitCode', l.unit_code, 'unitName', l.unit_name,
          'regionCode', un.region_code, 'regionName', r.name, 'type', l.type, 'key', l.key,
          'supply', l.supply, 'used', l.used, 'light', l.light) ORDER BY pg.unit_code)
        FROM page pg JOIN lit l ON l.unit_id = pg.unit_id
        JOIN units un ON un.id = l.unit_id LEFT JOIN regions r ON r.code = un.region_code) AS items`,
  );
  const counts = { quotas: zero(), posts: zero(), units: zero() };
  for (const c of row?.figure_counts ?? []) counts[c.type === 'quota' ? 'quotas' : 'posts'][c.light] = c.n;
  for (const c of row?.unit_counts ?? []) counts.units[c.light] = c.n;

  const byUnit = new Map<string, UnitLights>();
  for (const f of row?.items ?? []) {
    let unit = byUnit.get(f.unitCode);
    if (!unit) {
      const { unitCode, unitName, regionCode, regionName } = f;
      unit = { unitCode, unitName, regionCode, regionName, quotas: [], posts: [] };
      byUnit.set(f.unitCode, unit);
    }
    const vacancy = vacancyOf(f.supply, f.used);
    if (f.type === 'quota')
      unit.quotas.push({ kind: f.key, approved: f.supply, headcount: f.used, vacancy, light: f.light });
    else unit.posts.push({ level: f.key, posts: f.supply, leaders: f.used, vacancy, light: f.light });
  }
  const rank = (order: readonly string[], key: string) => {
    const i = order.indexOf(key);
    return i < 0 ? order.length : i;
  };
  const items = [...byUnit.values()];
  for (const unit of items) {
    unit.quotas.sort((a, b) => rank(QUOTA_KINDS, a.kind) - rank(QUOTA_KINDS, b.kind));
    unit.posts.sort((a, b) => rank(POST_LEVELS, a.level) - rank(POST_LEVELS, b.level));
  }
  return {
    asOf: filter.asOf,
    region: { code: region.code, name: region.name },
    total: row?.total ?? 0,
    page: filter.page,
    pageSize: filter.pageSize,
    counts,
    items,
  };
}
