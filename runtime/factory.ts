// `cdf start`: brings up the whole factory on one machine — PostgreSQL (embedded unless
// DATABASE_URL), migrations, Temporal (dev server unless TEMPORAL_ADDRESS), a worker process and
// the API/UI process — then loads the demo catalogue and extract and says what happened. Ctrl-C
// stops everything it started. Running it again reuses the data folder.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ROLE } from '../db/app-role.ts';
import { connectDb } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import type { Config } from './config.ts';
import { redactUrl } from './config.ts';
import { nodeArgs } from './node-args.ts';
import { providePostgres } from './postgres-server.ts';
import type { PostgresEndpoint } from './postgres-server.ts';
import { stopChild, provideTemporal } from './temporal-server.ts';
import type { TemporalEndpoint } from './temporal-server.ts';
import type { Shutdown } from './shutdown.ts';
import { clearState, writeState } from './state.ts';
import { waitFor } from './wait.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningFactory {
  postgres: PostgresEndpoint;
  temporal: TemporalEndpoint;
  apiUrl: string;
  logsDir: string;
  /** The worker and API processes (the benchmark reads their peak memory); worker is the first of workers. */
  processes: { worker: ChildProcess; workers: ChildProcess[]; api: ChildProcess };
  stop(): Promise<void>;
}

function spawnNode(entry: string, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const out = openSync(logFile, 'a');
  const profileDir = process.env.CDF_WORKER_PROFILE_DIR ? path.resolve(process.env.CDF_WORKER_PROFILE_DIR) : undefined;
  return spawn(process.execPath, nodeArgs(root, entry, profileDir), { cwd: root, env, stdio: ['ignore', out, out] });
}

export async function startFactory(config: Config, log: (line: string) => void, shutdown: Shutdown): Promise<RunningFactory> {
  const logsDir = path.join(config.dataDir, 'logs');
  mkdirSync(logsDir, { recursive: true });
  shutdown.add('runtime state', async () => clearState(config.dataDir));
  const stopAll = () => shutdown.run(log);
  const abortIfStopping = () => {
    if (shutdown.requested || shutdown.started) throw new Error('启动被中止 / start-up interrupted');
  };
  try {
    log('启动 PostgreSQL… / starting PostgreSQL…');
    // Passwords it generates are kept in <data>/secrets.json (0600); the API and the worker log in as
    // the application role, and only the migrations below as the owner.
    const postgres = await providePostgres({
      databaseUrl: config.databaseUrl?.reveal(), dataDir: path.join(config.dataDir, 'postgres'), port: config.embeddedPgPort,
      database: 'cdf', logFile: path.join(logsDir, 'postgres.log'), secretsFile: path.join(config.dataDir, 'secrets.json'),
      appRole: APP_ROLE, log,
    });
    shutdown.add('PostgreSQL', postgres.stop);
    abortIfStopping();
    const db = connectDb(postgres.ownerUrl, 2);
    const applied = await migrate(db, { appRole: postgres.appRole }).finally(() => db.destroy());
    log(
      `  PostgreSQL ${postgres.origin} · ${redactUrl(postgres.databaseUrl)} · ` +
        `${applied.length ? `迁移 / migrations: ${applied.join(', ')}` : '结构已是最新 / schema up to date'}`,
    );
    if (!postgres.appRole) log(`  API 和 worker 以 ${new URL(postgres.ownerUrl).username} 连接（未分离权限）/ the API and worker connect as the owner (unseparated)`);

    log('启动 Temporal… / starting Temporal…');
    const temporal = await provideTemporal({
      address: config.temporalAddress, namespace: config.temporalNamespace, port: config.temporalPort, uiPort: config.temporalUiPort,
      dbFile: path.join(config.dataDir, 'temporal', 'temporal.db'), logFile: path.join(logsDir, 'temporal.log'), log,
    });
    shutdown.add('Temporal', temporal.stop);
    abortIfStopping();
    log(`  Temporal ${temporal.origin} · ${temporal.address}`);

    const env: NodeJS.ProcessEnv = {
      ...process.env, DATABASE_URL: postgres.databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: temporal.namespace,
      CDF_DATA_DIR: config.dataDir, CDF_TASK_QUEUE: config.taskQueue, CDF_PORT: String(config.apiPort), CDF_HOST: config.apiHost,
    };
    // Every worker polls the one task queue: more of them run more of a batch's parts at once.
    const workers = Array.from({ length: config.workers }, (_, i) => {
      const w = spawnNode('worker/main.ts', env, path.join(logsDir, i ? `worker-${i + 1}.log` : 'worker.log'));
      shutdown.add(i ? `worker ${i + 1}` : 'worker', () => stopChild(w, 15_000));
      return w;
    });
    const worker = workers[0]!;
    const api = spawnNode('server/main.ts', env, path.join(logsDir, 'api.log'));
    shutdown.add('API', () => stopChild(api));
    const apiUrl = `http://${config.apiHost}:${config.apiPort}`;
    await waitFor(`API ${apiUrl} (log: ${path.join(logsDir, 'api.log')})`, async () => {
      abortIfStopping();
      if (api.exitCode !== null) throw new Error(`the API process exited with ${api.exitCode}; see ${path.join(logsDir, 'api.log')}`);
      const gone = workers.find((w) => w.exitCode !== null);
      if (gone) throw new Error(`a worker process exited with ${gone.exitCode}; see the worker logs in ${logsDir}`);
      return (await fetch(`${apiUrl}/api/health`)).ok;
    }, 60_000, 300);
    writeState(config.dataDir, {
      pid: process.pid,
      databaseUrl: postgres.databaseUrl,
      ownerUrl: postgres.ownerUrl,
      temporalAddress: temporal.address,
      temporalNamespace: temporal.namespace,
      temporalUiUrl: temporal.uiUrl,
      apiUrl,
    });
    return { postgres, temporal, apiUrl, logsDir, processes: { worker, workers, api }, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
