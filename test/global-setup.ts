// Once per test run: a real Temporal dev server (the CLI found or built; never skipped), a real
// PostgreSQL (embedded, or TEST_DATABASE_URL / DATABASE_URL naming a server we may create databases
// on), a template database migrated once as its owner with the application role's grants, and the
// workflow bundle built once. Tests clone the template for isolation and run their service context
// and workers as the application role (its own per run, so a shared server's `cdf_app` is left alone),
// as `cdf start` runs the API and the workers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { connectDb } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { ensureDatabase, providePostgres } from '../runtime/postgres-server.ts';
import { ensureTemporalCli } from '../runtime/temporal-cli.ts';
import { provideTemporal } from '../runtime/temporal-server.ts';
import { workflowsPath } from '../worker/create-worker.ts';
import { freePort } from '../runtime/ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    pgAdminUrl: string;
    /** The server as the application role (any database), or pgAdminUrl when it could not be made. */
    pgAppUrl: string;
    templateDatabase: string;
    workflowBundlePath: string;
  }
}

const log = (line: string) => console.log(`[global-setup] ${line}`);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cdf-test-'));
  const cleanups: Array<() => Promise<void>> = [async () => rmSync(scratch, { recursive: true, force: true })];
  const teardown = async () => {
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => log(`teardown: ${(e as Error).message}`));
  };
  try {
    // Temporal first: on a fresh machine the CLI build takes minutes, and its failure must fail
    // the run with instructions rather than skip anything.
    const cli = await ensureTemporalCli(log);
    log(`Temporal CLI: ${cli.path} (${cli.source})`);
    const temporal = await provideTemporal({
      address: process.env.TEST_TEMPORAL_ADDRESS, namespace: 'default', port: await freePort(), uiPort: 0, dbFile: undefined,
      logFile: path.join(scratch, 'temporal.log'), headless: true, log, env: { ...process.env, TEMPORAL_CLI: cli.path },
    });
    cleanups.push(temporal.stop);

    const pg = await providePostgres({
      databaseUrl: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL, dataDir: path.join(scratch, 'pg'),
      port: await freePort(), database: 'postgres', logFile: path.join(scratch, 'postgres.log'), persistent: false,
      secretsFile: path.join(scratch, 'secrets.json'), appRole: `cdf_app_t${process.pid}`, log,
    });
    cleanups.push(pg.stop);
    if (pg.appRole) {
      const role = pg.appRole;
      // After the template's drop (cleanups run in reverse): a role with rights in no database drops cleanly.
      cleanups.push(async () => {
        const admin = connectDb(pg.adminUrl, 1);
        try {
          await admin.raw(`drop role if exists "${role}"`);
        } finally {
          await admin.destroy();
        }
      });
    } else {
      log('the application role could not be made: tests connect as the owner (unseparated)');
    }
    const templateDatabase = `cdf_template_${process.pid}`;
    await ensureDatabase(pg.adminUrl, templateDatabase);
    const templateUrl = new URL(pg.adminUrl);
    templateUrl.pathname = `/${templateDatabase}`;
    const db = connectDb(templateUrl.toString(), 1);
    try {
      await migrate(db, { appRole: pg.appRole });
    } finally {
      await db.destroy();
    }
    cleanups.push(async () => {
      const admin = connectDb(pg.adminUrl, 1);
      try {
        await admin.raw(`drop database if exists "${templateDatabase}" with (force)`);
      } finally {
        await admin.destroy();
      }
    });

    const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
    const workflowBundlePath = path.join(scratch, 'workflow-bundle.js');
    writeFileSync(workflowBundlePath, code);

    project.provide('temporalAddress', temporal.address);
    project.provide('pgAdminUrl', pg.adminUrl);
    project.provide('pgAppUrl', pg.databaseUrl);
    project.provide('templateDatabase', templateDatabase);
    project.provide('workflowBundlePath', workflowBundlePath);
    log(`ready: Temporal ${temporal.address} (${temporal.origin}), PostgreSQL ${pg.origin} (app role ${pg.appRole ?? 'none'}), template ${templateDatabase}`);
    return teardown;
  } catch (e) {
    await teardown();
    throw e;
  }
}
