import ExcelJS from 'exceljs';
import { FILES, fileSpec } from './dataset.spec.ts';

/**
 * Import templates: a workbook with one sheet per dataset file (or the one asked for), Chinese
 * headers, text-formatted columns (an ID number typed in stays text), and a note on each header
 * giving the key, whether it must be filled, and the allowed values.
 */
export async function templateWorkbook(file?: string): Promise<Buffer> {
  const specs = file ? [fileSpec(file)].filter((s) => s !== undefined) : FILES;
  const workbook = new ExcelJS.Workbook();
  for (const spec of specs) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({
      header: c.label,
      width: Math.max(12, c.label.length * 2 + 4),
      style: { numFmt: '@' },
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    spec.columns.forEach((column, i) => {
      const notes = [`字段：${column.key}`];
      if (column.notEmpty) notes.push('必填');
      if (column.column.type === 'enum')
        notes.push(`可选值：${Object.values(column.column.values).join('、')}`);
      if (column.column.type === 'date') notes.push('日期格式 YYYY-MM-DD');
      if (column.column.type === 'period') notes.push('所属期格式 YYYY-MM');
      header.getCell(i + 1).note = notes.join('\n');
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
