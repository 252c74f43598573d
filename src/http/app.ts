import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { CODE_LISTS } from '../domain/codes.js';
import { accountRoutes } from '../modules/accounts/routes.js';
import { assessmentRoutes } from '../modules/assessment/routes.js';
import { areaRoutes } from '../modules/areas/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { importRoutes } from '../modules/imports/routes.js';
import { ImportRunner } from '../modules/imports/runner.js';
import { registryRoutes } from '../modules/registry/routes.js';
import { measureRoutes } from '../modules/measures/routes.js';
import { preassessmentRoutes } from '../modules/preassessment/routes.js';
import { findingRoutes } from '../modules/findings/routes.js';
import { problemRoutes } from '../modules/problems/routes.js';
import { ruleRoutes } from '../modules/rules/routes.js';
import { standardRoutes } from '../modules/standards/routes.js';
import { monitoringRoutes } from '../modules/monitoring/routes.js';
import { departmentRoutes } from '../modules/departments/routes.js';
import { loadAddedDatasetTypes } from '../modules/departments/dataset-types.js';
import { dutyRoutes } from '../modules/duty/routes.js';
import { registerAuth } from './auth.js';
import type { AppContext } from './context.js';
import { noRoute, registerErrorHandler } from './errors.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface BuildOptions {
  logger?: boolean | { level: string };
  /** Serve the built web client from web/dist (off in API tests). */
  serveWeb?: boolean;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: true,
    bodyLimit: 5 * 1024 * 1024,
    genReqId: () => Math.random().toString(36).slice(2, 10),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '精准 Jingzhun API',
        description: 'Registry, verification and monitoring of poor and at-risk households. Session cookie auth (POST /api/auth/login).',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(fastifyCookie);
  registerAuth(app, ctx.database.db);

  app.get('/api/health', { config: { public: true }, schema: { tags: ['system'], summary: '健康检查 Health' } }, async () => ({
    status: 'ok',
    database: ctx.database.kind,
  }));
  app.get('/api/codes', { config: { public: true }, schema: { tags: ['system'], summary: '代码表 Coded lists' } }, async () => CODE_LISTS);

  // Dataset types the city added live in the database; the rule editor's checks and the department pages read the
  // catalogue, so they load it first and a type added through another server process is known here too. (Runs and
  // uploads load it themselves: they also run outside HTTP.)
  app.addHook('preHandler', async (req) => {
    if (/^\/api\/(rules|departments)\b/.test(req.url)) await loadAddedDatasetTypes(ctx.database.db);
  });
  await accountRoutes(app, ctx);
  await areaRoutes(app, ctx);
  await registryRoutes(app, ctx);
  await auditRoutes(app, ctx);
  await standardRoutes(app, ctx);
  await measureRoutes(app, ctx);
  await preassessmentRoutes(app, ctx);
  await assessmentRoutes(app, ctx);
  await ruleRoutes(app, ctx);
  // Rule runs get their own one-at-a-time runner (a second instance of the import runner), so an import and a run can overlap.
  await findingRoutes(app, ctx, ctx.ruleRunner ?? new ImportRunner());
  await problemRoutes(app, ctx);
  await monitoringRoutes(app, ctx);
  await dutyRoutes(app, ctx);
  // Registry imports and department uploads share one runner: both read big files, one at a time on two cores.
  const importRunner = ctx.importRunner ?? new ImportRunner();
  await importRoutes(app, ctx, {
    db: ctx.database.db,
    dataDir: ctx.config.dataDir,
    maxBytes: ctx.config.importMaxBytes,
    runner: importRunner,
  });
  await departmentRoutes(app, ctx, importRunner);

  if (opts.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
    // Client-side routes (/households/12) get the app shell; unknown /api paths stay JSON 404s.
    app.setNotFoundHandler((req, reply) =>
      req.url.startsWith('/api/') || req.method !== 'GET' ? noRoute(req, reply) : reply.sendFile('index.html'),
    );
  } else {
    app.setNotFoundHandler(noRoute);
  }
  return app;
}
