import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { units } from '../org/org.table.ts';

/**
 * A resident ID number is never stored in clear: `idCipher` is SM4 (base64 of IV ‖ ciphertext),
 * `idIndex` a keyed SM3 digest to find it by, `idMasked` what most roles see.
 */
const idNumberColumns = () => ({
  idCipher: text('id_cipher').notNull(),
  idIndex: text('id_index').notNull(),
  idMasked: text('id_masked').notNull(),
});

/** 在编人员: one natural person on the roster (实名制). */
export const persons = pgTable(
  'persons',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code').notNull(),
    ...idNumberColumns(),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    retirementGroup: text('retirement_group').notNull(),
    education: text('education'),
    major: text('major'),
    ethnicity: text('ethnicity'),
    politicalStatus: text('political_status'),
    title: text('title'),
  },
  (t) => [uniqueIndex('persons_id_index_key').on(t.idIndex), index('persons_region_idx').on(t.regionCode)],
);

/** A seat: a person holding one quota of a unit from entered_on until exited_on (exclusive). */
export const seats = pgTable(
  'seats',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code').notNull(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    quotaKind: text('quota_kind').notNull(),
    category: text('category').notNull(),
    enteredOn: date('entered_on', { mode: 'string' }).notNull(),
    entryType: text('entry_type').notNull(),
    approvalNo: text('approval_no'),
    workUnitId: integer('work_unit_id').references(() => units.id),
    exitedOn: date('exited_on', { mode: 'string' }),
    exitType: text('exit_type'),
    status: text('status').notNull().default('on_post'),
  },
  (t) => [
    uniqueIndex('seats_key').on(t.personId, t.unitId, t.enteredOn),
    index('seats_unit_idx').on(t.unitId, t.quotaKind),
    index('seats_region_idx').on(t.regionCode),
  ],
);

/** The leadership post a seat's holder held from valid_from (null: from the seat's start). */
export const seatPosts = pgTable(
  'seat_posts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code').notNull(),
    seatId: bigint('seat_id', { mode: 'number' })
      .notNull()
      .references(() => seats.id),
    validFrom: date('valid_from', { mode: 'string' }),
    postLevel: text('post_level'),
    postUnitId: integer('post_unit_id').references(() => units.id),
    postRank: text('post_rank'),
  },
  (t) => [
    unique('seat_posts_key').on(t.seatId, t.validFrom).nullsNotDistinct(),
    // The single-subject OVER_POSTS check counts the posts held in one unit.
    index('seat_posts_post_unit_idx').on(t.postUnitId),
  ],
);

/** 借调 */
export const secondments = pgTable(
  'secondments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code').notNull(),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => persons.id),
    fromUnitId: integer('from_unit_id')
      .notNull()
      .references(() => units.id),
    toUnitId: integer('to_unit_id')
      .notNull()
      .references(() => units.id),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }).notNull(),
    returnedOn: date('returned_on', { mode: 'string' }),
    documentNo: text('document_no'),
  },
  (t) => [uniqueIndex('secondments_key').on(t.personId, t.fromUnitId, t.toUnitId, t.startOn)],
);

/** 编外人员: not on the roster, so the ID number is kept with the record. */
export const offQuotaStaff = pgTable(
  'off_quota_staff',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code').notNull(),
    ...idNumberColumns(),
    name: text('name').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    type: text('type').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }),
    postLevel: text('post_level'),
  },
  (t) => [uniqueIndex('off_quota_staff_key').on(t.idIndex, t.unitId, t.startOn)],
);

/** 工资发放名册 (财政), by period. Its people need not be on the roster. */
export const payroll = pgTable(
  'payroll',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code').notNull(),
    period: text('period').notNull(),
    ...idNumberColumns(),
    name: text('name').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
  },
  (t) => [
    uniqueIndex('payroll_key').on(t.period, t.idIndex, t.unitId),
    index('payroll_region_idx').on(t.regionCode, t.period),
  ],
);

/** 参保名单 (人社), by period. */
export const insurance = pgTable(
  'insurance',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code').notNull(),
    period: text('period').notNull(),
    ...idNumberColumns(),
    name: text('name').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [
    uniqueIndex('insurance_key').on(t.period, t.idIndex, t.unitId),
    index('insurance_region_idx').on(t.regionCode, t.period),
  ],
);
