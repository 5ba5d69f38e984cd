import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerOf } from '../auth/auth.plugin.ts';
import { type ApiDeps, asOfOr, asOfQuery, codeParams, errorResponses } from '../../shared/http.ts';
import { postLedgerSchema, quotaLedgerSchema, regionFiguresSchema } from './establishment.schemas.ts';
import { regionFigures, unitPostLedger, unitQuotaLedger } from './establishment.service.ts';

export const establishmentRoutes: FastifyPluginAsyncZod<ApiDeps> = async (app, { db, clock }) => {
  app.get(
    '/api/units/:code/quota-ledger',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['establishment'],
        summary: '编制台账',
        params: codeParams,
        response: { 200: quotaLedgerSchema, ...errorResponses },
      },
    },
    (request) => unitQuotaLedger(db, callerOf(request).scope, request.params.code),
  );

  app.get(
    '/api/units/:code/post-ledger',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['establishment'],
        summary: '领导职数台账',
        params: codeParams,
        response: { 200: postLedgerSchema, ...errorResponses },
      },
    },
    (request) => unitPostLedger(db, callerOf(request).scope, request.params.code),
  );

  app.get(
    '/api/regions/:code/figures',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['establishment'],
        summary: '区划及下级区划全部机构的编制使用情况',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: regionFiguresSchema, ...errorResponses },
      },
    },
    (request) =>
      regionFigures(db, callerOf(request).scope, request.params.code, asOfOr(request.query.asOf, clock)),
  );
};
