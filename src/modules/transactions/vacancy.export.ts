import ExcelJS from 'exceljs';
import { QUOTA_KINDS, RETIREMENT_GROUPS } from '../interchange/dataset.spec.ts';
import type { KindFigures, RetirementOutlook, TurnoverPool, VacancyForecast } from './vacancy.forecast.ts';
import type { SeriesPoint } from './vacancy.series.ts';

/** 用编分析 as a workbook a clerk can file: one sheet per section. */

const GENDER_LABELS: Record<string, string> = { male: '男', female: '女' };

/** The roster's age bands, labelled as the web shows them. */
const AGE_BAND_LABELS: Record<string, string> = {
  under30: '30岁以下',
  '30to39': '30至39岁',
  '40to49': '40至49岁',
  '50to54': '50至54岁',
  '55to59': '55至59岁',
  '60plus': '60岁及以上',
};

const kindLabel = (kind: string) => QUOTA_KINDS[kind] ?? kind;
const keyLabel = (key: string) => (key === 'unspecified' ? '未填' : key === 'other' ? '其他' : key);

interface Count {
  key: string;
  count: number;
}

export interface VacancyWorkbookData extends VacancyForecast {
  subject: { regionName: string; unitCode: string | null; unitName: string | null };
  months: number;
  retirements: RetirementOutlook;
  turnover: TurnoverPool;
  structure: { people: number; ageBands: Count[]; education: Count[]; majors: Count[]; gender: Count[] };
  history: SeriesPoint[];
  people: {
    total: number;
    items: {
      name: string;
      gender: string;
      idMasked: string;
      idNumber?: string;
      unitCode: string;
      unitName: string | null;
      quotaKind: string;
      retirementGroup: string;
      statutoryAge: string | null;
      retireOn: string;
      overdue: boolean;
    }[];
  };
}

const FIGURE_HEADER = [
  '编制类型',
  '核定编制',
  '实有人数',
  '已核准待入编',
  '空编',
  '已批计划未核准',
  '可用空编',
];
const figureRow = (k: KindFigures) => [
  kindLabel(k.kind),
  k.approved,
  k.headcount,
  k.reserved,
  k.vacancy,
  k.planned,
  k.available,
];

function sheetOf(workbook: ExcelJS.Workbook, name: string, title: string, widths: number[]) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = widths.map((width) => ({ width }));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  return sheet;
}

function table(
  sheet: ExcelJS.Worksheet,
  heading: string | null,
  header: string[],
  rows: (string | number)[][],
) {
  sheet.addRow([]);
  if (heading) sheet.addRow([heading]).font = { bold: true };
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
}

export async function vacancyWorkbook(data: VacancyWorkbookData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const who = data.subject.unitName
    ? `${data.subject.regionName} ${data.subject.unitName}（${data.subject.unitCode}）`
    : data.subject.regionName;

  const now = sheetOf(
    workbook,
    '空编现状',
    `${who} 用编情况（截至 ${data.asOf}）`,
    [18, 12, 12, 14, 12, 16, 12],
  );
  table(now, null, FIGURE_HEADER, data.now.map(figureRow));

  const kinds = data.now.map((k) => k.kind);
  const ahead = sheetOf(
    workbook,
    '空编预测',
    `${who} 今后 ${data.months} 个月空编预测（各月月末；可用空编 = 空编 − 已批计划未核准）`,
    [12, ...kinds.flatMap(() => [12, 12])],
  );
  table(
    ahead,
    null,
    ['月份', ...kinds.flatMap((kind) => [`${kindLabel(kind)}空编`, `${kindLabel(kind)}可用空编`])],
    data.points.map((p) => [p.period, ...p.kinds.flatMap((k) => [k.vacancy, k.available])]),
  );

  const past = sheetOf(workbook, '历史空编', `${who} 近两年空编（各月月末）`, [12, 16, 12, 12, 14, 12]);
  table(
    past,
    null,
    ['月份', '编制类型', '核定编制', '实有人数', '已核准待入编', '空编'],
    data.history.flatMap((p) =>
      p.kinds.map((k) => [p.period, kindLabel(k.kind), k.approved, k.headcount, k.reserved, k.vacancy]),
    ),
  );

  const people = sheetOf(
    workbook,
    '人员结构',
    `${who} 在编人员结构（${data.structure.people} 人）`,
    [24, 10],
  );
  const counts = (rows: Count[], label: (key: string) => string) => rows.map((r) => [label(r.key), r.count]);
  table(
    people,
    '年龄',
    ['年龄段', '人数'],
    counts(data.structure.ageBands, (k) => AGE_BAND_LABELS[k] ?? k),
  );
  table(people, '学历', ['学历', '人数'], counts(data.structure.education, keyLabel));
  table(people, '专业', ['专业', '人数'], counts(data.structure.majors, keyLabel));
  table(
    people,
    '性别',
    ['性别', '人数'],
    counts(data.structure.gender, (k) => GENDER_LABELS[k] ?? keyLabel(k)),
  );

  const retire = sheetOf(
    workbook,
    '退休预报',
    `${who} 退休预报（按法定退休年月）`,
    [12, 10, 24, 22, 16, 14, 14, 12, 8],
  );
  table(
    retire,
    '按年度',
    ['年度', ...kinds.map(kindLabel), '合计'],
    [
      ...(data.retirements.overdue.length > 0
        ? [
            [
              '应退未退',
              ...kinds.map((kind) => countOf(data.retirements.overdue, kind)),
              sum(data.retirements.overdue),
            ],
          ]
        : []),
      ...data.retirements.years.map((y) => [
        String(y.year),
        ...kinds.map((kind) => countOf(y.byKind, kind)),
        y.total,
      ]),
    ],
  );
  table(
    retire,
    `名单（${data.people.total} 人${data.people.total > data.people.items.length ? `，列出前 ${data.people.items.length} 人` : ''}）`,
    ['退休年月', '姓名', '公民身份号码', '单位', '编制类型', '退休类别', '法定退休年龄', '性别', '应退未退'],
    data.people.items.map((p) => [
      p.retireOn,
      p.name,
      p.idNumber ?? p.idMasked,
      `${p.unitName ?? ''}（${p.unitCode}）`,
      kindLabel(p.quotaKind),
      RETIREMENT_GROUPS[p.retirementGroup] ?? p.retirementGroup,
      p.statutoryAge ?? '—',
      GENDER_LABELS[p.gender] ?? p.gender,
      p.overdue ? '是' : '',
    ]),
  );

  const pool = sheetOf(workbook, '周转编制', `${who} 周转编制（截至 ${data.asOf}）`, [22, 12, 12]);
  const t = data.turnover;
  table(
    pool,
    null,
    ['核定', '已使用', '已核准待入编', '剩余'],
    [[t.approved, t.used, t.reserved, t.remaining]],
  );
  table(
    pool,
    '预计收回（退休或已登记的出编；其余随人员消化收回，无法预计）',
    ['月份', '收回', '其中退休'],
    [...t.dueBack.map((d) => [d.period, d.count, d.byRetirement]), ['无法预计', t.undated, '']],
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const countOf = (rows: { kind: string; count: number }[], kind: string) =>
  rows.find((r) => r.kind === kind)?.count ?? 0;
const sum = (rows: { count: number }[]) => rows.reduce((total, r) => total + r.count, 0);
