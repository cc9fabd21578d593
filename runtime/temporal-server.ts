// Gives the factory a Temporal frontend: an existing cluster (TEMPORAL_ADDRESS), a dev server
// already answering on our port (a previous start), or a dev server we start from the CLI with a
// persistent SQLite file. We start it ourselves and wait for its health rather than relying on the
// SDK's short start-up window.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ensureTemporalCli, TemporalCliUnavailable } from './temporal-cli.ts';
import { waitFor } from './wait.ts';

export interface TemporalEndpoint {
  address: string;
  namespace: string;
  /** The web UI, when we know where it is. */
  uiUrl: string | undefined;
  /** How we got it: connected to a cluster, reused a running dev server, or started one. */
  origin: 'external' | 'reused' | 'started' | 'downloaded';
  stop(): Promise<void>;
}

export interface TemporalServerOptions {
  address: string | undefined;
  namespace: string;
  port: number;
  uiPort: number;
  /** SQLite file that keeps workflow history across restarts; omit for an in-memory server (tests). */
  dbFile: string | undefined;
  logFile: string;
  headless?: boolean;
  log: (line: string) => void;
  env?: Record<string, string | undefined>;
  healthTimeoutMs?: number;
}

export async function isTemporalHealthy(address: string, namespace: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 2000 });
    const c = connection;
    // Deadlines on the calls: a server still starting may accept the connection and not answer.
    const health = await c.withDeadline(Date.now() + 3000, () => c.healthService.check({}));
    if (health.status !== 1) return false; // SERVING
    await c.withDeadline(Date.now() + 3000, () => c.workflowService.describeNamespace({ namespace }));
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

export async function provideTemporal(opts: TemporalServerOptions): Promise<TemporalEndpoint> {
  const timeout = opts.healthTimeoutMs ?? 120_000;
  if (opts.address) {
    await waitFor(`Temporal ${opts.address}`, () => isTemporalHealthy(opts.address!, opts.namespace), timeout);
    return { address: opts.address, namespace: opts.namespace, uiUrl: undefined, origin: 'external', stop: async () => undefined };
  }
  const address = `127.0.0.1:${opts.port}`;
  const uiUrl = opts.headless ? undefined : `http://127.0.0.1:${opts.uiPort}`;
  if (await isTemporalHealthy(address, opts.namespace)) {
    return { address, namespace: opts.namespace, uiUrl, origin: 'reused', stop: async () => undefined };
  }
  let cli;
  try {
    cli = await ensureTemporalCli(opts.log, opts.env ?? process.env);
  } catch (e) {
    if (!(e instanceof TemporalCliUnavailable) || opts.env?.TEMPORAL_CLI) throw e;
    opts.log(`${e.message}\n尝试让 Temporal SDK 下载开发服务器… / trying the SDK's download of the dev server…`);
    return downloadedServer(opts, address, uiUrl, e);
  }
  if (opts.dbFile) mkdirSync(path.dirname(opts.dbFile), { recursive: true });
  mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', opts.namespace, '--log-level', 'warn'];
  // The store's file in write-ahead mode, synced at its checkpoints rather than on every commit
  // (what a process crash cannot lose; a machine crash may lose the last commits): each workflow
  // transition no longer waits for fsyncs of its own. Workflow starts one after another took a
  // median 2.0-2.8 ms against 4.6-10.8 in the default rollback-journal mode, on an idle disk and
  // beside a 30 GB write. In a 10,000,000-row run whose disk was saturated, the store's
  // transactions timed out for minutes in the default mode (docs/scale.md, fifteenth round).
  if (opts.dbFile) args.push('--db-filename', opts.dbFile, '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  if (opts.headless) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort));
  const out = openSync(opts.logFile, 'a');
  const child = spawn(cli.path, args, { stdio: ['ignore', out, out], detached: false });
  let exited: number | null | undefined;
  child.on('exit', (code) => { exited = code; });
  try {
    await waitFor(`Temporal dev server ${address} (log: ${opts.logFile})`, async () => {
      if (exited !== undefined) throw new Error(`temporal exited with ${exited}; see ${opts.logFile}`);
      return isTemporalHealthy(address, opts.namespace);
    }, timeout, 500);
  } catch (e) {
    await stopChild(child); // never leave a server we started behind
    throw e;
  }
  return { address, namespace: opts.namespace, uiUrl, origin: 'started', stop: () => stopChild(child) };
}

async function downloadedServer(opts: TemporalServerOptions, address: string, uiUrl: string | undefined, why: Error): Promise<TemporalEndpoint> {
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' }, ip: '127.0.0.1', port: opts.port, namespace: opts.namespace,
        ...(opts.dbFile ? { dbFilename: opts.dbFile } : {}), ...(opts.headless ? {} : { ui: true, uiPort: opts.uiPort }),
      },
    });
    return { address, namespace: opts.namespace, uiUrl, origin: 'downloaded', stop: () => env.teardown() };
  } catch (e) {
    throw new TemporalCliUnavailable(`${why.message}\nSDK 下载也失败 / the SDK download failed too: ${(e as Error).message}`);
  }
}

export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}
