import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type ApiDeps,
  asOfOr,
  asOfQuery,
  codeParams,
  downloadResponse,
  isoDate,
  errorResponses,
  MEDIA_TYPES,
  sendDownload,
} from '../../shared/http.ts';
import { addDays, todayOf } from '../../shared/dates.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import { changesDownload, changesOf, overviewDownload, overviewOf } from './stats.service.ts';

const changesQuery = z.object({
  region: z.string().min(1).max(12).optional().describe('区划代码；默认本人所在区划'),
  from: isoDate.optional().describe('起始日（不含），默认当年 1 月 1 日的前一日'),
  to: isoDate.optional().describe('截止日（含），默认今日'),
});

const quotaChange = {
  added: z.number().int().describe('核增'),
  cut: z.number().int().describe('核减'),
  movedIn: z.number().int().describe('划入（含使用机动编制）'),
  movedOut: z.number().int().describe('划出（含收回机动编制）'),
  net: z.number().int(),
};
const unitCount = z.object({ kind: z.string(), label: z.string(), count: z.number().int() });
const changesSchema = z.object({
  regionCode: z.string(),
  from: z.string(),
  to: z.string(),
  units: z.object({
    added: z.array(unitCount),
    removed: z.array(unitCount),
    addedTotal: z.number().int(),
    removedTotal: z.number().int(),
  }),
  quota: z.object({
    byKind: z.array(z.object({ kind: z.string(), label: z.string(), ...quotaChange })),
    bySector: z.array(z.object({ sectorCode: z.string(), sectorName: z.string(), ...quotaChange })),
    totals: z.object({ added: z.number().int(), cut: z.number().int(), moved: z.number().int() }),
  }),
  posts: z.object({
    byLevel: z.array(
      z.object({
        level: z.string(),
        label: z.string(),
        added: z.number().int(),
        cut: z.number().int(),
        net: z.number().int(),
      }),
    ),
  }),
  proposals: z.object({
    received: z.number().int(),
    decided: z.number().int(),
    implemented: z.number().int(),
    rejected: z.number().int(),
    closed: z.number().int().describe('办结：组织实施或不予同意'),
    unitsEstablished: z.number().int(),
    postsAdded: z.number().int(),
    quotaAdjusted: z.number().int(),
  }),
  sentence: z.string(),
});

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

  /** The window asked for: (from, to]; by default the year so far. */
  const windowOf = (request: { query: z.infer<typeof changesQuery> }, regionOfCaller: string) => {
    const to = request.query.to ?? todayOf(deps.clock);
    const from = request.query.from ?? addDays(`${to.slice(0, 4)}-01-01`, -1);
    return { region: request.query.region ?? regionOfCaller, from, to };
  };

  app.get(
    '/api/change-statistics',
    {
      config: { access: ['stats.read'] },
      schema: {
        tags: ['stats'],
        summary:
          '机构编制变动情况统计：两个日期之间增设和撤销的机构、编制的增减和划转（按类型、按系统）、领导职数和动议事项',
        querystring: changesQuery,
        response: { 200: changesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { region, from, to } = windowOf(request, caller.scope.regionCode);
      return (await changesOf(deps.db, caller, region, from, to)).stats;
    },
  );

  app.get(
    '/api/change-statistics/export',
    {
      config: { access: ['stats.read'] },
      schema: {
        tags: ['stats'],
        summary: '机构编制变动情况统计导出为 Excel',
        querystring: changesQuery,
        response: { 200: downloadResponse('变动情况工作簿', [MEDIA_TYPES.xlsx]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { region, from, to } = windowOf(request, caller.scope.regionCode);
      return sendDownload(reply, await changesDownload(deps.db, caller, region, from, to));
    },
  );
};
