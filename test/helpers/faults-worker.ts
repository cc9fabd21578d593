// The worker as a process of its own (worker/main.ts, as `cdf start` runs it) under a supervisor
// like a container's restart policy: killed with SIGKILL, or exited by itself (a server it lost),
// it is started again. The test counts both; a worker that exits by itself is reported, not hidden.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './cli.ts';

export interface SupervisedWorker {
  /** Resolves when a worker process has said it is ready (after a start or restart). */
  ready(): Promise<void>;
  /** SIGKILL the running worker; the supervisor starts the next one at once. */
  kill(): Promise<void>;
  readonly kills: number;
  /** Exits the test did not cause: the worker gave up by itself (e.g. while a server was down). */
  readonly selfExits: string[];
  stop(): Promise<void>;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}

export function superviseWorker(env: NodeJS.ProcessEnv, logFile: string): SupervisedWorker {
  let child: ChildProcess | undefined;
  let next = deferred();
  let stopping = false;
  let kills = 0;
  const selfExits: string[] = [];
  const log = (text: string) => appendFileSync(logFile, text);

  const start = (): void => {
    const ready = next;
    const c = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'worker', 'main.ts')], {
      env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    let seen = '';
    c.stdout!.on('data', (d: Buffer) => {
      log(d.toString());
      seen += d.toString();
      if (seen.includes('worker ready')) ready.resolve();
    });
    c.stderr!.on('data', (d: Buffer) => log(d.toString()));
    c.once('exit', (code, signal) => {
      log(`\n--- worker ${c.pid} exited (${signal ?? code}) ---\n`);
      if (stopping) return ready.resolve();
      const killed = signal === 'SIGKILL';
      if (!killed) selfExits.push(`pid ${c.pid}: ${signal ?? `exit ${code}`}`);
      // From now on ready() waits for the next process; a wait begun on this one (it died before
      // it was ready) ends with the next one's. A worker that gave up while a server was down is
      // started again after a pause, as a restart policy would; one we killed is replaced at once.
      next = deferred();
      void next.promise.then(ready.resolve);
      setTimeout(() => { if (!stopping) start(); }, killed ? 0 : 2000);
    });
  };
  start();

  return {
    ready: () => next.promise,
    async kill() {
      const c = child!;
      if (c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise((r) => c.once('exit', r));
      kills++;
      c.kill('SIGKILL');
      await gone;
    },
    get kills() { return kills; },
    selfExits,
    async stop() {
      stopping = true;
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await gone;
    },
  };
}
