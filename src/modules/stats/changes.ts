import { type Db, query, sql } from '../../db/database.ts';
import { POST_LEVELS, QUOTA_KINDS, UNIT_KINDS } from '../interchange/dataset.spec.ts';
import { regionScope, unitVersionsInForce } from '../org/org.sql.ts';

/**
 * 机构编制变动情况统计: what changed in a region (and the regions below it) between two dates —
 * changes effective after `from` up to and including `to`. Units set up and abolished by kind;
 * quota added, cut and moved by kind and by sector (the top-level body a unit belongs to: which
 * areas were strengthened and which weakened); posts by level; proposals received, decided and
 * carried out, with their effects in the words the offices report them (汉滨: "受理动议事项30件,
 * 办结16件, 增设机构5个, 领导职数5名, 调整编制106名").
 *
 * A quota row written by a proposal says what it was (`change`): a transfer between units or with
 * the region's reserve counts as moved; anything else (an increase, a decrease, an imported row)
 * as added when positive and cut when negative.
 */

export interface ChangeWindow {
  regionCode: string;
  from: string;
  to: string;
  /** A 单位联络员's units, or null for the whole region. */
  unitIds: readonly number[] | null;
}

export interface UnitKindCount {
  kind: string;
  label: string;
  count: number;
}

export interface QuotaChange {
  added: number;
  cut: number;
  movedIn: number;
  movedOut: number;
  net: number;
}

export interface QuotaByKind extends QuotaChange {
  kind: string;
  label: string;
}

export interface QuotaBySector extends QuotaChange {
  sectorCode: string;
  sectorName: string;
}

export interface PostsByLevel {
  level: string;
  label: string;
  added: number;
  cut: number;
  net: number;
}

export interface ChangeStatistics {
  regionCode: string;
  from: string;
  to: string;
  units: {
    added: UnitKindCount[];
    removed: UnitKindCount[];
    addedTotal: number;
    removedTotal: number;
  };
  quota: {
    byKind: QuotaByKind[];
    bySector: QuotaBySector[];
    totals: { added: number; cut: number; moved: number };
  };
  posts: { byLevel: PostsByLevel[] };
  proposals: {
    received: number;
    decided: number;
    implemented: number;
    rejected: number;
    /** 办结: carried out or rejected in the window. */
    closed: number;
    unitsEstablished: number;
    postsAdded: number;
    quotaAdjusted: number;
  };
  sentence: string;
}

const moved = sql`l.change IN ('transfer', 'reserve')`;
const quotaSums = sql`
  coalesce(sum(l.amount) FILTER (WHERE NOT coalesce(${moved}, false) AND l.amount > 0), 0)::int AS added,
  coalesce(-sum(l.amount) FILTER (WHERE NOT coalesce(${moved}, false) AND l.amount < 0), 0)::int AS cut,
  coalesce(sum(l.amount) FILTER (WHERE ${moved} AND l.amount > 0), 0)::int AS "movedIn",
  coalesce(-sum(l.amount) FILTER (WHERE ${moved} AND l.amount < 0), 0)::int AS "movedOut",
  coalesce(sum(l.amount), 0)::int AS net`;

export async function changeStatistics(db: Db, window: ChangeWindow): Promise<ChangeStatistics> {
  const { regionCode, from, to, unitIds } = window;
  const inWindow = (column: string) =>
    sql`${sql.raw(column)} > ${from}::date AND ${sql.raw(column)} <= ${to}::date`;
  const units = unitIds ? sql`AND u.id = ANY(${sql.param(unitIds)}::int[])` : sql``;
  const scoped = sql`${regionScope(regionCode, true)},
    scoped AS (SELECT u.* FROM units u WHERE u.region_code IN (SELECT code FROM scope) ${units})`;

  // A unit's kind as it stood when it was set up, or the day before it was abolished.
  const unitsBy = (column: string) =>
    query<{ kind: string; count: number }>(
      db,
      sql`WITH RECURSIVE ${scoped}
        SELECT coalesce(v.kind, (SELECT y.kind FROM unit_versions y WHERE y.unit_id = u.id
            ORDER BY y.valid_from NULLS FIRST LIMIT 1)) AS kind, count(*)::int AS count FROM scoped u
        LEFT JOIN LATERAL (SELECT kind FROM unit_versions x WHERE x.unit_id = u.id
          AND (x.valid_from IS NULL OR x.valid_from < ${sql.raw(`u.${column}`)} + ${sql.raw(column === 'established_on' ? '1' : '0')})
          ORDER BY x.valid_from DESC NULLS LAST LIMIT 1) v ON true
        WHERE ${inWindow(`u.${column}`)} GROUP BY 1 ORDER BY 1`,
    );
  const added = await unitsBy('established_on');
  const removed = await unitsBy('abolished_on');

  const byKind = await query<{ kind: string } & QuotaChange>(
    db,
    sql`WITH RECURSIVE ${scoped}
      SELECT l.kind, ${quotaSums} FROM quota_ledger l JOIN scoped u ON u.id = l.unit_id
      WHERE ${inWindow('l.effective_on')} GROUP BY l.kind`,
  );
  // The sector of a unit: its top-level ancestor by the versions in force on `to`.
  const bySector = await query<{ sectorCode: string; sectorName: string } & QuotaChange>(
    db,
    sql`WITH RECURSIVE ${scoped},
      in_force AS (${unitVersionsInForce(to, sql`SELECT id FROM units WHERE region_code IN (SELECT code FROM scope)`)}),
      up(unit_id, ancestor, depth) AS (
        SELECT v.unit_id, v.unit_id, 0 FROM in_force v
        UNION ALL
        SELECT up.unit_id, p.parent_id, up.depth + 1 FROM up JOIN in_force p ON p.unit_id = up.ancestor
        WHERE p.parent_id IS NOT NULL AND up.depth < 20
          -- A parent outside the region scope ends the walk: the sector is the last ancestor within it.
          AND EXISTS (SELECT 1 FROM in_force q WHERE q.unit_id = p.parent_id)),
      sector AS (SELECT DISTINCT ON (unit_id) unit_id, ancestor FROM up ORDER BY unit_id, depth DESC)
      SELECT su.code AS "sectorCode", sv.name AS "sectorName", ${quotaSums}
      FROM quota_ledger l JOIN scoped u ON u.id = l.unit_id
      JOIN sector s ON s.unit_id = l.unit_id JOIN units su ON su.id = s.ancestor
      JOIN in_force sv ON sv.unit_id = s.ancestor
      WHERE ${inWindow('l.effective_on')}
      GROUP BY su.code, sv.name ORDER BY coalesce(sum(l.amount), 0) DESC, su.code`,
  );
  const byLevel = await query<{ level: string; added: number; cut: number; net: number }>(
    db,
    sql`WITH RECURSIVE ${scoped}
      SELECT l.level, coalesce(sum(l.amount) FILTER (WHERE l.amount > 0), 0)::int AS added,
        coalesce(-sum(l.amount) FILTER (WHERE l.amount < 0), 0)::int AS cut, coalesce(sum(l.amount), 0)::int AS net
      FROM post_ledger l JOIN scoped u ON u.id = l.unit_id
      WHERE ${inWindow('l.effective_on')} GROUP BY l.level`,
  );

  const sponsored = unitIds ? sql`AND p.sponsor_unit_id = ANY(${sql.param(unitIds)}::int[])` : sql``;
  const [proposals] = await query<{
    received: number;
    decided: number;
    implemented: number;
    rejected: number;
  }>(
    db,
    sql`WITH RECURSIVE ${regionScope(regionCode, true)}
      SELECT count(*) FILTER (WHERE ${inWindow('p.submitted_on')})::int AS received,
        count(*) FILTER (WHERE ${inWindow('p.decided_on')} AND p.outcome IN ('approved', 'amended', 'rejected'))::int AS decided,
        count(*) FILTER (WHERE ${inWindow('p.effective_on')} AND p.state = 'implemented')::int AS implemented,
        count(*) FILTER (WHERE ${inWindow('p.decided_on')} AND p.state = 'rejected')::int AS rejected
      FROM proposals p WHERE p.region_code IN (SELECT code FROM scope) ${sponsored}`,
  );
  // The effects of the proposals carried out in the window: a transfer counted once, on its receiving side.
  const [effects] = await query<{ unitsEstablished: number; postsAdded: number; quotaAdjusted: number }>(
    db,
    sql`WITH RECURSIVE ${scoped}
      SELECT
        (SELECT count(*) FROM scoped u JOIN unit_versions v ON v.unit_id = u.id AND v.valid_from = u.established_on
          WHERE v.proposal_id IS NOT NULL AND ${inWindow('u.established_on')})::int AS "unitsEstablished",
        (SELECT coalesce(sum(l.amount), 0) FROM post_ledger l JOIN scoped u ON u.id = l.unit_id
          WHERE l.proposal_id IS NOT NULL AND l.amount > 0 AND ${inWindow('l.effective_on')})::int AS "postsAdded",
        (SELECT coalesce(sum(CASE WHEN l.change = 'transfer' THEN greatest(l.amount, 0) ELSE abs(l.amount) END), 0)
          FROM quota_ledger l JOIN scoped u ON u.id = l.unit_id
          WHERE l.proposal_id IS NOT NULL AND ${inWindow('l.effective_on')})::int AS "quotaAdjusted"`,
  );

  const zero: QuotaChange = { added: 0, cut: 0, movedIn: 0, movedOut: 0, net: 0 };
  const kindRows = Object.keys(QUOTA_KINDS)
    .map((kind) => ({ kind, label: QUOTA_KINDS[kind]!, ...zero, ...byKind.find((r) => r.kind === kind) }))
    .filter((r) => r.added || r.cut || r.movedIn || r.movedOut);
  const totals = {
    added: kindRows.reduce((t, r) => t + r.added, 0),
    cut: kindRows.reduce((t, r) => t + r.cut, 0),
    moved: kindRows.reduce((t, r) => t + r.movedIn, 0),
  };
  const labelled = (rows: { kind: string; count: number }[]) =>
    rows.map((r) => ({ kind: r.kind, label: UNIT_KINDS[r.kind] ?? r.kind, count: r.count }));
  const p = { received: 0, decided: 0, implemented: 0, rejected: 0, ...proposals };
  const e = { unitsEstablished: 0, postsAdded: 0, quotaAdjusted: 0, ...effects };
  return {
    regionCode,
    from,
    to,
    units: {
      added: labelled(added),
      removed: labelled(removed),
      addedTotal: added.reduce((t, r) => t + r.count, 0),
      removedTotal: removed.reduce((t, r) => t + r.count, 0),
    },
    quota: { byKind: kindRows, bySector, totals },
    posts: {
      byLevel: Object.keys(POST_LEVELS)
        .map((level) => ({
          level,
          label: POST_LEVELS[level]!,
          added: 0,
          cut: 0,
          net: 0,
          ...byLevel.find((r) => r.level === level),
        }))
        .filter((r) => r.added || r.cut),
    },
    proposals: { ...p, closed: p.implemented + p.rejected, ...e },
    sentence:
      `受理动议事项${p.received}件，办结${p.implemented + p.rejected}件，` +
      `增设机构${e.unitsEstablished}个，领导职数${e.postsAdded}名，调整编制${e.quotaAdjusted}名`,
  };
}
