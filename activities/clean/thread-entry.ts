// A clean thread (threads.ts): takes one part at a time from the worker's main thread, cleans its
// range on a connection of its own (range.ts) and reports after each chunk, when done, or why it
// failed. Pure work and database writes only: Temporal stays on the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { connectDb, PIPELINE_SESSION } from '../../db/connect.ts';
import { findBatch } from '../../db/batches.ts';
import { cleanRange } from './range.ts';
import type { ThreadJob, ThreadMessage } from './threads.ts';

const port = parentPort!;
const db = connectDb((workerData as { databaseUrl: string }).databaseUrl, 1, PIPELINE_SESSION);
const say = (m: ThreadMessage) => port.postMessage(m);

port.on('message', (job: ThreadJob) => {
  void (async () => {
    try {
      const batch = await findBatch(db, job.batchId);
      if (!batch) throw new Error(`batch ${job.batchId} does not exist`);
      const progress = await cleanRange(db, batch, job.to, job.chunkRows, { ...job.progress }, (p, chunk) => say({ kind: 'chunk', progress: { ...p }, chunk }));
      say({ kind: 'done', progress });
    } catch (e) {
      say({ kind: 'failed', message: e instanceof Error ? e.message : String(e), ...(e instanceof Error && e.stack ? { stack: e.stack } : {}) });
    }
  })();
});
