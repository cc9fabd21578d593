// Passwords the factory makes for itself (the embedded PostgreSQL's superuser, the application
// role): generated at first start, kept in <data>/secrets.json readable by its owner only (0600),
// reused after. None is ever written in the code.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface FactorySecrets {
  /** The embedded PostgreSQL's superuser (`postgres`). */
  postgresPassword: string;
  /** The application role (`cdf_app`) the API and the workers log in as. */
  appPassword: string;
}

/** 32 random bytes, URL-safe: they go into a postgres:// URL without escaping. */
export const newPassword = (): string => randomBytes(32).toString('base64url');

/** The secrets kept in `file`, made and written (0600) when missing; `created` names those just made. */
export function loadSecrets(file: string): { secrets: FactorySecrets; created: (keyof FactorySecrets)[] } {
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<FactorySecrets>) : {};
  const created: (keyof FactorySecrets)[] = [];
  const take = (key: keyof FactorySecrets): string => {
    const value = kept[key];
    if (typeof value === 'string' && value.length >= 16) return value;
    created.push(key);
    return newPassword();
  };
  const secrets: FactorySecrets = { postgresPassword: take('postgresPassword'), appPassword: take('appPassword') };
  if (created.length) {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written beside and renamed over: a start interrupted mid-write never leaves half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ ...kept, ...secrets }, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  }
  // A copy restored from a backup may have come back readable by others.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return { secrets, created };
}
