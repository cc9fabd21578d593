// A finished batch's OpenLineage run events to the configured lineage server and/or file
// (services/openlineage.ts builds them from what the pipeline recorded). Its own activity, so a
// lineage server that is down delays nothing but itself: the workflow retries it with back-off
// while stewards' decisions go ahead; the events carry the same run ids on every attempt.
import { emitConfiguredOpenLineage } from '../services/openlineage.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';

export async function emitOpenLineage(deps: ActivityDeps, { batchId }: BatchRef): Promise<number> {
  return emitConfiguredOpenLineage(deps.db, deps.config, batchId);
}
