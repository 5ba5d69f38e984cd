import { type Db, query, sql } from '../../db/database.ts';
import type { Clock } from '../../shared/dates.ts';
import { DomainError } from '../../shared/domain-error.ts';
import type { AuditTrail } from '../audit/audit.service.ts';
import type { Caller } from '../auth/caller.ts';
import type { Rule, RuleClass, Severity, SettingLimit } from './warning.types.ts';
import { rules } from './warnings.registry.ts';

/**
 * Rule settings per region (RULES.md "(setting)"): a region's own value, else its nearest
 * ancestor's, else the rule's default. Read for any region; written for the caller's own region only.
 */

export interface SettingsDeps {
  db: Db;
  audit: AuditTrail;
  clock: Clock;
}

export type SettingSource = 'own' | 'inherited' | 'default';

export interface SettingView extends SettingLimit {
  key: string;
  default: number;
  /** The value in force for the region. */
  value: number;
  source: SettingSource;
  /** The region whose own value it is (itself or an ancestor); null for the default. */
  sourceRegionCode: string | null;
  sourceRegionName: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface RuleView {
  code: string;
  name: string;
  class: RuleClass;
  severity: Severity;
  settings: SettingView[];
}

export interface RuleSettingsView {
  regionCode: string;
  regionName: string;
  rules: RuleView[];
}

export class UnknownRuleError extends DomainError {
  constructor(code: string) {
    super('warnings.unknown_rule', `没有代码为 ${code} 的预警规则`, 'not_found');
  }
}

export class UnknownSettingError extends DomainError {
  constructor(rule: Rule, key: string) {
    super('warnings.unknown_setting', `预警规则“${rule.name}”（${rule.code}）没有设置项 ${key}`, 'not_found');
  }
}

export class SettingOutOfRangeError extends DomainError {
  constructor(limit: SettingLimit, value: number) {
    super(
      'warnings.setting_out_of_range',
      `${limit.label}应为 ${limit.min} 至 ${limit.max} 之间的整数，收到 ${value}`,
      'invalid',
    );
  }
}

export class RegionNotFoundError extends DomainError {
  constructor(code: string) {
    super('warnings.region_not_found', `区划 ${code} 不存在`, 'not_found');
  }
}

/** The rule and the limits of one of its settings; a domain error when either is unknown. */
export function settingOf(ruleCode: string, key: string): { rule: Rule; limit: SettingLimit } {
  const rule = rules.find((r) => r.code === ruleCode);
  if (!rule) throw new UnknownRuleError(ruleCode);
  const limit = rule.settingLimits?.[key];
  if (!Object.hasOwn(rule.settings, key) || !limit) throw new UnknownSettingError(rule, key);
  return { rule, limit };
}

interface OwnValue {
  rule: string;
  key: string;
  value: number;
  region_code: string;
  region_name: string;
  depth: number;
  updated_at: string;
  updated_by: string;
}

/** The nearest own value of every (rule, key) set on the region or an ancestor: one walk up the tree. */
async function nearestValues(db: Db, regionCode: string) {
  return query<OwnValue>(
    db,
    sql`WITH RECURSIVE up(code, name, parent_code, depth) AS (
      SELECT code, name, parent_code, 0 FROM regions WHERE code = ${regionCode}
      UNION ALL
      SELECT r.code, r.name, r.parent_code, up.depth + 1 FROM regions r JOIN up ON r.code = up.parent_code
      WHERE up.depth < 32
    )
    SELECT DISTINCT ON (rs.rule, rs.key) rs.rule, rs.key, rs.value, up.code AS region_code,
      up.name AS region_name, up.depth, rs.updated_by,
      to_char(rs.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
    FROM up JOIN rule_settings rs ON rs.region_code = up.code
    ORDER BY rs.rule, rs.key, up.depth`,
  );
}

function viewOf(rule: Rule, own: readonly OwnValue[]): RuleView {
  const settings = Object.entries(rule.settings).map(([key, fallback]): SettingView => {
    const limit = rule.settingLimits?.[key] ?? { label: key, min: fallback, max: fallback };
    const found = own.find((o) => o.rule === rule.code && o.key === key);
    return {
      key,
      ...limit,
      default: fallback,
      value: found?.value ?? fallback,
      source: !found ? 'default' : found.depth === 0 ? 'own' : 'inherited',
      sourceRegionCode: found?.region_code ?? null,
      sourceRegionName: found?.region_name ?? null,
      updatedAt: found?.updated_at ?? null,
      updatedBy: found?.updated_by ?? null,
    };
  });
  return { code: rule.code, name: rule.name, class: rule.class, severity: rule.severity, settings };
}

export function createRuleSettingsService(deps: SettingsDeps) {
  async function regionName(db: Db, code: string): Promise<string> {
    const [row] = await query<{ name: string }>(db, sql`SELECT name FROM regions WHERE code = ${code}`);
    if (!row) throw new RegionNotFoundError(code);
    return row.name;
  }

  async function read(db: Db, regionCode: string): Promise<RuleSettingsView> {
    const name = await regionName(db, regionCode);
    const own = await nearestValues(db, regionCode);
    return { regionCode, regionName: name, rules: rules.map((rule) => viewOf(rule, own)) };
  }

  async function ruleView(db: Db, regionCode: string, rule: Rule): Promise<RuleView> {
    return viewOf(rule, await nearestValues(db, regionCode));
  }

  return {
    /** Every rule with each setting's default, the value in force for the region and where it comes from. */
    read: (regionCode: string) => read(deps.db, regionCode),

    /** Gives the caller's region its own value for a setting (audited); the rule as it now stands. */
    async set(caller: Caller, ruleCode: string, key: string, value: number): Promise<RuleView> {
      const { rule, limit } = settingOf(ruleCode, key);
      if (!Number.isInteger(value) || value < limit.min || value > limit.max)
        throw new SettingOutOfRangeError(limit, value);
      const regionCode = caller.scope.regionCode;
      const now = deps.clock().toISOString();
      return deps.audit.transaction(deps.db, async (tx, audit) => {
        await regionName(tx, regionCode);
        const [before] = await query<{ value: number }>(
          tx,
          sql`SELECT value FROM rule_settings
          WHERE region_code = ${regionCode} AND rule = ${rule.code} AND key = ${key} FOR UPDATE`,
        );
        await tx.execute(sql`INSERT INTO rule_settings (region_code, rule, key, value, updated_at, updated_by)
          VALUES (${regionCode}, ${rule.code}, ${key}, ${value}, ${now}, ${caller.actor})
          ON CONFLICT (region_code, rule, key) DO UPDATE SET
            value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
        await audit.record({
          actor: caller.actor,
          action: 'update',
          entity: 'rule_setting',
          entityKey: `${regionCode}|${rule.code}|${key}`,
          regionCode,
          before: before ? { value: before.value } : null,
          after: { value },
        });
        return ruleView(tx, regionCode, rule);
      });
    },

    /** Removes the caller's region's own value: it takes its ancestor's again, else the default. */
    async clear(caller: Caller, ruleCode: string, key: string): Promise<RuleView> {
      const { rule } = settingOf(ruleCode, key);
      const regionCode = caller.scope.regionCode;
      return deps.audit.transaction(deps.db, async (tx, audit) => {
        const [removed] = await query<{ value: number }>(
          tx,
          sql`DELETE FROM rule_settings
          WHERE region_code = ${regionCode} AND rule = ${rule.code} AND key = ${key} RETURNING value`,
        );
        // Nothing of its own to remove: nothing written, nothing to record.
        if (removed)
          await audit.record({
            actor: caller.actor,
            action: 'delete',
            entity: 'rule_setting',
            entityKey: `${regionCode}|${rule.code}|${key}`,
            regionCode,
            before: { value: removed.value },
            after: null,
          });
        return ruleView(tx, regionCode, rule);
      });
    },
  };
}

export type RuleSettingsService = ReturnType<typeof createRuleSettingsService>;
