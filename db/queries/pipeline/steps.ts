// What every step writes besides its effects: the marker that it finished for a batch (with its
// stats: running it again returns them), the batch row two attempts of a step serialise on, fresh
// planner statistics for a table a step has just filled, and receive's two statements, which run
// on the pg client that COPYs the file, inside its transaction.
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';

type Conn = Knex | Knex.Transaction;

export type StepStats = Record<string, number>;

/** The stats a step recorded when it finished for the batch; undefined while it has not. */
export async function doneStats(db: Conn, batchId: string, step: string): Promise<StepStats | undefined> {
  const row = (await db('batch_steps').where({ batch_id: batchId, step }).first('stats')) as { stats: StepStats } | undefined;
  return row?.stats;
}

/** Records that the step finished; a marker already there is kept as it is (the first stats stand). */
export async function markDone(db: Conn, batchId: string, step: string, stats: StepStats): Promise<void> {
  // clock_timestamp, not now(): a step's transaction may start before it waits for its dataset's
  // lock, and the order steps finished in is the order subscribers receive batches in.
  await db('batch_steps')
    .insert({ batch_id: batchId, step, stats: JSON.stringify(stats), done_at: db.raw('clock_timestamp()') })
    .onConflict(['batch_id', 'step'])
    .ignore();
}

/** Two attempts of one step (a retry racing a slow original) serialise on the batch row. */
export async function lockBatchRow(trx: Knex.Transaction, batchId: string): Promise<void> {
  await trx.raw('select 1 from batches where id = ? for update', [batchId]);
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
export async function analyze(db: Conn, table: string): Promise<void> {
  await db.raw(`analyze ${table}${PLANNED[table] ? ` (${PLANNED[table]})` : ''}`);
}

/** What an earlier attempt of receive left of the batch: the file is received again whole. */
export async function deleteRawRows(client: PoolClient, batchId: string): Promise<void> {
  await client.query('delete from raw_rows where batch_id = $1', [batchId]);
}

/** Receive's marker, written in the transaction that holds the rows it counts. */
export async function markReceived(client: PoolClient, batchId: string, stats: StepStats): Promise<void> {
  await client.query(`insert into batch_steps (batch_id, step, stats) values ($1, 'receive', $2) on conflict do nothing`, [
    batchId,
    JSON.stringify(stats),
  ]);
}
