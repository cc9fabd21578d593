// A step that completed for a batch is recorded with its stats in the same transaction as its
// effects where possible; running it again returns the recorded stats and changes nothing.
import { Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { setBatchStep } from '../db/batches.ts';
import type { Db } from '../db/connect.ts';
import { doneStats, lockBatchRow, markDone } from '../db/queries/pipeline/steps.ts';
import type { StepStats } from '../db/queries/pipeline/steps.ts';

// The steps' statements live with the other named queries; the steps import them from here.
export { analyze, doneStats, markDone } from '../db/queries/pipeline/steps.ts';
export type { StepStats } from '../db/queries/pipeline/steps.ts';

/** Heartbeats every few seconds while a long statement runs: a set-based step over a million
 * rows is one statement, and without heartbeats Temporal would take the worker for dead. */
export async function heartbeatWhile<T>(work: Promise<T>, everyMs = 5000): Promise<T> {
  const timer = setInterval(() => Context.current().heartbeat(), everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** A step run in parts: its parts, none when the step is done; the batch shows the step from here. */
export async function planParts<T>(db: Db, batchId: string, step: string, parts: () => Promise<T[]>): Promise<T[]> {
  if (await doneStats(db, batchId, step)) return [];
  await setBatchStep(db, batchId, step);
  return parts();
}

/** Runs a step whose effects are committed inside fn's transaction together with its marker. */
export async function runStepOnce(db: Db, batchId: string, step: string, fn: (trx: Knex.Transaction) => Promise<StepStats>): Promise<StepStats> {
  const done = await doneStats(db, batchId, step);
  if (done) return done;
  // Heartbeats from the first write on: marking the step may already wait on the batch row that
  // a killed attempt's orphaned statement still holds, and a silent wait would be retried on top.
  return heartbeatWhile((async () => {
    await setBatchStep(db, batchId, step);
    return db.transaction(async (trx) => {
      await lockBatchRow(trx, batchId);
      const again = await doneStats(trx, batchId, step);
      if (again) return again;
      const stats = await fn(trx);
      await markDone(trx, batchId, step, stats);
      return stats;
    });
  })());
}
