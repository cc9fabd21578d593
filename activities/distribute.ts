// Step 5, distribute: each active subscription to the batch's dataset receives the golden records
// this batch created or changed, as far as the catalogue lets it (activities/deliver.ts), through
// its sink, under the idempotency key subscription:batch. A delivery already recorded for that key
// is not sent again. Each subscription is an activity of its own, all at once: every worker polling
// the queue takes one, and a subscriber that is down retries alone.
import { Context } from '@temporalio/activity';
import type { DeliveryRecord } from '../connectors/types.ts';
import { findBatch, mergeBatchCounts, setBatchStep } from '../db/batches.ts';
import type { Db } from '../db/connect.ts';
import { activeSubscriptions } from '../db/queries/deliveries.ts';
import { chosenRecordsAfter, withFields } from '../db/queries/pipeline/distribute.ts';
import type { ChosenScope } from '../db/queries/pipeline/distribute.ts';
import { deliverToSubscriptions, toDeliveryRecord } from './deliver.ts';
import type { Delivered } from './deliver.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { doneStats, markDone, planParts } from './step-once.ts';
import type { StepStats } from './step-once.ts';

// A page at a time (db/queries/pipeline/distribute.ts): the whole delivery is linear in the batch's
// size. A record the subscription can never receive comes without its fields: null, withheld.
async function* changedRecords(db: Db, batchId: string, pageSize: number, scope: ChosenScope): AsyncGenerator<DeliveryRecord | null> {
  let after = 0;
  for (;;) {
    const page = await chosenRecordsAfter(db, batchId, after, pageSize, scope);
    for (const g of page) yield withFields(g) ? toDeliveryRecord(g) : null;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.row_no;
    Context.current().heartbeat({ after });
  }
}

/** The subscriptions still to deliver to: none when the step is done. */
export async function distributePlan({ db }: ActivityDeps, { batchId }: BatchRef): Promise<string[]> {
  return planParts(db, batchId, 'distribute', async () => {
    const batch = (await findBatch(db, batchId))!;
    return (await activeSubscriptions(db, batch.dataset)).map((s) => s.id);
  });
}

/** One subscription's delivery of the batch's change set (the subscription may have ended since the plan: then nothing). */
export async function distributeTo(deps: ActivityDeps, { batchId, subscription }: BatchRef & { subscription: string }): Promise<Delivered> {
  return deliverBatch(deps, batchId, (id) => id === subscription);
}

/** After every subscription: the step's figures, from what each delivery returned. */
export async function distributeFinish(deps: ActivityDeps, { batchId, parts }: BatchRef & { parts: Delivered[] }): Promise<StepStats> {
  const { db } = deps;
  const done = await doneStats(db, batchId, 'distribute');
  if (done) return done;
  const sum = (k: keyof Delivered) => parts.reduce((n, p) => n + p[k], 0);
  return closeStep(db, batchId, { subscriptions: sum('subscriptions'), records: sum('records'), tombstones: sum('tombstones'), withheld: sum('withheld') });
}

/** The whole step in one activity, as workflow histories from before the parts replay it. */
export async function distribute(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const { db } = deps;
  const done = await doneStats(db, batchId, 'distribute');
  if (done) return done;
  await setBatchStep(db, batchId, 'distribute');
  return closeStep(db, batchId, await deliverBatch(deps, batchId, () => true));
}

async function deliverBatch(deps: ActivityDeps, batchId: string, which: (subscription: string) => boolean): Promise<Delivered> {
  const { db, config } = deps;
  const batch = (await findBatch(db, batchId))!;
  return deliverToSubscriptions(db, config, batch.dataset, batchId, null, { agency: batch.agency, channel: batch.channel },
    (scope) => changedRecords(db, batchId, config.chunkRows, scope), { today: deps.clock.today(), only: (s) => which(s.id) });
}

async function closeStep(db: Db, batchId: string, r: Delivered): Promise<StepStats> {
  const delivered = r.records;
  const stats = { subscriptions: r.subscriptions, delivered, tombstones: r.tombstones, withheld: r.withheld };
  await markDone(db, batchId, 'distribute', stats);
  await mergeBatchCounts(db, batchId, { delivered });
  return stats;
}
