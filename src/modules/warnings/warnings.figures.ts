import {
  CATEGORIES,
  type Enumeration,
  POST_LEVELS,
  QUOTA_KINDS,
  RANKS,
} from '../interchange/dataset.spec.ts';

/** A warning's figures as the dashboard and its workbook show them: labelled, codes named. Pure. */

/** Chinese labels of the figures the rules report (RULES.md); subject keys are shown as links instead. */
export const FIGURE_LABELS: Record<string, string> = {
  quotaKind: '编制类型',
  postLevel: '职务类别',
  approved: '核定数',
  headcount: '实有人数',
  used: '实配数',
  cap: '限额',
  count: '实有数',
  seats: '占编数',
  unitCodes: '占编单位',
  seatUnitCodes: '编制单位',
  category: '人员类别',
  postUnitCode: '任职单位',
  postRank: '职务层次',
  unitRank: '单位规格',
  retireOn: '应退休年月',
  toUnitCode: '借入单位',
  startOn: '借调开始',
  endOn: '借调期满',
  changedOn: '机构调整日期',
  charteredOn: '三定印发日期',
  workUnitCode: '实际工作单位',
};
const SUBJECT_FIELDS = new Set(['unitCode', 'regionCode', 'idNumber']);

/** Figures whose values are codes of the interchange format: shown by their Chinese names. */
const VALUE_LABELS: Record<string, Enumeration> = {
  quotaKind: QUOTA_KINDS,
  postLevel: POST_LEVELS,
  category: CATEGORIES,
  postRank: RANKS,
  unitRank: RANKS,
};

const showValue = (value: unknown, names?: Enumeration): string =>
  Array.isArray(value)
    ? value.map((v) => showValue(v, names)).join('、')
    : value === null || value === undefined
      ? ''
      : typeof value === 'string' && names
        ? (names[value] ?? value)
        : String(value);

export function labelledFigures(figures: Record<string, unknown>) {
  return Object.entries(figures)
    .filter(([key]) => !SUBJECT_FIELDS.has(key))
    .map(([key, value]) => ({
      key,
      label: FIGURE_LABELS[key] ?? key,
      value: showValue(value, VALUE_LABELS[key]),
    }));
}
