import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type Download, MEDIA_TYPES } from '../../shared/http.ts';
import type { Caller } from '../auth/caller.ts';
import {
  type Dashboard,
  type DashboardDeps,
  type DashboardQuery,
  dashboardOf,
  dashboardRegion,
  type DrillFilter,
  type DrillWarning,
  drillWarnings,
  warningSource,
} from './warnings.dashboard.ts';

/** A sheet holds about a million rows; a dashboard's list stops well short of that. */
export const WARNINGS_EXPORT_LIMIT = 100_000;

const LIST_COLUMNS: [header: string, width: number][] = [
  ['规则', 22],
  ['类别', 12],
  ['严重程度', 10],
  ['区划', 14],
  ['单位代码', 20],
  ['单位名称', 30],
  ['姓名', 10],
  ['公民身份号码', 22],
  ['预警内容', 60],
  ['触发数据', 40],
  ['首次发现', 12],
  ['最近发现', 12],
];

/**
 * The dashboard as a workbook: 预警概况 (its four tables one under another) and 预警明细 (the
 * warnings, filtered as the drill-down was), written to `out` as it goes.
 */
export async function writeDashboardWorkbook(
  dashboard: Dashboard,
  warnings: DrillWarning[],
  truncated: boolean,
  out: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const summary = workbook.addWorksheet('预警概况');
  summary.columns = [{ width: 28 }, { width: 14 }, { width: 12 }, { width: 12 }];
  const add = (values: (string | number)[], bold = false) => {
    const row = summary.addRow(values);
    if (bold) row.font = { bold: true };
    row.commit();
  };
  const how =
    dashboard.source === 'live'
      ? '按该日数据即时扫描'
      : `预警台账未消除预警${dashboard.scannedOn ? `（最近扫描 ${dashboard.scannedOn}）` : ''}`;
  add([`${dashboard.region.name} 预警情况（截至 ${dashboard.asOf}，${how}）`], true);
  add(['预警总数', dashboard.total]);
  const section = (heading: string, header: string[], rows: (string | number)[][]) => {
    add([]);
    add([heading], true);
    add(header, true);
    for (const row of rows) add(row);
  };
  section(
    '按类别',
    ['类别', '预警数'],
    dashboard.byClass.map((c) => [c.class, c.count]),
  );
  section(
    '按严重程度',
    ['严重程度', '预警数'],
    dashboard.bySeverity.map((s) => [s.severity, s.count]),
  );
  section(
    '按规则',
    ['规则', '类别', '严重程度', '预警数'],
    dashboard.byRule.map((r) => [r.name, r.class, r.severity, r.count]),
  );
  section(
    '按区划',
    ['区划', '预警数'],
    dashboard.byRegion.map((r) => [r.own ? `${r.name}（本级）` : r.name, r.count]),
  );
  summary.commit();

  const list = workbook.addWorksheet('预警明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = LIST_COLUMNS.map(([header, width]) => ({ header, width }));
  list.getRow(1).font = { bold: true };
  for (const w of warnings)
    list
      .addRow([
        w.ruleName,
        w.class,
        w.severity,
        w.regionName ?? w.regionCode,
        w.unitCode ?? '',
        w.unitName ?? '',
        w.personName ?? '',
        w.idNumber ?? '',
        w.message,
        w.figures.map((f) => `${f.label}：${f.value}`).join('；'),
        w.firstSeenOn ?? '',
        w.lastSeenOn ?? '',
      ])
      .commit();
  if (truncated) list.addRow([`仅导出前 ${WARNINGS_EXPORT_LIMIT} 条，请按规则或区划筛选后分批导出`]).commit();
  list.commit();
  await workbook.commit();
}

/** The dashboard and its (filtered) warnings as a download: one scan or one read for both. */
export async function dashboardDownload(
  deps: DashboardDeps,
  caller: Caller,
  q: DashboardQuery & DrillFilter,
): Promise<Download> {
  const { asOf, region: code, ...filter } = q;
  const region = await dashboardRegion(deps.database.db, caller, code);
  const source = await warningSource(deps, asOf);
  const dashboard = await dashboardOf(deps, caller, source, region);
  const list = await drillWarnings(deps, caller, source, region.code, {
    ...filter,
    page: 1,
    pageSize: WARNINGS_EXPORT_LIMIT,
  });
  const stream = new PassThrough();
  writeDashboardWorkbook(dashboard, list.items, list.total > list.items.length, stream).catch(
    (error: unknown) => stream.destroy(error as Error),
  );
  return {
    stream,
    contentType: MEDIA_TYPES.xlsx,
    filename: `${region.name}预警情况（${asOf}）.xlsx`,
    asciiFilename: `warnings-${region.code}-${asOf}.xlsx`,
  };
}
