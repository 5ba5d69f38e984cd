import { sql } from 'drizzle-orm';
import { type Db, query } from '../../db/database.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { regionScope, unitNameSql } from '../org/org.sql.ts';

/** One person as the person page shows them: the seat history, the posts held, the secondments. */

export interface PersonScope {
  regionCode: string;
  /** A unit liaison sees only people who hold or held a seat of these units (null: the whole region). */
  unitIds?: readonly number[] | null;
  asOf: string;
  revealWith?: IdCipher;
}

export interface PersonDetail {
  id: number;
  name: string;
  gender: string;
  birthDate: string;
  idMasked: string;
  idNumber?: string;
  retirementGroup: string;
  education: string | null;
  major: string | null;
  ethnicity: string | null;
  politicalStatus: string | null;
  title: string | null;
  seats: PersonSeat[];
  secondments: PersonSecondment[];
}

export interface PersonSeat {
  id: number;
  unitCode: string;
  unitName: string | null;
  quotaKind: string;
  category: string;
  enteredOn: string;
  entryType: string;
  exitedOn: string | null;
  exitType: string | null;
  status: string;
  active: boolean;
  posts: { validFrom: string | null; level: string | null; unitCode: string | null; rank: string | null }[];
}

export interface PersonSecondment {
  fromUnitCode: string;
  toUnitCode: string;
  toUnitName: string | null;
  startOn: string;
  endOn: string;
  returnedOn: string | null;
}

/** The person, or null when they hold no seat (now or before) within the caller's scope. */
export async function findPerson(db: Db, personId: number, scope: PersonScope): Promise<PersonDetail | null> {
  const onlyUnit = scope.unitIds ? sql`AND s.unit_id = ANY(${sql.param([...scope.unitIds])}::int[])` : sql``;
  const [person] = await query<Omit<PersonDetail, 'seats' | 'secondments'> & { idCipher: string }>(
    db,
    sql`WITH RECURSIVE ${regionScope(scope.regionCode, true)}
      SELECT p.id, p.name, p.gender, p.birth_date AS "birthDate", p.id_masked AS "idMasked", p.id_cipher AS "idCipher",
        p.retirement_group AS "retirementGroup", p.education, p.major, p.ethnicity,
        p.political_status AS "politicalStatus", p.title
      FROM persons p
      WHERE p.id = ${personId}
        AND EXISTS (SELECT 1 FROM seats s WHERE s.person_id = p.id AND s.region_code IN (SELECT code FROM scope) ${onlyUnit})`,
  );
  if (!person) return null;
  const seats = await query<Omit<PersonSeat, 'posts'>>(
    db,
    sql`SELECT s.id, u.code AS "unitCode", ${unitNameSql('u.id', scope.asOf)} AS "unitName", s.quota_kind AS "quotaKind",
        s.category, s.entered_on AS "enteredOn", s.entry_type AS "entryType", s.exited_on AS "exitedOn",
        s.exit_type AS "exitType", s.status,
        (s.entered_on <= ${scope.asOf}::date AND (s.exited_on IS NULL OR s.exited_on > ${scope.asOf}::date)) AS active
      FROM seats s JOIN units u ON u.id = s.unit_id WHERE s.person_id = ${personId} ORDER BY s.entered_on`,
  );
  const posts = await query<{ seatId: number } & PersonSeat['posts'][number]>(
    db,
    sql`SELECT sp.seat_id AS "seatId", sp.valid_from AS "validFrom", sp.post_level AS level,
        COALESCE(pu.code, u.code) AS "unitCode", sp.post_rank AS rank
      FROM seat_posts sp JOIN seats s ON s.id = sp.seat_id JOIN units u ON u.id = s.unit_id
      LEFT JOIN units pu ON pu.id = sp.post_unit_id
      WHERE s.person_id = ${personId} ORDER BY sp.seat_id, sp.valid_from NULLS FIRST`,
  );
  const secondments = await query<PersonSecondment>(
    db,
    sql`SELECT f.code AS "fromUnitCode", t.code AS "toUnitCode", ${unitNameSql('t.id', scope.asOf)} AS "toUnitName",
        x.start_on AS "startOn", x.end_on AS "endOn", x.returned_on AS "returnedOn"
      FROM secondments x JOIN units f ON f.id = x.from_unit_id JOIN units t ON t.id = x.to_unit_id
      WHERE x.person_id = ${personId} ORDER BY x.start_on`,
  );
  const { idCipher, ...fields } = person;
  return {
    ...fields,
    ...(scope.revealWith ? { idNumber: scope.revealWith.reveal(idCipher) } : {}),
    seats: seats.map((seat) => ({
      ...seat,
      posts: posts.filter((p) => p.seatId === seat.id).map(({ seatId: _seatId, ...post }) => post),
    })),
    secondments,
  };
}
