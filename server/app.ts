// The HTTP API and the static UI. Every /api route declares its roles (server/auth.ts refuses a
// route that does not); the OpenAPI document is published at /api/openapi.json.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { ServiceContext } from '../services/context.ts';
import { registerAuth } from './auth.ts';
import { registerErrors } from './errors.ts';
import { batchRoutes } from './routes/batches.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { codeRoutes } from './routes/codes.ts';
import { stewardRoutes } from './routes/steward.ts';
import { lineageRoutes } from './routes/lineage.ts';
import { publicRoutes } from './routes/public.ts';

const uiDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'ui');

export async function buildApp(ctx: ServiceContext, opts: { devIdentity?: string; logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 16 * 1024 * 1024 });
  await app.register(swagger, { openapi: { info: { title: '信用数据工厂 API / Credit data factory API', version: '0.1.0' } } });
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes + 1, files: 1 } });
  app.addContentTypeParser(['text/yaml', 'application/yaml', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  registerErrors(app);
  registerAuth(app, opts.devIdentity);
  app.get('/api/health', { config: { roles: 'public' } }, async () => ({ ok: true }));
  app.get('/api/openapi.json', { config: { roles: 'public' }, schema: { hide: true } }, async () => app.swagger());
  catalogRoutes(app, ctx);
  batchRoutes(app, ctx);
  codeRoutes(app, ctx);
  stewardRoutes(app, ctx);
  lineageRoutes(app, ctx);
  publicRoutes(app, ctx);
  await app.register(fastifyStatic, { root: uiDir, prefix: '/' });
  return app;
}
