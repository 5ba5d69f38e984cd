import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCharter, addUnitVersion, buildRegion, buildUnit } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/database.ts';
import { chartersOf, findUnitByCode, listRegions, unitHistory, unitsAsOf } from './org.repository.ts';

let database: Database;
let city: { code: string };
let county: { code: string };
let bureau: Awaited<ReturnType<typeof buildUnit>>;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  city = await buildRegion(db, { name: '盐城市' });
  county = await buildRegion(db, { name: '青山县', parentCode: city.code, unitCap: 30 });
  bureau = await buildUnit(db, {
    regionCode: county.code,
    code: 'QSRSJ',
    name: '县人事局',
    kind: 'government',
    sortOrder: 2,
    aliasNames: ['县公务员局'],
  });
  await addUnitVersion(db, bureau, {
    validFrom: '2023-03-01',
    name: '县人力资源和社会保障局',
    rank: 'division',
  });
  await buildUnit(db, {
    regionCode: county.code,
    code: 'QSBGS',
    name: '办公室',
    kind: 'internal_division',
    parentId: bureau.id,
    sortOrder: 1,
  });
  await buildUnit(db, {
    regionCode: county.code,
    code: 'QSBWB',
    name: '县编委办',
    sortOrder: 1,
    abolishedOn: '2024-01-01',
  });
  await buildUnit(db, { regionCode: county.code, code: 'QSSJJ', name: '县数据局', validFrom: '2025-01-01' });
  await buildUnit(db, { regionCode: city.code, code: 'YCRSJ', name: '市人社局' });
  await addCharter(db, bureau, { issuedOn: '2023-06-01', documentNo: '青办发〔2023〕9号' });
  await addCharter(db, bureau, { issuedOn: '2019-02-01' });
});
afterAll(() => database.close());

describe('regions', () => {
  it('lists a region and every region below it with its parent, the tree', async () => {
    const regions = await listRegions(database.db, city.code);
    expect(regions).toContainEqual({ code: county.code, name: '青山县', parentCode: city.code, unitCap: 30 });
    expect(regions).toContainEqual({ code: city.code, name: '盐城市', parentCode: null, unitCap: null });
    expect(await listRegions(database.db, county.code)).toEqual([
      { code: county.code, name: '青山县', parentCode: city.code, unitCap: 30 },
    ]);
  });
});

describe('units of a region as of a date', () => {
  it('shows each unit as its version then in force, by sort order then code', async () => {
    const units = await unitsAsOf(database.db, { regionCode: county.code, asOf: '2023-02-28' });
    expect(units.map((u) => u.code)).toEqual(['QSBGS', 'QSBWB', 'QSRSJ']);
    expect(units.find((u) => u.code === 'QSRSJ')).toMatchObject({
      name: '县人事局',
      kind: 'government',
      rank: 'section',
      parentCode: null,
      aliasNames: ['县公务员局'],
      sortOrder: 2,
      validFrom: null,
      active: true,
    });
    expect(units.find((u) => u.code === 'QSBGS')).toMatchObject({ parentCode: 'QSRSJ', parentId: bureau.id });
  });

  it('shows a renamed unit by its new name from the day of the change', async () => {
    const units = await unitsAsOf(database.db, { regionCode: county.code, asOf: '2023-03-01' });
    expect(units.find((u) => u.code === 'QSRSJ')).toMatchObject({
      name: '县人力资源和社会保障局',
      rank: 'division',
      validFrom: '2023-03-01',
    });
  });

  it('keeps an abolished unit, marked inactive, and leaves out one not yet on record', async () => {
    const units = await unitsAsOf(database.db, { regionCode: county.code, asOf: '2024-01-01' });
    expect(units.find((u) => u.code === 'QSBWB')?.active).toBe(false);
    expect(units.map((u) => u.code)).not.toContain('QSSJJ');
    const later = await unitsAsOf(database.db, { regionCode: county.code, asOf: '2025-01-01' });
    expect(later.map((u) => u.code)).toContain('QSSJJ');
  });

  it('covers the regions below only when asked', async () => {
    const own = await unitsAsOf(database.db, { regionCode: city.code, asOf: '2024-06-30' });
    expect(own.map((u) => u.code)).toEqual(['YCRSJ']);
    const all = await unitsAsOf(database.db, {
      regionCode: city.code,
      asOf: '2024-06-30',
      includeDescendants: true,
    });
    expect(all.map((u) => u.code).sort()).toEqual(['QSBGS', 'QSBWB', 'QSRSJ', 'YCRSJ']);
  });
});

describe('one unit', () => {
  it('finds a unit by its code, or nothing', async () => {
    expect(await findUnitByCode(database.db, 'QSRSJ')).toMatchObject({
      id: bureau.id,
      regionCode: county.code,
    });
    expect(await findUnitByCode(database.db, 'NOPE')).toBeUndefined();
  });

  it('has its whole version history, the earliest first', async () => {
    const history = await unitHistory(database.db, bureau.id);
    expect(history.map((v) => [v.validFrom, v.name])).toEqual([
      [null, '县人事局'],
      ['2023-03-01', '县人力资源和社会保障局'],
    ]);
  });

  it('has its charters in the order issued', async () => {
    const imported = { functions: null, divisions: null, proposalId: null };
    expect(await chartersOf(database.db, bureau.id)).toEqual([
      {
        issuedOn: '2019-02-01',
        documentNo: expect.any(String),
        quota: expect.any(Object),
        posts: expect.any(Object),
        ...imported,
      },
      {
        issuedOn: '2023-06-01',
        documentNo: '青办发〔2023〕9号',
        quota: expect.any(Object),
        posts: expect.any(Object),
        ...imported,
      },
    ]);
  });
});
