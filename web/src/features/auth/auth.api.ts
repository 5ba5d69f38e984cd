import { ApiError, request, sendJson, setCsrfToken } from '../../shared/api/client.ts';

/** The signed-in user as `GET /api/auth/me` and `POST /api/auth/login` return them. */
export interface SessionUser {
  id: number | string;
  username: string;
  displayName: string;
  roles: string[];
  regionCode: string;
  regionName: string;
  unitCode: string | null;
  unitName: string | null;
  department: string | null;
  mustChangePassword: boolean;
  permissions: string[];
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export const SESSION_KEY = ['session'] as const;

/** The current session, or null when there is none (401). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const response = await request('/api/auth/me', {}, { expectUnauthenticated: true });
    const session = (await response.json()) as Session;
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(username: string, password: string): Promise<Session> {
  const session = await sendJson<Session>(
    'POST',
    '/api/auth/login',
    { username, password },
    { expectUnauthenticated: true },
  );
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await sendJson('POST', '/api/auth/logout', undefined, { expectUnauthenticated: true });
  } finally {
    setCsrfToken(null);
  }
}

export function changePassword(currentPassword: string, newPassword: string): Promise<unknown> {
  return sendJson('POST', '/api/auth/password', { currentPassword, newPassword });
}

/** The password rules the server enforces, checked before sending so the user learns them at once. */
export const MIN_PASSWORD_LENGTH = 10;

export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password));
  if (classes.length < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
