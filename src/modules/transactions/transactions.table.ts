import { sql } from 'drizzle-orm';
import {
  bigint,
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

/**
 * 用编计划: a unit's hires for a year, by quota kind and channel. Applied for (`submitted`), then
 * decided by the 编办 (`approved`, in whole or in part, or `rejected`); once approved it is locked
 * and changes only by a recorded amendment (staffing_plan_amendments).
 */
export const staffingPlans = pgTable(
  'staffing_plans',
  {
    id: serial('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    state: text('state').notNull(),
    reason: text('reason').notNull(),
    submittedBy: integer('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }).notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
    decisionNote: text('decision_note'),
    documentNo: text('document_no'),
  },
  (t) => [
    uniqueIndex('staffing_plans_unit_year_key').on(t.unitId, t.year),
    index('staffing_plans_region_idx').on(t.regionCode, t.year),
  ],
);

/** A line of a plan: how many hires of a kind through a channel were asked for and approved. */
export const staffingPlanLines = pgTable(
  'staffing_plan_lines',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => staffingPlans.id),
    quotaKind: text('quota_kind').notNull(),
    channel: text('channel').notNull(),
    requested: integer('requested').notNull(),
    approved: integer('approved'),
    reason: text('reason'),
  },
  (t) => [uniqueIndex('staffing_plan_lines_key').on(t.planId, t.quotaKind, t.channel)],
);

/** A change to an approved plan: the lines' approved numbers before and after, why, by which document. */
export const staffingPlanAmendments = pgTable('staffing_plan_amendments', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id')
    .notNull()
    .references(() => staffingPlans.id),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  actor: text('actor').notNull(),
  reason: text('reason').notNull(),
  documentNo: text('document_no').notNull(),
  changes: jsonb('changes').notNull(),
});

/**
 * 用编核准: leave to fill one vacancy of a unit and kind, drawn on an approved plan line. From its
 * approval until it is used (the person seated) or expires it reserves the vacancy: vacancy is
 * approved − headcount − reserved. `number` is the 编制使用通知单's 文号.
 */
export const quotaUseApprovals = pgTable(
  'quota_use_approvals',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull(),
    regionCode: text('region_code').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    quotaKind: text('quota_kind').notNull(),
    channel: text('channel').notNull(),
    planLineId: integer('plan_line_id')
      .notNull()
      .references(() => staffingPlanLines.id),
    personName: text('person_name'),
    state: text('state').notNull(),
    approvedOn: date('approved_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    approvedBy: integer('approved_by')
      .notNull()
      .references(() => users.id),
    seatId: bigint('seat_id', { mode: 'number' }),
    usedOn: date('used_on', { mode: 'string' }),
    /** 撤销: the reservation ends on this date (state `cancelled`), for this reason, by this actor. */
    cancelledOn: date('cancelled_on', { mode: 'string' }),
    cancelReason: text('cancel_reason'),
    cancelledBy: text('cancelled_by'),
  },
  (t) => [
    uniqueIndex('quota_use_approvals_number_key').on(t.regionCode, t.number),
    index('quota_use_approvals_reserving_idx')
      .on(t.unitId, t.quotaKind, t.expiresOn)
      .where(sql`state = 'reserved'`),
    index('quota_use_approvals_line_idx').on(t.planLineId),
  ],
);

/**
 * A business transaction (入编、任免 …): its kind, subject, what it wrote, and when it was let
 * through against a rule, the override's reason, document and the finding it registered. `state` is
 * `completed` once written; a 任免 is `pending` until 组织部 confirms it (then written and
 * `completed`) or returns it (`returned`, nothing written).
 */
export const transactions = pgTable(
  'transactions',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    state: text('state').notNull().default('completed'),
    regionCode: text('region_code').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    documentNo: text('document_no'),
    /** The 文号 of the form the office issues for it (入编审批表, 出编通知单), numbered per region, kind and year. */
    issuedNo: text('issued_no'),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    approvalId: integer('approval_id').references(() => quotaUseApprovals.id),
    seatId: bigint('seat_id', { mode: 'number' }),
    details: jsonb('details').notNull(),
    overrideReason: text('override_reason'),
    overrideDocumentNo: text('override_document_no'),
    findingId: integer('finding_id'),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    index('transactions_unit_idx').on(t.unitId),
    index('transactions_region_idx').on(t.regionCode, t.kind),
    index('transactions_pending_idx')
      .on(t.kind, t.seatId)
      .where(sql`state = 'pending'`),
  ],
);

/**
 * A seat's 在岗状态 from a date (长期病休、挂职、待分配、离岗创业 and back to 在岗), by a document. The
 * seat's own `status` is what the last import said; a dated change here overrides it from its date.
 */
export const seatStatuses = pgTable(
  'seat_statuses',
  {
    id: serial('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    seatId: bigint('seat_id', { mode: 'number' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    documentNo: text('document_no').notNull(),
  },
  (t) => [uniqueIndex('seat_statuses_key').on(t.seatId, t.validFrom)],
);

/**
 * A department's step in a transaction once the 编办 has written it: 组织部 for 任免, 人社 for the
 * hire or the exit, 财政 confirming the payroll change (工资统发). Pending until that department's
 * reader confirms or returns it with a note.
 */
export const transactionSteps = pgTable(
  'transaction_steps',
  {
    id: serial('id').primaryKey(),
    transactionId: integer('transaction_id')
      .notNull()
      .references(() => transactions.id),
    regionCode: text('region_code').notNull(),
    department: text('department').notNull(),
    state: text('state').notNull(),
    actor: text('actor'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('transaction_steps_key').on(t.transactionId, t.department),
    index('transaction_steps_queue_idx').on(t.department, t.state, t.regionCode),
  ],
);

/**
 * 用编事项管控清单: the units of a region whose every hire needs a 用编核准 issued beforehand — for
 * them 入编 cannot grant one from the plan on the spot.
 */
export const controlList = pgTable('control_list', {
  unitId: integer('unit_id')
    .primaryKey()
    .references(() => units.id),
  regionCode: text('region_code').notNull(),
  reason: text('reason').notNull(),
  documentNo: text('document_no').notNull(),
  addedBy: text('added_by').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true, mode: 'string' }).notNull(),
});
