import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../shared/api/client.ts';
import type { LedgerEntry } from './ledger.ts';

export interface QuotaLedger {
  unitCode: string;
  entries: (LedgerEntry & { kind: string })[];
}

export interface PostLedger {
  unitCode: string;
  entries: (LedgerEntry & { level: string })[];
}

export function useQuotaLedger(code: string) {
  return useQuery({
    queryKey: ['quotaLedger', code],
    queryFn: () => getJson<QuotaLedger>(`/api/units/${encodeURIComponent(code)}/quota-ledger`),
  });
}

export function usePostLedger(code: string) {
  return useQuery({
    queryKey: ['postLedger', code],
    queryFn: () => getJson<PostLedger>(`/api/units/${encodeURIComponent(code)}/post-ledger`),
  });
}
