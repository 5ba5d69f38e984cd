import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.ts';
import {
  CATEGORIES,
  ENTRY_TYPES,
  POST_LEVELS,
  QUOTA_KINDS,
  RANKS,
  SEAT_STATUSES,
} from '../interchange/dataset.spec.ts';
import { type RosterFilter, searchRoster } from './roster.search.ts';

/** A sheet holds about a million rows; past this a region's roster travels as a dataset export. */
export const ROSTER_EXPORT_LIMIT = 200_000;
const PAGE = 5000;

const COLUMNS: [header: string, width: number][] = [
  ['姓名', 10],
  ['性别', 6],
  ['公民身份号码', 22],
  ['出生日期', 12],
  ['年龄', 6],
  ['编制所在单位', 30],
  ['机构代码', 22],
  ['编制类型', 16],
  ['人员类别', 10],
  ['入编时间', 12],
  ['进入方式', 10],
  ['在岗状态', 10],
  ['学历', 10],
  ['领导职务', 14],
  ['职务层次', 10],
];

/**
 * The filtered roster as a workbook, written page by page to `out` (a file or an HTTP response),
 * at most ROSTER_EXPORT_LIMIT rows. Returns how many rows it wrote and whether it stopped at the limit.
 */
export async function writeRosterWorkbook(
  db: Db,
  filter: Omit<RosterFilter, 'page' | 'pageSize'>,
  out: Writable,
): Promise<{ rows: number; truncated: boolean }> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = workbook.addWorksheet('人员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map(([header, width]) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  let rows = 0;
  let total = 0;
  for (let page = 1; rows < ROSTER_EXPORT_LIMIT; page++) {
    const result = await searchRoster(db, { ...filter, page, pageSize: PAGE });
    total = result.total;
    for (const r of result.items.slice(0, ROSTER_EXPORT_LIMIT - rows)) {
      sheet
        .addRow([
          r.name,
          r.gender === 'male' ? '男' : '女',
          r.idNumber ?? r.idMasked,
          r.birthDate,
          r.age,
          r.unitName ?? '',
          r.unitCode,
          QUOTA_KINDS[r.quotaKind] ?? r.quotaKind,
          CATEGORIES[r.category] ?? r.category,
          r.enteredOn,
          ENTRY_TYPES[r.entryType] ?? r.entryType,
          SEAT_STATUSES[r.status] ?? r.status,
          r.education ?? '',
          r.postLevel ? (POST_LEVELS[r.postLevel] ?? r.postLevel) : '',
          r.postRank ? (RANKS[r.postRank] ?? r.postRank) : '',
        ])
        .commit();
      rows++;
    }
    if (result.items.length < PAGE) break;
  }
  sheet.commit();
  await workbook.commit();
  return { rows, truncated: total > rows };
}
