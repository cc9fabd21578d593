// Signed-in callers for tests: an account bound as the spec says ("role[:scope][@user]", the
// notation tests use for identities) and an API token for it, made straight in the test's
// database, so a test can call the HTTP API as any role. The API itself never reads the spec.
import { accountByName, insertAccount } from '../../db/accounts.ts';
import type { Db } from '../../db/connect.ts';
import { createToken } from '../../services/auth/tokens.ts';
import type { TokenScope } from '../../services/auth/policy.ts';
import { parseIdentity } from '../../services/identity.ts';
import type { Identity } from '../../services/identity.ts';

const cache = new WeakMap<Db, Map<string, string>>();
const operator: Identity = { user: 'test-operator', role: 'admin', via: 'cli' };

/** The username the spec's account gets: its user, or a variant when that name is bound otherwise. */
async function accountFor(db: Db, who: Identity): Promise<string> {
  for (let n = 0; ; n++) {
    const username = n ? `${who.user}~${n}` : who.user;
    const a = await accountByName(db, username);
    if (!a) {
      await insertAccount(db, {
        username, role: who.role, agency: who.agency ?? null, region: who.region ?? null, can_unmask: who.unmask ?? false, created_by: operator.user,
      });
      return username;
    }
    if (a.role === who.role && (a.agency ?? undefined) === who.agency && (a.region ?? undefined) === who.region && a.can_unmask === Boolean(who.unmask)) {
      return username;
    }
  }
}

/** A bearer token acting as `spec` (append "+unmask" for the right to see personal data). */
export async function tokenFor(db: Db, spec: string, scopes: TokenScope[] = ['write']): Promise<string> {
  const key = `${spec}|${scopes.join(',')}`;
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map()));
  const known = byDb.get(key);
  if (known) return known;
  const unmask = spec.endsWith('+unmask');
  const who = { ...parseIdentity(unmask ? spec.slice(0, -'+unmask'.length) : spec), ...(unmask ? { unmask: true } : {}) };
  const account = await accountFor(db, who);
  const { token } = await createToken(db, operator, { name: `test ${spec}`, scopes, days: 1, account });
  byDb.set(key, token);
  return token;
}

/** Request headers acting as `spec`, plus any extra ones. */
export async function signedAs(db: Db, spec: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(db, spec)}`, ...extra };
}
