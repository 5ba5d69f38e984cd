import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSeatPost,
  buildPerson,
  buildRegion,
  buildSeat,
  buildUnit,
  type PersonRow,
} from '../../../test/support/factories.ts';
import { createTestDatabase, testKeys } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/database.ts';
import { createIdCipher } from '../identity/id-cipher.ts';
import { seatsAsOf } from './roster.repository.ts';

let database: Database;
let county: { code: string };
let bureau: Awaited<ReturnType<typeof buildUnit>>;
let division: Awaited<ReturnType<typeof buildUnit>>;
let chief: PersonRow;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const city = await buildRegion(db);
  county = await buildRegion(db, { parentCode: city.code });
  bureau = await buildUnit(db, { regionCode: county.code, code: 'RSJ' });
  division = await buildUnit(db, {
    regionCode: county.code,
    code: 'RSJBGS',
    kind: 'internal_division',
    parentId: bureau.id,
  });
  const other = await buildUnit(db, { regionCode: county.code, code: 'ZZB' });
  chief = await buildPerson(db, { regionCode: county.code, name: '张三', education: '大学' });
  const chiefSeat = await buildSeat(db, {
    unit: bureau,
    personId: chief.id,
    enteredOn: '2020-01-01',
    workUnitId: division.id,
    post: { level: 'division_deputy', postUnitId: division.id, rank: 'vice_section' },
  });
  await addSeatPost(db, chiefSeat, {
    validFrom: '2024-07-01',
    postLevel: 'division_head',
    postUnitId: division.id,
  });
  for (let i = 1; i <= 4; i++) await buildSeat(db, { unit: bureau, enteredOn: `2021-0${i}-01` });
  await buildSeat(db, { unit: bureau, enteredOn: '2021-06-01', exitedOn: '2024-06-30' });
  await buildSeat(db, { unit: other, enteredOn: '2020-01-01' });
  await buildSeat(db, { unit: await buildUnit(db, { regionCode: city.code }), enteredOn: '2020-01-01' });
});
afterAll(() => database.close());

describe('seats as of a date', () => {
  it('lists the seats a unit holds, a page at a time, with the total', async () => {
    const first = await seatsAsOf(database.db, {
      scope: { unitId: bureau.id },
      asOf: '2024-06-29',
      page: 1,
      pageSize: 4,
    });
    expect(first.total).toBe(6);
    expect(first.items).toHaveLength(4);
    const second = await seatsAsOf(database.db, {
      scope: { unitId: bureau.id },
      asOf: '2024-06-29',
      page: 2,
      pageSize: 4,
    });
    expect(second.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((s) => s.id)).size).toBe(6);
  });

  it('drops a seat on the day it is exited', async () => {
    const page = await seatsAsOf(database.db, {
      scope: { unitId: bureau.id },
      asOf: '2024-06-30',
      page: 1,
      pageSize: 50,
    });
    expect(page.total).toBe(5);
  });

  it('shows the holder with the ID number masked, and the post in force on the date', async () => {
    const before = await seatsAsOf(database.db, {
      scope: { unitId: bureau.id },
      asOf: '2024-06-30',
      page: 1,
      pageSize: 1,
    });
    const seat = before.items[0]!;
    expect(seat).toMatchObject({ unitCode: 'RSJ', workUnitCode: 'RSJBGS', quotaKind: 'administrative' });
    expect(seat.person).toMatchObject({ name: '张三', education: '大学', idMasked: chief.idMasked });
    expect(seat.person.idMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(seat.person.idNumber).toBe(chief.idMasked);
    expect(JSON.stringify(seat)).not.toContain(chief.idNumber);
    expect(seat.post).toEqual({
      level: 'division_deputy',
      unitCode: 'RSJBGS',
      rank: 'vice_section',
      since: null,
    });
    const after = await seatsAsOf(database.db, {
      scope: { unitId: bureau.id },
      asOf: '2024-07-01',
      page: 1,
      pageSize: 1,
    });
    expect(after.items[0]?.post).toMatchObject({ level: 'division_head', since: '2024-07-01' });
  });

  it('reveals the full ID number only when asked, with the cipher', async () => {
    const page = await seatsAsOf(database.db, {
      scope: { unitId: bureau.id },
      asOf: '2024-06-30',
      page: 1,
      pageSize: 1,
      revealWith: createIdCipher(testKeys),
    });
    expect(page.items[0]?.person.idNumber).toBe(chief.idNumber);
  });

  it('covers a region, and the regions below it when asked', async () => {
    const own = await seatsAsOf(database.db, {
      scope: { regionCode: county.code, includeDescendants: false },
      asOf: '2024-06-30',
      page: 1,
      pageSize: 50,
    });
    expect(own.total).toBe(6);
    const parent = (await database.db.query.regions.findFirst({
      where: (r, { eq }) => eq(r.code, county.code),
    }))!.parentCode!;
    const tree = await seatsAsOf(database.db, {
      scope: { regionCode: parent, includeDescendants: true },
      asOf: '2024-06-30',
      page: 1,
      pageSize: 50,
    });
    expect(tree.total).toBe(7);
  });

  it('gives an empty page past the end', async () => {
    const page = await seatsAsOf(database.db, {
      scope: { unitId: bureau.id },
      asOf: '2024-06-30',
      page: 9,
      pageSize: 50,
    });
    expect(page).toMatchObject({ total: 5, page: 9, items: [] });
  });
});
