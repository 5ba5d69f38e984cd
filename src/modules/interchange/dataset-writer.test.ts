import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCsvFolder } from './csv-source.ts';
import { createDatasetWriter } from './dataset-writer.ts';
import type { DatasetSource } from './source.ts';
import { openWorkbook } from './xlsx-source.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bianzhi-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const personsHeader = ['id_number', 'name', 'unit_code', 'entered_on', 'education'];
const persons: (string | null)[][] = [
  ['110101199003070014', '张三', 'U1', '2020-03-01', '本科, "985" 院校'],
  ['11010119900307001X', '欧阳"小"明', 'U1', '2021-01-02', null],
  ['110101199003070030', '李四', 'U2', '2019-07-15', '研究生\n（在职）'],
];

async function writeDataset(
  path: string,
  format: 'csv' | 'xlsx',
  extra: (string | null)[][] = [],
): Promise<void> {
  const writer = createDatasetWriter(path, { format });
  const units = writer.file('units', ['code', 'name']);
  await units.write(['U1', '财政局']);
  await units.write(['U2', '教育局（加挂语言文字工作委员会牌子）']);
  await units.close();
  const file = writer.file('persons', personsHeader);
  for (const row of [...persons, ...extra]) await file.write(row);
  await writer.close();
}

async function contents(source: DatasetSource) {
  const files = await source.files();
  const result: Record<string, { header: string[]; rows: string[][] }> = {};
  for (const file of files) {
    const rows: string[][] = [];
    for await (const row of file.rows()) rows.push(row.values);
    result[file.name] = { header: file.header, rows };
  }
  return result;
}

const expected = {
  units: {
    header: ['code', 'name'],
    rows: [
      ['U1', '财政局'],
      ['U2', '教育局（加挂语言文字工作委员会牌子）'],
    ],
  },
  persons: { header: personsHeader, rows: persons.map((row) => row.map((value) => value ?? '')) },
};

describe('createDatasetWriter', () => {
  it('writes a CSV folder the CSV reader reads back, Chinese text and quotes included', async () => {
    await writeDataset(dir, 'csv');
    expect(await contents(openCsvFolder(dir))).toEqual(expected);
  });

  it('writes UTF-8 with a BOM, so Excel opens the Chinese correctly', async () => {
    await writeDataset(dir, 'csv');
    const bytes = await readFile(join(dir, 'units.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      'code,name\r\nU1,财政局\r\nU2,教育局（加挂语言文字工作委员会牌子）\r\n',
    );
  });

  it('writes a workbook the workbook reader reads back as text cells', async () => {
    const path = join(dir, 'out', 'dataset.xlsx');
    await writeDataset(path, 'xlsx');
    const source = openWorkbook(path);
    expect(await contents(source)).toEqual(expected);
    for (const file of await source.files()) {
      for await (const row of file.rows()) expect(row.types?.every((type) => type === 'string')).toBe(true);
    }
  });

  it('streams a large sheet whose Chinese text crosses the compressed chunks', async () => {
    const path = join(dir, 'large.xlsx');
    const extra = Array.from({ length: 20_000 }, (_, i) => [
      `1101011990030${String(i).padStart(5, '0')}`,
      `测试人员${i}`,
      'U1',
      '2020-03-01',
      '中文长文本'.repeat(3),
    ]);
    await writeDataset(path, 'xlsx', extra);
    const [, persons] = await openWorkbook(path).files();
    let count = 0;
    for await (const row of persons!.rows()) {
      count += 1;
      if (count > 3) expect(row.values).toEqual(extra[count - 4]);
    }
    expect(count).toBe(20_003);
  }, 60_000);

  it('makes the header row bold and frozen, and the columns text', async () => {
    const path = join(dir, 'dataset.xlsx');
    await writeDataset(path, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('persons')!;
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('A2').value).toBe('110101199003070014');
    expect(sheet.getCell('A2').numFmt).toBe('@');
    expect(sheet.getCell('E3').value).toBeNull();
  });

  it('writes a workbook one sheet at a time', async () => {
    const writer = createDatasetWriter(join(dir, 'dataset.xlsx'), { format: 'xlsx' });
    writer.file('units', ['code']);
    expect(() => writer.file('persons', ['id_number'])).toThrow(/one sheet at a time/);
    await writer.close();
  });
});
