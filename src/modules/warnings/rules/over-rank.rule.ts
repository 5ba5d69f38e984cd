import type { SQL } from 'drizzle-orm';
import { query, sql } from '../../../db/database.ts';
import { seatActiveOn } from '../../org/org.sql.ts';
import type { RawWarning, Rule } from '../warning.types.ts';
import { activeSeats, RANK_LIST, seatPostsOn, unitsOn } from '../warnings.sql.ts';

const ranks = sql.raw(`ARRAY[${RANK_LIST.map((r) => `'${r}'`).join(',')}]::text[]`);

/** `post` (post_level, post_rank) ranks above what its post unit `pu` (rank) allows (RULES.md). */
function aboveRank(post: string, pu: string): SQL {
  const [sp, unit] = [sql.raw(post), sql.raw(pu)];
  return sql`${sp}.post_level IS NOT NULL AND ${sp}.post_rank IS NOT NULL AND ${unit}.rank IS NOT NULL
    AND array_position(${ranks}, ${sp}.post_rank) < CASE WHEN ${sp}.post_level IN ('head', 'division_head')
      THEN array_position(${ranks}, ${unit}.rank)
      ELSE least(array_position(${ranks}, ${unit}.rank) + 1, ${RANK_LIST.length}) END`;
}

interface Row {
  unit_code: string;
  post_unit_code: string;
  post_rank: string;
  unit_rank: string;
}

function warningOf(rule: Rule, r: Row, name: string, idCipher: string): RawWarning {
  return {
    rule: rule.code,
    severity: rule.severity,
    idCipher,
    unitCode: r.unit_code,
    postUnitCode: r.post_unit_code,
    postRank: r.post_rank,
    unitRank: r.unit_rank,
    message: `${name} 在 ${r.post_unit_code}（${r.unit_rank}）按 ${r.post_rank} 配备，超规格`,
  };
}

export const overRankRule: Rule = {
  code: 'OVER_RANK',
  name: '超规格配备领导干部',
  class: '领导职数',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<Row & { id_cipher: string; name: string }>(
      db,
      sql`WITH ${unitsOn(asOf)}, ${activeSeats(asOf)}, ${seatPostsOn(asOf)}
      SELECT DISTINCT ON (p.id) p.id_cipher, p.name, u.code AS unit_code, pu.code AS post_unit_code,
        sp.post_rank, pu.rank AS unit_rank
      FROM active_seats s JOIN seat_post_now sp ON sp.seat_id = s.id
      JOIN persons p ON p.id = s.person_id JOIN units u ON u.id = s.unit_id
      JOIN uv pu ON pu.id = coalesce(sp.post_unit_id, s.unit_id)
      WHERE ${aboveRank('sp', 'pu')}
      ORDER BY p.id, u.code`,
    );
    return rows.map((r) => warningOf(this, r, r.name, r.id_cipher));
  },
  check: {
    // The person's other posts on D and the proposed one; the warning names the first by unit code.
    query: (p) =>
      !p.postLevel || !p.postRank
        ? null
        : sql`WITH cand AS (
        SELECT s.unit_id, sp.post_level, sp.post_rank, coalesce(sp.post_unit_id, s.unit_id) AS post_unit_id,
          false AS proposed
        FROM seats s CROSS JOIN LATERAL (
          SELECT * FROM seat_posts x WHERE x.seat_id = s.id
            AND (x.valid_from IS NULL OR x.valid_from <= ${p.asOf}::date)
          ORDER BY x.valid_from DESC NULLS LAST LIMIT 1) sp
        WHERE s.person_id = ${p.personId} AND ${seatActiveOn('s', p.asOf)} AND s.id <> ${p.endsSeatId}
        UNION ALL
        SELECT ${p.unitId}::int, ${p.postLevel}::text, ${p.postRank}::text, ${p.postUnitId}::int, true
      ), ${unitsOn(p.asOf, sql`SELECT post_unit_id FROM cand`)}
      SELECT u.code AS unit_code, pu.code AS post_unit_code, c.post_rank, pu.rank AS unit_rank, c.proposed
      FROM cand c JOIN units u ON u.id = c.unit_id JOIN uv pu ON pu.id = c.post_unit_id
      WHERE ${aboveRank('c', 'pu')}
      ORDER BY u.code, c.proposed`,
    result(p, rows) {
      const found = rows as (Row & { proposed: boolean })[];
      const first = found[0];
      if (!first || !found.some((r) => r.proposed)) return [];
      return [warningOf(overRankRule, first, p.name, p.idCipher)];
    },
  },
};
