// One record's new state (an upsert, or a tombstone once it is withdrawn) to every active
// subscription of its dataset, once per key: subscription:batch:reason. Used for what changes a
// record outside a batch's own distribute step: a steward's decision, a credit repair.
import path from 'node:path';
import { sink } from '../connectors/registry.ts';
import type { DeliveryRecord } from '../connectors/types.ts';
import type { Db } from '../db/connect.ts';

export async function deliverRecord(db: Db, dataDir: string, batchId: string, goldenId: number, reason: string): Promise<number> {
  const g = (await db('golden_records').where({ id: goldenId }).first('id', 'dataset', 'version', 'subject_uscc', 'fields', 'status')) as
    { id: number; dataset: string; version: number; subject_uscc: string | null; fields: Record<string, unknown>; status: string };
  const subs = (await db('subscriptions').where({ dataset: g.dataset, active: true }).orderBy('id')) as Array<{ id: string; sink: string; config: Record<string, unknown> }>;
  let delivered = 0;
  for (const sub of subs) {
    const key = `${sub.id}:${batchId}:${reason}`;
    if (await db('deliveries').where({ idempotency_key: key }).first('id')) continue;
    async function* one(): AsyncGenerator<DeliveryRecord> {
      yield { op: g.status === 'active' ? 'upsert' : 'tombstone', goldenId: g.id, version: g.version, dataset: g.dataset, subjectUscc: g.subject_uscc, fields: g.fields };
    }
    const result = await (await sink(sub.sink)).deliver({ dir: path.join(dataDir, 'outbox', sub.id), ...sub.config }, key, one());
    await db('deliveries').insert({
      subscription_id: sub.id, batch_id: batchId, idempotency_key: key, records: result.records, tombstones: result.tombstones,
      location: result.location, status: 'delivered', acknowledged_at: db.fn.now(),
    }).onConflict('idempotency_key').ignore();
    delivered += result.records + result.tombstones;
  }
  return delivered;
}
