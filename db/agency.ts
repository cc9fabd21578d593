// Queries behind the agency's pages (services/agency/): the last batch of each dataset it sends,
// its batch history a page at a time, a batch's progress as the live stream polls it, and a
// batch's rejects grouped by reason with the offending cells of one reason a page at a time.
import type { BatchCounts } from '../domain/pipeline.ts';
import type { BatchOrigin } from './batches.ts';
import type { Db } from './connect.ts';

export interface LastUpload { dataset: string; id: string; status: string; createdAt: Date; finishedAt: Date | null }

/** The newest batch per dataset of one agency (batches_agency_dataset_created_idx). */
export async function lastUploads(db: Db, agency: string, datasets: readonly string[]): Promise<LastUpload[]> {
  if (!datasets.length) return [];
  const { rows } = (await db.raw(`
    select distinct on (dataset) dataset, id, status, created_at as "createdAt", finished_at as "finishedAt"
      from batches where agency = ? and dataset = any(?::text[])
     order by dataset, created_at desc, id desc`, [agency, [...datasets]])) as { rows: LastUpload[] };
  return rows;
}

/** A batch as a history row shows it: no headers, layout or column map (a report reads those). */
export interface BatchSummary {
  id: string; dataset: string; agency: string; channel: string; fileName: string; fileBytes: number; status: string; step: string | null;
  counts: BatchCounts; createdAt: Date; finishedAt: Date | null; updatedAt: Date;
  /** A pulled batch's source, query and cursor range (null for an upload): shown where the file name would be. */
  origin: BatchOrigin | null;
}

export interface BatchFilter {
  /** Only these agencies' batches (none: no batch); absent: every agency's. */
  agencies?: readonly string[];
  dataset?: string;
  status?: string;
}

/** One page of batches, newest first, and how many match. */
export async function batchPage(db: Db, filter: BatchFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: BatchSummary[] }> {
  const where = (q: ReturnType<Db>) => {
    if (filter.agencies) q.whereIn('agency', filter.agencies.length ? [...filter.agencies] : ['']);
    if (filter.dataset) q.where({ dataset: filter.dataset });
    if (filter.status) q.where({ status: filter.status });
    return q;
  };
  const items = (await where(db('batches'))
    .select('id', 'dataset', 'agency', 'channel', 'file_name as fileName', 'file_bytes as fileBytes', 'status', 'step', 'counts',
      'created_at as createdAt', 'finished_at as finishedAt', 'updated_at as updatedAt', 'origin')
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(page.limit).offset(page.offset)) as BatchSummary[];
  const [{ n }] = (await where(db('batches')).count({ n: '*' })) as [{ n: number }];
  return { total: Number(n), items };
}

/** Steward items each batch raised, by kind (steward_tasks_batch_idx). */
export async function stewardItemsByBatch(db: Db, batchIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (!batchIds.length) return out;
  const rows = (await db('steward_tasks').whereIn('batch_id', [...batchIds]).groupBy('batch_id', 'kind')
    .select('batch_id', 'kind', db.raw('count(*)::int as n'))) as Array<{ batch_id: string; kind: string; n: number }>;
  for (const r of rows) out.set(r.batch_id, { ...out.get(r.batch_id), [r.kind]: r.n });
  return out;
}

export interface StepProgress { received?: number; cleaned?: number; accepted?: number; rejected?: number }

export interface BatchProgress {
  status: string; step: string | null; counts: BatchCounts; updatedAt: Date; error: unknown;
  /** Rows read and cleaned so far while the steps run (counts has the figures once a step is done). */
  progress: StepProgress | null;
}

/** What the live stream sends: one primary-key read. */
export async function batchProgress(db: Db, id: string): Promise<BatchProgress | undefined> {
  return (await db('batches').where({ id }).first('status', 'step', 'counts', 'updated_at as updatedAt', 'error', 'progress')) as
    | BatchProgress | undefined;
}

/** Merges a running step's figures into batches.progress (a step's own transaction would hide them). */
export async function setBatchProgress(db: Db, id: string, patch: StepProgress): Promise<void> {
  await db('batches').where({ id }).update({ progress: db.raw(`coalesce(progress, '{}'::jsonb) || ?::jsonb`, [JSON.stringify(patch)]) });
}

/** Adds to the live figures: the parts of a step running at once each add what they did. */
export async function addBatchProgress(db: Db, id: string, add: Required<Pick<StepProgress, 'cleaned' | 'accepted' | 'rejected'>>): Promise<void> {
  const sum = (k: string) => `'${k}', coalesce((progress->>'${k}')::int, 0) + ?::int`;
  await db('batches').where({ id }).update({
    progress: db.raw(`coalesce(progress, '{}'::jsonb) || jsonb_build_object(${['cleaned', 'accepted', 'rejected'].map(sum).join(', ')})`,
      [add.cleaned, add.accepted, add.rejected]),
  });
}

/** Cells a batch's rejects refused by reason and field (rejects_batch_code_idx, index only). A row is
 * refused once per field and reason, so per field the cells are the rows. */
export async function rejectsByReason(db: Db, batchId: string): Promise<Array<{ code: string; field: string | null; cells: number }>> {
  return (await db('rejects').where({ batch_id: batchId }).groupBy('code', 'field').orderBy([{ column: 'code' }, { column: 'field' }])
    .select('code', 'field', db.raw('count(*)::int as cells'))) as Array<{ code: string; field: string | null; cells: number }>;
}

export interface RejectCell {
  row_no: number; field: string | null; value: string | null; message_zh: string; message_en: string; cells: string[] | null;
}

/** One page of a reason's offending cells, in row order, with the row's cells for masking: the page
 * is cut from the index first, then only its rows are joined to their raw cells. */
export async function rejectCells(db: Db, batchId: string, code: string, page: { limit: number; offset: number }): Promise<RejectCell[]> {
  const { rows } = (await db.raw(`
    with page as (
      select row_no, seq, field, value, message_zh, message_en from rejects
       where batch_id = :batchId and code = :code order by row_no, seq limit :limit offset :offset)
    select p.row_no, p.field, p.value, p.message_zh, p.message_en, w.cells
      from page p left join raw_rows w on w.batch_id = :batchId and w.row_no = p.row_no
     order by p.row_no, p.seq`, { batchId, code, limit: page.limit, offset: page.offset })) as { rows: RejectCell[] };
  return rows;
}

/** How many cells a reason refused (rejects_batch_code_idx, index only). */
export async function rejectCellCount(db: Db, batchId: string, code: string): Promise<number> {
  const [{ n }] = (await db('rejects').where({ batch_id: batchId, code }).count({ n: '*' })) as [{ n: number }];
  return Number(n);
}
