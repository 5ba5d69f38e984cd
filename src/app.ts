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
import { auditRoutes } from './modules/audit/audit.routes.ts';
import type { AuditTrail } from './modules/audit/audit.service.ts';
import { declareRoutesPublic, installAuth } from './modules/auth/auth.plugin.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import {
  createAuthService,
  DEFAULT_SESSION_SETTINGS,
  type SessionSettings,
} from './modules/auth/auth.service.ts';
import { establishmentRoutes } from './modules/establishment/establishment.routes.ts';
import type { IdCipher } from './modules/identity/id-cipher.ts';
import { interchangeRoutes } from './modules/interchange/interchange.routes.ts';
import { createJobRegistry, type JobRegistry } from './modules/jobs/jobs.registry.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { rosterRoutes } from './modules/roster/roster.routes.ts';
import { rosterSearchRoutes } from './modules/roster/roster.search.routes.ts';
import { statsRoutes } from './modules/stats/stats.routes.ts';
import { templateRoutes } from './modules/interchange/interchange.templates.routes.ts';
import { transactionsRoutes } from './modules/transactions/transactions.routes.ts';
import { vacancyRoutes } from './modules/transactions/vacancy.routes.ts';
import { findingsRoutes } from './modules/findings/findings.routes.ts';
import { proposalsRoutes } from './modules/proposals/proposals.routes.ts';
import { warningsDashboardRoutes } from './modules/warnings/warnings.dashboard.routes.ts';
import { warningsRoutes } from './modules/warnings/warnings.routes.ts';
import { ruleSettingsRoutes } from './modules/warnings/warnings.settings.routes.ts';
import {
  startScanScheduler,
  type ScanScheduler,
  type TimeOfDay,
  type Timer,
} from './modules/warnings/warnings.scheduler.ts';
import { startScanJob, type WarningsDeps } from './modules/warnings/warnings.store.ts';
import { webPlugin } from './modules/web/web.plugin.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { createUsersService } from './modules/users/users.service.ts';
import { SessionCache } from './modules/auth/session.cache.ts';
import type { Clock } from './shared/dates.ts';
import { type ApiDeps, handleError, handleNotFound } from './shared/http.ts';

export interface AppOptions {
  database: Database;
  /** For the services that protect or reveal ID numbers (import, export, and the roster for those who may see them). */
  idCipher: IdCipher;
  /** Every write goes through it: imports, account changes, logins and logouts are one audit entry each. */
  audit: AuditTrail;
  clock: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Idle timeout, lifetime and lockout of sessions (defaults: 30 min idle, 12 h, 5 attempts, 15 min lock). */
  sessions?: Partial<SessionSettings>;
  /** Where long work (imports) runs; by default a registry of the app's own. Closed with the app. */
  jobs?: JobRegistry;
  /** Where uploads, error reports and exports are kept while needed (default: the system's temp folder). */
  workDir?: string;
  /** The largest upload accepted, in bytes (default 1 GiB). */
  uploadLimit?: number;
  /** A warning scan every day at this time (China time), from when the app is ready; none by default. */
  scanSchedule?: { at: TimeOfDay; timer?: Timer };
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

  const sessions = new SessionCache();
  const auth = createAuthService({
    db: options.database.db,
    audit: options.audit,
    clock: options.clock,
    settings: { ...DEFAULT_SESSION_SETTINGS, ...options.sessions },
    sessions,
  });
  // First, so that it sees every route: a route that declares no access stops the application starting.
  installAuth(app, { auth });

  app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Bianzhi 编制 API', description: '机构编制管理平台接口', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'bz_session',
            description:
              '登录（POST /api/auth/login）后的会话 Cookie；除 GET/HEAD 外的请求还须带请求头 x-csrf-token',
          },
        },
      },
      security: [{ session: [] }],
    },
    transform: createJsonSchemaTransform({ skipList: [] }),
  });
  app.register(async (docs) => {
    declareRoutesPublic(docs);
    await docs.register(fastifySwaggerUi, { routePrefix: API_DOCS_PREFIX });
  });

  // Routes go in plugins, loaded after swagger, so its onRoute hook sees every one of them.
  app.register(async (open) => {
    open.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary: '健康检查（无需登录）',
          security: [],
          response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
        },
      },
      async () => ({ status: 'ok' as const, database: options.database.kind }),
    );
  });

  const warningsDeps: WarningsDeps = {
    database: options.database,
    idCipher: options.idCipher,
    audit: options.audit,
    clock: options.clock,
    jobs,
  };
  const { scanSchedule } = options;
  if (scanSchedule) {
    let scheduler: ScanScheduler | undefined;
    app.addHook('onReady', async () => {
      scheduler = startScanScheduler({
        ...scanSchedule,
        clock: options.clock,
        // A scan still waiting or running makes another needless.
        run: () => void startScanJob(warningsDeps, 'system', { regionCode: null, unless: 'pending' }),
        onError: (error) => app.log.error({ err: error }, 'scheduled scan failed to start'),
      });
    });
    app.addHook('preClose', async () => scheduler?.stop());
  }

  const deps: ApiDeps = { db: options.database.db, clock: options.clock };
  const users = createUsersService({
    db: options.database.db,
    audit: options.audit,
    clock: options.clock,
    sessions,
  });
  app.register(async (api) => {
    await api.register(authRoutes, { auth });
    await api.register(usersRoutes, { users });
    await api.register(auditRoutes, { db: options.database.db, audit: options.audit });
    await api.register(orgRoutes, deps);
    await api.register(establishmentRoutes, deps);
    await api.register(rosterRoutes, { ...deps, idCipher: options.idCipher });
    await api.register(interchangeRoutes, {
      database: options.database,
      idCipher: options.idCipher,
      audit: options.audit,
      clock: options.clock,
      jobs,
      workDir: options.workDir ?? tmpdir(),
      uploadLimit: options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT,
      // What an import wrote is scanned at once; a scan still waiting to start will see it anyway.
      afterImport: (actor, regionCode) =>
        startScanJob(warningsDeps, actor, { regionCode, unless: 'queued' }).jobId,
    });
    await api.register(templateRoutes);
    await api.register(rosterSearchRoutes, { ...deps, idCipher: options.idCipher });
    await api.register(statsRoutes, deps);
    await api.register(warningsRoutes, warningsDeps);
    await api.register(ruleSettingsRoutes, {
      db: options.database.db,
      audit: options.audit,
      clock: options.clock,
    });
    await api.register(warningsDashboardRoutes, {
      database: options.database,
      idCipher: options.idCipher,
      clock: options.clock,
    });
    await api.register(transactionsRoutes, {
      database: options.database,
      idCipher: options.idCipher,
      audit: options.audit,
      clock: options.clock,
    });
    await api.register(vacancyRoutes, { ...deps, idCipher: options.idCipher });
    await api.register(findingsRoutes, {
      database: options.database,
      audit: options.audit,
      clock: options.clock,
    });
    await api.register(proposalsRoutes, {
      database: options.database,
      audit: options.audit,
      clock: options.clock,
    });
  });

  // The web application: its files, and index.html for any other GET outside /api (client routes).
  app.register(webPlugin);

  return app;
}

export type App = ReturnType<typeof buildApp>;
