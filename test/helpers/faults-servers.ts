// The fault test's own PostgreSQL and Temporal dev server: it stops and starts them mid-batch, so
// it can never use the shared ones test/global-setup.ts started (other test files run on those).
// Both keep their state across a restart: PostgreSQL its data folder and port, Temporal its SQLite
// file and port, as `cdf start` keeps them (runtime/factory.ts).
import path from 'node:path';
import { placeEmbedded, removeCluster } from '../../runtime/postgres-place.ts';
import { providePostgres } from '../../runtime/postgres-server.ts';
import type { PostgresEndpoint } from '../../runtime/postgres-server.ts';
import { ensureTemporalCli } from '../../runtime/temporal-cli.ts';
import { provideTemporal } from '../../runtime/temporal-server.ts';
import type { TemporalEndpoint } from '../../runtime/temporal-server.ts';
import { freePort } from '../../runtime/ports.ts';

const log = (line: string) => console.log(`[faults] ${line}`);

export interface OwnPostgres {
  /** The factory database's URL, as providePostgres returned it (never built here: it may carry a generated password or role). */
  urlOf(database: string): Promise<string>;
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function ownPostgres(root: string): Promise<OwnPostgres> {
  const opts = { databaseUrl: undefined, dataDir: path.join(root, 'pg'), port: await freePort(), logFile: path.join(root, 'postgres.log'), persistent: true };
  let started: PostgresEndpoint = await providePostgres({ ...opts, database: 'postgres' });
  if (started.origin !== 'started') throw new Error(`expected our own PostgreSQL on port ${opts.port}, found one already there`);
  return {
    // A second call finds the server running ('reused') and creates the database if need be.
    urlOf: async (database) => (await providePostgres({ ...opts, database })).databaseUrl,
    async restart(downMs) {
      await started.stop();
      await new Promise((r) => setTimeout(r, downMs));
      started = await providePostgres({ ...opts, database: 'postgres' });
      if (started.origin !== 'started') throw new Error('PostgreSQL answered while it should have been down');
    },
    async stop() {
      await started.stop();
      // Persistent for the restart; removed at the end (as root it lives outside the temp folder).
      removeCluster(opts.dataDir, placeEmbedded(opts.dataDir));
    },
  };
}

export interface OwnTemporal {
  address: string;
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function ownTemporal(root: string): Promise<OwnTemporal> {
  const cli = await ensureTemporalCli(log);
  const opts = {
    address: undefined, namespace: 'default', port: await freePort(), uiPort: 0, dbFile: path.join(root, 'temporal', 'temporal.db'),
    logFile: path.join(root, 'temporal.log'), headless: true, log, env: { ...process.env, TEMPORAL_CLI: cli.path },
  };
  let server: TemporalEndpoint = await provideTemporal(opts);
  if (server.origin !== 'started') throw new Error(`expected our own Temporal dev server on port ${opts.port}, found ${server.origin}`);
  return {
    address: server.address,
    async restart(downMs) {
      await server.stop();
      await new Promise((r) => setTimeout(r, downMs));
      server = await provideTemporal(opts);
      if (server.origin !== 'started') throw new Error('Temporal answered while it should have been down');
    },
    stop: () => server.stop(),
  };
}
