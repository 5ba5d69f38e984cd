import { query, sql } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { activeSeats, RANK_LIST, seatPostsOn, unitsOn } from '../warnings.sql.ts';

const ranks = sql.raw(`ARRAY[${RANK_LIST.map((r) => `'${r}'`).join(',')}]::text[]`);

export const overRankRule: Rule = {
  code: 'OVER_RANK',
  name: '超规格配备领导干部',
  class: '领导职数',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<{
      id_cipher: string;
      name: string;
      unit_code: string;
      post_unit_code: string;
      post_rank: string;
      unit_rank: string;
    }>(
      db,
      sql`WITH ${unitsOn(asOf)}, ${activeSeats(asOf)}, ${seatPostsOn(asOf)}
      SELECT DISTINCT ON (p.id) p.id_cipher, p.name, u.code AS unit_code, pu.code AS post_unit_code,
        sp.post_rank, pu.rank AS unit_rank
      FROM active_seats s JOIN seat_post_now sp ON sp.seat_id = s.id
      JOIN persons p ON p.id = s.person_id JOIN units u ON u.id = s.unit_id
      JOIN uv pu ON pu.id = coalesce(sp.post_unit_id, s.unit_id)
      WHERE sp.post_level IS NOT NULL AND sp.post_rank IS NOT NULL AND pu.rank IS NOT NULL
        AND array_position(${ranks}, sp.post_rank) < CASE WHEN sp.post_level IN ('head', 'division_head')
          THEN array_position(${ranks}, pu.rank)
          ELSE least(array_position(${ranks}, pu.rank) + 1, ${RANK_LIST.length}) END
      ORDER BY p.id, u.code`,
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      idCipher: r.id_cipher,
      unitCode: r.unit_code,
      postUnitCode: r.post_unit_code,
      postRank: r.post_rank,
      unitRank: r.unit_rank,
      message: `${r.name} 在 ${r.post_unit_code}（${r.unit_rank}）按 ${r.post_rank} 配备，超规格`,
    }));
  },
};
