/**
 * The one way the application talks to the server: same-origin requests that carry the session
 * cookie, the CSRF token on every unsafe request, and errors turned into `ApiError` with the
 * server's stable code and Chinese message.
 */

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The route itself is missing: an API this build expects that the server does not offer yet. */
export function isNotProvided(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.code === 'route.not_found';
}

export const isForbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

let csrfToken: string | null = null;
let unauthenticated: (() => void) | null = null;

/** Set from the login or `me` response; sent back as `x-csrf-token` on every non-GET request. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** What happens when the server says the session is gone (401): the session drops, login shows. */
export function onUnauthenticated(handler: (() => void) | null) {
  unauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` from the parameters that have a value; empty when none has. */
export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function errorOf(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') {
    const code = 'code' in body && typeof body.code === 'string' ? body.code : `http.${response.status}`;
    const issues = 'issues' in body && Array.isArray(body.issues) ? (body.issues as ApiIssue[]) : [];
    return new ApiError(response.status, code, body.message, issues);
  }
  return new ApiError(
    response.status,
    `http.${response.status}`,
    `服务器返回错误（HTTP ${response.status}）`,
  );
}

export interface RequestOptions {
  /** A 401 is this request's own answer (a wrong password), not a lost session. */
  expectUnauthenticated?: boolean;
}

/** Sends a request; resolves with the response when it is 2xx, throws `ApiError` otherwise. */
export async function request(path: string, init: RequestInit = {}, options: RequestOptions = {}) {
  const headers = new Headers(init.headers);
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers.set('x-csrf-token', csrfToken);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...init, method, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (response.ok) return response;
  const error = await errorOf(response);
  if (response.status === 401 && !options.expectUnauthenticated) unauthenticated?.();
  throw error;
}

export async function getJson<T>(path: string, params: Record<string, QueryValue> = {}): Promise<T> {
  const response = await request(`${path}${queryString(params)}`);
  return (await response.json()) as T;
}

export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await request(path, init, options);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** The name a download should be saved under, from `Content-Disposition` (RFC 6266, UTF-8 first). */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (utf8?.[1]) {
    try {
      return decodeURIComponent(utf8[1]);
    } catch {
      // A malformed encoding: the plain name below will do.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Saves a blob as a file the way a link with `download` would. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches a file from the API and saves it; errors arrive as `ApiError` like any other request. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await request(path, { headers: { accept: '*/*' } });
  saveBlob(await response.blob(), filenameOf(response.headers.get('content-disposition'), fallbackName));
}
