import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { onUnauthenticated } from '../../shared/api/client.ts';
import { fetchSession, logout, type Session, SESSION_KEY, type SessionUser } from './auth.api.ts';

interface SessionState {
  /** Undefined while the first `me` request is under way. */
  session: Session | null | undefined;
  error: unknown;
}

const SessionContext = createContext<SessionState>({ session: undefined, error: null });

/** Loads the session once and drops it whenever the server answers 401, which shows the login page. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: Infinity,
    retry: false,
  });
  useEffect(() => {
    onUnauthenticated(() => queryClient.setQueryData(SESSION_KEY, null));
    return () => onUnauthenticated(null);
  }, [queryClient]);
  const value = useMemo(() => ({ session: data, error }), [data, error]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionState {
  return useContext(SessionContext);
}

/** The signed-in user; only for pages inside the authenticated layout. */
export function useUser(): SessionUser {
  const { session } = useContext(SessionContext);
  if (!session) throw new Error('useUser: no session (the page is outside the authenticated layout)');
  return session.user;
}

export function hasPermission(
  user: SessionUser,
  permission: string | readonly string[] | undefined,
): boolean {
  if (permission === undefined) return true;
  const wanted = typeof permission === 'string' ? [permission] : permission;
  return wanted.length === 0 || wanted.some((p) => user.permissions.includes(p));
}

export function useCan(permission: string | readonly string[]): boolean {
  return hasPermission(useUser(), permission);
}

export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    try {
      await logout();
    } finally {
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    }
  };
}
