// Step 0, receive: stream the landed file into immutable raw rows with COPY, in one transaction,
// so a worker that dies mid-file leaves nothing behind and the retry starts clean. Data starts
// after the header line the upload found; trailing footers (合计, 填报人…) are recorded, not stored.
import { Context } from '@temporalio/activity';
import { dataRows } from '../domain/layout/layout-rows.ts';
import type { SourceRow } from '../connectors/types.ts';
import { sources } from '../connectors/registry.ts';
import { copyRows, inTransaction, withPgClient } from '../db/copy.ts';
import type { CopyValue } from '../db/copy.ts';
import { findBatch, mergeBatchCounts, mergeBatchLayout, setBatchStep } from '../db/batches.ts';
import { notFoundError } from '../domain/errors.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { analyze, doneStats } from './step-once.ts';
import type { StepStats } from './step-once.ts';

export async function receive(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const { db } = deps;
  const done = await doneStats(db, batchId, 'receive');
  if (done) return done;
  const batch = await findBatch(db, batchId);
  if (!batch) throw notFoundError('CDF_BATCH_UNKNOWN', { zh: `批次 ${batchId} 不存在`, en: `batch ${batchId} does not exist` });
  await setBatchStep(db, batchId, 'receive');
  const source = (await sources()).find((s) => s.id === batch.format)!;
  const opened = await source.open(batch.landingPath, { sheet: batch.layout?.sheet });
  // Batches from before layouts were recorded had their header on the first non-blank line.
  const header = batch.layout?.header ?? { index: 0, line: 0 };
  const data = dataRows(opened.lines(), { ...header, width: batch.headers.length, cells: batch.headers }, opened.gridded);
  if (!batch.layout) data.rows = skipFirst(data.rows);
  let received = 0;
  let lastBeat = Date.now();
  async function* rows(): AsyncGenerator<readonly CopyValue[]> {
    for await (const row of data.rows) {
      received++;
      if (Date.now() - lastBeat > 1000) {
        Context.current().heartbeat({ received });
        lastBeat = Date.now();
      }
      yield [batchId, row.rowNo, row.cells];
    }
  }
  try {
    await withPgClient(db, (client) => inTransaction(client, async () => {
      await client.query('delete from raw_rows where batch_id = $1', [batchId]);
      await copyRows(client, 'raw_rows', ['batch_id', 'row_no', 'cells'], rows());
      // The upload read only the head: the footers are known now, at the end of the file.
      const { footers, lineShifts, lineShiftsComplete } = data;
      if (batch.layout) await mergeBatchLayout(client, batchId, { footers, lineShifts, lineShiftsComplete });
      await client.query(`insert into batch_steps (batch_id, step, stats) values ($1, 'receive', $2) on conflict do nothing`, [
        batchId,
        JSON.stringify({ received }),
      ]);
    }));
  } finally {
    await opened.close();
  }
  await analyze(db, 'raw_rows');
  await mergeBatchCounts(db, batchId, { received });
  return { received };
}

/** Old batches: the first non-blank line was the header, and rows were numbered from it. */
async function* skipFirst(rows: AsyncGenerator<SourceRow>): AsyncGenerator<SourceRow> {
  let first: number | undefined;
  for await (const r of rows) {
    if (first === undefined) first = r.rowNo;
    else yield { ...r, rowNo: r.rowNo - first };
  }
}
