import { tmpdir } from 'node:os';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  createJsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from './db/database.ts';
import type { AuditTrail } from './modules/audit/audit.service.ts';
import { authPlugin } from './modules/auth/auth.plugin.ts';
import { establishmentRoutes } from './modules/establishment/establishment.routes.ts';
import type { IdCipher } from './modules/identity/id-cipher.ts';
import { interchangeRoutes } from './modules/interchange/interchange.routes.ts';
import { createJobRegistry, type JobRegistry } from './modules/jobs/jobs.registry.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { rosterRoutes } from './modules/roster/roster.routes.ts';
import type { Clock } from './shared/dates.ts';
import { type ApiDeps, handleError, handleNotFound } from './shared/http.ts';

export interface AppOptions {
  database: Database;
  /** For the services that protect or reveal ID numbers (import, export); the read API shows them masked. */
  idCipher: IdCipher;
  /** Every write goes through it: imports are one audit entry each. */
  audit: AuditTrail;
  clock: Clock;
  logger?: FastifyServerOptions['logger'];
  /** The bearer token every `/api/*` route but health and the docs requires. */
  apiToken: string;
  /** Where long work (imports) runs; by default a registry of the app's own. Closed with the app. */
  jobs?: JobRegistry;
  /** Where uploads, error reports and exports are kept while needed (default: the system's temp folder). */
  workDir?: string;
  /** The largest upload accepted, in bytes (default 1 GiB). */
  uploadLimit?: number;
}

export const DEFAULT_UPLOAD_LIMIT = 1 << 30;

export const API_DOCS_PREFIX = '/api/docs';

/** The web application: built from what it is given, never from module-level state. */
export function buildApp(options: AppOptions) {
  const app = Fastify({ logger: options.logger ?? false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  const jobs =
    options.jobs ??
    createJobRegistry({
      clock: options.clock,
      onError: (error, job) => app.log.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed'),
    });
  // A running import finishes before the database is closed; queued ones are cancelled.
  app.addHook('onClose', () => jobs.close());

  app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Bianzhi 编制 API', description: '机构编制管理平台接口', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: createJsonSchemaTransform({ skipList: [] }),
  });
  app.register(fastifySwaggerUi, { routePrefix: API_DOCS_PREFIX });

  // Routes go in plugins, loaded after swagger, so its onRoute hook sees every one of them.
  app.register(async (open) => {
    open.get(
      '/api/health',
      {
        schema: {
          tags: ['system'],
          summary: '健康检查（无需令牌）',
          security: [],
          response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
        },
      },
      async () => ({ status: 'ok' as const, database: options.database.kind }),
    );
  });

  const deps: ApiDeps = { db: options.database.db, clock: options.clock };
  app.register(async (api) => {
    await api.register(authPlugin, { apiToken: options.apiToken });
    await api.register(orgRoutes, deps);
    await api.register(establishmentRoutes, deps);
    await api.register(rosterRoutes, deps);
    await api.register(interchangeRoutes, {
      database: options.database,
      idCipher: options.idCipher,
      audit: options.audit,
      clock: options.clock,
      jobs,
      workDir: options.workDir ?? tmpdir(),
      uploadLimit: options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT,
    });
  });

  return app;
}

export type App = ReturnType<typeof buildApp>;
