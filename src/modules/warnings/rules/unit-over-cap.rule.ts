import { query, sql } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { unitsOn } from '../warnings.sql.ts';

export const unitOverCapRule: Rule = {
  code: 'UNIT_OVER_CAP',
  name: '机构超限额',
  class: '机构设置',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<{
      region_code: string | null;
      unit_code: string | null;
      cap: number;
      count: number;
    }>(
      db,
      sql`WITH ${unitsOn(asOf)}
      SELECT r.code AS region_code, NULL::text AS unit_code, r.unit_cap AS cap, count(uv.id)::int AS count
      FROM regions r JOIN uv ON uv.region_code = r.code AND uv.active AND uv.parent_id IS NULL
        AND uv.kind IN ('party_committee', 'government')
      WHERE r.unit_cap IS NOT NULL
      GROUP BY r.code, r.unit_cap HAVING count(uv.id) > r.unit_cap
      UNION ALL
      SELECT NULL, parent.code, parent.division_cap, count(child.id)::int
      FROM uv parent JOIN uv child ON child.parent_id = parent.id AND child.active
        AND child.kind = 'internal_division'
      WHERE parent.active AND parent.division_cap IS NOT NULL
      GROUP BY parent.code, parent.division_cap HAVING count(child.id) > parent.division_cap`,
    );
    return rows.map((r) => {
      const subject = r.region_code ? { regionCode: r.region_code } : { unitCode: r.unit_code! };
      const what = r.region_code ? `区划 ${r.region_code} 党政机构` : `${r.unit_code} 内设机构`;
      return {
        rule: this.code,
        severity: this.severity,
        ...subject,
        cap: r.cap,
        count: r.count,
        message: `${what} ${r.count} 个，超过限额 ${r.cap} 个`,
      };
    });
  },
};
