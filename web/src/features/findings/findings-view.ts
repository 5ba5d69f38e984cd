/**
 * What the findings pages show, decided without React: the Chinese labels (the server's own model,
 * pure data), which actions a user may take on a finding in its state, whether a selection can make
 * one 整改通知书, and the chart and tables of the counts. Pure.
 */
import {
  FINDING_ACTION_LABELS,
  FINDING_SOURCE_LABELS,
  FINDING_STATE_LABELS,
  FINDING_STATES,
  type FindingAction,
  type FindingState,
  nextState,
  REMINDER_LABELS,
  SEVERITIES,
} from '../../../../src/modules/findings/findings.model.ts';
import type { ChartOption } from '../../shared/components/Chart.tsx';
import type { Finding, MonthCount, OpenWarning, UnitCount } from './findings.api.ts';

export {
  DEADLINE_DAYS,
  FINDING_ACTION_LABELS,
  FINDING_SOURCE_LABELS,
  FINDING_STATE_LABELS,
  FINDING_STATES,
  REMINDER_LABELS,
  SEVERITIES,
} from '../../../../src/modules/findings/findings.model.ts';

export const STATE_COLORS: Record<FindingState, string> = {
  registered: 'blue',
  rectifying: 'orange',
  verifying: 'purple',
  closed: 'green',
  deferred: 'default',
};

export const SEVERITY_COLORS: Record<string, string> = { 违规: 'red', 风险: 'orange', 提示: 'blue' };

/** The label of an action as the timeline shows it; an unknown action shows its key. */
export const actionLabel = (action: string) => FINDING_ACTION_LABELS[action as FindingAction] ?? action;

export const stateLabel = (state: string) => FINDING_STATE_LABELS[state as FindingState] ?? state;

/** What a user may do on a finding: the unit rectifies, the 编办 verifies, defers, resumes, reopens. */
export type FindingTask = 'rectify' | 'verify' | 'defer' | 'resume' | 'reopen';

const TASK_PERMISSION: Record<FindingTask, string> = {
  rectify: 'findings.rectify',
  verify: 'findings.manage',
  defer: 'findings.manage',
  resume: 'findings.manage',
  reopen: 'findings.manage',
};

/**
 * The tasks the user's permissions allow in the finding's state (the server's transition table).
 * Verification is offered to the registrar too: the server refuses it and the page shows why.
 */
export function tasksFor(state: FindingState, permissions: readonly string[]): FindingTask[] {
  const tasks: FindingTask[] = ['rectify', 'verify', 'defer', 'resume', 'reopen'];
  return tasks.filter(
    (task) => permissions.includes(TASK_PERMISSION[task]) && nextState(state, task) !== null,
  );
}

/** The unit one 整改通知书 can be issued to for the selected findings, or why it cannot. */
export function noticeTarget(
  selected: readonly Pick<Finding, 'unitCode' | 'state' | 'number'>[],
): { unitCode: string } | { problem: string } {
  if (selected.length === 0) return { problem: '请先勾选同一单位的问题' };
  const withoutUnit = selected.filter((f) => f.unitCode === null);
  if (withoutUnit.length > 0)
    return { problem: `问题 ${withoutUnit.map((f) => f.number).join('、')} 不属于具体单位` };
  const units = new Set(selected.map((f) => f.unitCode));
  if (units.size > 1) return { problem: '一份整改通知书只能针对一个单位，请只勾选同一单位的问题' };
  const closed = selected.filter((f) => f.state === 'closed');
  if (closed.length > 0)
    return { problem: `问题 ${closed.map((f) => f.number).join('、')} 已销号，不能再通知整改` };
  return { unitCode: selected[0]!.unitCode! };
}

/** Counts in the order of the life of a finding, a zero for a state with none. */
export function stateCounts(byState: readonly { state: string; count: number }[]) {
  return FINDING_STATES.map((state) => ({
    state,
    label: FINDING_STATE_LABELS[state],
    count: byState.find((row) => row.state === state)?.count ?? 0,
  }));
}

/** The units with the most open findings, most first (ties by code), at most `limit`. */
export function topOpenUnits(byUnit: readonly UnitCount[], limit = 10): UnitCount[] {
  return byUnit
    .filter((u) => u.open > 0)
    .sort((a, b) => b.open - a.open || a.unitCode.localeCompare(b.unitCode))
    .slice(0, limit);
}

/** Registered and closed by month, oldest first, as grouped bars. */
export function monthOption(byMonth: readonly MonthCount[]): ChartOption {
  const months = [...byMonth].sort((a, b) => a.month.localeCompare(b.month));
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '登记', type: 'bar', data: months.map((m) => m.registered) },
      { name: '销号', type: 'bar', data: months.map((m) => m.closed), itemStyle: { color: '#52c41a' } },
    ],
  };
}

/** How a warning reads in the register form's list. */
export function warningText(warning: OpenWarning): string {
  return `#${warning.id} 〔${warning.severity}〕${warning.message}`;
}

/** Whether what was typed matches a warning: its number, rule, unit code or message. */
export function warningMatches(warning: OpenWarning, typed: string): boolean {
  const words = typed.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${warningText(warning)} ${warning.rule} ${warning.unitCode ?? ''}`.toLowerCase();
  return words.every((word) => text.includes(word));
}

/** A file size the way people read it: 字节, KB, MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A timestamp (ISO, or PostgreSQL's text `2026-11-21 23:49:32.5+00`) as Beijing time, 'YYYY-MM-DD HH:mm'. */
export function beijingTime(stamp: string): string {
  const iso = stamp.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return stamp;
  return new Date(time + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const SOURCE_OPTIONS = Object.entries(FINDING_SOURCE_LABELS).map(([value, label]) => ({
  value,
  label,
}));
export const STATE_OPTIONS = FINDING_STATES.map((value) => ({ value, label: FINDING_STATE_LABELS[value] }));
export const SEVERITY_OPTIONS = SEVERITIES.map((value) => ({ value, label: value }));
export const reminderLabel = (kind: keyof typeof REMINDER_LABELS) => REMINDER_LABELS[kind];
