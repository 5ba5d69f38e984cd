import { eq } from 'drizzle-orm';
import { type Db, query, sql } from '../../db/database.ts';
import { regionScope, unitActiveOn, unitVersionsInForce } from './org.sql.ts';
import { regions, units } from './org.table.ts';

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

/** 三定规定: 定职能 (functions), 定机构 (divisions), 定编制 (quota and posts as they stood when issued). */
export interface CharterRecord {
  issuedOn: string;
  documentNo: string | null;
  functions: string | null;
  divisions: string[] | null;
  quota: Record<string, number>;
  posts: Record<string, number>;
  proposalId: number | null;
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

/** 三定规定 of a unit, in the order they were issued, each with the quota and posts on its day. */
export function chartersOf(db: Db, unitId: number): Promise<CharterRecord[]> {
  const figures = (table: string, key: string) =>
    sql`(SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM (
      SELECT ${sql.raw(key)} AS k, sum(amount)::int AS n FROM ${sql.raw(table)}
      WHERE unit_id = c.unit_id AND effective_on <= c.issued_on GROUP BY ${sql.raw(key)} HAVING sum(amount) <> 0) f)`;
  return query<CharterRecord>(
    db,
    sql`SELECT c.issued_on::text AS "issuedOn", c.document_no AS "documentNo", c.functions, c.divisions,
        ${figures('quota_ledger', 'kind')} AS quota, ${figures('post_ledger', 'level')} AS posts,
        c.proposal_id AS "proposalId"
      FROM charters c WHERE c.unit_id = ${unitId} ORDER BY c.issued_on`,
  );
}

/** 权责清单: the duties a unit holds on a date. */
export interface DutyRecord {
  id: number;
  name: string;
  category: string;
  basis: string | null;
  validFrom: string;
  validTo: string | null;
  endedBy: string | null;
  originUnitCode: string | null;
  /** How it came: move 划入 or devolve 下放 (null: added here). */
  originAction: string | null;
  proposalId: number | null;
}

export function dutiesOf(db: Db, unitId: number, asOf: string): Promise<DutyRecord[]> {
  return query<DutyRecord>(
    db,
    sql`SELECT d.id, d.name, d.category, d.basis, d.valid_from::text AS "validFrom", d.valid_to::text AS "validTo",
        d.ended_by AS "endedBy", ou.code AS "originUnitCode", o.ended_by AS "originAction", d.proposal_id AS "proposalId"
      FROM duties d LEFT JOIN duties o ON o.id = d.origin_id LEFT JOIN units ou ON ou.id = o.unit_id
      WHERE d.unit_id = ${unitId} AND d.valid_from <= ${asOf}::date AND (d.valid_to IS NULL OR d.valid_to > ${asOf}::date)
      ORDER BY d.category, d.id`,
  );
}
