// Reading batches as their uploaders, stewards and auditors see them: the batch, its counts and
// its rejected rows (streamed, as CSV ready to fix and re-upload, or NDJSON).
import { findBatch, listBatches } from '../db/batches.ts';
import type { Batch } from '../db/batches.ts';
import type { Db } from '../db/connect.ts';
import { csvLine } from '../domain/csv-safe.ts';
import { notFoundError } from '../domain/errors.ts';
import { lineOf } from '../domain/layout/layout.ts';
import { Role, requireAgencyScope, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';

export async function getBatch(db: Db, who: Identity, id: string): Promise<Batch> {
  const batch = await findBatch(db, id);
  if (!batch) throw notFoundError('CDF_BATCH_UNKNOWN', { zh: `批次 ${id} 不存在`, en: `batch ${id} does not exist` }, { value: id });
  if (who.role === Role.agency) requireAgencyScope(who, batch.agency);
  else requireRole(who, [Role.admin, Role.steward, Role.auditor], { zh: '查看批次', en: 'read batches' });
  return batch;
}

export async function batchesFor(db: Db, who: Identity): Promise<Batch[]> {
  if (who.role === Role.agency) return listBatches(db, { agency: who.agency! });
  requireRole(who, [Role.admin, Role.steward, Role.auditor], { zh: '查看批次', en: 'read batches' });
  return listBatches(db, {});
}

interface RejectRow { row_no: number; cells: string[]; field: string | null; code: string; value: string | null; message_zh: string; message_en: string }

async function* rejectRows(db: Db, batchId: string, pageSize = 2000): AsyncGenerator<RejectRow> {
  let after = 0;
  for (;;) {
    const { rows } = (await db.raw(`
      select r.row_no, w.cells,
             string_agg(coalesce(r.field, ''), '; ' order by r.seq) as field,
             string_agg(r.code, '; ' order by r.seq) as code,
             string_agg(coalesce(r.value, ''), '; ' order by r.seq) as value,
             string_agg(r.message_zh, '；' order by r.seq) as message_zh,
             string_agg(r.message_en, '; ' order by r.seq) as message_en
        from rejects r join raw_rows w on w.batch_id = r.batch_id and w.row_no = r.row_no
       where r.batch_id = ? and r.row_no > ?
       group by r.row_no, w.cells order by r.row_no limit ?`, [batchId, after, pageSize])) as { rows: RejectRow[] };
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.row_no;
  }
}

/** The rejected rows: CSV keeps the file's own columns and adds the reasons and the row's physical
 * line in the file (title lines above the header make it differ from the row number); NDJSON one
 * object a row. */
export async function* exportRejects(db: Db, batch: Batch, format: 'csv' | 'ndjson'): AsyncGenerator<string> {
  // Batches from before layouts were recorded had their header on the first line.
  const line = (row: number): number => (batch.layout ? lineOf(batch.layout, row) : row + 1);
  if (format === 'csv') {
    yield '\uFEFF' + csvLine(['行号 row', ...batch.headers, '字段 field', '错误代码 code', '原因', 'reason', '文件行 line']);
    for await (const r of rejectRows(db, batch.id)) {
      const cells = batch.headers.map((_, i) => r.cells[i] ?? '');
      yield csvLine([r.row_no, ...cells, r.field, r.code, r.message_zh, r.message_en, line(r.row_no)]);
    }
    return;
  }
  for await (const r of rejectRows(db, batch.id)) {
    const original = Object.fromEntries(batch.headers.map((h, i) => [h, r.cells[i] ?? '']));
    yield JSON.stringify({
      row: r.row_no, line: line(r.row_no), field: r.field, code: r.code, value: r.value, reason: r.message_zh, reasonEn: r.message_en, original,
    }) + '\n';
  }
}
