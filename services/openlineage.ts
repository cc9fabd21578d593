// A batch as OpenLineage run events, read from what the pipeline recorded in PostgreSQL (the batch,
// its completed steps in batch_steps, the subscriptions it was delivered to), for auditors who
// export it (`cdf lineage --batch ID --openlineage`) and for the emitOpenLineage activity, which
// sends every finished batch to the configured targets (events built by db/lineage-events.ts).
import { sendRunEvents } from '../connectors/openlineage/index.ts';
import type { OpenLineageTarget } from '../connectors/openlineage/index.ts';
import { runEventsOfBatch } from '../db/lineage-events.ts';
import type { Db } from '../db/connect.ts';
import { batchAgency } from '../db/queries/batches.ts';
import type { RunEvent } from '../domain/lineage/openlineage.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';
import { batchInScope, scopeOf, unknownBatch } from './scope.ts';

/** The events of a batch's run, for an auditor (the same roles as the rest of lineage). */
export async function batchOpenLineage(db: Db, who: Identity, batchId: string): Promise<RunEvent[]> {
  requireRole(who, [Role.auditor, Role.steward, Role.admin], { zh: '导出数据血缘', en: 'export lineage' });
  // Out of scope answers as an unknown batch (scope.ts); the events carry no personal data.
  const agency = await batchAgency(db, batchId);
  if (agency === undefined || !batchInScope(await scopeOf(db, who), agency)) throw unknownBatch(batchId);
  return runEventsOfBatch(db, batchId);
}

/** A batch's events to the given targets (the CLI's on-demand export). */
export async function sendBatchOpenLineage(db: Db, batchId: string, targets: OpenLineageTarget[]): Promise<number> {
  if (!targets.length) return 0;
  return sendRunEvents(targets, await runEventsOfBatch(db, batchId));
}
