// What a batch's reports read of raw_rows, rejects and clean_changes: the rejected rows with their
// cells (for the export an agency fixes and uploads again), the rejects by reason, by field and a
// first sample (the validation report), and the cells each clean rule changed (the variation report).
import type { Knex } from 'knex';

type Conn = Knex | Knex.Transaction;

/** A rejected row with its cells and every reason, in the order the reasons were found. */
export interface RejectRow {
  row_no: number; cells: string[]; fields: string[]; codes: string[]; values: string[]; messages_zh: string[]; messages_en: string[];
}

/** Up to `pageSize` of the batch's rejected rows after row `after`, by row. */
export async function rejectRowsAfter(db: Conn, batchId: string, after: number, pageSize: number): Promise<RejectRow[]> {
  const { rows } = (await db.raw(`
      select r.row_no, w.cells,
             array_agg(coalesce(r.field, '') order by r.seq) as fields,
             array_agg(r.code order by r.seq) as codes,
             array_agg(coalesce(r.value, '') order by r.seq) as values,
             array_agg(r.message_zh order by r.seq) as messages_zh,
             array_agg(r.message_en order by r.seq) as messages_en
        from rejects r join raw_rows w on w.batch_id = r.batch_id and w.row_no = r.row_no
       where r.batch_id = ? and r.row_no > ?
       group by r.row_no, w.cells order by r.row_no limit ?`, [batchId, after, pageSize])) as { rows: RejectRow[] };
  return rows;
}

/** Rows rejected (a row refused for several reasons once). */
export async function rejectedRowCount(db: Conn, batchId: string): Promise<number> {
  const { rows } = await db.raw<{ rows: Array<{ n: number }> }>('select count(distinct row_no)::int as n from rejects where batch_id = ?', [batchId]);
  return rows[0]!.n;
}

/** Rows rejected per reason code (a row refused for two reasons counts under each), the most first. */
export async function rejectsByReason(db: Conn, batchId: string): Promise<Array<{ code: string; rows: number }>> {
  return (await db('rejects').where({ batch_id: batchId }).groupBy('code').orderBy('rows', 'desc')
    .select('code', db.raw('count(distinct row_no)::int as rows'))) as Array<{ code: string; rows: number }>;
}

/** Rows rejected per field (reasons not about one field left out), the most first. */
export async function rejectsByField(db: Knex, batchId: string): Promise<Array<{ field: string; rows: number }>> {
  return (await db('rejects').where({ batch_id: batchId }).whereNotNull('field').groupBy('field').orderBy('rows', 'desc')
    .select('field', db.raw('count(distinct row_no)::int as rows'))) as Array<{ field: string; rows: number }>;
}

export interface RejectSample {
  cells: string[] | null; row_no: number; field: string | null; code: string; value: string | null; path: string | null;
  message_zh: string; message_en: string;
}

/** The first `limit` reasons, by row and order found, each with its row's cells. */
export async function rejectSample(db: Conn, batchId: string, limit: number): Promise<RejectSample[]> {
  return (await db('rejects as r')
    .leftJoin('raw_rows as w', function () {
      this.on('w.batch_id', 'r.batch_id').andOn('w.row_no', 'r.row_no');
    })
    .where({ 'r.batch_id': batchId })
    .orderBy(['r.row_no', 'r.seq'])
    .limit(limit)
    .select('r.row_no', 'r.field', 'r.code', 'r.value', 'r.path', 'r.message_zh', 'r.message_en', 'w.cells')) as RejectSample[];
}

/** Cells a rule changed in a field, and the rows it touched (a rule's total over its fields has field null). */
export interface ChangeCount { rule_id: string; field: string | null; cells: number; rows: number }

/** Cells changed per rule and field, and rows touched per rule (the rows where field is null), over these batches. */
export async function cleanChangeCounts(db: Conn, batchIds: readonly string[]): Promise<ChangeCount[]> {
  if (!batchIds.length) return [];
  const { rows } = (await db.raw(`
    select rule_id, case when grouping(field) = 1 then null else field end as field,
           count(*)::int as cells, count(distinct (batch_id, row_no))::int as rows
      from clean_changes where batch_id in (${batchIds.map(() => '?').join(', ')})
     group by grouping sets ((rule_id, field), (rule_id))`, [...batchIds])) as { rows: ChangeCount[] };
  return rows;
}
