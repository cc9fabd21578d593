// Delivering golden records to every active subscription of their dataset, once per idempotency
// key (subscription:batch, or subscription:batch:reason for what changes a record outside its
// batch's own distribute step: a steward's decision, a credit repair). A key already recorded is
// not sent again; what it carried is counted as delivered.
import path from 'node:path';
import { sink } from '../connectors/registry.ts';
import type { DeliveryRecord } from '../connectors/types.ts';
import type { Db } from '../db/connect.ts';

export interface GoldenRow { id: number; dataset: string; version: number; subject_uscc: string | null; fields: Record<string, unknown>; status: string }

/** A golden record as subscribers receive it: withdrawn (repaired, merged) records are tombstones. */
export const toDeliveryRecord = (g: GoldenRow): DeliveryRecord =>
  ({ op: g.status === 'active' ? 'upsert' : 'tombstone', goldenId: g.id, version: g.version, dataset: g.dataset, subjectUscc: g.subject_uscc, fields: g.fields });

export interface Delivered { subscriptions: number; records: number; tombstones: number }

export async function deliverToSubscriptions(
  db: Db, dataDir: string, dataset: string, batchId: string, reason: string | null, records: () => AsyncIterable<DeliveryRecord>,
): Promise<Delivered> {
  const subs = (await db('subscriptions').where({ dataset, active: true }).orderBy('id')) as Array<{ id: string; sink: string; config: Record<string, unknown> }>;
  const total: Delivered = { subscriptions: subs.length, records: 0, tombstones: 0 };
  for (const sub of subs) {
    const key = reason ? `${sub.id}:${batchId}:${reason}` : `${sub.id}:${batchId}`;
    let result = (await db('deliveries').where({ idempotency_key: key }).first('records', 'tombstones')) as { records: number; tombstones: number } | undefined;
    if (!result) {
      const sent = await (await sink(sub.sink)).deliver({ dir: path.join(dataDir, 'outbox', sub.id), ...sub.config }, key, records());
      await db('deliveries').insert({
        subscription_id: sub.id, batch_id: batchId, idempotency_key: key, records: sent.records, tombstones: sent.tombstones,
        location: sent.location, status: 'delivered', acknowledged_at: db.fn.now(),
      }).onConflict('idempotency_key').ignore();
      result = sent;
    }
    total.records += result.records;
    total.tombstones += result.tombstones;
  }
  return total;
}

/** One record's current state to every subscription, under subscription:batch:reason. */
export async function deliverRecord(db: Db, dataDir: string, batchId: string, goldenId: number, reason: string): Promise<number> {
  const g = (await db('golden_records').where({ id: goldenId }).first('id', 'dataset', 'version', 'subject_uscc', 'fields', 'status')) as GoldenRow;
  const r = await deliverToSubscriptions(db, dataDir, g.dataset, batchId, reason, async function* () { yield toDeliveryRecord(g); });
  return r.records + r.tombstones;
}
