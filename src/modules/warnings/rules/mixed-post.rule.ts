import type { SQL } from 'drizzle-orm';
import { query, sql } from '../../../db/database.ts';
import { seatActiveOn } from '../../org/org.sql.ts';
import type { RawWarning, Rule } from '../warning.types.ts';
import { activeSeats, unitsOn } from '../warnings.sql.ts';

/** Whether the seat `s` (quota_kind, category) of the unit version `uv` has an allowed category. */
function categoryAllowed(s: string, uv: string): SQL {
  const [seat, unit] = [sql.raw(s), sql.raw(uv)];
  return sql`(
    ${seat}.quota_kind = 'turnover'
    OR (${seat}.quota_kind IN ('administrative', 'political_legal') AND ${seat}.category = 'civil_servant')
    OR (${seat}.quota_kind = 'logistics' AND ${seat}.category = 'logistics_worker')
    OR (${seat}.quota_kind IN ('institutional', 'school_staff')
      AND ${seat}.category IN ('institution_staff', 'logistics_worker'))
    OR (${seat}.quota_kind = 'institutional' AND ${seat}.category = 'reference_civil_servant'
      AND ${unit}.reference_managed)
  )`;
}

interface Row {
  unit_code: string;
  quota_kind: string;
  category: string;
}

function warningOf(rule: Rule, r: Row, idCipher: string): RawWarning {
  return {
    rule: rule.code,
    severity: rule.severity,
    idCipher,
    unitCode: r.unit_code,
    quotaKind: r.quota_kind,
    category: r.category,
    message: `${r.unit_code} 的 ${r.quota_kind} 编制由 ${r.category} 类人员占用，混编混岗`,
  };
}

export const mixedPostRule: Rule = {
  code: 'MIXED_POST',
  name: '混编混岗',
  class: '编制使用',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<Row & { id_cipher: string }>(
      db,
      sql`WITH ${unitsOn(asOf)}, ${activeSeats(asOf)}
      SELECT DISTINCT ON (p.id) p.id_cipher, uv.code AS unit_code, s.quota_kind, s.category
      FROM active_seats s JOIN persons p ON p.id = s.person_id JOIN uv ON uv.id = s.unit_id
      WHERE NOT ${categoryAllowed('s', 'uv')}
      ORDER BY p.id, uv.code`,
    );
    return rows.map((r) => warningOf(this, r, r.id_cipher));
  },
  check: {
    // The person's other seats on D and the proposed one; the warning names the first by unit code.
    query: (p) =>
      sql`WITH cand AS (
        SELECT s.unit_id, s.quota_kind, s.category, false AS proposed FROM seats s
        WHERE s.person_id = ${p.personId} AND ${seatActiveOn('s', p.asOf)} AND s.id <> ${p.endsSeatId}
        UNION ALL
        SELECT ${p.unitId}::int, ${p.quotaKind}::text, ${p.category}::text, true
      ), ${unitsOn(p.asOf, sql`SELECT unit_id FROM cand`)}
      SELECT uv.code AS unit_code, c.quota_kind, c.category, c.proposed
      FROM cand c JOIN uv ON uv.id = c.unit_id
      WHERE NOT ${categoryAllowed('c', 'uv')}
      ORDER BY uv.code, c.proposed`,
    result(p, rows) {
      const found = rows as (Row & { proposed: boolean })[];
      const first = found[0];
      if (!first || !found.some((r) => r.proposed)) return [];
      return [warningOf(mixedPostRule, first, p.idCipher)];
    },
  },
};
