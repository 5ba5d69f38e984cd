import type { Db } from '../../src/db/database.ts';
import {
  charters,
  persons,
  postLedger,
  quotaLedger,
  regions,
  seatPosts,
  seats,
  units,
  unitVersions,
} from '../../src/db/schema.ts';
import { createIdCipher } from '../../src/modules/identity/id-cipher.ts';
import { idCheckChar } from '../../src/modules/identity/id-number.ts';
import { testKeys } from './test-db.ts';

/**
 * Factories: each test builds the region it needs, with defaults for whatever it does not care about
 * (Outline's `buildUnit(overrides)`). Codes come from a counter, so builders never collide.
 */

const idCipher = createIdCipher(testKeys);
let counter = 0;
const next = () => ++counter;

export type RegionRow = typeof regions.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type UnitVersionRow = typeof unitVersions.$inferSelect;
export type PersonRow = typeof persons.$inferSelect & { idNumber: string };
export type SeatRow = typeof seats.$inferSelect;
export type SeatPostRow = typeof seatPosts.$inferSelect;

export async function buildRegion(db: Db, overrides: Partial<typeof regions.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(regions)
    .values({ code: String(500000 + n), name: `测试县${n}`, ...overrides })
    .returning();
  return row!;
}

/** A unit's identity and its first version (valid from the beginning unless `validFrom` says). */
export interface UnitOverrides extends Partial<
  Omit<typeof unitVersions.$inferInsert, 'unitId' | 'regionCode'>
> {
  regionCode: string;
  code?: string;
  establishedOn?: string | null;
  abolishedOn?: string | null;
  documentNo?: string | null;
}

export async function buildUnit(db: Db, overrides: UnitOverrides) {
  const n = next();
  const { regionCode, code, establishedOn, abolishedOn, documentNo, ...version } = overrides;
  const [unit] = await db
    .insert(units)
    .values({
      code: code ?? `TU${String(n).padStart(5, '0')}`,
      regionCode,
      establishedOn: establishedOn ?? null,
      abolishedOn: abolishedOn ?? null,
      documentNo: documentNo === undefined ? `测编〔2020〕${n}号` : documentNo,
    })
    .returning();
  const [first] = await db
    .insert(unitVersions)
    .values({
      name: `测试单位${n}`,
      kind: 'government',
      rank: 'section',
      ...version,
      unitId: unit!.id,
      regionCode,
    })
    .returning();
  return { ...unit!, version: first! };
}

/** A later version of a unit (更名、升格、改隶): the previous one's attributes with the overrides. */
export async function addUnitVersion(
  db: Db,
  unit: { id: number; regionCode: string; version: UnitVersionRow },
  overrides: Partial<Omit<typeof unitVersions.$inferInsert, 'unitId' | 'regionCode'>> & { validFrom: string },
) {
  const { id: _id, ...previous } = unit.version;
  const [row] = await db
    .insert(unitVersions)
    .values({ ...previous, ...overrides, unitId: unit.id, regionCode: unit.regionCode })
    .returning();
  return row!;
}

export async function addQuota(
  db: Db,
  unit: { id: number; regionCode: string },
  change: { kind: string; amount: number; effectiveOn: string; documentNo?: string },
) {
  const [row] = await db
    .insert(quotaLedger)
    .values({
      documentNo: `测编〔2020〕${next()}号`,
      ...change,
      unitId: unit.id,
      regionCode: unit.regionCode,
    })
    .returning();
  return row!;
}

export async function addPost(
  db: Db,
  unit: { id: number; regionCode: string },
  change: { level: string; amount: number; effectiveOn: string; documentNo?: string },
) {
  const [row] = await db
    .insert(postLedger)
    .values({
      documentNo: `测编〔2020〕${next()}号`,
      ...change,
      unitId: unit.id,
      regionCode: unit.regionCode,
    })
    .returning();
  return row!;
}

export async function addCharter(
  db: Db,
  unit: { id: number; regionCode: string },
  charter: { issuedOn: string; documentNo?: string | null },
) {
  const [row] = await db
    .insert(charters)
    .values({
      documentNo: `测办〔2020〕${next()}号`,
      ...charter,
      unitId: unit.id,
      regionCode: unit.regionCode,
    })
    .returning();
  return row!;
}

/** A valid GB 11643 number, unique per call: born 1980 onwards, odd sequence (male) unless `female`. */
export function makeIdNumber(options: { female?: boolean; birthDate?: string } = {}): string {
  const n = next();
  const birth = options.birthDate ?? new Date(Date.UTC(1980, 0, 1 + (n % 9000))).toISOString().slice(0, 10);
  const sequence = (n % 400) * 2 + (options.female ? 0 : 1);
  const first17 = `320902${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export interface PersonOverrides extends Partial<
  Omit<typeof persons.$inferInsert, 'idCipher' | 'idIndex' | 'idMasked'>
> {
  regionCode: string;
  idNumber?: string;
}

export async function buildPerson(db: Db, overrides: PersonOverrides): Promise<PersonRow> {
  const { idNumber = makeIdNumber(), ...rest } = overrides;
  const male = Number(idNumber[16]) % 2 === 1;
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  const [row] = await db
    .insert(persons)
    .values({
      name: `测试人员${next()}`,
      gender: male ? 'male' : 'female',
      birthDate,
      retirementGroup: male ? 'male' : 'female_cadre',
      ...rest,
      ...idCipher.protect(idNumber),
    })
    .returning();
  return { ...row!, idNumber };
}

export interface SeatOverrides extends Partial<Omit<typeof seats.$inferInsert, 'unitId' | 'regionCode'>> {
  unit: { id: number; regionCode: string };
  /** A post held from the seat's start (seat_posts with a null valid_from). */
  post?: { level: string; postUnitId?: number | null; rank?: string | null };
}

/** A seat (with a new person unless `personId` is given) and, when asked, its first post. */
export async function buildSeat(db: Db, overrides: SeatOverrides) {
  const { unit, post, ...rest } = overrides;
  const personId = rest.personId ?? (await buildPerson(db, { regionCode: unit.regionCode })).id;
  const [seat] = await db
    .insert(seats)
    .values({
      quotaKind: 'administrative',
      category: 'civil_servant',
      enteredOn: '2020-01-01',
      entryType: 'exam',
      ...rest,
      personId,
      unitId: unit.id,
      regionCode: unit.regionCode,
    })
    .returning();
  if (post)
    await addSeatPost(db, seat!, {
      validFrom: null,
      postLevel: post.level,
      postUnitId: post.postUnitId ?? null,
      postRank: post.rank ?? null,
    });
  return seat!;
}

/** A seat's post from `validFrom` (任免): a null postLevel ends the post. */
export async function addSeatPost(
  db: Db,
  seat: { id: number; regionCode: string },
  post: Partial<Omit<typeof seatPosts.$inferInsert, 'seatId' | 'regionCode'>>,
) {
  const [row] = await db
    .insert(seatPosts)
    .values({ ...post, seatId: seat.id, regionCode: seat.regionCode })
    .returning();
  return row!;
}
