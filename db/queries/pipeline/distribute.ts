// The distribute step's statement: the golden records a batch created or changed, a page at a time.
import type { Knex } from 'knex';

type Conn = Knex | Knex.Transaction;

/** A record a batch's row was chosen for, as subscribers receive it, with the row it came from. */
export interface ChosenRecord {
  row_no: number;
  id: number;
  version: number;
  dataset: string;
  subject_uscc: string | null;
  fields: Record<string, unknown>;
  status: string;
}

/** Up to `limit` records chosen from the batch's rows after row `after`, by row number. Keyset
 * paging on record_sources' primary key (batch_id, row_no): each page is an index range scan, so
 * walking the whole batch is linear in its size. */
export async function chosenRecordsAfter(db: Conn, batchId: string, after: number, limit: number): Promise<ChosenRecord[]> {
  return (await db('record_sources as s')
    .join('golden_records as g', 'g.id', 's.golden_id')
    .where('s.batch_id', batchId).andWhere('s.row_no', '>', after).andWhere('s.role', 'chosen')
    .orderBy('s.row_no').limit(limit)
    .select('s.row_no', 'g.id', 'g.version', 'g.dataset', 'g.subject_uscc', 'g.fields', 'g.status')) as ChosenRecord[];
}
