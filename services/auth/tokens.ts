// API tokens for systems (an agency's upload client, a subscriber): `cdf_<id>_<secret>`, shown
// once, kept as the secret's hash, limited to scopes, expiring, revocable, listed with last use.
// A token acts as its account, narrowed by its scopes; it never carries a wider right.
import { randomBytes } from 'node:crypto';
import { insertToken, listTokens, markTokenUsed, revokeToken, tokenById } from '../../db/accounts.ts';
import type { TokenRow } from '../../db/accounts.ts';
import { appendAudit } from '../../db/audit.ts';
import type { Db } from '../../db/connect.ts';
import { forbiddenError, notFoundError, unauthenticatedError, usageError } from '../../domain/errors.ts';
import type { Identity } from '../identity.ts';
import { findAccount, identityOf } from './accounts.ts';
import { TOKEN_AUDIT_QUIET_SECONDS, TOKEN_MAX_DAYS, TOKEN_SCOPES } from './policy.ts';
import type { TokenScope } from './policy.ts';
import { newSecret, secretHash } from './secrets.ts';

export interface TokenView {
  id: string;
  name: string;
  account: string;
  scopes: TokenScope[];
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  lastUsedAddress: string | null;
  createdBy: string;
  createdAt: string;
}

const view = (t: TokenRow & { username: string }): TokenView => ({
  id: t.id, name: t.name, account: t.username, scopes: t.scopes as TokenScope[], expiresAt: t.expires_at.toISOString(),
  revokedAt: t.revoked_at?.toISOString() ?? null, lastUsedAt: t.last_used_at?.toISOString() ?? null, lastUsedAddress: t.last_used_address,
  createdBy: t.created_by, createdAt: t.created_at.toISOString(),
});

export interface TokenRequest { name: string; scopes: TokenScope[]; days: number; account?: string }

/** An account holder makes tokens for itself; an administrator (or the operator's CLI) for any account. */
export async function createToken(db: Db, by: Identity, req: TokenRequest): Promise<{ token: string; view: TokenView }> {
  const accountName = req.account ?? by.user;
  if (accountName !== by.user && by.role !== 'admin') {
    throw forbiddenError('CDF_FORBIDDEN', { zh: '只能为自己的账号建立令牌', en: 'you may create tokens for your own account only' });
  }
  if (!req.scopes.length || req.scopes.some((s) => !TOKEN_SCOPES.includes(s))) {
    throw usageError('CDF_REQUEST_INVALID', {
      zh: `令牌范围应为 ${TOKEN_SCOPES.join('、')} 中的一个或多个`, en: `token scopes are one or more of ${TOKEN_SCOPES.join(', ')}`,
    });
  }
  if (!(req.days >= 1 && req.days <= TOKEN_MAX_DAYS)) {
    throw usageError('CDF_REQUEST_INVALID', { zh: `有效期应为 1–${TOKEN_MAX_DAYS} 天`, en: `a token lasts 1–${TOKEN_MAX_DAYS} days` });
  }
  const account = await findAccount(db, accountName);
  const id = randomBytes(6).toString('hex');
  const secret = newSecret();
  const row = await insertToken(db, {
    id, account_id: account.id, name: req.name.slice(0, 100), secret_hash: secretHash(secret), scopes: [...new Set(req.scopes)],
    expires_at: new Date(Date.now() + req.days * 86_400_000), created_by: by.user,
  });
  await appendAudit(db, {
    actor: by.user, kind: 'token_created', subject: `token:${id}`, payload: { account: account.username, scopes: row.scopes, via: by.via ?? null },
  });
  return { token: `cdf_${id}_${secret}`, view: view({ ...row, username: account.username }) };
}

const invalidToken = () => unauthenticatedError('CDF_TOKEN_INVALID', { zh: '令牌无效、已过期或已撤销', en: 'the token is invalid, expired or revoked' });

/** The identity and scopes a presented token proves; its use is recorded (and audited now and then). */
export async function resolveToken(db: Db, presented: string, address: string): Promise<{ identity: Identity; scopes: TokenScope[] }> {
  const m = /^cdf_([0-9a-f]{12})_([\w-]{43})$/.exec(presented);
  if (!m) throw invalidToken();
  const t = await tokenById(db, m[1]!);
  const ok = t && t.secret_hash === secretHash(m[2]!) && !t.revoked_at && t.expires_at > new Date() && !t.account.disabled;
  if (!ok) throw invalidToken();
  if (await markTokenUsed(db, t.id, address, TOKEN_AUDIT_QUIET_SECONDS)) {
    await appendAudit(db, { actor: t.account.username, kind: 'token_used', subject: `token:${t.id}`, payload: { address } });
  }
  return { identity: identityOf(t.account, 'token'), scopes: t.scopes as TokenScope[] };
}

export async function tokensPage(db: Db, who: Identity, page: { limit: number; offset: number }): Promise<{ total: number; tokens: TokenView[] }> {
  const filter = who.role === 'admin' ? {} : { accountId: (await findAccount(db, who.user)).id };
  const { total, rows } = await listTokens(db, filter, page);
  return { total, tokens: rows.map(view) };
}

export async function revokeTokenAs(db: Db, who: Identity, id: string): Promise<void> {
  const t = await tokenById(db, id);
  // Someone else's token is "not found" to a non-administrator: its existence is not theirs to learn.
  if (!t || (who.role !== 'admin' && t.account.username !== who.user)) {
    throw notFoundError('CDF_TOKEN_UNKNOWN', { zh: `没有令牌 ${id}`, en: `no token ${id}` });
  }
  await revokeToken(db, id, who.user);
  await appendAudit(db, { actor: who.user, kind: 'token_revoked', subject: `token:${id}`, payload: { via: who.via ?? null } });
}
