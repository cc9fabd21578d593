// Sign-in through the city's identity provider, when one is configured (CDF_OIDC_*): the page's
// button goes to /api/auth/oidc/start, the provider sends the browser back to the callback, which
// opens a session for the account bound to the provider's subject and goes home. Both are top-level
// browser navigations, so a refusal is answered as a small bilingual page when HTML is asked for
// (JSON otherwise, as everywhere). /api/auth/providers tells the page whether to show the button.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCdfError } from '../../domain/errors.ts';
import type { CdfError } from '../../domain/errors.ts';
import { OIDC_COOKIE, OIDC_FLOW_SECONDS, createOidcClient } from '../../services/auth/oidc.ts';
import type { ServiceContext } from '../../services/context.ts';
import { refuse, wantsEnglish } from '../errors.ts';
import { oidcCallbackSchema, oidcStartSchema, providersSchema } from '../schemas/oidc.ts';
import { setSessionCookie } from './auth.ts';
import type { CookieOptions } from './auth.ts';

// Sent only to the callback. Lax, not Strict: the provider's redirect back is a cross-site
// top-level navigation, on which a Strict cookie would not be sent.
const FLOW_PATH = '/api/auth/oidc';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A refusal as a page a person reads: title, what happened and what to do, both languages. */
function errorPage(e: CdfError, en: boolean): string {
  const { title, next } = e.toJSON() as { title: { zh: string; en: string }; next: { zh: string; en: string } };
  const block = (lang: 'zh' | 'en') => `<section lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><h1>${escapeHtml(title[lang])}</h1>`
    + `<p>${escapeHtml(e.messages[lang])}</p><p>${escapeHtml(next[lang])}</p></section>`;
  const [first, second] = en ? (['en', 'zh'] as const) : (['zh', 'en'] as const);
  return `<!doctype html><html lang="${en ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><title>${escapeHtml(title[first])}</title>`
    + `<link rel="stylesheet" href="/style.css"></head><body><main>${block(first)}${block(second)}`
    + `<p><a href="/">返回登录页 / Back to sign-in</a></p><p><small>${escapeHtml(e.code)}</small></p></main></body></html>`;
}

/** Our refusals as a page for a browser; JSON (the shared error handler) for anything else. */
async function answering(req: FastifyRequest, reply: FastifyReply, run: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await run();
  } catch (e) {
    if (!isCdfError(e) || !/\btext\/html\b/.test(String(req.headers.accept ?? ''))) throw e;
    return refuse(reply, e).type('text/html; charset=utf-8').send(errorPage(e, wantsEnglish(req)));
  }
}

export function oidcRoutes(app: FastifyInstance, ctx: ServiceContext, cookies: CookieOptions): void {
  const oidc = ctx.config.oidc ? createOidcClient(ctx.config.oidc) : undefined;

  app.get('/api/auth/providers', { config: { roles: 'public' }, schema: providersSchema }, async () => ({
    oidc: oidc ? { label: oidc.label ?? null } : null,
  }));
  if (!oidc) return;

  app.get('/api/auth/oidc/start', { config: { roles: 'public' }, schema: oidcStartSchema }, async (req, reply) => answering(req, reply, async () => {
    const { url, sealed } = await oidc.begin();
    reply.setCookie(OIDC_COOKIE, sealed, { httpOnly: true, sameSite: 'lax', secure: cookies.secure, path: FLOW_PATH, maxAge: OIDC_FLOW_SECONDS });
    return reply.redirect(url, 302);
  }));

  app.get('/api/auth/oidc/callback', { config: { roles: 'public' }, schema: oidcCallbackSchema }, async (req, reply) => answering(req, reply, async () => {
    // The flow is used once, whatever the outcome.
    reply.clearCookie(OIDC_COOKIE, { path: FLOW_PATH });
    const query = req.raw.url?.split('?')[1] ?? '';
    const meta = { address: req.ip, ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}) };
    const session = await oidc.finish(ctx.db, query, req.cookies[OIDC_COOKIE], meta);
    setSessionCookie(reply, session, cookies);
    return reply.redirect('/', 302);
  }));
}
