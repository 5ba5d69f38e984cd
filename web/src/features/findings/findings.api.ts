import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, request, sendJson } from '../../shared/api/client.ts';
import type {
  FindingSeverity,
  FindingSource,
  FindingState,
  ReminderKind,
} from '../../../../src/modules/findings/findings.model.ts';

/** The findings API (`src/modules/findings/findings.routes.ts`) as the pages read it. */

/** A finding as the API gives it: the server's own shape. */
export type { FindingRecord as Finding } from '../../../../src/modules/findings/findings.repository.ts';
import type { FindingRecord as Finding } from '../../../../src/modules/findings/findings.repository.ts';

export interface FindingEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  fromState: string | null;
  toState: string;
  note: string | null;
}

export interface Evidence {
  id: number;
  fileName: string;
  version: number;
  mediaType: string;
  size: number;
  sm3: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface FindingDetail extends Finding {
  events: FindingEvent[];
  evidence: Evidence[];
}

export interface FindingFilter {
  state?: FindingState | undefined;
  unit?: string | undefined;
  source?: FindingSource | undefined;
  severity?: FindingSeverity | undefined;
  overdue?: boolean | undefined;
}

export interface FindingList {
  total: number;
  page: number;
  pageSize: number;
  items: Finding[];
}

export interface UnitCount {
  unitCode: string;
  unitName: string | null;
  open: number;
  closed: number;
}

export interface MonthCount {
  month: string;
  registered: number;
  closed: number;
}

export interface FindingSummary {
  total: number;
  overdue: number;
  byState: { state: string; count: number }[];
  byUnit: UnitCount[];
  byMonth: MonthCount[];
}

export interface Reminder {
  kind: ReminderKind;
  findingId: number;
  number: string;
  unitCode: string | null;
  category: string;
  deadline: string;
}

export interface NoticeListItem {
  id: number;
  documentNo: string;
  unitCode: string;
  issuedOn: string;
  deadline: string;
  findings: number;
}

export interface Notice {
  id: number;
  documentNo: string;
  unitCode: string;
  unitName: string;
  issuedOn: string;
  deadline: string;
  findings: { number: string; description: string }[];
}

/** A stored warning as `GET /api/warnings` lists it (the fields the register form shows). */
export interface OpenWarning {
  id: number;
  rule: string;
  severity: string;
  unitCode: string | null;
  message: string;
  firstSeenOn: string;
}

export type RegisterInput =
  | { source: 'warning'; warningId: number }
  | {
      source: Exclude<FindingSource, 'warning'>;
      unitCode: string;
      category: string;
      severity: FindingSeverity;
      description: string;
      sourceRef?: string | undefined;
      deadline?: string | undefined;
    };

const FINDINGS = 'findings';

export function useFindings(filter: FindingFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: [FINDINGS, 'list', filter, page, pageSize],
    queryFn: () => getJson<FindingList>('/api/findings', { ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useFindingSummary() {
  return useQuery({
    queryKey: [FINDINGS, 'summary'],
    queryFn: () => getJson<FindingSummary>('/api/findings/summary'),
  });
}

export function useReminders(enabled: boolean) {
  return useQuery({
    queryKey: [FINDINGS, 'reminders'],
    queryFn: () => getJson<Reminder[]>('/api/findings/reminders'),
    enabled,
    refetchInterval: 5 * 60_000,
  });
}

export function useFinding(id: number) {
  return useQuery({
    queryKey: [FINDINGS, 'detail', id],
    queryFn: () => getJson<FindingDetail>(`/api/findings/${id}`),
  });
}

export function useNotices() {
  return useQuery({
    queryKey: [FINDINGS, 'notices'],
    queryFn: () => getJson<NoticeListItem[]>('/api/finding-notices'),
  });
}

/** Open warnings for the register form (the API's largest page; the form searches them locally). */
export function useOpenWarnings(enabled: boolean) {
  return useQuery({
    queryKey: ['warnings', 'open', 'forFindings'],
    queryFn: () =>
      getJson<{ total: number; items: OpenWarning[] }>('/api/warnings', { status: 'open', pageSize: 500 }),
    enabled,
  });
}

/** Every write changes the list, the counts, the reminders and the finding itself: all are refetched. */
function useFindingMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [FINDINGS] }),
  });
}

export const useRegisterFinding = () =>
  useFindingMutation((input: RegisterInput) => sendJson<Finding>('POST', '/api/findings', input));

export const useRectify = (id: number) =>
  useFindingMutation((input: { measures: string; submit: boolean }) =>
    sendJson<Finding>('POST', `/api/findings/${id}/rectification`, input),
  );

export const useVerify = (id: number) =>
  useFindingMutation((input: { passed: boolean; note: string }) =>
    sendJson<Finding>('POST', `/api/findings/${id}/verification`, input),
  );

export const useDefer = (id: number) =>
  useFindingMutation((input: { reason: string; until: string }) =>
    sendJson<Finding>('POST', `/api/findings/${id}/deferral`, input),
  );

export const useResume = (id: number) =>
  useFindingMutation((input: { note?: string; deadline?: string }) =>
    sendJson<Finding>('POST', `/api/findings/${id}/resumption`, input),
  );

export const useReopen = (id: number) =>
  useFindingMutation((input: { reason: string }) =>
    sendJson<Finding>('POST', `/api/findings/${id}/reopening`, input),
  );

export const useIssueNotice = () =>
  useFindingMutation((input: { unitCode: string; findingIds: number[]; deadline?: string }) =>
    sendJson<Notice>('POST', '/api/finding-notices', input),
  );

/** Uploads evidence files (multipart, field `files`); same-named files become new versions. */
export async function uploadEvidence(id: number, files: File[]): Promise<Evidence[]> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  const response = await request(`/api/findings/${id}/evidence`, { method: 'POST', body: form });
  return (await response.json()) as Evidence[];
}

export const evidencePath = (findingId: number, evidenceId: number) =>
  `/api/findings/${findingId}/evidence/${evidenceId}`;

export const noticeDocxPath = (noticeId: number) => `/api/finding-notices/${noticeId}/docx`;
