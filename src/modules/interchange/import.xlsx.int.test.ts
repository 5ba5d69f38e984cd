import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { withRows, writeCsvFolder } from '../../../test/support/dataset.ts';
import { importerFor } from '../../../test/support/import-harness.ts';
import { EMPTY_REGISTER, registerCounts } from '../../../test/support/register.ts';
import { ID, idNumber, sampleDataset } from '../../../test/support/sample-dataset.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type Database, query, sql } from '../../db/database.ts';
import { openCsvFolder } from './csv-source.ts';
import { createDatasetWriter } from './dataset-writer.ts';
import { exportDataset } from './export.service.ts';
import { writeErrorReport } from './report-writer.ts';
import { openWorkbook } from './xlsx-source.ts';

/** FORMAT.md: a dataset may be one `.xlsx` workbook whose sheets carry the files' names. */

const databases: Database[] = [];
const fresh = async () => {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
};
afterEach(async () => {
  for (const database of databases.splice(0)) await database.close();
});

const tempPath = (name: string) => join(mkdtempSync(join(tmpdir(), 'bianzhi-xlsx-')), name);
const rowsOf = (text: string) => parse(text) as string[][];

/** A workbook as Excel saves one (shared strings), its cells as given: text, numbers, dates. */
async function excelWorkbook(sheets: Record<string, unknown[][]>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  const path = tempPath('dataset.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

/** The sample county's regions and units, as text cells. */
const county = () => ({ regions: rowsOf(sampleDataset().regions!), units: rowsOf(sampleDataset().units!) });
const PERSONS_HEADER = [
  'id_number',
  'name',
  'unit_code',
  'quota_kind',
  'category',
  'entered_on',
  'entry_type',
];
const noteText = (cell: ExcelJS.Cell) => {
  const note = cell.note as ExcelJS.Comment | string | undefined;
  return typeof note === 'string' || note === undefined ? note : note.texts?.map((t) => t.text).join('');
};

/** The stored register written out as CSV, each file's rows sorted: the state, whatever the row order. */
async function exported(database: Database): Promise<Record<string, string[]>> {
  const folder = tempPath('export');
  const idCipher = importerFor(database).idCipher;
  await exportDataset({ database, idCipher }, createDatasetWriter(folder, { format: 'csv' }));
  const files: Record<string, string[]> = {};
  for (const name of readdirSync(folder).sort()) {
    const [header, ...rows] = readFileSync(join(folder, name), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    files[name] = [header!, ...rows.sort()];
  }
  return files;
}

describe('a dataset as a workbook', () => {
  it('refuses an ID number typed into a number cell, which has lost its last digits', async () => {
    const database = await fresh();
    const path = await excelWorkbook({
      ...county(),
      persons: [
        PERSONS_HEADER,
        [Number(ID.zhang), '张伟', 'QS001', 'administrative', 'civil_servant', '2005-08-01', 'exam'],
      ],
    });
    const result = await importerFor(database).run(openWorkbook(path));
    expect(result.errors).toEqual([
      {
        file: 'persons',
        row: 2,
        column: 'id_number',
        // What Excel keeps of an 18-digit number: 15 significant digits.
        value: String(Number(ID.zhang)),
        reason: '公民身份号码必须是文本单元格（数字单元格会丢失位数）',
      },
    ]);
    expect(result.ok).toBe(false);
    expect(await registerCounts(database)).toEqual(EMPTY_REGISTER);
  });

  it('accepts date cells for dates, a month typed as a date for a period, and a lowercase x', async () => {
    const database = await fresh();
    const withX = '32090219880808006X';
    const path = await excelWorkbook({
      ...county(),
      persons: [
        PERSONS_HEADER,
        [
          withX.toLowerCase(),
          '孙丽',
          'QS002',
          'administrative',
          'civil_servant',
          new Date(Date.UTC(2020, 0, 1)),
          'exam',
        ],
      ],
      payroll: [
        ['period', 'id_number', 'name', 'unit_code', 'amount'],
        [new Date(Date.UTC(2026, 5, 1)), withX, '孙丽', 'QS002', 6800.5],
      ],
    });
    const result = await importerFor(database).run(openWorkbook(path));
    expect(result.errors).toEqual([]);
    expect(await query(database.db, sql`SELECT entered_on FROM seats`)).toEqual([
      { entered_on: '2020-01-01' },
    ]);
    expect(await query(database.db, sql`SELECT period, amount FROM payroll`)).toEqual([
      { period: '2026-06', amount: '6800.50' },
    ]);
  });

  it('skips an empty sheet such as Excel’s Sheet1, but refuses a sheet named like no file', async () => {
    const database = await fresh();
    const path = await excelWorkbook({ Sheet1: [], ...county(), Sheet2: [['备注'], ['草稿']] });
    const result = await importerFor(database).run(openWorkbook(path));
    expect(result.errors).toEqual([
      {
        file: 'Sheet2',
        row: 0,
        column: null,
        value: null,
        reason: expect.stringMatching(/^未知的数据文件「Sheet2」（应为 regions、units、/),
      },
    ]);
    expect(await registerCounts(database)).toEqual(EMPTY_REGISTER);
    const withoutDraft = await excelWorkbook({ Sheet1: [], ...county() });
    const imported = await importerFor(database).run(openWorkbook(withoutDraft));
    expect(imported.errors).toEqual([]);
    expect(Object.keys(imported.counts)).toEqual(['regions', 'units']);
  });

  it('reports a blank header cell in its place instead of shifting the columns after it', async () => {
    const database = await fresh();
    const path = await excelWorkbook({
      regions: county().regions,
      units: [
        ['code', 'name', null, 'kind', 'region_code'],
        ['QS001', '组织部', null, 'party_committee', '320902'],
      ],
    });
    const result = await importerFor(database).run(openWorkbook(path));
    expect(result.errors).toEqual([
      { file: 'units', row: 1, column: '', value: '', reason: '表头第 3 列为空：请填写列名或删除该列' },
    ]);
    expect(await registerCounts(database)).toEqual(EMPTY_REGISTER);
  });

  it('imports a whole dataset written as one workbook the same as the CSV folder', async () => {
    const fromCsv = await fresh();
    const fromWorkbook = await fresh();
    const dataset = sampleDataset();
    const path = tempPath('青山县.xlsx');
    const writer = createDatasetWriter(path, { format: 'xlsx' });
    for (const [name, text] of Object.entries(dataset)) {
      const [header, ...rows] = rowsOf(text);
      const sheet = writer.file(name, header!);
      for (const row of rows) await sheet.write(row);
      await sheet.close();
    }
    await writer.close();

    const csvResult = await importerFor(fromCsv).run(openCsvFolder(writeCsvFolder(dataset)));
    const workbookResult = await importerFor(fromWorkbook).run(openWorkbook(path));
    expect(workbookResult.errors).toEqual([]);
    expect(workbookResult.counts).toEqual(csvResult.counts);
    expect(await exported(fromWorkbook)).toEqual(await exported(fromCsv));
  });

  it('re-imports its own workbook export without changing anything', async () => {
    const database = await fresh();
    const importer = importerFor(database);
    await importer.run(openCsvFolder(writeCsvFolder(sampleDataset())));
    const path = tempPath('export.xlsx');
    await exportDataset(
      { database, idCipher: importer.idCipher },
      createDatasetWriter(path, { format: 'xlsx' }),
    );
    const before = await registerCounts(database);

    const again = await importer.run(openWorkbook(path));
    expect(again.errors).toEqual([]);
    for (const counts of Object.values(again.counts)) expect(counts).toMatchObject({ added: 0, updated: 0 });
    expect(await registerCounts(database)).toEqual({ ...before, audit_log: before.audit_log! + 1 });
  });
});

describe('the .xlsx report of a rejected import', () => {
  it('marks each bad cell red with its reason, and lists every error first', async () => {
    const database = await fresh();
    const valid = idNumber('1992-04-04', 9);
    const badId = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
    const folder = writeCsvFolder(
      withRows(sampleDataset(), {
        quotas: 'QS002,administrative,abc,2024-01-01,青编〔2024〕9号',
        persons: `${badId},孙丽,QS002,administrative,civil_servant,2020-01-01,exam,,,,,,,大学`,
      }),
    );
    const result = await importerFor(database).run(openCsvFolder(folder));
    // The folder's files are read in name order.
    expect(result.errors.map((e) => [e.file, e.row, e.column])).toEqual([
      ['persons.csv', 7, 'id_number'],
      ['quotas.csv', 6, 'amount'],
    ]);
    const path = tempPath('report.xlsx');
    await writeErrorReport(path, openCsvFolder(folder), result.errors);

    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(path);
    expect(report.getWorksheet('错误汇总')!.getRow(3).values).toEqual([
      undefined,
      'quotas.csv',
      6,
      'amount',
      'C6',
      'abc',
      '「数量」应为整数',
    ]);
    const amount = report.getWorksheet('quotas')!.getCell('C6');
    expect(amount.value).toBe('abc');
    expect(amount.fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(noteText(amount)).toBe('「数量」应为整数');
    expect(report.getWorksheet('quotas')!.getCell('C5').fill).toBeUndefined();
    const id = report.getWorksheet('persons')!.getCell('A7');
    expect(id.value).toBe(badId);
    expect(noteText(id)).toBe('公民身份号码校验码错误');
  });
});
