import { query, sql } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { effectiveSetting, unitsOn } from '../warnings.sql.ts';

const settings = { maxDays: 365 } as const;

export const secondmentOverdueRule: Rule = {
  code: 'SECONDMENT_OVERDUE',
  name: '超期借调',
  class: '人员管理',
  severity: '风险',
  settings,
  settingLimits: { maxDays: { label: '借调期限（天）', min: 1, max: 3650 } },
  async scan(db, { asOf }) {
    const rows = await query<{
      id_cipher: string;
      name: string;
      from_code: string;
      to_code: string;
      start_on: string;
      end_on: string;
      max_days: number;
    }>(
      db,
      // The limit is that of the region of the unit the person is seconded from (their seat's unit).
      sql`WITH ${unitsOn(asOf, sql`SELECT from_unit_id FROM secondments`)},
      ${effectiveSetting('max_days', this.code, 'maxDays')}
      SELECT DISTINCT ON (p.id) p.id_cipher, p.name, f.code AS from_code, t.code AS to_code,
        x.start_on, x.end_on, coalesce(md.value, ${settings.maxDays}::int) AS max_days
      FROM secondments x JOIN persons p ON p.id = x.person_id
      JOIN units f ON f.id = x.from_unit_id JOIN units t ON t.id = x.to_unit_id
      LEFT JOIN uv ON uv.id = x.from_unit_id
      LEFT JOIN max_days md ON md.region_code = coalesce(uv.region_code, f.region_code)
      WHERE x.start_on <= ${asOf}::date AND (x.returned_on IS NULL OR x.returned_on > ${asOf}::date)
        AND (x.end_on < ${asOf}::date
          OR ${asOf}::date - x.start_on > coalesce(md.value, ${settings.maxDays}::int))
      ORDER BY p.id, x.start_on`,
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      idCipher: r.id_cipher,
      unitCode: r.from_code,
      toUnitCode: r.to_code,
      startOn: r.start_on,
      endOn: r.end_on,
      maxDays: r.max_days,
      message: `${r.name} 自 ${r.start_on} 由 ${r.from_code} 借调至 ${r.to_code}（约定至 ${r.end_on}），已超期`,
    }));
  },
};
