import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, memoryDataset } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { ID, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { createDatasetWriter } from './dataset-writer.ts';
import { exportDataset } from './export.service.ts';

/** A county clerk (scope 青山县 320902) imports and exports within the county, never its sibling's. */

let database: Database;
let importer: ReturnType<typeof importerFor>;
const SCOPE = { scopeRegionCode: '320902' };
const UNITS = 'code,name,region_code,kind';

beforeAll(async () => {
  database = await createTestDatabase();
  importer = importerFor(database);
  const dataset = sampleDataset();
  const result = await importer.run(
    memoryDataset({
      ...dataset,
      regions: csv(
        'code,name,parent_code,unit_cap',
        '320900,青山市,,',
        '320902,青山县,320900,30',
        '320903,林县,320900,',
      ),
      units: `${dataset.units}\nLX001,林县人社局,320903,,government,section,,full,2010-01-01,林编〔2010〕1号,,,1\nLX002,林县财政局,320903,,government,section,,full,2010-01-01,林编〔2010〕2号,,,2`,
    }),
  );
  expect(result.errors).toEqual([]);
});
afterAll(() => database.close());

describe('importing within a scope', () => {
  it('writes new units and new regions below its own', async () => {
    const result = await importer.run(
      memoryDataset({
        regions: csv('code,name,parent_code', '320981,城关镇,320902'),
        units: csv(UNITS, 'QS009,青山县数据局,320902,government', 'QS010,城关镇政府,320981,township'),
        secondments: csv(
          'id_number,from_unit_code,to_unit_code,start_on,end_on,returned_on,document_no',
          `${ID.wang},QS002,LX001,2026-03-01,2026-06-30,,青组借〔2026〕3号`,
        ),
      }),
      SCOPE,
    );
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('refuses, row by row, whatever lies in or moves to a sibling region', async () => {
    const result = await importer.run(
      memoryDataset({
        regions: csv(
          'code,name,parent_code',
          '320903,林县,320900',
          '320902,青山县,320903',
          '320982,新区,320903',
        ),
        units: csv(
          UNITS,
          'LX001,林县人社局改,320903,government',
          'QS011,新单位,320903,government',
          'QS001,中共青山县委组织部,320903,party_committee',
        ),
        quotas: csv(
          'unit_code,kind,amount,effective_on,document_no',
          'LX002,administrative,3,2026-01-01,林编〔2026〕1号',
        ),
        secondments: csv(
          'id_number,from_unit_code,to_unit_code,start_on,end_on,returned_on,document_no',
          `${ID.wang},LX001,LX002,2026-03-01,2026-06-30,,林组借〔2026〕1号`,
        ),
      }),
      SCOPE,
    );
    expect(result.ok).toBe(false);
    const found = result.errors.map((e) => `${e.file}:${e.row}:${e.column}:${e.reason}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'regions.csv:2:code:行政区划 320903 不在您的管辖范围内',
        'regions.csv:3:parent_code:不能更改本级行政区划的上级区划',
        'regions.csv:4:code:行政区划 320982 不在您的管辖范围内',
        'units.csv:2:code:机构 LX001 不在您的管辖范围内',
        'units.csv:2:region_code:所属区划 320903 不在您的管辖范围内',
        'units.csv:3:region_code:所属区划 320903 不在您的管辖范围内',
        'units.csv:4:region_code:所属区划 320903 不在您的管辖范围内',
        'quotas.csv:2:unit_code:机构 LX002 不在您的管辖范围内',
        'secondments.csv:2:from_unit_code:派出单位与借入单位均不在您的管辖范围内',
      ]),
    );
    // Nothing of it was written: the units keep their regions.
    const again = await importer.run(
      memoryDataset({ units: csv(UNITS, 'QS001,中共青山县委组织部,320902,party_committee') }),
      SCOPE,
    );
    expect(again.errors).toEqual([]);
  });

  it('names the importing region on the audit entry', async () => {
    const result = await importer.run(
      memoryDataset({ units: csv(UNITS, 'QS012,青山县档案馆,320902,public_institution') }),
      SCOPE,
    );
    const [entry] = await query<{ regionCode: string }>(
      database.db,
      sql`SELECT region_code AS "regionCode" FROM audit_log WHERE seq = ${result.auditSeq}`,
    );
    expect(entry!.regionCode).toBe('320902');
  });
});

describe('exporting within a scope', () => {
  it('writes only the regions, units and rows within the scope; a secondment when either end is', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'bianzhi-scope-')), 'out');
    await exportDataset(
      { database, idCipher: importer.idCipher },
      createDatasetWriter(folder, { format: 'csv' }),
      SCOPE,
    );
    const read = (file: string) => readFileSync(join(folder, `${file}.csv`), 'utf8');
    expect(read('regions')).toContain('320981');
    expect(read('regions')).not.toMatch(/^(320900|320903),/m);
    expect(read('units')).toContain('QS001');
    expect(read('units')).not.toContain('LX00');
    expect(read('secondments')).toContain('LX001');
  });
});
