import { query, sql } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { postLevelLabel } from '../warnings.sql.ts';

export const offQuotaLeaderRule: Rule = {
  code: 'OFF_QUOTA_LEADER',
  name: '编外人员担任领导职务',
  class: '领导职数',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<{ id_cipher: string; name: string; unit_code: string; post_level: string }>(
      db,
      sql`SELECT DISTINCT ON (o.id_index, o.unit_id) o.id_cipher, o.name, u.code AS unit_code, o.post_level
      FROM off_quota_staff o JOIN units u ON u.id = o.unit_id
      WHERE o.start_on <= ${asOf}::date AND (o.end_on IS NULL OR o.end_on > ${asOf}::date)
        AND o.post_level IS NOT NULL
      ORDER BY o.id_index, o.unit_id, o.start_on`,
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      idCipher: r.id_cipher,
      unitCode: r.unit_code,
      postLevel: r.post_level,
      message: `编外人员 ${r.name} 在 ${r.unit_code} 担任${postLevelLabel[r.post_level] ?? r.post_level}`,
    }));
  },
};
