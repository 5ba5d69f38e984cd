import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type ApiDeps, asOfOr, codeParams, errorResponses } from '../../shared/http.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { seatPageSchema, seatsQuery } from './roster.schemas.ts';
import { unitSeats } from './roster.service.ts';

export const rosterRoutes: FastifyPluginAsyncZod<ApiDeps & { idCipher: IdCipher }> = async (app, deps) => {
  app.get(
    '/api/units/:code/seats',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['roster'],
        summary: '机构当日在编人员（分页；身份证号仅对编办管理员、编办业务员完整显示）',
        params: codeParams,
        querystring: seatsQuery,
        response: { 200: seatPageSchema, ...errorResponses },
      },
    },
    (request) =>
      unitSeats(deps, callerOf(request), request.params.code, {
        asOf: asOfOr(request.query.asOf, deps.clock),
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
  );
};
