import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type ApiDeps,
  asOfOr,
  asOfQuery,
  downloadResponse,
  errorResponses,
  isoDate,
  MEDIA_TYPES,
  sendDownload,
} from '../../shared/http.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { AGE_BANDS, ROSTER_SORTS } from './roster.search.ts';
import { personDetail, rosterDownload, rosterPage } from './roster.search.service.ts';

const filterQuery = z.object({
  asOf: isoDate.optional().describe('查询日期，默认今天'),
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .describe('区划代码（默认本人所属区划）'),
  unit: z.string().max(64).optional().describe('编制所在单位代码'),
  quotaKind: z.string().max(32).optional(),
  category: z.string().max(32).optional(),
  status: z.string().max(32).optional(),
  education: z.string().max(32).optional(),
  postLevel: z.string().max(32).optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  name: z.string().max(20).optional().describe('姓名（部分）'),
  sort: z.enum(ROSTER_SORTS).optional(),
  descending: z.stringbool().optional(),
});
const pageQuery = filterQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const rosterRow = z.object({
  seatId: z.number(),
  personId: z.number(),
  name: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  age: z.number(),
  idMasked: z.string(),
  idNumber: z.string().optional().describe('完整身份证号：仅对有权查看者返回'),
  unitCode: z.string(),
  unitName: z.string().nullable(),
  quotaKind: z.string(),
  category: z.string(),
  enteredOn: z.string(),
  entryType: z.string(),
  status: z.string(),
  education: z.string().nullable(),
  postLevel: z.string().nullable(),
  postRank: z.string().nullable(),
});

const personSchema = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  idMasked: z.string(),
  idNumber: z.string().optional(),
  retirementGroup: z.string(),
  education: z.string().nullable(),
  major: z.string().nullable(),
  ethnicity: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  title: z.string().nullable(),
  seats: z.array(
    z.object({
      id: z.number(),
      unitCode: z.string(),
      unitName: z.string().nullable(),
      quotaKind: z.string(),
      category: z.string(),
      enteredOn: z.string(),
      entryType: z.string(),
      exitedOn: z.string().nullable(),
      exitType: z.string().nullable(),
      status: z.string(),
      active: z.boolean(),
      posts: z.array(
        z.object({
          validFrom: z.string().nullable(),
          level: z.string().nullable(),
          unitCode: z.string().nullable(),
          rank: z.string().nullable(),
        }),
      ),
    }),
  ),
  secondments: z.array(
    z.object({
      fromUnitCode: z.string(),
      toUnitCode: z.string(),
      toUnitName: z.string().nullable(),
      startOn: z.string(),
      endOn: z.string(),
      returnedOn: z.string().nullable(),
    }),
  ),
});

type FilterQuery = z.infer<typeof filterQuery>;
const rosterQuery = (query: FilterQuery, asOf: string) => ({
  asOf,
  regionCode: query.region,
  unitCode: query.unit,
  quotaKind: query.quotaKind,
  category: query.category,
  status: query.status,
  education: query.education,
  postLevel: query.postLevel,
  ageBand: query.ageBand,
  name: query.name,
  sort: query.sort,
  descending: query.descending,
});

export const rosterSearchRoutes: FastifyPluginAsyncZod<ApiDeps & { idCipher: IdCipher }> = async (
  app,
  deps,
) => {
  app.get(
    '/api/roster',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['roster'],
        summary: '人员名册：按单位、编制类型、人员类别、状态、年龄段、学历、职务筛选，排序，分页',
        querystring: pageQuery,
        response: {
          200: z.object({
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
            asOf: z.string(),
            items: z.array(rosterRow),
          }),
          ...errorResponses,
        },
      },
    },
    (request) =>
      rosterPage(deps, callerOf(request), {
        ...rosterQuery(request.query, asOfOr(request.query.asOf, deps.clock)),
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
  );
  app.get(
    '/api/roster/export',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['roster'],
        summary: '人员名册导出为 Excel（同样的筛选，最多 20 万行）',
        querystring: filterQuery,
        response: { 200: downloadResponse('人员名册工作簿', [MEDIA_TYPES.xlsx]), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await rosterDownload(
          deps,
          callerOf(request),
          rosterQuery(request.query, asOfOr(request.query.asOf, deps.clock)),
        ),
      ),
  );
  app.get(
    '/api/persons/:id',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['roster'],
        summary: '人员详情：编制经历、任职、借调',
        params: z.object({ id: z.coerce.number().int().positive() }),
        querystring: asOfQuery,
        response: { 200: personSchema, ...errorResponses },
      },
    },
    (request) =>
      personDetail(deps, callerOf(request), request.params.id, asOfOr(request.query.asOf, deps.clock)),
  );
};
