import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SourceFile, SourceFormatError, type SourceRow } from './source.ts';
import { openWorkbook } from './xlsx-source.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bianzhi-xlsx-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(file: SourceFile): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of file.rows()) rows.push(row);
  return rows;
}

async function save(build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  const path = join(dir, 'dataset.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('openWorkbook', () => {
  it('reads each sheet as the file of its name, in workbook order', async () => {
    const path = await save((wb) => {
      wb.addWorksheet('units').addRow(['code', 'name']);
      wb.addWorksheet('persons').addRow(['id_number', 'name']);
    });
    const source = openWorkbook(path);
    const files = await source.files();
    expect(source.format).toBe('xlsx');
    expect(files.map((f) => [f.name, f.label, f.header])).toEqual([
      ['units', 'units', ['code', 'name']],
      ['persons', 'persons', ['id_number', 'name']],
    ]);
  });

  it('turns cells into text and says what they were: text, number, date', async () => {
    const path = await save((wb) => {
      const sheet = wb.addWorksheet('persons');
      sheet.addRow(['id_number', 'name', 'entered_on', 'amount', 'flag']);
      sheet.addRow([' 110101199001011234 ', '张三', new Date(Date.UTC(2020, 2, 1)), 1234.5, true]);
      // An ID number typed into a General cell: a number that has lost its last digits.
      sheet.addRow([
        Number('110101199001011234'),
        { richText: [{ text: '李' }, { text: '四', font: { bold: true } }] },
      ]);
      const row = sheet.addRow(['', '', null, { formula: 'A1', result: 24.299999999999997 }]);
      row.getCell(3).value = { formula: 'DATE(2021,1,2)', result: 44198 };
      row.getCell(3).numFmt = 'yyyy-mm-dd';
      row.getCell(2).value = { formula: 'B2', result: '王五' };
    });
    const [file] = await openWorkbook(path).files();
    const rows = await readAll(file!);
    expect(rows[0]).toEqual({
      rowNumber: 2,
      values: ['110101199001011234', '张三', '2020-03-01', '1234.5', 'true'],
      types: ['string', 'string', 'date', 'number', 'string'],
    });
    expect(rows[1]!.types![0]).toBe('number');
    expect(rows[1]!.values[1]).toBe('李四');
    expect(rows[2]).toEqual({
      rowNumber: 4,
      values: ['', '王五', '2021-01-02', '24.3', ''],
      types: ['string', 'string', 'date', 'number', 'string'],
    });
  });

  it('skips empty rows and keeps the sheet row numbers', async () => {
    const path = await save((wb) => {
      const sheet = wb.addWorksheet('units');
      sheet.getRow(1).values = ['code', 'name'];
      sheet.getRow(3).values = ['U1', '财政局'];
      sheet.getRow(4).values = ['', '  '];
      sheet.getRow(7).values = ['U2', '教育局'];
    });
    const [file] = await openWorkbook(path).files();
    expect((await readAll(file!)).map((r) => [r.rowNumber, r.values[0]])).toEqual([
      [3, 'U1'],
      [7, 'U2'],
    ]);
  });

  it('flags a row with a filled cell past the header', async () => {
    const path = await save((wb) => {
      const sheet = wb.addWorksheet('units');
      sheet.addRow(['code', 'name']);
      sheet.addRow(['U1', '财政局', null, 'stray']);
    });
    const [file] = await openWorkbook(path).files();
    expect(await readAll(file!)).toEqual([
      { rowNumber: 2, values: ['U1', '财政局'], types: ['string', 'string'], cellCountMismatch: 4 },
    ]);
  });

  it('keeps Chinese text whole however the compressed stream is cut', async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `测试单位名称第${i}号机构（加挂牌子）`);
    const path = await save((wb) => {
      const sheet = wb.addWorksheet('units');
      sheet.addRow(['code', 'name']);
      for (const [i, name] of names.entries()) sheet.addRow([`U${i}`, name]);
    });
    const [file] = await openWorkbook(path).files();
    const rows = await readAll(file!);
    expect(rows.map((r) => r.values[1])).toEqual(names);
  });

  it('reads the sheets in order in one pass, and any order by reading again', async () => {
    const path = await save((wb) => {
      for (const name of ['regions', 'units', 'persons']) {
        const sheet = wb.addWorksheet(name);
        sheet.addRow(['code']);
        sheet.addRow([`${name}-1`]);
        sheet.addRow([`${name}-2`]);
      }
    });
    const source = openWorkbook(path);
    const files = await source.files();
    const first = async (file: SourceFile) => (await readAll(file)).map((r) => r.values[0]);
    expect(await first(files[0]!)).toEqual(['regions-1', 'regions-2']);
    expect(await first(files[2]!)).toEqual(['persons-1', 'persons-2']);
    expect(await first(files[1]!)).toEqual(['units-1', 'units-2']);
    expect(await first(files[1]!)).toEqual(['units-1', 'units-2']);
    for await (const row of files[0]!.rows()) {
      expect(row.values[0]).toBe('regions-1');
      break;
    }
    expect(await first(files[1]!)).toEqual(['units-1', 'units-2']);
    await source.close?.();
  });

  it('digests the whole workbook file with SM3, the same for every sheet', async () => {
    const path = await save((wb) => {
      wb.addWorksheet('units').addRow(['code']);
      wb.addWorksheet('persons').addRow(['id_number']);
    });
    const expected = createHash('sm3')
      .update(await readFile(path))
      .digest('hex');
    const files = await openWorkbook(path).files();
    expect(files.map((f) => f.digest())).toEqual([expected, expected]);
  });

  it('refuses a file that is not a workbook, and one that does not exist', async () => {
    const path = join(dir, 'fake.xlsx');
    await writeFile(path, 'code,name\nU1,财政局\n');
    await expect(openWorkbook(path).files()).rejects.toBeInstanceOf(SourceFormatError);
    await expect(openWorkbook(join(dir, 'missing.xlsx')).files()).rejects.toBeInstanceOf(SourceFormatError);
  });
});
