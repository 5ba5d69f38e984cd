import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, memoryDataset } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { ID, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/database.ts';
import { overviewWorkbook } from './stats.export.ts';
import { regionOverview } from './stats.repository.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  const importer = importerFor(database);
  await importer.run(memoryDataset(sampleDataset()));
  // 2026-07-01: the finance bureau gets 2 more administrative quota; 王强 leaves on 2026-08-01.
  await importer.run(
    memoryDataset({
      quotas: csv(
        'unit_code,kind,amount,effective_on,document_no',
        'QS002,administrative,2,2026-07-01,青编〔2026〕7号',
      ),
      persons: csv(
        'id_number,unit_code,entered_on,exited_on,exit_type',
        `${ID.wang},QS002,2015-07-01,2026-08-01,resign`,
      ),
    }),
  );
});
afterAll(() => database.close());

describe('the region overview', () => {
  it('counts bodies, institutions, quota, posts, off-establishment and seconded staff as of a date', async () => {
    const overview = await regionOverview(database.db, { regionCode: '320902', asOf: '2026-06-30' });
    // Two top-level bodies (the party committee department and the finance bureau); the division and the school are not bodies.
    expect(overview.bodiesByKind).toEqual([
      { key: 'government', count: 1 },
      { key: 'party_committee', count: 1 },
    ]);
    expect(overview.institutionsByRank).toEqual([{ key: 'vice_section', count: 1 }]);
    expect(overview.institutionsByClass).toEqual([{ key: 'public_1', count: 1 }]);
    // Organisation dept: 12 approved (10 + 2 from 2024), 2 seated; finance: 8 approved, 王强 and 赵敏 seated.
    expect(overview.quotas).toEqual([
      { kind: 'administrative', approved: 20, headcount: 4, vacancy: 16, overUnits: 0 },
      // The school: 60 approved, 赵敏 left it on 2020-12-31.
      { kind: 'school_staff', approved: 60, headcount: 0, vacancy: 60, overUnits: 0 },
    ]);
    expect(overview.posts).toEqual([
      { level: 'head', posts: 1, leaders: 1 },
      { level: 'deputy', posts: 3, leaders: 0 },
      { level: 'division_head', posts: 0, leaders: 1 },
    ]);
    expect(overview.offQuotaByType).toEqual([{ key: 'contract', count: 1 }]);
    expect(overview.secondedStaff).toBe(1);
    expect(overview.headcount).toBe(4);
  });

  it('moves with the date: a later quota change and a departure', async () => {
    const overview = await regionOverview(database.db, { regionCode: '320902', asOf: '2026-08-01' });
    expect(overview.quotas[0]).toEqual({
      kind: 'administrative',
      approved: 22,
      headcount: 3,
      vacancy: 19,
      overUnits: 0,
    });
    // The secondment record runs to its own end (2026-12-31): leaving the seat does not end it.
    expect(overview.secondedStaff).toBe(1);
  });

  it('writes a workbook with Chinese labels', async () => {
    const overview = await regionOverview(database.db, { regionCode: '320902', asOf: '2026-06-30' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await overviewWorkbook('青山县', overview)) as unknown as ExcelJS.Buffer);
    const text: string[] = [];
    workbook.getWorksheet('区域概况')!.eachRow((row) => text.push(String(row.values)));
    expect(text.join('\n')).toContain('行政编制,20,4,16,0');
    expect(text.join('\n')).toContain('政府部门,1');
  });
});
