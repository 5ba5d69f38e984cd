import { query, sql } from '../../../db/database.ts';
import { seatActiveOn } from '../../org/org.sql.ts';
import type { RawWarning, Rule } from '../warning.types.ts';
import { activeSeats } from '../warnings.sql.ts';

function warningOf(rule: Rule, name: string, idCipher: string, unitCodes: string[]): RawWarning {
  return {
    rule: rule.code,
    severity: rule.severity,
    idCipher,
    seats: unitCodes.length,
    unitCodes,
    message: `${name} 同时占用 ${unitCodes.length} 个编制（${unitCodes.join('、')}）`,
  };
}

export const duplicateSeatRule: Rule = {
  code: 'DUPLICATE_SEAT',
  name: '一人多编',
  class: '人员管理',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<{ id_cipher: string; name: string; unit_codes: string[] }>(
      db,
      // Grouped on the seats alone first: only the few people with two seats meet persons and units.
      sql`WITH ${activeSeats(asOf)},
      dup AS (
        SELECT person_id, array_agg(unit_id) AS unit_ids FROM active_seats
        GROUP BY person_id HAVING count(*) >= 2
      )
      SELECT p.id_cipher, p.name,
        (SELECT array_agg(u.code ORDER BY u.code) FROM unnest(d.unit_ids) x(id) JOIN units u ON u.id = x.id)
          AS unit_codes
      FROM dup d JOIN persons p ON p.id = d.person_id`,
    );
    return rows.map((r) => warningOf(this, r.name, r.id_cipher, r.unit_codes));
  },
  check: {
    // The person's seats on D once the change is made: the others, and the proposed one.
    query: (p) =>
      sql`WITH mine AS (
        SELECT s.id, s.unit_id FROM seats s
        WHERE s.person_id = ${p.personId} AND ${seatActiveOn('s', p.asOf)}
      )
      SELECT (SELECT count(*) FROM mine WHERE id = ${p.endsSeatId})::int AS ending,
        (SELECT array_agg(u.code ORDER BY u.code) FROM (
          SELECT unit_id FROM mine WHERE id <> ${p.endsSeatId} UNION ALL SELECT ${p.unitId}::int
        ) a JOIN units u ON u.id = a.unit_id) AS unit_codes`,
    result(p, rows) {
      const row = rows[0] as { unit_codes: string[]; ending: number };
      const after = row.unit_codes.length;
      // A transfer that ends one of the person's seats adds none.
      if (after < 2 || row.ending > 0) return [];
      return [warningOf(duplicateSeatRule, p.name, p.idCipher, row.unit_codes)];
    },
  },
};
