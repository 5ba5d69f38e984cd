import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, errorSchema } from '../../shared/http.ts';
import { changePasswordBody, loginBody, sessionSchema } from '../users/users.schemas.ts';
import { sessionOf } from './auth.plugin.ts';
import type { AuthService, RequestMeta } from './auth.service.ts';
import { clearedSessionCookie, sessionCookie } from './cookies.ts';

const metaOf = (request: FastifyRequest): RequestMeta => ({ ip: request.ip });
const secure = (request: FastifyRequest) => request.protocol === 'https';
const noContent = { 204: z.null().describe('成功，无内容') };

function withSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string | null) {
  return reply.header(
    'set-cookie',
    token ? sessionCookie(token, secure(request)) : clearedSessionCookie(secure(request)),
  );
}

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '登录：成功后设置会话 Cookie（bz_session），返回当前用户与防跨站令牌',
        description:
          '用户名或密码错误返回 401 auth.invalid_credentials（用户是否存在提示相同）；连续 5 次密码错误锁定 15 分钟，返回 423 auth.locked。',
        security: [],
        body: loginBody,
        response: { 200: sessionSchema, ...errorResponses, 423: errorSchema },
      },
    },
    async (request, reply) => {
      const { token, ...session } = await auth.login(request.body, metaOf(request));
      withSessionCookie(reply, request, token);
      return session;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: '退出登录：结束会话并清除 Cookie',
        response: { ...noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.logout(sessionOf(request), metaOf(request));
      return withSessionCookie(reply, request, null).code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: '当前用户、权限与防跨站令牌；未登录或会话过期返回 401',
        response: { 200: sessionSchema, ...errorResponses },
      },
    },
    (request) => auth.me(sessionOf(request)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: '修改密码：至少 10 个字符，含大写字母、小写字母、数字、符号中的至少三类，不含用户名',
        description: '当前密码错误计入连续错误次数（同登录）。修改后本会话继续有效，其他会话结束。',
        body: changePasswordBody,
        response: { ...noContent, ...errorResponses, 423: errorSchema },
      },
    },
    async (request, reply) => {
      await auth.changePassword(sessionOf(request), request.body, metaOf(request));
      return reply.code(204).send(null);
    },
  );
};
