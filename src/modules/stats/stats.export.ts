import ExcelJS from 'exceljs';
import {
  FUNDINGS,
  OFF_QUOTA_TYPES,
  POST_LEVELS,
  PUBLIC_CLASSES,
  QUOTA_KINDS,
  RANKS,
  UNIT_KINDS,
  type Enumeration,
} from '../interchange/dataset.spec.ts';
import type { CountByKey, RegionOverview } from './stats.repository.ts';

const label = (values: Enumeration, key: string) => values[key] ?? (key === 'unspecified' ? '未填' : key);

/** The region overview as a workbook a clerk can file: one sheet, its sections one under another. */
export async function overviewWorkbook(regionName: string, overview: RegionOverview): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('区域概况');
  sheet.columns = [{ width: 26 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }];
  const title = sheet.addRow([`${regionName} 机构编制基本情况（截至 ${overview.asOf}）`]);
  title.font = { bold: true, size: 14 };
  const section = (heading: string, header: string[], rows: (string | number)[][]) => {
    sheet.addRow([]);
    sheet.addRow([heading]).font = { bold: true };
    sheet.addRow(header).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
  };
  const countRows = (values: Enumeration, rows: CountByKey[]) =>
    rows.map((r) => [label(values, r.key), r.count]);
  section('党政机构（按类别）', ['类别', '个数'], countRows(UNIT_KINDS, overview.bodiesByKind));
  section('事业单位（按规格）', ['规格', '个数'], countRows(RANKS, overview.institutionsByRank));
  section('事业单位（按类别）', ['类别', '个数'], countRows(PUBLIC_CLASSES, overview.institutionsByClass));
  section(
    '事业单位（按经费形式）',
    ['经费形式', '个数'],
    countRows(FUNDINGS, overview.institutionsByFunding),
  );
  section(
    '编制（按类型）',
    ['编制类型', '核定编制', '实有人数', '空编', '超编单位数'],
    overview.quotas.map((q) => [label(QUOTA_KINDS, q.kind), q.approved, q.headcount, q.vacancy, q.overUnits]),
  );
  section(
    '领导职数',
    ['职数类别', '核定职数', '实配'],
    overview.posts.map((p) => [label(POST_LEVELS, p.level), p.posts, p.leaders]),
  );
  section(
    '编外人员（按用工类型）',
    ['用工类型', '人数'],
    countRows(OFF_QUOTA_TYPES, overview.offQuotaByType),
  );
  section('借调人员', ['项目', '人数'], [['借调（在借）', overview.secondedStaff]]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
