import { query } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { type ListRow, listCheck } from './pay-checks.sql.ts';

export const ghostPayRule: Rule = {
  code: 'GHOST_PAY',
  name: '疑似吃空饷',
  class: '财政供养比对',
  severity: '违规',
  settings: {},
  async scan(db, { period }) {
    const rows = await query<ListRow>(db, listCheck('payroll', period, 'ghost'));
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      idCipher: r.id_cipher,
      unitCode: r.unit_code,
      message: `${r.name} 在 ${period} 由 ${r.unit_code} 发薪，但当期无在编记录`,
    }));
  },
};
