/**
 * What the business-flow pages decide without React: the labels (the server's own model, pure
 * data), which categories a quota kind takes (RULES.md MIXED_POST), the plan lines a 用编核准 can
 * still come from, a refusal read from the API's answer, and the ID number's check. Pure.
 */
import {
  APPOINTMENT_STATES,
  APPROVAL_STATES,
  CHANNELS,
  PLAN_STATES,
} from '../../../../src/modules/transactions/transactions.model.ts';
import { checkIdNumber } from '../../../../src/modules/identity/id-number.ts';
import { ApiError } from '../../shared/api/client.ts';
import type { Labels } from '../../shared/labels.ts';
import type { StaffingPlan, StaffingPlanLine } from './flows.types.ts';

export const CHANNEL_LABELS: Labels = CHANNELS;
export const PLAN_STATE_LABELS: Labels = PLAN_STATES;
export const APPROVAL_STATE_LABELS: Labels = APPROVAL_STATES;
export const APPOINTMENT_STATE_LABELS: Labels = APPOINTMENT_STATES;

export const APPOINTMENT_STATE_COLORS: Record<string, string> = {
  pending: 'orange',
  completed: 'green',
  returned: 'default',
};

export const PLAN_STATE_COLORS: Record<string, string> = {
  submitted: 'blue',
  approved: 'green',
  rejected: 'default',
};

export const APPROVAL_STATE_COLORS: Record<string, string> = {
  reserved: 'orange',
  used: 'green',
  expired: 'default',
  cancelled: 'default',
};

/**
 * The categories of people a quota kind may hold (RULES.md MIXED_POST), the usual one first; 参公人员
 * on 事业编制 only in a unit managed under the civil service law.
 */
export function categoriesFor(quotaKind: string, referenceManaged = false): string[] {
  switch (quotaKind) {
    case 'administrative':
    case 'political_legal':
      return ['civil_servant'];
    case 'logistics':
      return ['logistics_worker'];
    case 'institutional':
      return referenceManaged
        ? ['reference_civil_servant', 'institution_staff', 'logistics_worker']
        : ['institution_staff', 'logistics_worker'];
    case 'school_staff':
      return ['institution_staff', 'logistics_worker'];
    default:
      return ['civil_servant', 'reference_civil_servant', 'institution_staff', 'logistics_worker'];
  }
}

/** How many more 用编核准 a plan line allows: approved − granted (never below zero). */
export function remainingOf(line: Pick<StaffingPlanLine, 'approved' | 'granted'>): number {
  return Math.max((line.approved ?? 0) - line.granted, 0);
}

export interface GrantableLine {
  plan: StaffingPlan;
  line: StaffingPlanLine;
  remaining: number;
}

/**
 * The lines a 用编核准 can be granted from today: of approved plans of this year, with approved
 * places not yet granted. In the plans' order, then the lines'.
 */
export function grantableLines(plans: readonly StaffingPlan[], year: number): GrantableLine[] {
  return plans
    .filter((plan) => plan.state === 'approved' && plan.year === year)
    .flatMap((plan) => plan.lines.map((line) => ({ plan, line, remaining: remainingOf(line) })))
    .filter((entry) => entry.remaining > 0);
}

/** The totals of a plan's lines, for its row in the list. */
export function planTotals(plan: Pick<StaffingPlan, 'lines'>) {
  return plan.lines.reduce(
    (sum, line) => ({
      requested: sum.requested + line.requested,
      approved: sum.approved + (line.approved ?? 0),
      granted: sum.granted + line.granted,
      used: sum.used + line.used,
    }),
    { requested: 0, approved: 0, granted: 0, used: 0 },
  );
}

/** A refused transaction as the page shows it: the server's message and the rules it names. */
export interface Refusal {
  message: string;
  /** The rules named as 【RULE】 in the message (事前预防); empty for other refusals. */
  rules: string[];
  /** Whether 越权办理 can let it through: only a refusal by the rules (the server's 'transactions.prevented'). */
  overridable: boolean;
}

export function refusalOf(error: unknown): Refusal {
  if (!(error instanceof ApiError)) return { message: '办理失败，请稍后重试', rules: [], overridable: false };
  return {
    message: error.message,
    rules: [...error.message.matchAll(/【([A-Z_]+)】/g)].map((m) => m[1]!),
    overridable: error.code === 'transactions.prevented',
  };
}

/** Why an ID number will be refused (GB 11643 length, birth date, check character), or null when it is valid. */
export function idNumberProblem(value: string, today: string): string | null {
  const checked = checkIdNumber(value, today);
  return checked.ok ? null : checked.reason;
}
