import { query, sql } from '../../../db/database.ts';
import { firstDayOf, lastDayOf } from '../../../shared/dates.ts';
import type { Rule } from '../warning.types.ts';

export const unpaidSeatRule: Rule = {
  code: 'UNPAID_SEAT',
  name: '在编未发薪未参保',
  class: '财政供养比对',
  severity: '风险',
  settings: {},
  async scan(db, { period }) {
    const [first, last] = [firstDayOf(period), lastDayOf(period)];
    const rows = await query<{ id_cipher: string; name: string; unit_code: string }>(
      db,
      sql`WITH paid_regions AS (
        SELECT DISTINCT u.region_code FROM payroll r JOIN units u ON u.id = r.unit_id WHERE r.period = ${period})
      SELECT DISTINCT ON (p.id) p.id_cipher, p.name, u.code AS unit_code
      FROM seats s JOIN persons p ON p.id = s.person_id JOIN units u ON u.id = s.unit_id
      WHERE s.entered_on <= ${first}::date AND (s.exited_on IS NULL OR s.exited_on > ${last}::date)
        AND u.region_code IN (SELECT region_code FROM paid_regions)
        AND NOT EXISTS (SELECT 1 FROM payroll r WHERE r.period = ${period} AND r.id_index = p.id_index)
        AND NOT EXISTS (SELECT 1 FROM insurance r WHERE r.period = ${period} AND r.id_index = p.id_index)
      ORDER BY p.id, u.code`,
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      idCipher: r.id_cipher,
      unitCode: r.unit_code,
      message: `${r.name}（${r.unit_code}）${period} 在编，既未发薪也未参保`,
    }));
  },
};
