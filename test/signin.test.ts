// A person's sign-in over HTTP, as the browser does it: the password checked, a session cookie
// that is HttpOnly and SameSite=Strict, changes refused without the session's CSRF token or from
// another site, the account locked after five failures in a row (the right password included),
// sign-out ending the session; API tokens that end when revoked; each step in the audit log.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { createAccount } from '../services/auth/accounts.ts';
import { importDemoCatalog } from '../services/demo.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

let f: TestFactory;
let app: FastifyInstance;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  f = await createTestFactory({ inProcessWorker: false });
  await importDemoCatalog(f.database.db, 'admin@test', f.config);
  const operator = { user: 'test-operator', role: 'admin', via: 'cli' } as const;
  for (const username of ['wang', 'zhao']) {
    await createAccount(f.database.db, operator, { username, role: 'steward', region: '120101', password: PASSWORD });
  }
  app = await buildApp(f.ctx);
  await app.ready();
}, 300_000);
afterAll(async () => {
  await app?.close();
  await f?.close();
});

const signIn = (username: string, password: string, address = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/signin', payload: { username, password }, remoteAddress: address });

const cookieOf = (res: Awaited<ReturnType<typeof signIn>>) => String(res.headers['set-cookie']).split(';')[0]!;

describe('sign-in with a password', () => {
  it('opens a session held only in an HttpOnly, SameSite=Strict cookie, and answers who is signed in', async () => {
    const res = await signIn('wang', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: 'wang', role: 'steward', region: '120101', via: 'session', csrfToken: expect.any(String) });
    expect(String(res.headers['set-cookie'])).toMatch(/^cdf_session=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: cookieOf(res) } });
    expect(me.json()).toMatchObject({ user: 'wang', csrfToken: res.json<{ csrfToken: string }>().csrfToken });
  });

  it('refuses a change without the CSRF token or from another site, and accepts it with the token from this site', async () => {
    const res = await signIn('wang', PASSWORD);
    const cookie = cookieOf(res);
    const csrf = res.json<{ csrfToken: string }>().csrfToken;
    const make = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/tokens', payload: { name: 'script', scopes: ['read'] }, headers: { cookie, ...headers } });
    expect((await make({})).json()).toMatchObject({ code: 'CDF_CSRF' });
    expect((await make({ 'x-csrf-token': 'x'.repeat(43) })).statusCode).toBe(403);
    expect((await make({ 'x-csrf-token': csrf, origin: 'https://evil.example', host: 'localhost:80' })).json()).toMatchObject({ code: 'CDF_CSRF' });
    const made = await make({ 'x-csrf-token': csrf, origin: 'http://localhost:80', host: 'localhost:80' });
    expect(made.statusCode).toBe(201);

    // The token works on its own, until it is revoked.
    const { token, view } = made.json<{ token: string; view: { id: string } }>();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: '/api/auth/me', headers: bearer })).json()).toMatchObject({ user: 'wang', via: 'token' });
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${view.id}`, headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/auth/me', headers: bearer })).json()).toMatchObject({ code: 'CDF_TOKEN_INVALID' });
  });

  it('ends the session at sign-out', async () => {
    const res = await signIn('wang', PASSWORD);
    const headers = { cookie: cookieOf(res), 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken };
    expect((await app.inject({ method: 'POST', url: '/api/auth/signout', headers })).statusCode).toBe(204);
    const after = await app.inject({ url: '/api/auth/me', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'CDF_UNAUTHENTICATED', message: '登录已过期，请重新登录' });
  });

  it('answers a wrong password and an unknown user alike, and locks the account after five failures in a row', async () => {
    const unknown = await signIn('nobody', PASSWORD, '10.0.0.2');
    const wrong = await signIn('zhao', 'not the password', '10.0.0.2');
    expect([unknown.statusCode, wrong.statusCode]).toEqual([401, 401]);
    expect(unknown.json()).toEqual(wrong.json());
    for (let i = 0; i < 4; i++) await signIn('zhao', 'not the password', `10.0.1.${i}`);
    const locked = await signIn('zhao', PASSWORD, '10.0.0.3');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'CDF_ACCOUNT_LOCKED', message: expect.stringContaining('连续 5 次登录失败已锁定至') });
    // The other account is untouched, and the failures and the lock are in the audit log.
    expect((await signIn('wang', PASSWORD, '10.0.0.3')).statusCode).toBe(200);
    const failures = await f.database.db('audit_log').where({ kind: 'signin_failed', subject: 'account:zhao' }).select('payload');
    expect(failures).toHaveLength(5);
    expect(failures.at(-1)).toMatchObject({ payload: { known: true, locked: true } });
    expect(JSON.stringify(failures)).not.toContain('not the password');
  });

  it('limits sign-in attempts per address to ten a minute', async () => {
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push((await signIn('nobody', 'x', '10.0.9.9')).statusCode);
    expect(answers.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(answers[10]).toBe(429);
  });
});
