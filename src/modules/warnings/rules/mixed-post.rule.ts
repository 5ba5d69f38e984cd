import { query, sql } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { activeSeats, unitsOn } from '../warnings.sql.ts';

export const mixedPostRule: Rule = {
  code: 'MIXED_POST',
  name: '混编混岗',
  class: '编制使用',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<{ id_cipher: string; unit_code: string; quota_kind: string; category: string }>(
      db,
      sql`WITH ${unitsOn(asOf)}, ${activeSeats(asOf)}
      SELECT DISTINCT ON (p.id) p.id_cipher, uv.code AS unit_code, s.quota_kind, s.category
      FROM active_seats s JOIN persons p ON p.id = s.person_id JOIN uv ON uv.id = s.unit_id
      WHERE NOT (
        s.quota_kind = 'turnover'
        OR (s.quota_kind IN ('administrative', 'political_legal') AND s.category = 'civil_servant')
        OR (s.quota_kind = 'logistics' AND s.category = 'logistics_worker')
        OR (s.quota_kind IN ('institutional', 'school_staff')
          AND s.category IN ('institution_staff', 'logistics_worker'))
        OR (s.quota_kind = 'institutional' AND s.category = 'reference_civil_servant'
          AND uv.reference_managed)
      )
      ORDER BY p.id, uv.code`,
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      idCipher: r.id_cipher,
      unitCode: r.unit_code,
      quotaKind: r.quota_kind,
      category: r.category,
      message: `${r.unit_code} 的 ${r.quota_kind} 编制由 ${r.category} 类人员占用，混编混岗`,
    }));
  },
};
