// clean_rows as the steward side reads and changes them after the pipeline wrote them: a row's
// values for a decision, which record a row belongs to, its class while it waits for a link, and the
// subject a link decision gives it. The pipeline's own writes are its steps' (db/queries/pipeline/).
import type { Knex } from 'knex';

type Conn = Knex | Knex.Transaction;

/** Rows still waiting for a steward's link decision: an open uncertain_link item on the row `c`. */
const WAITING = `exists (select 1 from steward_tasks t where t.batch_id = c.batch_id and t.row_no = c.row_no
  and t.kind = 'uncertain_link' and t.status = 'open')`;

/**
 * The batch's conflicts that are only about a link not yet decided become awaiting_link: once
 * linked to the subject of the record they meet (a held record of the key, or the batch's own first
 * row of it) they would hash the same. Returns how many rows were held.
 */
export async function holdAwaitingLinkRows(trx: Conn, batchId: string, dataset: string): Promise<number> {
  // Against a held record, and against the batch's own first row of the key (whose record id, drawn
  // by compare, the row shares; a row held so names no record, as before compare drew ids).
  const held = await trx.raw<{ rowCount: number }>(`
    update clean_rows c set class = 'awaiting_link'
      from golden_records g
     where c.batch_id = :batchId and c.class = 'conflict' and c.base_hash is not null and ${WAITING}
       and g.dataset = :dataset and g.natural_key = c.natural_key and g.subject_uscc is not null
       and md5(c.base_hash || '|' || g.subject_uscc) = g.content_hash`, { batchId, dataset });
  const first = await trx.raw<{ rowCount: number }>(`
    update clean_rows c set class = 'awaiting_link', golden_id = null
      from clean_rows f
     where c.batch_id = :batchId and c.class = 'conflict' and c.golden_id = f.golden_id and c.base_hash is not null and ${WAITING}
       and f.batch_id = c.batch_id and f.natural_key = c.natural_key and f.class = 'new' and f.subject_uscc is not null
       and md5(c.base_hash || '|' || f.subject_uscc) = f.content_hash`, { batchId });
  return held.rowCount + first.rowCount;
}

export interface AwaitingRow { base_hash: string; golden_id: number; held_hash: string; dataset: string }

/** A row held for its link, with the content hash of the record it met; undefined when it is not held. */
export async function awaitingRow(trx: Conn, batchId: string, rowNo: number): Promise<AwaitingRow | undefined> {
  return (await trx('clean_rows as c').join('golden_records as g', 'g.id', 'c.golden_id')
    .where({ 'c.batch_id': batchId, 'c.row_no': rowNo, 'c.class': 'awaiting_link' })
    .first('c.base_hash', 'c.golden_id', 'g.content_hash as held_hash', 'g.dataset')) as AwaitingRow | undefined;
}

/** The row's class, and its content hash when given. */
export async function setRowClass(trx: Conn, batchId: string, rowNo: number, cls: string, contentHash?: string | null): Promise<void> {
  await trx('clean_rows').where({ batch_id: batchId, row_no: rowNo }).update({ class: cls, ...(contentHash ? { content_hash: contentHash } : {}) });
}

/** The row's values and subject. */
export async function rowValues(trx: Conn, batchId: string, rowNo: number): Promise<{ fields: Record<string, string>; subject_uscc: string | null }> {
  return (await trx('clean_rows').where({ batch_id: batchId, row_no: rowNo }).first('fields', 'subject_uscc')) as {
    fields: Record<string, string>;
    subject_uscc: string | null;
  };
}

export interface DecidedRow { fields: Record<string, string>; content_hash: string; subject_uscc: string | null; natural_key: string }

/** What a decision on the row reads of it. */
export async function decidedRow(trx: Conn, batchId: string, rowNo: number): Promise<DecidedRow> {
  return (await trx('clean_rows')
    .where({ batch_id: batchId, row_no: rowNo })
    .first('fields', 'content_hash', 'subject_uscc', 'natural_key')) as DecidedRow;
}

/** The row belongs to this record now. */
export async function setRowGolden(trx: Conn, batchId: string, rowNo: number, goldenId: number): Promise<void> {
  await trx('clean_rows').where({ batch_id: batchId, row_no: rowNo }).update({ golden_id: goldenId });
}

/** Every row of one record belongs to another now (a merge). */
export async function moveRowsToRecord(trx: Conn, from: number, into: number): Promise<void> {
  await trx('clean_rows').where({ golden_id: from }).update({ golden_id: into });
}

/** The subject a steward linked the row to. */
export async function linkRowBySteward(trx: Conn, batchId: string, rowNo: number, uscc: string): Promise<void> {
  await trx('clean_rows').where({ batch_id: batchId, row_no: rowNo }).update({ subject_uscc: uscc, link_method: 'steward', link_confidence: 1 });
}
