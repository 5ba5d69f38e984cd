import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../shared/api/client.ts';
import { ROLES } from '../../shared/labels.ts';

/** Account management (`src/modules/users/users.schemas.ts`): 系统管理员 manages, 安全管理员 grants roles. */

export interface Account {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  regionCode: string;
  regionName: string | null;
  unitCode: string | null;
  unitName: string | null;
  department: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  passwordChangedAt: string | null;
}

export interface AccountList {
  total: number;
  page: number;
  pageSize: number;
  items: Account[];
}

export interface OneTimePassword {
  user: Account;
  oneTimePassword: string;
}

export interface AccountInput {
  username: string;
  displayName: string;
  regionCode: string;
  unitCode?: string | null;
  department?: string | null;
}

export type AccountChanges = Partial<Omit<AccountInput, 'username'>> & { disabled?: boolean };

export function useAccounts(q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['users', q, page, pageSize],
    queryFn: () => getJson<AccountList>('/api/users', { q, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

function useAccountMutation<Input, Output>(run: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export const useCreateAccount = () =>
  useAccountMutation((input: AccountInput) => sendJson<OneTimePassword>('POST', '/api/users', input));

export const useUpdateAccount = () =>
  useAccountMutation(({ id, changes }: { id: number; changes: AccountChanges }) =>
    sendJson<Account>('PATCH', `/api/users/${id}`, changes),
  );

export const useResetPassword = () =>
  useAccountMutation((id: number) => sendJson<OneTimePassword>('POST', `/api/users/${id}/reset-password`));

export const useSetRoles = () =>
  useAccountMutation(({ id, roles }: { id: number; roles: string[] }) =>
    sendJson<Account>('PUT', `/api/users/${id}/roles`, { roles }),
  );

/** 三员分立: the three administrators each hold their role alone. Mirrors the server's check. */
const SEPARATED = ['system_admin', 'security_admin', 'audit_admin'];

export function rolesConflict(roles: readonly string[]): string | null {
  const separated = roles.filter((role) => SEPARATED.includes(role));
  if (separated.length === 0 || roles.length === 1) return null;
  const first = separated[0]!;
  const others = roles
    .filter((role) => role !== first)
    .map((role) => ROLES[role as keyof typeof ROLES] ?? role);
  return `三员分立：${ROLES[first as keyof typeof ROLES]}不能同时担任${others.join('、')}`;
}
