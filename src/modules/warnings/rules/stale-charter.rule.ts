import { query, sql } from '../../../db/database.ts';
import type { Rule } from '../warning.types.ts';
import { effectiveSetting, unitsOn } from '../warnings.sql.ts';

const settings = { maxDays: 180 } as const;

export const staleCharterRule: Rule = {
  code: 'STALE_CHARTER',
  name: '三定规定调整滞后',
  class: '机构设置',
  severity: '风险',
  settings,
  settingLimits: { maxDays: { label: '编制或职数调整后未修订三定的天数', min: 1, max: 3650 } },
  async scan(db, { asOf }) {
    const rows = await query<{
      code: string;
      changed_on: string;
      chartered_on: string | null;
      max_days: number;
    }>(
      db,
      sql`WITH ${unitsOn(asOf)}, ${effectiveSetting('max_days', this.code, 'maxDays')},
      changes AS (
        SELECT unit_id, max(effective_on) AS changed_on FROM (
          SELECT unit_id, effective_on FROM quota_ledger WHERE effective_on <= ${asOf}::date
          UNION ALL
          SELECT unit_id, effective_on FROM post_ledger WHERE effective_on <= ${asOf}::date) l
        GROUP BY unit_id),
      chartered AS (SELECT unit_id, max(issued_on) AS chartered_on FROM charters
        WHERE issued_on <= ${asOf}::date GROUP BY unit_id)
      SELECT uv.code, c.changed_on, ch.chartered_on, coalesce(md.value, ${settings.maxDays}::int) AS max_days
      FROM uv JOIN changes c ON c.unit_id = uv.id LEFT JOIN chartered ch ON ch.unit_id = uv.id
      LEFT JOIN max_days md ON md.region_code = uv.region_code
      WHERE uv.active AND uv.kind NOT IN ('internal_division', 'coordination_body')
        AND (ch.chartered_on IS NULL OR c.changed_on > ch.chartered_on)
        AND ${asOf}::date - c.changed_on > coalesce(md.value, ${settings.maxDays}::int)`,
    );
    return rows.map((r) => ({
      rule: this.code,
      severity: this.severity,
      unitCode: r.code,
      changedOn: r.changed_on,
      charteredOn: r.chartered_on,
      maxDays: r.max_days,
      message: `${r.code} 编制或职数于 ${r.changed_on} 调整，三定规定${r.chartered_on ? `（${r.chartered_on}）` : ''}未随之调整`,
    }));
  },
};
