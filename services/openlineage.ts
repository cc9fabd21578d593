// A batch as OpenLineage run events, read from what the pipeline recorded in PostgreSQL (the batch,
// its completed steps in batch_steps, the subscriptions it was delivered to), for auditors who
// export it (`cdf lineage --batch ID --openlineage`) and for the emitOpenLineage activity, which
// sends every finished batch to the configured targets.
import { datasetCodes, datasetDefinition } from '../catalog/dataset-definition.ts';
import { emitRunEvents, parseTarget } from '../connectors/openlineage/index.ts';
import type { OpenLineageTarget } from '../connectors/openlineage/index.ts';
import { findBatch } from '../db/batches.ts';
import type { Db } from '../db/connect.ts';
import { notFoundError } from '../domain/errors.ts';
import { buildRunEvents } from '../domain/lineage/openlineage.ts';
import type { RunEvent, StepRecord } from '../domain/lineage/openlineage.ts';
import type { Config } from '../runtime/config.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';

/** The events of one batch's run, for a caller that has already been authorised (the pipeline). */
export async function runEventsOfBatch(db: Db, batchId: string): Promise<RunEvent[]> {
  const batch = await findBatch(db, batchId);
  if (!batch) throw notFoundError('CDF_BATCH_UNKNOWN', { zh: `批次 ${batchId} 不存在`, en: `batch ${batchId} does not exist` }, { value: batchId });
  const steps = ((await db('batch_steps').where({ batch_id: batchId }).orderBy(['done_at', 'step']).select('step', 'stats', 'done_at')) as Array<{ step: StepRecord['step']; stats: StepRecord['stats']; done_at: Date }>)
    .map((s) => ({ step: s.step, stats: s.stats, doneAt: s.done_at }));
  // Once distributed, the subscriptions that were delivered to (a later-deactivated one included);
  // before, those that distribute would deliver to.
  const subscriptions = steps.some((s) => s.step === 'distribute')
    ? await db('subscriptions as s').whereExists(db('deliveries as d').select(db.raw('1')).whereRaw('d.subscription_id = s.id').andWhere('d.batch_id', batchId)).orderBy('s.id').pluck('s.id')
    : await db('subscriptions').where({ dataset: batch.dataset, active: true }).orderBy('id').pluck('id');
  const registry = datasetCodes().map(datasetDefinition).find((d) => d.registry);
  return buildRunEvents({ batch: { ...batch, steps }, dataset: datasetDefinition(batch.dataset), registry, subscriptions: subscriptions as string[] });
}

/** The events of a batch's run, for an auditor (the same roles as the rest of lineage). */
export async function batchOpenLineage(db: Db, who: Identity, batchId: string): Promise<RunEvent[]> {
  requireRole(who, [Role.auditor, Role.steward, Role.admin], { zh: '导出数据血缘', en: 'export lineage' });
  return runEventsOfBatch(db, batchId);
}

export async function sendBatchOpenLineage(db: Db, batchId: string, targets: OpenLineageTarget[]): Promise<number> {
  if (!targets.length) return 0;
  const events = await runEventsOfBatch(db, batchId);
  for (const t of targets) await emitRunEvents(t, events);
  return events.length;
}

/** The OpenLineage settings of a Config. Typed loosely on purpose: activities are given only the
 * part of the Config their steps declare, while the worker passes the whole of it. */
export type OpenLineageSettings = object & Partial<Pick<Config, 'openLineageUrl' | 'openLineageFile'>>;

export const configuredTargets = (config: OpenLineageSettings): OpenLineageTarget[] => [
  ...(config.openLineageUrl ? [parseTarget(config.openLineageUrl)] : []),
  ...(config.openLineageFile ? [{ kind: 'file' as const, path: config.openLineageFile }] : []),
];

/** At the end of a batch: its events to every configured target; nothing when none is. */
export const emitConfiguredOpenLineage = (db: Db, config: OpenLineageSettings, batchId: string): Promise<number> =>
  sendBatchOpenLineage(db, batchId, configuredTargets(config));
