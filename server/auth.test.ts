import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../services/context.ts';
import { registerAuth } from './auth.ts';
import { registerErrors } from './errors.ts';

// No route below reaches the database: a request is refused before any session or token is looked up.
const ctx = {} as ServiceContext;

async function app() {
  const a = Fastify();
  registerErrors(a);
  await a.register(cookie);
  registerAuth(a, ctx, { allowedOrigins: ['https://portal.example.gov.cn'] });
  a.get('/api/admin', { config: { roles: ['admin'] } }, async () => ({ secret: true }));
  a.post('/api/open', { config: { roles: 'public' } }, async () => ({ ok: true }));
  return a;
}

describe('route roles and proof of identity', () => {
  it('refuses to register an /api route that declares no roles', async () => {
    const a = Fastify();
    registerAuth(a, ctx, { allowedOrigins: [] });
    expect(() => a.get('/api/anything', async () => ({}))).toThrow('declares no roles');
  });

  it('answers 401 without a session or token, and ignores a declared identity header', async () => {
    const a = await app();
    // Headers that merely claim someone (a proxy's user header, basic credentials) prove nothing here.
    const claims = [{}, { 'x-remote-user': 'admin' }, { 'x-forwarded-user': 'admin', cookie: 'other=1' }, { authorization: 'Basic YWRtaW46YWRtaW4=' }];
    for (const headers of claims) {
      const res = await a.inject({ url: '/api/admin', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'CDF_UNAUTHENTICATED' });
      expect(res.body).not.toContain('secret');
    }
  });

  it('refuses a malformed bearer token as 401 without looking it up', async () => {
    const res = await (await app()).inject({ url: '/api/admin', headers: { authorization: 'Bearer admin' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'CDF_TOKEN_INVALID' });
  });

  it('refuses a change from another site, even on a public route (login CSRF)', async () => {
    const a = await app();
    const cross = await a.inject({ method: 'POST', url: '/api/open', headers: { origin: 'https://evil.example', host: 'localhost' } });
    expect(cross.statusCode).toBe(403);
    expect(cross.json()).toMatchObject({ code: 'CDF_CSRF', messageEn: expect.stringContaining('https://evil.example') });
    const fetchMeta = await a.inject({ method: 'POST', url: '/api/open', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(fetchMeta.statusCode).toBe(403);
    const own = await a.inject({ method: 'POST', url: '/api/open', headers: { origin: 'http://localhost:80', host: 'localhost:80' } });
    expect(own.statusCode).toBe(200);
    const allowed = await a.inject({ method: 'POST', url: '/api/open', headers: { origin: 'https://portal.example.gov.cn' } });
    expect(allowed.statusCode).toBe(200);
    const noOrigin = await a.inject({ method: 'POST', url: '/api/open' });
    expect(noOrigin.statusCode).toBe(200);
  });
});
