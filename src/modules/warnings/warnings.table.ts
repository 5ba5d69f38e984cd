import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { units } from '../org/org.table.ts';

/**
 * A stored warning (RULES.md "Warnings over time"): identified by its rule and subject key (the
 * subject's fields joined with `|`, an ID number by its keyed index, never in clear), first and last
 * seen by a scan as of today, resolved on the first such scan that no longer finds it. `figures` and
 * `message` are those of the last sighting.
 */
export const warnings = pgTable(
  'warnings',
  {
    id: serial('id').primaryKey(),
    rule: text('rule').notNull(),
    subjectKey: text('subject_key').notNull(),
    regionCode: text('region_code').notNull(),
    unitId: integer('unit_id').references(() => units.id),
    unitCode: text('unit_code'),
    idIndex: text('id_index'),
    idMasked: text('id_masked'),
    severity: text('severity').notNull(),
    firstSeenOn: date('first_seen_on', { mode: 'string' }).notNull(),
    lastSeenOn: date('last_seen_on', { mode: 'string' }).notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    message: text('message').notNull(),
    figures: jsonb('figures').notNull(),
  },
  (t) => [
    uniqueIndex('warnings_rule_subject_key').on(t.rule, t.subjectKey),
    index('warnings_region_idx').on(t.regionCode, t.resolvedOn),
    index('warnings_unit_idx').on(t.unitId),
  ],
);

/**
 * A region's own value for a rule's setting (RULES.md "(setting)"); a region without one takes its
 * nearest ancestor's, else the rule's default.
 */
export const ruleSettings = pgTable(
  'rule_settings',
  {
    regionCode: text('region_code').notNull(),
    rule: text('rule').notNull(),
    key: text('key').notNull(),
    value: integer('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.rule, t.key] })],
);
