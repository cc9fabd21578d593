// Sign-in, sign-out and who am I; API tokens for the signed-in account (administrators: any);
// accounts for administrators. The session id lives only in an HttpOnly, SameSite=Strict cookie.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { accountsPage, createAccount, unlockAccount } from '../../services/auth/accounts.ts';
import type { AccountInput } from '../../services/auth/accounts.ts';
import { SESSION_COOKIE, SESSION_MAX_SECONDS } from '../../services/auth/policy.ts';
import type { TokenScope } from '../../services/auth/policy.ts';
import { signIn, signOut } from '../../services/auth/sessions.ts';
import type { OpenSession } from '../../services/auth/sessions.ts';
import { createToken, revokeTokenAs, tokensPage } from '../../services/auth/tokens.ts';
import { boundNames } from '../../services/auth/names.ts';
import type { BoundNames } from '../../services/auth/names.ts';
import { pageOfRequest } from '../paging.ts';
import type { ServiceContext } from '../../services/context.ts';
import type { Identity } from '../../services/identity.ts';
import {
  createAccountSchema, createTokenSchema, listAccountsSchema, listTokensSchema, meSchema, revokeTokenSchema, signInSchema, signOutSchema,
  unlockAccountSchema,
} from '../schemas/auth.ts';

const everyone = ['agency', 'steward', 'auditor', 'admin'] as const;

export interface CookieOptions { secure: boolean }

const meBody = (who: Identity, csrfToken: string | undefined, names: BoundNames) => ({
  user: who.user, role: who.role, ...(who.agency ? { agency: who.agency } : {}), ...(who.region ? { region: who.region } : {}),
  unmask: Boolean(who.unmask), ...(who.via ? { via: who.via } : {}), ...(csrfToken ? { csrfToken } : {}), ...names,
});

/** Sets the session cookie for a session just opened (by password here, or by the identity provider). */
export function setSessionCookie(reply: FastifyReply, s: OpenSession, opts: CookieOptions): void {
  reply.setCookie(SESSION_COOKIE, s.sessionId, { httpOnly: true, sameSite: 'strict', secure: opts.secure, path: '/', maxAge: SESSION_MAX_SECONDS });
}

export function authRoutes(app: FastifyInstance, ctx: ServiceContext, cookies: CookieOptions): void {
  // Sign-in attempts are limited per address besides the account lock: guessing across accounts is slowed too.
  const signInLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };
  app.post('/api/auth/signin', { config: { roles: 'public', ...signInLimit }, schema: signInSchema }, async (req, reply) => {
    const { username, password } = req.body as { username: string; password: string };
    const agent = req.headers['user-agent'];
    const session = await signIn(ctx.db, username, password, { address: req.ip, ...(agent ? { userAgent: agent } : {}) });
    setSessionCookie(reply, session, cookies);
    return meBody(session.identity, session.csrfToken, await boundNames(ctx.db, session.identity));
  });

  app.get('/api/auth/me', { config: { roles: everyone }, schema: meSchema },
    async (req) => meBody(req.identity, req.csrfToken, await boundNames(ctx.db, req.identity)));

  app.post('/api/auth/signout', { config: { roles: everyone }, schema: signOutSchema }, async (req, reply) => {
    if (req.sessionId) await signOut(ctx.db, req.sessionId, req.identity);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/tokens', { config: { roles: everyone }, schema: listTokensSchema }, async (req) => tokensPage(ctx.db, req.identity, pageOfRequest(req)));

  app.post('/api/tokens', { config: { roles: everyone }, schema: createTokenSchema }, async (req, reply) => {
    const b = req.body as { name: string; scopes: TokenScope[]; days?: number; account?: string };
    const made = await createToken(ctx.db, req.identity, { name: b.name, scopes: b.scopes, days: b.days ?? 90, ...(b.account ? { account: b.account } : {}) });
    return reply.status(201).send(made);
  });

  app.delete('/api/tokens/:id', { config: { roles: everyone }, schema: revokeTokenSchema }, async (req, reply) => {
    await revokeTokenAs(ctx.db, req.identity, (req.params as { id: string }).id);
    return reply.status(204).send();
  });

  app.get('/api/accounts', { config: { roles: ['admin'] }, schema: listAccountsSchema }, async (req) => accountsPage(ctx.db, pageOfRequest(req)));

  app.post('/api/accounts', { config: { roles: ['admin'] }, schema: createAccountSchema }, async (req, reply) =>
    reply.status(201).send(await createAccount(ctx.db, req.identity, req.body as AccountInput)));

  app.post('/api/accounts/:username/unlock', { config: { roles: ['admin'] }, schema: unlockAccountSchema }, async (req, reply) => {
    await unlockAccount(ctx.db, req.identity, (req.params as { username: string }).username);
    return reply.status(204).send();
  });
}
