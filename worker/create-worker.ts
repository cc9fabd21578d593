// Builds a worker from its dependencies: tests create one in-process against a test database; the
// worker process (worker/main.ts) creates one from configuration. A worker polls two queues: the
// batches' own (workflows and every step) and the parts queue (domain/pipeline.ts partsTaskQueue),
// where it takes only as many of a batch's parts as it runs at once, leaving the rest to other
// worker processes.
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { WorkerOptions as TemporalWorkerOptions, WorkflowBundleOption } from '@temporalio/worker';
import { createActivities } from '../activities/index.ts';
import type { ActivityDeps } from '../activities/deps.ts';
import { cleanSlots } from '../activities/part-slots.ts';
import { partsTaskQueue } from '../domain/pipeline.ts';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface WorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests build one per run); otherwise the worker bundles workflows/. */
  workflowBundle?: WorkflowBundleOption;
  identity?: string;
}

/** The two pollers of one worker process, run and shut down together. */
export interface FactoryWorker {
  run(): Promise<void>;
  /** Runs until `until` settles, then shuts down; its outcome is `until`'s. */
  runUntil<T>(until: Promise<T>): Promise<T>;
  shutdown(): void;
}

export async function createWorker(opts: WorkerOptions): Promise<{ worker: FactoryWorker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: opts.address });
  const activities = createActivities(opts.deps);
  const common: Partial<TemporalWorkerOptions> = {
    connection, namespace: opts.namespace, activities, shutdownGraceTime: '10 seconds', ...(opts.identity ? { identity: opts.identity } : {}),
  };
  const steps = await Worker.create({
    ...common,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    maxConcurrentActivityTaskExecutions: 8,
  });
  // One slot a part this process runs at once (a clean thread each): a part it took would
  // otherwise wait here for a thread while another process had one free.
  const parts = await Worker.create({ ...common, taskQueue: partsTaskQueue(opts.taskQueue), maxConcurrentActivityTaskExecutions: cleanSlots.size });
  const both = [steps, parts];
  const worker: FactoryWorker = {
    // One poller failing stops the other: the process is one worker, and its supervisor restarts it.
    run: async () => { await Promise.all(both.map((w) => w.run().catch((e: unknown) => { worker.shutdown(); throw e; }))); },
    shutdown: () => { for (const w of both) if (w.getState() === 'RUNNING') w.shutdown(); },
    async runUntil<T>(until: Promise<T>): Promise<T> {
      const running = worker.run();
      try {
        return await until;
      } finally {
        worker.shutdown();
        await running;
      }
    },
  };
  return { worker, connection };
}
