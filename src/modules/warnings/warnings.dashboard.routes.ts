import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  asOfOr,
  downloadResponse,
  errorResponses,
  isoDate,
  MEDIA_TYPES,
  sendDownload,
} from '../../shared/http.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import { dashboardDownload } from './warnings.dashboard.export.ts';
import {
  type DashboardDeps,
  dashboardView,
  drillView,
  RULE_CLASSES,
  SEVERITIES,
} from './warnings.dashboard.ts';
import { LIGHTS, unitLights } from './warnings.lights.ts';
import { rules } from './warnings.registry.ts';

const code = z.string().min(1).max(64);
const severity = z.enum(SEVERITIES as [string, ...string[]]);
const ruleClass = z.enum(RULE_CLASSES as [string, ...string[]]);
const ruleCode = z.enum(rules.map((r) => r.code) as [string, ...string[]]);

const dashboardQuery = z.object({
  asOf: isoDate.optional().describe('截至日期（YYYY-MM-DD）：今天（默认）读预警台账，其他日期按该日即时扫描'),
  region: code.optional().describe('区划代码（本人数据范围内），默认本人所在区划'),
});

const drillFilter = dashboardQuery.extend({
  rule: ruleCode.optional().describe('规则代码'),
  class: ruleClass.optional().describe('规则类别'),
  severity: severity.optional().describe('严重程度'),
  subRegion: code.optional().describe('下级区划代码（含其下各级），或本区划代码表示本级'),
  unit: code.optional().describe('单位代码'),
});

const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

const region = z.object({ code: z.string(), name: z.string() });
const count = z.number().int();

const dashboardSchema = z.object({
  region,
  asOf: z.string(),
  source: z.enum(['stored', 'live']).describe('stored 预警台账（今天）；live 按截至日期即时扫描'),
  scannedOn: z.string().nullable().describe('最近一次扫描的日期（仅 stored）'),
  total: count,
  byClass: z.array(z.object({ class: z.string(), count })).describe('按规则类别'),
  byRule: z
    .array(z.object({ rule: z.string(), name: z.string(), class: z.string(), severity: z.string(), count }))
    .describe('按规则（RULES.md 的顺序，含为零者）'),
  bySeverity: z.array(z.object({ severity: z.string(), count })).describe('按严重程度'),
  byRegion: z
    .array(z.object({ code: z.string(), name: z.string(), own: z.boolean(), count }))
    .describe('按下级区划（各含其下各级）；own 为本级'),
});

const drillWarning = z.object({
  warningId: z.number().int().nullable().describe('预警台账中的编号（同一规则与对象；若已记录）'),
  rule: z.string(),
  ruleName: z.string(),
  class: z.string(),
  severity: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable().describe('截至日期的单位名称'),
  personId: z.number().int().nullable().describe('人员编号（人员详情页）'),
  personName: z.string().nullable(),
  idNumber: z.string().nullable().describe('公民身份号码：有权查看者为完整号码，否则脱敏'),
  message: z.string(),
  figures: z
    .array(z.object({ key: z.string(), label: z.string(), value: z.string() }))
    .describe('触发预警的数据'),
  firstSeenOn: z.string().nullable().describe('首次发现（台账）'),
  lastSeenOn: z.string().nullable().describe('最近发现（台账）'),
});

const lightSchema = z.enum(LIGHTS).describe('red 超编、yellow 满编、green 空编、none 未核定且无人');
const lightCounts = z.object({ red: count, yellow: count, green: count, none: count });

const lightsQuery = z.object({
  asOf: isoDate.optional().describe('截至日期，默认今天'),
  region: code.optional().describe('区划代码（含下级），默认本人所在区划'),
  unit: code.optional().describe('只看该单位及其下属单位'),
  light: lightSchema.optional().describe('只看有该灯色的单位'),
  page: page.page,
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const lightsSchema = z.object({
  asOf: z.string(),
  region,
  total: count.describe('符合条件的单位数'),
  page: count,
  pageSize: count,
  counts: z
    .object({ quotas: lightCounts, posts: lightCounts, units: lightCounts })
    .describe('全部范围内：各灯色的编制项数、职数项数、有该灯色的单位数'),
  items: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string().nullable(),
      regionCode: z.string(),
      regionName: z.string().nullable(),
      quotas: z.array(
        z.object({ kind: z.string(), approved: count, headcount: count, vacancy: count, light: lightSchema }),
      ),
      posts: z.array(
        z.object({ level: z.string(), posts: count, leaders: count, vacancy: count, light: lightSchema }),
      ),
    }),
  ),
});

export const warningsDashboardRoutes: FastifyPluginAsyncZod<DashboardDeps> = async (app, options) => {
  const deps: DashboardDeps = { ...options, liveScans: new Map() };
  app.get(
    '/api/warnings/dashboard',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['warnings'],
        summary: '预警看板：按类别、规则、严重程度、下级区划计数（截至某日）',
        querystring: dashboardQuery,
        response: { 200: dashboardSchema, ...errorResponses },
      },
    },
    (request) =>
      dashboardView(deps, callerOf(request), {
        ...request.query,
        asOf: asOfOr(request.query.asOf, deps.clock),
      }),
  );

  app.get(
    '/api/warnings/dashboard/warnings',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['warnings'],
        summary: '预警看板下钻：某规则（类别、区划……）的预警及触发数据，链接到单位或人员',
        querystring: drillFilter.extend(page),
        response: {
          200: z.object({
            asOf: z.string(),
            region,
            total: count,
            page: count,
            pageSize: count,
            items: z.array(drillWarning),
          }),
          ...errorResponses,
        },
      },
    },
    (request) =>
      drillView(deps, callerOf(request), { ...request.query, asOf: asOfOr(request.query.asOf, deps.clock) }),
  );

  app.get(
    '/api/warnings/dashboard/export',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['warnings'],
        summary: '预警看板导出为 Excel：概况各表与（筛选后的）预警明细',
        querystring: drillFilter,
        response: { 200: downloadResponse('预警情况工作簿', [MEDIA_TYPES.xlsx]), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await dashboardDownload(deps, callerOf(request), {
          ...request.query,
          asOf: asOfOr(request.query.asOf, deps.clock),
        }),
      ),
  );

  app.get(
    '/api/warnings/lights',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['warnings'],
        summary: '超缺编亮灯：各单位各编制类型与领导职数的红（超编）黄（满编）绿（空编）灯',
        querystring: lightsQuery,
        response: { 200: lightsSchema, ...errorResponses },
      },
    },
    (request) =>
      unitLights(deps.database.db, callerOf(request), {
        ...request.query,
        asOf: asOfOr(request.query.asOf, deps.clock),
      }),
  );
};
