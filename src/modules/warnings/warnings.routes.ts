import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../shared/http.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import { jobSchema } from '../jobs/jobs.schemas.ts';
import { rules } from './warnings.registry.ts';
import { createWarningsStore, type WarningsDeps } from './warnings.store.ts';

const severity = z.enum(['违规', '风险', '提示']);

const scanResultSchema = z
  .object({
    asOf: z.string().describe('扫描日期（今天）'),
    period: z.string().describe('所属期（YYYY-MM）'),
    found: z.number().int().describe('发现的预警数'),
    new: z.number().int().describe('新出现'),
    seenAgain: z.number().int().describe('再次发现'),
    reopened: z.number().int().describe('已消除后重新出现'),
    resolved: z.number().int().describe('本次消除'),
    reopenedFindings: z.number().int().describe('因预警再次出现而重新打开的已销号问题'),
  })
  .describe('扫描结果（任务结束后才有）');

const jobParams = z.object({ jobId: z.string().min(1).max(64).describe('任务编号') });

const listQuery = z.object({
  rule: z
    .enum(rules.map((r) => r.code) as [string, ...string[]])
    .optional()
    .describe('规则代码'),
  severity: severity.optional().describe('严重程度'),
  unit: z.string().min(1).max(64).optional().describe('单位代码'),
  status: z.enum(['open', 'resolved']).optional().describe('open 未消除、resolved 已消除；默认全部'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const warningSchema = z.object({
  id: z.number().int(),
  rule: z.string().describe('规则代码'),
  severity: z.string().describe('严重程度'),
  regionCode: z.string(),
  unitCode: z.string().nullable(),
  idNumber: z.string().nullable().describe('公民身份号码：有权查看者为完整号码，否则脱敏'),
  firstSeenOn: z.string().describe('首次发现日期'),
  lastSeenOn: z.string().describe('最近发现日期'),
  resolvedOn: z.string().nullable().describe('消除日期'),
  status: z.enum(['open', 'resolved']),
  message: z.string(),
  figures: z.record(z.string(), z.unknown()).describe('最近一次发现时的数据'),
});

export const warningsRoutes: FastifyPluginAsyncZod<WarningsDeps> = async (app, deps) => {
  const store = createWarningsStore(deps);

  app.post(
    '/api/scans',
    {
      config: { access: ['register.write'] },
      schema: {
        tags: ['warnings'],
        summary: '以今天为准扫描全部预警规则（后台任务）',
        description: '立即返回任务编号，用 GET /api/scans/{jobId} 查看进度与结果；结果记入预警台账。',
        response: { 202: z.object({ jobId: z.string().describe('扫描任务编号') }), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(202).send(store.startScan(callerOf(request))),
  );

  app.get(
    '/api/scans/:jobId',
    {
      config: { access: ['register.write'] },
      schema: {
        tags: ['warnings'],
        summary: '扫描任务：状态、进度，结束后的结果',
        params: jobParams,
        response: { 200: jobSchema(scanResultSchema).describe('扫描任务'), ...errorResponses },
      },
    },
    (request) => store.scanJob(callerOf(request), request.params.jobId),
  );

  app.get(
    '/api/warnings',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['warnings'],
        summary: '预警台账（本区划及下级区划，单位联络员仅本单位）',
        querystring: listQuery,
        response: {
          200: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            items: z.array(warningSchema),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => store.list(callerOf(request), request.query),
  );

  app.get(
    '/api/warnings/summary',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['warnings'],
        summary: '未消除预警按规则与严重程度的计数',
        response: {
          200: z.object({
            total: z.number().int(),
            byRule: z.array(z.object({ rule: z.string(), severity: z.string(), count: z.number().int() })),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => store.summary(callerOf(request)),
  );
};
