// The compare step's statements: every accepted row of a batch classified against the golden
// records and the rest of its batch, the rows another authority is the source of, and the figures.
import type { Knex } from 'knex';
import { DRAW_RECORD_ID, heldByKey, jsonPlan } from '../store-probes.ts';

type Conn = Knex | Knex.Transaction;

/**
 * new: the first row of a key nobody holds; duplicate: same key and same material content as what
 * is held (or as the batch's first row of that key); conflict: same key, different content. Every
 * row names its key's record: the held one, or for a key nobody holds the id its record will have.
 */
export async function classifyRows(trx: Conn, batchId: string, dataset: string, keys: KeyRange = WHOLE): Promise<void> {
  await trx.raw(classifyRowsSql(keys), { batchId, dataset, ...keys });
}

/** The classification's plan (JSON), for the test that holds it to probes of the store's key. */
export async function explainClassifyRows(db: Conn, batchId: string, dataset: string, keys: KeyRange = WHOLE): Promise<unknown> {
  return jsonPlan(db, classifyRowsSql(keys), { batchId, dataset, ...keys });
}

/** The rows of a batch whose natural key is from `from` (included) up to `to` (excluded); null is
 * open. Every row of a key is in one range, so a range is classified on its own (the window by key
 * and the probe of the key's record never need another range's rows). */
export interface KeyRange { from: string | null; to: string | null }
const WHOLE: KeyRange = { from: null, to: null };

/** The batch's keys split into ranges of about `partRows` rows, a key never split: compare's parts,
 * run at once on every worker. One read of the batch's key index. */
export async function keyRanges(db: Conn, batchId: string, partRows: number): Promise<KeyRange[]> {
  // The key at every partRows-th row in key order starts a range; a key longer than a range starts
  // one range only, so a repeated start is dropped.
  const { rows } = await db.raw<{ rows: Array<{ lo: string }> }>(`
    select natural_key as lo
      from (select natural_key, row_number() over (order by natural_key) as n from clean_rows where batch_id = :batchId) x
     where n > 1 and (n - 1) % :partRows = 0
     order by n`, { batchId, partRows: Math.max(1, partRows) });
  const starts = [...new Set(rows.map((r) => r.lo))];
  return [null, ...starts].map((from, i) => ({ from, to: starts[i] ?? null }));
}

/** The range's condition on natural_key, as the statement's text: a bound left open is left out,
 * so the planner reads the batch's key index through the range. */
const inRange = ({ from, to }: KeyRange): string =>
  `${from === null ? '' : ' and natural_key >= :from'}${to === null ? '' : ' and natural_key < :to'}`;

// Each row's held record is probed through the store's key (store-probes.ts). Joined plainly, the planner
// read the whole golden store for a batch that was a fair share of it (a hash of every record of
// the dataset, in the plans of a 100,000-row run): a cost that follows the store, not the batch.
//
// A key nobody holds gets its record's id here, drawn once (on its first row) and given to every
// row of the key, so the row holds its class and its record from this one write on: sync creates
// the record under that id instead of writing every new row a second time to point it there. For
// a 271,801-row batch on a copy of a 1,000,000-row store, record creation went from 38.4-40.4 to
// 23.7-25.8 s and compare, drawing the ids, from 7.6-8.2 to 8.7-9.2 s.
const classifyRowsSql = (keys: KeyRange): string => `
    with ranked as (
      select row_no, natural_key, content_hash,
             row_number() over w as rn,
             first_value(content_hash) over w as first_hash
      from clean_rows where batch_id = :batchId${inRange(keys)}
      window w as (partition by natural_key order by row_no)
    ), held as (
      select r.*, g.id as held_id, g.content_hash as held_hash
        from ranked r
        left join lateral ${heldByKey('r.natural_key')} g on true
    ), keyed as (
      select h.*, coalesce(h.held_id, max(case when h.rn = 1 and h.held_id is null then ${DRAW_RECORD_ID} end)
                                        over (partition by h.natural_key)) as record_id
        from held h
    )
    update clean_rows c
       set class = case
             when k.held_id is not null and k.held_hash = k.content_hash then 'duplicate'
             when k.held_id is not null then 'conflict'
             when k.rn = 1 then 'new'
             when k.content_hash = k.first_hash then 'duplicate'
             else 'conflict' end,
           golden_id = k.record_id
      from keyed k
     where c.batch_id = :batchId and c.row_no = k.row_no`;

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
