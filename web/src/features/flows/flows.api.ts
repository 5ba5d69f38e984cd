import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { getJson, sendJson } from '../../shared/api/client.ts';
import { todayInChina } from '../../shared/as-of.ts';
import { useUser } from '../auth/session.tsx';
import { type UnitDetail, useRegionUnits } from '../org/org.api.ts';
import type { RosterPage } from '../roster/roster.api.ts';
import type {
  AppointInput,
  Appointed,
  AppointmentStep,
  ApprovalFilter,
  EnterInput,
  Entered,
  Granted,
  PlanAmendment,
  PlanDecision,
  PlanFilter,
  PlanInput,
  QuotaUseApproval,
  StaffingPlan,
} from './flows.types.ts';

export type * from './flows.types.ts';

const FLOWS = 'flows';

export function usePlans(filter: PlanFilter) {
  return useQuery({
    queryKey: [FLOWS, 'plans', filter],
    queryFn: () => getJson<StaffingPlan[]>('/api/staffing-plans', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

export function useApprovals(filter: ApprovalFilter, enabled = true) {
  return useQuery({
    queryKey: [FLOWS, 'approvals', filter],
    queryFn: () => getJson<QuotaUseApproval[]>('/api/quota-use-approvals', { ...filter }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** 任职 requests with their 组织部 step: awaiting it, written, or returned. */
export function useAppointments() {
  return useQuery({
    queryKey: [FLOWS, 'appointments'],
    queryFn: () => getJson<AppointmentStep[]>('/api/transaction-steps', { kind: 'appoint' }),
  });
}

/** People in post found by name (the region roster, today), for picking a seat. */
export function usePeopleNamed(name: string) {
  const typed = name.trim();
  return useQuery({
    queryKey: ['roster', 'byName', typed],
    queryFn: () => getJson<RosterPage>('/api/roster', { name: typed, pageSize: 20 }),
    enabled: typed.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** A unit's figures today (the unit page's query, shared with it), or nothing while no unit is chosen. */
export function useUnitFigures(code: string | undefined) {
  const asOf = todayInChina();
  return useQuery({
    queryKey: ['unit', code, asOf],
    queryFn: () => getJson<UnitDetail>(`/api/units/${encodeURIComponent(code ?? '')}`, { asOf }),
    enabled: !!code,
  });
}

/** The names of the units the user may see (today), to show beside the codes the flows API gives. */
export function useUnitNames() {
  const user = useUser();
  const units = useRegionUnits(user.regionCode, todayInChina());
  return useMemo(() => {
    const names = new Map((units.data?.units ?? []).map((u) => [u.code, u.name]));
    return (code: string) => names.get(code) ?? code;
  }, [units.data]);
}

/**
 * Every flow write changes the plans and approvals; a seat or post written also changes the unit's
 * figures, its people and the roster: all are refetched.
 */
function useFlowMutation<Input, Output>(run: (input: Input) => Promise<Output>, writesSeats = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      const keys = [FLOWS, 'unit', 'regionFigures', ...(writesSeats ? ['seats', 'roster', 'person'] : [])];
      return Promise.all(keys.map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
    },
  });
}

export const useApplyPlan = () =>
  useFlowMutation((input: PlanInput) => sendJson<StaffingPlan>('POST', '/api/staffing-plans', input));

export const useDecidePlan = (id: number) =>
  useFlowMutation((input: PlanDecision) =>
    sendJson<StaffingPlan>('POST', `/api/staffing-plans/${id}/decision`, input),
  );

export const useAmendPlan = (id: number) =>
  useFlowMutation((input: PlanAmendment) =>
    sendJson<StaffingPlan>('POST', `/api/staffing-plans/${id}/amendments`, input),
  );

export const useGrantApproval = () =>
  useFlowMutation((input: { planLineId: number; personName?: string | undefined; validDays?: number }) =>
    sendJson<Granted>('POST', '/api/quota-use-approvals', input),
  );

export const useCancelApproval = (id: number) =>
  useFlowMutation((input: { cancelledOn: string; reason: string }) =>
    sendJson<QuotaUseApproval>('POST', `/api/quota-use-approvals/${id}/cancel`, input),
  );

export const useEnter = () =>
  useFlowMutation((input: EnterInput) => sendJson<Entered>('POST', '/api/transactions/enter', input), true);

export const useAppoint = () =>
  useFlowMutation(
    (input: AppointInput) => sendJson<Appointed>('POST', '/api/transactions/appoint', input),
    true,
  );
