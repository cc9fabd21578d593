// A step that completed for a batch is recorded with its stats in the same transaction as its
// effects where possible; running it again returns the recorded stats and changes nothing.
import { Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { setBatchStep } from '../db/batches.ts';
import type { Db } from '../db/connect.ts';

export type StepStats = Record<string, number>;

export async function doneStats(db: Db | Knex.Transaction, batchId: string, step: string): Promise<StepStats | undefined> {
  const row = (await db('batch_steps').where({ batch_id: batchId, step }).first('stats')) as { stats: StepStats } | undefined;
  return row?.stats;
}

export async function markDone(db: Db | Knex.Transaction, batchId: string, step: string, stats: StepStats): Promise<void> {
  // clock_timestamp, not now(): a step's transaction may start before it waits for its dataset's
  // lock, and the order steps finished in is the order subscribers receive batches in.
  await db('batch_steps')
    .insert({ batch_id: batchId, step, stats: JSON.stringify(stats), done_at: db.raw('clock_timestamp()') })
    .onConflict(['batch_id', 'step'])
    .ignore();
}

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

/** The columns the pipeline's statements filter, join and group on: statistics of the wide
 * document columns (cells, fields) cost most of an ANALYZE (every sampled value detoasted) and
 * no plan of a step reads them. Autovacuum still analyses whole tables in its own time. */
const PLANNED: Record<string, string> = {
  raw_rows: 'batch_id, row_no',
  clean_rows: 'batch_id, row_no, natural_key, content_hash, subject_uscc, link_method, class, golden_id, name_key, rep_key',
  golden_records: 'id, dataset, natural_key, subject_uscc, content_hash, status',
  record_sources: 'batch_id, row_no, golden_id, role',
};

/** Fresh statistics for a table a step has just filled: without them the planner takes a new
 * batch for one row and may choose a nested loop that is quadratic in the batch's size. */
export async function analyze(db: Db | Knex.Transaction, table: string): Promise<void> {
  await db.raw(`analyze ${table}${PLANNED[table] ? ` (${PLANNED[table]})` : ''}`);
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
      // Two attempts of one step (a retry racing a slow original) serialise on the batch row.
      await trx.raw('select 1 from batches where id = ? for update', [batchId]);
      const again = await doneStats(trx, batchId, step);
      if (again) return again;
      const stats = await fn(trx);
      await markDone(trx, batchId, step, stats);
      return stats;
    });
  })());
}
