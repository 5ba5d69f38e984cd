import ExcelJS from 'exceljs';
import { FINDING_SOURCE_LABELS, FINDING_STATE_LABELS, type FindingSource } from './findings.model.ts';
import type { FindingRecord } from './findings.repository.ts';

/** The most findings one export carries; a filter narrows a larger ledger. */
export const EXPORT_LIMIT = 10_000;

const COLUMNS: { header: string; width: number; value: (f: FindingRecord) => string | number }[] = [
  { header: '台账编号', width: 14, value: (f) => f.number },
  { header: '单位代码', width: 20, value: (f) => f.unitCode ?? '' },
  { header: '单位名称', width: 28, value: (f) => f.unitName ?? '' },
  { header: '来源', width: 10, value: (f) => FINDING_SOURCE_LABELS[f.source as FindingSource] ?? f.source },
  { header: '来源文号', width: 22, value: (f) => f.sourceRef ?? '' },
  { header: '问题类别', width: 18, value: (f) => f.category },
  { header: '严重程度', width: 8, value: (f) => f.severity },
  { header: '问题描述', width: 48, value: (f) => f.description },
  { header: '状态', width: 10, value: (f) => FINDING_STATE_LABELS[f.state] },
  { header: '登记日期', width: 12, value: (f) => f.registeredOn },
  { header: '整改期限', width: 12, value: (f) => f.deadline },
  { header: '是否逾期', width: 8, value: (f) => (f.overdue ? '逾期' : '') },
  { header: '整改责任人', width: 14, value: (f) => f.responsibleName ?? '' },
  { header: '整改措施', width: 40, value: (f) => f.measures ?? '' },
  { header: '销号日期', width: 12, value: (f) => f.closedOn ?? '' },
  { header: '暂缓至', width: 12, value: (f) => f.deferredUntil ?? '' },
];

/** The ledger as a workbook: one row per finding, overdue ones marked red. */
export async function findingsWorkbook(
  title: string,
  findings: FindingRecord[],
  truncated: boolean,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('问题台账');
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  if (truncated)
    sheet.addRow([`仅导出前 ${EXPORT_LIMIT} 条，请加筛选条件分批导出`]).font = {
      color: { argb: 'FFCF1322' },
    };
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  for (const finding of findings) {
    const row = sheet.addRow(COLUMNS.map((c) => c.value(finding)));
    if (finding.overdue) row.font = { color: { argb: 'FFCF1322' } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
