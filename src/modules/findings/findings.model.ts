import { addDays } from '../../shared/dates.ts';

/**
 * The life of a finding (问题台账), as the 盐城 article names its steps: 挂号建账 (registered) →
 * 整改中 (the unit rectifies, with measures and evidence) → 对号结账 (the 编办 verifies) → 销号下账
 * (closed); a failed verification sends it back to rectification with reasons, a warning that
 * returns reopens it, and 暂缓 (deferred) holds it with a reason until a date.
 */
export const FINDING_STATES = ['registered', 'rectifying', 'verifying', 'closed', 'deferred'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export const FINDING_STATE_LABELS: Record<FindingState, string> = {
  registered: '挂号建账',
  rectifying: '整改中',
  verifying: '待核验',
  closed: '已销号',
  deferred: '暂缓',
};

/** Where a finding came from. */
export const FINDING_SOURCES = [
  'warning',
  'inspection',
  'evaluation',
  'department',
  'patrol',
  'manual',
  'override',
] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

export const FINDING_SOURCE_LABELS: Record<FindingSource, string> = {
  warning: '预警',
  inspection: '监督检查',
  evaluation: '评估',
  department: '部门移送',
  patrol: '巡察线索',
  manual: '手工登记',
  override: '越权办理',
};

export const SEVERITIES = ['违规', '风险', '提示'] as const;
export type FindingSeverity = (typeof SEVERITIES)[number];

/** Days a unit is given to rectify, by severity, when the register does not set a deadline. */
export const DEADLINE_DAYS: Record<FindingSeverity, number> = { 违规: 30, 风险: 60, 提示: 90 };

export function defaultDeadline(registeredOn: string, severity: FindingSeverity): string {
  return addDays(registeredOn, DEADLINE_DAYS[severity]);
}

export const FINDING_ACTIONS = [
  'register',
  'rectify',
  'submit',
  'verify',
  'return',
  'defer',
  'resume',
  'reopen',
] as const;
export type FindingAction = (typeof FINDING_ACTIONS)[number];

export const FINDING_ACTION_LABELS: Record<FindingAction, string> = {
  register: '挂号建账',
  rectify: '报送整改措施',
  submit: '提交核验',
  verify: '核验通过，销号',
  return: '核验未通过，退回整改',
  defer: '暂缓',
  resume: '恢复整改',
  reopen: '重新打开',
};

/** From which states each action may be taken, and the state it leads to. */
const TRANSITIONS: Record<
  Exclude<FindingAction, 'register'>,
  { from: readonly FindingState[]; to: FindingState }
> = {
  rectify: { from: ['registered', 'rectifying'], to: 'rectifying' },
  submit: { from: ['rectifying'], to: 'verifying' },
  verify: { from: ['verifying'], to: 'closed' },
  return: { from: ['verifying'], to: 'rectifying' },
  defer: { from: ['registered', 'rectifying', 'verifying'], to: 'deferred' },
  resume: { from: ['deferred'], to: 'rectifying' },
  reopen: { from: ['closed'], to: 'rectifying' },
};

/** The state an action leads to from `state`, or null when it cannot be taken there. */
export function nextState(
  state: FindingState,
  action: Exclude<FindingAction, 'register'>,
): FindingState | null {
  const transition = TRANSITIONS[action];
  return transition.from.includes(state) ? transition.to : null;
}

/** Whether a finding is still with the unit and past its deadline. */
export function isOverdue(state: FindingState, deadline: string, today: string): boolean {
  return (state === 'registered' || state === 'rectifying') && deadline < today;
}

/** Days before the deadline from which the responsible user is reminded. */
export const REMINDER_DAYS = 7;

export type ReminderKind = 'overdue' | 'due_soon' | 'returned' | 'to_verify' | 'deferral_ended' | 'reopened';

export const REMINDER_LABELS: Record<ReminderKind, string> = {
  overdue: '已逾期',
  due_soon: '即将到期',
  returned: '核验未通过，需重新整改',
  to_verify: '待核验',
  deferral_ended: '暂缓期已满',
  reopened: '预警再次出现，已重新打开',
};
