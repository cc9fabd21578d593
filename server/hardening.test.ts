// Security headers on every answer, and the rate limit for callers without a token or session.
// No route below reaches the database: each request is refused or served before it would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../services/context.ts';
import { buildApp } from './app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  const config = { maxUploadBytes: 1024, rateLimitPerMinute: 10, allowedOrigins: [], secureCookies: false };
  app = await buildApp({ config } as unknown as ServiceContext);
  await app.ready();
}, 60_000);
afterAll(async () => { await app.close(); });

describe('service hardening', () => {
  it('sends the security headers, and no-store on API answers', async () => {
    const res = await app.inject({ url: '/api/batches' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers).toMatchObject({
      'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store',
    });
  });

  it('limits an address without credentials to a fifth of the budget, in plain words; health is never limited', async () => {
    const address = { remoteAddress: '10.9.8.7' };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await app.inject({ url: '/api/batches', ...address }));
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 429]);
    expect(answers[2]!.json()).toMatchObject({ code: 'CDF_RATE_LIMITED', message: expect.stringContaining('每分钟最多 2 次') });
    expect((await app.inject({ url: '/api/health', ...address })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/batches', remoteAddress: '10.9.8.8' })).statusCode).toBe(401);
  });

  it('never limits the web application\'s pages and files: an office signs in from behind one address', async () => {
    const address = { remoteAddress: '10.9.8.9' };
    const pages = [];
    for (let i = 0; i < 5; i++) pages.push((await app.inject({ url: `/steward/tasks/${i}`, ...address })).statusCode);
    expect(pages.every((s) => s !== 429)).toBe(true);
    const api = [];
    for (let i = 0; i < 3; i++) api.push((await app.inject({ url: '/api/nothing-here', ...address })).statusCode);
    expect(api).toEqual([404, 404, 429]);
  });
});
