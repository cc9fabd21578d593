// The compare step's statements: every accepted row of a batch classified against the golden
// records and the rest of its batch, the rows another authority is the source of, and the figures.
import type { Knex } from 'knex';
import { heldByKey, jsonPlan } from '../store-probes.ts';

type Conn = Knex | Knex.Transaction;

/**
 * new: the first row of a key nobody holds; duplicate: same key and same material content as what
 * is held (or as the batch's first row of that key); conflict: same key, different content.
 */
export async function classifyRows(trx: Conn, batchId: string, dataset: string): Promise<void> {
  await trx.raw(CLASSIFY_ROWS, { batchId, dataset });
}

/** The classification's plan (JSON), for the test that holds it to probes of the store's key. */
export async function explainClassifyRows(db: Conn, batchId: string, dataset: string): Promise<unknown> {
  return jsonPlan(db, CLASSIFY_ROWS, { batchId, dataset });
}

// Each row's held record is probed through the store's key (store-probes.ts). Joined plainly, the planner
// read the whole golden store for a batch that was a fair share of it (a hash of every record of
// the dataset, in the plans of a 100,000-row run): a cost that follows the store, not the batch.
const CLASSIFY_ROWS = `
    with ranked as (
      select row_no, natural_key, content_hash,
             row_number() over w as rn,
             first_value(content_hash) over w as first_hash
      from clean_rows where batch_id = :batchId
      window w as (partition by natural_key order by row_no)
    )
    update clean_rows c
       set class = case
             when g.id is not null and g.content_hash = r.content_hash then 'duplicate'
             when g.id is not null then 'conflict'
             when r.rn = 1 then 'new'
             when r.content_hash = r.first_hash then 'duplicate'
             else 'conflict' end,
           golden_id = g.id
      from ranked r
      left join lateral ${heldByKey('r.natural_key')} g on true
     where c.batch_id = :batchId and c.row_no = r.row_no`;

/** Rows of an agency's own upload whose responsible authority (the field's USCC) is another. */
export async function markOutOfResponsibilityRows(trx: Conn, batchId: string, field: string, responsible: string[]): Promise<void> {
  await trx.raw(`
    update clean_rows set class = 'out_of_responsibility', golden_id = null
     where batch_id = :batchId and fields->>:field = any(cast(:responsible as text[]))`, { batchId, field, responsible });
}

/** Rows per class. */
export async function classCounts(db: Conn, batchId: string): Promise<Record<string, number>> {
  const { rows } = await db.raw<{ rows: Array<{ class: string; n: number }> }>(
    'select class, count(*)::int as n from clean_rows where batch_id = ? group by class', [batchId]);
  return Object.fromEntries(rows.map((r) => [r.class, r.n]));
}
