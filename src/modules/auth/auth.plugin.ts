import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { isPermission, type Permission } from '../users/roles.ts';
import {
  CsrfError,
  ForbiddenError,
  PasswordChangeRequiredError,
  UnauthenticatedError,
} from './auth.errors.ts';
import type { AuthService, AuthSession } from './auth.service.ts';
import type { Caller } from './caller.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';

/**
 * Who may call a route, declared on every route as `config: { access }`:
 * - `'public'`: anyone (health, login, the API documents);
 * - `'authenticated'`: anyone signed in (me, logout, change password), even before the first
 *   password change;
 * - a list of permissions: signed in, the password changed, and holding at least one of them.
 */
export type Access = 'public' | 'authenticated' | readonly [Permission, ...Permission[]];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The live session of the request, set by the auth plugin; null on a public route without one. */
    session: AuthSession | null;
  }
}

export interface AuthOptions {
  auth: AuthService;
}

/** The session of a request the auth plugin let through to a signed-in route. */
export function sessionOf(request: FastifyRequest): AuthSession {
  if (!request.session) throw new Error('sessionOf: the route is public, it has no session');
  return request.session;
}

export function callerOf(request: FastifyRequest): Caller {
  return sessionOf(request).caller;
}

export function isAccess(value: unknown): value is Access {
  if (value === 'public' || value === 'authenticated') return true;
  return Array.isArray(value) && value.length > 0 && value.every((item) => isPermission(item));
}

/** Methods that change nothing: every other one must carry the session's CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const digest = (value: string) => createHash('sha256').update(value).digest();
const sameToken = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/**
 * For routes registered by a plugin that takes no route config (the API documents, static files):
 * every route registered in `scope` that declares no access is public.
 */
export function declareRoutesPublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: route.config?.access ?? 'public' };
  });
}

/**
 * The one place requests are authenticated and authorised. Installed on the root before anything
 * else (not as a plugin: its hooks must be in place at once, to see routes declared on the root as
 * well as in plugins), it refuses to start the application if a route declares no access (so nothing
 * is left open by mistake), and checks every request against its route's declaration — 401 without
 * a live session, 403 without the CSRF token on an unsafe method, before the first password change,
 * or without the permission.
 */
export function installAuth(app: FastifyInstance, { auth }: AuthOptions): void {
  const routes: RouteOptions[] = [];
  app.decorateRequest('session', null);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  // Checked once every onRoute hook has had its say (declareRoutesPublic runs after this one).
  app.addHook('onReady', async () => {
    const undeclared = routes.filter((route) => !isAccess(route.config?.access));
    if (undeclared.length > 0) {
      const names = undeclared.map((route) => `${[route.method].flat().join(',')} ${route.url}`);
      throw new Error(`以下路由未声明访问权限（config.access），应用拒绝启动：${names.join('；')}`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    // No route matched: the not-found handler answers, there is nothing to guard.
    if (access === undefined || access === 'public') return;
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    const session = token ? await auth.resolve(token) : null;
    if (!session) throw new UnauthenticatedError();
    const csrf = request.headers['x-csrf-token'];
    if (
      !SAFE_METHODS.has(request.method) &&
      (typeof csrf !== 'string' || !sameToken(csrf, session.csrfToken))
    )
      throw new CsrfError();
    request.session = session;
    if (access === 'authenticated') return;
    if (session.caller.mustChangePassword) throw new PasswordChangeRequiredError();
    if (!access.some((permission) => session.caller.permissions.includes(permission)))
      throw new ForbiddenError();
  });
}
