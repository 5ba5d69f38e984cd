import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.ts';
import { errorResponses } from '../../shared/http.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import { auditPageSchema, auditQuery, auditStatusSchema } from './audit.schemas.ts';
import type { AuditTrail } from './audit.service.ts';
import { auditEntries } from './audit.viewer.ts';

/** The audit viewer of 审计管理员. */
export const auditRoutes: FastifyPluginAsyncZod<{ db: Db; audit: AuditTrail }> = async (
  app,
  { db, audit },
) => {
  app.get(
    '/api/audit',
    {
      config: { access: ['audit.read'] },
      schema: {
        tags: ['audit'],
        summary: '审计日志（由新到旧，分页）：按操作人、对象、操作、日期筛选',
        querystring: auditQuery,
        response: { 200: auditPageSchema, ...errorResponses },
      },
    },
    (request) => auditEntries(db, callerOf(request).scope, request.query),
  );

  app.get(
    '/api/audit/status',
    {
      config: { access: ['audit.read'] },
      schema: {
        tags: ['audit'],
        summary: '审计链校验：序号、哈希链、变更明细与链头检查点；不通过时指出第一条有问题的记录',
        response: { 200: auditStatusSchema, ...errorResponses },
      },
    },
    () => audit.verify(db),
  );
};
