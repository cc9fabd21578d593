// Batches and deliveries written straight into a test database with known figures, so the
// operator's lists and the quality dashboard can be checked number by number without running files
// through the pipeline (the figures are what the steps would have left on the batch).
import type { Db } from '../../db/connect.ts';
import type { BatchCounts } from '../../domain/pipeline.ts';

export interface PlantedBatch {
  id: string; agency: string; dataset: string; channel?: string; status?: string; createdAt: string; counts?: BatchCounts;
}

export async function plantBatch(db: Db, b: PlantedBatch): Promise<void> {
  const version = ((await db('catalog_versions').max({ v: 'id' })) as [{ v: number }])[0].v;
  await db('batches').insert({
    id: b.id, dataset: b.dataset, agency: b.agency, channel: b.channel ?? 'agency_upload', file_name: `${b.id}.csv`, file_sha256: b.id,
    file_bytes: 1, format: 'csv', encoding: 'utf-8', headers: JSON.stringify([]), column_map: JSON.stringify([]), catalog_version: version,
    landing_path: `/tmp/${b.id}`, status: b.status ?? 'done', counts: JSON.stringify(b.counts ?? {}), created_by: 'test', created_at: b.createdAt,
  });
}

export interface PlantedDelivery {
  subscription: string; batchId: string | null; status: string; records?: number; withheld?: number; createdAt?: string; key?: string;
}

export async function plantDelivery(db: Db, d: PlantedDelivery): Promise<number> {
  const [row] = (await db('deliveries').insert({
    subscription_id: d.subscription, batch_id: d.batchId, idempotency_key: d.key ?? `${d.subscription}:${d.batchId ?? 'day'}`, records: d.records ?? 0,
    tombstones: 0, withheld: d.withheld ?? 0, status: d.status, ...(d.createdAt ? { created_at: d.createdAt } : {}),
    ...(d.status === 'failing' ? { attempts: 3, last_error: 'connection refused' } : {}),
  }).returning('id')) as Array<{ id: number }>;
  return Number(row!.id);
}
