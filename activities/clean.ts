// Step 1, clean, in parts that run in parallel on every worker polling the task queue: the plan
// splits the batch's raw rows into row ranges (CDF_PART_ROWS rows each), each part cleans its range
// in chunks, and the finish counts what the parts wrote. A chunk is cleaned in JS (pure domain code)
// and written with COPY in one transaction that first deletes the chunk's earlier output, so a chunk
// is all or nothing and can be redone; a part heartbeats the last chunk done, and a retry on another
// worker resumes after it. Cleaning is the pipeline's one CPU-bound step in JavaScript, so a second
// worker process (or machine) makes one large batch's clean faster. Each chunk also links the rows
// that carry a valid USCC, as the link step's first method would (link/uscc-at-clean.ts): that
// update of nearly every row then costs no write of its own and runs in parallel too.
import { Context } from '@temporalio/activity';
import type { PoolClient } from 'pg';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import type { DatasetDefinition } from '../catalog/dataset-definition.ts';
import { findBatch, mergeBatchCounts, setBatchStep } from '../db/batches.ts';
import type { Batch } from '../db/batches.ts';
import { copyRows, inTransaction, withPgClient } from '../db/copy.ts';
import { addBatchProgress, setBatchProgress } from '../db/agency.ts';
import type { CopyValue } from '../db/copy.ts';
import { cleanCounts, deleteCleanOutput, rawRowsAfter, rowRanges } from '../db/queries/pipeline/clean.ts';
import type { RowRange } from '../db/queries/pipeline/clean.ts';
import { cleanRow } from '../domain/clean/clean-row.ts';
import { yuanColumns as yuanColumnsOf } from '../domain/layout/headers.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { linkChunkByUscc } from './link/uscc-at-clean.ts';
import { cleanSlots } from './part-slots.ts';
import { analyze, doneStats, markDone } from './step-once.ts';
import type { StepStats } from './step-once.ts';
import { chinaToday } from '../domain/china-day.ts';

export type { RowRange } from '../db/queries/pipeline/clean.ts';
export interface CleanPart extends BatchRef, RowRange {}
interface Progress { afterRow: number; accepted: number; rejected: number }

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
) {
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

/** The parts of a batch still to clean: none when the step is done. */
export async function cleanPlan(deps: ActivityDeps, { batchId }: BatchRef): Promise<RowRange[]> {
  const { db, config } = deps;
  if (await doneStats(db, batchId, 'clean')) return [];
  await setBatchStep(db, batchId, 'clean');
  await setBatchProgress(db, batchId, { cleaned: 0, accepted: 0, rejected: 0 });
  return rowRanges(db, batchId, config.partRows);
}

/** One part: its row range, chunk by chunk. Run again, it redoes its range (each chunk replaces
 * its own earlier output), resuming after the last chunk its earlier attempt heartbeated. */
export async function cleanPart(deps: ActivityDeps, { batchId, from, to }: CleanPart): Promise<StepStats> {
  const { db, config } = deps;
  const batch = (await findBatch(db, batchId))!;
  const clean = cleanerFor(batch);
  const def = datasetDefinition(batch.dataset);
  const activity = Context.current();
  const resumed = activity.info.heartbeatDetails as Progress | undefined;
  const progress: Progress = resumed ?? { afterRow: from - 1, accepted: 0, rejected: 0 };
  // While it waits for a slot it heartbeats where it stands, so a retry still resumes there.
  await cleanSlots.run(() => withPgClient(db, async (client) => {
    for (;;) {
      const rows = await rawRowsAfter(client, batchId, progress.afterRow, to, config.chunkRows);
      if (!rows.length) break;
      const r = await cleanChunk(client, batchId, def, rows, clean);
      progress.afterRow = r.last;
      progress.accepted += r.accepted;
      progress.rejected += r.rejected;
      activity.heartbeat(progress);
      // The uploader's live figures: parts add what they did (a retried chunk may count twice until
      // the finish writes the exact figures).
      await addBatchProgress(db, batchId, { cleaned: r.accepted + r.rejected, accepted: r.accepted, rejected: r.rejected });
    }
  }), () => activity.heartbeat(progress));
  return { accepted: progress.accepted, rejected: progress.rejected };
}

/** After every part: the step's figures, counted from what the parts wrote. */
export async function cleanFinish(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const { db } = deps;
  const done = await doneStats(db, batchId, 'clean');
  if (done) return done;
  const stats = await cleanCounts(db, batchId);
  await setBatchProgress(db, batchId, { cleaned: stats.accepted + stats.rejected, ...stats });
  await analyze(db, 'clean_rows');
  await markDone(db, batchId, 'clean', stats);
  await mergeBatchCounts(db, batchId, stats);
  return stats;
}

/** The whole step in one activity, as workflow histories from before the parts replay it. */
export async function clean(deps: ActivityDeps, ref: BatchRef): Promise<StepStats> {
  for (const part of await cleanPlan(deps, ref)) await cleanPart(deps, { ...ref, ...part });
  return cleanFinish(deps, ref);
}
