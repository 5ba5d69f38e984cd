import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type ApiDeps,
  asOfOr,
  asOfQuery,
  codeParams,
  downloadResponse,
  errorResponses,
  MEDIA_TYPES,
  sendDownload,
} from '../../shared/http.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import { overviewDownload, overviewOf } from './stats.service.ts';

const count = z.object({ key: z.string(), count: z.number().int() });
const overviewSchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  asOf: z.string(),
  bodiesByKind: z.array(count).describe('党政机构按类别'),
  institutionsByRank: z.array(count).describe('事业单位按规格'),
  institutionsByClass: z.array(count).describe('事业单位按类别'),
  institutionsByFunding: z.array(count).describe('事业单位按经费形式'),
  quotas: z
    .array(
      z.object({
        kind: z.string(),
        approved: z.number().int(),
        headcount: z.number().int(),
        vacancy: z.number().int(),
        overUnits: z.number().int(),
      }),
    )
    .describe('编制按类型：核定、实有、空编、超编单位数'),
  posts: z.array(z.object({ level: z.string(), posts: z.number().int(), leaders: z.number().int() })),
  offQuotaByType: z.array(count).describe('编外人员按用工类型'),
  secondedStaff: z.number().int().describe('在借调人员'),
  headcount: z.number().int(),
});

export const statsRoutes: FastifyPluginAsyncZod<ApiDeps> = async (app, deps) => {
  app.get(
    '/api/regions/:code/overview',
    {
      config: { access: ['stats.read'] },
      schema: {
        tags: ['stats'],
        summary: '区域机构编制概况（本区域及下级区域，截至某日）',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: overviewSchema, ...errorResponses },
      },
    },
    (request) =>
      overviewOf(deps.db, callerOf(request), request.params.code, asOfOr(request.query.asOf, deps.clock)),
  );
  app.get(
    '/api/regions/:code/overview/export',
    {
      config: { access: ['stats.read'] },
      schema: {
        tags: ['stats'],
        summary: '区域概况导出为 Excel',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: downloadResponse('区域概况工作簿', [MEDIA_TYPES.xlsx]), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await overviewDownload(
          deps.db,
          callerOf(request),
          request.params.code,
          asOfOr(request.query.asOf, deps.clock),
        ),
      ),
  );
};
