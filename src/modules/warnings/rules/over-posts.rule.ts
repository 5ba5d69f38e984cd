import { query, sql } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { activeSeats, postLevelLabel, seatPostsOn, unitsOn } from '../warnings.sql.ts';

export const overPostsRule: Rule = {
  code: 'OVER_POSTS',
  name: '超职数配备领导干部',
  class: '领导职数',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<{ unit_code: string; level: string; approved: number; used: number }>(
      db,
      sql`WITH ${unitsOn(asOf)}, ${activeSeats(asOf)}, ${seatPostsOn(asOf)},
      leaders AS (
        SELECT CASE WHEN sp.post_level IN ('division_head', 'division_deputy')
            AND pu.kind = 'internal_division' THEN pu.parent_id ELSE pu.id END AS unit_id,
          sp.post_level AS level
        FROM active_seats s JOIN seat_post_now sp ON sp.seat_id = s.id
        JOIN uv pu ON pu.id = coalesce(sp.post_unit_id, s.unit_id)
        WHERE sp.post_level IS NOT NULL
      ),
      used AS (SELECT unit_id, level, count(*)::int AS used FROM leaders GROUP BY unit_id, level),
      ap AS (SELECT unit_id, level, sum(amount)::int AS approved FROM post_ledger
        WHERE effective_on <= ${asOf}::date GROUP BY unit_id, level)
      SELECT u.code AS unit_code, used.level, coalesce(ap.approved, 0)::int AS approved, used.used
      FROM used JOIN units u ON u.id = used.unit_id
      LEFT JOIN ap ON ap.unit_id = used.unit_id AND ap.level = used.level
      WHERE used.used > coalesce(ap.approved, 0)`,
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      unitCode: r.unit_code,
      postLevel: r.level,
      approved: r.approved,
      used: r.used,
      message: `${r.unit_code} ${postLevelLabel[r.level] ?? r.level}职数 ${r.approved} 名，实配 ${r.used} 名`,
    }));
  },
};
