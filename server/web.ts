// The browser application (web/, built into web/dist by `npm run build:web`): its files, and its
// index.html for every other address outside /api, so a deep link (/auditor/records/12) opens the
// page the router draws. Hashed assets are cached for a year; index.html never, so a release is seen.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { notFoundError } from '../domain/errors.ts';

export const webDist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

const MISSING = `<!doctype html><meta charset="utf-8"><title>信用数据工厂</title>
<p>界面尚未构建：请运行 <code>npm run build:web</code>（./start.sh 会自动构建）。</p>
<p>The web application is not built: run <code>npm run build:web</code> (./start.sh builds it).</p>`;

export async function registerWeb(app: FastifyInstance): Promise<void> {
  const built = existsSync(path.join(webDist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDist, prefix: '/', wildcard: false, index: false, cacheControl: false, preCompressed: true,
      setHeaders: (res, file) => {
        res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler({ preHandler: app.rateLimit?.() }, async (req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') {
      const route = `${req.method} ${req.url.split('?')[0]}`;
      throw notFoundError('CDF_ROUTE_UNKNOWN', { zh: `没有这个接口：${route}`, en: `no such route: ${route}` });
    }
    // A missing file (a stale asset name) is not found; only page addresses get the application.
    if (/\.[a-z0-9]+$/i.test(req.url.split('?')[0] ?? '')) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
    if (!built) return reply.type('text/html; charset=utf-8').send(MISSING);
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
}
