import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCsvFolder } from './csv-source.ts';
import { formatImportError, type ImportError } from './import.errors.ts';
import { writeErrorReport } from './report-writer.ts';
import { openWorkbook } from './xlsx-source.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bianzhi-report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const BAD_ID = '110101199003070015';
const errors: ImportError[] = [
  { file: 'persons.csv', row: 3, column: 'id_number', value: BAD_ID, reason: '校验码错误' },
  { file: 'persons.csv', row: 4, column: null, value: null, reason: '该行有 4 个单元格，与表头的 3 列不符' },
  {
    file: 'persons.csv',
    row: 1,
    column: 'gender',
    value: 'gender',
    reason: '未知的列「gender」（实名制人员文件）',
  },
  { file: 'units.csv', row: 2, column: 'name', value: null, reason: '「机构名称」不能为空' },
];

async function csvDataset(): Promise<string> {
  const folder = join(dir, 'dataset');
  await mkdir(folder);
  // Chinese labels in the header: errors name the column by its key.
  await writeFile(
    join(folder, 'persons.csv'),
    `公民身份号码,姓名,gender\n110101199003070014,张三,男\n${BAD_ID},李四,女\n1,2,3,4\n`,
  );
  await writeFile(join(folder, 'units.csv'), 'code,name\nU1,\n');
  return folder;
}

async function readReport(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

const noteText = (cell: ExcelJS.Cell) => {
  const note = cell.note as ExcelJS.Comment | string | undefined;
  if (typeof note === 'string' || note === undefined) return note;
  return note.texts?.map((t) => t.text).join('');
};

describe('formatImportError', () => {
  it('says where, what and why on one line', () => {
    expect(formatImportError(errors[0]!)).toBe(`persons.csv 第 3 行 id_number「${BAD_ID}」：校验码错误`);
    expect(formatImportError(errors[1]!)).toBe('persons.csv 第 4 行：该行有 4 个单元格，与表头的 3 列不符');
    expect(
      formatImportError({ file: 'units.csv', row: 0, column: null, value: null, reason: '不是 UTF-8 编码' }),
    ).toBe('units.csv：不是 UTF-8 编码');
  });
});

describe('writeErrorReport', () => {
  it('writes the errors and their count as JSON', async () => {
    const path = join(dir, 'report.json');
    await writeErrorReport(path, openCsvFolder(await csvDataset()), errors);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ errors, count: 4 });
  });

  it('writes an empty JSON report', async () => {
    const path = join(dir, 'report.json');
    await writeErrorReport(path, openCsvFolder(await csvDataset()), []);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ errors: [], count: 0 });
  });

  it('copies each CSV file to a sheet, the bad cell filled red with the reason as its note', async () => {
    const path = join(dir, 'out', 'report.xlsx');
    await writeErrorReport(path, openCsvFolder(await csvDataset()), errors);
    const workbook = await readReport(path);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['错误汇总', 'persons', 'units']);

    const persons = workbook.getWorksheet('persons')!;
    expect(persons.getRow(1).values).toEqual([undefined, '公民身份号码', '姓名', 'gender']);
    const bad = persons.getCell('A3');
    expect(bad.value).toBe(BAD_ID);
    expect(noteText(bad)).toBe('校验码错误');
    expect(bad.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(persons.getCell('B3').note).toBeUndefined();
    expect(persons.getCell('A2').fill).toBeUndefined();
    // A whole-row error marks the row's first cell; a header error its header cell.
    expect(noteText(persons.getCell('A4'))).toBe('该行有 4 个单元格，与表头的 3 列不符');
    expect(noteText(persons.getCell('C1'))).toBe('未知的列「gender」（实名制人员文件）');
    expect(noteText(workbook.getWorksheet('units')!.getCell('B2'))).toBe('「机构名称」不能为空');
  });

  it('lists every error first, with the cell it marks', async () => {
    const path = join(dir, 'report.xlsx');
    await writeErrorReport(path, openCsvFolder(await csvDataset()), errors);
    const summary = (await readReport(path)).getWorksheet('错误汇总')!;
    expect(summary.getRow(1).values).toEqual([undefined, '文件', '行', '列', '单元格', '值', '原因']);
    expect(summary.getRow(2).values).toEqual([
      undefined,
      'persons.csv',
      3,
      'id_number',
      'A3',
      BAD_ID,
      '校验码错误',
    ]);
    expect(summary.getRow(3).values).toEqual([
      undefined,
      'persons.csv',
      4,
      undefined,
      'A4',
      undefined,
      '该行有 4 个单元格，与表头的 3 列不符',
    ]);
    expect(summary.rowCount).toBe(5);
  });

  it('copies a workbook sheet by sheet, number cells still numbers', async () => {
    const input = new ExcelJS.Workbook();
    const sheet = input.addWorksheet('persons');
    sheet.addRow(['id_number', 'name']);
    sheet.addRow([Number('110101199003070014'), '张三']);
    const inputPath = join(dir, 'dataset.xlsx');
    await input.xlsx.writeFile(inputPath);
    const error: ImportError = {
      file: 'persons',
      row: 2,
      column: 'id_number',
      value: '110101199003070000',
      reason: '公民身份号码须为文本单元格',
    };
    const path = join(dir, 'report.xlsx');
    await writeErrorReport(path, openWorkbook(inputPath), [error]);
    const copy = (await readReport(path)).getWorksheet('persons')!;
    expect(typeof copy.getCell('A2').value).toBe('number');
    expect(noteText(copy.getCell('A2'))).toBe('公民身份号码须为文本单元格');
  });

  it('still writes the summary when the dataset cannot be read', async () => {
    const path = join(dir, 'report.xlsx');
    const error: ImportError = {
      file: 'missing.xlsx',
      row: 0,
      column: null,
      value: null,
      reason: '文件不存在',
    };
    await writeErrorReport(path, openWorkbook(join(dir, 'missing.xlsx')), [error]);
    const workbook = await readReport(path);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['错误汇总']);
    expect(workbook.getWorksheet('错误汇总')!.getCell('F2').value).toBe('文件不存在');
  });

  it('refuses a report file that is neither .json nor .xlsx', async () => {
    await expect(writeErrorReport(join(dir, 'report.txt'), openCsvFolder(dir), errors)).rejects.toThrow(
      /json/,
    );
  });
});
