import type { SQL } from 'drizzle-orm';
import { type Db, query, sql } from '../../db/database.ts';
import type { PostLevel, QuotaKind } from '../establishment/establishment.rules.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { regionScope, seatActiveOn } from '../org/org.sql.ts';

/** Whose seats: one unit's (the unit holding the seat, never the work unit) or a region's. */
export type SeatScope = { unitId: number } | { regionCode: string; includeDescendants: boolean };

export interface SeatQuery {
  scope: SeatScope;
  asOf: string;
  /** From 1. */
  page: number;
  pageSize: number;
  /**
   * Decrypts ID numbers into `person.idNumber`. Only for callers with the right to see them in full;
   * everyone else gets the masked number there.
   */
  revealWith?: IdCipher;
}

export interface SeatPerson {
  id: number;
  name: string;
  gender: string;
  birthDate: string;
  idMasked: string;
  /** In full when the query asked to reveal ID numbers, else masked like `idMasked`. */
  idNumber: string;
  retirementGroup: string;
  education: string | null;
  major: string | null;
  ethnicity: string | null;
  politicalStatus: string | null;
  title: string | null;
}

/** The leadership post in force on the date (seat_posts). */
export interface SeatPost {
  level: PostLevel;
  /** Where it is held: the seat's unit or one of its internal divisions. */
  unitCode: string;
  rank: string | null;
  since: string | null;
}

export interface SeatRecord {
  id: number;
  unitCode: string;
  quotaKind: QuotaKind;
  category: string;
  enteredOn: string;
  entryType: string;
  approvalNo: string | null;
  workUnitCode: string | null;
  exitedOn: string | null;
  exitType: string | null;
  status: string;
  person: SeatPerson;
  post: SeatPost | null;
}

export interface SeatPage {
  total: number;
  page: number;
  pageSize: number;
  items: SeatRecord[];
}

interface SeatRow extends Omit<SeatRecord, 'person' | 'post'> {
  personId: number;
  name: string;
  gender: string;
  birthDate: string;
  idMasked: string;
  idCipher?: string;
  retirementGroup: string;
  education: string | null;
  major: string | null;
  ethnicity: string | null;
  politicalStatus: string | null;
  title: string | null;
  postLevel: PostLevel | null;
  postUnitCode: string | null;
  postRank: string | null;
  postSince: string | null;
}

/** `WITH … active AS (…)`: the seats of the scope active on the date. */
function activeSeats(scope: SeatScope, asOf: string): SQL {
  if ('unitId' in scope)
    return sql`WITH active AS (
      SELECT s.* FROM seats s WHERE s.unit_id = ${scope.unitId} AND ${seatActiveOn('s', asOf)}
    )`;
  return sql`WITH RECURSIVE ${regionScope(scope.regionCode, scope.includeDescendants)},
    active AS (
      SELECT s.* FROM seats s JOIN units u ON u.id = s.unit_id
      WHERE u.region_code IN (SELECT code FROM scope) AND ${seatActiveOn('s', asOf)}
    )`;
}

/** The seats active on the date, one page of them, with their holders and the posts then held. */
export async function seatsAsOf(db: Db, options: SeatQuery): Promise<SeatPage> {
  const { scope, asOf, page, pageSize, revealWith } = options;
  const [counted] = await query<{ total: number }>(
    db,
    sql`${activeSeats(scope, asOf)} SELECT count(*)::int AS total FROM active`,
  );
  const cipherColumn = revealWith ? sql`, pe.id_cipher AS "idCipher"` : sql``;
  const rows = await query<SeatRow>(
    db,
    sql`${activeSeats(scope, asOf)}
    SELECT s.id, u.code AS "unitCode", s.quota_kind AS "quotaKind", s.category, s.entered_on AS "enteredOn",
      s.entry_type AS "entryType", s.approval_no AS "approvalNo", wu.code AS "workUnitCode",
      s.exited_on AS "exitedOn", s.exit_type AS "exitType", s.status,
      pe.id AS "personId", pe.name, pe.gender, pe.birth_date AS "birthDate", pe.id_masked AS "idMasked",
      pe.retirement_group AS "retirementGroup", pe.education, pe.major, pe.ethnicity,
      pe.political_status AS "politicalStatus", pe.title ${cipherColumn},
      sp.post_level AS "postLevel", pu.code AS "postUnitCode", sp.post_rank AS "postRank",
      sp.valid_from AS "postSince"
    FROM active s
    JOIN units u ON u.id = s.unit_id
    JOIN persons pe ON pe.id = s.person_id
    LEFT JOIN units wu ON wu.id = s.work_unit_id
    LEFT JOIN LATERAL (
      SELECT p.post_level, p.post_unit_id, p.post_rank, p.valid_from FROM seat_posts p
      WHERE p.seat_id = s.id AND (p.valid_from IS NULL OR p.valid_from <= ${asOf}::date)
      ORDER BY p.valid_from DESC NULLS LAST LIMIT 1
    ) sp ON true
    LEFT JOIN units pu ON pu.id = coalesce(sp.post_unit_id, s.unit_id)
    ORDER BY u.code, s.entered_on, s.id
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  return { total: counted?.total ?? 0, page, pageSize, items: rows.map((row) => toSeat(row, revealWith)) };
}

function toSeat(row: SeatRow, revealWith: IdCipher | undefined): SeatRecord {
  const person: SeatPerson = {
    id: row.personId,
    name: row.name,
    gender: row.gender,
    birthDate: row.birthDate,
    idMasked: row.idMasked,
    idNumber: revealWith && row.idCipher ? revealWith.reveal(row.idCipher) : row.idMasked,
    retirementGroup: row.retirementGroup,
    education: row.education,
    major: row.major,
    ethnicity: row.ethnicity,
    politicalStatus: row.politicalStatus,
    title: row.title,
  };
  const post: SeatPost | null =
    row.postLevel === null
      ? null
      : {
          level: row.postLevel,
          unitCode: row.postUnitCode ?? row.unitCode,
          rank: row.postRank,
          since: row.postSince,
        };
  return {
    id: row.id,
    unitCode: row.unitCode,
    quotaKind: row.quotaKind,
    category: row.category,
    enteredOn: row.enteredOn,
    entryType: row.entryType,
    approvalNo: row.approvalNo,
    workUnitCode: row.workUnitCode,
    exitedOn: row.exitedOn,
    exitType: row.exitType,
    status: row.status,
    person,
    post,
  };
}
