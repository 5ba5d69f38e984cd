import { RANKS } from '../interchange/dataset.spec.ts';

/**
 * 动议事项 (proposals): how a unit or a quota changes lawfully. A department or the 编办 moves it
 * (动议, `submitted`); the 编办 appraises its 合理性、必要性、可行性 (论证, `appraised`); the committee
 * decides it (审议决定: approved or amended → `decided`, rejected → `rejected`, deferred → `deferred`,
 * which may be decided again later); applying a decided proposal writes the unit versions and ledger
 * rows in one transaction (组织实施, `implemented`).
 */
export const PROPOSAL_STATES = [
  'submitted',
  'appraised',
  'deferred',
  'decided',
  'rejected',
  'implemented',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const PROPOSAL_STATE_LABELS: Record<ProposalState, string> = {
  submitted: '已动议',
  appraised: '已论证',
  deferred: '暂缓审议',
  decided: '已决定',
  rejected: '不予同意',
  implemented: '已实施',
};

export const DECISION_OUTCOMES = ['approved', 'amended', 'rejected', 'deferred'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const DECISION_OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  approved: '同意',
  amended: '修改后同意',
  rejected: '不同意',
  deferred: '暂缓',
};

export const PROPOSAL_ACTIONS = ['submit', 'appraise', 'consult', 'decide', 'implement', 'check'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

/** The states an action may start from. */
const ACTION_FROM: Record<Exclude<ProposalAction, 'submit' | 'check'>, readonly ProposalState[]> = {
  appraise: ['submitted', 'appraised'],
  consult: ['submitted', 'appraised'],
  decide: ['appraised', 'deferred'],
  implement: ['decided'],
};

export function mayTake(action: Exclude<ProposalAction, 'submit' | 'check'>, state: ProposalState): boolean {
  return ACTION_FROM[action].includes(state);
}

/** The state a decision leads to. */
export function stateAfterDecision(outcome: DecisionOutcome): ProposalState {
  if (outcome === 'rejected') return 'rejected';
  if (outcome === 'deferred') return 'deferred';
  return 'decided';
}

/** 合理性、必要性、可行性: each scored 0–100 with a written opinion. */
export const APPRAISAL_CRITERIA = ['reasonableness', 'necessity', 'feasibility'] as const;
export type AppraisalCriterion = (typeof APPRAISAL_CRITERIA)[number];
export const APPRAISAL_CRITERION_LABELS: Record<AppraisalCriterion, string> = {
  reasonableness: '合理性',
  necessity: '必要性',
  feasibility: '可行性',
};

/** The four steps of the 盐城 article, and the 12 aspects checked across them. */
export const PROCESS_STEPS = ['motion', 'appraisal', 'decision', 'implementation'] as const;
export type ProcessStep = (typeof PROCESS_STEPS)[number];
export const PROCESS_STEP_LABELS: Record<ProcessStep, string> = {
  motion: '动议',
  appraisal: '论证',
  decision: '审议决定',
  implementation: '组织实施',
};

export interface Aspect {
  code: string;
  step: ProcessStep;
  label: string;
}

/**
 * The 12 aspects (盐城: "是否严格执行党中央、省委、市委有关规定、是否把党的领导贯穿于机构编制工作全过程、
 * 是否严格执行机构编制动议程序等12个方面"), three for each step.
 */
export const ASPECTS: readonly Aspect[] = [
  { code: 'M1', step: 'motion', label: '是否严格执行党中央、省委、市委有关规定' },
  { code: 'M2', step: 'motion', label: '是否把党的领导贯穿于机构编制工作全过程' },
  { code: 'M3', step: 'motion', label: '是否严格执行机构编制动议程序（有权主体书面提出）' },
  { code: 'A1', step: 'appraisal', label: '是否深入调查研究并形成调研报告' },
  { code: 'A2', step: 'appraisal', label: '是否对合理性、必要性、可行性逐项论证' },
  { code: 'A3', step: 'appraisal', label: '是否征求相关部门意见' },
  { code: 'D1', step: 'decision', label: '是否提交编委会集体审议' },
  { code: 'D2', step: 'decision', label: '是否符合机构限额和编制总量控制要求' },
  { code: 'D3', step: 'decision', label: '是否以文件形式印发审议决定（有文号）' },
  { code: 'I1', step: 'implementation', label: '是否按审议决定及时组织实施' },
  { code: 'I2', step: 'implementation', label: '是否同步调整机构编制台账和实名制信息' },
  { code: 'I3', step: 'implementation', label: '是否按规定修订“三定”规定或备案' },
];

/** The steps a proposal in a state has gone through (whose aspects must by then be checked). */
export function stepsReached(state: ProposalState): ProcessStep[] {
  switch (state) {
    case 'submitted':
      return ['motion'];
    case 'appraised':
    case 'deferred':
      return ['motion', 'appraisal'];
    case 'decided':
    case 'rejected':
      return ['motion', 'appraisal', 'decision'];
    case 'implemented':
      return [...PROCESS_STEPS];
  }
}

export interface AspectCheck {
  checked: boolean;
  note?: string | undefined;
  by?: string | undefined;
  at?: string | undefined;
}

/** The aspects of the steps reached that nobody has checked yet: flagged as missing. */
export function missingAspects(state: ProposalState, checklist: Record<string, AspectCheck>): Aspect[] {
  const reached = new Set(stepsReached(state));
  return ASPECTS.filter((a) => reached.has(a.step) && !checklist[a.code]?.checked);
}

/**
 * What a proposal changes (one proposal may hold several changes, applied together). The codes
 * follow GLOSSARY.md's unit change kinds.
 */
export const CHANGE_KINDS = [
  'establish',
  'abolish',
  'merge',
  'split',
  'rename',
  'upgrade',
  'downgrade',
  'alias',
  'co_locate',
  'duties',
  'quota_increase',
  'quota_decrease',
  'quota_transfer',
  'posts',
  'charter',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  establish: '设立',
  abolish: '撤销',
  merge: '合并',
  split: '分设',
  rename: '更名',
  upgrade: '升格',
  downgrade: '降格',
  alias: '加挂牌子',
  co_locate: '合署办公',
  duties: '职责调整',
  quota_increase: '编制核增',
  quota_decrease: '编制核减',
  quota_transfer: '编制划转',
  posts: '领导职数调整',
  charter: '三定修订',
};

/** Rank codes from high to low (FORMAT.md). */
const RANK_ORDER = Object.keys(RANKS);

/** Whether `to` is above `from` (升格) — or below it for 降格. */
export function rankDirection(from: string | null, to: string): 'up' | 'down' | 'same' | 'unknown' {
  if (from === null) return 'unknown';
  const a = RANK_ORDER.indexOf(from);
  const b = RANK_ORDER.indexOf(to);
  if (a < 0 || b < 0) return 'unknown';
  if (a === b) return 'same';
  return b < a ? 'up' : 'down';
}

/** Where quota taken from a unit goes, or where quota given to a unit comes from. */
export const RESERVE = 'reserve';

/** Quota kinds counted in a region's administrative total (编制总量控制). */
export const ADMINISTRATIVE_TOTAL_KINDS: readonly string[] = [
  'administrative',
  'political_legal',
  'logistics',
];
