// Sign-in through an identity provider, end to end: a real OpenID provider (oidc-provider, in this
// process, over http on a free port, with its development login and consent pages) and the
// factory's API on a real socket, driven with fetch and a small cookie jar as a browser would be.
// A subject bound to an account signs in as that account (via oidc); one bound to none is refused
// and nothing is signed in; a state or flow cookie that was altered is refused; all is audited.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { loadConfig } from '../runtime/config.ts';
import { buildApp } from '../server/app.ts';
import { createAccount } from '../services/auth/accounts.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

const CLIENT_ID = 'credit-data-factory';
const CLIENT_SECRET = 'a-client-secret-for-tests-only-0123456789';
const SUBJECTS = new Set(['s-known', 's-stranger']);

interface OidcProvider { callback(): http.RequestListener }
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;

let f: TestFactory;
let app: FastifyInstance;
let idp: http.Server;
let issuer: string;
let base: string;

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = net.createServer().once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address() as AddressInfo;
    s.close(() => resolve(port));
  });
});

/** Cookies per host and port, as much of a browser's jar as this flow needs. */
class Jar {
  private readonly byHost = new Map<string, Map<string, string>>();
  store(url: string, res: Response): void {
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    this.byHost.set(host, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const gone = !value || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a));
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
  }
  get(url: string, name: string): string | undefined {
    return this.byHost.get(new URL(url).host)?.get(name);
  }
  set(url: string, name: string, value: string): void {
    this.byHost.get(new URL(url).host)?.set(name, value);
  }
  header(url: string): string {
    return [...(this.byHost.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function go(jar: Jar, url: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: jar.header(url) } });
  jar.store(url, res);
  return res;
}

/** From the sign-in button to the provider's redirect back: logs in as `login` and consents. */
async function toCallback(login: string): Promise<{ jar: Jar; callback: string }> {
  const jar = new Jar();
  const start = await go(jar, `${base}/api/auth/oidc/start`, { headers: { accept: 'text/html' } });
  expect(start.status).toBe(302);
  let url = new URL(start.headers.get('location')!).href;
  const auth = new URL(url).searchParams;
  expect(url.startsWith(issuer)).toBe(true);
  expect(Object.fromEntries(auth)).toMatchObject({ client_id: CLIENT_ID, response_type: 'code', scope: 'openid', code_challenge_method: 'S256' });
  expect(auth.get('state')).toBeTruthy();
  expect(auth.get('nonce')).toBeTruthy();
  expect(auth.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(start.headers.getSetCookie().join('\n')).toMatch(/cdf_oidc=.*HttpOnly.*SameSite=Lax|cdf_oidc=.*SameSite=Lax.*HttpOnly/i);
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(`${base}/api/auth/oidc/callback`)) return { jar, callback: url };
    let res = await go(jar, url);
    if (res.status === 200) {
      // The provider's development login and consent pages: one form each.
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      expect(action && prompt, html.slice(0, 500)).toBeTruthy();
      const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt: prompt! };
      const target = new URL(action!.replace(/&amp;/g, '&'), url).href;
      res = await go(jar, target, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      url = target;
    }
    expect([302, 303], `${url}: ${res.status}`).toContain(res.status);
    url = new URL(res.headers.get('location')!, url).href;
  }
  throw new Error(`the provider never sent the browser back (last at ${url})`);
}

const auditOf = async (kind: string) =>
  (await f.database.db('audit_log').where({ kind }).orderBy('seq')) as Array<{ actor: string; subject: string; payload: Record<string, unknown> }>;

beforeAll(async () => {
  // The provider first: its issuer (and so its port) goes into the factory's configuration.
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  idp = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const appPort = await freePort();
  base = `http://127.0.0.1:${appPort}`;
  const redirectUrl = `${base}/api/auth/oidc/callback`;
  const { default: Provider } = (await import('oidc-provider' as string)) as { default: ProviderClass };
  const provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [redirectUrl], grant_types: ['authorization_code'], response_types: ['code'],
    }],
    findAccount: (_ctx: unknown, sub: string) => (SUBJECTS.has(sub) ? { accountId: sub, claims: () => ({ sub }) } : undefined),
    cookies: { keys: ['cookie-key-for-tests-only'] },
    // Refuse an authorization request without PKCE, so the test fails if the factory stops sending it.
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
  });
  handler = provider.callback();

  f = await createTestFactory({
    inProcessWorker: false,
    env: {
      CDF_OIDC_ISSUER: issuer, CDF_OIDC_CLIENT_ID: CLIENT_ID, CDF_OIDC_CLIENT_SECRET: CLIENT_SECRET, CDF_OIDC_REDIRECT_URL: redirectUrl,
      CDF_OIDC_LABEL: '统一身份认证 / City sign-in',
    },
  });
  app = await buildApp(f.ctx);
  await app.listen({ host: '127.0.0.1', port: appPort });
  const res = await fetch(`${base}/api/catalog?name=catalog.yaml`, {
    method: 'POST', headers: await signedAs(f.database.db, 'admin@t', { 'content-type': 'text/yaml' }), body: readFileSync(DEMO_CATALOG, 'utf8'),
  });
  expect(res.status).toBe(200);
  await createAccount(f.database.db, { user: 'test-operator', role: 'admin', via: 'cli' }, {
    username: 'zhang.wei', role: 'agency', agency: 'city_market_regulation', oidcSubject: 's-known', displayName: '张伟',
  });
});

afterAll(async () => {
  await app?.close();
  await f?.close();
  await new Promise((resolve) => (idp ? idp.close(resolve) : resolve(undefined)));
});

describe('sign-in through the identity provider', () => {
  it('tells the page there is a provider, and its button text', async () => {
    const res = await fetch(`${base}/api/auth/providers`);
    expect(await res.json()).toEqual({ oidc: { label: '统一身份认证 / City sign-in' } });
  });

  it('signs a bound subject in as its account, via oidc, and audits it', async () => {
    const { jar, callback } = await toCallback('s-known');
    const res = await go(jar, callback, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.getSetCookie().join('\n')).toMatch(/cdf_session=[^;]+;.*HttpOnly/i);
    expect(jar.get(base, 'cdf_oidc'), 'the flow cookie is used once').toBeUndefined();
    const me = await go(jar, `${base}/api/auth/me`);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: 'zhang.wei', role: 'agency', agency: 'city_market_regulation', via: 'oidc', csrfToken: expect.any(String) });
    expect((await auditOf('signin')).filter((a) => a.actor === 'zhang.wei')).toEqual([
      expect.objectContaining({ subject: 'account:zhang.wei', payload: expect.objectContaining({ via: 'oidc' }) }),
    ]);
  });

  it('refuses a subject bound to no account, with a page in both languages, and signs nothing in', async () => {
    const { jar, callback } = await toCallback('s-stranger');
    const res = await go(jar, callback, { headers: { accept: 'text/html', 'accept-language': 'zh-CN' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('统一身份认证用户 s-stranger 没有绑定本系统的账号');
    expect(page).toContain('the identity-provider user s-stranger is bound to no account here');
    expect(page).toContain('CDF_OIDC_NO_ACCOUNT');
    expect(jar.get(base, 'cdf_session')).toBeUndefined();
    expect((await go(jar, `${base}/api/auth/me`)).status).toBe(401);
    expect(await f.database.db('accounts').where({ oidc_subject: 's-stranger' })).toEqual([]);
    expect(await auditOf('signin_failed')).toContainEqual(expect.objectContaining({
      actor: 'anonymous', subject: 'oidc:s-stranger', payload: expect.objectContaining({ via: 'oidc', reason: 'unknown_subject' }),
    }));
  });

  it('refuses a callback whose state was altered, and then its flow altogether', async () => {
    const { jar, callback } = await toCallback('s-known');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')!.slice(0, -2)}xx`);
    const res = await go(jar, tampered.href, { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'CDF_OIDC_STATE', messageEn: expect.stringContaining('not the one this browser started') });
    expect(jar.get(base, 'cdf_session')).toBeUndefined();
    // The flow cookie went with the refusal: the genuine callback cannot be replayed after it.
    const again = await go(jar, callback);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ code: 'CDF_OIDC_STATE', messageEn: expect.stringContaining('no cdf_oidc cookie') });
    expect((await auditOf('signin_failed')).map((a) => a.payload.reason)).toEqual(expect.arrayContaining(['state_mismatch', 'flow_cookie_missing']));
  });

  it('refuses a flow cookie that was altered', async () => {
    const { jar, callback } = await toCallback('s-known');
    const sealed = jar.get(base, 'cdf_oidc')!;
    jar.set(base, 'cdf_oidc', `${sealed.slice(0, 40)}${sealed[40] === 'A' ? 'B' : 'A'}${sealed.slice(41)}`);
    const res = await go(jar, callback);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'CDF_OIDC_STATE', message: expect.stringContaining('无法验证') });
    expect(jar.get(base, 'cdf_session')).toBeUndefined();
  });

  it('documents its routes, public, in a valid OpenAPI document', async () => {
    type Operation = { operationId?: string; tags?: string[]; summary?: string; security?: unknown; responses: Record<string, unknown> };
    const res = await fetch(`${base}/api/openapi.json`, { headers: await signedAs(f.database.db, 'auditor@t') });
    const doc = (await res.json()) as { paths: Record<string, Record<string, Operation>> };
    expect((await new Validator().validate(doc as unknown as Record<string, unknown>)).errors ?? []).toEqual([]);
    for (const p of ['/api/auth/providers', '/api/auth/oidc/start', '/api/auth/oidc/callback']) {
      const op = doc.paths[p]?.get;
      expect(op, p).toBeDefined();
      expect(op!.operationId, p).toBeTruthy();
      expect(op!.tags, p).toEqual(['auth']);
      expect(op!.summary, p).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      expect(op!.security, p).toEqual([]);
      expect(Object.keys(op!.responses), p).toEqual(expect.arrayContaining(['400', '500']));
    }
  });

  it('answers 503 while the provider cannot be reached, and tries again on the next sign-in', async () => {
    const down = await buildApp({ ...f.ctx, config: { ...f.config, oidc: { ...f.config.oidc!, issuer: `http://127.0.0.1:${await freePort()}` } } });
    try {
      for (let i = 0; i < 2; i++) {
        const res = await down.inject({ url: '/api/auth/oidc/start', headers: { 'accept-language': 'en' } });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ code: 'CDF_OIDC_UNAVAILABLE', messageEn: expect.stringContaining('cannot reach the identity provider http://127.0.0.1:') });
        expect(res.headers['retry-after']).toBe('30');
      }
      // A browser gets the page, with the same status and when to try again.
      const page = await down.inject({ url: '/api/auth/oidc/start', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['retry-after']).toBe('30');
      expect(page.body).toContain('CDF_OIDC_UNAVAILABLE');
    } finally {
      await down.close();
    }
  });

  it('is off without an issuer and a client id, and refuses half a configuration', async () => {
    const off = await buildApp({ ...f.ctx, config: { ...f.config, oidc: undefined } });
    try {
      expect((await off.inject({ url: '/api/auth/providers' })).json()).toEqual({ oidc: null });
      expect((await off.inject({ url: '/api/auth/oidc/start' })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
    const env = { DATABASE_URL: 'postgres://u:p@h/db', CDF_OIDC_ISSUER: issuer };
    expect(() => loadConfig(env)).toThrow(/CDF_OIDC_CLIENT_ID, CDF_OIDC_REDIRECT_URL/);
    expect(() => loadConfig({ ...env, CDF_OIDC_ISSUER: 'idp.example.gov.cn' })).toThrow(/CDF_OIDC_ISSUER must be an http\(s\) URL/);
    const on = loadConfig({ ...env, CDF_OIDC_CLIENT_ID: 'c', CDF_OIDC_CLIENT_SECRET: 's3cret', CDF_OIDC_REDIRECT_URL: `${base}/cb` });
    expect(JSON.stringify(on.oidc)).not.toContain('s3cret');
  });
});
