import ExcelJS from 'exceljs';
import type { ChangeStatistics } from './changes.ts';

/** 机构编制变动情况统计 as a workbook: the summary sentence, then each table under its heading. */
export async function changesWorkbook(regionName: string, stats: ChangeStatistics): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('变动情况');
  sheet.columns = [{ width: 30 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }];
  sheet.addRow([`${regionName} 机构编制变动情况统计（${stats.from} 至 ${stats.to}，不含起始日）`]).font = {
    bold: true,
    size: 14,
  };
  sheet.addRow([stats.sentence]);
  const section = (heading: string, header: string[], rows: (string | number)[][]) => {
    sheet.addRow([]);
    sheet.addRow([heading]).font = { bold: true };
    sheet.addRow(header).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    if (rows.length === 0) sheet.addRow(['（无变动）']);
  };
  const quotaHeader = ['核增', '核减', '划入', '划出', '净增减'];
  section(
    '编制变动（按类型）',
    ['编制类型', ...quotaHeader],
    stats.quota.byKind.map((r) => [r.label, r.added, r.cut, r.movedIn, r.movedOut, r.net]),
  );
  section(
    '编制变动（按系统）',
    ['系统（主管部门）', ...quotaHeader],
    stats.quota.bySector.map((r) => [r.sectorName, r.added, r.cut, r.movedIn, r.movedOut, r.net]),
  );
  section(
    '增设机构（按类别）',
    ['类别', '个数'],
    stats.units.added.map((r) => [r.label, r.count]),
  );
  section(
    '撤销机构（按类别）',
    ['类别', '个数'],
    stats.units.removed.map((r) => [r.label, r.count]),
  );
  section(
    '领导职数变动',
    ['职数类别', '增加', '核减', '净增减'],
    stats.posts.byLevel.map((r) => [r.label, r.added, r.cut, r.net]),
  );
  const p = stats.proposals;
  section(
    '动议事项',
    ['项目', '数量'],
    [
      ['受理', p.received],
      ['审议决定', p.decided],
      ['组织实施', p.implemented],
      ['不予同意', p.rejected],
      ['办结', p.closed],
      ['增设机构（个）', p.unitsEstablished],
      ['增加领导职数（名）', p.postsAdded],
      ['调整编制（名）', p.quotaAdjusted],
    ],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
