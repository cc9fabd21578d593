// A batch's run as OpenLineage events, from what the pipeline recorded: the batch, its completed
// steps and the subscriptions it reached. Read here, below both the activity that sends them when a
// batch ends and the service an auditor exports them through.
import { datasetCodes, datasetDefinition } from '../catalog/dataset-definition.ts';
import { notFoundError } from '../domain/errors.ts';
import { buildRunEvents } from '../domain/lineage/openlineage.ts';
import type { RunEvent, StepRecord } from '../domain/lineage/openlineage.ts';
import { findBatch } from './batches.ts';
import type { Db } from './connect.ts';

/** The events of one batch's run, for a caller that has already been authorised (the pipeline). */
export async function runEventsOfBatch(db: Db, batchId: string): Promise<RunEvent[]> {
  const batch = await findBatch(db, batchId);
  if (!batch) throw notFoundError('CDF_BATCH_UNKNOWN', { zh: `批次 ${batchId} 不存在`, en: `batch ${batchId} does not exist` }, { value: batchId });
  const steps = (
    (await db('batch_steps').where({ batch_id: batchId }).orderBy(['done_at', 'step']).select('step', 'stats', 'done_at')) as Array<{
      step: StepRecord['step'];
      stats: StepRecord['stats'];
      done_at: Date;
    }>
  ).map((s) => ({ step: s.step, stats: s.stats, doneAt: s.done_at }));
  // Once distributed, the subscriptions that were delivered to (a later-deactivated one included);
  // before, those that distribute would deliver to.
  const subscriptions = steps.some((s) => s.step === 'distribute')
    ? await db('subscriptions as s')
        .whereExists(db('deliveries as d').select(db.raw('1')).whereRaw('d.subscription_id = s.id').andWhere('d.batch_id', batchId))
        .orderBy('s.id')
        .pluck('s.id')
    : await db('subscriptions').where({ dataset: batch.dataset, active: true }).orderBy('id').pluck('id');
  const registry = datasetCodes().map(datasetDefinition).find((d) => d.registry);
  return buildRunEvents({ batch: { ...batch, steps }, dataset: datasetDefinition(batch.dataset), registry, subscriptions: subscriptions as string[] });
}
