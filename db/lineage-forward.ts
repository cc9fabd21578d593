// Forward lineage queries: a batch's source rows (paged by row number, on record_sources' primary
// key) and the golden versions its rows made (golden_versions_source_idx).
import type { Db } from './connect.ts';

export interface BatchRow { row_no: number; golden_id: number; role: string; status: string }

/** A page of the batch's rows that are record sources, in row order, and how many there are (counted up to `cap`). */
export async function batchRowsPage(
  db: Db, batchId: string, rowNo: number | undefined, page: { limit: number; offset: number }, cap: number,
): Promise<{ rows: BatchRow[]; total: number }> {
  const base = () => db('record_sources as s').where('s.batch_id', batchId).modify((q) => {
    if (rowNo !== undefined) void q.where('s.row_no', rowNo);
  });
  const rows = (await base().join('golden_records as g', 'g.id', 's.golden_id').orderBy('s.row_no')
    .limit(page.limit).offset(page.offset)
    .select('s.row_no', 's.golden_id', 's.role', 'g.status')) as BatchRow[];
  const counted = (await db.from(base().select(1).limit(cap).as('c')).count({ n: '*' })) as Array<{ n: string | number }>;
  return { rows, total: Number(counted[0]!.n) };
}

/** Versions made from these rows of the batch. */
export async function versionsOfRows(
  db: Db, batchId: string, rowNos: number[],
): Promise<Array<{ golden_id: number; version: number; row_no: number; valid_from: Date }>> {
  if (!rowNos.length) return [];
  return (await db('golden_versions').where({ batch_id: batchId }).whereIn('row_no', rowNos).orderBy(['golden_id', 'version'])
    .select('golden_id', 'version', 'row_no', 'valid_from')) as Array<{
    golden_id: number; version: number; row_no: number; valid_from: Date;
  }>;
}

/** The subscriptions' names, for the deliveries shown. */
export async function subscriptionNames(db: Db, ids: string[]): Promise<Record<string, { zh: string; en: string }>> {
  if (!ids.length) return {};
  const rows = (await db('subscriptions').whereIn('id', [...new Set(ids)]).select('id', 'name_zh', 'name_en')) as
    Array<{ id: string; name_zh: string; name_en: string }>;
  return Object.fromEntries(rows.map((r) => [r.id, { zh: r.name_zh, en: r.name_en }]));
}
