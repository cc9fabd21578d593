// Step 1, clean, in parts that run in parallel on every worker polling the task queue: the plan
// splits the batch's raw rows into row ranges (CDF_PART_ROWS rows each), each part cleans its range
// in chunks (clean/range.ts), and the finish counts what the parts wrote. Cleaning is the pipeline's
// CPU-heavy step in JavaScript: a worker process runs its parts in clean threads (clean/threads.ts),
// one per slot, so they use every core it has, and a second worker process (or machine) takes parts
// too. A part heartbeats the last chunk done, and a retry on another worker resumes after it.
import { Context } from '@temporalio/activity';
import { findBatch, mergeBatchCounts } from '../db/batches.ts';
import { addBatchProgress, setBatchProgress } from '../db/agency.ts';
import { cleanCounts, rowRanges } from '../db/queries/pipeline/clean.ts';
import type { RowRange } from '../db/queries/pipeline/clean.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { cleanRange } from './clean/range.ts';
import type { ChunkDone, RangeProgress } from './clean/range.ts';
import { cleanThreadsFor } from './clean/threads.ts';
import { cleanSlots } from './part-slots.ts';
import { analyze, doneStats, markDone, planParts } from './step-once.ts';
import type { StepStats } from './step-once.ts';

export type { RowRange } from '../db/queries/pipeline/clean.ts';
export interface CleanPart extends BatchRef, RowRange {}

/** The parts of a batch still to clean: none when the step is done. */
export async function cleanPlan({ db, config }: ActivityDeps, { batchId }: BatchRef): Promise<RowRange[]> {
  return planParts(db, batchId, 'clean', async () => {
    await setBatchProgress(db, batchId, { cleaned: 0, accepted: 0, rejected: 0 });
    return rowRanges(db, batchId, config.partRows);
  });
}

/** One part: its row range, chunk by chunk. Run again, it redoes its range (each chunk replaces
 * its own earlier output), resuming after the last chunk its earlier attempt heartbeated. */
export async function cleanPart(deps: ActivityDeps, { batchId, from, to }: CleanPart): Promise<StepStats> {
  const { db, config } = deps;
  const activity = Context.current();
  const resumed = activity.info.heartbeatDetails as RangeProgress | undefined;
  let progress: RangeProgress = resumed ?? { afterRow: from - 1, accepted: 0, rejected: 0 };
  const onChunk = (p: RangeProgress, r: ChunkDone) => {
    progress = { ...p };
    activity.heartbeat(progress);
    // The uploader's live figures: parts add what they did (a retried chunk may count twice until
    // the finish writes the exact figures).
    void addBatchProgress(db, batchId, { cleaned: r.accepted + r.rejected, accepted: r.accepted, rejected: r.rejected }).catch(() => undefined);
  };
  const url = config.databaseUrl;
  // While it waits for a slot it heartbeats where it stands, so a retry still resumes there. A
  // thread reads the batch itself; the main thread reads it here.
  await cleanSlots.run(async () => (config.cleanThreads && url
    ? cleanThreadsFor(url.reveal()).run({ batchId, to, chunkRows: config.chunkRows, progress }, onChunk)
    : cleanRange(db, (await findBatch(db, batchId))!, to, config.chunkRows, { ...progress }, onChunk)), () => activity.heartbeat(progress));
  return { accepted: progress.accepted, rejected: progress.rejected };
}

/** After every part: the step's figures, counted from what the parts wrote. */
export async function cleanFinish(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const { db } = deps;
  const done = await doneStats(db, batchId, 'clean');
  if (done) return done;
  const stats = await cleanCounts(db, batchId);
  await setBatchProgress(db, batchId, { cleaned: stats.accepted + stats.rejected, ...stats });
  await analyze(db, 'clean_rows');
  await markDone(db, batchId, 'clean', stats);
  await mergeBatchCounts(db, batchId, stats);
  return stats;
}

/** The whole step in one activity, as workflow histories from before the parts replay it. */
export async function clean(deps: ActivityDeps, ref: BatchRef): Promise<StepStats> {
  for (const part of await cleanPlan(deps, ref)) await cleanPart(deps, { ...ref, ...part });
  return cleanFinish(deps, ref);
}
