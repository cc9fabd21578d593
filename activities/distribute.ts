// Step 5, distribute: each active subscription to the batch's dataset receives the golden records
// this batch created or changed, as far as the catalogue lets it (activities/deliver.ts), through
// its sink, under the idempotency key subscription:batch. A delivery already recorded for that key
// is not sent again.
import { Context } from '@temporalio/activity';
import type { DeliveryRecord } from '../connectors/types.ts';
import { findBatch, mergeBatchCounts, setBatchStep } from '../db/batches.ts';
import type { Db } from '../db/connect.ts';
import { chosenRecordsAfter } from '../db/queries/pipeline/distribute.ts';
import { deliverToSubscriptions, toDeliveryRecord } from './deliver.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { doneStats, markDone } from './step-once.ts';
import type { StepStats } from './step-once.ts';

// A page at a time (db/queries/pipeline/distribute.ts): the whole delivery is linear in the batch's size.
async function* changedRecords(db: Db, batchId: string, pageSize: number): AsyncGenerator<DeliveryRecord> {
  let after = 0;
  for (;;) {
    const page = await chosenRecordsAfter(db, batchId, after, pageSize);
    for (const g of page) yield toDeliveryRecord(g);
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.row_no;
    Context.current().heartbeat({ after });
  }
}

export async function distribute(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const { db, config } = deps;
  const done = await doneStats(db, batchId, 'distribute');
  if (done) return done;
  const batch = (await findBatch(db, batchId))!;
  await setBatchStep(db, batchId, 'distribute');
  const r = await deliverToSubscriptions(db, config, batch.dataset, batchId, null, { agency: batch.agency, channel: batch.channel },
    () => changedRecords(db, batchId, config.chunkRows), { today: deps.clock.today() });
  const delivered = r.records;
  const stats = { subscriptions: r.subscriptions, delivered, tombstones: r.tombstones, withheld: r.withheld };
  await markDone(db, batchId, 'distribute', stats);
  await mergeBatchCounts(db, batchId, { delivered });
  return stats;
}
