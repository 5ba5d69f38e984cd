import { query } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { type ListRow, listCheck } from './pay-checks.sql.ts';

export const payUnitMismatchRule: Rule = {
  code: 'PAY_UNIT_MISMATCH',
  name: '发薪单位与编制单位不一致',
  class: '财政供养比对',
  severity: '风险',
  settings: {},
  async scan(db, { period }) {
    const rows = await query<ListRow>(db, listCheck('payroll', period, 'mismatch'));
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      idCipher: r.id_cipher,
      unitCode: r.unit_code,
      seatUnitCodes: r.seat_units?.split(',') ?? [],
      message: `${r.name} 在 ${period} 由 ${r.unit_code} 发薪，编制在 ${r.seat_units ?? ''}`,
    }));
  },
};
