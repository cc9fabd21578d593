// Accounts, sessions and API tokens: the named queries sign-in needs. Secrets arrive here already
// hashed (services/auth/); nothing in this file ever sees a password, a session id or a token.
import type { Db } from './connect.ts';

export interface AccountRow {
  id: number;
  username: string;
  display_name: string | null;
  password_hash: string | null;
  role: 'agency' | 'steward' | 'auditor' | 'admin';
  agency: string | null;
  region: string | null;
  can_unmask: boolean;
  oidc_subject: string | null;
  disabled: boolean;
  failed_signins: number;
  locked_until: Date | null;
  created_by: string;
  created_at: Date;
}

export type NewAccount = Pick<AccountRow, 'username' | 'role' | 'agency' | 'region' | 'can_unmask' | 'created_by'> &
  Partial<Pick<AccountRow, 'display_name' | 'password_hash' | 'oidc_subject'>>;

export async function insertAccount(db: Db, a: NewAccount): Promise<AccountRow> {
  const [row] = (await db('accounts').insert(a).returning('*')) as AccountRow[];
  return row!;
}

export async function accountByName(db: Db, username: string): Promise<AccountRow | undefined> {
  return (await db('accounts').where({ username }).first()) as AccountRow | undefined;
}

export async function accountById(db: Db, id: number): Promise<AccountRow | undefined> {
  return (await db('accounts').where({ id }).first()) as AccountRow | undefined;
}

export async function accountBySubject(db: Db, subject: string): Promise<AccountRow | undefined> {
  return (await db('accounts').where({ oidc_subject: subject }).first()) as AccountRow | undefined;
}

export async function listAccounts(db: Db, page: { limit: number; offset: number }): Promise<{ total: number; rows: AccountRow[] }> {
  const [{ n }] = (await db('accounts').count({ n: '*' })) as [{ n: string | number }];
  const rows = (await db('accounts').orderBy('id').limit(page.limit).offset(page.offset)) as AccountRow[];
  return { total: Number(n), rows };
}

export async function updateAccount(db: Db, id: number, patch: Partial<Omit<AccountRow, 'id' | 'created_at'>>): Promise<void> {
  await db('accounts').where({ id }).update(patch);
}

/** Counts a failed sign-in and locks the account once `limit` failures follow each other. */
export async function recordFailedSignin(db: Db, id: number, limit: number, lockSeconds: number): Promise<{ locked: boolean }> {
  const [row] = (await db('accounts').where({ id })
    .update({
      failed_signins: db.raw('failed_signins + 1'),
      locked_until: db.raw(`case when failed_signins + 1 >= ? then now() + make_interval(secs => ?) else locked_until end`, [limit, lockSeconds]),
    })
    .returning(['locked_until'])) as Array<{ locked_until: Date | null }>;
  return { locked: Boolean(row?.locked_until && row.locked_until > new Date()) };
}

export async function recordSuccessfulSignin(db: Db, id: number): Promise<void> {
  await db('accounts').where({ id }).update({ failed_signins: 0, locked_until: null });
}

export interface SessionRow {
  id_hash: string;
  account_id: number;
  csrf_token: string;
  via: string;
  expires_at: Date;
  last_seen_at: Date;
}

export async function insertSession(db: Db, s: Omit<SessionRow, 'last_seen_at'> & { address?: string; user_agent?: string }): Promise<void> {
  await db('sessions').insert(s);
}

/** An account read back as JSON beside another table's row: its timestamps made Dates again. */
function accountFromJson(a: Omit<AccountRow, 'locked_until' | 'created_at'> & { locked_until: string | null; created_at: string }): AccountRow {
  return { ...a, locked_until: a.locked_until ? new Date(a.locked_until) : null, created_at: new Date(a.created_at) };
}

/** The live session with this id hash and its account, sliding its idle expiry forward: one
 * statement, since every signed-in request asks. */
export async function touchSession(
  db: Db, idHash: string, idleSeconds: number, maxSeconds: number,
): Promise<(SessionRow & { account: AccountRow }) | undefined> {
  const { rows } = await db.raw<{ rows: Array<SessionRow & { account: Parameters<typeof accountFromJson>[0] }> }>(`
    update sessions s
       set last_seen_at = now(), expires_at = least(s.created_at + make_interval(secs => ?), now() + make_interval(secs => ?))
      from accounts a
     where s.id_hash = ? and s.expires_at > now() and a.id = s.account_id
    returning s.*, to_jsonb(a) as account`, [maxSeconds, idleSeconds, idHash]);
  const s = rows[0];
  return s ? { ...s, account: accountFromJson(s.account) } : undefined;
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db('sessions').where({ id_hash: idHash }).delete();
}

export async function deleteSessionsOf(db: Db, accountId: number): Promise<void> {
  await db('sessions').where({ account_id: accountId }).delete();
}

export interface TokenRow {
  id: string;
  account_id: number;
  name: string;
  secret_hash: string;
  scopes: string[];
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
  last_used_address: string | null;
  created_by: string;
  created_at: Date;
}

export type NewToken = Pick<TokenRow, 'id' | 'account_id' | 'name' | 'secret_hash' | 'scopes' | 'expires_at' | 'created_by'>;

export async function insertToken(db: Db, t: NewToken): Promise<TokenRow> {
  const [row] = (await db('api_tokens').insert(t).returning('*')) as TokenRow[];
  return row!;
}

export async function tokenById(db: Db, id: string): Promise<(TokenRow & { account: AccountRow }) | undefined> {
  const t = (await db('api_tokens as t').join('accounts as a', 'a.id', 't.account_id').where('t.id', id)
    .first('t.*', db.raw('to_jsonb(a) as account'))) as (TokenRow & { account: Parameters<typeof accountFromJson>[0] }) | undefined;
  return t ? { ...t, account: accountFromJson(t.account) } : undefined;
}

/** Records a use; true when this is the first use in `quietSeconds` (the caller audits only those). */
export async function markTokenUsed(db: Db, id: string, address: string, quietSeconds: number): Promise<boolean> {
  const n = await db('api_tokens').where({ id })
    .where((q) => {
      void q.whereNull('last_used_at').orWhereRaw('last_used_at < now() - make_interval(secs => ?)', [quietSeconds]);
    })
    .update({ last_used_at: db.fn.now(), last_used_address: address });
  return n > 0;
}

export async function listTokens(
  db: Db, filter: { accountId?: number }, page: { limit: number; offset: number },
): Promise<{ total: number; rows: Array<TokenRow & { username: string }> }> {
  const base = db('api_tokens as t').join('accounts as a', 'a.id', 't.account_id')
    .modify((q) => { if (filter.accountId !== undefined) void q.where('t.account_id', filter.accountId); });
  const [{ n }] = (await base.clone().count({ n: '*' })) as [{ n: string | number }];
  const rows = (await base.clone().select('t.*', 'a.username').orderBy('t.created_at', 'desc').limit(page.limit).offset(page.offset)) as Array<
    TokenRow & { username: string }
  >;
  return { total: Number(n), rows };
}

export async function revokeToken(db: Db, id: string, by: string): Promise<boolean> {
  return (await db('api_tokens').where({ id }).whereNull('revoked_at').update({ revoked_at: db.fn.now(), revoked_by: by })) > 0;
}
