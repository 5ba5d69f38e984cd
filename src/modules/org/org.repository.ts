import { asc, eq } from 'drizzle-orm';
import { type Db, query, sql } from '../../db/database.ts';
import { regionScope, unitActiveOn, unitVersionsInForce } from './org.sql.ts';
import { charters, regions, units } from './org.table.ts';

export interface RegionRecord {
  code: string;
  name: string;
  parentCode: string | null;
  unitCap: number | null;
}

/** A unit's identity: what its versions do not change. */
export interface UnitRecord {
  id: number;
  code: string;
  regionCode: string;
  establishedOn: string | null;
  abolishedOn: string | null;
  documentNo: string | null;
}

/** A unit as one version describes it, the parent named by its code. */
export interface UnitVersionRecord {
  validFrom: string | null;
  name: string;
  kind: string;
  rank: string | null;
  publicClass: string | null;
  funding: string | null;
  referenceManaged: boolean;
  parentId: number | null;
  parentCode: string | null;
  divisionCap: number | null;
  aliasNames: string[];
  sortOrder: number | null;
}

/** A unit as it stood on a date: its identity, the version then in force, and whether it was active. */
export interface UnitAsOf extends UnitRecord, UnitVersionRecord {
  active: boolean;
}

export interface CharterRecord {
  issuedOn: string;
  documentNo: string | null;
}

const regionColumns = {
  code: regions.code,
  name: regions.name,
  parentCode: regions.parentCode,
  unitCap: regions.unitCap,
};

const unitColumns = {
  id: units.id,
  code: units.code,
  regionCode: units.regionCode,
  establishedOn: units.establishedOn,
  abolishedOn: units.abolishedOn,
  documentNo: units.documentNo,
};

/** The columns of UnitVersionRecord from a version `v` and its parent unit `p`. */
const versionColumns = sql`v.valid_from AS "validFrom", v.name, v.kind, v.rank, v.public_class AS "publicClass",
  v.funding, v.reference_managed AS "referenceManaged", v.parent_id AS "parentId", p.code AS "parentCode",
  v.division_cap AS "divisionCap", v.alias_names AS "aliasNames", v.sort_order AS "sortOrder"`;

/** A region and every region below it, by code; the tree is in parentCode. */
export function listRegions(db: Db, regionCode: string): Promise<RegionRecord[]> {
  return query<RegionRecord>(
    db,
    sql`WITH RECURSIVE ${regionScope(regionCode, true)}
    SELECT r.code, r.name, r.parent_code AS "parentCode", r.unit_cap AS "unitCap"
    FROM regions r WHERE r.code IN (SELECT code FROM scope) ORDER BY r.code`,
  );
}

export async function findRegion(db: Db, code: string): Promise<RegionRecord | undefined> {
  const [row] = await db.select(regionColumns).from(regions).where(eq(regions.code, code));
  return row;
}

export async function findUnitByCode(db: Db, code: string): Promise<UnitRecord | undefined> {
  const [row] = await db.select(unitColumns).from(units).where(eq(units.code, code));
  return row;
}

/**
 * The units of a region as they stood on the date: each with the version then in force, active or
 * not. A unit whose first version begins later had no recorded form yet and is left out.
 */
export function unitsAsOf(
  db: Db,
  options: {
    regionCode: string;
    asOf: string;
    includeDescendants?: boolean;
    /** Only these units (a 单位联络员's). */
    unitIds?: readonly number[] | null;
  },
): Promise<UnitAsOf[]> {
  const { regionCode, asOf, includeDescendants = false, unitIds } = options;
  const onlyUnits = unitIds ? sql`AND u.id = ANY(${sql.param(unitIds)}::int[])` : sql``;
  return query<UnitAsOf>(
    db,
    sql`WITH RECURSIVE ${regionScope(regionCode, includeDescendants)},
      scoped AS (SELECT u.* FROM units u WHERE u.region_code IN (SELECT code FROM scope) ${onlyUnits}),
      in_force AS (${unitVersionsInForce(asOf, sql`SELECT id FROM scoped`)})
    SELECT u.id, u.code, u.region_code AS "regionCode", u.established_on AS "establishedOn",
      u.abolished_on AS "abolishedOn", u.document_no AS "documentNo", ${versionColumns},
      (${unitActiveOn('u', asOf)}) AS active
    FROM scoped u
    JOIN in_force v ON v.unit_id = u.id
    LEFT JOIN units p ON p.id = v.parent_id
    ORDER BY u.region_code, v.sort_order NULLS LAST, u.code`,
  );
}

/** Every version of a unit, the earliest first (a null valid_from, "from the beginning", leads). */
export function unitHistory(db: Db, unitId: number): Promise<UnitVersionRecord[]> {
  return query<UnitVersionRecord>(
    db,
    sql`SELECT ${versionColumns}
    FROM unit_versions v LEFT JOIN units p ON p.id = v.parent_id
    WHERE v.unit_id = ${unitId}
    ORDER BY v.valid_from ASC NULLS FIRST`,
  );
}

/** 三定规定 of a unit, in the order they were issued. */
export function chartersOf(db: Db, unitId: number): Promise<CharterRecord[]> {
  return db
    .select({ issuedOn: charters.issuedOn, documentNo: charters.documentNo })
    .from(charters)
    .where(eq(charters.unitId, unitId))
    .orderBy(asc(charters.issuedOn));
}
