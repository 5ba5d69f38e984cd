import { query, sql } from '../../../db/database.ts';
import { monthIndex, periodOfIndex } from '../../../shared/dates.ts';
import { retirementMonthSql } from '../../retirement/retirement.rules.ts';
import type { Rule } from '../warning.types.ts';
import { activeSeats } from '../warnings.sql.ts';

export const retirementOverdueRule: Rule = {
  code: 'RETIREMENT_OVERDUE',
  name: '应退未退',
  class: '人员管理',
  severity: '风险',
  settings: {},
  async scan(db, { asOf }) {
    const retireMonth = retirementMonthSql(sql`p.birth_date`, sql`p.retirement_group`);
    const rows = await query<{ id_cipher: string; name: string; unit_code: string; retire_month: number }>(
      db,
      sql`WITH ${activeSeats(asOf)}
      SELECT DISTINCT ON (p.id) p.id_cipher, p.name, u.code AS unit_code, ${retireMonth} AS retire_month
      FROM active_seats s JOIN persons p ON p.id = s.person_id JOIN units u ON u.id = s.unit_id
      WHERE ${retireMonth} < ${sql.raw(String(monthIndex(asOf)))}
      ORDER BY p.id, u.code`,
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      idCipher: r.id_cipher,
      unitCode: r.unit_code,
      retireOn: periodOfIndex(r.retire_month),
      message: `${r.name}（${r.unit_code}）应于 ${periodOfIndex(r.retire_month)} 退休，仍在编`,
    }));
  },
};
