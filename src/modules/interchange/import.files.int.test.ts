import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, memoryDataset, withRows, writeCsvFolder } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { EMPTY_REGISTER, registerCounts } from '../../../test/support/register.ts';
import { sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from '../../db/database.ts';
import { openCsvFolder } from './csv-source.ts';
import { FILES } from './dataset.spec.ts';
import type { ImportError } from './import.errors.ts';
import type { DatasetSource } from './source.ts';

/**
 * FORMAT.md "Validation", the files themselves: headers, file names, rows of the wrong width,
 * broken quoting, and the cap on how many errors one import collects.
 */

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

const REGION = csv('code,name', '320902,青山县');

async function expectRejected(source: DatasetSource | Record<string, string>, errors: ImportError[]) {
  const result = await importerFor(database).run(
    'files' in source ? (source as DatasetSource) : memoryDataset(source),
  );
  expect(result.errors).toEqual(errors);
  expect(result.ok).toBe(false);
  expect(await registerCounts(database)).toEqual(EMPTY_REGISTER);
  return result;
}

describe('headers', () => {
  it('refuses a column it does not know instead of silently dropping it', async () => {
    await expectRejected(
      {
        regions: REGION,
        units: csv('code,name,region_code,kind,备注', 'QS001,组织部,320902,party_committee,新设'),
      },
      [{ file: 'units.csv', row: 1, column: '备注', value: '备注', reason: '未知的列「备注」（机构文件）' }],
    );
  });

  it('reports a header problem on the header row itself when blank lines come before it', async () => {
    const units = `\n${csv('code,name,region_code,kind,备注', 'QS001,组织部,320902,party_committee,新设')}`;
    await expectRejected(openCsvFolder(writeCsvFolder({ regions: REGION, units })), [
      { file: 'units.csv', row: 2, column: '备注', value: '备注', reason: '未知的列「备注」（机构文件）' },
    ]);
  });

  it('refuses a header cell left empty, saying so', async () => {
    await expectRejected(
      { regions: REGION, units: csv('code,name,,kind,region_code', 'QS001,组织部,,party_committee,320902') },
      [{ file: 'units.csv', row: 1, column: '', value: '', reason: '表头第 3 列为空：请填写列名或删除该列' }],
    );
  });

  it('refuses a file without one of its key columns, once, not as a row of duplicates', async () => {
    // Without 生效日期 the two rows of one document would share a key: the header is the one error.
    await expectRejected(
      {
        ...sampleDataset(),
        quotas: csv(
          'unit_code,kind,amount,document_no',
          'QS001,administrative,10,青编〔2010〕1号',
          'QS001,administrative,2,青编〔2010〕1号',
        ),
      },
      [
        {
          file: 'quotas.csv',
          row: 1,
          column: 'effective_on',
          value: null,
          reason: '缺少必需的列「生效日期」(effective_on)',
        },
      ],
    );
  });

  it('refuses a column named twice, by its key and by its Chinese label', async () => {
    await expectRejected(
      {
        regions: REGION,
        units: csv('code,name,region_code,kind,机构名称', 'QS001,组织部,320902,party_committee,组织部'),
      },
      [
        {
          file: 'units.csv',
          row: 1,
          column: '机构名称',
          value: '机构名称',
          reason: '列「机构名称」重复出现',
        },
      ],
    );
  });
});

describe('files', () => {
  it('refuses a file whose name is not one of the dataset files', async () => {
    await expectRejected({ ...sampleDataset(), notes: csv('code,name', 'QS001,备忘') }, [
      {
        file: 'notes.csv',
        row: 0,
        column: null,
        value: null,
        reason: `未知的数据文件「notes.csv」（应为 ${FILES.map((f) => f.name).join('、')} 之一）`,
      },
    ]);
  });

  it('skips a file with nothing in it, whatever its name', async () => {
    const folder = writeCsvFolder(sampleDataset());
    writeFileSync(join(folder, '新建文本文档.csv'), '');
    writeFileSync(join(folder, 'charters.csv'), '\uFEFF');
    const result = await importerFor(database).run(openCsvFolder(folder));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(Object.keys(result.counts)).not.toContain('charters');
    expect(await registerCounts(database)).toMatchObject({ units: 4, seats: 5, charters: 0 });
  });
});

describe('rows and quoting', () => {
  it('refuses a row with more cells than the header has columns', async () => {
    const dataset = withRows(sampleDataset(), {
      units:
        'QS009,青山县档案馆,320902,,public_institution,section,public_1,full,2026-01-01,青编〔2026〕1号,,,9,多余',
    });
    await expectRejected(openCsvFolder(writeCsvFolder(dataset)), [
      {
        file: 'units.csv',
        row: 6,
        column: null,
        value: null,
        reason: '该行有 14 个单元格，与表头的 13 列不符',
      },
    ]);
  });

  it('refuses a row with fewer cells than the header, naming the cells it lacks', async () => {
    const dataset = withRows(sampleDataset(), { quotas: 'QS002,administrative,3' });
    await expectRejected(openCsvFolder(writeCsvFolder(dataset)), [
      {
        file: 'quotas.csv',
        row: 6,
        column: null,
        value: null,
        reason: '该行有 3 个单元格，与表头的 5 列不符',
      },
      { file: 'quotas.csv', row: 6, column: 'effective_on', value: null, reason: '「生效日期」不能为空' },
      { file: 'quotas.csv', row: 6, column: 'document_no', value: null, reason: '「文号」不能为空' },
    ]);
  });

  it('names the file and row of a quote left open, and writes nothing', async () => {
    const dataset = withRows(sampleDataset(), {
      units: [
        'QS009,"青山县档案馆,320902,,public_institution,section,public_1,full,2026-01-01,青编〔2026〕1号,,,9',
        'QS010,青山县方志馆,320902,,public_institution,section,public_1,full,2026-01-01,青编〔2026〕2号,,,10',
      ].join('\n'),
    });
    await expectRejected(openCsvFolder(writeCsvFolder(dataset)), [
      { file: 'units.csv', row: 6, column: null, value: null, reason: '引号未闭合' },
    ]);
  });

  it('names the file of a header whose quote is left open, instead of failing the import', async () => {
    const dataset = {
      ...sampleDataset(),
      charters: csv('"unit_code,issued_on,document_no', 'QS001,2019-03-01,x'),
    };
    await expectRejected(openCsvFolder(writeCsvFolder(dataset)), [
      { file: 'charters.csv', row: 1, column: null, value: null, reason: '引号未闭合' },
    ]);
  });
});

describe('the error cap', () => {
  it('stops collecting at the cap and says there is more, however many errors a row holds', async () => {
    // Three bad cells a row: the cap falls in the middle of a row.
    const rows = Array.from({ length: 1500 }, (_, i) => `QS001,bogus,x,2024-13-01,青编〔2024〕${i}号`);
    const capped = await importerFor(database).run(
      memoryDataset({ quotas: csv('unit_code,kind,amount,effective_on,document_no', ...rows) }),
    );
    expect(capped.ok).toBe(false);
    expect(capped.truncated).toBe(true);
    expect(capped.errors).toHaveLength(1000);
    expect(capped.errors[0]).toEqual({
      file: 'quotas.csv',
      row: 2,
      column: 'kind',
      value: 'bogus',
      reason: expect.stringMatching(/^「编制类型」的值无效，应为：administrative（行政编制）、/),
    });
    expect(capped.errors.at(-1)).toMatchObject({ file: 'quotas.csv', row: 335, column: 'kind' });
    expect(await registerCounts(database)).toEqual(EMPTY_REGISTER);
  });

  it('caps the errors found between files too', async () => {
    const rows = Array.from(
      { length: 1500 },
      (_, i) => `QS404,administrative,1,2024-01-01,青编〔2024〕${i}号`,
    );
    const result = await importerFor(database).run(
      memoryDataset({ quotas: csv('unit_code,kind,amount,effective_on,document_no', ...rows) }),
    );
    expect(result.truncated).toBe(true);
    expect(result.errors).toHaveLength(1000);
    expect(result.errors.at(-1)).toEqual({
      file: 'quotas.csv',
      row: 1001,
      column: 'unit_code',
      value: 'QS404',
      reason: '机构不存在（本次导入和已有数据中均未找到）：QS404',
    });
    expect(await registerCounts(database)).toEqual(EMPTY_REGISTER);
  });
});
