// What a batch's distribute step delivered, per subscription, and how much of it the public
// disclosure site should have received today: publication ends with time, so a test that counts
// public deliveries computes them from the records' dates with the same rules on the same day.
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { publicationFor } from '../../catalog/publication/rules.ts';
import type { Db } from '../../db/connect.ts';
import { chinaToday } from '../../domain/china-day.ts';

export async function deliveredBySubscription(db: Db, batchId: string): Promise<Record<string, number>> {
  const rows = (await db('deliveries').where({ batch_id: batchId, idempotency_key: db.raw(`subscription_id || ':' || batch_id`) })
    .select('subscription_id', 'records')) as Array<{ subscription_id: string; records: number }>;
  return Object.fromEntries(rows.map((r) => [r.subscription_id, r.records]));
}

/** How many of the records the batch chose are in their publicity period today. */
export async function publishedToday(db: Db, batchId: string): Promise<number> {
  const rows = (await db('record_sources as s').join('golden_records as g', 'g.id', 's.golden_id')
    .where({ 's.batch_id': batchId, 's.role': 'chosen' }).select('g.dataset', 'g.fields')) as Array<{ dataset: string; fields: Record<string, string> }>;
  return rows.filter((r) => publicationFor(datasetDefinition(r.dataset).publication.period)(r.fields, chinaToday())?.published).length;
}
