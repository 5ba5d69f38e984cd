import { query, sql } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { activeSeats, QUOTA_KIND_LIST, quotaKindLabel, unitsOn } from '../warnings.sql.ts';

interface Row {
  unit_code: string;
  kind: string;
  approved: number;
  headcount: number;
}

/** headcount(unit, kind, D) and approved(unit, kind, D) for every active unit and every kind. */
export function quotaUse(asOf: string, where: 'over' | 'full') {
  const kinds = sql.join(
    QUOTA_KIND_LIST.map((k) => sql`(${k})`),
    sql`, `,
  );
  const condition =
    where === 'over'
      ? sql`coalesce(hc.headcount, 0) > coalesce(ap.approved, 0)`
      : sql`coalesce(ap.approved, 0) > 0 AND coalesce(hc.headcount, 0) = ap.approved`;
  return sql`WITH ${unitsOn(asOf)}, ${activeSeats(asOf)},
    kinds(kind) AS (VALUES ${kinds}),
    ap AS (SELECT unit_id, kind, sum(amount)::int AS approved FROM quota_ledger
      WHERE effective_on <= ${asOf}::date GROUP BY unit_id, kind),
    hc AS (SELECT unit_id, quota_kind AS kind, count(*)::int AS headcount FROM active_seats
      GROUP BY unit_id, quota_kind)
    SELECT uv.code AS unit_code, k.kind, coalesce(ap.approved, 0)::int AS approved,
      coalesce(hc.headcount, 0)::int AS headcount
    FROM uv CROSS JOIN kinds k
    LEFT JOIN ap ON ap.unit_id = uv.id AND ap.kind = k.kind
    LEFT JOIN hc ON hc.unit_id = uv.id AND hc.kind = k.kind
    WHERE uv.active AND ${condition}`;
}

export const overQuotaRule: Rule = {
  code: 'OVER_QUOTA',
  name: '超编',
  class: '编制使用',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<Row>(db, quotaUse(asOf, 'over'));
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      unitCode: r.unit_code,
      quotaKind: r.kind,
      approved: r.approved,
      headcount: r.headcount,
      message: `${r.unit_code} ${quotaKindLabel[r.kind]}核定 ${r.approved} 名，实有 ${r.headcount} 名，超编 ${r.headcount - r.approved} 名`,
    }));
  },
};
