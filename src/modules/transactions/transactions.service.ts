import { createApprovalFlows } from './transactions.approvals.ts';
import { createAppointmentFlows } from './transactions.appointments.ts';
import { createFlowContext, type TransactionsDeps } from './transactions.flow.ts';
import { createPlanFlows } from './transactions.plans.ts';
import { createSeatFlows } from './transactions.seats.ts';
import { createStepFlows } from './transactions.steps.ts';

export type { TransactionsDeps } from './transactions.flow.ts';

/**
 * 用编计划, 用编核准 and the transactions that write seats and posts, each checked before it writes
 * (事前预防): one service composed of the module's sub-flows, sharing one context.
 */
export function createTransactionsService(deps: TransactionsDeps) {
  const ctx = createFlowContext(deps);
  const { decideHeld, ...appointments } = createAppointmentFlows(ctx);
  return {
    ...createPlanFlows(ctx),
    ...createApprovalFlows(ctx),
    ...createSeatFlows(ctx),
    ...appointments,
    ...createStepFlows(ctx, decideHeld),
  };
}

export type TransactionsService = ReturnType<typeof createTransactionsService>;
