import { query } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { quotaKindLabel } from '../warnings.sql.ts';
import { quotaUse } from './over-quota.rule.ts';

export const fullQuotaRule: Rule = {
  code: 'FULL_QUOTA',
  name: '满编',
  class: '编制使用',
  severity: '提示',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<{ unit_code: string; kind: string; approved: number; headcount: number }>(
      db,
      quotaUse(asOf, 'full'),
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      unitCode: r.unit_code,
      quotaKind: r.kind,
      approved: r.approved,
      headcount: r.headcount,
      message: `${r.unit_code} ${quotaKindLabel[r.kind]}核定 ${r.approved} 名，已满编`,
    }));
  },
};
