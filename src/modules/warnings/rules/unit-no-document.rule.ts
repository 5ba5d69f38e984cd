import { query, sql } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { unitsOn } from '../warnings.sql.ts';

export const unitNoDocumentRule: Rule = {
  code: 'UNIT_NO_DOCUMENT',
  name: '机构设立无批准文件',
  class: '机构设置',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<{ code: string }>(
      db,
      sql`WITH ${unitsOn(asOf)}
      SELECT uv.code FROM uv
      WHERE uv.active AND uv.kind <> 'internal_division' AND coalesce(uv.document_no, '') = ''`,
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      unitCode: r.code,
      message: `${r.code} 无设立批准文件`,
    }));
  },
};
