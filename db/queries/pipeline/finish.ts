// The finish step's statements: a batch's figures recomputed from its rows (so what the user is
// told is what the database holds, whatever retries happened on the way), and the batch closed.
import type { Knex } from 'knex';
import type { BatchCounts } from '../../batches.ts';
import type { SubjectFields } from '../../../catalog/dataset-definition.ts';
import type { LinkCounts } from '../../../domain/quality.ts';
import { bindings } from './link.ts';

type Conn = Knex | Knex.Transaction;

/** The one row a statement about the batch (its only binding) returns. */
async function one<T>(db: Conn, sql: string, batchId: string): Promise<T> {
  return ((await db.raw(sql, [batchId])) as { rows: T[] }).rows[0]!;
}

/** Raw rows received. */
export async function receivedRows(db: Conn, batchId: string): Promise<number> {
  return (await one<{ received: number }>(db, 'select count(*)::int as received from raw_rows where batch_id = ?', batchId)).received;
}

export interface CleanFigures {
  accepted: number;
  new: number;
  duplicates: number;
  conflicts: number;
  updates: number;
  outOfResponsibility: number;
  awaitingLink: number;
  linked: number;
}

/** Rows accepted, by the class compare gave them, and how many are linked to a subject. */
export async function cleanFigures(db: Conn, batchId: string): Promise<CleanFigures> {
  return one<CleanFigures>(db, `
    select count(*)::int as accepted,
           count(*) filter (where class = 'new')::int as new,
           count(*) filter (where class = 'duplicate')::int as duplicates,
           count(*) filter (where class = 'conflict')::int as conflicts,
           count(*) filter (where class = 'update')::int as updates,
           count(*) filter (where class = 'out_of_responsibility')::int as "outOfResponsibility",
           count(*) filter (where class = 'awaiting_link')::int as "awaitingLink",
           count(*) filter (where subject_uscc is not null)::int as linked
      from clean_rows where batch_id = ?`, batchId);
}

/** The batch's link figures over its organisation rows (natural persons are not linked). */
export async function linkCounts(db: Conn, batchId: string, subject: SubjectFields): Promise<LinkCounts> {
  return (
    (await db.raw(
      `
    select count(*)::int as organisations,
           count(*) filter (where link_method is distinct from 'uscc')::int as "withoutUscc",
           count(*) filter (where link_method is distinct from 'uscc' and subject_uscc is not null)::int as converted,
           (select count(distinct row_no) from code_conflicts k where k.batch_id = :batchId)::int as "codeConflictRows"
      from clean_rows c where c.batch_id = :batchId and coalesce(c.fields->>:cat, '') <> :person`,
      bindings({ batchId, subject }),
    )) as { rows: LinkCounts[] }
  ).rows[0]!;
}

/** Rows whose link still waits for a steward. */
export async function openLinkItems(db: Conn, batchId: string): Promise<number> {
  return (await one<{ n: number }>(db, `select count(*)::int as n from steward_tasks where batch_id = ? and kind = 'uncertain_link' and status = 'open'`,
    batchId)).n;
}

/** Records the batch's rows were chosen for: new records (class new), and next versions of records
 * held (a same-source update), counted apart. */
export async function recordsMade(db: Conn, batchId: string): Promise<{ n: number; versions: number }> {
  return one<{ n: number; versions: number }>(db, `
    select count(*) filter (where c.class = 'new')::int as n, count(*) filter (where c.class = 'update')::int as versions
      from record_sources s join clean_rows c on c.batch_id = s.batch_id and c.row_no = s.row_no
     where s.batch_id = ? and s.role = 'chosen'`, batchId);
}

/** Suspected duplicates raised for the batch's rows. */
export async function suspectedDuplicates(db: Conn, batchId: string): Promise<number> {
  return (await one<{ n: number }>(db, `select count(*)::int as n from steward_tasks where batch_id = ? and kind = 'suspected_duplicate'`, batchId)).n;
}

/** Records delivered to subscribers for the batch. */
export async function deliveredRecords(db: Conn, batchId: string): Promise<number> {
  return (await one<{ n: number }>(db, 'select coalesce(sum(records), 0)::int as n from deliveries where batch_id = ?', batchId)).n;
}

/** The batch done, with its figures. */
export async function closeBatch(trx: Conn, batchId: string, counts: BatchCounts): Promise<void> {
  await trx('batches').where({ id: batchId }).update({
    counts: JSON.stringify(counts), status: 'done', step: null, finished_at: trx.fn.now(), updated_at: trx.fn.now(),
  });
}

/** The batch's lineage event is in the audit log already (a retried finish must not append it again). */
export async function batchDoneLogged(trx: Conn, batchId: string): Promise<boolean> {
  return Boolean(await trx('audit_log').where({ kind: 'batch_done', subject: `batch:${batchId}` }).first('seq'));
}

/** The batch failed, with the error as the workflow saw it. */
export async function failBatch(db: Conn, batchId: string, error: unknown): Promise<void> {
  await db('batches').where({ id: batchId }).update({ status: 'failed', error: JSON.stringify(error), updated_at: db.fn.now() });
}
