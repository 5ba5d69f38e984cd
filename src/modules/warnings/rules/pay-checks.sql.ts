import type { SQL } from 'drizzle-orm';
import { sql } from '../../../db/database.ts';
import { seatActiveDuring } from '../warnings.sql.ts';

/**
 * Rows of payroll or insurance in P whose person has no seat active during P (`ghost`), or has some
 * but none in the row's unit (`mismatch`). One row per ID number.
 */
export function listCheck(table: 'payroll' | 'insurance', period: string, kind: 'ghost' | 'mismatch'): SQL {
  const t = sql.raw(table);
  const during = sql`SELECT 1 FROM persons p JOIN seats s ON s.person_id = p.id
    WHERE p.id_index = r.id_index AND ${seatActiveDuring('s', period)}`;
  const condition =
    kind === 'ghost'
      ? sql`NOT EXISTS (${during})`
      : sql`EXISTS (${during}) AND NOT EXISTS (${during} AND s.unit_id = r.unit_id)`;
  return sql`SELECT DISTINCT ON (r.id_index) r.id_cipher, r.name, u.code AS unit_code,
      (SELECT string_agg(DISTINCT su.code, ',') FROM persons p JOIN seats s ON s.person_id = p.id
        JOIN units su ON su.id = s.unit_id
        WHERE p.id_index = r.id_index AND ${seatActiveDuring('s', period)}) AS seat_units
    FROM ${t} r JOIN units u ON u.id = r.unit_id
    WHERE r.period = ${period} AND ${condition}
    ORDER BY r.id_index, u.code`;
}

export interface ListRow {
  id_cipher: string;
  name: string;
  unit_code: string;
  seat_units: string | null;
}
