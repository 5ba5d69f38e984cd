import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * 全程有痕: one entry per write, in the writing transaction. `seq` is gapless; `hash` chains each
 * entry to the one before with a keyed SM3 (HMAC-SM3) so an edit, insertion or deletion shows.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityKey: text('entity_key'),
    regionCode: text('region_code'),
    documentNo: text('document_no'),
    before: jsonb('before'),
    after: jsonb('after'),
    details: jsonb('details'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityKey)],
);

/**
 * The rows a bulk write (an import) added or updated, linked to its one audit entry. The entry's
 * details carry the SM3 digest of these rows, so they are covered by the chain too.
 */
export const auditChanges = pgTable(
  'audit_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    entity: text('entity').notNull(),
    op: text('op').notNull(),
    key: jsonb('key').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('audit_changes_seq_idx').on(t.seq)],
);
