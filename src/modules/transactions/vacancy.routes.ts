import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { monthIndex, periodOfIndex } from '../../shared/dates.ts';
import {
  asOfOr,
  downloadResponse,
  errorResponses,
  isoDate,
  MEDIA_TYPES,
  sendDownload,
} from '../../shared/http.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import { AGE_BANDS } from '../roster/roster.search.ts';
import { createVacancyService, type VacancyDeps } from './vacancy.service.ts';

const subjectQuery = z.object({
  region: z.string().min(1).max(64).optional().describe('行政区划代码（含下级），默认本人所在区划'),
  unit: z.string().min(1).max(64).optional().describe('单位代码：只看该单位'),
});
const asOfQuery = subjectQuery.extend({
  asOf: isoDate.optional().describe('截至日期（YYYY-MM-DD），默认今天'),
});

const int = () => z.number().int();
const count = z.object({ key: z.string(), count: int() });
const kindCount = z.object({ kind: z.string(), count: int() });
const subject = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
});
const kindFigures = z.object({
  kind: z.string(),
  approved: int().describe('核定编制'),
  headcount: int().describe('实有人数'),
  reserved: int().describe('已核准待入编'),
  planned: int().describe('已批用编计划中尚未核准的人数'),
  vacancy: int().describe('空编 = 核定 − 实有 − 已核准待入编'),
  available: int().describe('可用空编 = 空编 − 已批计划未核准'),
});

const analysisSchema = z.object({
  subject,
  asOf: z.string(),
  months: int(),
  now: z.array(kindFigures).describe('截至日期的用编情况，按编制类型'),
  points: z
    .array(z.object({ period: z.string(), date: z.string(), kinds: z.array(kindFigures) }))
    .describe(
      '今后各月月末的预测：法定退休（退休年月的次月减员）、用编核准到期、已批计划、台账中未来生效的核增核减',
    ),
  retirements: z.object({
    overdue: z.array(kindCount).describe('应退未退'),
    years: z.array(z.object({ year: int(), byKind: z.array(kindCount), total: int() })),
  }),
  turnover: z
    .object({
      approved: int(),
      used: int(),
      reserved: int(),
      remaining: int(),
      dueBack: z.array(z.object({ period: z.string(), count: int(), byRetirement: int() })),
      undated: int().describe('无退休或出编日期可据以预计收回的'),
    })
    .describe('周转编制'),
  structure: z.object({
    people: int(),
    ageBands: z.array(z.object({ key: z.enum(AGE_BANDS), count: int() })),
    education: z.array(count),
    majors: z.array(count).describe('前十个专业，其余合为 other'),
    gender: z.array(count),
  }),
});

const seriesSchema = z.object({
  subject,
  from: z.string(),
  to: z.string(),
  points: z.array(
    z.object({
      period: z.string(),
      date: z.string(),
      kinds: z.array(
        z.object({
          kind: z.string(),
          approved: int(),
          headcount: int(),
          reserved: int(),
          vacancy: int(),
        }),
      ),
    }),
  ),
});

const retirementPage = z.object({
  total: int(),
  items: z.array(
    z.object({
      seatId: int(),
      name: z.string(),
      gender: z.string(),
      birthDate: z.string(),
      idMasked: z.string(),
      idNumber: z.string().optional().describe('完整身份证号：仅对有权查看者返回'),
      unitCode: z.string(),
      unitName: z.string().nullable(),
      quotaKind: z.string(),
      retirementGroup: z.string(),
      statutoryAge: z.string().nullable().describe('法定退休年龄，如 60岁2个月'),
      retireOn: z.string().describe('法定退休年月（YYYY-MM），次月起不再占编'),
      overdue: z.boolean().describe('应退未退'),
    }),
  ),
});

/** 用编分析 (用编计划汇总): for the caller's region, a region below it, or one unit. */
export const vacancyRoutes: FastifyPluginAsyncZod<VacancyDeps> = async (app, deps) => {
  const vacancy = createVacancyService(deps);
  const tags = ['vacancy'];
  const asOf = (value: string | undefined) => asOfOr(value, deps.clock);

  app.get(
    '/api/vacancy',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '用编分析：空编现状与今后 60 个月预测、人员结构、退休预报、周转编制',
        querystring: asOfQuery,
        response: { 200: analysisSchema, ...errorResponses },
      },
    },
    (request) => vacancy.analysis(callerOf(request), request.query, asOf(request.query.asOf)),
  );

  app.get(
    '/api/vacancy/series',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '历史空编：两个日期之间各月月末的核定、实有、已核准待入编与空编',
        querystring: subjectQuery.extend({
          from: isoDate.optional().describe('起始日期，默认截止日期前 11 个月的月初'),
          to: isoDate.optional().describe('截止日期，默认今天'),
        }),
        response: { 200: seriesSchema, ...errorResponses },
      },
    },
    (request) => {
      const to = asOf(request.query.to);
      const from = request.query.from ?? `${periodOfIndex(monthIndex(to) - 11)}-01`;
      return vacancy.series(callerOf(request), request.query, from, to);
    },
  );

  app.get(
    '/api/vacancy/retirements',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '退休预报名单：今后 60 个月内达到法定退休年龄的在编人员（含应退未退），分页',
        querystring: asOfQuery.extend({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: { 200: retirementPage, ...errorResponses },
      },
    },
    (request) => {
      const { page, pageSize } = request.query;
      return vacancy.retirements(callerOf(request), request.query, asOf(request.query.asOf), {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
    },
  );

  app.get(
    '/api/vacancy/export',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '用编分析导出为 Excel',
        querystring: asOfQuery,
        response: { 200: downloadResponse('用编分析工作簿', [MEDIA_TYPES.xlsx]), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendDownload(reply, await vacancy.download(callerOf(request), request.query, asOf(request.query.asOf))),
  );
};
