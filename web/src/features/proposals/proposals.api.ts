import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, request, sendJson } from '../../shared/api/client.ts';
import type { z } from 'zod';
import type {
  appraisalBody,
  Change,
  consultBody,
  decideBody,
  proposalDetailSchema,
  submitBody,
} from '../../../../src/modules/proposals/proposals.schemas.ts';
import type { ProposalState } from '../../../../src/modules/proposals/proposals.model.ts';

/**
 * The 动议事项 API (`src/modules/proposals/proposals.routes.ts`) as the pages read it: the shapes are
 * the server's own response and body schemas, so the two cannot drift apart.
 */

export type { Change };

type Detail = z.infer<typeof proposalDetailSchema>;

export type Proposal = Detail['proposal'];
export type AspectEntry = Detail['checklist'][number];
export type Consultation = Detail['consultations'][number];
export type ProposalFile = Detail['files'][number];
export type ProposalEvent = Detail['events'][number];

/** A change as the page lists it; its payload is what was proposed (or amended). */
export type ProposalChange = Omit<Detail['changes'][number], 'kind' | 'payload'> & {
  kind: Change['kind'];
  payload: Change;
};

export type ProposalDetail = Omit<Detail, 'changes'> & { changes: ProposalChange[] };

export type SubmitInput = z.input<typeof submitBody>;
export type AppraisalInput = z.input<typeof appraisalBody>;
export type ConsultInput = z.input<typeof consultBody>;
export type DecisionInput = z.input<typeof decideBody>;

const PROPOSALS = 'proposals';

export function useProposals(state: ProposalState | undefined) {
  return useQuery({
    queryKey: [PROPOSALS, 'list', state],
    queryFn: () => getJson<{ items: Proposal[] }>('/api/proposals', { state }),
    placeholderData: keepPreviousData,
  });
}

export function useProposal(id: number) {
  return useQuery({
    queryKey: [PROPOSALS, 'detail', id],
    queryFn: () => getJson<ProposalDetail>(`/api/proposals/${id}`),
  });
}

/**
 * Every write changes the proposal and the list; implementing one also changes units, their
 * figures and ledgers and the statistics: all are refetched.
 */
function useProposalMutation<Input>(run: (input: Input) => Promise<ProposalDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      const keys = [PROPOSALS, 'unit', 'regionUnits', 'regionFigures', 'quotaLedger', 'postLedger'];
      return Promise.all(keys.map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
    },
  });
}

const post = (id: number, what: string) => (input: object) =>
  sendJson<ProposalDetail>('POST', `/api/proposals/${id}/${what}`, input);

export const useSubmitProposal = () =>
  useProposalMutation((input: SubmitInput) => sendJson<ProposalDetail>('POST', '/api/proposals', input));

export const useAppraise = (id: number) => useProposalMutation<AppraisalInput>(post(id, 'appraisal'));

export const useConsult = (id: number) => useProposalMutation<ConsultInput>(post(id, 'consultations'));

export const useDecide = (id: number) => useProposalMutation<DecisionInput>(post(id, 'decision'));

export const useImplement = (id: number) =>
  useProposalMutation<{ effectiveOn: string }>(post(id, 'implementation'));

export const useCheckAspect = (id: number) =>
  useProposalMutation<{ aspect: string; checked: boolean; note?: string | undefined }>(post(id, 'checklist'));

/** Uploads one file (multipart, field `files`); the server records its SM3 digest. */
export const useUploadFile = (id: number) =>
  useProposalMutation(async (file: File) => {
    const form = new FormData();
    form.append('files', file, file.name);
    const response = await request(`/api/proposals/${id}/files`, { method: 'POST', body: form });
    return (await response.json()) as ProposalDetail;
  });

export const filePath = (proposalId: number, fileId: number) =>
  `/api/proposals/${proposalId}/files/${fileId}`;
