import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerAuth } from './auth.ts';
import { registerErrors } from './errors.ts';

describe('route roles', () => {
  it('refuses to register an /api route that declares no roles', () => {
    const app = Fastify();
    registerAuth(app, undefined);
    expect(() => app.get('/api/anything', async () => ({}))).toThrow('declares no roles');
  });

  it('admits the declared roles only, using the development identity when no header is sent', async () => {
    const app = Fastify();
    registerErrors(app);
    registerAuth(app, 'auditor@dev');
    app.get('/api/audit', { config: { roles: ['auditor'] } }, async (req) => ({ user: req.identity.user }));
    app.get('/api/admin', { config: { roles: ['admin'] } }, async () => ({}));
    expect((await app.inject({ url: '/api/audit' })).json()).toEqual({ user: 'dev' });
    const refused = await app.inject({ url: '/api/admin' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'CDF_FORBIDDEN', message: '审计（dev）无权访问 /api/admin，需要：管理员' });
    const asAdmin = await app.inject({ url: '/api/admin', headers: { 'x-cdf-identity': 'admin' } });
    expect(asAdmin.statusCode).toBe(200);
  });
});
