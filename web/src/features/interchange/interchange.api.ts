import { useQuery } from '@tanstack/react-query';
import { getJson, request } from '../../shared/api/client.ts';

/** The HTTP import (`src/modules/interchange/interchange.schemas.ts`): upload → job → result. */

export interface ImportError {
  file: string;
  row: number;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface FileCounts {
  rows: number;
  added: number;
  updated: number;
}

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  counts: Record<string, FileCounts>;
  auditSeq: number | null;
  /** The warning scan started once the data was written (null: nothing written). */
  scanJobId?: string | null;
  errorCount: number;
  truncated: boolean;
  errors: ImportError[];
}

export interface ImportJob {
  id: string;
  kind: string;
  actor: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { phase: string; file?: string; rows: number; percent?: number };
  submittedAt: string;
  startedAt?: string;
  finishedAt?: string;
  result?: ImportResult;
  error?: { code: string; message: string };
}

export const isFinished = (job: ImportJob | undefined) =>
  job?.status === 'succeeded' || job?.status === 'failed';

export async function startImport(
  files: File[],
  dryRun: boolean,
  effectiveOn: string | null,
): Promise<string> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  const params = new URLSearchParams({ dryRun: String(dryRun) });
  if (effectiveOn) params.set('effectiveOn', effectiveOn);
  const response = await request(`/api/imports?${params.toString()}`, { method: 'POST', body: form });
  const { jobId } = (await response.json()) as { jobId: string };
  return jobId;
}

/** The job, polled twice a second until it has finished. */
export function useImportJob(jobId: string | null) {
  return useQuery({
    queryKey: ['importJob', jobId],
    queryFn: () => getJson<ImportJob>(`/api/imports/${encodeURIComponent(jobId ?? '')}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (isFinished(query.state.data) ? false : 500),
    staleTime: 0,
  });
}
