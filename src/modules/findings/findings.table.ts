import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { units } from '../org/org.table.ts';
import { users } from '../users/users.table.ts';
import { warnings } from '../warnings/warnings.table.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A finding (问题台账): a problem taken onto the ledger, from a warning or another source, tracked
 * from registration (挂号建账) through rectification (整改中) and verification (对号结账) to closure
 * (销号下账). `number` is its ledger number, unique within its region (e.g. `WT2026-0007`).
 * `registered_by` is who registered it: the verifier must be someone else.
 */
export const findings = pgTable(
  'findings',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull(),
    regionCode: text('region_code').notNull(),
    unitId: integer('unit_id').references(() => units.id),
    unitCode: text('unit_code'),
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    warningId: integer('warning_id').references(() => warnings.id),
    rule: text('rule'),
    category: text('category').notNull(),
    severity: text('severity').notNull(),
    description: text('description').notNull(),
    state: text('state').notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    responsibleUserId: integer('responsible_user_id').references(() => users.id),
    responsibleName: text('responsible_name'),
    registeredBy: integer('registered_by')
      .notNull()
      .references(() => users.id),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    measures: text('measures'),
    verifiedBy: integer('verified_by').references(() => users.id),
    closedOn: date('closed_on', { mode: 'string' }),
    deferredUntil: date('deferred_until', { mode: 'string' }),
    deferredReason: text('deferred_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    uniqueIndex('findings_region_number_key').on(t.regionCode, t.number),
    index('findings_region_state_idx').on(t.regionCode, t.state),
    index('findings_unit_idx').on(t.unitId),
    // A warning has at most one finding that is not closed.
    uniqueIndex('findings_open_warning_key')
      .on(t.warningId)
      .where(sql`state <> 'closed'`),
  ],
);

/** One step in a finding's life: who did what, from which state to which, and why. */
export const findingEvents = pgTable(
  'finding_events',
  {
    id: serial('id').primaryKey(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    userId: integer('user_id').references(() => users.id),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    note: text('note'),
    details: jsonb('details'),
  },
  (t) => [index('finding_events_finding_idx').on(t.findingId)],
);

/**
 * An evidence file of a rectification, kept whole: `version` counts the uploads of the same file
 * name for the finding, `sm3` is the digest of the content (hex), recorded in the audit log too.
 */
export const findingEvidence = pgTable(
  'finding_evidence',
  {
    id: serial('id').primaryKey(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    fileName: text('file_name').notNull(),
    version: integer('version').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sm3: text('sm3').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [uniqueIndex('finding_evidence_version_key').on(t.findingId, t.fileName, t.version)],
);

/**
 * A rectification notice (整改通知书) issued to a unit, with its 文号 and the findings it names.
 * `region_code` is the unit's (for scope); `issuing_region_code` the issuing office's, which numbers
 * its notices per year. `content` keeps what the notice said when issued (unit name, issuer, the
 * findings with their deadlines), so a reprint says the same.
 */
export const findingNotices = pgTable(
  'finding_notices',
  {
    id: serial('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    issuingRegionCode: text('issuing_region_code').notNull(),
    documentNo: text('document_no').notNull(),
    year: integer('year').notNull(),
    serial: integer('serial').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    findingIds: integer('finding_ids').array().notNull(),
    content: jsonb('content').notNull(),
    issuedBy: integer('issued_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    uniqueIndex('finding_notices_serial_key').on(t.issuingRegionCode, t.year, t.serial),
    index('finding_notices_unit_idx').on(t.unitId),
  ],
);
