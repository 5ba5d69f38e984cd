import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerOf } from '../auth/auth.plugin.ts';
import { type ApiDeps, asOfOr, asOfQuery, codeParams, errorResponses } from '../../shared/http.ts';
import { dutiesSchema, regionListSchema, regionUnitsSchema, unitDetailSchema } from './org.schemas.ts';
import { regionList, regionUnits, unitDetail, unitDuties } from './org.service.ts';

export const orgRoutes: FastifyPluginAsyncZod<ApiDeps> = async (app, { db, clock }) => {
  app.get(
    '/api/regions',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['org'],
        summary: '本区划及下级区划（树：parentCode）',
        response: { 200: regionListSchema, ...errorResponses },
      },
    },
    (request) => regionList(db, callerOf(request).scope),
  );

  app.get(
    '/api/regions/:code/units',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['org'],
        summary: '区划内的机构（当日版本，树：parentCode）',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: regionUnitsSchema, ...errorResponses },
      },
    },
    (request) =>
      regionUnits(db, callerOf(request).scope, request.params.code, asOfOr(request.query.asOf, clock)),
  );

  app.get(
    '/api/units/:code',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['org'],
        summary: '机构详情：当日版本、历史版本、编制与职数情况、三定规定',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: unitDetailSchema, ...errorResponses },
      },
    },
    (request) =>
      unitDetail(db, callerOf(request).scope, request.params.code, asOfOr(request.query.asOf, clock)),
  );

  app.get(
    '/api/units/:code/duties',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['org'],
        summary: '权责清单：机构在某日承担的事项',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: dutiesSchema, ...errorResponses },
      },
    },
    (request) =>
      unitDuties(db, callerOf(request).scope, request.params.code, asOfOr(request.query.asOf, clock)),
  );
};
