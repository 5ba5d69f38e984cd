import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** 行政区划 (GB/T 2260). The code is the region code every other row carries. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    parentCode: text('parent_code'),
    unitCap: integer('unit_cap'),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

/**
 * The identity of a unit (机构): what never changes when it is renamed or re-ranked.
 * Its attributes live in dated versions (unit_versions).
 */
export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    regionCode: text('region_code').notNull(),
    establishedOn: date('established_on', { mode: 'string' }),
    abolishedOn: date('abolished_on', { mode: 'string' }),
    documentNo: text('document_no'),
  },
  (t) => [uniqueIndex('units_code_key').on(t.code), index('units_region_idx').on(t.regionCode)],
);

/**
 * A unit as it stood from valid_from (null: from the beginning) until the next version.
 * 设立、更名、升格、改隶 each add a version; nothing is overwritten.
 */
export const unitVersions = pgTable(
  'unit_versions',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    regionCode: text('region_code').notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    rank: text('rank'),
    publicClass: text('public_class'),
    funding: text('funding'),
    referenceManaged: boolean('reference_managed').notNull().default(false),
    parentId: integer('parent_id').references(() => units.id),
    divisionCap: integer('division_cap'),
    aliasNames: text('alias_names')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sortOrder: integer('sort_order'),
    /** 合署办公: the unit this one works together with as one body (null: none). */
    coLocatedWith: integer('co_located_with'),
    /** The decided proposal that wrote this version (null: imported). */
    proposalId: integer('proposal_id'),
  },
  (t) => [
    unique('unit_versions_unit_from_key').on(t.unitId, t.validFrom).nullsNotDistinct(),
    index('unit_versions_parent_idx').on(t.parentId),
    index('unit_versions_region_idx').on(t.regionCode),
  ],
);

/** 三定规定 */
export const charters = pgTable(
  'charters',
  {
    id: serial('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    documentNo: text('document_no'),
    /** 定职能: the main functions (null: imported without them). */
    functions: text('functions'),
    /** 定机构: the internal divisions it sets. */
    divisions: text('divisions').array(),
    proposalId: integer('proposal_id'),
  },
  (t) => [uniqueIndex('charters_key').on(t.unitId, t.issuedOn)],
);
