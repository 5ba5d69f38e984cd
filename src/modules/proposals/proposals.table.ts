import {
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

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * 动议事项: what a department or the 编办 moves to change (its changes in proposal_changes), why,
 * the 编办's appraisal of 合理性/必要性/可行性, the committee's decision with its meeting, date and
 * 文号, and the date it was carried out. `number` is unique within its region (e.g. `DY2026-0003`).
 * `checklist` holds the 12-aspect process check, by aspect code.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull(),
    regionCode: text('region_code').notNull(),
    title: text('title').notNull(),
    reason: text('reason').notNull(),
    /** Who moved it: the 编办, or the unit (department) it came from. */
    sponsorUnitId: integer('sponsor_unit_id').references(() => units.id),
    state: text('state').notNull(),
    submittedBy: integer('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    appraisal: jsonb('appraisal'),
    appraisedOn: date('appraised_on', { mode: 'string' }),
    outcome: text('outcome'),
    meeting: text('meeting'),
    decidedOn: date('decided_on', { mode: 'string' }),
    documentNo: text('document_no'),
    decisionNote: text('decision_note'),
    effectiveOn: date('effective_on', { mode: 'string' }),
    implementedOn: date('implemented_on', { mode: 'string' }),
    checklist: jsonb('checklist').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    uniqueIndex('proposals_region_number_key').on(t.regionCode, t.number),
    index('proposals_region_state_idx').on(t.regionCode, t.state),
  ],
);

/**
 * One change of a proposal, in the order it is applied (`seq`). `payload` is the change as
 * proposals.schemas.ts defines it for its kind. An amended decision replaces the changes; the ones
 * it replaced stay with `superseded` set.
 */
export const proposalChanges = pgTable(
  'proposal_changes',
  {
    id: serial('id').primaryKey(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    superseded: date('superseded', { mode: 'string' }),
  },
  (t) => [index('proposal_changes_proposal_idx').on(t.proposalId)],
);

/** The proposal's trail: each step with who took it, when, and what they recorded. */
export const proposalEvents = pgTable(
  'proposal_events',
  {
    id: serial('id').primaryKey(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    details: jsonb('details').notNull(),
  },
  (t) => [index('proposal_events_proposal_idx').on(t.proposalId)],
);

/** 征求意见: a department's opinion on a proposal under appraisal. */
export const proposalConsultations = pgTable(
  'proposal_consultations',
  {
    id: serial('id').primaryKey(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    department: text('department').notNull(),
    opinion: text('opinion').notNull(),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    actor: text('actor').notNull(),
  },
  (t) => [index('proposal_consultations_proposal_idx').on(t.proposalId)],
);

/** The research report (调研报告) and other papers of a proposal, kept whole with their SM3 hash. */
export const proposalFiles = pgTable(
  'proposal_files',
  {
    id: serial('id').primaryKey(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => proposals.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sm3: text('sm3').notNull(),
    content: bytea('content').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'string' }).notNull(),
    actor: text('actor').notNull(),
  },
  (t) => [index('proposal_files_proposal_idx').on(t.proposalId)],
);

/**
 * 机动编制: a region's reserve, as a ledger like a unit's. Quota taken back (收回) from a unit adds
 * to it; quota given to a unit from it subtracts. reserve(region, kind, D) = sum up to D.
 */
export const reserveLedger = pgTable(
  'reserve_ledger',
  {
    id: serial('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    kind: text('kind').notNull(),
    amount: integer('amount').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    documentNo: text('document_no').notNull(),
    proposalId: integer('proposal_id').references(() => proposals.id),
  },
  (t) => [index('reserve_ledger_region_idx').on(t.regionCode, t.kind)],
);

/**
 * 权责清单: a unit's powers and duties, each dated. A duty moved or devolved to another unit ends
 * here and starts there (`origin_id` links them); a cancelled one ends.
 */
export const duties = pgTable(
  'duties',
  {
    id: serial('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    category: text('category').notNull(),
    basis: text('basis'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    endedBy: text('ended_by'),
    originId: integer('origin_id'),
    proposalId: integer('proposal_id').references(() => proposals.id),
  },
  (t) => [index('duties_unit_idx').on(t.unitId)],
);
