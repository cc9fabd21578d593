// The HTTP API and the static UI. Every /api route declares its roles (server/auth.ts refuses a
// route that does not); the OpenAPI document is published at /api/openapi.json.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import cookie from '@fastify/cookie';
import type { ServiceContext } from '../services/context.ts';
import { registerAuth } from './auth.ts';
import { registerRateLimit, registerSecurityHeaders } from './hardening.ts';
import { authRoutes } from './routes/auth.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { registerErrors } from './errors.ts';
import { batchRoutes } from './routes/batches.ts';
import { agencyRoutes } from './routes/agency.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { codeRoutes } from './routes/codes.ts';
import { stewardRoutes } from './routes/steward.ts';
import { lineageRoutes } from './routes/lineage.ts';
import { recordRoutes } from './routes/records.ts';
import { deliveryRoutes } from './routes/deliveries.ts';
import { caseRoutes } from './routes/cases.ts';
import { pullRoutes } from './routes/pulls.ts';
import { operatorRoutes } from './routes/operator.ts';
import { publicRoutes } from './routes/public.ts';
import { labelRoutes } from './routes/labels.ts';
import { registerComponents } from './schemas/components.ts';
import { swaggerOptions } from './schemas/openapi.ts';
import { healthSchema } from './schemas/system.ts';
import { registerWeb } from './web.ts';

export async function buildApp(ctx: ServiceContext, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  // The request id is random, so the id a 500 shows cannot be guessed or walked.
  const app = Fastify({ logger: opts.logger ? { level: 'warn' } : false, bodyLimit: 16 * 1024 * 1024, genReqId: () => randomUUID(), trustProxy: false });
  registerComponents(app);
  registerSecurityHeaders(app);
  await app.register(cookie);
  await registerRateLimit(app, ctx.config.rateLimitPerMinute);
  await app.register(swagger, swaggerOptions);
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes + 1, files: 1 } });
  app.addContentTypeParser(['text/yaml', 'application/yaml', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  registerErrors(app);
  registerAuth(app, ctx, { allowedOrigins: ctx.config.allowedOrigins });
  app.get('/api/health', { config: { roles: 'public' }, schema: healthSchema }, async () => ({ ok: true }));
  // The document describes every route and role: it is for signed-in clients, like the API itself.
  app.get('/api/openapi.json', { config: { roles: ['agency', 'steward', 'auditor', 'admin'] }, schema: { hide: true } }, async () => app.swagger());
  authRoutes(app, ctx, { secure: ctx.config.secureCookies });
  oidcRoutes(app, ctx, { secure: ctx.config.secureCookies });
  catalogRoutes(app, ctx);
  batchRoutes(app, ctx);
  agencyRoutes(app, ctx);
  codeRoutes(app, ctx);
  stewardRoutes(app, ctx);
  lineageRoutes(app, ctx);
  recordRoutes(app, ctx);
  deliveryRoutes(app, ctx);
  caseRoutes(app, ctx);
  operatorRoutes(app, ctx);
  pullRoutes(app, ctx);
  publicRoutes(app, ctx);
  labelRoutes(app);
  await registerWeb(app);
  return app;
}
