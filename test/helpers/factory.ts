// A factory for one test file: its own database cloned from the migrated template, its own data
// folder, its own task queue and an in-process worker on the shared dev server. Nothing is faked:
// as under `cdf start`, the service context, the worker and `cdf` processes connect as the
// application role (no DDL, not the owner); `database.db` is the owner's, for a test's own setup.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { FactoryWorker } from '../../worker/create-worker.ts';
import { connectDb } from '../../db/connect.ts';
import type { Db } from '../../db/connect.ts';
import { systemClock } from '../../domain/clock.ts';
import type { Clock } from '../../domain/clock.ts';
import { loadConfig } from '../../runtime/config.ts';
import type { Config } from '../../runtime/config.ts';
import { openContext } from '../../services/context.ts';
import type { ServiceContext } from '../../services/context.ts';
import { createWorker } from '../../worker/create-worker.ts';

let counter = 0;
let runtimeInstalled = false;

/** Workers in tests log warnings only; a test's output is its assertions. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

async function withAdmin(fn: (admin: Db) => Promise<unknown>): Promise<void> {
  const admin = connectDb(inject('pgAdminUrl'), 1);
  try {
    await fn(admin);
  } finally {
    await admin.destroy();
  }
}

export interface TestDatabase {
  name: string;
  /** As the owner (the template's migrations ran as it). */
  url: string;
  /** As the application role: what the factory itself uses. */
  appUrl: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cdf_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await withAdmin((admin) => admin.raw(`create database "${name}" template "${inject('templateDatabase')}"`));
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  const db = connectDb(url.toString(), 5);
  const appUrl = new URL(inject('pgAppUrl'));
  appUrl.pathname = `/${name}`;
  return {
    name, url: url.toString(), appUrl: appUrl.toString(), db,
    async drop() {
      await db.destroy();
      await withAdmin((admin) => admin.raw(`drop database if exists "${name}" with (force)`));
    },
  };
}

export interface TestFactory {
  config: Config;
  /** The clock the service context and the worker's activities share (the system's unless given). */
  clock: Clock;
  database: TestDatabase;
  ctx: ServiceContext;
  /** Environment that points `cdf` and worker processes at this factory. */
  env: NodeJS.ProcessEnv;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function createTestFactory(
  opts: { chunkRows?: number; inProcessWorker?: boolean; env?: NodeJS.ProcessEnv; clock?: Clock } = {},
): Promise<TestFactory> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdf-data-'));
  const taskQueue = `cdf-test-${process.pid}-${counter++}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: database.appUrl, TEMPORAL_ADDRESS: inject('temporalAddress'), CDF_DATA_DIR: dataDir,
    CDF_TASK_QUEUE: taskQueue, CDF_CHUNK_ROWS: String(opts.chunkRows ?? 5000), CDF_LANG: 'zh-CN', ...opts.env,
  };
  const config = loadConfig(env);
  const clock = opts.clock ?? systemClock;
  const ctx = await openContext(config, database.appUrl, inject('temporalAddress'), clock);
  const workerDb = connectDb(database.appUrl, 5);
  let running: { worker: FactoryWorker; done: Promise<void>; close(): Promise<void> } | undefined;
  const factory: TestFactory = {
    config, clock, database, ctx, env,
    async startWorker() {
      quietRuntime();
      const { worker, connection } = await createWorker({
        address: inject('temporalAddress'), namespace: 'default', taskQueue, deps: { db: workerDb, config, clock },
        workflowBundle: { codePath: inject('workflowBundlePath') },
      });
      running = { worker, done: worker.run(), close: () => connection.close() };
    },
    async stopWorker() {
      if (!running) return;
      running.worker.shutdown();
      await running.done;
      await running.close();
      running = undefined;
    },
    async close() {
      await factory.stopWorker();
      await ctx.close();
      await workerDb.destroy();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  if (opts.inProcessWorker ?? true) await factory.startWorker();
  return factory;
}
