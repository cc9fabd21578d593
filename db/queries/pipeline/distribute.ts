// The distribute step's statement: the golden records a batch created or changed, a page at a time.
import type { Knex } from 'knex';

import type { EndedBefore } from '../../../domain/publication/public-view.ts';
import { endedParam, meetsEnded } from '../ended.ts';
import { jsonPlan, recordById } from '../store-probes.ts';

type Conn = Knex | Knex.Transaction;

/** A record a batch's row was chosen for, as subscribers receive it, with the row it came from. */
export interface ChosenRecord {
  row_no: number;
  id: number;
  version: number;
  dataset: string;
  subject_uscc: string | null;
  /** Null when the scope leaves the record out (ChosenScope). */
  fields: Record<string, unknown> | null;
  status: string;
}

/** What a subscription can never receive, so the page leaves its fields out: a record whose
 * subject is registered outside `divisions` (USCC characters 3-8), or an active one that meets an
 * `ended` bound (domain/publication/public-view.ts: its publication is surely over). A tombstone
 * is sent whatever its dates say. */
export interface ChosenScope { divisions?: Iterable<string> | null; ended?: readonly EndedBefore[] }

/** Up to `limit` records chosen from the batch's rows after row `after`, by row number. Keyset
 * paging on record_sources' primary key (batch_id, row_no): each page is an index range scan, so
 * walking the whole batch is linear in its size. A record the scope leaves out comes without its
 * fields: its subscription neither sends nor parses them, and the page keeps its rows for the count. */
export async function chosenRecordsAfter(
  db: Conn, batchId: string, after: number, limit: number, scope: ChosenScope = {},
): Promise<ChosenRecord[]> {
  return (await db.raw<{ rows: ChosenRecord[] }>(CHOSEN_AFTER, { batchId, after, limit, ...scopeBindings(scope) })).rows;
}

const scopeBindings = ({ divisions, ended }: ChosenScope) => ({ divisions: divisions ? [...divisions] : null, ended: endedParam(ended) });

/** A record that came with its fields (chosenRecordsAfter). */
export const withFields = (r: ChosenRecord): r is ChosenRecord & { fields: Record<string, unknown> } => r.fields !== null;

/** The page's plan (JSON), for the test that holds it to probes of the records' key. */
export async function explainChosenRecordsAfter(db: Conn, batchId: string, after: number, limit: number): Promise<unknown> {
  return jsonPlan(db, CHOSEN_AFTER, { batchId, after, limit, ...scopeBindings({}) });
}

// The page's rows first, then each one's record through the primary key (store-probes.ts).
// Joined plainly, every page of a batch that is a fair share of the store was planned as
// a hash of every record: a read of the whole store per page and subscription, so distribute's
// cost grew with the store times the batch.
const CHOSEN_COLUMNS = 'r.id, r.version, r.dataset, r.subject_uscc, r.fields, r.status';
const CHOSEN_AFTER = `
  select s.row_no, g.id, g.version, g.dataset, g.subject_uscc, g.status,
         case when (cast(:divisions as text[]) is null or substr(g.subject_uscc, 3, 6) = any(cast(:divisions as text[])))
               and (g.status <> 'active' or not ${meetsEnded('g', ':ended')})
              then g.fields end as fields
    from (select row_no, golden_id from record_sources
           where batch_id = :batchId and row_no > :after and role = 'chosen'
           order by row_no limit :limit) s
   cross join lateral ${recordById('s.golden_id', CHOSEN_COLUMNS)} g
   order by s.row_no`;
