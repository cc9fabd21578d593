// Sign-in for people: a password checked against its scrypt hash, with a lock after repeated
// failures, opens a server-side session. The browser holds only a random session id in an
// HttpOnly cookie; the server keeps its hash, the account and the CSRF token the page must echo.
import { accountByName, deleteSession, insertSession, recordFailedSignin, recordSuccessfulSignin, touchSession } from '../../db/accounts.ts';
import type { AccountRow } from '../../db/accounts.ts';
import { appendAudit } from '../../db/audit.ts';
import type { Db } from '../../db/connect.ts';
import { limitedError, unauthenticatedError } from '../../domain/errors.ts';
import type { Identity } from '../identity.ts';
import { identityOf } from './accounts.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import { LOCK_AFTER_FAILURES, LOCK_SECONDS, SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS } from './policy.ts';
import { newSecret, secretHash } from './secrets.ts';

export interface ClientMeta { address: string; userAgent?: string }

export interface OpenSession { sessionId: string; csrfToken: string; identity: Identity }

const failed = () => unauthenticatedError('CDF_SIGNIN_FAILED', { zh: '用户名或密码不正确', en: 'wrong user name or password' });

function lockedError(a: AccountRow) {
  const until = a.locked_until!.toISOString();
  return limitedError('CDF_ACCOUNT_LOCKED', {
    zh: `账号 ${a.username} 因连续 ${LOCK_AFTER_FAILURES} 次登录失败已锁定至 ${until}`,
    en: `account ${a.username} is locked until ${until} after ${LOCK_AFTER_FAILURES} failed sign-ins`,
  }, { until });
}

/** Opens a session for an account already proven (by password here, or by the identity provider). */
export async function openSession(db: Db, account: AccountRow, via: 'session' | 'oidc', meta: ClientMeta): Promise<OpenSession> {
  const sessionId = newSecret();
  const csrfToken = newSecret();
  await insertSession(db, {
    id_hash: secretHash(sessionId), account_id: account.id, csrf_token: csrfToken, via,
    expires_at: new Date(Date.now() + SESSION_IDLE_SECONDS * 1000), address: meta.address,
    ...(meta.userAgent ? { user_agent: meta.userAgent.slice(0, 300) } : {}),
  });
  await recordSuccessfulSignin(db, account.id);
  await appendAudit(db, { actor: account.username, kind: 'signin', subject: `account:${account.username}`, payload: { via, address: meta.address } });
  return { sessionId, csrfToken, identity: identityOf(account, via) };
}

/** A failed sign-in as the audit log keeps it: the name tried (cut short), never the password. */
const failure = (username: string, payload: Record<string, unknown>) =>
  ({ actor: 'anonymous', kind: 'signin_failed', subject: `account:${username.slice(0, 64)}`, payload });

export async function signIn(db: Db, username: string, password: string, meta: ClientMeta): Promise<OpenSession> {
  const account = await accountByName(db, username);
  if (!account || account.disabled || !account.password_hash) {
    await burnPasswordCheck(password);
    await appendAudit(db, failure(username, { address: meta.address, known: false }));
    throw failed();
  }
  if (account.locked_until && account.locked_until > new Date()) throw lockedError(account);
  if (!(await verifyPassword(password, account.password_hash))) {
    const { locked } = await recordFailedSignin(db, account.id, LOCK_AFTER_FAILURES, LOCK_SECONDS);
    await appendAudit(db, failure(username, { address: meta.address, known: true, locked }));
    throw failed();
  }
  return openSession(db, account, 'session', meta);
}

/** The identity behind a session cookie, or undefined when it is unknown, expired or its account disabled. */
export async function resolveSession(db: Db, sessionId: string): Promise<{ identity: Identity; csrfToken: string } | undefined> {
  const s = await touchSession(db, secretHash(sessionId), SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS);
  if (!s || s.account.disabled) return undefined;
  return { identity: identityOf(s.account, s.via === 'oidc' ? 'oidc' : 'session'), csrfToken: s.csrf_token };
}

export async function signOut(db: Db, sessionId: string, who: Identity): Promise<void> {
  await deleteSession(db, secretHash(sessionId));
  await appendAudit(db, { actor: who.user, kind: 'signout', subject: `account:${who.user}`, payload: {} });
}
