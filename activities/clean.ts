// Step 1, clean: raw rows in chunks of row numbers, each chunk cleaned in JS (pure domain code)
// and written with COPY in one transaction that first deletes the chunk's earlier output, so a
// chunk is all or nothing and can be redone. The last chunk done is heartbeated; a retry on
// another worker resumes after it.
import { Context } from '@temporalio/activity';
import type { PoolClient } from 'pg';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { findBatch, mergeBatchCounts, setBatchStep } from '../db/batches.ts';
import { copyRows, inTransaction, withPgClient } from '../db/copy.ts';
import { setBatchProgress } from '../db/agency.ts';
import type { CopyValue } from '../db/copy.ts';
import { cleanRow } from '../domain/clean/clean-row.ts';
import { yuanColumns as yuanColumnsOf } from '../domain/layout/headers.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { analyze, doneStats, markDone } from './step-once.ts';
import type { StepStats } from './step-once.ts';
import { chinaToday } from '../domain/china-day.ts';

interface Progress { afterRow: number; accepted: number; rejected: number }

async function cleanChunk(
  client: PoolClient,
  batchId: string,
  rows: Array<{ row_no: number; cells: string[] }>,
  clean: (cells: string[]) => ReturnType<typeof cleanRow>,
) {
  const accepted: CopyValue[][] = [];
  const rejects: CopyValue[][] = [];
  const changes: CopyValue[][] = [];
  for (const { row_no: rowNo, cells } of rows) {
    const r = clean(cells);
    if (r.rejects.length) {
      r.rejects.forEach((x, seq) => rejects.push([batchId, rowNo, seq, x.field, x.code, x.path, x.value, x.zh, x.en]));
      continue;
    }
    accepted.push([batchId, rowNo, JSON.stringify(r.fields), r.naturalKey, r.contentHash, r.nameKey, r.repKey, r.heldReject && JSON.stringify(r.heldReject)]);
    // A rule changes a field once per row; its last before/after pair is what lineage needs.
    const seen = new Map<string, CopyValue[]>();
    for (const c of r.changes) seen.set(`${c.field}|${c.ruleId}`, [batchId, rowNo, c.field, c.ruleId, c.ruleVersion, c.before, c.after]);
    changes.push(...seen.values());
  }
  const first = rows[0]!.row_no;
  const last = rows[rows.length - 1]!.row_no;
  await inTransaction(client, async () => {
    for (const t of ['clean_changes', 'rejects', 'clean_rows']) {
      await client.query(`delete from ${t} where batch_id = $1 and row_no between $2 and $3`, [batchId, first, last]);
    }
    await copyRows(client, 'clean_rows', ['batch_id', 'row_no', 'fields', 'natural_key', 'content_hash', 'name_key', 'rep_key', 'held_reject'], accepted);
    await copyRows(client, 'rejects', ['batch_id', 'row_no', 'seq', 'field', 'code', 'path', 'value', 'message_zh', 'message_en'], rejects);
    await copyRows(client, 'clean_changes', ['batch_id', 'row_no', 'field', 'rule_id', 'rule_version', 'before', 'after'], changes);
  });
  return { last, accepted: accepted.length, rejected: new Set(rejects.map((r) => r[1])).size };
}

export async function clean(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const { db, config } = deps;
  const done = await doneStats(db, batchId, 'clean');
  if (done) return done;
  const batch = (await findBatch(db, batchId))!;
  await setBatchStep(db, batchId, 'clean');
  const def = datasetDefinition(batch.dataset);
  // The receipt date in China's time zone, whatever the worker's.
  const receivedOn = chinaToday(batch.createdAt);
  // Amount columns headed in 元 rather than the standard's 万元: their bare numbers are yuan.
  const yuanColumns = yuanColumnsOf(def, batch.headers);
  const resumed = Context.current().info.heartbeatDetails as Progress | undefined;
  const progress: Progress = resumed ?? { afterRow: 0, accepted: 0, rejected: 0 };
  await withPgClient(db, async (client) => {
    for (;;) {
      const { rows } = await client.query<{ row_no: number; cells: string[] }>(
        'select row_no, cells from raw_rows where batch_id = $1 and row_no > $2 order by row_no limit $3',
        [batchId, progress.afterRow, config.chunkRows]);
      if (!rows.length) break;
      const r = await cleanChunk(client, batchId, rows, (cells) => cleanRow(def, batch.columnMap, cells, { receivedOn, yuanColumns }));
      progress.afterRow = r.last;
      progress.accepted += r.accepted;
      progress.rejected += r.rejected;
      Context.current().heartbeat(progress);
      await setBatchProgress(db, batchId, { cleaned: progress.accepted + progress.rejected, accepted: progress.accepted, rejected: progress.rejected });
    }
  });
  const stats = { accepted: progress.accepted, rejected: progress.rejected };
  await analyze(db, 'clean_rows');
  await markDone(db, batchId, 'clean', stats);
  await mergeBatchCounts(db, batchId, stats);
  return stats;
}
