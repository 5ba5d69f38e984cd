import { query, sql } from '../../../db/database.ts';
import { seatActiveOn } from '../../org/org.sql.ts';
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

const overMessage = (unitCode: string, kind: string, approved: number, headcount: number, reserved = 0) =>
  `${unitCode} ${quotaKindLabel[kind]}核定 ${approved} 名，实有 ${headcount} 名，` +
  (reserved > 0 ? `另已核准待入编 ${reserved} 名，` : '') +
  `超编 ${headcount + reserved - approved} 名`;

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
      message: overMessage(r.unit_code, r.kind, r.approved, r.headcount),
    }));
  },
  check: {
    query: (p) =>
      sql`WITH ${unitsOn(p.asOf, sql`SELECT ${p.unitId}::int`)}
      SELECT uv.code AS unit_code,
        (SELECT coalesce(sum(amount), 0) FROM quota_ledger WHERE unit_id = uv.id AND kind = ${p.quotaKind}
          AND effective_on <= ${p.asOf}::date)::int AS approved,
        (SELECT count(*) FROM seats s WHERE s.unit_id = uv.id AND s.quota_kind = ${p.quotaKind}
          AND ${seatActiveOn('s', p.asOf)} AND s.id <> ${p.endsSeatId})::int AS others,
        (SELECT count(*) FROM seats s WHERE s.id = ${p.endsSeatId} AND s.unit_id = uv.id
          AND s.quota_kind = ${p.quotaKind} AND ${seatActiveOn('s', p.asOf)})::int AS ending
      FROM uv WHERE uv.active`,
    result(p, rows) {
      const row = rows[0] as
        { unit_code: string; approved: number; others: number; ending: number } | undefined;
      if (!row) return [];
      const headcount = row.others + 1;
      // A transfer within the unit and kind adds nobody; approvals waiting to be seated take vacancies.
      if (headcount <= row.others + row.ending || headcount + p.reserved <= row.approved) return [];
      return [
        {
          rule: overQuotaRule.code,
          severity: overQuotaRule.severity,
          unitCode: row.unit_code,
          quotaKind: p.quotaKind,
          approved: row.approved,
          headcount,
          ...(p.reserved > 0 ? { reserved: p.reserved } : {}),
          message: overMessage(row.unit_code, p.quotaKind, row.approved, headcount, p.reserved),
        },
      ];
    },
  },
};
