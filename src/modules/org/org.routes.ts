import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type ApiDeps, asOfOr, asOfQuery, codeParams, errorResponses } from '../../shared/http.ts';
import { regionListSchema, regionUnitsSchema, unitDetailSchema } from './org.schemas.ts';
import { regionList, regionUnits, unitDetail } from './org.service.ts';

export const orgRoutes: FastifyPluginAsyncZod<ApiDeps> = async (app, { db, clock }) => {
  app.get(
    '/api/regions',
    {
      schema: {
        tags: ['org'],
        summary: '行政区划（树：parentCode）',
        response: { 200: regionListSchema, ...errorResponses },
      },
    },
    () => regionList(db),
  );

  app.get(
    '/api/regions/:code/units',
    {
      schema: {
        tags: ['org'],
        summary: '区划内的机构（当日版本，树：parentCode）',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: regionUnitsSchema, ...errorResponses },
      },
    },
    (request) => regionUnits(db, request.params.code, asOfOr(request.query.asOf, clock)),
  );

  app.get(
    '/api/units/:code',
    {
      schema: {
        tags: ['org'],
        summary: '机构详情：当日版本、历史版本、编制与职数情况、三定规定',
        params: codeParams,
        querystring: asOfQuery,
        response: { 200: unitDetailSchema, ...errorResponses },
      },
    },
    (request) => unitDetail(db, request.params.code, asOfOr(request.query.asOf, clock)),
  );
};
