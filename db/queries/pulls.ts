// pull_sources: per catalogue entry the factory pulls from an agency's own system, where the next
// pull starts (the connector's cursor) and how the last pulls went. The cursor moves only together
// with the batch its rows became (one transaction), and only from where the pull started: two
// pulls of one source at once (a schedule and a run by hand) cannot both advance it, and the one
// that lost reads again from where the winner stopped.
import type { Knex } from 'knex';

type Conn = Knex | Knex.Transaction;

export interface PullKey { agency: string; dataset: string; channel: string }

export interface PullSourceRow extends PullKey {
  connector: string;
  cursor: string | null;
  last_attempt_at: Date | null;
  last_success_at: Date | null;
  last_rows: number | null;
  last_batch_id: string | null;
  failures: number;
  failing_since: Date | null;
  last_error: { code: string; zh: string; en: string } | null;
  updated_at: Date;
}

/** Notes an attempt (creating the source's row on its first pull) and returns where it starts. */
export async function beginPull(db: Conn, key: PullKey, connector: string): Promise<{ cursor: string | null }> {
  const [row] = (await db('pull_sources')
    .insert({ ...key, connector, last_attempt_at: db.fn.now(), updated_at: db.fn.now() })
    .onConflict(['agency', 'dataset', 'channel'])
    .merge({ connector, last_attempt_at: db.fn.now(), updated_at: db.fn.now() })
    .returning('cursor')) as Array<{ cursor: string | null }>;
  return { cursor: row!.cursor };
}

export interface PullDone {
  /** Where this pull started: the cursor moves only when it is still there. */
  from: string | null;
  to: string | null;
  rows: number;
  batchId: string | null;
}

/** A pull that succeeded: the cursor moves on and the failures are cleared. False when another pull
 * moved the cursor first (this one's rows are then not recorded; the caller discards them). */
export async function finishPull(db: Conn, key: PullKey, done: PullDone): Promise<boolean> {
  const moved = await db('pull_sources').where(key)
    .whereRaw('cursor is not distinct from ?', [done.from])
    .update({
      // The last batch that arrived stays named after a pull that found nothing new.
      cursor: done.to, last_success_at: db.fn.now(), last_rows: done.rows, last_batch_id: done.batchId ?? db.raw('last_batch_id'),
      failures: 0, failing_since: null, last_error: null, updated_at: db.fn.now(),
    });
  return moved > 0;
}

/** A pull that failed after its retries: counted, and failing since its first failure in a row. */
export async function failPull(db: Conn, key: PullKey, error: { code: string; zh: string; en: string }): Promise<void> {
  await db('pull_sources').where(key).update({
    failures: db.raw('failures + 1'), failing_since: db.raw('coalesce(failing_since, now())'),
    last_error: JSON.stringify(error), updated_at: db.fn.now(),
  });
}

/** Every source's state: one row per catalogue entry with a pull, so a city's few hundred at most. */
export async function allPullSources(db: Conn): Promise<PullSourceRow[]> {
  return (await db('pull_sources').select('*')) as PullSourceRow[];
}

/** One source's state; undefined before its first pull. */
export async function pullSource(db: Conn, key: PullKey): Promise<PullSourceRow | undefined> {
  return (await db('pull_sources').where(key).first()) as PullSourceRow | undefined;
}

export interface PullScheduleRow extends PullKey { schedule_id: string; spec_sha256: string }

/** The pull schedules made for this factory (ids start with its prefix). */
export async function pullSchedules(db: Conn, prefix: string): Promise<PullScheduleRow[]> {
  return (await db('pull_schedules').whereLike('schedule_id', `${prefix.replace(/[\\%_]/g, '\\$&')}%`)
    .select('schedule_id', 'agency', 'dataset', 'channel', 'spec_sha256')) as PullScheduleRow[];
}

export async function recordPullSchedule(db: Conn, row: PullScheduleRow): Promise<void> {
  await db('pull_schedules').insert({ ...row, updated_at: db.fn.now() }).onConflict('schedule_id').merge();
}

export async function forgetPullSchedule(db: Conn, scheduleId: string): Promise<void> {
  await db('pull_schedules').where({ schedule_id: scheduleId }).delete();
}
