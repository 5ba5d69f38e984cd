import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson, type QueryValue } from '../../shared/api/client.ts';
import type { Labels } from '../../shared/labels.ts';

/** The audit viewer (`src/modules/audit/audit.schemas.ts`): entries newest first, and the chain's state. */

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityKey: string | null;
  regionCode: string | null;
  documentNo: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

export interface AuditPage {
  total: number;
  page: number;
  pageSize: number;
  items: AuditEntry[];
}

export type AuditStatus =
  | {
      ok: true;
      entries: number;
      head: { seq: number; hash: string } | null;
      checkpoint: { seq: number; hash: string } | null;
    }
  | { ok: false; seq: number; reason: string };

export interface AuditFilter {
  actor?: string;
  entity?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const AUDIT_ACTIONS = {
  login: '登录',
  login_failed: '登录失败',
  logout: '退出登录',
  change_password: '修改密码',
  change_password_failed: '修改密码失败',
  create: '新建',
  update: '修改',
  reset_password: '重置密码',
  set_roles: '授予角色',
  import: '导入',
  export: '导出',
} as const satisfies Labels;

export const AUDIT_ENTITIES = {
  user: '账号',
  dataset: '数据集',
  region: '行政区划',
  unit: '机构',
  quota_ledger: '编制台账',
  post_ledger: '领导职数台账',
  charter: '三定规定',
  person: '人员',
  seat: '编制记录',
  secondment: '借调',
  off_quota_staff: '编外人员',
} as const satisfies Labels;

export function useAuditEntries(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: () => getJson<AuditPage>('/api/audit', filter as unknown as Record<string, QueryValue>),
    placeholderData: keepPreviousData,
  });
}

export function useAuditStatus() {
  return useQuery({
    queryKey: ['auditStatus'],
    queryFn: () => getJson<AuditStatus>('/api/audit/status'),
    staleTime: 0,
  });
}
