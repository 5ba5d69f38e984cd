import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FILES } from './dataset.spec.ts';
import { templateWorkbook } from './interchange.templates.ts';

const load = async (buffer: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
};

describe('import templates', () => {
  it('has one sheet per dataset file with the Chinese headers the importer accepts', async () => {
    const workbook = await load(await templateWorkbook());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(FILES.map((f) => f.name));
    const units = workbook.getWorksheet('units')!;
    expect(units.getRow(1).getCell(1).value).toBe('机构代码');
    expect(String(units.getRow(1).getCell(1).note)).toContain('字段：code');
  });

  it('gives one file alone, with the allowed values of an enumeration in the header note', async () => {
    const workbook = await load(await templateWorkbook('quotas'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['quotas']);
    const kindNote = JSON.stringify(workbook.getWorksheet('quotas')!.getRow(1).getCell(2).note);
    expect(kindNote).toContain('行政编制');
  });
});
