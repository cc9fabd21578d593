// The sync step's statements, inside its transaction and its dataset's lock: rows classified again
// against records another batch created since compare, new records with their first versions, the
// sources each record was built from, same-source updates (同源更新), and the registry's subjects.
import type { Knex } from 'knex';
import { heldByKey } from '../store-probes.ts';

type Conn = Knex | Knex.Transaction;
type Scope = { batchId: string; dataset: string };

/** Syncs of one dataset take turns (the lock is released with the transaction). */
export async function lockDatasetSync(trx: Knex.Transaction, dataset: string): Promise<void> {
  await trx.raw(`select pg_advisory_xact_lock(hashtext('cdf:sync:' || ?))`, [dataset]);
}

/** Rows of the batch that have no record yet, each with the record its key has now (if any),
 * probed through the store's key one row at a time (store-probes.ts). */
const HELD_NOW = `
      from clean_rows x
      cross join lateral ${heldByKey('x.natural_key')} g
     where x.batch_id = :batchId and x.golden_id is null and c.batch_id = x.batch_id and c.row_no = x.row_no`;

/** The record a row `c`'s key has, as a scalar subquery: HELD_NOW's probe of the unique key, for
 * a statement that reads the batch once (a scalar subquery is never planned as a hash of the store). */
const HELD_RECORD = 'select g.id from golden_records g where g.dataset = :dataset and g.natural_key = c.natural_key';

/** Rows compare took for new whose key another batch has since given a record: classified again. */
export async function reclassifyAgainstNewRecords(trx: Conn, p: Scope): Promise<void> {
  await trx.raw(`
    update clean_rows c
       set class = case when g.content_hash = c.content_hash then 'duplicate' else 'conflict' end, golden_id = g.id
      ${HELD_NOW} and x.class in ('new', 'duplicate')`, p);
}

/**
 * The batch's new rows become records, and every row of their keys (the new row, and the batch's
 * later duplicates and conflicts of it) points at its record: one statement, the records' ids
 * taken from the insert itself rather than looked up again. Returns the records created.
 */
export async function createRecords(trx: Conn, p: Scope): Promise<number> {
  const { rows } = await trx.raw<{ rows: Array<{ created: number }> }>(`
    with created as (
      insert into golden_records (dataset, natural_key, subject_uscc, fields, content_hash)
      select :dataset, natural_key, subject_uscc, fields, content_hash
        from clean_rows where batch_id = :batchId and class = 'new'
      on conflict (dataset, natural_key) do nothing
      returning id, natural_key
    ), pointed as (
      -- Runs whether or not the select reads it, as every data-modifying CTE does.
      update clean_rows c set golden_id = r.id
        from created r
       where c.batch_id = :batchId and c.class in ('new', 'duplicate', 'conflict') and c.golden_id is null
         and c.natural_key = r.natural_key
    )
    select count(*)::int as created from created`, p);
  // A batch's conflict with its own first row of a key whose record another batch created since
  // compare (that first row was classified again above, so created no record): its record is
  // held, found by key. Usually no row is left: one read of the batch's rows, and two probes of the
  // key (the test, the value) for each row left. Joined to itself as reclassifyAgainstNewRecords
  // is, and planned on statistics from before the records were made, it read the whole table
  // twice: 23 s in 9 calls at 3,000,000 rows, 17 s for the largest batch, for no row.
  await trx.raw(`
    update clean_rows c set golden_id = (${HELD_RECORD})
     where c.batch_id = :batchId and c.golden_id is null and c.class in ('new', 'duplicate', 'conflict')
       and (${HELD_RECORD}) is not null`, p);
  return rows[0]!.created;
}

/** Version 1 of each record the batch created. Its values are its row's, read from there
 * (golden_version_values): fields left null, not written twice. */
export async function insertFirstVersions(trx: Conn, batchId: string): Promise<void> {
  await trx.raw(`
    insert into golden_versions (golden_id, version, fields, content_hash, batch_id, row_no)
    select golden_id, 1, null, content_hash, batch_id, row_no
      from clean_rows where batch_id = ? and class = 'new'
    on conflict do nothing`, [batchId]);
}

/** Each new row is its record's chosen source, each duplicate a duplicate source. */
export async function insertSources(trx: Conn, batchId: string): Promise<number> {
  const r = await trx.raw<{ rowCount: number }>(`
    insert into record_sources (batch_id, row_no, golden_id, role)
    select batch_id, row_no, golden_id, case class when 'new' then 'chosen' else 'duplicate' end
      from clean_rows where batch_id = ? and class in ('new', 'duplicate')
    on conflict do nothing`, [batchId]);
  return r.rowCount;
}

/** The registry's new subjects, what later links resolve against. */
export async function registerSubjects(trx: Conn, p: Scope & { regno: string; name: string }): Promise<number> {
  const r = await trx.raw<{ rowCount: number }>(`
    insert into registry_subjects (uscc, orgcode, regno, name, name_key, block_key, rep_key, golden_id, batch_id, row_no)
    select subject_uscc, substr(subject_uscc, 9, 9), fields->>:regno, fields->>:name, name_key, cdf_block_key(name_key), rep_key,
           golden_id, batch_id, row_no
      from clean_rows where batch_id = :batchId and class = 'new' and subject_uscc is not null and name_key is not null
    on conflict (uscc) do nothing`, p);
  return r.rowCount;
}

/**
 * Conflicts whose record came from the same agency and channel in an earlier batch are that
 * source's newer version: per record the batch's last such row becomes class update.
 */
export async function markSameSourceUpdates(trx: Conn, batchId: string): Promise<void> {
  await trx.raw(`
    with candidates as (
      select c.row_no, c.golden_id, row_number() over (partition by c.golden_id order by c.row_no desc) as rn
        from clean_rows c
        join batches cb on cb.id = c.batch_id
        join record_sources s on s.golden_id = c.golden_id and s.role = 'chosen'
        join batches sb on sb.id = s.batch_id
       where c.batch_id = :batchId and c.class = 'conflict'
         and sb.id <> cb.id and sb.agency = cb.agency and sb.channel = cb.channel
    )
    update clean_rows c set class = 'update'
      from candidates x where c.batch_id = :batchId and c.row_no = x.row_no and x.rn = 1`, { batchId });
}

/** The records the update rows name take their values as the next version. Returns how many. */
export async function applyUpdatesToRecords(trx: Conn, batchId: string): Promise<number> {
  const updated = await trx.raw<{ rowCount: number }>(`
    update golden_records g
       set fields = c.fields, content_hash = c.content_hash, subject_uscc = coalesce(c.subject_uscc, g.subject_uscc),
           version = g.version + 1, updated_at = now()
      from clean_rows c
     where c.batch_id = ? and c.class = 'update' and g.id = c.golden_id`, [batchId]);
  return updated.rowCount;
}

/** The updated records' new versions (their values the update row's, left there as version 1's
 * are), their earlier chosen sources superseded, the update rows chosen. */
export async function recordUpdateVersions(trx: Conn, batchId: string): Promise<void> {
  const p = { batchId };
  await trx.raw(`
    insert into golden_versions (golden_id, version, fields, content_hash, batch_id, row_no)
    select g.id, g.version, null, g.content_hash, c.batch_id, c.row_no
      from clean_rows c join golden_records g on g.id = c.golden_id
     where c.batch_id = :batchId and c.class = 'update'`, p);
  await trx.raw(`
    update record_sources s set role = 'superseded'
      from clean_rows c
     where c.batch_id = :batchId and c.class = 'update' and s.golden_id = c.golden_id and s.role = 'chosen'`, p);
  await trx.raw(`
    insert into record_sources (batch_id, row_no, golden_id, role)
    select batch_id, row_no, golden_id, 'chosen' from clean_rows where batch_id = :batchId and class = 'update'
    on conflict (batch_id, row_no) do update set role = 'chosen', golden_id = excluded.golden_id`, p);
}
