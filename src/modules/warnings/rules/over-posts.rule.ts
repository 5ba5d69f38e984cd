import { query, sql } from '../../../db/database.ts';
import { seatActiveOn, unitVersionsInForce } from '../../org/org.sql.ts';
import type { RawWarning, Rule } from '../warning.types.ts';
import { activeSeats, postLevelLabel, seatPostsOn, unitsOn } from '../warnings.sql.ts';

const DIVISION_LEVELS = ['division_head', 'division_deputy'];

interface Row {
  unit_code: string;
  level: string;
  approved: number;
  used: number;
}

function warningOf(rule: Rule, r: Row, reservedPosts = 0): RawWarning {
  return {
    rule: rule.code,
    severity: rule.severity,
    unitCode: r.unit_code,
    postLevel: r.level,
    approved: r.approved,
    used: r.used,
    ...(reservedPosts > 0 ? { reservedPosts } : {}),
    message:
      `${r.unit_code} ${postLevelLabel[r.level] ?? r.level}职数 ${r.approved} 名，实配 ${r.used} 名` +
      (reservedPosts > 0 ? `（含待组织部审批的任职 ${reservedPosts} 名）` : ''),
  };
}

export const overPostsRule: Rule = {
  code: 'OVER_POSTS',
  name: '超职数配备领导干部',
  class: '领导职数',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<Row>(
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
    return rows.map((r) => warningOf(this, r));
  },
  check: {
    query(p) {
      const level = p.postLevel;
      if (!level) return null;
      const division = DIVISION_LEVELS.includes(level);
      // `target`: the unit the proposed post counts against (a division post in an internal division:
      // its parent); `pus`: the post units whose `level` posts count against it.
      return sql`WITH target AS (
        SELECT CASE WHEN ${division} AND v.kind = 'internal_division' THEN v.parent_id ELSE v.unit_id END AS unit_id
        FROM (${unitVersionsInForce(p.asOf, sql`SELECT ${p.postUnitId}::int`)}) v
      ),
      near AS (
        SELECT unit_id AS id FROM target WHERE unit_id IS NOT NULL
        UNION SELECT unit_id FROM unit_versions WHERE ${division} AND parent_id = (SELECT unit_id FROM target)
      ), ${unitsOn(p.asOf, sql`SELECT id FROM near`)},
      pus AS (SELECT id FROM uv
        WHERE CASE WHEN ${division} AND kind = 'internal_division' THEN parent_id ELSE id END = (SELECT unit_id FROM target)),
      cand AS (
        SELECT s.id, s.unit_id FROM seats s
        WHERE s.unit_id IN (SELECT id FROM pus) AND ${seatActiveOn('s', p.asOf)}
        UNION
        SELECT s.id, s.unit_id FROM seat_posts sp JOIN seats s ON s.id = sp.seat_id
        WHERE sp.post_unit_id IN (SELECT id FROM pus) AND ${seatActiveOn('s', p.asOf)}
      ),
      post_now AS (
        SELECT DISTINCT ON (sp.seat_id) sp.seat_id, sp.post_level, sp.post_unit_id FROM seat_posts sp
        WHERE sp.seat_id IN (SELECT id FROM cand) AND (sp.valid_from IS NULL OR sp.valid_from <= ${p.asOf}::date)
        ORDER BY sp.seat_id, sp.valid_from DESC NULLS LAST
      ),
      counted AS (
        SELECT c.id FROM cand c JOIN post_now n ON n.seat_id = c.id
        WHERE n.post_level = ${level} AND coalesce(n.post_unit_id, c.unit_id) IN (SELECT id FROM pus)
      )
      SELECT (SELECT code FROM units WHERE id = t.unit_id) AS unit_code,
        (SELECT coalesce(sum(amount), 0) FROM post_ledger WHERE unit_id = t.unit_id AND level = ${level}
          AND effective_on <= ${p.asOf}::date)::int AS approved,
        (SELECT count(*) FROM counted WHERE id <> ${p.endsSeatId})::int AS others,
        (SELECT count(*) FROM counted WHERE id = ${p.endsSeatId})::int AS ending
      FROM target t WHERE t.unit_id IS NOT NULL`;
    },
    result(p, rows) {
      const row = rows[0] as
        { unit_code: string; approved: number; others: number; ending: number } | undefined;
      if (!row || !p.postLevel) return [];
      // Appointments awaiting 组织部 hold their posts as if written.
      const used = row.others + p.reservedPosts + 1;
      // An appointment replacing the same post in the same unit (the ended seat counted here) adds none.
      if (row.ending > 0 || used <= row.approved) return [];
      return [
        warningOf(
          overPostsRule,
          { unit_code: row.unit_code, level: p.postLevel, approved: row.approved, used },
          p.reservedPosts,
        ),
      ];
    },
  },
};
