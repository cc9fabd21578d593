// Who is asking, proven: an API token (`Authorization: Bearer cdf_…`) or a sign-in session (an
// HttpOnly cookie). Nothing a caller merely declares is trusted: an X-CDF-Identity header is
// ignored. Every /api route declares the roles it admits (a route without is refused at start-up);
// this hook runs before the body is read, so an unauthenticated upload is refused unread.
//
// A change made with a session cookie must also come from this site: its Origin (or, without one,
// Sec-Fetch-Site) is checked, and it must echo the session's CSRF token in X-CSRF-Token. A bearer
// token is not ambient (a browser never adds it on its own), so it needs neither.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbiddenError, unauthenticatedError } from '../domain/errors.ts';
import { SESSION_COOKIE } from '../services/auth/policy.ts';
import type { TokenScope } from '../services/auth/policy.ts';
import { resolveSession } from '../services/auth/sessions.ts';
import { resolveToken } from '../services/auth/tokens.ts';
import type { ServiceContext } from '../services/context.ts';
import { requireRole } from '../services/identity.ts';
import type { Identity, Role } from '../services/identity.ts';

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity;
    /** The session id when the caller signed in with a cookie (sign-out needs it). */
    sessionId?: string;
    /** The session's CSRF token, for the page to read back from /api/auth/me. */
    csrfToken?: string;
  }
  interface FastifyContextConfig {
    /** Roles admitted; 'public' for health, sign-in, the public disclosure view and the UI. */
    roles?: readonly Role[] | 'public';
    /** The token scope a route needs; by default `read` for GET and `write` for any change. */
    scope?: TokenScope;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameSecret = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface AuthOptions {
  /** Origins besides the server's own from which a signed-in page may make changes. */
  allowedOrigins: readonly string[];
}

/** A state-changing request from a page must come from this site (or one configured). */
function checkOrigin(req: FastifyRequest, opts: AuthOptions): void {
  const origin = req.headers.origin;
  const own = `${req.protocol}://${req.headers.host ?? ''}`;
  if (origin !== undefined) {
    if (origin === own || opts.allowedOrigins.includes(origin)) return;
    throw forbiddenError('CDF_CSRF', {
      zh: `拒绝来自 ${origin} 的跨站请求：只接受本站（${own}）的页面发起的修改`,
      en: `refused a cross-site request from ${origin}: changes are accepted only from this site's pages (${own})`,
    });
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') {
    throw forbiddenError('CDF_CSRF', { zh: '拒绝跨站请求', en: 'refused a cross-site request' });
  }
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

function requireScope(scopes: readonly TokenScope[], needed: TokenScope, url: string): void {
  if (scopes.includes('write') || scopes.includes(needed)) return;
  throw forbiddenError('CDF_TOKEN_SCOPE', {
    zh: `令牌的范围（${scopes.join('、')}）不含 ${needed}，不能访问 ${url}`,
    en: `the token's scopes (${scopes.join(', ')}) lack ${needed}, needed for ${url}`,
  });
}

export async function authenticate(ctx: ServiceContext, req: FastifyRequest): Promise<Identity> {
  const url = req.routeOptions.url ?? req.url;
  const token = bearer(req);
  if (token) {
    const { identity, scopes } = await resolveToken(ctx.db, token, req.ip);
    requireScope(scopes, req.routeOptions.config.scope ?? (SAFE.has(req.method) ? 'read' : 'write'), url);
    return identity;
  }
  const sessionId = req.cookies[SESSION_COOKIE];
  const session = sessionId ? await resolveSession(ctx.db, sessionId) : undefined;
  if (!session) {
    throw unauthenticatedError('CDF_UNAUTHENTICATED', {
      zh: sessionId ? '登录已过期，请重新登录' : '未登录：请先登录，或带上 API 令牌（Authorization: Bearer）',
      en: sessionId ? 'the sign-in has expired; sign in again' : 'not signed in: sign in first, or send an API token (Authorization: Bearer)',
    });
  }
  if (!SAFE.has(req.method)) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
      throw forbiddenError('CDF_CSRF', {
        zh: '请求缺少或带错了 X-CSRF-Token（登录时返回的 csrfToken）',
        en: 'the request lacks the right X-CSRF-Token (the csrfToken returned at sign-in)',
      });
    }
  }
  req.sessionId = sessionId;
  req.csrfToken = session.csrfToken;
  return session.identity;
}

export function registerAuth(app: FastifyInstance, ctx: ServiceContext, opts: AuthOptions): void {
  app.decorateRequest('identity', null as unknown as Identity);
  app.decorateRequest('sessionId', undefined);
  app.decorateRequest('csrfToken', undefined);
  const check = async (req: FastifyRequest) => {
    if (!SAFE.has(req.method)) checkOrigin(req, opts);
    const roles = req.routeOptions.config?.roles;
    if (!roles || roles === 'public') return;
    req.identity = await authenticate(ctx, req);
    requireRole(req.identity, roles, { zh: `访问 ${req.routeOptions.url}`, en: `access ${req.routeOptions.url}` });
  };
  // A route-level hook, appended after the rate limiter's (registered before this): a refused
  // request still counts against its caller's budget, so a flood of them is slowed too.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.roles) {
      throw new Error(`route ${route.method} ${route.url} declares no roles: every API route must`);
    }
    const own = route.onRequest;
    route.onRequest = [...(own === undefined ? [] : Array.isArray(own) ? own : [own]), check];
  });
}
