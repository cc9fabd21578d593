// The sync step's statements, inside its transaction and its dataset's lock: rows classified again
// against records another batch created since compare, new records with their first versions, the
// sources each record was built from, same-source updates (同源更新), and the registry's subjects.
import type { Knex } from 'knex';
import { DRAW_RECORD_ID, heldByKey, registeredBy } from '../store-probes.ts';
import { SAME_NAME_SIMILARITY } from './link.ts';

type Conn = Knex | Knex.Transaction;
type Scope = { batchId: string; dataset: string };

/** Syncs of one dataset take turns (the lock is released with the transaction). */
export async function lockDatasetSync(trx: Knex.Transaction, dataset: string): Promise<void> {
  await trx.raw(`select pg_advisory_xact_lock(hashtext('cdf:sync:' || ?))`, [dataset]);
}

/**
 * Rows whose key has no record id yet get one, the same for every row of the key. Compare draws
 * them (compare.ts), so only a batch compared before it did (or rows seeded so) has any left; the
 * reclassification's probe finds them, and this runs only then.
 */
async function drawMissingRecordIds(trx: Conn, batchId: string): Promise<void> {
  // Materialized, so each key's id is drawn once however often the join reads it.
  await trx.raw(`
    with k as materialized (
      select natural_key, ${DRAW_RECORD_ID} as id from clean_rows where batch_id = :batchId and class = 'new' and golden_id is null
    )
    update clean_rows c set golden_id = k.id
      from k
     where c.batch_id = :batchId and c.golden_id is null and c.class in ('new', 'duplicate', 'conflict')
       and c.natural_key = k.natural_key`, { batchId });
}

type Probed = { drawn: string | null; id: string | null; content_hash: string | null };

/** The batch's new rows whose key another batch holds since compare, or that have no id drawn:
 * one read of its new rows, one probe of the store's key each. A batch compared before compare drew
 * ids returns every new row once here (the transition's cost; no batch compared since does). */
async function probeNewRows(trx: Conn, p: Scope): Promise<Probed[]> {
  const { rows } = await trx.raw<{ rows: Probed[] }>(`
    select n.golden_id as drawn, g.id, g.content_hash
      from clean_rows n
      left join lateral ${heldByKey('n.natural_key')} g on true
     where n.batch_id = :batchId and n.class = 'new' and (g.id is not null or n.golden_id is null)`, p);
  return rows;
}

/**
 * Keys compare took for new whose record another batch has created since: every row of such a key
 * takes the held record instead of the id compare drew, its new and duplicate rows classified again
 * against it (a conflict with the batch's first row stays one), so a disagreement becomes a conflict
 * for a steward instead of being merged by accident. The same read finds new rows without an id
 * (compared before compare drew them), and their keys draw one first. Usually it finds nothing,
 * and then nothing is written. Returns the rows classified again.
 */
export async function reclassifyAgainstNewRecords(trx: Conn, p: Scope): Promise<number> {
  let probed = await probeNewRows(trx, p);
  if (probed.some((x) => x.drawn === null)) {
    await drawMissingRecordIds(trx, p.batchId);
    probed = await probeNewRows(trx, p);
  }
  const rows = probed as Array<{ drawn: string; id: string; content_hash: string }>;
  if (!rows.length) return 0;
  const r = await trx.raw<{ rowCount: number }>(`
    update clean_rows c
       set class = case when c.class = 'conflict' then 'conflict' when v.hash = c.content_hash then 'duplicate' else 'conflict' end,
           golden_id = v.id
      from unnest(cast(:drawn as bigint[]), cast(:ids as bigint[]), cast(:hashes as text[])) v(drawn, id, hash)
     where c.batch_id = :batchId and c.golden_id = v.drawn`,
  { batchId: p.batchId, drawn: rows.map((x) => x.drawn), ids: rows.map((x) => x.id), hashes: rows.map((x) => x.content_hash) });
  return r.rowCount;
}

/**
 * The batch's new rows become records under the ids their rows already hold (every row of the key
 * holds the same one), so no row is written again here. Under the dataset's lock and after the
 * reclassification no new row's key is held: a key taken all the same is an error, and the step's
 * retry classifies it again, rather than rows left naming a record never made. Returns the records
 * created.
 */
export async function createRecords(trx: Conn, p: Scope): Promise<number> {
  const r = await trx.raw<{ rowCount: number }>(`
    insert into golden_records (id, dataset, natural_key, subject_uscc, fields, content_hash)
    select golden_id, :dataset, natural_key, subject_uscc, fields, content_hash
      from clean_rows where batch_id = :batchId and class = 'new'`, p);
  return r.rowCount;
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

/**
 * A record whose copy was left unlinked (no code, a name the registry does not know) meets a later
 * copy linked to a subject: they differ only in `$subject`, which is no disagreement but the missing
 * fact. The later copy is the record's next version (class update) when, linked to that subject,
 * the held copy hashes the same as it (base_hash: its hash before the subject was folded in) and
 * the held copy's name or legal representative agrees with the subject's registration: the sibling
 * copy rule of the link step (link.ts), which settles the same pair when the copies arrive the
 * other way round. A held copy still waiting for a steward's link decision is left to it. Per
 * record the batch's first such row counts. Returns the rows marked.
 */
export async function markSubjectCompletions(trx: Conn, batchId: string): Promise<number> {
  const r = await trx.raw<{ rowCount: number }>(`
    with candidates as (
      select c.row_no, row_number() over (partition by c.golden_id order by c.row_no) as rn
        from clean_rows c
        join golden_records g on g.id = c.golden_id
        join record_sources s on s.golden_id = g.id and s.role = 'chosen'
        join clean_rows h on h.batch_id = s.batch_id and h.row_no = s.row_no
        cross join lateral ${registeredBy('uscc', 'c.subject_uscc', 'r.name_key, r.rep_key')} r
       where c.batch_id = :batchId and c.class = 'conflict' and c.subject_uscc is not null
         and g.status = 'active' and g.subject_uscc is null and g.content_hash = h.content_hash
         and h.batch_id <> c.batch_id and h.subject_uscc is null and h.base_hash is not null
         and md5(h.base_hash || '|' || c.subject_uscc) = c.content_hash
         and ((h.name_key is not null and similarity(h.name_key, r.name_key) >= :same) or (h.rep_key is not null and h.rep_key = r.rep_key))
         and not exists (select 1 from steward_tasks t where t.batch_id = h.batch_id and t.row_no = h.row_no
                                                        and t.kind = 'uncertain_link' and t.status = 'open')
         and not exists (select 1 from clean_rows u where u.batch_id = c.batch_id and u.golden_id = c.golden_id and u.class = 'update')
    )
    update clean_rows c set class = 'update'
      from candidates x where c.batch_id = :batchId and c.row_no = x.row_no and x.rn = 1`, { batchId, same: SAME_NAME_SIMILARITY });
  return r.rowCount;
}

/** The batch's conflicts that the record, as updated by this batch, now equals: duplicates of it
 * (a second copy of the row that completed it, say). Returns how many. */
export async function settleConflictsWithUpdatedRecords(trx: Conn, batchId: string): Promise<number> {
  const r = await trx.raw<{ rowCount: number }>(`
    update clean_rows c set class = 'duplicate'
      from golden_records g
     where c.batch_id = :batchId and c.class = 'conflict' and g.id = c.golden_id and g.content_hash = c.content_hash
       and exists (select 1 from clean_rows u where u.batch_id = c.batch_id and u.golden_id = c.golden_id and u.class = 'update')`, { batchId });
  return r.rowCount;
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
