// Step 5, distribute: each active subscription to the batch's dataset receives the golden records
// this batch created, through its sink, under the idempotency key subscription:batch. A delivery
// already recorded for that key is not sent again.
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { sink } from '../connectors/registry.ts';
import type { DeliveryRecord } from '../connectors/types.ts';
import { findBatch, mergeBatchCounts, setBatchStep } from '../db/batches.ts';
import type { Db } from '../db/connect.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { doneStats, markDone } from './step-once.ts';
import type { StepStats } from './step-once.ts';

interface Subscription { id: string; dataset: string; sink: string; config: Record<string, unknown> }

// Keyset paging on record_sources' primary key (batch_id, row_no): each page is an index range
// scan, so the whole delivery is linear in the batch's size.
async function* changedRecords(db: Db, batchId: string, pageSize: number): AsyncGenerator<DeliveryRecord> {
  let after = 0;
  for (;;) {
    const page = (await db('record_sources as s')
      .join('golden_records as g', 'g.id', 's.golden_id')
      .where('s.batch_id', batchId).andWhere('s.row_no', '>', after).andWhere('s.role', 'chosen')
      .orderBy('s.row_no').limit(pageSize)
      .select('s.row_no', 'g.id', 'g.version', 'g.dataset', 'g.subject_uscc', 'g.fields', 'g.status')) as Array<{ row_no: number; id: number; version: number; dataset: string; subject_uscc: string | null; fields: Record<string, unknown>; status: string }>;
    for (const g of page) {
      yield { op: g.status === 'active' ? 'upsert' : 'tombstone', goldenId: g.id, version: g.version, dataset: g.dataset, subjectUscc: g.subject_uscc, fields: g.fields };
    }
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
  const subs = (await db('subscriptions').where({ dataset: batch.dataset, active: true }).orderBy('id')) as Subscription[];
  let delivered = 0;
  for (const sub of subs) {
    const key = `${sub.id}:${batchId}`;
    const existing = (await db('deliveries').where({ idempotency_key: key }).first('records')) as { records: number } | undefined;
    if (existing) {
      delivered += existing.records;
      continue;
    }
    const sinkConfig = { dir: path.join(config.dataDir, 'outbox', sub.id), ...sub.config };
    const result = await (await sink(sub.sink)).deliver(sinkConfig, key, changedRecords(db, batchId, config.chunkRows));
    await db('deliveries').insert({
      subscription_id: sub.id, batch_id: batchId, idempotency_key: key, records: result.records, tombstones: result.tombstones,
      location: result.location, status: 'delivered', acknowledged_at: db.fn.now(),
    }).onConflict('idempotency_key').ignore();
    delivered += result.records;
  }
  const stats = { subscriptions: subs.length, delivered };
  await markDone(db, batchId, 'distribute', stats);
  await mergeBatchCounts(db, batchId, { delivered });
  return stats;
}
