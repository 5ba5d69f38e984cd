import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, errorSchema } from '../../shared/http.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import {
  createUserBody,
  oneTimePasswordSchema,
  setRolesBody,
  updateUserBody,
  userListQuery,
  userListSchema,
  userParams,
  userSchema,
} from './users.schemas.ts';
import type { UsersService } from './users.service.ts';

const conflict = { 409: errorSchema };

export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersService }> = async (app, { users }) => {
  app.get(
    '/api/users',
    {
      config: { access: ['users.manage', 'roles.grant'] },
      schema: {
        tags: ['users'],
        summary: '本区划及下级区划的账号（系统管理员、安全管理员）',
        querystring: userListQuery,
        response: { 200: userListSchema, ...errorResponses },
      },
    },
    (request) => users.list(callerOf(request), request.query),
  );

  app.post(
    '/api/users',
    {
      config: { access: ['users.manage'] },
      schema: {
        tags: ['users'],
        summary: '新建账号（系统管理员）：无角色，返回一次性密码',
        description:
          '角色由安全管理员另行授予（PUT /api/users/{id}/roles）。单位联络员须填 unitCode，部门查询须填 department。',
        body: createUserBody,
        response: { 201: oneTimePasswordSchema, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => reply.code(201).send(await users.create(callerOf(request), request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: ['users.manage'] },
      schema: {
        tags: ['users'],
        summary: '修改账号（系统管理员）：姓名、区划、单位、部门、停用或启用',
        params: userParams,
        body: updateUserBody,
        response: { 200: userSchema, ...errorResponses, ...conflict },
      },
    },
    (request) => users.update(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: ['users.manage'] },
      schema: {
        tags: ['users'],
        summary: '重置密码（系统管理员）：返回一次性密码，解除锁定，结束其全部会话',
        params: userParams,
        response: { 200: oneTimePasswordSchema, ...errorResponses },
      },
    },
    (request) => users.resetPassword(callerOf(request), request.params.id),
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { access: ['roles.grant'] },
      schema: {
        tags: ['users'],
        summary: '设置角色（安全管理员）：不能为自己设置；系统管理员、安全管理员、审计管理员均须单独担任',
        params: userParams,
        body: setRolesBody,
        response: { 200: userSchema, ...errorResponses, ...conflict },
      },
    },
    (request) => users.setRoles(callerOf(request), request.params.id, request.body.roles),
  );
};
