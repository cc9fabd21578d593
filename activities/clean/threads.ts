// Clean threads: a worker process cleans its parts in worker threads, one per clean slot, each with
// its own database connection, so that cleaning (the pipeline's JavaScript-heavy work: about 100 µs
// of CPU a row) runs on every core of the machine rather than on the one thread that also drives
// Temporal, heartbeats and every other activity. A part's activity stays on the main thread: it
// hands its range to a free thread and heartbeats what the thread reports after each chunk.
//
// Threads are kept between parts (starting one loads tsx and the domain code again) and stopped
// after a minute idle. A thread that fails takes only its part with it: the part's activity fails,
// Temporal retries it, and the next part gets a new thread.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkDone, RangeProgress } from './range.ts';

/** What a thread is asked to do: one part's range, from where it stands. */
export interface ThreadJob { batchId: string; to: number; chunkRows: number; progress: RangeProgress }

/** What a thread says: a chunk done, the part done, or why it failed. */
export type ThreadMessage =
  | { kind: 'chunk'; progress: RangeProgress; chunk: ChunkDone }
  | { kind: 'done'; progress: RangeProgress }
  | { kind: 'failed'; message: string; stack?: string };

const IDLE_MS = 60_000;
const THREAD_HEAP_MB = 1024;

// The thread runs TypeScript as the worker does: tsx's loader, registered in the thread itself
// (a worker thread does not take --import from its options on Node 20), then the entry.
// Its ES module entry, found through the package's own exports (require.resolve would give the
// CommonJS one, which cannot register the loader for ES modules).
function tsxLoader(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(manifest), pkg.exports['./esm/api']!.import.default)).href;
}

function bootScript(): string {
  const tsx = tsxLoader();
  const entry = new URL('./thread-entry.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
}

interface Idle { worker: Worker; timer: NodeJS.Timeout }

export class CleanThreads {
  private readonly idle: Idle[] = [];

  constructor(private readonly databaseUrl: string) {}

  /** Runs one part's range in a thread; `onChunk` hears of every chunk as it is written. */
  async run(job: ThreadJob, onChunk: (progress: RangeProgress, chunk: ChunkDone) => void): Promise<RangeProgress> {
    const worker = this.take();
    worker.ref();
    let settled = false;
    try {
      const progress = await new Promise<RangeProgress>((resolve, reject) => {
        const onMessage = (m: ThreadMessage) => {
          if (m.kind === 'chunk') return onChunk(m.progress, m.chunk);
          cleanup();
          if (m.kind === 'done') resolve(m.progress);
          else reject(Object.assign(new Error(m.message), { stack: m.stack ?? m.message }));
        };
        const onError = (e: Error) => (cleanup(), reject(e));
        const onExit = (code: number) => (cleanup(), reject(new Error(`clean thread exited with code ${code}`)));
        const cleanup = () => {
          worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        };
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        worker.postMessage(job);
      });
      settled = true;
      return progress;
    } finally {
      // A thread that failed or died is not used again: the next part gets a new one.
      if (settled) this.release(worker);
      else void worker.terminate();
    }
  }

  /** Stops every idle thread (the worker is shutting down). */
  async close(): Promise<void> {
    const all = this.idle.splice(0);
    for (const t of all) clearTimeout(t.timer);
    await Promise.all(all.map((t) => t.worker.terminate()));
  }

  private take(): Worker {
    const t = this.idle.pop();
    if (t) {
      clearTimeout(t.timer);
      return t.worker;
    }
    // A thread's heap is bounded, so it collects before it grows: without a bound each thread's heap
    // grew lazily and a worker with two threads peaked at 1,169 MB at 1,000,000 rows. Not bounded
    // tightly: V8 lets a heap grow between full collections by a factor that shrinks with its bound.
    // Bounded at 320 MB, a thread holding about 40 MB paused for full collections about six times as
    // long as an unbounded one, and cleaned one range for 92 µs of CPU a row against 77 at 1,024 MB
    // (alternated in one process); one thread's process peaked at 242-243 MB resident at either bound.
    const worker = new Worker(bootScript(), {
      eval: true, workerData: { databaseUrl: this.databaseUrl }, resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
    });
    // An idle thread that fails (its connection lost, say) is dropped; a running one fails its part
    // through the listeners run() adds.
    worker.on('error', () => undefined).on('exit', () => this.forget(worker));
    return worker;
  }

  private forget(worker: Worker): void {
    const at = this.idle.findIndex((t) => t.worker === worker);
    if (at >= 0) clearTimeout(this.idle.splice(at, 1)[0]!.timer);
  }

  private release(worker: Worker): void {
    // Idle threads do not keep the process alive, and end after a while unused.
    worker.unref();
    this.idle.push({ worker, timer: setTimeout(() => void worker.terminate(), IDLE_MS).unref() });
  }
}

// One pool per database a process cleans for (a worker has one; a test process may have several).
const pools = new Map<string, CleanThreads>();

export function cleanThreadsFor(databaseUrl: string): CleanThreads {
  let p = pools.get(databaseUrl);
  if (!p) pools.set(databaseUrl, (p = new CleanThreads(databaseUrl)));
  return p;
}

/** Stops every pool's idle threads. */
export async function closeCleanThreads(): Promise<void> {
  await Promise.all([...pools.values()].map((p) => p.close()));
}
