import { bigserial, date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { units } from '../org/org.table.ts';

/** 编制台账: signed, dated changes; approved(unit, kind, D) is their sum up to D. */
export const quotaLedger = pgTable(
  'quota_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').notNull(),
    amount: integer('amount').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    documentNo: text('document_no').notNull(),
    /** The decided proposal that wrote the row (null: imported), and what kind of change it was. */
    proposalId: integer('proposal_id'),
    change: text('change'),
  },
  (t) => [
    uniqueIndex('quota_ledger_key').on(t.unitId, t.kind, t.effectiveOn, t.documentNo),
    index('quota_ledger_region_idx').on(t.regionCode),
  ],
);

/** 领导职数台账 */
export const postLedger = pgTable(
  'post_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    level: text('level').notNull(),
    amount: integer('amount').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    documentNo: text('document_no').notNull(),
    /** The decided proposal that wrote the row (null: imported), and what kind of change it was. */
    proposalId: integer('proposal_id'),
    change: text('change'),
  },
  (t) => [
    uniqueIndex('post_ledger_key').on(t.unitId, t.level, t.effectiveOn, t.documentNo),
    index('post_ledger_region_idx').on(t.regionCode),
  ],
);
