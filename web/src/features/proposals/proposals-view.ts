/**
 * What the 动议事项 pages decide without React: the labels (the server's own model, pure data), where
 * a proposal stands on the 动议→论证→审议决定→组织实施 bar, what a caller may do in its state, the
 * 12 aspects grouped by step, and a change's form fields and the payload they make. Pure.
 */
import {
  type ChangeKind,
  mayTake,
  PROCESS_STEP_LABELS,
  PROCESS_STEPS,
  type ProcessStep,
  type ProposalState,
} from '../../../../src/modules/proposals/proposals.model.ts';
import type { AspectEntry, Change } from './proposals.api.ts';

export {
  APPRAISAL_CRITERIA,
  APPRAISAL_CRITERION_LABELS,
  CHANGE_KIND_LABELS,
  CHANGE_KINDS,
  DECISION_OUTCOME_LABELS,
  DECISION_OUTCOMES,
  PROCESS_STEP_LABELS,
  PROCESS_STEPS,
  PROPOSAL_STATE_LABELS,
  PROPOSAL_STATES,
} from '../../../../src/modules/proposals/proposals.model.ts';

export const STATE_COLORS: Record<ProposalState, string> = {
  submitted: 'blue',
  appraised: 'cyan',
  deferred: 'orange',
  decided: 'purple',
  rejected: 'default',
  implemented: 'green',
};

/** The trail's actions as the timeline names them; an unknown action shows its key. */
const EVENT_LABELS: Record<string, string> = {
  submit: '提出动议',
  appraise: '论证',
  consult: '征求意见',
  file: '上传材料',
  decide: '审议决定',
  implement: '组织实施',
  check: '过程检查',
};
export const eventLabel = (action: string) => EVENT_LABELS[action] ?? action;

/** Where the Steps bar stands: the step under way (or last reached) and how it stands. */
export function progressOf(state: ProposalState): {
  current: number;
  status: 'process' | 'wait' | 'error' | 'finish';
} {
  switch (state) {
    case 'submitted':
      return { current: 1, status: 'process' };
    case 'appraised':
      return { current: 2, status: 'process' };
    case 'deferred':
      return { current: 2, status: 'wait' };
    case 'rejected':
      return { current: 2, status: 'error' };
    case 'decided':
      return { current: 3, status: 'process' };
    case 'implemented':
      return { current: 3, status: 'finish' };
  }
}

export type ProposalTask = 'appraise' | 'consult' | 'upload' | 'decide' | 'implement' | 'check';

/** The panels a caller may act in: all need proposals.manage, and the state the server allows. */
export function tasksFor(state: ProposalState, permissions: readonly string[]): ProposalTask[] {
  if (!permissions.includes('proposals.manage')) return [];
  const tasks: ProposalTask[] = [];
  if (mayTake('appraise', state)) tasks.push('appraise', 'consult', 'upload');
  if (mayTake('decide', state)) tasks.push('decide');
  if (mayTake('implement', state)) tasks.push('implement');
  tasks.push('check');
  return tasks;
}

/** The 12 aspects under their four steps, in the steps' order. */
export function aspectsByStep(
  checklist: readonly AspectEntry[],
): { step: ProcessStep; label: string; aspects: AspectEntry[] }[] {
  return PROCESS_STEPS.map((step) => ({
    step,
    label: PROCESS_STEP_LABELS[step],
    aspects: checklist.filter((a) => a.step === step),
  }));
}

/** A change's form values: one flat record, of which each kind uses some fields (CHANGE_FIELDS). */
export interface ChangeValues {
  kind?: ChangeKind;
  unitCode?: string;
  fromCode?: string;
  toCode?: string;
  intoCode?: string;
  withCode?: string;
  toUnitCode?: string;
  /** A unit's code, or 'reserve' (收回机动编制). */
  quotaTo?: string;
  quotaKind?: string;
  amount?: number;
  source?: 'new' | 'reserve';
  upperDocumentNo?: string;
  to?: 'reserve' | 'cut';
  level?: string;
  name?: string;
  rank?: string;
  newCode?: string;
  newKind?: string;
  parentCode?: string;
  aliasAction?: 'add' | 'remove';
  dutyAction?: 'add' | 'move' | 'devolve' | 'cancel';
  dutyId?: number;
  category?: string;
  basis?: string;
  functions?: string;
  /** 内设机构, one a line. */
  divisions?: string;
}

export type ChangeField = Exclude<keyof ChangeValues, 'kind'>;

export interface FieldSpec {
  field: ChangeField;
  label: string;
  optional?: boolean;
}

const f = (field: ChangeField, label: string, optional = false): FieldSpec => ({ field, label, optional });
const unit = f('unitCode', '机构');
const quotaLine = [f('quotaKind', '编制类型'), f('amount', '数量')];
const newUnit = [
  f('newCode', '新机构代码'),
  f('name', '新机构名称'),
  f('newKind', '机构类别'),
  f('rank', '机构规格', true),
];

/** The fields each kind of change asks for, in the form's order. */
export const CHANGE_FIELDS: Record<ChangeKind, FieldSpec[]> = {
  establish: [...newUnit, f('parentCode', '上级机构', true)],
  abolish: [unit, f('quotaTo', '编制去向')],
  merge: [f('unitCode', '被合并机构'), f('intoCode', '并入机构')],
  split: [
    f('fromCode', '原机构'),
    ...newUnit,
    f('quotaKind', '划入编制类型', true),
    f('amount', '划入数量', true),
  ],
  rename: [unit, f('name', '新名称')],
  upgrade: [unit, f('rank', '升格为')],
  downgrade: [unit, f('rank', '降格为')],
  alias: [unit, f('aliasAction', '加挂或摘除'), f('name', '牌子名称')],
  co_locate: [unit, f('withCode', '合署机构')],
  duties: [
    unit,
    f('dutyAction', '调整方式'),
    f('name', '新增事项名称', true),
    f('category', '事项类别', true),
    f('basis', '设定依据', true),
    f('dutyId', '事项编号', true),
    f('toUnitCode', '划转或下放至', true),
  ],
  quota_increase: [unit, ...quotaLine, f('source', '编制来源'), f('upperDocumentNo', '上级批准文号', true)],
  quota_decrease: [unit, ...quotaLine, f('to', '核减去向')],
  quota_transfer: [f('fromCode', '划出机构'), f('toCode', '划入机构'), ...quotaLine],
  posts: [unit, f('level', '职数类别'), f('amount', '增减数（核减填负数）')],
  charter: [unit, f('functions', '主要职责'), f('divisions', '内设机构（每行一个）')],
};

/** The fields that name a unit (a unit picker), and the one that may name the reserve too. */
export const UNIT_FIELDS: readonly ChangeField[] = [
  'unitCode',
  'fromCode',
  'toCode',
  'intoCode',
  'withCode',
  'toUnitCode',
  'parentCode',
  'quotaTo',
];

const text = (value: string | undefined) => value?.trim() ?? '';
const given = <K extends string, V>(key: K, value: V | undefined | '') =>
  (value === undefined || value === '' ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** The change a form's values make (the form has checked each kind's required fields). */
export function changeOf(v: ChangeValues): Change {
  const kind = v.kind!;
  const unitCode = v.unitCode!;
  const quota = { quotaKind: v.quotaKind!, amount: v.amount! } as Pick<
    Extract<Change, { kind: 'quota_transfer' }>,
    'quotaKind' | 'amount'
  >;
  const created = () => ({
    code: text(v.newCode),
    name: text(v.name),
    kind: v.newKind!,
    ...given('rank', v.rank),
    ...given('parentCode', v.parentCode),
  });
  switch (kind) {
    case 'establish':
      return { kind, unit: created() };
    case 'abolish':
      return { kind, unitCode, quotaTo: v.quotaTo! };
    case 'merge':
      return { kind, unitCode, intoCode: v.intoCode! };
    case 'split':
      return {
        kind,
        fromCode: v.fromCode!,
        unit: created(),
        quotas: v.quotaKind && v.amount ? [quota] : [],
      };
    case 'rename':
      return { kind, unitCode, name: text(v.name) };
    case 'upgrade':
    case 'downgrade':
      return { kind, unitCode, rank: v.rank! };
    case 'alias':
      return { kind, unitCode, name: text(v.name), action: v.aliasAction! };
    case 'co_locate':
      return { kind, unitCode, withCode: v.withCode! };
    case 'duties':
      return {
        kind,
        unitCode,
        action: v.dutyAction!,
        ...given('name', text(v.name)),
        ...given('category', text(v.category)),
        ...given('basis', text(v.basis)),
        ...given('dutyId', v.dutyId),
        ...given('toUnitCode', v.toUnitCode),
      };
    case 'quota_increase':
      return {
        kind,
        unitCode,
        ...quota,
        source: v.source!,
        ...given('upperDocumentNo', text(v.upperDocumentNo)),
      };
    case 'quota_decrease':
      return { kind, unitCode, ...quota, to: v.to! };
    case 'quota_transfer':
      return { kind, fromCode: v.fromCode!, toCode: v.toCode!, ...quota };
    case 'posts':
      return { kind, unitCode, level: v.level! as 'head', amount: v.amount! };
    case 'charter':
      return {
        kind,
        unitCode,
        functions: text(v.functions),
        divisions: (v.divisions ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      };
  }
}

/** A change back as form values, so a 修改后同意 starts from the changes as proposed. */
export function valuesOf(change: Change): ChangeValues {
  switch (change.kind) {
    case 'establish':
    case 'split': {
      const { code, name, kind, rank, parentCode } = change.unit;
      const base = {
        newCode: code,
        name,
        newKind: kind,
        ...given('rank', rank),
        ...given('parentCode', parentCode),
      };
      if (change.kind === 'establish') return { kind: change.kind, ...base };
      const [line] = change.quotas;
      return { kind: change.kind, fromCode: change.fromCode, ...base, ...(line ?? {}) };
    }
    case 'alias':
      return { kind: change.kind, unitCode: change.unitCode, name: change.name, aliasAction: change.action };
    case 'duties': {
      const { action, ...rest } = change;
      return { ...rest, dutyAction: action };
    }
    case 'charter':
      return { ...change, divisions: change.divisions.join('\n') };
    default:
      return { ...change };
  }
}

/** The small choices of some change fields. */
export const CHOICES: Partial<Record<ChangeField, Record<string, string>>> = {
  source: { new: '新增（行政编制须有上级批准文号）', reserve: '使用机动编制' },
  to: { reserve: '收回机动编制', cut: '核销' },
  aliasAction: { add: '加挂', remove: '摘除' },
  dutyAction: { add: '增加', move: '划转', devolve: '下放', cancel: '取消' },
};

/** The choice of 编制去向 that is not a unit. */
export const RESERVE_CHOICE = { value: 'reserve', label: '收回机动编制' };

/** A change's summary (the server names units by code) with the units' names where they are known. */
export function withUnitNames(summary: string, nameOf: (code: string) => string): string {
  return summary.replace(/[0-9A-Za-z_-]+/g, (token) => nameOf(token));
}
