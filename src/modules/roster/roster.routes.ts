import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type ApiDeps, asOfOr, codeParams, errorResponses } from '../../shared/http.ts';
import { seatPageSchema, seatsQuery } from './roster.schemas.ts';
import { unitSeats } from './roster.service.ts';

export const rosterRoutes: FastifyPluginAsyncZod<ApiDeps> = async (app, { db, clock }) => {
  app.get(
    '/api/units/:code/seats',
    {
      schema: {
        tags: ['roster'],
        summary: '机构当日在编人员（分页，身份证号脱敏）',
        params: codeParams,
        querystring: seatsQuery,
        response: { 200: seatPageSchema, ...errorResponses },
      },
    },
    ({ params, query }) =>
      unitSeats(db, params.code, {
        asOf: asOfOr(query.asOf, clock),
        page: query.page,
        pageSize: query.pageSize,
      }),
  );
};
