import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

export interface AuthOptions {
  /** The bearer token every request in the protected scope must carry. */
  apiToken: string;
}

/** Who is making a request: what policies decide on, and the actor the audit log names. */
export interface Caller {
  kind: 'api_token';
  actor: string;
}

/** The holder of the API token: full rights, like the command line, until users and roles arrive. */
export const API_TOKEN_CALLER: Caller = { kind: 'api_token', actor: 'api-token' };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin on every request it lets through; null outside its scope. */
    caller: Caller | null;
  }
}

/** The caller of a request the auth plugin let through. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('callerOf: the route is outside the authenticated scope');
  return request.caller;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The one place requests are authenticated: registered inside the scope that holds the protected
 * routes, it refuses any request there without `Authorization: Bearer <token>` (401). Users and roles
 * replace the single token later, here.
 */
export const authPlugin: FastifyPluginAsync<AuthOptions> = async (app, { apiToken }) => {
  // Compare digests: equal lengths, and no timing hint of how much of a guess was right.
  const expected = digest(apiToken);
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (match?.[1] && timingSafeEqual(digest(match[1]), expected)) {
      request.caller = API_TOKEN_CALLER;
      return;
    }
    return reply.code(401).header('www-authenticate', 'Bearer').send({
      code: 'auth.unauthorized',
      message: '未登录或访问令牌无效：请在请求头中提供 Authorization: Bearer <令牌>',
    });
  });
};

// Like fastify-plugin: the hook applies to the scope that registers this plugin, not a child of it.
Object.assign(authPlugin, { [Symbol.for('skip-override')]: true });
