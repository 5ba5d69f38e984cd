import { type SQL, sql } from 'drizzle-orm';
import { type Db, query, statisticsQuery } from '../../db/database.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { regionScope, seatActiveOn } from '../org/org.sql.ts';

/**
 * The roster of a region (人员名册): active seats on a date, filtered, sorted and paged on the
 * server, one count and one page query however large the region.
 */

export const AGE_BANDS = ['under30', '30to39', '40to49', '50to54', '55to59', '60plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const ROSTER_SORTS = ['unit', 'name', 'enteredOn', 'birthDate'] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];

export interface RosterFilter {
  regionCode: string;
  asOf: string;
  /** A unit liaison's scope: only the seats of these units (null: the whole region). */
  unitIds?: readonly number[] | null;
  unitCode?: string;
  quotaKind?: string;
  category?: string;
  status?: string;
  education?: string;
  postLevel?: string;
  ageBand?: AgeBand;
  /** Part of a name. */
  name?: string;
  sort?: RosterSort;
  descending?: boolean;
  page: number;
  pageSize: number;
  /** Reveals full ID numbers: only for callers allowed to see them. */
  revealWith?: IdCipher;
}

export interface RosterRow {
  seatId: number;
  personId: number;
  name: string;
  gender: string;
  birthDate: string;
  age: number;
  idMasked: string;
  idNumber?: string;
  unitCode: string;
  unitName: string | null;
  quotaKind: string;
  category: string;
  enteredOn: string;
  entryType: string;
  status: string;
  education: string | null;
  postLevel: string | null;
  postRank: string | null;
}

/** Whole years of age on the date (SQL). */
const ageOn = (asOf: string) => sql`date_part('year', age(${asOf}::date, p.birth_date))::int`;

export const AGE_RANGES: Record<AgeBand, [number, number]> = {
  under30: [0, 29],
  '30to39': [30, 39],
  '40to49': [40, 49],
  '50to54': [50, 54],
  '55to59': [55, 59],
  '60plus': [60, 200],
};

const ORDER: Record<RosterSort, string[]> = {
  unit: ['u.code', 'p.name'],
  name: ['p.name', 'u.code'],
  enteredOn: ['s.entered_on', 'p.name'],
  birthDate: ['p.birth_date', 'p.name'],
};

function orderBy(filter: RosterFilter): SQL {
  const direction = filter.descending ? 'DESC' : 'ASC';
  return sql.raw(
    [...ORDER[filter.sort ?? 'unit'].map((column) => `${column} ${direction}`), 's.id'].join(', '),
  );
}

function conditions(filter: RosterFilter, regionCodes: string[]): SQL {
  // The region codes as a literal array, so the planner sees how few seats a county has.
  const parts: SQL[] = [
    seatActiveOn('s', filter.asOf),
    sql`s.region_code = ANY(${sql.param(regionCodes)}::text[])`,
  ];
  if (filter.unitIds) parts.push(sql`s.unit_id = ANY(${sql.param([...filter.unitIds])}::int[])`);
  if (filter.unitCode) parts.push(sql`u.code = ${filter.unitCode}`);
  if (filter.quotaKind) parts.push(sql`s.quota_kind = ${filter.quotaKind}`);
  if (filter.category) parts.push(sql`s.category = ${filter.category}`);
  if (filter.status) parts.push(sql`s.status = ${filter.status}`);
  if (filter.education) parts.push(sql`p.education = ${filter.education}`);
  if (filter.postLevel) parts.push(sql`sp.post_level = ${filter.postLevel}`);
  if (filter.name) parts.push(sql`p.name LIKE ${`%${filter.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (filter.ageBand) {
    const [low, high] = AGE_RANGES[filter.ageBand];
    parts.push(sql`${ageOn(filter.asOf)} BETWEEN ${low} AND ${high}`);
  }
  return sql.join(parts, sql` AND `);
}

/** The post in force on the date of the seat `s`. */
const postOf = (asOf: string) =>
  sql`LEFT JOIN LATERAL (SELECT x.post_level, x.post_rank FROM seat_posts x WHERE x.seat_id = s.id
                       AND (x.valid_from IS NULL OR x.valid_from <= ${asOf}::date)
                       ORDER BY x.valid_from DESC NULLS LAST LIMIT 1) sp ON true`;

/**
 * The joins the filter needs (and, for the page, the order): a county's count should not touch two
 * million persons, nor a province's count join them at all.
 */
function from(filter: RosterFilter, forOrder: boolean, regionCodes: string[]): SQL {
  const needsPerson = forOrder || !!(filter.name || filter.education || filter.ageBand);
  const needsUnit = forOrder || !!filter.unitCode;
  return sql`FROM seats s
    ${needsPerson ? sql`JOIN persons p ON p.id = s.person_id` : sql``}
    ${needsUnit ? sql`JOIN units u ON u.id = s.unit_id AND u.region_code = ANY(${sql.param(regionCodes)}::text[])` : sql``}
    ${filter.postLevel ? postOf(filter.asOf) : sql``}`;
}

/**
 * One count and one page. The page is found first (ids in order), and only its rows are dressed
 * with their unit name, post and ID number, so a page costs the same on page 1 and of a county.
 */
export async function searchRoster(
  db: Db,
  filter: RosterFilter,
): Promise<{ total: number; items: RosterRow[] }> {
  const scope = await query<{ code: string }>(
    db,
    sql`WITH RECURSIVE ${regionScope(filter.regionCode, true)} SELECT code FROM scope`,
  );
  const regionCodes = scope.map((r) => r.code);
  const where = conditions(filter, regionCodes);
  const [count] = await statisticsQuery<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total ${from(filter, false, regionCodes)} WHERE ${where}`,
  );
  const rows = await statisticsQuery<RosterRow & { idCipher: string }>(
    db,
    sql`WITH page AS (
        SELECT s.id, row_number() OVER () AS n FROM (
          SELECT s.id ${from(filter, true, regionCodes)} WHERE ${where}
          ORDER BY ${orderBy(filter)} LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}) s)
      SELECT s.id AS "seatId", p.id AS "personId", p.name, p.gender, p.birth_date AS "birthDate",
        ${ageOn(filter.asOf)} AS age, p.id_masked AS "idMasked", p.id_cipher AS "idCipher",
        u.code AS "unitCode",
        (SELECT v.name FROM unit_versions v WHERE v.unit_id = u.id AND (v.valid_from IS NULL OR v.valid_from <= ${filter.asOf}::date)
         ORDER BY v.valid_from DESC NULLS LAST LIMIT 1) AS "unitName",
        s.quota_kind AS "quotaKind", s.category, s.entered_on AS "enteredOn", s.entry_type AS "entryType", s.status,
        p.education, sp.post_level AS "postLevel", sp.post_rank AS "postRank"
      FROM page JOIN seats s ON s.id = page.id JOIN persons p ON p.id = s.person_id JOIN units u ON u.id = s.unit_id
      ${postOf(filter.asOf)}
      ORDER BY page.n`,
  );
  const items = rows.map(({ idCipher, ...row }) =>
    filter.revealWith ? { ...row, idNumber: filter.revealWith.reveal(idCipher) } : row,
  );
  return { total: count?.total ?? 0, items };
}
