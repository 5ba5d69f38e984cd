import { query, sql } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { activeSeats } from '../warnings.sql.ts';

export const duplicateSeatRule: Rule = {
  code: 'DUPLICATE_SEAT',
  name: '一人多编',
  class: '人员管理',
  severity: '违规',
  settings: {},
  async scan(db, { asOf }) {
    const rows = await query<{ id_cipher: string; name: string; seats: number; unit_codes: string[] }>(
      db,
      sql`WITH ${activeSeats(asOf)}
      SELECT p.id_cipher, p.name, count(*)::int AS seats,
        array_agg(u.code ORDER BY u.code) AS unit_codes
      FROM active_seats s JOIN persons p ON p.id = s.person_id JOIN units u ON u.id = s.unit_id
      GROUP BY p.id, p.id_cipher, p.name
      HAVING count(*) >= 2`,
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      idCipher: r.id_cipher,
      seats: r.seats,
      unitCodes: r.unit_codes,
      message: `${r.name} 同时占用 ${r.seats} 个编制（${r.unit_codes.join('、')}）`,
    }));
  },
};
