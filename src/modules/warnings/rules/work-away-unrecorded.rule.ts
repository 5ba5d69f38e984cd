import { query, sql } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { activeSeats } from '../warnings.sql.ts';

export const workAwayUnrecordedRule: Rule = {
  code: 'WORK_AWAY_UNRECORDED',
  name: '人编分离未备案',
  class: '人员管理',
  severity: '风险',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<{ id_cipher: string; name: string; unit_code: string; work_code: string }>(
      db,
      sql`WITH ${activeSeats(asOf)}
      SELECT DISTINCT ON (p.id) p.id_cipher, p.name, u.code AS unit_code, w.code AS work_code
      FROM active_seats s JOIN persons p ON p.id = s.person_id
      JOIN units u ON u.id = s.unit_id JOIN units w ON w.id = s.work_unit_id
      WHERE s.work_unit_id <> s.unit_id AND NOT EXISTS (
        SELECT 1 FROM secondments x
        WHERE x.person_id = s.person_id AND x.from_unit_id = s.unit_id AND x.to_unit_id = s.work_unit_id
          AND x.start_on <= ${asOf}::date AND (x.returned_on IS NULL OR x.returned_on > ${asOf}::date))
      ORDER BY p.id, u.code`,
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      idCipher: r.id_cipher,
      unitCode: r.unit_code,
      workUnitCode: r.work_code,
      message: `${r.name} 编制在 ${r.unit_code}，在 ${r.work_code} 工作，无借调备案`,
    }));
  },
};
