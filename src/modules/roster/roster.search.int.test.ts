import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryDataset } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { ID, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase, testKeys } from '../../../test/support/test-db.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { createIdCipher } from '../identity/id-cipher.ts';
import { searchRoster } from './roster.search.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await importerFor(database).run(memoryDataset(sampleDataset()));
});
afterAll(() => database.close());

const search = (filter: Partial<Parameters<typeof searchRoster>[1]> = {}) =>
  searchRoster(database.db, { regionCode: '320902', asOf: '2026-06-30', page: 1, pageSize: 50, ...filter });

describe('the roster of a region', () => {
  it('lists the seats active on the date, by unit, with masked ID numbers', async () => {
    const { total, items } = await search();
    // 赵敏 left the school on 2020-12-31: her current seat is the finance bureau's.
    expect(total).toBe(4);
    // Names in code-point order (张 U+5F20 before 李 U+674E), the same on every database.
    expect(items.map((r) => [r.unitCode, r.name])).toEqual([
      ['QS001', '张伟'],
      ['QS001', '李娜'],
      ['QS002', '王强'],
      ['QS002', '赵敏'],
    ]);
    expect(items[0]!.idMasked).toMatch(/^320902\*{8}\d{3}[\dX]$/);
    expect(items[0]!.idNumber).toBeUndefined();
  });

  it('shows the seat of an earlier date', async () => {
    const { items } = await search({ asOf: '2019-01-01', name: '赵' });
    expect(items.map((r) => [r.unitCode, r.quotaKind])).toEqual([['QS003', 'school_staff']]);
  });

  it('filters by kind, category, post, age band and name, and pages', async () => {
    expect((await search({ quotaKind: 'school_staff' })).total).toBe(0);
    expect((await search({ postLevel: 'head' })).items.map((r) => r.name)).toEqual(['张伟']);
    // Born 1990-03-03: 36 on the date.
    expect((await search({ ageBand: '30to39' })).items.map((r) => r.name)).toEqual(['王强']);
    expect((await search({ ageBand: '40to49' })).items.map((r) => r.name).sort()).toEqual(['张伟', '李娜']);
    expect((await search({ name: '伟' })).total).toBe(1);
    const page2 = await search({ pageSize: 3, page: 2 });
    expect(page2).toMatchObject({ total: 4, items: [{ name: '赵敏' }] });
  });

  it('sorts either way', async () => {
    const { items } = await search({ sort: 'birthDate', descending: true });
    expect(items.map((r) => r.birthDate)).toEqual(['1990-03-03', '1985-05-05', '1980-01-01', '1975-07-07']);
  });

  it('keeps to a unit liaison’s units', async () => {
    const [unit] = await query<{ id: number }>(database.db, sql`SELECT id FROM units WHERE code = 'QS002'`);
    const { items } = await search({ unitIds: [unit!.id] });
    expect(items.map((r) => r.unitCode)).toEqual(['QS002', 'QS002']);
    expect((await search({ unitIds: [] })).total).toBe(0);
  });

  it('reveals full ID numbers only when asked', async () => {
    const { items } = await search({ unitCode: 'QS002', revealWith: createIdCipher(testKeys) });
    expect(items.map((r) => r.idNumber).sort()).toEqual([ID.wang, ID.zhao].sort());
  });
});

describe('a person', () => {
  it('shows the seat history, the posts and the secondments, within scope only', async () => {
    const { findPerson } = await import('./person.repository.ts');
    const [zhao] = (await search({ name: '赵敏' })).items;
    const person = await findPerson(database.db, zhao!.personId, {
      regionCode: '320902',
      asOf: '2026-06-30',
    });
    expect(person?.seats.map((s) => [s.unitCode, s.enteredOn, s.exitedOn, s.active])).toEqual([
      ['QS003', '2000-09-01', '2020-12-31', false],
      ['QS002', '2021-01-01', null, true],
    ]);
    const [zhang] = (await search({ name: '张伟' })).items;
    const leader = await findPerson(database.db, zhang!.personId, {
      regionCode: '320902',
      asOf: '2026-06-30',
    });
    expect(leader?.seats[0]?.posts).toEqual([
      { validFrom: null, level: 'head', unitCode: 'QS001', rank: 'section' },
    ]);
    const [wang] = (await search({ name: '王强' })).items;
    const seconded = await findPerson(database.db, wang!.personId, {
      regionCode: '320902',
      asOf: '2026-06-30',
    });
    expect(seconded?.secondments).toMatchObject([
      { fromUnitCode: 'QS002', toUnitCode: 'QS001', startOn: '2026-01-01' },
    ]);
    expect(
      await findPerson(database.db, zhao!.personId, { regionCode: '110101', asOf: '2026-06-30' }),
    ).toBeNull();
  });
});

describe('the roster workbook', () => {
  it('writes the filtered roster with Chinese labels', async () => {
    const { writeRosterWorkbook } = await import('./roster.export.ts');
    const { PassThrough } = await import('node:stream');
    const ExcelJS = (await import('exceljs')).default;
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const written = await writeRosterWorkbook(
      database.db,
      { regionCode: '320902', asOf: '2026-06-30', unitCode: 'QS001' },
      out,
    );
    expect(written).toEqual({ rows: 2, truncated: false });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('人员名册')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.getRow(2).getCell(8).value).toBe('行政编制');
    expect(String(sheet.getRow(2).getCell(3).value)).toMatch(/\*{8}/);
  });
});
