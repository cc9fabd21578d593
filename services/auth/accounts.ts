// People's accounts: each is bound to a role and, for agencies, to a catalogue agency, for
// district and street users to a catalogue region; an account naming something the catalogue
// does not have is refused. Created by an operator (CLI) or an administrator (API).
import { activeCatalog } from '../../db/catalog.ts';
import { accountByName, insertAccount, listAccounts, updateAccount } from '../../db/accounts.ts';
import type { AccountRow } from '../../db/accounts.ts';
import { appendAudit } from '../../db/audit.ts';
import type { Db } from '../../db/connect.ts';
import { notFoundError, usageError } from '../../domain/errors.ts';
import type { Identity, Role } from '../identity.ts';
import { generatePassword, hashPassword, passwordProblem } from './passwords.ts';

export interface AccountInput {
  username: string;
  role: Role;
  agency?: string;
  region?: string;
  unmask?: boolean;
  displayName?: string;
  /** Generated (and returned once) when absent; an OIDC-only account passes `oidcSubject` and no password. */
  password?: string;
  oidcSubject?: string;
}

export interface AccountView {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  agency: string | null;
  region: string | null;
  unmask: boolean;
  oidc: boolean;
  disabled: boolean;
  lockedUntil: string | null;
  createdBy: string;
  createdAt: string;
}

export const accountView = (a: AccountRow): AccountView => ({
  id: a.id, username: a.username, displayName: a.display_name, role: a.role, agency: a.agency, region: a.region, unmask: a.can_unmask,
  oidc: Boolean(a.oidc_subject), disabled: a.disabled, lockedUntil: a.locked_until && a.locked_until > new Date() ? a.locked_until.toISOString() : null,
  createdBy: a.created_by, createdAt: a.created_at.toISOString(),
});

/** The identity an account acts as, once its session or token is proven. */
export const identityOf = (a: AccountRow, via: NonNullable<Identity['via']>): Identity => ({
  user: a.username, role: a.role, via,
  ...(a.agency ? { agency: a.agency } : {}), ...(a.region ? { region: a.region } : {}), ...(a.can_unmask ? { unmask: true } : {}),
});

const invalid = (zh: string, en: string) => usageError('CDF_ACCOUNT_INVALID', { zh, en });

async function checkBinding(db: Db, a: AccountInput): Promise<void> {
  if (!/^[\p{L}\p{N}._@-]{2,64}$/u.test(a.username)) {
    throw invalid(`用户名「${a.username}」应为 2–64 个字母、数字或 . _ @ -`, `user name "${a.username}" should be 2–64 letters, digits or . _ @ -`);
  }
  const { id: version, content } = await activeCatalog(db);
  if (a.role === 'agency') {
    if (!a.agency) throw invalid('数源单位账号须指明单位（--agency）', 'an agency account names its agency (--agency)');
    if (!content.agencies.some((x) => x.code === a.agency)) {
      throw invalid(`目录（版本 ${version}）中没有单位 ${a.agency}`, `the catalogue (version ${version}) has no agency ${a.agency}`);
    }
  } else if (a.agency) {
    throw invalid('只有数源单位账号绑定单位', 'only an agency account is bound to an agency');
  }
  if (a.region && !content.regions.some((r) => r.code === a.region)) {
    throw invalid(`目录（版本 ${version}）中没有区划 ${a.region}`, `the catalogue (version ${version}) has no region ${a.region}`);
  }
}

export async function createAccount(db: Db, by: Identity, input: AccountInput): Promise<{ account: AccountView; password?: string }> {
  await checkBinding(db, input);
  if (await accountByName(db, input.username)) throw invalid(`账号 ${input.username} 已存在`, `account ${input.username} exists already`);
  const password = input.oidcSubject && !input.password ? undefined : input.password ?? generatePassword();
  const problem = password ? passwordProblem(password) : null;
  if (problem) throw invalid(problem.zh, problem.en);
  const row = await insertAccount(db, {
    username: input.username, role: input.role, agency: input.agency ?? null, region: input.region ?? null, can_unmask: input.unmask ?? false,
    display_name: input.displayName ?? null, password_hash: password ? await hashPassword(password) : null, oidc_subject: input.oidcSubject ?? null,
    created_by: by.user,
  });
  await appendAudit(db, {
    actor: by.user, kind: 'account_created', subject: `account:${row.username}`,
    payload: { role: row.role, agency: row.agency, region: row.region, unmask: row.can_unmask, via: by.via ?? null },
  });
  return { account: accountView(row), ...(input.password ? {} : password ? { password } : {}) };
}

export async function findAccount(db: Db, username: string): Promise<AccountRow> {
  const a = await accountByName(db, username);
  if (!a) throw notFoundError('CDF_ACCOUNT_UNKNOWN', { zh: `没有账号 ${username}`, en: `no account ${username}` });
  return a;
}

export async function unlockAccount(db: Db, by: Identity, username: string): Promise<void> {
  const a = await findAccount(db, username);
  await updateAccount(db, a.id, { failed_signins: 0, locked_until: null });
  await appendAudit(db, { actor: by.user, kind: 'account_unlocked', subject: `account:${a.username}`, payload: { via: by.via ?? null } });
}

export async function setPassword(db: Db, by: Identity, username: string, password?: string): Promise<string | undefined> {
  const a = await findAccount(db, username);
  const next = password ?? generatePassword();
  const problem = passwordProblem(next);
  if (problem) throw invalid(problem.zh, problem.en);
  await updateAccount(db, a.id, { password_hash: await hashPassword(next), failed_signins: 0, locked_until: null });
  await appendAudit(db, { actor: by.user, kind: 'account_password_set', subject: `account:${a.username}`, payload: { via: by.via ?? null } });
  return password ? undefined : next;
}

export async function accountsPage(db: Db, page: { limit: number; offset: number }): Promise<{ total: number; accounts: AccountView[] }> {
  const { total, rows } = await listAccounts(db, page);
  return { total, accounts: rows.map(accountView) };
}
