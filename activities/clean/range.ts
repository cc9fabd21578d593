// One clean part's work on one database connection: its row range, chunk by chunk. A chunk is
// cleaned in JS (pure domain code) and written with COPY in one transaction that first deletes the
// chunk's earlier output, so a chunk is all or nothing and can be redone. Each chunk also links the
// rows that carry a valid USCC, as the link step's first method would (link/uscc-at-clean.ts). Runs
// on the worker's main thread or in a clean thread (threads.ts): the same code either way.
import type { PoolClient } from 'pg';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import type { DatasetDefinition } from '../../catalog/dataset-definition.ts';
import type { Batch } from '../../db/batches.ts';
import type { Db } from '../../db/connect.ts';
import { copyRows, inTransaction, withPgClient } from '../../db/copy.ts';
import type { CopyValue } from '../../db/copy.ts';
import { deleteCleanOutput, rawRowsAfter } from '../../db/queries/pipeline/clean.ts';
import { chinaToday } from '../../domain/china-day.ts';
import { cleanRow } from '../../domain/clean/clean-row.ts';
import { yuanColumns as yuanColumnsOf } from '../../domain/layout/headers.ts';
import { linkChunkByUscc } from '../link/uscc-at-clean.ts';

/** Where a part stands: the last row done and what it accepted and refused so far. */
export interface RangeProgress { afterRow: number; accepted: number; rejected: number }
export interface ChunkDone { last: number; accepted: number; rejected: number }

type Cleaner = (cells: string[]) => ReturnType<typeof cleanRow>;

function cleanerFor(batch: Batch): Cleaner {
  const def = datasetDefinition(batch.dataset);
  // The receipt date in China's time zone, whatever the worker's.
  const receivedOn = chinaToday(batch.createdAt);
  // Amount columns headed in 元 rather than the standard's 万元: their bare numbers are yuan.
  const yuanColumns = yuanColumnsOf(def, batch.headers);
  return (cells) => cleanRow(def, batch.columnMap, cells, { receivedOn, yuanColumns });
}

async function cleanChunk(
  client: PoolClient, batchId: string, def: DatasetDefinition, rows: Array<{ row_no: number; cells: string[] }>, clean: Cleaner,
): Promise<ChunkDone> {
  const kept: Array<{ rowNo: number; r: ReturnType<Cleaner> }> = [];
  const rejects: CopyValue[][] = [];
  const changes: CopyValue[][] = [];
  for (const { row_no: rowNo, cells } of rows) {
    const r = clean(cells);
    if (r.rejects.length) {
      r.rejects.forEach((x, seq) => rejects.push([batchId, rowNo, seq, x.field, x.code, x.path, x.value, x.zh, x.en]));
      continue;
    }
    kept.push({ rowNo, r });
    if (!r.changes.length) continue;
    // A rule changes a field once per row; its last before/after pair is what lineage needs.
    const seen = new Map<string, CopyValue[]>();
    for (const c of r.changes) seen.set(`${c.field}|${c.ruleId}`, [batchId, rowNo, c.field, c.ruleId, c.ruleVersion, c.before, c.after]);
    changes.push(...seen.values());
  }
  const links = await linkChunkByUscc(client, def, kept.map((k) => k.r));
  const accepted = kept.map(({ rowNo, r }, i): CopyValue[] => {
    const l = links.get(i);
    return [
      batchId, rowNo, JSON.stringify(r.fields), r.naturalKey, l?.contentHash ?? r.contentHash, r.nameKey, r.repKey,
      r.heldReject && JSON.stringify(r.heldReject), r.nonconforming, l?.uscc ?? null, l?.method ?? null, l?.confidence ?? null,
    ];
  });
  const first = rows[0]!.row_no;
  const last = rows[rows.length - 1]!.row_no;
  await inTransaction(client, async () => {
    await deleteCleanOutput(client, batchId, first, last);
    await copyRows(client, 'clean_rows', [
      'batch_id', 'row_no', 'fields', 'natural_key', 'content_hash', 'name_key', 'rep_key', 'held_reject', 'nonconforming',
      'subject_uscc', 'link_method', 'link_confidence',
    ], accepted);
    await copyRows(client, 'rejects', ['batch_id', 'row_no', 'seq', 'field', 'code', 'path', 'value', 'message_zh', 'message_en'], rejects);
    await copyRows(client, 'clean_changes', ['batch_id', 'row_no', 'field', 'rule_id', 'rule_version', 'before', 'after'], changes);
  });
  return { last, accepted: accepted.length, rejected: new Set(rejects.map((r) => r[1])).size };
}

/** Cleans the batch's rows after `progress.afterRow` up to row `to`, `chunkRows` at a time, telling
 * `onChunk` where it stands after each chunk (progress is updated in place). */
export async function cleanRange(
  db: Db, batch: Batch, to: number, chunkRows: number, progress: RangeProgress,
  onChunk: (progress: RangeProgress, chunk: ChunkDone) => void | Promise<void>,
): Promise<RangeProgress> {
  const clean = cleanerFor(batch);
  const def = datasetDefinition(batch.dataset);
  await withPgClient(db, async (client) => {
    for (;;) {
      const rows = await rawRowsAfter(client, batch.id, progress.afterRow, to, chunkRows);
      if (!rows.length) break;
      const r = await cleanChunk(client, batch.id, def, rows, clean);
      progress.afterRow = r.last;
      progress.accepted += r.accepted;
      progress.rejected += r.rejected;
      await onChunk(progress, r);
    }
  });
  return progress;
}
